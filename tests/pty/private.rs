//! A caseload others may read: asked about at a terminal and made private on consent, its
//! `-wal` and `-shm` too; declined or without a terminal, only said.
#![cfg(unix)]

use crate::harness::{caseload, spawn};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

const FRAME: &str = "Today 23-11-2026";
const QUESTION: &str = "Make it readable by you only (0600, with its -wal and -shm)? [Y/n]";

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn with(db: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", db.display()))
}

/// A demo caseload that everybody on the computer may read.
fn readable_by_all(dir: &Path) -> PathBuf {
    let db = dir.join("caseload.db");
    let out = caseload(&db)
        .args(["demo", "--clients", "5"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(mode(&db), 0o600, "made private by caseload itself");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    db
}

#[test]
fn at_a_terminal_enter_makes_the_caseload_and_its_companions_private() {
    let dir = tempfile::tempdir().unwrap();
    let db = readable_by_all(dir.path());
    let mut app = spawn(caseload(&db));
    app.wait_for(QUESTION, 20);
    app.send(b"\r");
    app.wait_for(FRAME, 20);
    for f in [db.clone(), with(&db, "-wal"), with(&db, "-shm")] {
        assert_eq!(mode(&f), 0o600, "{f:?}");
    }
    app.send(b"q");
    assert!(app.wait_exit(10).success());
    // Asked once: the next start goes straight to the app.
    let mut again = spawn(caseload(&db));
    again.wait_for(FRAME, 20);
    assert!(!again.text().contains("0600"));
    again.send(b"q");
    assert!(again.wait_exit(10).success());
}

#[test]
fn declined_the_caseload_stays_as_it_was_and_the_app_starts() {
    let dir = tempfile::tempdir().unwrap();
    let db = readable_by_all(dir.path());
    let mut app = spawn(caseload(&db));
    app.wait_for(QUESTION, 20);
    app.send(b"n\r");
    app.wait_for(FRAME, 20);
    assert_eq!(mode(&db), 0o644);
    app.send(b"q");
    assert!(app.wait_exit(10).success());
}

#[test]
fn a_script_is_told_in_one_line_and_nothing_is_changed() {
    let dir = tempfile::tempdir().unwrap();
    let db = readable_by_all(dir.path());
    let out = caseload(&db).arg("agenda").output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.contains("can be read by other users") && err.contains("chmod 600"),
        "{err}"
    );
    assert_eq!(mode(&db), 0o644);
}
