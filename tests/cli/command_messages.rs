//! What `report`, `agenda`, `export`, `import`, `demo` and `check` say when the database
//! fails them: what happened and what to do, in one line; never SQLite's own text.

use crate::support as cli_support;

use caseload::store::Store;
use cli_support::{caseload, one_line};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// SQLite's own words, which must never reach the caseworker.
const RAW: [&str; 6] = [
    "database error",
    "malformed",
    "Error code",
    "attempt to write",
    "readonly database",
    "os error",
];

pub fn no_raw(line: &str) {
    for raw in RAW {
        assert!(!line.contains(raw), "{raw:?} in: {line}");
    }
}

/// A caseload of 40 demo clients whose client table has a damaged page (every command
/// reads it).
pub fn damaged(dir: &Path) -> PathBuf {
    let db = dir.join("c.db");
    let mut store = Store::open(&db).unwrap();
    caseload::demo::generate(&mut store, 40, 3, cli_support_today()).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let page: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    let root: i64 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'client'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(conn);
    assert!(!Path::new(&format!("{}-wal", db.display())).exists());
    let mut bytes = std::fs::read(&db).unwrap();
    let at = ((root - 1) * page) as usize;
    bytes[at..at + 8].copy_from_slice(&[0x0d, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    std::fs::write(&db, bytes).unwrap();
    db
}

fn cli_support_today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

#[test]
fn every_command_that_reads_a_damaged_file_says_it_is_damaged_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let db = damaged(dir.path());
    for args in [
        &["report"][..],
        &["report", "--json"],
        &["agenda"],
        &["agenda", "--json"],
        &["export"],
    ] {
        let out = caseload(&db, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let line = one_line(&out);
        no_raw(&line);
        assert!(line.contains("damaged"), "{args:?}: {line}");
        assert!(line.contains("caseload check"), "{args:?}: {line}");
        assert!(!line.contains("saved"), "{args:?}: {line}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn demo_and_import_into_a_file_that_may_not_be_written_say_so_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    drop(Store::open(&db).unwrap());
    let file = dir.path().join("in.json");
    std::fs::write(
        &file,
        r#"{"format": "caseload", "version": 1, "clients": [
            {"bsn": "111222333", "first_name": "Jan", "last_name": "Jansen",
             "episodes": [{"benefit_start": "2025-01-01"}]}]}"#,
    )
    .unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).unwrap();
    let out = caseload(&db, &["demo", "--clients", "3"]);
    assert_eq!(out.status.code(), Some(1));
    let line = one_line(&out);
    no_raw(&line);
    assert_eq!(
        line,
        "caseload: No demo data was written: the database file is read-only. \
         Check the file's permissions.\n"
    );
    let out = caseload(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let line = one_line(&out);
    no_raw(&line);
    assert!(
        line.starts_with("caseload: Nothing was imported: the database file is read-only."),
        "{line}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_caseload"))
        .arg("--db")
        .arg(&db)
        .args(["--lang", "nl", "demo", "--clients", "3"])
        .output()
        .unwrap();
    let line = one_line(&out);
    assert!(line.contains("alleen-lezen"), "{line}");
}

#[test]
fn import_and_demo_refuse_a_damaged_file_before_writing_and_name_check_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let db = damaged(dir.path());
    let before = std::fs::read(&db).unwrap();
    let file = dir.path().join("in.json");
    std::fs::write(
        &file,
        r#"{"format": "caseload", "version": 1, "clients": [
            {"bsn": "111222333", "first_name": "Jan", "last_name": "Jansen"}]}"#,
    )
    .unwrap();
    let out = caseload(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let line = one_line(&out);
    no_raw(&line);
    assert_eq!(
        line,
        format!(
            "caseload: Nothing was imported: {} is damaged, and writing into it could spread \
             the damage. Run caseload check to see where, and restore a backup with caseload \
             restore FILE.\n",
            db.display()
        )
    );
    assert!(!line.contains("Jansen") && !line.contains("111222333"));
    let out = caseload(&db, &["demo", "--clients", "3"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(one_line(&out).starts_with("caseload: No demo data was written: "));
    // Nothing was written: the file is as it was, with no journal holding changes.
    assert_eq!(std::fs::read(&db).unwrap(), before);
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_caseload"))
        .arg("--db")
        .arg(&db)
        .args(["--lang", "nl", "import"])
        .arg(&file)
        .output()
        .unwrap();
    let line = one_line(&out);
    assert!(
        line.contains("beschadigd") && line.contains("caseload restore"),
        "{line}"
    );
}
