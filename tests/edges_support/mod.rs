//! Helpers for the boundary tests: a client at a known moment of the journey, the form
//! driven by field name through the app's key dispatch, and the two promises every
//! caseload keeps (`caseload check` clean, export → import → export the same bytes).
#![allow(dead_code)]

pub(crate) use crate::common;
pub(crate) use crate::exit_support;

use caseload::app::App;
use caseload::assets::Assets;
use caseload::commands::check::Report;
use caseload::commands::import::{ImportError, import_into};
use caseload::commands::transfer::write_all;
use caseload::domain::codes::*;
use caseload::domain::exit::ExitInput;
use caseload::domain::model::Id;
use caseload::i18n::Lang;
use caseload::store::Store;
use chrono::NaiveDate;
use common::{press, press_mod, type_str};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

#[allow(unused_imports)]
pub use common::{date, today};
#[allow(unused_imports)]
pub use exit_support::{client_on_benefit, plain_exit, trajectory};

/// The app on a store with one client, their file open and focused.
pub fn on_file(store: Store) -> App {
    let mut a = common::app(store, Lang::En);
    press(&mut a, KeyCode::Tab);
    assert!(a.file().is_some(), "the client's file is open");
    a
}

pub fn save(a: &mut App) {
    press_mod(a, KeyCode::Char('s'), KeyModifiers::CONTROL);
}

pub fn status(a: &App) -> String {
    a.status().unwrap_or_default().to_owned()
}

pub fn focused(a: &App) -> String {
    a.focused_field().expect("a form").to_owned()
}

/// Tabs (or shift-tabs) to a field of the open form.
pub fn focus_on(a: &mut App, key: &str) {
    a.focus(key);
}

/// Replaces the text of a text or date field.
pub fn retype(a: &mut App, key: &str, text: &str) {
    focus_on(a, key);
    press_mod(a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_str(a, text);
}

/// Chooses the first option matching `filter` in a choice field.
pub fn choose(a: &mut App, key: &str, filter: &str) {
    focus_on(a, key);
    type_str(a, filter);
    press(a, KeyCode::Enter);
}

/// The message under a field, as the form shows it now.
pub fn error(a: &App, key: &str) -> Option<String> {
    assert!(a.field(key).is_some(), "the form has no field {key}");
    a.field_error(key)
}

/// The note beside a field.
pub fn note(a: &App, key: &str) -> Option<String> {
    assert!(a.field(key).is_some(), "the form has no field {key}");
    a.field_note(key)
}

/// Saving is refused with `msg` under `key`: the form stays open on that field.
pub fn refused_at(a: &mut App, key: &str, msg: &str) {
    save(a);
    assert!(a.form().is_some(), "the save went through: {}", status(a));
    assert_eq!(focused(a), key, "the cursor is on the field that is wrong");
    assert_eq!(
        error(a, key).as_deref(),
        Some(msg),
        "the reason under {key}"
    );
}

/// The whole caseload as `caseload export` writes it.
pub fn export(store: &Store) -> Vec<u8> {
    let ids = store.client_ids().expect("ids");
    let mut out = Vec::new();
    write_all(store, &ids, &mut out).expect("export");
    out
}

/// Both promises: `caseload check` finds nothing, and the export comes back byte for byte.
pub fn sound(store: &Store) {
    let report = Report::gather(store).expect("check");
    assert!(
        report.is_clean(),
        "{}",
        report.render(std::path::Path::new("db"), Lang::En)
    );
    let first = export(store);
    let mut again = Store::open_in_memory().expect("store");
    import_into(&mut again, &first, false).unwrap_or_else(|e| panic!("{}", lines(&e)));
    assert!(first == export(&again), "export → import → export differs");
}

/// An import of `doc` into an empty store: the problems, one a line (English), or "".
pub fn import_lines(doc: &serde_json::Value) -> String {
    let mut store = Store::open_in_memory().expect("store");
    match import_into(&mut store, doc.to_string().as_bytes(), false) {
        Ok(_) => String::new(),
        Err(e) => lines(&e),
    }
}

pub fn lines(e: &ImportError) -> String {
    match e {
        ImportError::Refused(p) => p.lines(Lang::En).join("\n"),
        ImportError::Store(e) => format!("store: {e}"),
    }
}

/// A client born on `birth`, on benefit since 1 January 2024 (a plan agreed).
pub fn client_born(store: &mut Store, n: u32, birth: NaiveDate) -> (Id, Id) {
    let (cid, ep) = client_on_benefit(store, n, "Anna", "van der", "Berg", date(2024, 1, 1));
    let mut c = store.client(cid).expect("read").expect("client");
    c.person.birth_date = Some(birth);
    store
        .write(|tx| tx.update_client(cid, &c.person))
        .expect("birth date");
    (cid, ep)
}

/// The client leaves benefit on `exit` for `reason` (no work details, aftercare declined).
pub fn leave(store: &mut Store, cid: Id, reason: ExitReason, exit: NaiveDate) {
    let input: ExitInput = plain_exit(cid, reason, exit);
    store.record_exit(&input, &Assets::builtin()).expect("exit");
}
