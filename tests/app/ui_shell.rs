//! The app shell driven by keys through the real dispatch, drawn on a 100×30 TestBackend.

use crate::common;

use caseload::app::action::Screen;
use caseload::i18n::Lang;
use caseload::keymap::Mode;
use caseload::store::Store;
use common::{app, demo_store, draw, press, press_mod, screen, type_str};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

#[test]
fn the_caseload_list() {
    let mut a = app(demo_store(60), Lang::En);
    press(&mut a, KeyCode::Char('j'));
    press(&mut a, KeyCode::Down);
    insta::assert_snapshot!(draw(&a).backend());
}

#[test]
fn the_caseload_list_in_dutch() {
    let a = app(demo_store(60), Lang::Nl);
    insta::assert_snapshot!(draw(&a).backend());
}

#[test]
fn opening_a_client_file() {
    let mut a = app(demo_store(60), Lang::En);
    for _ in 0..5 {
        press(&mut a, KeyCode::Char('j'));
    }
    press(&mut a, KeyCode::Enter);
    assert!(a.file_has_focus());
    insta::assert_snapshot!(draw(&a).backend());
    press(&mut a, KeyCode::Esc);
    assert!(!a.file_has_focus());
}

#[test]
fn filtering_by_name_live_and_clearing() {
    let mut a = app(demo_store(60), Lang::En);
    press(&mut a, KeyCode::Char('/'));
    type_str(&mut a, "van");
    let shown = a.list().len();
    assert!(shown > 0 && shown < 60);
    assert!(
        a.list()
            .iter()
            .all(|r| r.name.to_lowercase().contains("van"))
    );
    insta::assert_snapshot!(draw(&a).backend());
    // q is text while filtering, not quit.
    type_str(&mut a, "q");
    assert!(!a.should_quit());
    press(&mut a, KeyCode::Backspace);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.list().len(), 60);
    assert_eq!(a.list_filter(), "");
}

#[test]
fn filtering_by_client_number() {
    let mut a = app(demo_store(60), Lang::En);
    let target = a.list()[23].clone();
    press(&mut a, KeyCode::Char('/'));
    type_str(&mut a, &format!("K{:06}", target.client_id));
    assert_eq!(a.list().len(), 1);
    assert_eq!(a.list()[0].client_id, target.client_id);
    // Without the zeros, in lower case.
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('/'));
    type_str(&mut a, &format!("k{}", target.client_id));
    assert_eq!(a.list().len(), 1);
    assert_eq!(a.list()[0].client_id, target.client_id);
}

#[test]
fn filtering_by_bsn_and_by_phase() {
    let mut a = app(demo_store(60), Lang::En);
    let target = a.list()[17].clone();
    press(&mut a, KeyCode::Char('/'));
    type_str(&mut a, &target.bsn);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.list().len(), 1);
    assert_eq!(a.selected_row().unwrap().client_id, target.client_id);
    assert_eq!(a.file().unwrap().client.id, target.client_id);
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('/'));
    type_str(&mut a, "aftercare");
    let rows = a.list();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r.phase == caseload::domain::Phase::Aftercare)
    );
}

#[test]
fn the_help_overlay() {
    let mut a = app(demo_store(60), Lang::En);
    press(&mut a, KeyCode::Char('?'));
    assert_eq!(a.mode(), Mode::Help);
    insta::assert_snapshot!(draw(&a).backend());
    press(&mut a, KeyCode::Esc);
    assert_ne!(a.mode(), Mode::Help);
}

#[test]
fn the_empty_caseload() {
    let mut a = app(Store::open_in_memory().unwrap(), Lang::En);
    press(&mut a, KeyCode::Char('j'));
    press(&mut a, KeyCode::Enter);
    insta::assert_snapshot!(draw(&a).backend());
}

#[test]
fn screens_switch_with_1_2_3_and_quit_with_q_or_ctrl_c() {
    let mut a = app(demo_store(10), Lang::En);
    press(&mut a, KeyCode::Char('2'));
    assert_eq!(a.screen(), Screen::Agenda);
    press(&mut a, KeyCode::Char('3'));
    assert_eq!(a.screen(), Screen::Reports);
    press(&mut a, KeyCode::Char('1'));
    assert_eq!(a.screen(), Screen::Caseload);
    press(&mut a, KeyCode::Char('q'));
    assert!(a.should_quit());
    let mut b = app(demo_store(10), Lang::En);
    press_mod(&mut b, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(b.should_quit());
}

#[test]
fn the_cursor_scrolls_and_only_visible_rows_are_drawn() {
    let mut a = app(demo_store(200), Lang::En);
    for _ in 0..40 {
        press(&mut a, KeyCode::Char('j'));
    }
    let (selected, offset) = a.list_cursor();
    assert_eq!(selected, 40);
    let height = a.list_height();
    assert!(offset + height > 40 && offset <= 40);
    let selected_name = a.selected_row().unwrap().name.clone();
    assert!(screen(&a).contains(&selected_name[..selected_name.len().min(20)]));
    press(&mut a, KeyCode::Char('G'));
    assert_eq!(a.list_cursor().0, 199);
    press(&mut a, KeyCode::Char('g'));
    assert_eq!(a.list_cursor(), (0, 0));
    press(&mut a, KeyCode::PageDown);
    assert_eq!(a.list_cursor().0, height);
}

#[test]
fn every_size_draws_without_panic_and_tiny_says_too_small() {
    let mut a = app(demo_store(30), Lang::En);
    for (w, h) in [
        (1, 1),
        (10, 3),
        (39, 9),
        (40, 10),
        (60, 12),
        (79, 20),
        (80, 24),
        (200, 60),
    ] {
        a.dispatch(caseload::app::action::Action::Resize(w, h));
        let s = screen(&a);
        if w < 40 || h < 10 {
            assert!(
                w < 12 || s.contains("Window") || s.contains("small"),
                "{w}x{h}:\n{s}"
            );
        }
    }
    a.dispatch(caseload::app::action::Action::Resize(30, 10));
    assert!(screen(&a).contains("Window too small"));
}
