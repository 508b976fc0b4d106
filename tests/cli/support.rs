//! Running the real binary on a database, for the command-line tests.
#![allow(dead_code)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

/// `caseload --db DB --lang en --today 2026-11-23 --plaintext ARGS…` (a database these
/// commands make is plaintext; the encrypted one has tests of its own).
pub fn caseload(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caseload"))
        .arg("--db")
        .arg(db)
        .args(["--lang", "en", "--today", "2026-11-23", "--plaintext"])
        .args(args)
        .output()
        .unwrap()
}

/// A file's permission bits.
pub fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// The one line on stderr (never a panic).
pub fn one_line(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}
