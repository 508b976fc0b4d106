//! Why a caseload file could not be opened, said of the file: a journal beside it that is
//! a link, a full disk, a damaged file (our id, but pages missing or unreadable), not one
//! of ours at all; never SQLite's own text.

use super::errors::sqlite_kind;
use super::{APPLICATION_ID, ErrorKind, StoreError, Unfit, io_kind};
use rusqlite::OpenFlags;
use std::path::Path;

/// Refuses a database whose journal (`-wal`), index (`-shm`) or rollback journal
/// (`-journal`, which a bulk load into a new caseload writes, and which SQLite reads as a
/// write left halfway) beside it is a symbolic link: SQLite would write the database's
/// changes through it, or read them from it. Asked with `lstat` only.
pub(super) fn companions(path: &Path) -> Result<(), StoreError> {
    let companions = [
        ("-wal", Unfit::WalLink),
        ("-shm", Unfit::ShmLink),
        ("-journal", Unfit::JournalLink),
    ];
    for (suffix, why) in companions {
        let link = std::fs::symlink_metadata(crate::paths::with_suffix(path, suffix))
            .is_ok_and(|m| m.file_type().is_symlink());
        if link {
            return Err(StoreError::Unfit {
                path: path.to_owned(),
                why,
            });
        }
    }
    Ok(())
}

/// The first read of an opened file failed: a file SQLite does not know is not ours; a
/// damaged one is ours and damaged when its header still carries our id.
pub(super) fn unreadable(path: Option<&Path>, shown: &Path, e: rusqlite::Error) -> StoreError {
    let not_ours = || StoreError::NotOurs {
        path: shown.to_owned(),
    };
    match sqlite_kind(&e) {
        _ if is_code(&e, rusqlite::ErrorCode::NotADatabase) => not_ours(),
        ErrorKind::Corrupt => match path.and_then(id_despite_damage) {
            Some(APPLICATION_ID) => StoreError::Open {
                path: shown.to_owned(),
                kind: ErrorKind::Corrupt,
            },
            _ => not_ours(),
        },
        _ => StoreError::Sqlite(e),
    }
}

fn is_code(e: &rusqlite::Error, code: rusqlite::ErrorCode) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == code)
}

/// The file's `application_id` read from its header even when the file is shorter than
/// the header says (`writable_schema` lets SQLite read what is there), on a connection of
/// its own that only reads.
fn id_despite_damage(path: &Path) -> Option<i32> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = super::connect::connect(path, flags).ok()?;
    conn.pragma_update(None, "writable_schema", true).ok()?;
    conn.query_row("PRAGMA application_id", [], |r| r.get(0))
        .ok()
}

/// A failure while a file was opened, set up or migrated, said of the file: the storage
/// failures become [`StoreError::Open`] (a disk I/O error on a disk with no room left is a
/// full disk); a file that is not ours, newer or refused keeps its own sentence.
pub(super) fn failed(path: &Path, e: StoreError) -> StoreError {
    let open = |kind| StoreError::Open {
        path: path.to_owned(),
        kind,
    };
    let sqlite = match &e {
        StoreError::Sqlite(s) => Some(s),
        StoreError::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => Some(err),
        StoreError::Io { source, .. } if io_kind(source) == ErrorKind::DiskFull => {
            return open(ErrorKind::DiskFull);
        }
        _ => None,
    };
    let Some(s) = sqlite else {
        return e;
    };
    match sqlite_kind(s) {
        ErrorKind::Io if shm_size(s) || no_room(path) => open(ErrorKind::DiskFull),
        kind @ (ErrorKind::DiskFull
        | ErrorKind::ReadOnly
        | ErrorKind::Busy
        | ErrorKind::Io
        | ErrorKind::Corrupt
        | ErrorKind::Other) => open(kind),
        _ => e,
    }
}

/// SQLite could not grow the database's index (`-shm`): on a disk with no room left.
fn shm_size(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if f.extended_code == rusqlite::ffi::SQLITE_IOERR_SHMSIZE)
}

/// Whether the disk the file is on has (almost) no room left: less than SQLite needs to
/// make the index beside a database.
#[cfg(unix)]
fn no_room(path: &Path) -> bool {
    let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(d) => d,
        None => Path::new("."),
    };
    rustix::fs::statvfs(dir).is_ok_and(|s| s.f_bavail.saturating_mul(s.f_frsize) < 64 * 1024)
}

#[cfg(not(unix))]
fn no_room(_path: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn sqlite(code: i32) -> StoreError {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(code),
            Some("database or disk is full".into()),
        ))
    }

    #[test]
    fn a_full_disk_at_open_is_said_of_the_file_in_both_languages() {
        let path = Path::new("/data/caseload.db");
        let full = [
            sqlite(rusqlite::ffi::SQLITE_FULL),
            sqlite(rusqlite::ffi::SQLITE_IOERR_SHMSIZE),
            StoreError::Io {
                path: path.to_owned(),
                source: std::io::Error::from(std::io::ErrorKind::StorageFull),
            },
        ];
        for e in full {
            let e = failed(path, e);
            assert_eq!(e.kind(), ErrorKind::DiskFull, "{e:?}");
            assert_eq!(
                e.user_message(Lang::En),
                "/data/caseload.db cannot be opened because the disk it is on is full; \
                 nothing was changed. Free some space and try again."
            );
            let nl = e.user_message(Lang::Nl);
            assert!(
                nl.contains("/data/caseload.db") && nl.contains("vol"),
                "{nl}"
            );
        }
        // An I/O error on a disk with room is not called a full disk.
        let io = failed(
            Path::new("caseload.db"),
            sqlite(rusqlite::ffi::SQLITE_IOERR),
        );
        assert_eq!(io.kind(), ErrorKind::Io);
        // Not ours and newer keep their own sentences.
        let not_ours = StoreError::NotOurs {
            path: path.to_owned(),
        };
        assert!(matches!(failed(path, not_ours), StoreError::NotOurs { .. }));
    }

    #[test]
    fn every_failure_at_open_names_the_file_and_never_sqlites_text() {
        use rusqlite::ffi::*;
        for code in [
            SQLITE_FULL,
            SQLITE_READONLY,
            SQLITE_BUSY,
            SQLITE_IOERR,
            SQLITE_CORRUPT,
            SQLITE_ERROR,
        ] {
            let e = failed(Path::new("/data/caseload.db"), sqlite(code));
            assert!(matches!(e, StoreError::Open { .. }), "{code}: {e:?}");
            for lang in [Lang::En, Lang::Nl] {
                let m = e.user_message(lang);
                assert!(m.contains("/data/caseload.db"), "{m}");
                assert!(!m.contains("[?]") && !m.contains("disk is full\""), "{m}");
                assert!(!m.contains("database or disk"), "{m}");
                assert!(m.ends_with('.') && m.lines().count() == 1, "{m}");
            }
        }
    }
}
