//! Helpers for the premium tests: filling a form by field name, and the promise every
//! caseload made by the app keeps (`check` clean; export → import → export the same bytes),
//! and a premium.toml with the uplifts of the sources (amounts of the tests' own).
#![allow(dead_code)]

use crate::transfer_support::{export, imported};
use caseload::app::App;
use caseload::store::Store;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(a: &mut App, code: KeyCode, mods: KeyModifiers) {
    a.handle_key(KeyEvent::new(code, mods));
}

/// The key of the field that has the focus.
pub fn focused(a: &App) -> String {
    a.focused_field().expect("a form").to_owned()
}

/// Puts the focus on a field by its key, as Tab and Shift-Tab do.
pub fn go(a: &mut App, field: &str) {
    a.focus(field);
}

/// Types into a field, over what it held.
pub fn text(a: &mut App, field: &str, s: &str) {
    go(a, field);
    key(a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(a, s);
}

/// Chooses in a choice field: typing filters its picker, Enter takes the first match.
pub fn pick(a: &mut App, field: &str, s: &str) {
    go(a, field);
    typed(a, s);
    key(a, KeyCode::Enter, KeyModifiers::NONE);
}

/// Types text, one key per character.
pub fn typed(a: &mut App, s: &str) {
    for c in s.chars() {
        key(a, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

/// `caseload check` finds nothing, and export → import into an empty file → export gives
/// the same bytes.
pub fn assert_sound(store: &Store) {
    let report = caseload::commands::check::Report::gather(store).unwrap();
    assert!(report.is_clean(), "{report:?}");
    let first = export(store);
    let (copy, _) = imported(&first);
    assert_eq!(
        String::from_utf8(export(&copy)).unwrap(),
        String::from_utf8(first).unwrap()
    );
}

/// The one-payment scheme with the five uplifts of the sources, amounts of our own (the
/// sources give none).
pub const UPLIFTS: &str = r#"
default = "one_payment"

[[scheme]]
key = "one_payment"
name_nl = "Eén betaling"
name_en = "One payment"

[[scheme.rule]]
kind = "months_on_benefit_at_least"
months = 12

[[scheme.instalment]]
offset = "6m"
amount_cents = 100000

[[scheme.uplift]]
key = "job_agreement"
name_nl = "Banenafspraak"
name_en = "Job agreement"
amount_cents = 10000
[[scheme.uplift.rule]]
kind = "job_agreement"
[[scheme.uplift.rule]]
kind = "income_above_norm"

[[scheme.uplift]]
key = "no_sanction"
name_nl = "Geen maatregel"
name_en = "No sanction"
amount_cents = 20000
[[scheme.uplift.rule]]
kind = "no_sanction_24_months"

[[scheme.uplift]]
key = "older_age"
name_nl = "Oudere leeftijd"
name_en = "Older age"
amount_cents = 30000
offset = "0d"
[[scheme.uplift.rule]]
kind = "min_age_at_exit"
years = 55

[[scheme.uplift]]
key = "placement"
name_nl = "Werkstage"
name_en = "Work placement"
amount_cents = 40000
[[scheme.uplift.rule]]
kind = "found_via_instrument"
instruments = ["work_experience", "trial_placement"]

[[scheme.uplift]]
key = "training"
name_nl = "Opleiding"
name_en = "Training"
amount_cents = 50000
[[scheme.uplift.rule]]
kind = "completed_instrument"
instruments = ["education"]
"#;
