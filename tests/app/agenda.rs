//! The agenda screen: every open item, grouped, overdue first; Enter opens the client at the
//! right form and a done item leaves the list at once.

use crate::common;

use caseload::app::action::Screen;
use caseload::app::workflows::FormKind;
use caseload::domain::agenda::{ItemKind, Urgency};
use caseload::i18n::Lang;
use common::{agenda_to, app, demo_store, draw, press, press_mod, today, type_str};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

#[test]
fn the_agenda_lists_every_open_item_oldest_first_with_the_overdue_count() {
    let mut a = app(demo_store(60), Lang::En);
    assert!(a.overdue() > 0, "the demo has overdue items");
    press(&mut a, KeyCode::Char('2'));
    assert_eq!(a.screen(), Screen::Agenda);
    let dues: Vec<_> = a.agenda_items().iter().map(|r| r.item.due).collect();
    let mut sorted = dues.clone();
    sorted.sort();
    assert_eq!(dues, sorted);
    let overdue = a
        .agenda_items()
        .iter()
        .filter(|r| Urgency::of(r.item.due, today()) == Urgency::Overdue)
        .count();
    assert_eq!(overdue, a.overdue());
    insta::assert_snapshot!(draw(&a).backend());
}

#[test]
fn the_agenda_filters_by_name_and_kind() {
    let mut a = app(demo_store(60), Lang::En);
    press(&mut a, KeyCode::Char('2'));
    let all = a.agenda_count().unwrap();
    press(&mut a, KeyCode::Char('/'));
    type_str(&mut a, "check-in");
    let shown = a.agenda_items();
    assert!(!shown.is_empty() && shown.len() < all);
    assert!(
        shown
            .iter()
            .all(|r| matches!(r.item.kind, ItemKind::CheckIn))
    );
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.agenda_count().unwrap(), all);
}

#[test]
fn enter_on_a_follow_up_opens_the_plan_and_done_leaves_the_list() {
    let mut a = app(demo_store(60), Lang::En);
    let item = agenda_to(&mut a, |i| i.kind == ItemKind::Agreement);
    let before = a.agenda_count().unwrap();
    press(&mut a, KeyCode::Enter);
    let (kind, _) = a.form().expect("the plan opens");
    assert_eq!(kind, FormKind::Plan);
    // Find the agreement's done field and tick it.
    let n = (1..)
        .map(|n| format!("a{n}"))
        .take_while(|n| a.field(&format!("{n}_text")).is_some())
        .find(|n| a.field(&format!("{n}_text")).as_deref() == Some(item.detail.as_str()))
        .unwrap();
    a.focus(&format!("{n}_done"));
    type_str(&mut a, "y");
    press_mod(&mut a, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(a.form().is_none(), "{:?}", a.status());
    assert_eq!(
        a.screen(),
        Screen::Agenda,
        "back to the agenda after the save"
    );
    assert_eq!(a.agenda_count().unwrap(), before - 1);
    assert!(
        !a.agenda_items()
            .iter()
            .any(|r| r.item.kind == ItemKind::Agreement && r.item.ref_id == item.ref_id)
    );
}

/// Lets the background work end and its answers arrive.
fn settle(app: &mut caseload::app::App) {
    for _ in 0..3000 {
        app.tick();
        if !app.busy() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the background work never ended");
}

#[test]
fn the_agenda_shows_what_the_file_holds_each_time_it_is_shown_and_counts_it_in_the_background() {
    use caseload::domain::notes::AgreementInput;
    use caseload::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.db");
    let mut store = Store::open(&path).unwrap();
    caseload::demo::generate(&mut store, 30, 3, today()).unwrap();
    let mut a = caseload::app::App::new(store, Lang::En, today(), (120, 35));
    settle(&mut a);
    press(&mut a, KeyCode::Char('2'));
    // The first page is read at once; the count comes from the background.
    assert!(!a.agenda_items().is_empty());
    assert!(a.busy(), "the agenda is counted");
    assert!(draw(&a).backend().to_string().contains("…"));
    settle(&mut a);
    let (items, overdue) = (a.agenda_count().unwrap(), a.overdue());
    assert!(items > 0);
    // Shown again with nothing written: the same.
    press(&mut a, KeyCode::Char('1'));
    press(&mut a, KeyCode::Char('2'));
    settle(&mut a);
    assert_eq!((a.agenda_count(), a.overdue()), (Some(items), overdue));
    // A write of the app's own (an agreement due long ago, for a client with a next step):
    // shown again, it is there, first of the dated items.
    let ep = a
        .agenda_items()
        .iter()
        .filter(|e| e.item.kind != ItemKind::Idle)
        .find_map(|e| {
            let ep = a.store().latest_episode(e.item.client_id).unwrap()?;
            ep.exit_date.is_none().then_some(ep.id)
        })
        .expect("a client on benefit");
    let early = common::date(2020, 1, 2);
    a.store_mut()
        .add_agreement(
            ep,
            &AgreementInput::new("Bellen", caseload::domain::codes::Who::Client, Some(early)),
        )
        .unwrap();
    press(&mut a, KeyCode::Char('1'));
    press(&mut a, KeyCode::Char('2'));
    settle(&mut a);
    assert_eq!(a.agenda_count(), Some(items + 1));
    let first_dated = a
        .agenda_items()
        .into_iter()
        .find(|e| e.item.kind != ItemKind::Idle)
        .unwrap();
    assert_eq!(
        (first_dated.item.due, first_dated.item.detail.as_str()),
        (early, "Bellen")
    );
}
