//! The list, the help and the agenda as a caseworker moves through them: clearing a
//! filter never moves the cursor to another client, `/` in the file filters the list,
//! the help scrolls to its last key, a form opened from the agenda goes back there on Esc,
//! and a small terminal still shows every column of the list.

use crate::common;

use caseload::app::action::Screen;
use caseload::domain::codes::Code;
use caseload::i18n::Lang;
use caseload::keymap::Mode;
use common::*;
use ratatui::crossterm::event::KeyCode;

fn selected_name(app: &caseload::app::App) -> String {
    app.selected_row().unwrap().name.clone()
}

#[test]
fn clearing_the_filter_keeps_the_client_under_the_cursor() {
    let mut a = app(demo_store(60), Lang::En);
    type_str(&mut a, "/van");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('j'));
    press(&mut a, KeyCode::Char('j'));
    let chosen = selected_name(&a);
    let file = a.file().unwrap().client.id;
    press(&mut a, KeyCode::Esc);
    assert!(a.list_filter().is_empty());
    assert_eq!(a.list().len(), 60);
    assert_eq!(selected_name(&a), chosen);
    assert_eq!(a.file().unwrap().client.id, file);
    // The cursor is on screen.
    let s = screen(&a);
    assert!(s.contains(&chosen), "{s}");
}

#[test]
fn typing_a_filter_goes_to_its_first_match_and_words_match_in_any_order() {
    let mut a = app(demo_store(60), Lang::En);
    press(&mut a, KeyCode::Char('G'));
    let row = a.selected_row().unwrap().clone();
    // "Berg, Jan van der" is found as "jan van der berg" and as "berg jan".
    let (last, rest) = row.name.split_once(", ").unwrap();
    let spoken = format!("/{rest} {last}");
    type_str(&mut a, &spoken.to_lowercase());
    assert_eq!(
        a.selected_row().unwrap().client_id,
        a.list()[0].client_id,
        "the cursor is on the first match"
    );
    assert!(a.selected_row().unwrap().name == row.name);
    press(&mut a, KeyCode::Esc);
    let first_words = format!("/{} {}", last, &rest[..1]);
    type_str(&mut a, &first_words.to_lowercase());
    assert!(a.list().iter().any(|r| r.client_id == row.client_id));
}

#[test]
fn slash_in_the_file_filters_the_list_instead_of_running_keys() {
    let mut a = app(demo_store(60), Lang::En);
    press(&mut a, KeyCode::Enter);
    assert!(a.file_has_focus());
    assert_eq!(a.mode(), Mode::File);
    // "e" would edit the intake, "s" reassess: in a filter they are letters.
    type_str(&mut a, "/boer s");
    assert!(a.form().is_none());
    assert!(!a.file_has_focus());
    assert_eq!(a.mode(), Mode::Filter);
    assert_eq!(a.list_filter(), "boer s");
}

#[test]
fn the_help_scrolls_to_its_last_key() {
    let mut a = app(demo_store(10), Lang::En);
    resize(&mut a, 80, 24);
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('?'));
    // The description of the help's last key.
    let lines = caseload::ui::help::lines(a.state(), Mode::File);
    let last = lines.last().unwrap().spans[1].content.to_string();
    let s = screen(&a);
    assert!(s.contains("more (j, PgDn)"), "{s}");
    assert!(!s.contains(&last), "{s}");
    for _ in 0..100 {
        press(&mut a, KeyCode::Char('j'));
    }
    let s = screen(&a);
    assert!(s.contains(&last), "{last} {s}");
    assert!(!s.contains("more (j, PgDn)"), "{s}");
    press(&mut a, KeyCode::Esc);
    assert_ne!(a.mode(), Mode::Help);
    // On the agenda the help lists the agenda's keys.
    press(&mut a, KeyCode::Char('2'));
    press(&mut a, KeyCode::Char('?'));
    let mut s = screen(&a);
    for _ in 0..40 {
        press(&mut a, KeyCode::Char('j'));
        s.push_str(&screen(&a));
    }
    assert!(s.contains("Open the item's form"), "{s}");
    assert!(!s.contains("Edit the intake"), "{s}");
}

#[test]
fn esc_from_a_form_opened_in_the_agenda_goes_back_to_the_agenda() {
    let mut a = app(demo_store(60), Lang::En);
    press(&mut a, KeyCode::Char('2'));
    // The first follow-up of the agenda opens the plan of action.
    while a.selected_agenda_item().unwrap().item.kind
        != caseload::domain::agenda::ItemKind::Agreement
    {
        press(&mut a, KeyCode::Char('j'));
    }
    let item = a.selected_agenda_item().cloned();
    let position = a
        .agenda_items()
        .iter()
        .position(|e| Some(*e) == item.as_ref());
    let agreement = a.selected_agenda_item().unwrap().item.ref_id;
    press(&mut a, KeyCode::Enter);
    // The plan opens on the agreement that is due, not on its first goal.
    let focused = a.focused_field().unwrap().to_owned();
    assert!(
        focused.starts_with('a') && focused.ends_with("_text"),
        "{focused}"
    );
    let due = a
        .file()
        .unwrap()
        .agreements
        .iter()
        .find(|x| x.id == agreement)
        .unwrap();
    assert_eq!(a.field(&focused).unwrap(), due.text);
    press(&mut a, KeyCode::Esc);
    assert!(a.form().is_none());
    assert_eq!(a.screen(), Screen::Agenda);
    assert_eq!(a.selected_agenda_item().cloned(), item);
    assert_eq!(
        a.agenda_items()
            .iter()
            .position(|e| Some(*e) == item.as_ref()),
        position
    );
}

