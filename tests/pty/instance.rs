//! One instance per database, and a clean end on signals: the real binary in a pty.
#![cfg(unix)]

use crate::harness::{FRAME, Running, caseload, demo_db, spawn, spawn_controlled};
use rustix::process::Signal;

#[test]
fn a_second_instance_is_refused_with_the_holders_pid_and_the_first_keeps_working() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), 20);
    let mut first = spawn(caseload(&db));
    first.wait_for(FRAME, 20);
    // The second has no terminal: the lock is what refuses it, before anything else.
    let out = caseload(&db).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("caseload.db"), "{err}");
    assert!(err.contains(&first.child.id().to_string()), "{err}");
    assert!(err.contains("already open"), "{err}");
    // The writing commands are refused too; restore as well.
    let out = caseload(&db).args(["demo"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already open"));
    // The first still answers keys and quits normally.
    first.send(b"j");
    first.send(b"?");
    first.wait_for("Help", 10);
    // Esc and q apart: together they read as Alt-q.
    first.send(b"\x1b");
    std::thread::sleep(std::time::Duration::from_millis(300));
    first.send(b"q");
    assert!(first.wait_exit(10).success());
    assert!(first.cooked());
    // Quitting left the query planner its statistics for the next start.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let stats: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_stat1", [], |r| r.get(0))
        .unwrap();
    assert!(stats > 0);
}

#[test]
fn a_symlink_or_a_hard_link_to_an_open_database_is_refused_like_the_database_itself() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), 20);
    let backup = dir.path().join("copy.db");
    let out = caseload(&db).arg("backup").arg(&backup).output().unwrap();
    assert!(out.status.success());
    let other = dir.path().join("elsewhere");
    std::fs::create_dir(&other).unwrap();
    let soft = other.join("soft.db");
    std::os::unix::fs::symlink(&db, &soft).unwrap();
    let hard = other.join("hard.db");
    std::fs::hard_link(&db, &hard).unwrap();
    let mut first = spawn(caseload(&db));
    first.wait_for(FRAME, 20);
    let pid = first.child.id().to_string();
    for path in [&soft, &hard] {
        let restore = ["restore", backup.to_str().unwrap()];
        for args in [&[][..], &["demo"][..], &restore[..]] {
            let out = caseload(path).args(args).output().unwrap();
            assert_eq!(out.status.code(), Some(1), "{path:?} {args:?}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains("already open") && err.contains(&pid), "{err}");
        }
    }
    // Nothing was restored over the open file: no copy of it was kept anywhere.
    for folder in [dir.path().join("backups"), other.join("backups")] {
        for entry in std::fs::read_dir(&folder).into_iter().flatten() {
            let name = entry.unwrap().file_name();
            assert!(
                !name.to_string_lossy().contains("before-restore"),
                "{name:?}"
            );
        }
    }
    first.send(b"q");
    assert!(first.wait_exit(10).success());
}

#[test]
fn a_lock_left_by_a_killed_instance_never_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), 20);
    let mut first = spawn(caseload(&db));
    first.wait_for(FRAME, 20);
    first.child.kill().unwrap();
    first.child.wait().unwrap();
    // The lock file is still there, with the dead process's id in it.
    let held = std::fs::read_to_string(dir.path().join("caseload.db.lock")).unwrap();
    assert_eq!(held.trim(), first.child.id().to_string());
    let mut second = spawn(caseload(&db));
    second.wait_for(FRAME, 20);
    second.send(b"q");
    assert!(second.wait_exit(10).success());
}

#[test]
fn a_refused_file_is_left_without_a_lock_file_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE photo (id INTEGER PRIMARY KEY, data BLOB)")
        .unwrap();
    let before = std::fs::read(&foreign).unwrap();
    // The app and the writing commands take the lock first, then refuse the file.
    for args in [&[][..], &["demo"][..]] {
        let out = caseload(&foreign).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("not a caseload database"), "{err}");
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["foreign.db"], "{args:?}");
    }
    assert_eq!(std::fs::read(&foreign).unwrap(), before);
}

