//! The list's views: `!` shows only the flagged clients (a lock-in, a flagged aftercare, an
//! overdue plan of action, no next step), `o` sorts by due date, name or phase; the title
//! says which, and the cursor stays on its client.

use crate::common::{app, demo_store, press, screen};
use caseload::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

#[test]
fn bang_shows_only_the_flagged_clients_and_again_all() {
    let mut a = app(demo_store(60), Lang::En);
    let all = a.list().len();
    let flagged = a.list().iter().filter(|r| r.flagged).count();
    assert!(flagged > 0 && flagged < all, "{flagged} of {all}");
    press(&mut a, KeyCode::Char('!'));
    assert_eq!(a.list().len(), flagged);
    assert!(a.list().iter().all(|r| r.flagged));
    assert!(screen(&a).contains("· ⚑ only"), "{}", screen(&a));
    press(&mut a, KeyCode::Char('!'));
    assert_eq!(a.list().len(), all);
    assert!(!screen(&a).contains("⚑ only"));
}

#[test]
fn o_sorts_by_name_then_phase_then_risk_then_due_again_keeping_the_client_under_the_cursor() {
    let mut a = app(demo_store(60), Lang::Nl);
    let due: Vec<i64> = a.list().iter().map(|r| r.client_id).collect();
    press(&mut a, KeyCode::Char('j'));
    press(&mut a, KeyCode::Char('j'));
    let here = a.selected_row().unwrap().client_id;
    press(&mut a, KeyCode::Char('o'));
    let names: Vec<String> = a.list().iter().map(|r| r.name.to_lowercase()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert_eq!(a.selected_row().unwrap().client_id, here);
    assert!(screen(&a).contains("· op naam"), "{}", screen(&a));
    press(&mut a, KeyCode::Char('o'));
    let phases: Vec<_> = a.list().iter().map(|r| r.phase).collect();
    assert!(phases.windows(2).all(|w| w[0] <= w[1]));
    assert!(screen(&a).contains("· op fase"));
    press(&mut a, KeyCode::Char('o'));
    assert!(screen(&a).contains("· op risico op terugval"));
    assert_eq!(a.selected_row().unwrap().client_id, here);
    press(&mut a, KeyCode::Char('o'));
    let back: Vec<i64> = a.list().iter().map(|r| r.client_id).collect();
    assert_eq!(back, due);
    assert_eq!(a.selected_row().unwrap().client_id, here);
}

#[test]
fn a_client_with_no_next_step_is_flagged_in_the_list_and_heads_the_agenda() {
    let mut store = caseload::store::Store::open_in_memory().unwrap();
    caseload::demo::generate(&mut store, 20, 7, crate::common::today()).unwrap();
    on_benefit(&mut store, "Kees", "de", "Vries", "249566758");
    let mut a = app(store, Lang::En);
    let s = screen(&a);
    assert!(s.contains("⚑ Vries, Kees de"), "{s}");
    assert!(s.contains("01-09-2026 No next step"), "{s}");
    press(&mut a, KeyCode::Char('2'));
    let first = a.agenda_items()[0].clone();
    assert_eq!(first.item.kind, caseload::domain::agenda::ItemKind::Idle);
    let s = screen(&a);
    assert!(s.contains("No next step"), "{s}");
    assert!(s.contains("nothing planned since 01-09-2026"), "{s}");
    // Enter opens the client's file.
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.file().unwrap().client.person.last_name, "Vries");
}

/// A client on benefit since 1 September 2026 with nothing else recorded.
fn on_benefit(
    store: &mut caseload::store::Store,
    first: &str,
    prefix: &str,
    last: &str,
    bsn: &str,
) {
    use caseload::domain::Bsn;
    use caseload::domain::codes::BenefitType;
    use caseload::domain::model::{Episode, Person};
    store
        .write(|tx| {
            let c = tx.insert_client(&Person {
                bsn: Bsn::parse(bsn).unwrap(),
                first_name: first.into(),
                prefix: prefix.into(),
                last_name: last.into(),
                birth_date: None,
                phone: String::new(),
                email: String::new(),
                address: String::new(),
            })?;
            tx.insert_episode(&Episode {
                id: 0,
                client_id: c,
                benefit_start: crate::common::date(2026, 9, 1),
                benefit_type: BenefitType::Participatiewet,
                exit_date: None,
                last_payment_date: None,
                exit_reason: None,
                previous_episode_id: None,
            })
        })
        .unwrap();
}

#[test]
fn yil_finds_yilmaz_with_the_dotless_i() {
    let mut store = caseload::store::Store::open_in_memory().unwrap();
    on_benefit(&mut store, "Emre", "", "Yılmaz", "249566758");
    on_benefit(&mut store, "Jan", "", "Jansen", "111222333");
    let mut a = app(store, Lang::En);
    crate::common::type_str(&mut a, "/yil");
    let names: Vec<&str> = a.list().iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Yılmaz, Emre"]);
}

#[test]
fn m_shows_the_sessions_messages_newest_first_and_esc_closes_them() {
    let mut a = app(demo_store(20), Lang::En);
    press(&mut a, KeyCode::Char('M'));
    assert!(screen(&a).contains("No message yet in this session."));
    press(&mut a, KeyCode::Esc);
    // Two messages: nothing to undo, nothing to redo.
    press(&mut a, KeyCode::Char('u'));
    crate::common::press_mod(
        &mut a,
        KeyCode::Char('r'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    );
    assert_eq!(a.status(), Some("Nothing to redo."));
    press(&mut a, KeyCode::Char('M'));
    let s = screen(&a);
    assert!(s.contains("Messages of this session"), "{s}");
    let redo = s.find("Nothing to redo.").expect("the newest");
    let undo = s.find("Nothing to undo").expect("the older");
    assert!(redo < undo, "newest first:\n{s}");
    press(&mut a, KeyCode::Esc);
    assert!(!screen(&a).contains("Messages of this session"));
}

#[test]
fn bang_in_the_agenda_shows_only_what_is_late_and_again_all() {
    use caseload::domain::agenda::Urgency;
    let mut a = app(demo_store(60), Lang::En);
    press(&mut a, KeyCode::Char('2'));
    let all = a.agenda_count().unwrap();
    let today = crate::common::today();
    let late = a
        .agenda_items()
        .iter()
        .filter(|e| matches!(e.item.urgency(today), Urgency::Idle | Urgency::Overdue))
        .count();
    assert!(late > 0 && late < all, "{late} of {all}");
    press(&mut a, KeyCode::Char('!'));
    assert_eq!(a.agenda_count(), Some(late));
    assert_eq!(a.agenda_items().len(), late);
    assert!(screen(&a).contains("· only what is late"));
    press(&mut a, KeyCode::Char('!'));
    assert_eq!(a.agenda_count(), Some(all));
}
