//! Text from data never acts on the terminal (issue 11, findings 4 and 11), in `caseload
//! agenda`: no hidden character is printed, by the command or the real binary; JSON keeps
//! every character exactly; columns line up by display width.

use crate::common::today;
use crate::exit_support::{client_on_benefit, date};
use crate::terminal_support::{
    AGREEMENT, FIRST, LAST, PREFIX, fill_hostile, hidden, hostile_store, overdue,
};
use caseload::commands::agenda;
use caseload::domain::catalog::Catalog;
use caseload::i18n::Lang;
use caseload::store::Store;

#[test]
fn the_agenda_command_prints_no_hidden_character_and_json_keeps_them() {
    let store = hostile_store();
    let text = agenda::run(&store, &Catalog::builtin(), Lang::En, today(), 14, false).unwrap();
    assert_eq!(hidden(&text), Vec::<char>::new(), "{text:?}");
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
    assert_eq!(hidden(&text), Vec::<char>::new(), "{text:?}");
    assert!(text.contains("seirVx"), "{text}");
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