#[test]
fn without_a_terminal_the_app_says_so_after_taking_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), 20);
    let out = caseload(&db).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

fn ends_cleanly_on(sig: Signal, close_terminal: bool) {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), 20);
    let mut app = spawn(caseload(&db));
    app.wait_for(FRAME, 20);
    assert!(app.alternate_screen());
    let before = app.output.len();
    app.signal(sig);
    if close_terminal {
        app.hang_up();
        let status = app.wait_exit(10);
        assert_eq!(status.code(), Some(0), "{sig:?} {status:?}");
    } else {
        let status = app.wait_exit(10);
        assert_eq!(status.code(), Some(0), "{sig:?}");
        // The alternate screen is left and the terminal is back in cooked mode.
        let tail = String::from_utf8_lossy(&app.output[before..]).into_owned();
        assert!(tail.contains("\x1b[?1049l"), "{sig:?}: {tail:?}");
        assert!(!app.alternate_screen(), "{sig:?}");
        assert!(app.cooked(), "{sig:?}");
    }
    // And the lock is free again.
    let mut next = spawn(caseload(&db));
    next.wait_for(FRAME, 20);
    next.send(b"q");
    assert!(next.wait_exit(10).success());
}

#[test]
fn sigterm_restores_the_terminal_and_exits_0() {
    ends_cleanly_on(Signal::TERM, false);
}

#[test]
fn sighup_with_the_terminal_gone_exits_0() {
    ends_cleanly_on(Signal::HUP, true);
}

#[test]
fn sigint_from_outside_restores_the_terminal_and_exits_0() {
    ends_cleanly_on(Signal::INT, false);
}

/// Types into a new intake, closes the terminal as closing its window does, and checks
/// that the app ended by itself with 0, kept what was typed as a draft and freed the lock.
fn a_closed_terminal_keeps_the_draft_and_ends(start: fn(std::process::Command) -> Running) {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), 20);
    let mut app = start(caseload(&db));
    app.wait_for(FRAME, 20);
    app.send(b"n");
    app.wait_for("New intake", 10);
    app.send(b"987654");
    // On screen means read: the hang-up throws away input the app has not read yet.
    app.wait_for_echo("987654", 10);
    app.hang_up();
    // Generous: a debug build on a busy machine; the app that span never got there.
    let status = app.wait_exit(30);
    assert_eq!(status.code(), Some(0), "{status}");
    let drafts = caseload::store::Store::open_read_only(&db)
        .unwrap()
        .drafts()
        .unwrap();
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    assert!(drafts[0].data.contains("987654"), "{drafts:?}");
    // The lock is free, and the draft is offered.
    let mut next = spawn(caseload(&db));
    next.wait_for("A draft is waiting: New intake", 20);
    next.send(b"q");
    assert!(next.wait_exit(10).success());
}

#[test]
fn a_closed_terminal_without_a_signal_ends_the_app_with_its_draft_kept() {
    // Not the terminal's session leader: no SIGHUP, only input at its end.
    a_closed_terminal_keeps_the_draft_and_ends(spawn);
}

#[test]
fn a_closed_window_ends_the_app_with_its_draft_kept() {
    // As in a terminal window or tmux: the kernel's SIGHUP, then input at its end.
    a_closed_terminal_keeps_the_draft_and_ends(spawn_controlled);
}

#[test]
fn the_first_start_of_the_day_writes_a_backup_after_the_first_frame() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), 20);
    let mut app = spawn(caseload(&db));
    app.wait_for(FRAME, 20);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while caseload::backups::list(&db).unwrap().is_empty() {
        assert!(std::time::Instant::now() < deadline, "no backup written");
        app.pump();
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    app.send(b"q");
    assert!(app.wait_exit(10).success());
    // The second start that day writes none.
    let mut again = spawn(caseload(&db));
    again.wait_for(FRAME, 20);
    std::thread::sleep(std::time::Duration::from_millis(500));
    again.send(b"q");
    assert!(again.wait_exit(10).success());
    assert_eq!(caseload::backups::list(&db).unwrap().len(), 1);
}
