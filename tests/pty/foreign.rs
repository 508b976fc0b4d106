//! Other programs touching the file while the app runs: the real binary in a pty.
//!
//! SQLite's locks are POSIX advisory locks, which the OS drops as soon as the process
//! closes *any* descriptor of the file. Without them, another program that opens and
//! closes the database (the `sqlite3` shell, a script, a backup tool) believes it is alone,
//! folds the WAL into the file and deletes `-wal` and `-shm`: the running app then saves
//! into a deleted WAL, and a crash loses those saves.
#![cfg(unix)]

use crate::harness::{caseload, shared_lock_holder, spawn, sqlite_from_python};
use std::path::Path;
use std::time::{Duration, Instant};

/// The header shows this once the first frame is drawn.
const FRAME: &str = "Today 23-11-2026";

fn wait_until(what: &str, secs: u64, mut done: impl FnMut() -> bool) {
    let end = Instant::now() + Duration::from_secs(secs);
    while !done() {
        assert!(Instant::now() < end, "no {what} within {secs}s");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn notes_with(db: &Path, marker: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT count(*) FROM note WHERE summary LIKE '%' || ?1 || '%'",
        [marker],
        |r| r.get(0),
    )
    .unwrap()
}

/// A caseload of 20 demo clients in a file of its own.
fn demo_file() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caseload.db");
    let out = caseload(&db)
        .args(["demo", "--clients", "20"])
        .output()
        .unwrap();
    assert!(out.status.success());
    (dir, db)
}

#[test]
fn a_save_after_the_daily_backup_and_a_foreign_connection_survives_a_kill() {
    let (dir, db) = demo_file();
    let backups = dir.path().join("backups");
    let mut app = spawn(caseload(&db));
    app.wait_for(FRAME, 20);
    // The first start of the day writes a backup on its own connection, then closes it.
    wait_until("daily backup", 20, || {
        std::fs::read_dir(&backups).is_ok_and(|d| {
            d.flatten()
                .any(|e| e.file_name().to_string_lossy().ends_with(".sha256"))
        })
    });
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        shared_lock_holder(&db),
        Some(app.child.id() as i32),
        "the app lost its lock on the database: another program would think it is alone"
    );
    // Another program opens the file read-write, reads, and closes it again: with this
    // SQLite, and with the machine's own (an older one deletes the WAL it thinks is its).
    {
        let other = rusqlite::Connection::open(&db).unwrap();
        let n: i64 = other
            .query_row("SELECT count(*) FROM client", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 20);
        other.close().unwrap();
    }
    if !sqlite_from_python(&db) {
        eprintln!("no python3 with sqlite3 here: only this build's SQLite opened the file");
    }
    assert!(
        dir.path().join("caseload.db-wal").exists(),
        "another program removed the app's WAL"
    );
    // A note through the keys, as the caseworker saves it.
    app.send(b"\r");
    app.wait_for("Client file", 10);
    app.send(b"c");
    app.wait_for("Contact note", 10);
    app.send(b"\r");
    app.wait_for("Intake conversation", 10);
    app.send(b"\r");
    std::thread::sleep(Duration::from_millis(200));
    app.send(b"\t\t");
    std::thread::sleep(Duration::from_millis(200));
    app.send(b"QWERTY17");
    app.wait_for_echo("QWERTY17", 10);
    app.send(b"\x13");
    app.wait_for("Note saved.", 10);
    app.child.kill().unwrap();
    app.child.wait().unwrap();
    assert_eq!(notes_with(&db, "QWERTY17"), 1, "the saved note was lost");
}

#[test]
fn rows_left_behind_are_brought_up_to_date_at_the_start_and_it_is_said_before_the_wait() {
    let (_dir, db) = demo_file();
    const SAID: &str = "bringing the list and the agenda up to date";
    // Another program (or an update of caseload) leaves every row to be computed again.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE roster_rule SET plan_within_days = NULL", [])
        .unwrap();
    drop(conn);
    let mut app = spawn(caseload(&db));
    app.wait_for(FRAME, 20);
    assert!(app.plain().contains(SAID), "{}", app.plain());
    app.send(b"q");
    app.wait_exit(20);
    // Computed once: the next start says nothing.
    let mut again = spawn(caseload(&db));
    again.wait_for(FRAME, 20);
    assert!(!again.plain().contains(SAID));
    again.send(b"q");
    again.wait_exit(20);
}
