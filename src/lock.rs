//! One caseload per database: OS locks, released by the OS when the process ends (however
//! it ends), with the holder's process id inside for the message.
//!
//! A database is locked twice: by its real path (`<real db>.lock` beside it, links
//! resolved) and by its device and inode (`<dev>-<inode>.lock` in the user's runtime
//! folder), so that a symbolic link or a hard link to the same file meets the same lock.

mod file;

use crate::i18n::{Lang, tf};
use crate::ownfile::{self, NotOwn};
use crate::store::{ErrorKind, Store, create_private_dir, io_clause, io_kind};
use file::LockFile;
use std::path::{Path, PathBuf};

/// The lock of one database, held as long as this value lives.
///
/// The path's lock file stays behind when the lock is released, and a stale file never
/// blocks: the OS lock, not the file, is what counts. Only a holder removes a lock file,
/// and only while it holds the lock (the inode's when it ends, the path's too when the
/// database was refused, [`InstanceLock::remove`]): whoever locked the file just before
/// it went sees that the path no longer leads to it, and takes the lock again on the file
/// that is there now.
#[derive(Debug)]
pub struct InstanceLock {
    by_path: Option<LockFile>,
    by_inode: Option<LockFile>,
    /// The database as the caseworker named it (for the message).
    shown: PathBuf,
    /// Its real path.
    real: PathBuf,
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
    /// What is at the lock file's place is not the user's own regular file: left alone.
    NotOwn { path: PathBuf, why: NotOwn },
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
            LockError::Io { path, source } if io_kind(source) == ErrorKind::DiskFull => {
                tf(lang, "robust.lock.full", &[("file", &path.display())])
            }
            LockError::Io { path, source } => tf(
                lang,
                "robust.lock.io",
                &[
                    ("file", &path.display()),
                    ("error", &io_clause(source, lang)),
                ],
            ),
            LockError::NotOwn { path, why } => {
                let key = match why {
                    NotOwn::Link => "robust.lock.link",
                    NotOwn::NotRegular => "robust.lock.not_regular",
                    NotOwn::OtherOwner => "robust.lock.not_owned",
                };
                tf(lang, key, &[("file", &path.display())])
            }
        }
    }
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for LockError {}

/// The lock file of a database's path: the file name with `.lock` appended.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(".lock");
    PathBuf::from(s)
}

impl InstanceLock {
    /// Takes the lock of `db` without waiting; refuses when another process holds it,
    /// whatever path or link it took to the file.
    pub fn acquire(db: &Path) -> Result<InstanceLock, LockError> {
        if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir).map_err(|source| LockError::Io {
                path: lock_path(db),
                source,
            })?;
        }
        let real = ownfile::resolve(db);
        let mut lock = InstanceLock {
            by_path: None,
            by_inode: None,
            shown: db.to_owned(),
            real,
        };
        lock.by_path = Some(lock.take(&lock_path(&lock.real))?);
        lock.cover_inode()?;
        Ok(lock)
    }

    /// Locks the database's device and inode too, once the file exists (a new database
    /// is locked by its path until it is created).
    pub fn cover_inode(&mut self) -> Result<(), LockError> {
        if self.by_inode.is_some() {
            return Ok(());
        }
        loop {
            let Some(id) = self.file_id() else {
                return Ok(());
            };
            let path = inode_folder()?.join(format!("{:x}-{}.lock", id.0, id.1));
            let taken = self.take(&path)?;
            // The file may have been replaced meanwhile (not by caseload: it would hold
            // the path's lock): lock the one that is there now.
            if self.file_id() == Some(id) {
                self.by_inode = Some(taken);
                return Ok(());
            }
            taken.remove();
        }
    }

    /// The device and inode of the database, when it exists.
    fn file_id(&self) -> Option<(u64, u64)> {
        let meta = std::fs::metadata(&self.real).ok()?;
        ownfile::file_id(&meta)
    }

    fn take(&self, path: &Path) -> Result<LockFile, LockError> {
        LockFile::take(path)?.map_err(|pid| LockError::Held {
            db: self.shown.clone(),
            pid,
        })
    }

    /// The lock file beside the database.
    pub fn path(&self) -> &Path {
        self.by_path.as_ref().map_or(Path::new(""), |l| l.path())
    }

    /// The database's real path (links resolved): the file to act on.
    pub fn db(&self) -> &Path {
        &self.real
    }

    /// Releases the lock and removes its files (removed while still held, see above):
    /// for a database that was refused, so that nothing is left beside it.
    pub fn remove(mut self) {
        if let Some(l) = self.by_path.take() {
            l.remove();
        }
    }
}

