//! The `backups` folder beside the database: writing a verified copy (temporary name,
//! fsync, reopen and `quick_check`, checksum, rename), the daily backup in the
//! background, and keeping the last 14. Restoring lives in `restore`.

pub mod files;
mod restore;

pub use files::{parent_dir, sha256_file, sum_path, sync_dir};
pub use restore::{Restored, restore};

use crate::i18n::{Lang, t, tf, tn};
use crate::lock::LockError;
use crate::log::{self, Event};
use crate::store::backup::{Verdict, inspect};
use crate::store::{ErrorKind, Store, StoreError, create_private_dir, io_clause, io_kind};
use crate::vault::TempKeys;
use chrono::{NaiveDate, NaiveDateTime};
use files::io_err;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};

/// How many backups the folder keeps.
pub const KEEP: usize = 14;

/// Why a backup or a restore did not happen; the caseload is untouched in every case.
#[derive(Debug)]
pub enum BackupError {
    /// The database could not be read.
    Store(StoreError),
    /// A file could not be read or written.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The target of `caseload backup FILE` exists already.
    Exists { path: PathBuf },
    /// The target of `caseload backup FILE` is a link to nothing: not written through.
    BrokenLink { path: PathBuf },
    /// The file is not a sound caseload database (not ours, newer, damaged).
    Refused { path: PathBuf, verdict: Verdict },
    /// The file does not match the checksum written beside it.
    Checksum { path: PathBuf },
    /// The app (or another command) has the database open.
    Locked(LockError),
}

impl From<StoreError> for BackupError {
    fn from(e: StoreError) -> Self {
        BackupError::Store(e)
    }
}

impl BackupError {
    /// One sentence for the caseworker.
    pub fn message(&self, lang: Lang) -> String {
        let file = |p: &Path| p.display().to_string();
        match self {
            BackupError::Store(e) if e.kind().is_storage() && !e.has_own_sentence() => tf(
                lang,
                "robust.backup.failed",
                &[("reason", &self.reason(lang))],
            ),
            BackupError::Store(e) => e.user_message(lang),
            BackupError::Io { path, source } => tf(
                lang,
                "robust.backup.io",
                &[("file", &file(path)), ("error", &io_clause(source, lang))],
            ),
            BackupError::Exists { path } => {
                tf(lang, "robust.backup.exists", &[("file", &file(path))])
            }
            BackupError::BrokenLink { path } => {
                tf(lang, "robust.backup.broken_link", &[("file", &file(path))])
            }
            BackupError::Refused { path, verdict } => match verdict {
                Verdict::NotOurs | Verdict::Sound { .. } => {
                    tf(lang, "robust.backup.not_ours", &[("file", &file(path))])
                }
                Verdict::Newer { found, known } => tf(
                    lang,
                    "robust.backup.newer",
                    &[("file", &file(path)), ("found", found), ("known", known)],
                ),
                Verdict::Locked { .. } => tf(lang, "vault.err.locked", &[("file", &file(path))]),
                Verdict::Damaged { problems } => tn(
                    lang,
                    "robust.backup.damaged",
                    problems.len() as u64,
                    &[("file", &file(path))],
                ),
            },
            BackupError::Checksum { path } => {
                tf(lang, "robust.backup.checksum", &[("file", &file(path))])
            }
            BackupError::Locked(e) => e.message(lang),
        }
    }

    /// The sentence of a daily backup that failed, per kind of failure.
    pub fn daily_message(&self, lang: Lang) -> String {
        tf(
            lang,
            "robust.backup.daily_failed",
            &[("reason", &self.reason(lang))],
        )
    }

    /// What failed and what to do, per kind: the end of a sentence that says a backup
    /// failed.
    fn reason(&self, lang: Lang) -> &'static str {
        let kind = match self {
            BackupError::Store(e) => e.kind(),
            BackupError::Io { source, .. } => io_kind(source),
            BackupError::Refused {
                verdict: Verdict::Damaged { .. },
                ..
            }
            | BackupError::Checksum { .. } => ErrorKind::Corrupt,
            BackupError::Locked(_) => ErrorKind::Busy,
            BackupError::Exists { .. }
            | BackupError::BrokenLink { .. }
            | BackupError::Refused { .. } => ErrorKind::Other,
        };
        let key = match kind {
            ErrorKind::DiskFull => "robust.backup.reason_disk_full",
            ErrorKind::ReadOnly => "robust.backup.reason_read_only",
            ErrorKind::Busy => "robust.backup.reason_busy",
            ErrorKind::Io => "robust.backup.reason_io",
            ErrorKind::Corrupt => "robust.backup.reason_damaged",
            _ => "robust.backup.reason_other",
        };
        t(lang, key)
    }

    /// The kind, for the log.
    pub fn kind(&self) -> &'static str {
        match self {
            BackupError::Store(e) => e.kind().name(),
            BackupError::Io { .. } => "io",
            BackupError::Exists { .. } => "exists",
            BackupError::BrokenLink { .. } => "link",
            BackupError::Refused { .. } => "refused",
            BackupError::Checksum { .. } => "checksum",
            BackupError::Locked(_) => "locked",
        }
    }
}