#[test]
fn a_small_terminal_shows_the_whole_list_and_a_whole_agenda_line() {
    let mut a = app(demo_store(60), Lang::En);
    resize(&mut a, 80, 24);
    let s = screen(&a);
    assert!(s.contains("Phase") && s.contains("Next action"), "{s}");
    insta::assert_snapshot!("list_80x24", s);
    press(&mut a, KeyCode::Enter);
    let s = screen(&a);
    assert!(s.contains("Client file"), "{s}");
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('2'));
    let s = screen(&a);
    insta::assert_snapshot!("agenda_80x24", s);
    // The tabs never run into the date.
    resize(&mut a, 60, 24);
    let s = screen(&a);
    let top = s.lines().next().unwrap();
    assert!(top.contains("3 Reports") && !top.contains("Today"), "{top}");
}

#[test]
fn on_a_file_the_overdue_count_follows_the_first_frame() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.db");
    let mut store = caseload::store::Store::open(&path).unwrap();
    caseload::demo::generate(&mut store, 60, 7, today()).unwrap();
    let expected = store.overdue_count(today()).unwrap();
    assert!(expected > 0);
    let mut a = caseload::app::App::start(
        store,
        caseload::assets::Assets::builtin(),
        Lang::En,
        today(),
        (100, 30),
    );
    assert!(a.busy(), "the count runs in the background");
    assert_eq!(
        a.overdue(),
        0,
        "the count is not there before the first frame"
    );
    for _ in 0..1000 {
        if !a.busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        a.tick();
    }
    assert_eq!(a.overdue(), expected);
    let top = screen(&a).lines().next().unwrap().to_owned();
    assert!(top.contains(&format!("Agenda ({expected})")), "{top}");
}

#[test]
fn cancelling_the_draft_question_keeps_the_draft() {
    let mut a = app(demo_store(10), Lang::En);
    press(&mut a, KeyCode::Char('n'));
    assert!(a.form().is_some());
    type_str(&mut a, "1234");
    a.tick();
    let drafts = a.store().drafts().unwrap();
    assert_eq!(drafts.len(), 1);
    // Leave, keeping the draft.
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Enter);
    assert!(a.form().is_none());
    // Open again: the question; Esc cancels it, the form closes, the draft waits on.
    press(&mut a, KeyCode::Char('n'));
    assert!(a.question().is_some());
    press(&mut a, KeyCode::Esc);
    assert!(a.question().is_none());
    assert!(a.form().is_none());
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.store().drafts().unwrap(), drafts);
    // And it is still offered.
    press(&mut a, KeyCode::Char('n'));
    assert!(a.question().is_some());
}

#[test]
fn filters_ignore_accents_and_combine_name_phase_and_bsn() {
    let mut a = app(demo_store(200), Lang::En);
    let accented = a
        .list()
        .into_iter()
        .find(|r| r.name.starts_with('Ç'))
        .expect("the demo has a Çelik")
        .clone();
    type_str(&mut a, "/celik");
    assert!(!a.list().is_empty());
    assert!(a.list().iter().all(|r| r.name.starts_with('Ç')));
    press(&mut a, KeyCode::Esc);
    // A name with the phase, and a name with part of the BSN.
    let last = accented.name.split(',').next().unwrap().to_lowercase();
    let phase = accented.phase.label(Lang::En).to_lowercase();
    type_str(&mut a, &format!("/{last} {phase}"));
    assert!(a.list().iter().all(|r| r.phase == accented.phase));
    assert!(a.list().iter().any(|r| r.client_id == accented.client_id));
    press(&mut a, KeyCode::Esc);
    type_str(&mut a, &format!("/{last} {}", &accented.bsn[6..]));
    assert!(a.list().iter().any(|r| r.client_id == accented.client_id));
    press(&mut a, KeyCode::Esc);
    // The agenda: a name and a kind, in either order.
    press(&mut a, KeyCode::Char('2'));
    let row = a.agenda_items()[0].clone();
    let last = row.client_name.split(',').next().unwrap().to_lowercase();
    let kind = row.item.kind.label(Lang::En).to_lowercase();
    type_str(&mut a, &format!("/{kind} {last}"));
    assert!(!a.agenda_items().is_empty());
    assert!(
        a.agenda_items()
            .iter()
            .all(|r| r.item.kind == row.item.kind)
    );
}

#[test]
fn the_client_file_scrolls_by_page_and_to_its_ends_and_no_further() {
    let mut a = app(demo_store(60), Lang::En);
    // The client with the longest file: the one in aftercare with the most history.
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('G'));
    let bottom = a.file_scroll();
    assert!(bottom > 0);
    assert_eq!(usize::from(bottom), drawn(&a).file_overflow);
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(a.file_scroll(), bottom);
    press(&mut a, KeyCode::Char('g'));
    assert_eq!(a.file_scroll(), 0);
    press(&mut a, KeyCode::PageDown);
    assert!(a.file_scroll() > 1 && a.file_scroll() <= bottom);
    press(&mut a, KeyCode::PageUp);
    assert_eq!(a.file_scroll(), 0);
}
