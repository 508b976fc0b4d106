//! Search over everything (Ctrl-F) through the real key dispatch: a client by number or by
//! a name with Turkish letters, a note by a word in it; Enter opens the client's file at
//! the note found.

use crate::common::*;
use caseload::app::layer::Layer;
use caseload::app::screens::caseload::FileItem;
use caseload::domain::model::Id;
use caseload::i18n::Lang;
use caseload::store::search::HitKind;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn ctrl_f(app: &mut caseload::app::App) {
    press_mod(app, KeyCode::Char('f'), KeyModifiers::CONTROL);
}

/// The kinds of what the open search shows.
fn found(app: &caseload::app::App) -> Vec<(Id, HitKind)> {
    match app.state().layers.last() {
        Some(Layer::Search(s)) => s.hits.iter().map(|h| (h.client_id, h.kind)).collect(),
        _ => panic!("the search is not open"),
    }
}

#[test]
fn a_client_number_finds_the_client_and_enter_opens_their_file() {
    let mut app = app(demo_store(12), Lang::En);
    ctrl_f(&mut app);
    assert!(screen(&app).contains("Search everything"));
    assert!(screen(&app).contains("Type at least two letters"));
    type_str(&mut app, "K000003");
    assert_eq!(found(&app), vec![(3, HitKind::Client)]);
    insta::assert_snapshot!("search_by_number", screen(&app));
    press(&mut app, KeyCode::Enter);
    settle(&mut app);
    let c = &app.state().caseload;
    assert_eq!(c.file_client(), Some(3));
    assert_eq!(c.focus, caseload::app::screens::caseload::Focus::File);
    assert!(!matches!(app.state().layers.last(), Some(Layer::Search(_))));
}

#[test]
fn a_word_of_a_note_opens_the_file_at_that_note() {
    let mut app = app(demo_store(40), Lang::Nl);
    press(&mut app, KeyCode::Char('2'));
    ctrl_f(&mut app);
    type_str(&mut app, "proefplaatsing");
    let hits = found(&app);
    let Some(&(client, HitKind::Note(note))) = hits.first() else {
        panic!("{hits:?}");
    };
    insta::assert_snapshot!("search_note_nl", screen(&app));
    press(&mut app, KeyCode::Enter);
    settle(&mut app);
    let c = &app.state().caseload;
    assert_eq!(app.state().screen, caseload::app::action::Screen::Caseload);
    assert_eq!(c.file_client(), Some(client));
    let Some(FileItem::Note(i)) = c.item() else {
        panic!("{:?}", c.item());
    };
    assert_eq!(c.file.as_ref().unwrap().timeline[i].record_id(), note);
    // The note shows in the pane, with its text.
    assert!(screen(&app).contains("proefplaatsing"), "{}", screen(&app));
}

#[test]
fn dotless_i_is_found_from_a_plain_i_and_one_letter_searches_nothing() {
    let mut store = demo_store(3);
    store
        .write(|tx| {
            let mut p = caseload::domain::model::Person {
                bsn: caseload::domain::Bsn::parse("111222333").unwrap(),
                first_name: "Aylin".into(),
                prefix: String::new(),
                last_name: "Yılmaz".into(),
                birth_date: None,
                phone: String::new(),
                email: String::new(),
                address: String::new(),
            };
            p.first_name = "Aylin".into();
            tx.insert_client(&p)
        })
        .unwrap();
    let mut app = app(store, Lang::En);
    ctrl_f(&mut app);
    type_str(&mut app, "y");
    assert!(found(&app).is_empty());
    assert!(screen(&app).contains("Type at least two letters"));
    type_str(&mut app, "il");
    assert_eq!(found(&app), vec![(4, HitKind::Client)]);
    assert!(screen(&app).contains("Yılmaz, Aylin"));
    type_str(&mut app, " zz");
    assert!(found(&app).is_empty());
    assert!(screen(&app).contains("Nothing found"));
    // Esc closes it, and so does Ctrl-F.
    press(&mut app, KeyCode::Esc);
    assert!(!screen(&app).contains("Search everything"));
    ctrl_f(&mut app);
    assert!(screen(&app).contains("Search everything"));
    ctrl_f(&mut app);
    assert!(!screen(&app).contains("Search everything"));
}
