//! The mouse in the real binary (issue 17): it turns mouse capture on, a click (as the
//! terminal reports it, SGR) on the agenda's tab shows the agenda, and capture is off
//! again when it ends; `--no-mouse` never turns it on. (Clicks by pane, row and field:
//! the app's tests.)
#![cfg(unix)]

use crate::harness::{FRAME, caseload, demo_db, spawn};

/// Mouse capture on (button presses: mode 1000).
const MOUSE_ON: &str = "\x1b[?1000h";
const MOUSE_OFF: &str = "\x1b[?1000l";

#[test]
fn a_click_on_the_agenda_tab_shows_the_agenda_and_mouse_capture_ends_with_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), 3);
    let mut app = spawn(caseload(&db));
    app.wait_for(FRAME, 20);
    let header = app.screen()[0].clone();
    let col = header.find("2 Agenda").expect("the agenda's tab") + 1;
    // A left press and its release, SGR-encoded, one-based (column, row).
    app.send(format!("\x1b[<0;{col};1M\x1b[<0;{col};1m").as_bytes());
    app.wait_screen("the agenda", 20, |rows| {
        rows.get(1).is_some_and(|r| r.contains("Agenda"))
    });
    app.send(b"q");
    assert!(app.wait_exit(20).success());
    assert!(app.cooked());
    let text = app.text();
    let on = text.find(MOUSE_ON).expect("mouse capture turned on");
    let off = text.rfind(MOUSE_OFF).expect("mouse capture turned off");
    assert!(on < off);
}

#[test]
fn no_mouse_never_turns_mouse_capture_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caseload.db");
    let mut app = spawn({
        let mut c = caseload(&db);
        c.arg("--no-mouse");
        c
    });
    app.wait_for(FRAME, 20);
    app.send(b"q");
    assert!(app.wait_exit(20).success());
    assert!(app.cooked());
    assert!(!app.text().contains(MOUSE_ON));
}

#[test]
fn mouse_capture_is_turned_off_when_a_signal_ends_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caseload.db");
    let mut app = spawn(caseload(&db));
    app.wait_for(FRAME, 20);
    app.signal(rustix::process::Signal::TERM);
    assert!(app.wait_exit(20).success());
    assert!(app.cooked());
    let text = app.text();
    let on = text.find(MOUSE_ON).expect("mouse capture turned on");
    let off = text.rfind(MOUSE_OFF).expect("mouse capture turned off");
    assert!(on < off);
}