/// The backups folder of a database.
pub fn folder(db: &Path) -> PathBuf {
    crate::paths::beside(db, "backups")
}

/// The name part that ties backups to their database: `caseload` for `caseload.db`.
fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "caseload".into())
}

/// The name of a backup made at a moment: `caseload-2026-11-23-101500.db`.
pub fn file_name(db: &Path, at: NaiveDateTime) -> String {
    format!("{}-{}.db", stem(db), at.format("%Y-%m-%d-%H%M%S"))
}

/// Whether `name` is one of the rotated backups of the database with this stem.
fn is_rotated(name: &str, stem: &str) -> bool {
    let Some(rest) = name
        .strip_prefix(stem)
        .and_then(|r| r.strip_prefix('-'))
        .and_then(|r| r.strip_suffix(".db"))
    else {
        return false;
    };
    let (stamp, extra) = rest.split_at(rest.len().min(17));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d-%H%M%S").is_ok()
        && (extra.is_empty() || extra.strip_prefix('-').is_some_and(digits))
}

/// The rotated backups of a database, oldest first (names sort by time).
pub fn list(db: &Path) -> std::io::Result<Vec<PathBuf>> {
    let dir = folder(db);
    let stem = stem(db);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut names: Vec<String> = Vec::new();
    for entry in entries {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if is_rotated(&name, &stem) {
            names.push(name);
        }
    }
    names.sort();
    Ok(names.into_iter().map(|n| dir.join(n)).collect())
}

/// Whether a backup of the database was made on a day.
pub fn has_backup_on(db: &Path, day: NaiveDate) -> std::io::Result<bool> {
    let prefix = format!("{}-{}-", stem(db), day.format("%Y-%m-%d"));
    Ok(list(db)?.iter().any(|p| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
    }))
}

/// Which of `sorted` (oldest first) go when only the newest `keep` stay.
pub fn to_remove<T>(sorted: &[T], keep: usize) -> &[T] {
    &sorted[..sorted.len().saturating_sub(keep)]
}

/// Removes all but the newest `keep` backups (with their checksums); returns how many went.
pub fn rotate(db: &Path, keep: usize) -> std::io::Result<usize> {
    let all = list(db)?;
    let old = to_remove(&all, keep);
    for p in old {
        std::fs::remove_file(p)?;
        let _ = std::fs::remove_file(sum_path(p));
        let _ = std::fs::remove_file(crate::vault::key_path(p));
    }
    if !old.is_empty() {
        log::event(Event::BackupsRemoved { count: old.len() });
    }
    Ok(old.len())
}

/// Writes a verified copy of the database to `dest`, which must not exist: a temporary
/// file beside it (0600) gets the copy, is synced, reopened and checked, gets its
/// checksum, and only then takes its name. Returns the size in bytes.
pub fn write_verified(store: &Store, dest: &Path) -> Result<u64, BackupError> {
    let exists = || BackupError::Exists {
        path: dest.to_owned(),
    };
    if dest.exists() {
        return Err(exists());
    }
    // A link to nothing: the copy would land wherever it points.
    if std::fs::symlink_metadata(dest).is_ok() {
        return Err(BackupError::BrokenLink {
            path: dest.to_owned(),
        });
    }
    let dir = parent_dir(dest);
    create_private_dir(dir).map_err(io_err(dir))?;
    let tmp = files::temp_in(dir)?;
    // An encrypted caseload's copy is encrypted with the same key: its key file goes with it.
    let keys =
        TempKeys::beside(tmp.path(), store.key_file()?.as_ref()).map_err(StoreError::from)?;
    store.copy_into(tmp.path())?;
    tmp.as_file().sync_all().map_err(io_err(tmp.path()))?;
    match inspect(tmp.path(), false)? {
        Verdict::Sound { .. } => {}
        verdict => {
            return Err(BackupError::Refused {
                path: dest.to_owned(),
                verdict,
            });
        }
    }
    let sum = sha256_file(tmp.path()).map_err(io_err(tmp.path()))?;
    let size = tmp.as_file().metadata().map_err(io_err(tmp.path()))?.len();
    tmp.persist_noclobber(dest)
        .map_err(|e| match e.error.kind() {
            // Made meanwhile by someone else: left as it is.
            std::io::ErrorKind::AlreadyExists => exists(),
            _ => BackupError::Io {
                path: dest.to_owned(),
                source: e.error,
            },
        })?;
    keys.move_to(dest).map_err(StoreError::from)?;
    files::write_sum(dest, &sum)?;
    sync_dir(dir).map_err(io_err(dir))?;
    log::event(Event::BackupWritten { bytes: size });
    Ok(size)
}

