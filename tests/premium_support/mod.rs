//! Helpers for the premium tests: filling a form by field name, and the promise every
//! caseload made by the app keeps (`check` clean; export → import → export the same bytes).
#![allow(dead_code)]

use caseload::app::App;
use caseload::commands::transfer::import_into;
use caseload::store::Store;
use caseload::transfer::write::write_document;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(a: &mut App, code: KeyCode, mods: KeyModifiers) {
    a.handle_key(KeyEvent::new(code, mods));
}

/// The key of the field that has the focus.
pub fn focused(a: &App) -> String {
    a.form.as_ref().expect("a form").form.focused().key.clone()
}

/// Puts the focus on a field by its key (forward, then back), as Tab and Shift-Tab do.
pub fn go(a: &mut App, field: &str) {
    for code in [KeyCode::Tab, KeyCode::BackTab] {
        for _ in 0..60 {
            if focused(a) == field {
                return;
            }
            key(a, code, KeyModifiers::NONE);
        }
    }
    panic!("no field {field} in reach");
}

/// Types into a field, over what it held.
pub fn text(a: &mut App, field: &str, s: &str) {
    go(a, field);
    key(a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(a, s);
}

/// Chooses in a choice field: typing filters its picker, Enter takes the first match.
pub fn pick(a: &mut App, field: &str, s: &str) {
    go(a, field);
    typed(a, s);
    key(a, KeyCode::Enter, KeyModifiers::NONE);
}

/// Types text, one key per character.
pub fn typed(a: &mut App, s: &str) {
    for c in s.chars() {
        key(a, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

/// The whole caseload as the export writes it.
pub fn export(store: &Store) -> Vec<u8> {
    let ids = store.client_ids().unwrap();
    let mut out = Vec::new();
    write_document(
        &mut out,
        ids.iter()
            .map(|id| store.client_record(*id).map(|r| r.expect("client exists"))),
    )
    .unwrap();
    out
}

/// A fresh store in memory with `bytes` imported.
pub fn imported(bytes: &[u8]) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    if let Err(e) = import_into(&mut store, bytes, false) {
        panic!("{e:?}");
    }
    store
}

/// `caseload check` finds nothing, and export → import into an empty file → export gives
/// the same bytes.
pub fn assert_sound(store: &Store) {
    let report = caseload::commands::check::Report::gather(store).unwrap();
    assert!(report.is_clean(), "{report:?}");
    let first = export(store);
    let copy = imported(&first);
    assert_eq!(
        String::from_utf8(export(&copy)).unwrap(),
        String::from_utf8(first).unwrap()
    );
}
