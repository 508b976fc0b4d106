//! Pasting (issue 11, finding 6): a paste arrives as one event and goes into the focused
//! field in one go, cleaned (no control characters; line breaks only in notes) and cut
//! at the field's maximum with a message at the field; into the list, agenda and picker
//! filters too; a paste where nothing is typed runs no command. (The real binary with
//! bracketed paste: the pty's `paste`.)

use crate::common::{self, press, press_mod};
use caseload::app::App;
use caseload::form::paste::{NAME_MAX, NOTES_MAX};
use caseload::i18n::Lang;
use caseload::keymap::Mode;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// In the first client's file: a new note from the first template, the cursor in its
/// summary.
fn note_form(app: &mut App) {
    press(app, KeyCode::Enter);
    press(app, KeyCode::Char('c'));
    press(app, KeyCode::Enter);
    press(app, KeyCode::Enter);
    press(app, KeyCode::Tab);
    press(app, KeyCode::Tab);
    assert_eq!(app.focused_field(), Some("summary"));
}

fn focused_text(app: &App) -> String {
    app.field(app.focused_field().unwrap()).unwrap()
}

/// How many characters the focused field holds.
fn focused_chars(app: &App) -> usize {
    focused_text(app).chars().count()
}

/// Whether the last key or paste did not fit in the focused field.
fn focused_cut(app: &App) -> bool {
    app.field_cut(app.focused_field().unwrap()).unwrap()
}

#[test]
fn a_paste_into_a_note_goes_in_whole_and_is_saved() {
    let mut app = common::app(common::demo_store(3), Lang::En);
    note_form(&mut app);
    let before = focused_text(&app);
    let pasted = "Gebeld met werkgever.\r\nAfspraak:\tproefplaatsing\x07\x1b[2J\nKlaar.";
    app.paste(pasted.into());
    let want = "Gebeld met werkgever.\nAfspraak:    proefplaatsing[2J\nKlaar.";
    let text = focused_text(&app);
    assert!(text.contains(want), "{text:?}");
    assert_eq!(text.len(), before.len() + want.len(), "{text:?}");
    // One paste, one change: the draft follows on the next tick.
    assert_eq!(app.form_changed(), Some(true));
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(app.form().is_none(), "{:?}", app.status());
    let dump = app.store().dump().unwrap();
    let escaped = format!("{want:?}");
    assert!(dump.contains(escaped.trim_matches('"')), "{dump}");
}

#[test]
fn a_paste_longer_than_a_note_is_cut_with_a_message_at_the_field() {
    let mut app = common::app(common::demo_store(3), Lang::En);
    note_form(&mut app);
    let before = focused_chars(&app);
    app.paste("x".repeat(NOTES_MAX + 5_000));
    assert_eq!(focused_chars(&app), NOTES_MAX);
    assert!(focused_cut(&app));
    assert!(before < NOTES_MAX);
    let screen = common::screen(&app);
    assert!(
        screen.contains("↳ This field takes at most 20000 characters"),
        "{screen}"
    );
    // Typing on stops there too; deleting clears the message.
    common::type_str(&mut app, "y");
    assert_eq!(focused_chars(&app), NOTES_MAX);
    press(&mut app, KeyCode::Backspace);
    assert!(!focused_cut(&app));
    assert!(!common::screen(&app).contains("at most 20000"));
}

#[test]
fn a_name_takes_one_line_of_at_most_a_hundred_characters() {
    let mut app = common::app(caseload::store::Store::open_in_memory().unwrap(), Lang::Nl);
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focused_field(), Some("first_name"));
    app.paste("Jan\r\nWillem\t\u{202e}Kees".into());
    assert_eq!(focused_text(&app), "Jan Willem Kees");
    app.paste("a".repeat(200));
    assert_eq!(focused_chars(&app), NAME_MAX);
    let screen = common::screen(&app);
    assert!(
        screen.contains("Hier passen maximaal 100 tekens"),
        "{screen}"
    );
    common::type_str(&mut app, "b");
    assert!(!focused_text(&app).contains('b'));
}

#[test]
fn a_paste_filters_the_list_the_agenda_and_a_picker() {
    let mut app = common::app(common::demo_store(30), Lang::En);
    let all = app.list().len();
    let first = app.list()[3].name.clone();
    let last_name = first.split(',').next().unwrap().to_owned();
    press(&mut app, KeyCode::Char('/'));
    app.paste(format!("{last_name}\n"));
    assert_eq!(app.list_filter(), format!("{last_name} "));
    assert!(app.list().len() < all);
    assert!(app.list().iter().all(|r| r.name.contains(&last_name)));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('/'));
    app.paste("review".into());
    assert_eq!(app.agenda_filter(), "review");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('1'));
    // On a choice the paste opens the picker and filters it.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focused_field(), Some("channel"));
    app.paste("phone".into());
    assert_eq!(app.mode(), Mode::Picker, "the picker opened");
    assert_eq!(app.picker_filter(), Some("phone"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.field("channel").as_deref(), Some("phone"));
}

#[test]
fn a_paste_where_nothing_is_typed_runs_no_command() {
    let mut app = common::app(common::demo_store(5), Lang::En);
    let before = common::screen(&app);
    app.paste("nq?2".into());
    assert!(!app.should_quit());
    assert!(app.form().is_none() && app.mode() != Mode::Help);
    assert_eq!(common::screen(&app), before);
}
