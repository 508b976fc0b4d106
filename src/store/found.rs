//! What is at a database's path before SQLite opens it, asked of the file system only
//! (`stat`, never `open`: closing a descriptor of the database would drop SQLite's locks on
//! it): nothing yet, or the user's own regular file. Anything else is refused untouched.

use super::StoreError;
use crate::ownfile::{self, NotOwn};
use std::path::Path;

/// What is at the path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// Nothing: a new database may be made there.
    Nothing,
    /// The user's own regular file, with nothing in it (0 bytes).
    Empty,
    /// The user's own regular file with something in it.
    File,
}

/// Why a file is refused before anything is opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unfit {
    /// A regular file of 0 bytes that this process did not make: not a caseload.
    Empty,
    /// A folder, a device (`/dev/null`), a pipe.
    NotRegular,
    /// Another user's file.
    OtherOwner,
    /// A symbolic link to nothing.
    BrokenLink,
    /// Nothing, where a command needs an existing database.
    Missing,
    /// The database's journal beside it (`-wal`) is a symbolic link.
    WalLink,
    /// The database's index beside it (`-shm`) is a symbolic link.
    ShmLink,
    /// The database's rollback journal beside it (`-journal`) is a symbolic link.
    JournalLink,
}

/// What is at `path` (links followed): nothing, or the user's own regular file.
pub fn found(path: &Path) -> Result<Found, StoreError> {
    let unfit = |why| StoreError::Unfit {
        path: path.to_owned(),
        why,
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A link to nothing: a file made there would land wherever it points.
            return match std::fs::symlink_metadata(path) {
                Ok(_) => Err(unfit(Unfit::BrokenLink)),
                Err(_) => Ok(Found::Nothing),
            };
        }
        Err(source) => {
            return Err(StoreError::Io {
                path: path.to_owned(),
                source,
            });
        }
    };
    match ownfile::check(&meta) {
        Ok(()) if meta.len() == 0 => Ok(Found::Empty),
        Ok(()) => Ok(Found::File),
        Err(NotOwn::OtherOwner) => Err(unfit(Unfit::OtherOwner)),
        // Links are followed here: what is left is not a regular file.
        Err(NotOwn::NotRegular | NotOwn::Link) => Err(unfit(Unfit::NotRegular)),
    }
}

/// [`found`], refusing an empty file too: what opening a database asks.
pub fn openable(path: &Path) -> Result<Found, StoreError> {
    match found(path)? {
        Found::Empty => Err(StoreError::Unfit {
            path: path.to_owned(),
            why: Unfit::Empty,
        }),
        other => Ok(other),
    }
}

impl Unfit {
    /// The i18n key of its sentence.
    pub fn key(self) -> &'static str {
        match self {
            Unfit::Empty => "robust.store.empty",
            Unfit::NotRegular => "robust.store.not_regular",
            Unfit::OtherOwner => "robust.store.not_owned",
            Unfit::BrokenLink => "robust.store.broken_link",
            Unfit::Missing => "robust.store.missing",
            Unfit::WalLink => "robust.store.wal_link",
            Unfit::ShmLink => "robust.store.shm_link",
            Unfit::JournalLink => "robust.store.journal_link",
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn only_nothing_or_the_users_own_regular_file_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        let why = |path: &Path| match openable(path) {
            Err(StoreError::Unfit { why, .. }) => why,
            other => panic!("{path:?}: {other:?}"),
        };
        assert_eq!(found(&p.join("new.db")).unwrap(), Found::Nothing);
        std::fs::write(p.join("empty.db"), b"").unwrap();
        assert_eq!(found(&p.join("empty.db")).unwrap(), Found::Empty);
        assert_eq!(why(&p.join("empty.db")), Unfit::Empty);
        assert_eq!(why(Path::new("/dev/null")), Unfit::NotRegular);
        assert_eq!(why(p), Unfit::NotRegular);
        std::os::unix::fs::symlink(p.join("nowhere"), p.join("dangling.db")).unwrap();
        assert_eq!(why(&p.join("dangling.db")), Unfit::BrokenLink);
        std::fs::write(p.join("full.db"), b"x").unwrap();
        std::os::unix::fs::symlink(p.join("full.db"), p.join("link.db")).unwrap();
        assert_eq!(openable(&p.join("link.db")).unwrap(), Found::File);
        if ownfile::uid() == 0 {
            std::os::unix::fs::chown(p.join("full.db"), Some(4242), None).unwrap();
            assert_eq!(why(&p.join("full.db")), Unfit::OtherOwner);
        }
    }
}
