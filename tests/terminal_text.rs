//! Text from data never acts on the terminal (issue 11, findings 4 and 11): control
//! characters, bidirectional overrides and invisible format characters in names, notes
//! and agreements reach neither the TUI nor `caseload agenda`; JSON keeps them exactly;
//! columns line up by display width; import refuses control characters in one-line fields.

mod common;
mod exit_support;

use caseload::commands::agenda;
use caseload::domain::catalog::Catalog;
use caseload::domain::codes::*;
use caseload::domain::display::is_hidden;
use caseload::domain::model::*;
use caseload::i18n::Lang;
use caseload::store::Store;
use common::{press, today};
use exit_support::{client_on_benefit, date};
use ratatui::crossterm::event::KeyCode;

/// Sets the window title, clears the screen and rings the bell.
const FIRST: &str = "\x1b]0;pwned\x07Jan\x1b[2J\x07";
/// Writes the clipboard (OSC 52), and a one-byte CSI.
const PREFIX: &str = "\x1b]52;c;ZWNobyBwd25lZA==\x07de\u{9b}31m";
/// Reversed by an override, with an isolate, a zero-width space and a byte-order mark.
const LAST: &str = "\u{202e}seirV\u{2066}x\u{2069}\u{200b}\u{feff}\u{ad}";
/// An agreement text with everything at once.
const AGREEMENT: &str = "Cv\u{200b} sturen\x1b[31m\u{202e}rood\u{2028}en meer";

/// An agreement of the client's, its follow-up date past.
fn overdue(episode_id: Id, text: &str) -> Agreement {
    Agreement {
        id: 0,
        episode_id,
        note_id: None,
        text: text.into(),
        who: Who::Client,
        follow_up: Some(date(2026, 11, 1)),
        done_on: None,
    }
}

/// One client on benefit whose names, note and overdue agreement are hostile.
fn fill_hostile(store: &mut Store) {
    let (_, ep) = client_on_benefit(store, 20, FIRST, PREFIX, LAST, date(2025, 6, 2));
    store
        .write(|tx| {
            tx.insert_agreement(&overdue(ep, AGREEMENT))?;
            tx.insert_note(&Note {
                id: 0,
                episode_id: ep,
                noted_on: date(2026, 11, 2),
                channel: Channel::Phone,
                summary: format!("{AGREEMENT}\n{FIRST}\n\u{202e}tweede regel"),
                template: None,
            })
        })
        .unwrap();
}

fn hostile_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    fill_hostile(&mut store);
    store
}

/// The hidden characters in `s`, other than line feeds.
fn hidden(s: &str) -> Vec<char> {
    s.chars().filter(|&c| c != '\n' && is_hidden(c)).collect()
}

#[test]
fn the_agenda_command_prints_no_hidden_character_and_json_keeps_them() {
    let store = hostile_store();
    let text = agenda::run(&store, &Catalog::builtin(), Lang::En, today(), 14, false).unwrap();
    assert_eq!(hidden(&text), [], "{text:?}");
    // What is shown is the rest of the text, words kept apart.
    assert!(text.contains("]0;pwnedJan[2J ]52;c;"), "{text}");
    assert!(text.contains("seirVx"), "{text}");
    assert!(text.contains("Cv sturen[31mrood en meer"), "{text}");
    // JSON is data: every character as stored, escaped by JSON itself.
    let json = agenda::run(&store, &Catalog::builtin(), Lang::En, today(), 14, true).unwrap();
    assert!(!json.contains('\x1b') && !json.contains('\x07'), "{json}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let item = &v["items"][0];
    assert_eq!(
        item["client"].as_str().unwrap(),
        format!("{LAST}, {FIRST} {PREFIX}")
    );
    assert_eq!(item["what"].as_str().unwrap(), AGREEMENT);
}

#[test]
fn the_binary_prints_the_agenda_without_escape_sequences() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caseload.db");
    fill_hostile(&mut Store::open(&db).unwrap());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_caseload"))
        .arg("--db")
        .arg(&db)
        .args(["--lang", "en", "--today", "2026-11-23", "agenda"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(hidden(&text), [], "{text:?}");
    assert!(text.contains("seirVx"), "{text}");
}

/// Every cell of the screen: none may hold a hidden character.
fn assert_clean(app: &caseload::app::App, what: &str) {
    let t = common::draw(app);
    let screen = common::screen(app);
    for cell in t.backend().buffer().content() {
        assert_eq!(
            hidden(cell.symbol()),
            [],
            "{what}: hidden character drawn:\n{screen}"
        );
    }
}

#[test]
fn no_pane_of_the_app_draws_a_hidden_character() {
    let mut app = common::app(hostile_store(), Lang::En);
    assert_clean(&app, "list");
    assert!(common::screen(&app).contains("]0;pwnedJan[2J"));
    press(&mut app, KeyCode::Enter);
    assert_clean(&app, "file");
    let file = common::screen(&app);
    assert!(file.contains("Cv sturen[31mrood"), "{file}");
    press(&mut app, KeyCode::Char('e'));
    assert_clean(&app, "intake form");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('c'));
    assert_clean(&app, "note form");
    common::type_str(&mut app, "x");
    press(&mut app, KeyCode::Esc);
    assert_clean(&app, "leave question over the note form");
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('2'));
    assert_clean(&app, "agenda");
    press(&mut app, KeyCode::Char('/'));
    common::type_str(&mut app, "Jan");
    assert_clean(&app, "agenda filter");
}

