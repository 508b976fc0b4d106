//! One caseload per database: an OS lock on `<db>.lock`, released by the OS when the
//! process ends (however it ends), with the holder's process id inside for the message.

use crate::i18n::{Lang, tf};
use crate::store::{Store, create_private_dir};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The lock of one database, held as long as this value lives.
///
/// The lock file itself stays behind when the lock is released, and a stale file never
/// blocks: the OS lock, not the file, is what counts. Only a holder removes the file, and
/// only while it holds the lock ([`InstanceLock::remove`], when the database was refused):
/// whoever locked the file just before it went sees that the path no longer leads to it,
/// and takes the lock again on the file that is there now.
#[derive(Debug)]
pub struct InstanceLock {
    _file: File,
    path: PathBuf,
}

/// Why the lock could not be taken.
#[derive(Debug)]
pub enum LockError {
    /// Another process holds it (its id, when it has written it yet).
    Held { db: PathBuf, pid: Option<u32> },
    /// The lock file could not be created or locked.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl LockError {
    /// One sentence for the caseworker.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            LockError::Held { db, pid: Some(pid) } => tf(
                lang,
                "robust.lock.held",
                &[("file", &db.display()), ("pid", pid)],
            ),
            LockError::Held { db, pid: None } => {
                tf(lang, "robust.lock.held_unknown", &[("file", &db.display())])
            }
            LockError::Io { path, source } => tf(
                lang,
                "robust.lock.io",
                &[("file", &path.display()), ("error", source)],
            ),
        }
    }
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for LockError {}

/// The lock file of a database: the file name with `.lock` appended.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(".lock");
    PathBuf::from(s)
}

impl InstanceLock {
    /// Takes the lock of `db` without waiting; refuses when another process holds it.
    pub fn acquire(db: &Path) -> Result<InstanceLock, LockError> {
        let path = lock_path(db);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir).map_err(|source| LockError::Io {
                path: path.clone(),
                source,
            })?;
        }
        loop {
            if let Some(lock) = Self::try_acquire(db, &path)? {
                return Ok(lock);
            }
        }
    }

    /// One attempt: `None` when the file locked was removed meanwhile (try again).
    fn try_acquire(db: &Path, path: &Path) -> Result<Option<InstanceLock>, LockError> {
        let io = |source| LockError::Io {
            path: path.to_owned(),
            source,
        };
        let mut opts = OpenOptions::new();
        opts.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut file = opts.open(path).map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                return Err(LockError::Held {
                    db: db.to_owned(),
                    pid: text.trim().parse().ok(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        if !still_there(&file, path) {
            return Ok(None);
        }
        file.set_len(0).map_err(io)?;
        file.write_all(format!("{}\n", std::process::id()).as_bytes())
            .map_err(io)?;
        Ok(Some(InstanceLock {
            _file: file,
            path: path.to_owned(),
        }))
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Releases the lock and removes its file (removed while still held, see above):
    /// for a database that was refused, so that nothing is left beside it.
    pub fn remove(self) {
        #[cfg(unix)]
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Whether `path` still names the file that was locked (a holder may have removed it).
fn still_there(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let same =
            |a: &std::fs::Metadata, b: &std::fs::Metadata| a.dev() == b.dev() && a.ino() == b.ino();
        matches!((file.metadata(), std::fs::metadata(path)), (Ok(a), Ok(b)) if same(&a, &b))
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// The one way the app and the writing commands open their database: the instance lock
/// first, then the store. Both live as long as the returned pair.
pub fn open_locked(db: &Path, lang: Lang) -> anyhow::Result<(InstanceLock, Store)> {
    let lock = InstanceLock::acquire(db).map_err(|e| {
        if matches!(e, LockError::Held { .. }) {
            crate::log::event(crate::log::Event::Refused);
        }
        anyhow::anyhow!(e.message(lang))
    })?;
    match Store::open(db) {
        Ok(store) => Ok((lock, store)),
        Err(e) => {
            // Refused (not ours, newer, unreadable): nothing of ours stays beside it.
            lock.remove();
            Err(anyhow::anyhow!(e.user_message(lang)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_in_the_same_process_is_refused_with_the_pid_and_freed_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        let first = InstanceLock::acquire(&db).unwrap();
        assert_eq!(first.path(), dir.path().join("x.db.lock"));
        match InstanceLock::acquire(&db) {
            Err(LockError::Held { pid, .. }) => assert_eq!(pid, Some(std::process::id())),
            other => panic!("{other:?}"),
        }
        drop(first);
        let again = InstanceLock::acquire(&db).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(again.path())
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_removed_lock_file_is_left_by_whoever_locked_it_just_before() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        let first = InstanceLock::acquire(&db).unwrap();
        // Another process opened the file just before the holder removed it.
        let late = File::open(first.path()).unwrap();
        first.remove();
        assert!(!lock_path(&db).exists());
        // It gets the lock of the removed file, and sees that the path leads elsewhere.
        late.try_lock().unwrap();
        assert!(!still_there(&late, &lock_path(&db)));
        // A new lock is on a new file, which the late one does not block.
        let again = InstanceLock::acquire(&db).unwrap();
        assert!(still_there(
            &File::open(again.path()).unwrap(),
            again.path()
        ));
        match InstanceLock::acquire(&db) {
            Err(LockError::Held { .. }) => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_message_names_the_file_and_the_process() {
        let e = LockError::Held {
            db: PathBuf::from("/data/caseload.db"),
            pid: Some(4242),
        };
        let m = e.message(Lang::En);
        assert!(m.contains("/data/caseload.db") && m.contains("4242"), "{m}");
        assert!(e.message(Lang::Nl).contains("4242"));
    }
}
