//! The command palette: `:` or Ctrl-P lists what the keys do where the keyboard is, ranked
//! as typed; Enter does it as its key would; one that does not apply says why.

use crate::common::*;
use caseload::i18n::Lang;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

#[test]
fn typing_in_the_palette_finds_an_action_and_enter_does_it() {
    let mut app = app(demo_store(5), Lang::En);
    press(&mut app, KeyCode::Char(':'));
    assert!(screen(&app).contains("Commands"));
    insta::assert_snapshot!("palette_list", screen(&app));
    type_str(&mut app, "intake");
    press(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("New intake") && s.contains("BSN"), "{s}");
    // Ctrl-P in the form lists the form's own actions; Esc closes it, the form stays.
    press_mod(&mut app, KeyCode::Char('p'), KeyModifiers::CONTROL);
    let s = screen(&app);
    assert!(s.contains("Commands") && s.contains("Ctrl-S"), "{s}");
    press(&mut app, KeyCode::Esc);
    assert!(!screen(&app).contains("Commands"));
    assert!(screen(&app).contains("New intake"));
}

#[test]
fn an_action_that_does_not_apply_says_why_and_nothing_opens() {
    let mut app = app(demo_store(5), Lang::Nl);
    // A client still on benefit: a re-entry does not apply.
    let row = app
        .state()
        .caseload
        .list
        .rows
        .iter()
        .position(|r| r.phase != caseload::domain::Phase::Closed)
        .unwrap();
    for _ in 0..row {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char(':'));
    type_str(&mut app, "herinstroom");
    let s = screen(&app);
    assert!(
        s.contains("nog een uitkering") || s.contains("uitkering"),
        "{s}"
    );
    press(&mut app, KeyCode::Enter);
    assert!(app.state().form().is_none());
    let (status, _) = app.state().status.clone().unwrap();
    assert!(status.contains("uitkering"), "{status}");
    // Nothing matches: Enter does nothing and the palette stays.
    press(&mut app, KeyCode::Char(':'));
    type_str(&mut app, "zzzzqqq");
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Opdrachten"));
}
