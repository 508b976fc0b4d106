//! The keys a caseworker types, sent to the real app in a pty; each step waits until the
//! screen shows that it was taken (never for a fixed time).

use super::drafts::Session;
use crate::harness::Running;

/// How long any screen may take to appear, on a busy machine.
pub const WAIT: u64 = 30;

/// The bottom line: the keys that apply now.
fn footer(rows: &[String]) -> &str {
    rows.last().map_or("", String::as_str)
}

fn shows(rows: &[String], text: &str) -> bool {
    rows.iter().any(|r| r.contains(text))
}

/// Whether a form is open, with nothing over it.
fn form_open(rows: &[String]) -> bool {
    footer(rows).contains("Ctrl-S Save")
}

/// Whether the question "continue the draft?" is on screen.
fn draft_waiting(rows: &[String]) -> bool {
    shows(rows, "A draft is waiting") && footer(rows).contains("Esc Cancel")
}

/// Waits until the list shows all its `clients` (it loads in the background).
pub fn wait_loaded(app: &mut Running, clients: i64) {
    let count = format!(" {clients} clients ");
    app.wait_screen(&format!("the list of {clients} clients"), WAIT, |rows| {
        shows(rows, "Today 23-11-2026") && shows(rows, &count)
    });
}

/// Opens the file of the client selected in the list.
pub fn open_file(app: &mut Running) {
    app.send(b"\r");
    app.wait_screen("the client file", WAIT, |rows| {
        footer(rows).contains("c Contact note")
    });
}

/// Opens a form with `key`; a draft of it that waits is thrown away ("start afresh").
fn open_form(app: &mut Running, key: &[u8], title: &str) {
    app.send(key);
    app.wait_screen(title, WAIT, |rows| {
        shows(rows, title) && (form_open(rows) || draft_waiting(rows))
    });
    if draft_waiting(&app.screen()) {
        app.send(b"n");
        app.wait_screen(title, WAIT, form_open);
    }
}

/// Opens a contact note from the client file and picks the channel; the cursor then
/// stands in the summary.
pub fn start_note(app: &mut Running) -> Session {
    open_form(app, b"c", "Contact note");
    app.send(b"\t\t\r");
    app.wait_screen("the channel picker", WAIT, |rows| shows(rows, "┌ Channel"));
    app.send(b"\r");
    app.wait_screen("the summary field", WAIT, |rows| {
        shows(rows, "›Summary") && form_open(rows)
    });
    let mut session = Session::new("note");
    session.pick("channel", "in_person");
    session
}

/// Opens a new intake from the list; the cursor stands in the BSN.
pub fn start_intake(app: &mut Running) -> Session {
    open_form(app, b"n", "New intake");
    Session::new("intake")
}

/// Saves a contact note with `summary` and waits until the app says it is saved.
pub fn save_note(app: &mut Running, summary: &str) {
    start_note(app);
    app.send(summary.as_bytes());
    app.send(b"\x13");
    app.wait_screen("\"Note saved.\" and the form closed", WAIT, |rows| {
        shows(rows, "Note saved.") && footer(rows).contains("c Contact note")
    });
}

/// A key typed into a form.
#[derive(Clone, Copy, Debug)]
pub enum Key {
    /// A character into the field with this key.
    Char(&'static str, char),
    /// Tab: on to the next field.
    Next,
}

/// Keys that type `text` into `field`, then move on.
pub fn field(field: &'static str, text: &str) -> Vec<Key> {
    let mut keys: Vec<Key> = text.chars().map(|c| Key::Char(field, c)).collect();
    keys.push(Key::Next);
    keys
}

/// Types `keys` in one go and notes each state the form passes through.
pub fn type_keys(app: &mut Running, session: &mut Session, keys: &[Key]) {
    let mut bytes = Vec::new();
    for k in keys {
        match *k {
            Key::Char(f, c) => {
                bytes.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                session.typed(f, &c.to_string());
            }
            Key::Next => bytes.push(b'\t'),
        }
    }
    app.send(&bytes);
}
