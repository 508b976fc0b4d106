//! The command line: subcommands, and one clear line on stderr for a file that is not ours.

use std::process::Command;

fn caseload() -> Command {
    Command::new(env!("CARGO_BIN_EXE_caseload"))
}

#[test]
fn version_and_help() {
    let out = caseload().arg("--version").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("caseload "));
    let out = caseload().arg("--help").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("--demo"));
}

#[test]
fn a_file_that_is_not_ours_gives_one_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("foto.jpg");
    std::fs::write(&path, b"\xff\xd8\xff\xe0 not a database at all").unwrap();
    let out = caseload().arg("--db").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.contains("foto.jpg") && err.contains("not a caseload database"),
        "{err}"
    );
    assert!(!err.contains("panicked") && !err.contains("backtrace"));
}

#[test]
fn demo_writes_a_deterministic_file() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let b = dir.path().join("b.db");
    for p in [&a, &b] {
        let out = caseload()
            .args([
                "demo",
                "--clients",
                "40",
                "--seed",
                "3",
                "--today",
                "2026-11-23",
                "--db",
            ])
            .arg(p)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let sa = caseload::store::Store::open(&a).unwrap();
    let sb = caseload::store::Store::open(&b).unwrap();
    assert_eq!(sa.client_count().unwrap(), 40);
    assert_eq!(sa.dump().unwrap(), sb.dump().unwrap());
    // A second run on a filled file is refused.
    let out = caseload().args(["demo", "--db"]).arg(&a).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_bad_today_is_one_line() {
    let out = caseload()
        .args(["demo", "--today", "31-02-2026", "--db", "/nonexistent/x.db"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--today"), "{err}");
}
