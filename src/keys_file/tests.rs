//! The keys.toml reader's tests: moved keys, mistakes with their lines, key syntax.

use super::*;
use crate::app::action::Action;
use crate::app::workflows::FormKind;

fn key_of(table: &[Binding], mode: Mode, action: &Action) -> Vec<String> {
    table
        .iter()
        .filter(|b| b.mode == mode && b.action == *action)
        .map(|b| keymap::key_label(b.key))
        .collect()
}

#[test]
fn a_file_moves_an_action_to_its_keys() {
    let text = "[client]\nexit_interview = \"ctrl-x\"\n[global]\nquit = [\"q\", \"ctrl-q\"]\n";
    let table = parse(text).unwrap().table.unwrap();
    let exit = Action::Form(FormKind::Exit);
    assert_eq!(key_of(&table, Mode::Client, &exit), ["Ctrl-X"]);
    assert_eq!(key_of(&table, Mode::Global, &Action::Quit), ["q", "Ctrl-Q"]);
    // Everything else as built in.
    assert_eq!(table.len(), KEYMAP.len());
    assert_eq!(
        key_of(&table, Mode::Client, &Action::Form(FormKind::Note)),
        ["c"]
    );
}

#[test]
fn what_is_wrong_is_said_with_its_line() {
    let cases = [
        (
            "[client]\n\nexit_interview = \"c\"\n",
            3,
            "already the key for add_note",
        ),
        ("[global]\nquit = \"j\"\n", 2, "already the key for down"),
        (
            "[list]\nno_such_thing = \"z\"\n",
            2,
            "no action no_such_thing in [list]",
        ),
        ("\n[nowhere]\nquit = \"z\"\n", 2, "no place [nowhere]"),
        ("[global]\nquit = \"ctrl-\"\n", 2, "not a key"),
        ("[global]\nquit = []\n", 2, "at least one key"),
        ("[global]\nquit = 3\n", 2, ""),
        ("[form]\nsave = \"s\"\n", 2, "is typed in [form]"),
        (
            "[filter]\naccept_filter = \"backspace\"\n",
            2,
            "is typed in [filter]",
        ),
        (
            "[search]\nclose_search = [\"ctrl-[\", \"ctrl-f\"]\n",
            2,
            "not a key",
        ),
        ("[search]\nclose_search = \"ctrl-g\"\n", 2, "give 2 keys"),
        ("[help]\nclose_help = \"ctrl-m\"\n", 2, "not a key"),
        ("[confirm]\nanswer_number = \"x\"\n", 2, "give 9 keys"),
    ];
    for (text, at, says) in cases {
        let e = parse(text).unwrap_err();
        assert_eq!(e.line, Some(at), "{text}: {}", e.message);
        assert!(e.message.contains(says), "{text}: {}", e.message);
    }
}

#[test]
fn an_empty_file_is_the_built_in_table() {
    assert!(parse("").unwrap().table.is_none());
    assert!(parse("# nothing\n[client]\n").unwrap().table.is_none());
}

#[test]
fn keys_are_read_as_help_writes_them() {
    for (text, label) in [
        ("x", "x"),
        ("X", "X"),
        ("?", "?"),
        ("ctrl-x", "Ctrl-X"),
        ("Ctrl-F", "Ctrl-F"),
        ("enter", "Enter"),
        ("shift-tab", "Shift-Tab"),
        ("space", "Space"),
        ("pgdn", "PgDn"),
    ] {
        assert_eq!(keymap::key_label(parse_key(text).unwrap()), label, "{text}");
    }
    for bad in [
        "", "ctrl-", "xy", "f13", "\u{7}", "ctrl-[", "ctrl-m", "ctrl-1", "ctrl-é",
    ] {
        assert!(parse_key(bad).is_none(), "{bad:?}");
    }
}

#[test]
fn the_built_in_table_gives_no_key_two_actions() {
    let all: Vec<(Binding, usize)> = KEYMAP.iter().map(|b| (b.clone(), 0)).collect();
    assert!(
        conflict(KEYMAP, &all).is_none(),
        "{:?}",
        conflict(KEYMAP, &all)
    );
}
