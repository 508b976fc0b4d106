//! Every frame of the real binary is one synchronized update (mode 2026): a terminal that
//! knows it never shows a frame half-drawn, and the key-to-frame bench (`benches/keys.rs`)
//! knows where the frame a key caused ends.
#![cfg(unix)]

use crate::harness::{FRAME, caseload, demo_db, spawn};

#[test]
fn each_key_is_answered_by_one_whole_synchronized_frame() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), 30);
    let mut app = spawn(caseload(&db));
    app.next_frame(24, 20);
    app.wait_for(FRAME, 20);
    // The cursor moves down: the frame that key caused ends, with the cursor's row in it.
    let before = app.screen();
    app.send(b"\x1b[B");
    app.next_frame(24, 20);
    assert_ne!(app.screen(), before);
    app.send(b"q");
    assert!(app.wait_exit(20).success());
    let out = app.text();
    let begun = out.matches("\x1b[?2026h").count();
    let ended = out.matches("\x1b[?2026l").count();
    // Every frame begun was ended (once more at the end, as the terminal is restored).
    assert!(begun >= 2, "{begun} frames");
    assert_eq!(ended, begun + 1);
}
