//! Pasting (issue 11, finding 6): a paste arrives as one event and goes into the focused
//! field in one go, cleaned (no control characters; line breaks only in notes) and cut
//! at the field's maximum with a message at the field; into the list, agenda and picker
//! filters too; a paste where nothing is typed runs no command. The real binary turns
//! bracketed paste on, takes a bracketed paste into a note, saves it, and turns it off.

mod common;

use caseload::app::App;
use caseload::form::paste::{NAME_MAX, NOTES_MAX};
use caseload::i18n::Lang;
use common::{press, press_mod};
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
    assert_eq!(app.form.as_ref().unwrap().form.focused().key, "summary");
}

fn focused_text(app: &App) -> String {
    app.form.as_ref().unwrap().form.focused().value.text()
}

#[test]
fn a_paste_into_a_note_goes_in_whole_and_is_saved() {
    let mut app = common::app(common::demo_store(3), Lang::En);
    note_form(&mut app);
    let before = focused_text(&app);
    let pasted = "Gebeld met werkgever.\r\nAfspraak:\tproefplaatsing\x07\x1b[2J\nKlaar.";
    app.handle_paste(pasted.into());
    let want = "Gebeld met werkgever.\nAfspraak:    proefplaatsing[2J\nKlaar.";
    let text = focused_text(&app);
    assert!(text.contains(want), "{text:?}");
    assert_eq!(text.len(), before.len() + want.len(), "{text:?}");
    // One paste, one change: the draft follows on the next tick.
    assert!(app.form.as_ref().unwrap().form.dirty);
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(app.form.is_none(), "{:?}", app.status);
    let dump = app.store.dump().unwrap();
    let escaped = format!("{want:?}");
    assert!(dump.contains(escaped.trim_matches('"')), "{dump}");
}

#[test]
fn a_paste_longer_than_a_note_is_cut_with_a_message_at_the_field() {
    let mut app = common::app(common::demo_store(3), Lang::En);
    note_form(&mut app);
    let before = app.form.as_ref().unwrap().form.focused().chars();
    app.handle_paste("x".repeat(NOTES_MAX + 5_000));
    let f = app.form.as_ref().unwrap().form.focused();
    assert_eq!(f.chars(), NOTES_MAX);
    assert!(f.cut);
    assert!(before < NOTES_MAX);
    let screen = common::screen(&app);
    assert!(
        screen.contains("↳ This field takes at most 20000 characters"),
        "{screen}"
    );
    // Typing on stops there too; deleting clears the message.
    common::type_str(&mut app, "y");
    assert_eq!(app.form.as_ref().unwrap().form.focused().chars(), NOTES_MAX);
    press(&mut app, KeyCode::Backspace);
    let f = app.form.as_ref().unwrap().form.focused();
    assert!(!f.cut);
    assert!(!common::screen(&app).contains("at most 20000"));
}

#[test]
fn a_name_takes_one_line_of_at_most_a_hundred_characters() {
    let mut app = common::app(caseload::store::Store::open_in_memory().unwrap(), Lang::Nl);
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.form.as_ref().unwrap().form.focused().key, "first_name");
    app.handle_paste("Jan\r\nWillem\t\u{202e}Kees".into());
    assert_eq!(focused_text(&app), "Jan Willem Kees");
    app.handle_paste("a".repeat(200));
    let f = app.form.as_ref().unwrap().form.focused();
    assert_eq!(f.chars(), NAME_MAX);
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
    let first = app.caseload.rows[app.caseload.visible[3]].name.clone();
    let last_name = first.split(',').next().unwrap().to_owned();
    press(&mut app, KeyCode::Char('/'));
    app.handle_paste(format!("{last_name}\n"));
    assert_eq!(app.caseload.filter.value(), format!("{last_name} "));
    assert!(app.caseload.visible.len() < app.caseload.rows.len());
    assert!(
        app.caseload
            .visible
            .iter()
            .all(|&i| app.caseload.rows[i].name.contains(&last_name))
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('/'));
    app.handle_paste("review".into());
    assert_eq!(app.agenda.filter.value(), "review");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('1'));
    // On a choice the paste opens the picker and filters it.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.form.as_ref().unwrap().form.focused().key, "channel");
    app.handle_paste("phone".into());
    let fs = app.form.as_ref().unwrap();
    let picker = fs.picker.as_ref().expect("the picker opened");
    assert_eq!(picker.filter.value(), "phone");
    press(&mut app, KeyCode::Enter);
    let form = &app.form.as_ref().unwrap().form;
    assert_eq!(form.choice("channel").as_deref(), Some("phone"));
}

#[test]
fn a_paste_where_nothing_is_typed_runs_no_command() {
    let mut app = common::app(common::demo_store(5), Lang::En);
    let before = common::screen(&app);
    app.handle_paste("nq?2".into());
    assert!(!app.should_quit);
    assert!(app.form.is_none() && !app.help);
    assert_eq!(common::screen(&app), before);
}

#[cfg(unix)]
mod pty;

#[cfg(unix)]
mod real_terminal {
    use super::pty::{caseload, spawn};
    use std::time::Duration;

    fn pause() {
        std::thread::sleep(Duration::from_millis(300));
    }

    #[test]
    fn a_bracketed_paste_into_a_note_is_saved_and_the_terminal_restored() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("caseload.db");
        let out = caseload(&db)
            .args(["demo", "--clients", "3"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let mut app = spawn(caseload(&db));
        app.wait_for("Today 23-11-2026", 20);
        // Open the file, a note from the first template, down to its summary.
        for keys in [&b"\r"[..], b"c", b"\r", b"\r", b"\t", b"\t"] {
            app.send(keys);
            pause();
        }
        let lines: Vec<String> = (0..30)
            .map(|i| format!("Regel {i}:\tgesprek over werk en zorg voor de kinderen."))
            .collect();
        let text = lines.join("\n");
        app.send(b"\x1b[200~");
        app.send(text.as_bytes());
        app.send(b"\x1b[201~");
        pause();
        app.send(b"\x13");
        app.wait_for("Note saved.", 20);
        app.send(b"q");
        assert!(app.wait_exit(20).success());
        assert!(app.cooked());
        let store = caseload::store::Store::open(&db).unwrap();
        let dump = store.dump().unwrap();
        let want = format!("{:?}", text.replace('\t', "    "));
        assert!(dump.contains(want.trim_matches('"')), "{dump}");
        // Bracketed paste was turned on, and off again at the end.
        super::assert_paste_on_then_off(&app.text());
    }
}

#[cfg(unix)]
#[test]
fn bracketed_paste_is_turned_off_when_a_signal_ends_the_app() {
    use pty::{caseload, spawn};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caseload.db");
    let mut app = spawn(caseload(&db));
    app.wait_for("Today 23-11-2026", 20);
    app.signal(rustix::process::Signal::TERM);
    assert!(app.wait_exit(20).success());
    assert!(app.cooked());
    assert_paste_on_then_off(&app.text());
}

/// The terminal's output turned bracketed paste on, and later off.
#[cfg(unix)]
fn assert_paste_on_then_off(output: &str) {
    let on = output
        .find("\x1b[?2004h")
        .expect("bracketed paste turned on");
    let off = output
        .rfind("\x1b[?2004l")
        .expect("bracketed paste turned off");
    assert!(on < off);
}