impl Drop for InstanceLock {
    /// The inode's lock file goes (while still held): the runtime folder keeps none of a
    /// database no longer open. The path's file stays for whoever comes next.
    fn drop(&mut self) {
        if let Some(l) = self.by_inode.take() {
            l.remove();
        }
    }
}

/// The user's folder for the inode locks: `$XDG_RUNTIME_DIR/caseload`, else
/// `<temp>/caseload-<uid>`; made private when missing, refused when it is a link or
/// another user's.
fn inode_folder() -> Result<PathBuf, LockError> {
    let runtime = std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|d| d.is_absolute() && d.is_dir());
    #[cfg(unix)]
    let dir = match runtime {
        Some(d) => d.join("caseload"),
        None => std::env::temp_dir().join(format!("caseload-{}", ownfile::uid())),
    };
    #[cfg(not(unix))]
    let dir = runtime.unwrap_or_else(std::env::temp_dir).join("caseload");
    let io = |source| LockError::Io {
        path: dir.clone(),
        source,
    };
    create_private_dir(&dir).map_err(io)?;
    let meta = std::fs::symlink_metadata(&dir).map_err(io)?;
    let why = if meta.file_type().is_symlink() {
        Some(NotOwn::Link)
    } else if !meta.is_dir() {
        Some(NotOwn::NotRegular)
    } else if !ownfile::is_users(&meta) {
        Some(NotOwn::OtherOwner)
    } else {
        None
    };
    match why {
        Some(why) => Err(LockError::NotOwn { path: dir, why }),
        None => Ok(dir),
    }
}

/// The one way the app and the writing commands open their database: the instance lock
/// first, then the store, on the real file (links resolved: the file the lock is of).
/// Both live as long as the returned pair.
pub fn open_locked(db: &Path, lang: Lang) -> anyhow::Result<(InstanceLock, Store)> {
    open_locked_made(db, lang).map(|(lock, store, _)| (lock, store))
}