/// Writes a backup into the backups folder (then keeps the newest [`KEEP`]).
pub fn backup_into_folder(
    store: &Store,
    db: &Path,
    at: NaiveDateTime,
) -> Result<PathBuf, BackupError> {
    let dir = folder(db);
    crate::temps::clean_dir(&dir);
    let base = file_name(db, at);
    let mut dest = dir.join(&base);
    for n in 2.. {
        if !dest.exists() {
            break;
        }
        dest = dir.join(base.replace(".db", &format!("-{n}.db")));
    }
    write_verified(store, &dest)?;
    rotate(db, KEEP).map_err(io_err(&dir))?;
    Ok(dest)
}

/// The first start of a day writes a backup (on its own read-only connection); later
/// starts that day do nothing. Returns the backup written, if any.
pub fn daily(db: &Path, at: NaiveDateTime) -> Result<Option<PathBuf>, BackupError> {
    if has_backup_on(db, at.date()).map_err(io_err(&folder(db)))? {
        return Ok(None);
    }
    let store = Store::open_read_only(db)?;
    backup_into_folder(&store, db, at).map(Some)
}

/// Runs [`daily`] on a background thread, so the first frame never waits for it. The
/// receiver gets one sentence if it failed (and nothing when all went well).
pub fn spawn_daily(db: &Path, at: NaiveDateTime, lang: Lang) -> Receiver<String> {
    spawn_start(db, at, lang, Arc::default())
}

/// Whether `quick_check` finds the database damaged, on a read-only connection of its own.
/// A file that cannot be read at all is for the daily backup to report.
pub fn is_damaged(db: &Path) -> bool {
    Store::open_read_only(db).is_ok_and(|s| s.quick_damaged().unwrap_or(false))
}

/// What the app does in the background when it starts: `quick_check` on the database (up
/// to a second for a large file that is not in the cache yet, so never before the first
/// frame), then [`daily`]. A damaged file sets `damaged` (the store's
/// [`Store::damage_flag`]: nothing more is saved into it), gets no backup (it would
/// only be refused, and must not push a sound one out of the 14), and is said once.
pub fn spawn_start(
    db: &Path,
    at: NaiveDateTime,
    lang: Lang,
    damaged: Arc<AtomicBool>,
) -> Receiver<String> {
    let (tx, rx) = channel();
    let db = db.to_owned();
    let spawned = std::thread::Builder::new()
        .name("caseload-backup".into())
        .spawn(move || {
            if is_damaged(&db) {
                damaged.store(true, Ordering::Relaxed);
                log::event(Event::Error {
                    kind: ErrorKind::Corrupt.name(),
                });
                let _ = tx.send(tf(
                    lang,
                    "robust.store.damaged_start",
                    &[("file", &db.display())],
                ));
                return;
            }
            if let Err(e) = daily(&db, at) {
                log::event(Event::BackupFailed { kind: e.kind() });
                let _ = tx.send(e.daily_message(lang));
            }
        });
    if spawned.is_err() {
        log::event(Event::BackupFailed { kind: "thread" });
    }
    rx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_by_time_and_only_ours_rotate() {
        let db = Path::new("/x/caseload.db");
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 5, 7)
            .unwrap();
        assert_eq!(file_name(db, at), "caseload-2026-11-23-090507.db");
        assert!(is_rotated("caseload-2026-11-23-090507.db", "caseload"));
        assert!(is_rotated("caseload-2026-11-23-090507-2.db", "caseload"));
        assert!(!is_rotated(
            "caseload-before-restore-2026-11-23-090507.db",
            "caseload"
        ));
        assert!(!is_rotated("demo-2026-11-23-090507.db", "caseload"));
        assert!(!is_rotated(
            "caseload-2026-11-23-090507.db.sha256",
            "caseload"
        ));
        assert!(!is_rotated("caseload-2026-13-23-090507.db", "caseload"));
        let names: Vec<u32> = (1..=16).collect();
        assert_eq!(to_remove(&names, 14), &[1, 2]);
        assert!(to_remove(&names[..3], 14).is_empty());
    }
}
