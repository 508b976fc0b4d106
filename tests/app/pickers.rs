//! Ranked pickers: what is typed picks the option a caseworker means. The label typed whole
//! first, then a label or a word of it starting with it, then fuzzy, and the explanation
//! last; Enter takes the highlighted best row, and does nothing when nothing matches.

use crate::common::{app, demo_store, press, type_str};
use crate::edges_support::focus_on;
use caseload::app::App;
use caseload::form::Picker;
use caseload::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

/// The assign-trajectory form of the first client on benefit.
fn assign_form(lang: Lang) -> App {
    let mut a = app(demo_store(20), lang);
    for _ in 0..20 {
        if a.file()
            .is_some_and(|f| f.episodes.last().is_some_and(|e| e.exit_date.is_none()))
        {
            break;
        }
        press(&mut a, KeyCode::Char('j'));
    }
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('t'));
    assert!(a.form().is_some(), "{:?}", a.status());
    a
}

/// The code the picker takes with Enter after `typed`, on the options of a field.
fn best(a: &App, field: &str, typed: &str) -> Option<String> {
    let options = a.field_options(field).expect("a choice field").to_vec();
    let mut p = Picker::new(&options, false, None);
    p.filter = typed.into();
    p.refilter(&options);
    p.current(&options).map(|o| o.code.clone())
}

#[test]
fn taal_is_the_language_course_through_the_keys() {
    let mut a = assign_form(Lang::Nl);
    focus_on(&mut a, "instrument");
    type_str(&mut a, "taal");
    press(&mut a, KeyCode::Enter);
    assert_eq!(
        a.field("instrument").as_deref(),
        Some("language_participation")
    );
}

#[test]
fn enter_with_nothing_matching_chooses_nothing_and_keeps_the_picker() {
    let mut a = assign_form(Lang::En);
    focus_on(&mut a, "instrument");
    type_str(&mut a, "zzqx");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.field("instrument").as_deref(), Some(""));
    assert_eq!(a.picker_filter(), Some("zzqx"));
    press(&mut a, KeyCode::Esc);
}

#[test]
fn a1_is_a1_not_below_a1_in_the_intake() {
    let mut a = app(demo_store(20), Lang::Nl);
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('e'));
    assert!(a.form().is_some(), "{:?}", a.status());
    assert_eq!(best(&a, "language_level", "a1").as_deref(), Some("a1"));
    assert_eq!(
        best(&a, "language_level", "onder").as_deref(),
        Some("below_a1")
    );
    focus_on(&mut a, "language_level");
    type_str(&mut a, "a1");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.field("language_level").as_deref(), Some("a1"));
}

#[test]
fn typed_strings_pick_the_instrument_meant_in_both_languages() {
    let nl = [
        ("taal", "language_participation"),
        ("taal werk", "language_work"),
        ("job", "jobhunter"),
        ("jobc", "job_coaching"),
        ("fip", "fip"),
        ("ips", "ips"),
        ("schuld", "debt_help"),
        ("bbz", "self_employment"),
        ("vrijw", "volunteering"),
        ("dag", "day_activities"),
        ("beschut", "sheltered_work"),
        ("loon", "wage_subsidy"),
        ("proef", "trial_placement"),
        ("scholing", "education"),
        ("sollic", "job_application_training"),
        ("maatsch", "social_work"),
        ("werk first", "work_first"),
    ];
    let en = [
        ("language", "language_participation"),
        ("language work", "language_work"),
        ("debt", "debt_help"),
        ("coach", "job_coaching"),
        ("self", "self_employment"),
        ("volunt", "volunteering"),
        ("shelter", "sheltered_work"),
        ("wage", "wage_subsidy"),
        ("trial", "trial_placement"),
        ("jobh", "jobhunter"),
    ];
    for (lang, table) in [(Lang::Nl, &nl[..]), (Lang::En, &en[..])] {
        let a = assign_form(lang);
        let keys: Vec<String> = a
            .field_options("instrument")
            .unwrap()
            .iter()
            .map(|o| o.code.clone())
            .collect();
        for (typed, want) in table {
            assert!(keys.iter().any(|k| k == want), "no instrument {want}");
            assert_eq!(
                best(&a, "instrument", typed).as_deref(),
                Some(*want),
                "{lang:?}: {typed}"
            );
        }
    }
}
