//! Restoring a backup: the file is copied beside the database and checked (checksum,
//! ours, not newer, `integrity_check`) before anything changes; the current database is
//! kept in the backups folder (WAL folded in first, with its checksum like every backup);
//! then the copy takes its place.

use super::files::{io_err, parent_dir, sha256_file, sync_dir, temp_in, verify_sum, write_sum};
use super::{BackupError, folder, stem};
use crate::lock::InstanceLock;
use crate::log::{self, Event};
use crate::paths::with_suffix;
use crate::store::backup::{Verdict, inspect};
use crate::store::{Store, StoreError, create_private_dir};
use crate::vault::{KeyFile, TempKeys};
use chrono::NaiveDateTime;
use std::path::{Path, PathBuf};

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    /// Where the database that was replaced is kept (none when there was none).
    pub kept: Option<PathBuf>,
    /// Whether the backup's checksum was there and matched.
    pub checksum: bool,
}

/// Replaces the database at `db` by the backup `file`. Refuses while the database is
/// open elsewhere, and refuses a file that is damaged, not ours or newer; in those cases
/// nothing changes. A link is resolved first: the real file is locked, kept and replaced,
/// and the link goes on pointing at it.
pub fn restore(db: &Path, file: &Path, at: NaiveDateTime) -> Result<Restored, BackupError> {
    let lock = InstanceLock::acquire(db).map_err(BackupError::Locked)?;
    let db = lock.db();
    // Only the user's own regular file is replaced (an empty or damaged one too): never a
    // device, a folder or another user's file.
    crate::store::found(db)?;
    let dir = parent_dir(db);
    create_private_dir(dir).map_err(io_err(dir))?;
    // Check a private copy beside the database: what is checked is what goes in.
    let mut tmp = temp_in(dir)?;
    let mut src = std::fs::File::open(file).map_err(io_err(file))?;
    std::io::copy(&mut src, tmp.as_file_mut()).map_err(io_err(tmp.path()))?;
    tmp.as_file().sync_all().map_err(io_err(tmp.path()))?;
    let checksum = verify_sum(file, tmp.path())?;
    // An encrypted backup is opened by the key file that travels beside it.
    let keys = KeyFile::read(file).map_err(StoreError::from)?;
    let keys = TempKeys::beside(tmp.path(), keys.as_ref()).map_err(StoreError::from)?;
    match inspect(tmp.path(), true)? {
        Verdict::Sound { .. } => {}
        verdict => {
            return Err(BackupError::Refused {
                path: file.to_owned(),
                verdict,
            });
        }
    }
    let kept = if db.exists() {
        Some(keep_current(db, at)?)
    } else {
        None
    };
    tmp.persist(db).map_err(|e| BackupError::Io {
        path: db.to_owned(),
        source: e.error,
    })?;
    keys.move_to(db).map_err(StoreError::from)?;
    sync_dir(dir).map_err(io_err(dir))?;
    // Open it once as the app will: WAL on, migrations applied.
    Store::open(db)?.close()?;
    log::event(Event::Restored);
    Ok(Restored { kept, checksum })
}

/// Keeps the current database in the backups folder as `<stem>-before-restore-<time>.db`.
/// Its WAL is folded into the main file first; a database too damaged to open is kept
/// exactly as it is, WAL and all. The database stays in place until the restored copy
/// replaces it in one rename.
fn keep_current(db: &Path, at: NaiveDateTime) -> Result<PathBuf, BackupError> {
    let dir = folder(db);
    create_private_dir(&dir).map_err(io_err(&dir))?;
    let base = format!(
        "{}-before-restore-{}",
        stem(db),
        at.format("%Y-%m-%d-%H%M%S")
    );
    let mut dest = dir.join(format!("{base}.db"));
    for n in 2.. {
        if !dest.exists() {
            break;
        }
        dest = dir.join(format!("{base}-{n}.db"));
    }
    if let Ok(store) = Store::open(db) {
        // Best effort: when it fails, the WAL is kept beside the copy below.
        let _ = store.checkpoint();
        let _ = store.close();
    }
    // A hard link keeps the old file under its new name once the copy replaces it.
    if std::fs::hard_link(db, &dest).is_err() {
        let mut out = crate::store::create_private(&dest).map_err(io_err(&dest))?;
        let mut src = std::fs::File::open(db).map_err(io_err(db))?;
        std::io::copy(&mut src, &mut out).map_err(io_err(&dest))?;
        out.sync_all().map_err(io_err(&dest))?;
    }
    write_sum(&dest, &sha256_file(&dest).map_err(io_err(&dest))?)?;
    if let Some(keys) = KeyFile::read(db).map_err(StoreError::from)? {
        keys.write(&dest).map_err(StoreError::from)?;
    }
    let wal = with_suffix(db, "-wal");
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        let kept_wal = with_suffix(&dest, "-wal");
        std::fs::copy(&wal, &kept_wal).map_err(io_err(&kept_wal))?;
    }
    // The old log and index must not be read as part of the restored file.
    for side in [wal, with_suffix(db, "-shm")] {
        match std::fs::remove_file(&side) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_err(&side)(e)),
        }
    }
    sync_dir(&dir).map_err(io_err(&dir))?;
    Ok(dest)
}
