//! One lock file: opened without following a link (`O_NOFOLLOW`), checked to be a
//! regular file of the user before anything is written to it, locked without waiting,
//! and the holder's process id written in.

use super::LockError;
use crate::ownfile::{self, NotOwn};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// A lock file this process holds.
#[derive(Debug)]
pub(super) struct LockFile {
    file: File,
    path: PathBuf,
}

impl LockFile {
    /// Takes the lock of `path` without waiting: `Held` (with the holder's process id when
    /// it has written it yet) when another holds it.
    pub(super) fn take(path: &Path) -> Result<Result<LockFile, Option<u32>>, LockError> {
        loop {
            if let Some(taken) = Self::try_take(path)? {
                return Ok(taken);
            }
        }
    }

    /// One attempt: `None` when the file locked was removed meanwhile (try again).
    fn try_take(path: &Path) -> Result<Option<Result<LockFile, Option<u32>>>, LockError> {
        let io = |source| LockError::Io {
            path: path.to_owned(),
            source,
        };
        let mut file = open(path)?;
        // Before anything is read from it or written to it: the user's own regular file.
        let meta = file.metadata().map_err(io)?;
        ownfile::check(&meta).map_err(|why| refused(path, why))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                return Ok(Some(Err(text.trim().parse().ok())));
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        if !still_there(&file, path) {
            return Ok(None);
        }
        file.set_len(0).map_err(io)?;
        file.write_all(format!("{}\n", std::process::id()).as_bytes())
            .map_err(io)?;
        Ok(Some(Ok(LockFile {
            file,
            path: path.to_owned(),
        })))
    }

    /// The lock file.
    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    /// Removes the file while the lock is still held, then releases it.
    pub(super) fn remove(self) {
        let _ = std::fs::remove_file(&self.path);
        drop(self.file);
    }
}

/// Opens (or creates, mode 0600) the lock file without following a symbolic link and
/// without waiting on a pipe; never truncates it.
fn open(path: &Path) -> Result<File, LockError> {
    let mut opts = OpenOptions::new();
    opts.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use rustix::fs::OFlags;
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
        let flags = OFlags::NOFOLLOW | OFlags::NONBLOCK;
        opts.custom_flags(flags.bits() as i32);
    }
    opts.open(path).map_err(|source| {
        // Said by what is there, not by the error the system gives for it.
        match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => refused(path, NotOwn::Link),
            Ok(m) if !m.is_file() => refused(path, NotOwn::NotRegular),
            _ => LockError::Io {
                path: path.to_owned(),
                source,
            },
        }
    })
}

fn refused(path: &Path, why: NotOwn) -> LockError {
    LockError::NotOwn {
        path: path.to_owned(),
        why,
    }
}

/// Whether `path` still names the file that was locked (a holder may have removed it).
pub(super) fn still_there(file: &File, path: &Path) -> bool {
    let id = |m: std::io::Result<std::fs::Metadata>| m.ok().and_then(|m| ownfile::file_id(&m));
    match (id(file.metadata()), id(std::fs::symlink_metadata(path))) {
        (Some(a), Some(b)) => a == b,
        // No inodes to compare (not Unix): the file is taken to be there.
        (None, _) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_removed_lock_file_is_left_by_whoever_locked_it_just_before() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let first = LockFile::take(&path).unwrap().unwrap();
        // Another process opened the file just before the holder removed it.
        let late = File::open(first.path()).unwrap();
        first.remove();
        assert!(!path.exists());
        // It gets the lock of the removed file, and sees that the path leads elsewhere.
        late.try_lock().unwrap();
        assert!(!still_there(&late, &path));
        // A new lock is on a new file, which the late one does not block.
        let again = LockFile::take(&path).unwrap().unwrap();
        assert!(still_there(&File::open(again.path()).unwrap(), &path));
        assert!(LockFile::take(&path).unwrap().is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_a_folder_or_another_users_file_is_refused_and_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("precious.txt");
        std::fs::write(&target, b"keep me").unwrap();
        let link = dir.path().join("link.lock");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let folder = dir.path().join("folder.lock");
        std::fs::create_dir(&folder).unwrap();
        let dangling = dir.path().join("dangling.lock");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        let why = |p: &Path| match LockFile::take(p) {
            Err(LockError::NotOwn { path, why }) => {
                assert_eq!(path, p);
                why
            }
            other => panic!("{other:?}"),
        };
        assert_eq!(why(&link), NotOwn::Link);
        assert_eq!(why(&dangling), NotOwn::Link);
        assert_eq!(why(&folder), NotOwn::NotRegular);
        assert_eq!(std::fs::read(&target).unwrap(), b"keep me");
        assert!(!dir.path().join("nowhere").exists());
        if ownfile::uid() == 0 {
            let theirs = dir.path().join("theirs.lock");
            std::fs::write(&theirs, b"1234\n").unwrap();
            std::os::unix::fs::chown(&theirs, Some(4242), None).unwrap();
            assert_eq!(why(&theirs), NotOwn::OtherOwner);
            assert_eq!(std::fs::read(&theirs).unwrap(), b"1234\n");
        }
    }
}
