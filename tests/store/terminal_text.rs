//! Text from data never acts on the terminal (issue 11, findings 4 and 11), in the report's
//! text tables (wide and hostile labels line up, shown as display text) and in import,
//! which refuses control characters in one-line fields by path, never by value.

use crate::terminal_support::hidden;
use caseload::i18n::Lang;
use caseload::store::Store;

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
    match caseload::commands::import::import_into(&mut store, doc.to_string().as_bytes(), false) {
        Ok(_) => Ok(store),
        Err(caseload::commands::import::ImportError::Refused(p)) => {
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
