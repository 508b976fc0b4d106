//! A caseworker's own keys (`keys.toml` in the config directory) in the real binary: the
//! key works, the help and `caseload keys` show it; a file with a mistake is named with
//! its line and the built-in keys work.
#![cfg(unix)]

use crate::harness::{FRAME, caseload, demo_db, spawn};
use std::path::Path;

/// A demo database of three clients, and a config directory holding `keys`.
fn setup(dir: &Path, keys: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let config = dir.join("config");
    std::fs::create_dir_all(config.join("caseload")).unwrap();
    std::fs::write(config.join("caseload").join("keys.toml"), keys).unwrap();
    (demo_db(dir, 3), config)
}

#[test]
fn an_own_key_opens_the_form_and_shows_in_the_help_and_the_list_of_keys() {
    let dir = tempfile::tempdir().unwrap();
    let (db, config) = setup(dir.path(), "[client]\nadd_note = \"C\"\n");
    let listed = caseload(&db)
        .env("XDG_CONFIG_HOME", &config)
        .arg("keys")
        .output()
        .unwrap();
    let listed = String::from_utf8(listed.stdout).unwrap();
    assert!(
        listed.contains("add_note = \"C\"  # Contact note"),
        "{listed}"
    );
    let mut app = spawn({
        let mut c = caseload(&db);
        c.env("XDG_CONFIG_HOME", &config);
        c
    });
    app.wait_for(FRAME, 20);
    // The built-in key does nothing now; the own key opens the contact note.
    app.send(b"c");
    app.idle(std::time::Duration::from_millis(300));
    assert!(!app.plain().contains("Summary"), "{}", app.plain());
    app.send(b"C");
    app.wait_for("Summary", 20);
    app.send(b"\x1b");
    app.wait_screen("the form closed", 20, |rows| {
        !rows.iter().any(|r| r.contains("Summary"))
    });
    app.send(b"?");
    app.wait_screen("the help with the own key", 20, |rows| {
        rows.iter()
            .any(|r| r.contains("  C ") && r.contains("Contact note"))
    });
    // Esc and q apart (together they read as Alt-q).
    app.send(b"\x1b");
    app.idle(std::time::Duration::from_millis(300));
    app.send(b"q");
    assert!(app.wait_exit(20).success());
}

#[test]
fn a_file_with_a_mistake_is_named_with_its_line_and_the_built_in_keys_work() {
    let dir = tempfile::tempdir().unwrap();
    let (db, config) = setup(
        dir.path(),
        "[client]\nadd_note = \"C\"\nexit_interview = \"C\"\n",
    );
    let mut app = spawn({
        let mut c = caseload(&db);
        c.env("XDG_CONFIG_HOME", &config);
        c
    });
    app.wait_for(FRAME, 20);
    app.wait_for("keys.toml: line", 20);
    // The whole message, however long the path before it: in the session's messages.
    app.send(b"M");
    let said = "line 3: C in [client] is already the key for add_note";
    app.wait_screen("the whole message", 20, |rows| {
        // The overlay wraps the message: what its rows hold between their borders reads as
        // one text.
        let text: Vec<&str> = rows
            .iter()
            .filter_map(|r| r.split('│').nth(1))
            .flat_map(str::split_whitespace)
            .collect();
        text.join(" ").contains(said)
    });
    app.send(b"\x1b");
    app.idle(std::time::Duration::from_millis(300));
    app.send(b"c");
    app.wait_for("Summary", 20);
    app.send(b"\x1b");
    app.idle(std::time::Duration::from_millis(300));
    app.send(b"q");
    assert!(app.wait_exit(20).success());
}
