//! The premium's edges in the exit form, typed as a caseworker types them: 24 months to the
//! day, 15,5 and 16 hours, a premium before that was paid or never paid, and uplifts; each
//! saved caseload passes `check` and comes back from its own export byte for byte.

use crate::common;
use crate::premium_support;
use crate::transfer_support;

use caseload::app::App;
use caseload::domain::codes::*;
use caseload::domain::hours::Hours;
use caseload::domain::premium::PremiumConfig;
use caseload::i18n::Lang;
use caseload::store::Store;
use common::{press, press_mod, today, type_str};
use premium_support::{assert_sound, go, pick, text};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use transfer_support::exit_support::{client_on_benefit, date, permanent_job, plain_exit};
use transfer_support::export;

fn note(a: &App, key: &str) -> String {
    assert!(a.field(key).is_some(), "the form has no field {key}");
    a.field_note(key).unwrap_or_default()
}

fn options(a: &App) -> Vec<String> {
    let options = a.field_options("premium").unwrap();
    options.iter().map(|o| o.code.clone()).collect()
}

fn error(a: &App, key: &str) -> Option<String> {
    assert!(a.field(key).is_some(), "the form has no field {key}");
    a.field_error(key)
}

/// The client's file open and the exit form on it, filled for a permanent job found by own
/// effort, fully independent of benefit, aftercare declined; the exit date and the hours
/// as typed.
fn exit_form(a: &mut App, lang: Lang, exit: &str, hours: &str) {
    let words: [&str; 5] = match lang {
        Lang::En => ["job, income", "permanent", "fully", "own", "declined"],
        Lang::Nl => ["baan, inkomen", "vast", "volledig", "eigen", "afgeslagen"],
    };
    press(a, KeyCode::Enter);
    press(a, KeyCode::Char('x'));
    assert!(a.form().is_some(), "the exit form opens");
    text(a, "exit_date", exit);
    pick(a, "reason", words[0]);
    text(a, "employer", "PostNL");
    pick(a, "contract_type", words[1]);
    text(a, "hours_per_week", hours);
    pick(a, "independence", words[2]);
    pick(a, "found_via", words[3]);
    pick(a, "aftercare", words[4]);
}

fn save(a: &mut App) {
    press_mod(a, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(a.form().is_none(), "saved: {:?}", a.status());
}

fn store_with(start: chrono::NaiveDate) -> (Store, i64, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, ep) = client_on_benefit(&mut store, 1, "Anna", "van der", "Berg", start);
    (store, cid, ep)
}

#[test]
fn exactly_24_months_is_not_more_than_24_and_one_day_more_is() {
    // On benefit from 23-11-2024: an exit today (23-11-2026) is exactly 24 months.
    let (store, _, ep) = store_with(date(2024, 11, 23));
    let mut a = common::app(store, Lang::En);
    exit_form(&mut a, Lang::En, "23-11-2026", "32");
    let rules = note(&a, "premium_rules");
    assert!(
        rules.contains("Two instalments (€500 + €500) — not eligible\n  ✗ on benefit 24 months, needs more than 24 months"),
        "{rules}"
    );
    assert_eq!(
        options(&a),
        ["none", "one_payment"],
        "the two instalments cannot be granted"
    );
    // One day later: 24 months and 1 day is more than 24 months.
    text(&mut a, "exit_date", "24-11-2026");
    let rules = note(&a, "premium_rules");
    assert!(
        rules.contains("Two instalments (€500 + €500) — eligible\n  ✓ on benefit 24 months and 1 day, needs more than 24 months"),
        "{rules}"
    );
    assert_eq!(options(&a), ["none", "two_instalments", "one_payment"]);
    // And 24 months and 15 days.
    text(&mut a, "exit_date", "8-12-2026");
    assert!(note(&a, "premium_rules").contains("on benefit 24 months and 15 days"));
    pick(&mut a, "premium", "two");
    save(&mut a);
    let inst = a.store().instalments(ep).unwrap();
    assert_eq!(inst.len(), 2);
    assert_eq!(inst[0].due_on, date(2026, 12, 8));
    assert_eq!(inst[1].due_on, date(2027, 6, 8));
    assert_sound(a.store());
}

