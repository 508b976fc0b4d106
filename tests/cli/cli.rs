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
    assert!(String::from_utf8_lossy(&out.stdout).contains("--no-mouse"));
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
    let dir = tempfile::tempdir().unwrap();
    let out = caseload()
        .args(["demo", "--today", "31-02-2026", "--db"])
        .arg(dir.path().join("x.db"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--today"), "{err}");
}

#[test]
fn a_db_in_a_folder_that_does_not_exist_is_refused_and_nothing_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("stick").join("werk");
    let path = missing.join("caseload.db");
    for args in [vec!["report"], vec!["check"], vec![]] {
        let out = caseload()
            .args(&args)
            .arg("--db")
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("no such folder"), "{args:?}: {err}");
        assert!(!dir.path().join("stick").exists(), "{args:?}");
    }
}

#[test]
fn the_report_command_prints_text_json_and_csv_and_refuses_a_bad_period() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let out = caseload()
        .args(["demo", "--clients", "30", "--today", "2026-11-23", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(out.status.success());
    let run = |extra: &[&str]| {
        caseload()
            .args(["report", "--lang", "en", "--today", "2026-11-23", "--db"])
            .arg(&db)
            .args(extra)
            .output()
            .unwrap()
    };
    let text = run(&[]);
    assert!(text.status.success());
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.starts_with("Report 24-11-2025 – 23-11-2026"), "{text}");
    assert!(text.contains("National figure"), "{text}");
    let json = run(&["--json", "--from", "2020-01-01"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["from"], "2020-01-01");
    assert_eq!(v["tables"]["caseload"]["rows"]["norm"]["clients"], 70);
    let csv = run(&["--csv"]);
    assert!(String::from_utf8_lossy(&csv.stdout).starts_with("table,row,label,column"));
    let bad = run(&["--from", "2026-05-01", "--to", "2026-01-01"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--from lies after --to"));
    let bad = run(&["--from", "31-02-2026"]);
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&bad.stderr).lines().count(), 1);
}
