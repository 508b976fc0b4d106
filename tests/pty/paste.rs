//! Pasting into the real binary (issue 11, finding 6): it turns bracketed paste on, takes a
//! bracketed paste into a note as one event, saves it, and turns bracketed paste off again,
//! also when a signal ends it. (Pasting by field and filter: the app's `paste`.)
#![cfg(unix)]

use crate::harness::{FRAME, caseload, demo_db, spawn};

#[test]
fn a_bracketed_paste_into_a_note_is_saved_and_the_terminal_restored() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), 3);
    let mut app = spawn(caseload(&db));
    app.wait_for(FRAME, 20);
    // Open the file, a note from the first template, down to its summary.
    app.send(b"\r");
    app.wait_for("Client file", 20);
    app.send(b"c");
    app.wait_for("Contact note", 20);
    app.send(b"\r");
    app.wait_for("Intake conversation", 20);
    app.send(b"\r\t\t");
    app.wait_for("›Summary", 20);
    let lines: Vec<String> = (0..30)
        .map(|i| format!("Regel {i}:\tgesprek over werk en zorg voor de kinderen."))
        .collect();
    let text = lines.join("\n");
    app.send(b"\x1b[200~");
    app.send(text.as_bytes());
    app.send(b"\x1b[201~");
    app.send(b"\x13");
    app.wait_for("Note saved.", 20);
    app.send(b"q");
    assert!(app.wait_exit(20).success());
    assert!(app.cooked());
    let store = caseload::store::Store::open(&db).unwrap();
    let dump = store.dump().unwrap();
    let want = format!("{:?}", text.replace('\t', "    "));
    assert!(dump.contains(want.trim_matches('"')), "{dump}");
    // Bracketed paste was turned on, and off again at the end.
    assert_paste_on_then_off(&app.text());
}

#[test]
fn bracketed_paste_is_turned_off_when_a_signal_ends_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caseload.db");
    let mut app = spawn(caseload(&db));
    app.wait_for(FRAME, 20);
    app.signal(rustix::process::Signal::TERM);
    assert!(app.wait_exit(20).success());
    assert!(app.cooked());
    assert_paste_on_then_off(&app.text());
}

/// The terminal's output turned bracketed paste on, and later off.
fn assert_paste_on_then_off(output: &str) {
    let on = output
        .find("\x1b[?2004h")
        .expect("bracketed paste turned on");
    let off = output
        .rfind("\x1b[?2004l")
        .expect("bracketed paste turned off");
    assert!(on < off);
}