#[test]
fn hours_are_typed_with_a_comma_or_a_point_and_15_5_is_not_16() {
    let (store, _, ep) = store_with(date(2023, 1, 1));
    let mut a = common::app(store, Lang::Nl);
    exit_form(&mut a, Lang::Nl, "23-11-2026", "15,5");
    assert_eq!(error(&a, "hours_per_week"), None);
    let rules = note(&a, "premium_rules");
    assert!(
        rules.contains("✗ werkt 15,5 uur per week, nodig is minstens 16"),
        "{rules}"
    );
    assert_eq!(options(&a), ["none", "one_payment"]);
    text(&mut a, "hours_per_week", "15.5");
    assert!(note(&a, "premium_rules").contains("✗ werkt 15,5 uur per week, nodig is minstens 16"));
    text(&mut a, "hours_per_week", "16");
    assert!(note(&a, "premium_rules").contains("✓ werkt 16 uur per week, nodig is minstens 16"));
    assert_eq!(options(&a), ["none", "two_instalments", "one_payment"]);
    // Refused at the field: three decimals, letters, more than 80 hours.
    text(&mut a, "hours_per_week", "15,125");
    assert_eq!(
        error(&a, "hours_per_week").as_deref(),
        Some("Hooguit twee decimalen, zoals 15,25.")
    );
    text(&mut a, "hours_per_week", "zestien");
    assert_eq!(
        error(&a, "hours_per_week").as_deref(),
        Some("Vul uren in als 16, 15,5 of 15.5.")
    );
    text(&mut a, "hours_per_week", "80,5");
    assert_eq!(
        error(&a, "hours_per_week").as_deref(),
        Some("Uren per week: 1 tot en met 80.")
    );
    // Saved as typed, exactly.
    text(&mut a, "hours_per_week", "15,5");
    save(&mut a);
    let x = a.store().exit_interview(ep).unwrap().unwrap();
    assert_eq!(x.hours_per_week, Some(Hours::parse("15.5").unwrap()));
    assert!(!x.premium_granted);
    let json = String::from_utf8(export(a.store())).unwrap();
    assert!(json.contains("\"hours_per_week\": 15.5,"), "{json}");
    assert_sound(a.store());
}

#[test]
fn a_premium_granted_but_never_paid_does_not_bar_one_paid_does() {
    let assets = caseload::assets::Assets::builtin();
    for paid_first in [false, true] {
        let (mut store, cid, _) = store_with(date(2020, 1, 6));
        let mut first = plain_exit(cid, ExitReason::WorkEmployment, date(2023, 3, 1));
        first.work = Some(permanent_job());
        first.premium = Some("two_instalments".into());
        let saved = store.record_exit(&first, &assets).unwrap();
        if paid_first {
            store
                .mark_instalment_paid(saved.instalment_ids[0], date(2023, 3, 1))
                .unwrap();
        }
        // Back on benefit before the second instalment: what is unpaid is cancelled.
        store.re_enter(cid, date(2023, 7, 3)).unwrap();
        let mut a = common::app(store, Lang::En);
        exit_form(&mut a, Lang::En, "23-11-2026", "32");
        let rules = note(&a, "premium_rules");
        if paid_first {
            assert!(rules.contains("  ✗ received a premium before"), "{rules}");
            assert_eq!(options(&a), ["none", "one_payment"]);
            continue;
        }
        assert!(
            rules.contains("  ✓ no premium received before (one granted earlier was never paid)"),
            "{rules}"
        );
        assert_eq!(options(&a), ["none", "two_instalments", "one_payment"]);
        pick(&mut a, "premium", "two");
        save(&mut a);
        assert_sound(a.store());
    }
}

