//! The agenda screen: every open item, grouped, overdue first; Enter opens the client at the
//! right form and a done item leaves the list at once.

use crate::common;

use caseload::app::action::Screen;
use caseload::domain::agenda::{ItemKind, Urgency};
use caseload::i18n::Lang;
use common::{agenda_to, app, demo_store, draw, press, press_mod, today, type_str};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

#[test]
fn the_agenda_lists_every_open_item_oldest_first_with_the_overdue_count() {
    let mut a = app(demo_store(60), Lang::En);
    assert!(a.overdue > 0, "the demo has overdue items");
    press(&mut a, KeyCode::Char('2'));
    assert_eq!(a.screen, Screen::Agenda);
    let dues: Vec<_> = a.agenda.rows.iter().map(|r| r.item.due).collect();
    let mut sorted = dues.clone();
    sorted.sort();
    assert_eq!(dues, sorted);
    let overdue = a
        .agenda
        .rows
        .iter()
        .filter(|r| Urgency::of(r.item.due, today()) == Urgency::Overdue)
        .count();
    assert_eq!(overdue, a.overdue);
    insta::assert_snapshot!(draw(&a).backend());
}

#[test]
fn the_agenda_filters_by_name_and_kind() {
    let mut a = app(demo_store(60), Lang::En);
    press(&mut a, KeyCode::Char('2'));
    press(&mut a, KeyCode::Char('/'));
    type_str(&mut a, "check-in");
    assert!(!a.agenda.visible.is_empty());
    assert!(
        a.agenda
            .visible
            .iter()
            .all(|&i| matches!(a.agenda.rows[i].item.kind, ItemKind::CheckIn))
    );
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.agenda.visible.len(), a.agenda.rows.len());
}

#[test]
fn enter_on_a_follow_up_opens_the_plan_and_done_leaves_the_list() {
    let mut a = app(demo_store(60), Lang::En);
    let item = agenda_to(&mut a, |i| i.kind == ItemKind::Agreement);
    let before = a.agenda.rows.len();
    press(&mut a, KeyCode::Enter);
    let form = &a.form.as_ref().expect("the plan opens").form;
    assert_eq!(form.id.kind, "plan");
    // Find the agreement's done field and tick it.
    let n = form
        .fields
        .iter()
        .find(|f| {
            f.key.ends_with("_text") && f.key.starts_with('a') && form.text(&f.key) == item.detail
        })
        .map(|f| f.key.trim_end_matches("_text").to_owned())
        .unwrap();
    while a.form.as_ref().unwrap().form.focused().key != format!("{n}_done") {
        press(&mut a, KeyCode::Tab);
    }
    type_str(&mut a, "y");
    press_mod(&mut a, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(a.form.is_none(), "{:?}", a.status);
    assert_eq!(
        a.screen,
        Screen::Agenda,
        "back to the agenda after the save"
    );
    assert_eq!(a.agenda.rows.len(), before - 1);
    assert!(
        !a.agenda
            .rows
            .iter()
            .any(|r| r.item.kind == ItemKind::Agreement && r.item.ref_id == item.ref_id)
    );
}