#[test]
fn a_name_with_zero_width_characters_keeps_the_file_pane_border_in_its_column() {
    let mut app = common::app(hostile_store(), Lang::En);
    app.update(caseload::app::action::Action::Resize(120, 30));
    press(&mut app, KeyCode::Enter);
    let screen = common::screen(&app);
    // Each line is as wide as the terminal when counted as a terminal counts.
    for l in screen.lines() {
        assert_eq!(caseload::domain::display::width(l), 120, "{l:?}");
        assert_eq!(hidden(l), [], "{l:?}");
    }
}

#[test]
fn agenda_columns_line_up_by_display_width() {
    let mut store = Store::open_in_memory().unwrap();
    let names = [
        ("中文", "", "王小明"),
        ("Rene\u{301}e", "", "Dubois"),
        ("Jan", "", "Jansen"),
        ("Aïcha 👩‍⚕️", "", "Bakr"),
    ];
    for (n, (first, prefix, last)) in names.iter().enumerate() {
        let (_, ep) = client_on_benefit(
            &mut store,
            30 + n as u32,
            first,
            prefix,
            last,
            date(2025, 6, 2),
        );
        store
            .write(|tx| tx.insert_agreement(&overdue(ep, "Bellen")))
            .unwrap();
    }
    let text = agenda::run(&store, &Catalog::builtin(), Lang::En, today(), 14, false).unwrap();
    let columns: Vec<usize> = text
        .lines()
        .filter_map(|l| {
            l.find("Follow-up")
                .map(|i| caseload::domain::display::width(&l[..i]))
        })
        .collect();
    assert_eq!(columns.len(), names.len(), "{text}");
    assert!(
        columns.windows(2).all(|w| w[0] == w[1]),
        "{columns:?}\n{text}"
    );
}

#[test]
fn a_long_line_of_wide_characters_scrolls_by_cells_and_keeps_the_cursor_in_view() {
    let mut app = common::app(Store::open_in_memory().unwrap(), Lang::En);
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.form.as_ref().unwrap().form.focused().key, "first_name");
    let typed = format!("{}end", "中".repeat(80));
    common::type_str(&mut app, &typed);
    let screen = common::screen(&app);
    let row = screen
        .lines()
        .find(|l| l.contains("›First name"))
        .expect("the focused field");
    // The end of what was typed is in view (the screen holds a wide character in its
    // first cell and a blank in the one it covers), and the row keeps its 100 cells.
    assert!(row.contains("中 end"), "{row}");
    assert_eq!(row.chars().count(), 100, "{row}");
}

#[test]
fn report_text_lines_up_wide_labels_and_shows_data_labels_as_display_text() {
    use caseload::domain::report_table::{Table, TableRow, Value, aligned};
    let row = |label: &str, n: u32| TableRow {
        code: "x".into(),
        label: label.into(),
        sub: false,
        cells: vec![Value::Count(n.into())],
    };
    let table = Table {
        code: "by_instrument",
        title: "By instrument".into(),
        columns: vec![("n", "Exits".into())],
        rows: vec![
            row("職業訓練", 3),
            row("Re\u{301}integratie", 12),
            row("Jobhunter\x1b[2J\u{202e}", 7),
        ],
        notes: Vec::new(),
    };
    let lines = aligned(&table, Lang::En);
    let ends: Vec<usize> = lines
        .iter()
        .map(|l| caseload::domain::display::width(l))
        .collect();
    assert!(ends.windows(2).all(|w| w[0] == w[1]), "{lines:#?}");
    assert!(lines.iter().all(|l| hidden(l).is_empty()), "{lines:#?}");
}

/// Imports a file of one client with this first name, note summary and motivation.
fn import(first: &str, summary: &str, motivation: &str) -> Result<Store, String> {
    let doc = serde_json::json!({
        "format": "caseload",
        "version": 1,
        "clients": [{
            "bsn": "111222333",
            "first_name": first,
            "last_name": "Jansen",
            "episodes": [{
                "benefit_start": "2025-01-06",
                "intake": { "intake_date": "2025-01-06", "motivation": motivation },
                "notes": [{ "noted_on": "2025-02-01", "channel": "phone", "summary": summary }],
            }],
        }],
    });
    let mut store = Store::open_in_memory().unwrap();
    match caseload::commands::transfer::import_into(&mut store, doc.to_string().as_bytes(), false) {
        Ok(_) => Ok(store),
        Err(caseload::commands::transfer::ImportError::Refused(p)) => {
            Err(p.lines(Lang::En).join("\n"))
        }
        Err(e) => panic!("{e:?}"),
    }
}

#[test]
fn import_refuses_control_characters_in_one_line_fields_by_path_never_by_value() {
    for first in [
        "Jan\x1b]0;pwned\x07",
        "Jan\nJansen",
        "Jan\tJ",
        "Jan\u{9b}2J",
        "Jan\r",
    ] {
        let err = import(first, "Gebeld.", "").unwrap_err();
        assert!(
            err.contains("clients[0].first_name: holds a control character"),
            "{first:?}: {err}"
        );
        assert!(!err.contains("Jan") && !err.contains("pwned"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    // A multi-line field keeps line breaks and tabs, nothing else.
    let err = import("Jan", "Gebeld.\x1b[2J", "").unwrap_err();
    assert!(
        err.contains("clients[0].episodes[0].notes[0].summary: holds a control character other than a line break or a tab"),
        "{err}"
    );
    let err = import("Jan", "Gebeld.", "Wil \x07werken").unwrap_err();
    assert!(
        err.contains("episodes[0].intake.motivation: holds a control"),
        "{err}"
    );
    let summary = "Gebeld.\nAfspraak:\tcv sturen\r\nKlaar.";
    let store = import("Jan", summary, "Zorg\n\tof bouw").unwrap();
    let dump = store.dump().unwrap();
    assert!(dump.contains(&format!("{summary:?}")), "{dump}");
    assert!(dump.contains(&format!("{:?}", "Zorg\n\tof bouw")), "{dump}");
}
