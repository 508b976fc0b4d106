//! A caseload other users of the computer may read: said at start, and made readable by
//! its owner only (0600, its `-wal` and `-shm` too) when the caseworker agrees.

use crate::i18n::{Lang, tf};
use crate::ownfile;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// The database and its companions (`-wal`, `-shm`) that are the user's own files and that
/// others may read or write, with their permission bits; missing ones are left out.
pub fn exposed(db: &Path) -> Vec<(PathBuf, u32)> {
    let db = ownfile::resolve(db);
    let mut found = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        let path = PathBuf::from(name);
        // Only the user's own regular files: anything else is refused when opened.
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if ownfile::check(&meta).is_err() {
            continue;
        }
        let mode = mode(&meta);
        if mode & 0o077 != 0 {
            found.push((path, mode));
        }
    }
    found
}

#[cfg(unix)]
fn mode(meta: &std::fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o7777
}

#[cfg(not(unix))]
fn mode(_: &std::fs::Metadata) -> u32 {
    0o600
}

/// Makes each file readable and writable by its owner only.
pub fn make_private(files: &[(PathBuf, u32)]) -> std::io::Result<()> {
    #[cfg(unix)]
    for (path, _) in files {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = files;
    Ok(())
}

/// What became of an exposed caseload.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nobody else could read it.
    Private,
    /// Made private with the caseworker's consent.
    Tightened,
    /// Left as it was (declined, or no terminal to ask at).
    Left,
}

/// Says so on stderr when others may read the caseload at `db`, and asks to make it
/// private when stdin and stderr are a terminal; a script only gets the warning.
pub fn offer(db: &Path, lang: Lang) -> Outcome {
    let files = exposed(db);
    if files.is_empty() {
        return Outcome::Private;
    }
    // Only a caseload is spoken of (asked through SQLite, which keeps its own locks); any
    // other file is refused, untouched, by what opens it next. An encrypted caseload not
    // unlocked yet is one.
    match crate::store::Store::open_read_only(db) {
        Ok(_) | Err(crate::store::StoreError::Locked { .. }) => {}
        Err(_) => return Outcome::Left,
    }
    // Asked again: SQLite may have made a `-wal` and `-shm` with the database's mode.
    let files = exposed(db);
    // Made private meanwhile (by someone else): nothing left to say.
    let Some(&(_, mode)) = files.first() else {
        return Outcome::Private;
    };
    let stdin = std::io::stdin();
    let mut stderr = std::io::stderr().lock();
    let at_terminal = stdin.is_terminal() && stderr.is_terminal();
    let shown = ownfile::resolve(db);
    let args: [(&str, &dyn std::fmt::Display); 2] =
        [("file", &shown.display()), ("mode", &format!("{mode:04o}"))];
    // What follows the question names the file only.
    let file = &args[..1];
    if !at_terminal {
        let _ = writeln!(
            stderr,
            "caseload: {}",
            tf(lang, "robust.private.warn", &args)
        );
        return Outcome::Left;
    }
    let _ = write!(stderr, "{}", tf(lang, "robust.private.ask", &args));
    let _ = stderr.flush();
    let mut answer = String::new();
    // End of input (Ctrl-D) is no answer, so no consent.
    let read = stdin.lock().read_line(&mut answer).unwrap_or(0);
    if read == 0 || !consents(&answer) {
        let _ = writeln!(stderr, "{}", tf(lang, "robust.private.left", file));
        return Outcome::Left;
    }
    match make_private(&files) {
        Ok(()) => {
            let _ = writeln!(stderr, "{}", tf(lang, "robust.private.done", file));
            Outcome::Tightened
        }
        Err(e) => {
            let why = crate::commands::failed::io_clause(&e, lang);
            let _ = writeln!(
                stderr,
                "{} ({why})",
                tf(lang, "robust.private.failed", file)
            );
            Outcome::Left
        }
    }
}

/// Whether an answer to the question is yes: Enter alone, or y / yes / j / ja.
fn consents(answer: &str) -> bool {
    let a = answer.trim().to_lowercase();
    matches!(a.as_str(), "" | "y" | "yes" | "j" | "ja")
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn the_database_and_its_companions_readable_by_others_are_found_and_made_private() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("c.db");
        let set = |p: &Path, m| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m));
        for (suffix, m) in [("", 0o644), ("-wal", 0o666), ("-shm", 0o600)] {
            let p = dir.path().join(format!("c.db{suffix}"));
            std::fs::write(&p, b"x").unwrap();
            set(&p, m).unwrap();
        }
        let files = exposed(&db);
        let modes: Vec<u32> = files.iter().map(|f| f.1).collect();
        assert_eq!(modes, [0o644, 0o666]);
        make_private(&files).unwrap();
        assert!(exposed(&db).is_empty());
        let m = std::fs::metadata(dir.path().join("c.db-wal")).unwrap();
        assert_eq!(m.permissions().mode() & 0o777, 0o600);
        // A missing database is nobody's to read.
        assert!(exposed(&dir.path().join("none.db")).is_empty());
    }

    #[test]
    fn enter_yes_and_ja_consent_anything_else_does_not() {
        for yes in ["", "\n", "y\n", "Yes\n", "j\n", "JA\n"] {
            assert!(consents(yes), "{yes:?}");
        }
        for no in ["n\n", "nee\n", "no\n", "q\n"] {
            assert!(!consents(no), "{no:?}");
        }
    }
}
