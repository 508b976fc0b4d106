//! What a killed backup, restore or export leaves (a full copy of the caseload in a
//! temporary file, and SQLite's journal of it) goes at the next run, wherever it was
//! written; an export is never found half-written under its name.
#![cfg(unix)]

use std::path::Path;
use std::process::Command;

/// The binary with its data folder (where it remembers temporary files' folders) in `home`.
fn caseload(home: &Path, db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_caseload"));
    c.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .arg("--db")
        .arg(db)
        .args(["--lang", "en", "--today", "2026-11-23"]);
    c
}

fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

#[test]
fn a_killed_writers_copies_anywhere_go_at_the_next_run_and_a_running_ones_stay() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("caseload.db");
    let run = |args: &[&str]| {
        let out = caseload(home.path(), &db).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["demo", "--clients", "5"]);
    // A backup and an export to a folder of the caseworker's choosing: remembered.
    let stick = tempfile::tempdir().unwrap();
    run(&["backup", stick.path().join("copy.db").to_str().unwrap()]);
    let out = stick.path().join("all.json");
    run(&["export", "--out", out.to_str().unwrap()]);
    assert_eq!(
        names(stick.path()),
        ["all.json", "copy.db", "copy.db.sha256"]
    );
    // What a writer killed there would have left, and one still writing (this test).
    let gone = 4_194_305; // above any process id the kernel hands out
    let me = std::process::id();
    let left = [
        format!(".caseload-{gone}-Ab12Cd.tmp"),
        format!(".caseload-{gone}-Ab12Cd.tmp-journal"),
        format!(".caseload-{gone}-Ef34Gh.tmp"),
        format!(".caseload-{me}-Ij56Kl.tmp"),
    ];
    for n in &left {
        std::fs::write(stick.path().join(n), b"a whole caseload").unwrap();
    }
    // Any next run cleans up, a read-only command too.
    run(&["agenda"]);
    let mut want = vec![
        format!(".caseload-{me}-Ij56Kl.tmp"),
        "all.json".into(),
        "copy.db".into(),
        "copy.db.sha256".into(),
    ];
    want.sort();
    assert_eq!(names(stick.path()), want);
}

#[test]
fn an_export_that_fails_leaves_nothing_and_one_onto_a_link_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("caseload.db");
    let ok = caseload(home.path(), &db)
        .args(["demo", "--clients", "5"])
        .output()
        .unwrap();
    assert!(ok.status.success());
    let dir = tempfile::tempdir().unwrap();
    // A link to nothing: written through, it would land wherever it points.
    let link = dir.path().join("export.json");
    std::os::unix::fs::symlink(dir.path().join("elsewhere.json"), &link).unwrap();
    let out = caseload(home.path(), &db)
        .args(["export", "--out"])
        .arg(&link)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("export.json"), "{err}");
    assert_eq!(names(dir.path()), ["export.json"]);
    // A folder that may not be written: refused, nothing half-written anywhere.
    use std::os::unix::fs::PermissionsExt;
    let shut = dir.path().join("shut");
    std::fs::create_dir(&shut).unwrap();
    std::fs::set_permissions(&shut, std::fs::Permissions::from_mode(0o500)).unwrap();
    if !rustix::process::geteuid().is_root() {
        let out = caseload(home.path(), &db)
            .args(["export", "--out"])
            .arg(shut.join("x.json"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(names(&shut).is_empty());
    }
}
