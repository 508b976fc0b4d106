//! What the commands say when the file cannot be opened as it is: cut short, a journal
//! beside it that is a link, not there at all; each said of the file, with what to do.

use crate::command_messages::no_raw;
use crate::support::{caseload, one_line};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A demo caseload of 30 clients, closed (no journal beside it).
fn demo(dir: &Path, name: &str) -> PathBuf {
    let db = dir.join(name);
    let out = caseload(&db, &["demo", "--clients", "30"]);
    assert!(out.status.success(), "{}", one_line(&out));
    db
}

/// An import file with no clients in it.
fn empty_import(dir: &Path) -> PathBuf {
    let file = dir.join("in.json");
    std::fs::write(&file, r#"{"format":"caseload","version":1,"clients":[]}"#).unwrap();
    file
}

fn dutch(db: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_caseload"))
        .arg("--db")
        .arg(db)
        .args(["--lang", "nl"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    one_line(&out)
}

#[test]
fn a_caseload_cut_short_is_called_damaged_and_restore_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = empty_import(dir.path());
    for size in [4096, 10_000] {
        let db = demo(dir.path(), &format!("cut{size}.db"));
        let f = std::fs::OpenOptions::new().write(true).open(&db).unwrap();
        f.set_len(size).unwrap();
        drop(f);
        let import = ["import", file.to_str().unwrap()];
        for args in [
            &["agenda"][..],
            &["check"],
            &["export"],
            &["report"],
            &["backup"],
            &import,
        ] {
            let out = caseload(&db, args);
            assert_eq!(out.status.code(), Some(1), "{size} {args:?}");
            let line = one_line(&out);
            no_raw(&line);
            assert!(
                line.contains(&format!("cut{size}.db is damaged")),
                "{size} {args:?}: {line}"
            );
            assert!(line.contains("caseload restore"), "{size} {args:?}: {line}");
            assert!(!line.contains("not a caseload"), "{size} {args:?}: {line}");
        }
        assert_eq!(std::fs::metadata(&db).unwrap().len(), size);
        let nl = dutch(&db, &["agenda"]);
        assert!(
            nl.contains("beschadigd") && nl.contains("caseload restore"),
            "{nl}"
        );
    }
}

#[test]
fn another_programs_database_cut_short_is_still_not_a_caseload() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "CREATE TABLE t (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 \
         FROM n WHERE i < 2000) INSERT INTO t SELECT printf('%0100d', i) FROM n;",
    )
    .unwrap();
    drop(conn);
    let f = std::fs::OpenOptions::new().write(true).open(&db).unwrap();
    f.set_len(8192).unwrap();
    drop(f);
    for args in [&["agenda"][..], &["check"]] {
        let out = caseload(&db, args);
        let line = one_line(&out);
        assert!(line.contains("not a caseload database"), "{args:?}: {line}");
    }
}

#[test]
fn a_journal_beside_the_caseload_that_is_a_link_is_named_and_nothing_is_written_through_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = empty_import(dir.path());
    let target = dir.path().join("precious.txt");
    std::fs::write(&target, b"keep me\n").unwrap();
    let nowhere = dir.path().join("nowhere");
    let journals = [
        ("-wal", "the journal beside the database", "koppeling"),
        (
            "-journal",
            "the rollback journal beside the database",
            "terugdraaijournaal",
        ),
    ];
    for (suffix, what, dutch_word) in journals {
        for (name, points_to) in [("to_file", &target), ("to_nothing", &nowhere)] {
            let name = format!("{name}{suffix}.db");
            let db = demo(dir.path(), &name);
            let before = std::fs::read(&db).unwrap();
            let journal = dir.path().join(format!("{name}{suffix}"));
            std::os::unix::fs::symlink(points_to, &journal).unwrap();
            let import = ["import", file.to_str().unwrap()];
            for args in [
                &["agenda"][..],
                &["check"],
                &["export"],
                &["backup"],
                &import,
                &["demo"],
                &[],
            ] {
                let out = caseload(&db, args);
                assert_eq!(out.status.code(), Some(1), "{name} {args:?}");
                let line = one_line(&out);
                no_raw(&line);
                assert!(
                    line.contains(&format!("{name}{suffix}, {what}, is a symbolic link")),
                    "{name} {args:?}: {line}"
                );
            }
            assert_eq!(std::fs::read(&db).unwrap(), before);
            assert!(
                std::fs::symlink_metadata(&journal)
                    .unwrap()
                    .file_type()
                    .is_symlink()
            );
            let nl = dutch(&db, &["check"]);
            assert!(nl.contains(suffix) && nl.contains(dutch_word), "{nl}");
        }
    }
    assert_eq!(std::fs::read(&target).unwrap(), b"keep me\n");
    assert!(!nowhere.exists());
}

#[test]
fn a_caseload_that_is_not_there_is_said_to_be_missing_not_a_disk_that_failed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nothing.db");
    for args in [
        &["agenda"][..],
        &["check"],
        &["export"],
        &["report"],
        &["backup"],
    ] {
        let out = caseload(&db, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let line = one_line(&out);
        assert!(
            line.contains("nothing.db does not exist") && line.contains("--db"),
            "{args:?}: {line}"
        );
        assert!(!line.contains("disk"), "{args:?}: {line}");
    }
    let nl = dutch(&db, &["check"]);
    assert!(nl.contains("nothing.db bestaat niet"), "{nl}");
    // In a folder that is not there: the folder is named, in the caseworker's language.
    let deep = dir.path().join("stick").join("nothing.db");
    let nl = dutch(&deep, &["export"]);
    assert!(nl.contains("die map bestaat niet"), "{nl}");
    assert!(!dir.path().join("stick").exists());
    assert!(!db.exists());
}

/// A new caseload whose setup fails (a folder stands where its journal goes) is refused in
/// one line, and the file made for it is removed again: the next try is not refused as
/// an empty file.
#[test]
fn a_new_caseload_that_cannot_be_set_up_leaves_no_file_behind() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    for journal in ["new.db-wal", "new.db-journal"] {
        std::fs::create_dir(dir.path().join(journal)).unwrap();
        let out = caseload(&db, &["demo", "--clients", "5"]);
        assert_eq!(out.status.code(), Some(1));
        assert!(one_line(&out).contains("cannot be opened"), "{journal}");
        assert!(!db.exists(), "{journal}");
        std::fs::remove_dir(dir.path().join(journal)).unwrap();
    }
    let out = caseload(&db, &["demo", "--clients", "5"]);
    assert!(out.status.success(), "{}", one_line(&out));
}
