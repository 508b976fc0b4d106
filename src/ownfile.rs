//! The user's own files: the real path of a database (links resolved), and whether a file
//! found on disk is a regular file that belongs to the user running caseload.

use std::path::{Path, PathBuf};

/// The real path of a database: every symbolic link followed, `.` and `..` gone, so that
/// every way of naming one file comes to the same path. A file that does not exist (yet)
/// is its folder's real path joined with its name; a path that cannot be resolved at all
/// is returned as given.
pub fn resolve(db: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(db) {
        return real;
    }
    let (Some(dir), Some(name)) = (db.parent(), db.file_name()) else {
        return db.to_owned();
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    std::fs::canonicalize(dir)
        .map(|d| d.join(name))
        .unwrap_or_else(|_| db.to_owned())
}

/// What is wrong with a file caseload was about to trust.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotOwn {
    /// A symbolic link (never followed).
    Link,
    /// Not a regular file: a folder, a device, a pipe.
    NotRegular,
    /// Another user's file.
    OtherOwner,
}

/// Whether `meta` (of the file itself, not of a link's target) is a regular file of the
/// user running caseload.
pub fn check(meta: &std::fs::Metadata) -> Result<(), NotOwn> {
    if meta.file_type().is_symlink() {
        return Err(NotOwn::Link);
    }
    if !meta.is_file() {
        return Err(NotOwn::NotRegular);
    }
    if !is_users(meta) {
        return Err(NotOwn::OtherOwner);
    }
    Ok(())
}

/// Whether the file of `meta` belongs to the user running caseload.
pub fn is_users(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.uid() == uid()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        true
    }
}

/// The id of the user running caseload.
#[cfg(unix)]
pub fn uid() -> u32 {
    rustix::process::getuid().as_raw()
}

/// Where a file lives on disk: its device and inode (on Unix; elsewhere nothing).
pub fn file_id(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_link_and_the_file_resolve_to_one_path_and_a_new_file_to_its_real_folder() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        std::fs::create_dir(&real).unwrap();
        let db = real.join("caseload.db");
        std::fs::write(&db, b"").unwrap();
        let link = dir.path().join("link.db");
        std::os::unix::fs::symlink(&db, &link).unwrap();
        let folder_link = dir.path().join("folder");
        std::os::unix::fs::symlink(&real, &folder_link).unwrap();
        let want = std::fs::canonicalize(&db).unwrap();
        assert_eq!(resolve(&link), want);
        assert_eq!(resolve(&folder_link.join("caseload.db")), want);
        assert_eq!(
            resolve(&folder_link.join("new.db")),
            want.with_file_name("new.db")
        );
    }

    #[test]
    fn only_a_regular_file_of_the_user_is_their_own() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, b"x").unwrap();
        let link = dir.path().join("l");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        let meta = |p: &Path| std::fs::symlink_metadata(p).unwrap();
        assert_eq!(check(&meta(&file)), Ok(()));
        assert_eq!(check(&meta(&link)), Err(NotOwn::Link));
        assert_eq!(check(&meta(dir.path())), Err(NotOwn::NotRegular));
        if uid() == 0 {
            std::os::unix::fs::chown(&file, Some(4242), None).unwrap();
            assert_eq!(check(&meta(&file)), Err(NotOwn::OtherOwner));
        }
    }
}
