//! Undo (`u`, asks first, saying what) and redo (`Ctrl-R`) of this session's changes,
//! through the keys: a form's save, a mark from the file, many in a row.

use crate::common::{app, demo_store, press, press_mod};
use caseload::app::App;
use caseload::i18n::Lang;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// The caseload as `caseload export` writes it.
fn export(a: &App) -> Vec<u8> {
    let store = a.store();
    let ids = store.client_ids().unwrap();
    let mut out = Vec::new();
    caseload::commands::transfer::write_all(store, &ids, &mut out).unwrap();
    out
}

/// Opens the file of the first client in the list with goals in the plan of action.
fn open_with_plan(a: &mut App) {
    for _ in 0..40 {
        if a.file().is_some_and(|f| !f.goals.is_empty()) {
            break;
        }
        press(a, KeyCode::Char('j'));
    }
    assert!(a.file().is_some_and(|f| !f.goals.is_empty()));
    press(a, KeyCode::Enter);
}

fn undo(a: &mut App) {
    press(a, KeyCode::Char('u'));
    press(a, KeyCode::Enter);
}

fn redo(a: &mut App) {
    press_mod(a, KeyCode::Char('r'), KeyModifiers::CONTROL);
}

/// A contact note for the first client, saved through its form.
fn save_a_note(a: &mut App, text: &str) {
    press(a, KeyCode::Enter);
    press(a, KeyCode::Char('c'));
    press(a, KeyCode::Enter);
    press(a, KeyCode::Enter);
    a.fill("summary", text);
    press_mod(a, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(a.form().is_none(), "saved: {:?}", a.status());
}

#[test]
fn a_saved_note_is_undone_after_a_question_that_says_what_and_redone() {
    let mut a = app(demo_store(20), Lang::En);
    let before = export(&a);
    save_a_note(&mut a, "Gebeld over de sollicitatie");
    let with_note = export(&a);
    assert_ne!(before, with_note);
    let name = a.file().unwrap().client.person.full_name();
    press(&mut a, KeyCode::Char('u'));
    let q = a.question().expect("undo asks first");
    assert_eq!(q.message, format!("Undo: contact note added for {name}?"));
    // Esc keeps it.
    press(&mut a, KeyCode::Esc);
    assert_eq!(export(&a), with_note);
    undo(&mut a);
    assert_eq!(export(&a), before);
    assert_eq!(
        a.status(),
        Some(format!("Undone: contact note added for {name}. Ctrl-R redoes it.").as_str())
    );
    // The file no longer shows it.
    let s = crate::common::screen(&a);
    assert!(!s.contains("Gebeld over de sollicitatie"), "{s}");
    redo(&mut a);
    assert_eq!(export(&a), with_note);
    assert!(
        a.status()
            .unwrap()
            .starts_with("Redone: contact note added")
    );
    // Nothing left to redo; the note can be undone again.
    redo(&mut a);
    assert_eq!(a.status(), Some("Nothing to redo."));
    undo(&mut a);
    assert_eq!(export(&a), before);
}

#[test]
fn twenty_five_changes_are_undone_one_by_one_back_to_the_start() {
    let mut a = app(demo_store(20), Lang::Nl);
    let start = export(&a);
    open_with_plan(&mut a);
    // Marks from the file, each a change: done, open, done, ...
    let mut exports = vec![start.clone()];
    press(&mut a, KeyCode::Char(']'));
    for _ in 0..25 {
        press(&mut a, KeyCode::Char(' '));
        exports.push(export(&a));
    }
    assert_eq!(a.state().changes.undo.len(), 25);
    for want in exports.iter().rev().skip(1) {
        undo(&mut a);
        assert_eq!(&export(&a), want);
    }
    assert_eq!(export(&a), start);
    press(&mut a, KeyCode::Char('u'));
    assert!(a.question().is_none());
    assert_eq!(
        a.status(),
        Some("Niets om ongedaan te maken: in deze sessie is nog niets gewijzigd.")
    );
    // All redone, in order.
    for want in exports.iter().skip(1) {
        redo(&mut a);
        assert_eq!(&export(&a), want);
    }
}

#[test]
fn a_new_change_after_an_undo_cannot_have_the_undone_one_redone() {
    let mut a = app(demo_store(20), Lang::En);
    open_with_plan(&mut a);
    press(&mut a, KeyCode::Char(']'));
    press(&mut a, KeyCode::Char(' '));
    undo(&mut a);
    press(&mut a, KeyCode::Char(']'));
    press(&mut a, KeyCode::Char(' '));
    let now = export(&a);
    redo(&mut a);
    assert_eq!(a.status(), Some("Nothing to redo."));
    assert_eq!(export(&a), now);
}

#[test]
fn h_shows_every_change_of_the_client_newest_first_with_before_and_after() {
    let mut a = app(demo_store(20), Lang::En);
    open_with_plan(&mut a);
    press(&mut a, KeyCode::Char('h'));
    // The demo was made outside the app: nothing of it is in the history yet.
    let s = crate::common::screen(&a);
    assert!(s.contains("No change was made to this client"), "{s}");
    press(&mut a, KeyCode::Esc);
    // A goal marked achieved, then undone.
    press(&mut a, KeyCode::Char(']'));
    let goal = a.file().unwrap().goals[0].clone();
    press(&mut a, KeyCode::Char(' '));
    undo(&mut a);
    press(&mut a, KeyCode::Char('h'));
    let name = a.file().unwrap().client.person.full_name();
    let s = crate::common::screen(&a);
    assert!(s.contains(&format!("History: {name}")), "{s}");
    let day = goal
        .done_on
        .unwrap_or(crate::common::today())
        .format("%d-%m-%Y")
        .to_string();
    let (change, undo) = match goal.done_on {
        None => (format!("— → {day}"), format!("{day} → —")),
        Some(_) => (format!("{day} → —"), format!("— → {day}")),
    };
    // Newest first: the undo, then the change it undid.
    let undo_at = s.find("Undo of: goal changed").expect("the undo");
    let undo_detail = s
        .find(&format!("goal · done: {undo}"))
        .expect("the undo's detail");
    let change_detail = s
        .find(&format!("goal · done: {change}"))
        .expect("the change");
    assert!(undo_at < undo_detail && undo_detail < change_detail, "{s}");
    press(&mut a, KeyCode::Esc);
    assert!(a.question().is_none());
    assert_eq!(a.mode(), caseload::keymap::Mode::File);
}

#[test]
fn a_long_history_scrolls_to_its_end_and_no_further() {
    use caseload::app::layer::Layer;
    let mut a = app(demo_store(20), Lang::En);
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char(']'));
    for _ in 0..20 {
        press(&mut a, KeyCode::Char(' '));
    }
    press(&mut a, KeyCode::Char('h'));
    let scroll = |a: &App| match a.state().layers.last() {
        Some(Layer::History(v)) => v.scroll,
        other => panic!("{other:?}"),
    };
    let max = crate::common::drawn(&a).help_overflow as u16;
    assert!(max > 0, "twenty changes do not fit");
    for _ in 0..(max + 10) {
        press(&mut a, KeyCode::Char('j'));
    }
    assert_eq!(scroll(&a), max);
    press(&mut a, KeyCode::PageUp);
    assert_eq!(scroll(&a), max.saturating_sub(10));
    press(&mut a, KeyCode::Char('h'));
    assert!(a.state().layers.is_empty());
}

#[test]
fn an_undo_refused_because_the_row_changed_since_leaves_the_stack_and_writes_nothing() {
    let mut a = app(demo_store(20), Lang::En);
    open_with_plan(&mut a);
    press(&mut a, KeyCode::Char(']'));
    let goal = a.file().unwrap().goals[0].clone();
    // Marked (undoable), then changed again behind the session's back.
    press(&mut a, KeyCode::Char(' '));
    assert_eq!(a.state().changes.undo.len(), 1);
    let other = chrono::NaiveDate::from_ymd_opt(2020, 2, 2);
    a.store_mut().set_goal_done(goal.id, other).unwrap();
    a.store_mut().take_last_change();
    let now = export(&a);
    undo(&mut a);
    assert_eq!(
        a.status(),
        Some(
            "This change cannot be undone: what it changed was changed again since (by another program?)."
        )
    );
    assert_eq!(export(&a), now);
    // It left the stack: nothing else to undo, nothing to redo.
    assert!(a.state().changes.undo.is_empty());
    press(&mut a, KeyCode::Char('u'));
    assert!(a.question().is_none());
    assert_eq!(
        a.status(),
        Some("Nothing to undo: no change was made in this session.")
    );
}