/// [`open_locked`], and whether it made the database (nothing was at its path): a command
/// that then writes nothing into it removes it again.
pub fn open_locked_made(db: &Path, lang: Lang) -> anyhow::Result<(InstanceLock, Store, bool)> {
    let refused = |e: LockError| {
        if matches!(e, LockError::Held { .. }) {
            crate::log::event(crate::log::Event::Refused);
        }
        anyhow::anyhow!(e.message(lang))
    };
    // What is there is looked at first (stat only): no lock file is made beside a device
    // or another user's file.
    crate::store::openable(&ownfile::resolve(db))
        .map_err(|e| anyhow::anyhow!(e.user_message(lang)))?;
    let mut lock = InstanceLock::acquire(db).map_err(refused)?;
    match Store::open_made(lock.db()) {
        Ok((store, made)) => {
            // A new database: its inode is locked now that it exists.
            lock.cover_inode().map_err(refused)?;
            Ok((lock, store, made))
        }
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
        assert_eq!(
            first.path(),
            ownfile::resolve(&db).with_file_name("x.db.lock")
        );
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

    #[cfg(unix)]
    #[test]
    fn a_symlink_or_a_hard_link_to_the_database_meets_the_same_lock() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        std::fs::write(&db, b"").unwrap();
        let other = dir.path().join("elsewhere");
        std::fs::create_dir(&other).unwrap();
        let soft = other.join("soft.db");
        std::os::unix::fs::symlink(&db, &soft).unwrap();
        let hard = other.join("hard.db");
        std::fs::hard_link(&db, &hard).unwrap();
        for (first, second) in [(&db, &soft), (&db, &hard), (&soft, &hard), (&hard, &db)] {
            let held = InstanceLock::acquire(first).unwrap();
            match InstanceLock::acquire(second) {
                Err(LockError::Held { db, pid }) => {
                    assert_eq!(&db, second);
                    assert_eq!(pid, Some(std::process::id()));
                }
                other => panic!("{first:?} then {second:?}: {other:?}"),
            }
            drop(held);
        }
        // Through the link, the lock is the real file's, beside it.
        let held = InstanceLock::acquire(&soft).unwrap();
        assert_eq!(held.db(), ownfile::resolve(&db));
        assert_eq!(held.path(), lock_path(&ownfile::resolve(&db)));
        assert!(!lock_path(&soft).exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_store_opened_through_a_link_is_the_real_files() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        Store::open(&db).unwrap();
        let link = dir.path().join("link.db");
        std::os::unix::fs::symlink(&db, &link).unwrap();
        let (lock, store) = open_locked(&link, Lang::En).unwrap();
        let real = ownfile::resolve(&db);
        assert_eq!(store.path(), Some(real.as_path()));
        assert_eq!(lock.db(), real);
    }

    #[cfg(unix)]
    #[test]
    fn a_new_database_is_covered_by_its_inode_once_it_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("new.db");
        let mut first = InstanceLock::acquire(&db).unwrap();
        std::fs::write(&db, b"").unwrap();
        first.cover_inode().unwrap();
        let hard = dir.path().join("hard.db");
        std::fs::hard_link(&db, &hard).unwrap();
        assert!(matches!(
            InstanceLock::acquire(&hard),
            Err(LockError::Held { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_at_the_lock_files_place_is_refused_and_its_target_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        let target = dir.path().join("notes.txt");
        std::fs::write(&target, b"mine").unwrap();
        std::os::unix::fs::symlink(&target, lock_path(&db)).unwrap();
        let e = InstanceLock::acquire(&db).unwrap_err();
        let m = e.message(Lang::En);
        assert!(m.contains("x.db.lock") && m.contains("link"), "{m}");
        assert!(!e.message(Lang::Nl).contains("[?]"));
        assert_eq!(std::fs::read(&target).unwrap(), b"mine");
    }

    #[test]
    fn a_lock_file_on_a_full_disk_says_so_without_the_systems_text() {
        let e = LockError::Io {
            path: PathBuf::from("/data/caseload.db.lock"),
            source: std::io::Error::from_raw_os_error(28),
        };
        assert_eq!(
            e.message(Lang::En),
            "/data/caseload.db.lock: the lock file cannot be written because the disk is \
             full; nothing was changed. Free some space and try again."
        );
        assert!(e.message(Lang::Nl).contains("vol"));
        let e = LockError::Io {
            path: PathBuf::from("/data/caseload.db.lock"),
            source: std::io::Error::from_raw_os_error(13),
        };
        let m = e.message(Lang::En);
        assert!(!m.contains("os error"), "{m}");
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
        for why in [NotOwn::Link, NotOwn::NotRegular, NotOwn::OtherOwner] {
            let e = LockError::NotOwn {
                path: PathBuf::from("/data/caseload.db.lock"),
                why,
            };
            for lang in [Lang::En, Lang::Nl] {
                let m = e.message(lang);
                assert!(
                    m.contains("/data/caseload.db.lock") && !m.contains("[?]"),
                    "{m}"
                );
                assert_eq!(m.lines().count(), 1);
            }
        }
    }
}