#[test]
fn uplifts_are_asked_explained_and_granted_as_instalments_of_their_own() {
    let with_placement = || {
        let (mut store, _, ep) = store_with(date(2023, 1, 1));
        let placement = transfer_support::exit_support::trajectory(
            &mut store,
            ep,
            "trial_placement",
            TrajectoryStatus::Started,
            date(2026, 9, 1),
        );
        (store, ep, placement)
    };
    let (store, _, _) = with_placement();
    let mut a = common::app(store, Lang::En);
    // Without uplifts in premium.toml the form does not ask for their facts.
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('x'));
    pick(&mut a, "reason", "job, income");
    assert!(!a.field_shown("job_agreement").unwrap());
    assert!(!a.field_shown("sanction_24_months").unwrap());
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('d'));
    assert!(a.form().is_none());
    // The same caseload with the uplifts of the sources in premium.toml.
    let (store, ep, placement) = with_placement();
    let mut assets = caseload::assets::Assets::builtin();
    assets.premium = PremiumConfig::parse(premium_support::UPLIFTS).unwrap();
    let mut a = App::with_assets(store, assets, Lang::En, today(), (100, 30));
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('x'));
    text(&mut a, "exit_date", "23-11-2026");
    pick(&mut a, "reason", "job, income");
    text(&mut a, "employer", "Bakkerij");
    pick(&mut a, "contract_type", "permanent");
    text(&mut a, "hours_per_week", "24");
    pick(&mut a, "independence", "fully");
    pick(&mut a, "found_via", "trial");
    pick(&mut a, "aftercare", "declined");
    go(&mut a, "job_agreement");
    type_str(&mut a, "y");
    go(&mut a, "sanction_24_months");
    type_str(&mut a, "y");
    let rules = note(&a, "premium_rules");
    assert_eq!(
        rules,
        "One payment — eligible\n\
         \x20 ✓ on benefit 46 months and 22 days, needs at least 12 months\n\
         \x20 Uplift “Job agreement”: + €100.00\n\
         \x20   ✓ job-agreement indication or work disability\n\
         \x20   ✓ income above the norm (fully independent of benefit)\n\
         \x20 Uplift “No sanction” (€200.00): not granted\n\
         \x20   ✗ a sanction in the 24 months before the exit\n\
         \x20 Uplift “Older age” (€300.00): not granted\n\
         \x20   ✗ 36 years old at the exit, needs at least 55\n\
         \x20 Uplift “Work placement”: + €400.00\n\
         \x20   ✓ job found through trial_placement\n\
         \x20 Uplift “Training” (€500.00): not granted\n\
         \x20   ✗ no trajectory of this rule's instruments completed"
    );
    let grant = a.field_options("premium").unwrap()[1].label.clone();
    assert_eq!(grant, "Grant: One payment + €500.00 in uplifts");
    pick(&mut a, "premium", "grant");
    save(&mut a);
    let inst = a.store().instalments(ep).unwrap();
    let got: Vec<_> = inst
        .iter()
        .map(|i| (i.seq, i.due_on, i.amount_cents, i.uplift.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            (1, date(2027, 5, 23), 100_000, None),
            (2, date(2027, 5, 23), 10_000, Some("job_agreement")),
            (3, date(2027, 5, 23), 40_000, Some("placement")),
        ]
    );
    let x = a.store().exit_interview(ep).unwrap().unwrap();
    assert_eq!(
        (x.job_agreement, x.sanction_24_months),
        (Some(true), Some(true))
    );
    // The trajectory the job came through completed with the exit.
    let t = a.store().trajectory(placement).unwrap().unwrap();
    assert_eq!(t.status, TrajectoryStatus::Completed);
    let json = String::from_utf8(export(a.store())).unwrap();
    assert!(json.contains("\"job_agreement\": true,"), "{json}");
    assert!(json.contains("\"uplift\": \"placement\""), "{json}");
    assert_sound(a.store());
}
