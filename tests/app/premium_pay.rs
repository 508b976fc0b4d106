//! Paying the premium, by keys: the one-payment scheme's condition shown when paying and
//! recorded as not met (forfeited, out of the agenda, in the file, the report and the
//! export), a payment on a chosen date within its bounds, and a payment recorded in error
//! taken back after asking (the audit log keeps it). Each caseload passes `check` and comes
//! back from its own export byte for byte. (The file formats: `premium_transfer`.)

use crate::common;
use crate::premium_support;
use crate::transfer_support;

use caseload::app::App;
use caseload::app::action::Screen;
use caseload::assets::Assets;
use caseload::domain::agenda::ItemKind;
use caseload::domain::codes::*;
use caseload::domain::exit::{JobSource, WorkInput};
use caseload::domain::hours::Hours;
use caseload::domain::model::Id;
use caseload::domain::report_period::Period;
use caseload::i18n::Lang;
use caseload::store::{Store, StoreError};
use common::{press, press_mod, screen, today, type_str};
use premium_support::{assert_sound, focused};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use transfer_support::exit_support::{client_on_benefit, date, plain_exit};
use transfer_support::export;

fn status(a: &App) -> String {
    a.status().unwrap_or_default().to_owned()
}

fn field_error(a: &App, key: &str) -> Option<String> {
    assert!(a.field(key).is_some(), "the form has no field {key}");
    a.field_error(key)
}

fn save(a: &mut App) {
    press_mod(a, KeyCode::Char('s'), KeyModifiers::CONTROL);
}

/// Moves to a field and types over it.
fn retype(a: &mut App, key: &str, s: &str) {
    for _ in 0..10 {
        if focused(a) == key {
            break;
        }
        press(a, KeyCode::Tab);
    }
    assert_eq!(focused(a), key);
    press_mod(a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_str(a, s);
}

/// The audit entries of one instalment: its actions, oldest first.
fn audit(store: &Store, id: Id) -> Vec<String> {
    let c = rusqlite::Connection::open(store.path().unwrap()).unwrap();
    let mut st = c
        .prepare(
            "SELECT action FROM audit_log WHERE entity = 'premium_instalment' \
             AND entity_id = ?1 ORDER BY id",
        )
        .unwrap();
    st.query_map([id], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Anna, on benefit since 2024, left on 01-05-2026 for a permanent job of 32,5 hours
/// (first working day 04-05-2026) with the one-payment scheme: €1,000 due 04-11-2026.
fn one_payment(store: &mut Store) -> (Id, Id) {
    let (cid, ep) = client_on_benefit(store, 1, "Anna", "van der", "Berg", date(2024, 1, 1));
    let mut input = plain_exit(cid, ExitReason::WorkEmployment, date(2026, 5, 1));
    input.work = Some(WorkInput {
        employer: "Zorggroep".into(),
        contract_type: Some(ContractType::Permanent),
        hours_per_week: Some(Hours::parse("32,5").unwrap()),
        independence: Some(Independence::Full),
        found_via: Some(JobSource::OwnEffort),
        first_work_day: Some(date(2026, 5, 4)),
        ..Default::default()
    });
    input.premium = Some("one_payment".into());
    store.record_exit(&input, &Assets::builtin()).unwrap();
    (cid, ep)
}

/// The same client with the two-instalment scheme, leaving on 01-06-2026: €500 due at
/// the exit and €500 on 01-12-2026.
fn two_instalments(store: &mut Store) -> (Id, Id) {
    let (cid, ep) = client_on_benefit(store, 1, "Anna", "van der", "Berg", date(2023, 1, 1));
    let mut input = plain_exit(cid, ExitReason::WorkEmployment, date(2026, 6, 1));
    input.work = Some(transfer_support::exit_support::permanent_job());
    input.premium = Some("two_instalments".into());
    store.record_exit(&input, &Assets::builtin()).unwrap();
    (cid, ep)
}

fn file_store(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("c.db")).unwrap()
}

#[test]
fn the_condition_is_shown_when_paying_and_not_met_the_instalment_is_forfeited() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = file_store(&dir);
    let (_, ep) = one_payment(&mut store);
    let id = store.instalments(ep).unwrap()[0].id;
    let mut a = common::app(store, Lang::En);
    common::resize(&mut a, 120, 35);
    common::agenda_to(&mut a, |i| i.kind == ItemKind::Premium);
    press(&mut a, KeyCode::Enter);
    assert!(a.form().is_some(), "the pay form");
    assert_eq!(
        a.field_note("instalment").as_deref(),
        Some(
            "No. 1 · €1,000.00 · due 04-11-2026\n\
             One payment after six months of work (€1,000)\n\
             Checked when paying: 6 months with one employer"
        )
    );
    assert_eq!(focused(&a), "condition_met", "the condition is asked first");
    let s = screen(&a);
    assert!(
        s.contains("Checked when paying: 6 months with one employer"),
        "{s}"
    );
    assert!(s.contains("Condition met *"), "{s}");
    // Not met: a reason and a date, from the exit up to today.
    type_str(&mut a, "n");
    save(&mut a);
    assert_eq!(
        field_error(&a, "forfeit_reason").as_deref(),
        Some("Required.")
    );
    retype(&mut a, "forfeit_reason", "Baan na vier maanden verloren");
    retype(&mut a, "forfeited_on", "30-4-2026");
    press(&mut a, KeyCode::Tab);
    assert_eq!(
        field_error(&a, "forfeited_on").as_deref(),
        Some("Before the exit (01-05-2026) the condition cannot have failed yet.")
    );
    retype(&mut a, "forfeited_on", "+1d");
    assert_eq!(
        field_error(&a, "forfeited_on").as_deref(),
        Some("This date lies in the future: record it once the condition is known not to be met.")
    );
    retype(&mut a, "forfeited_on", "20-11-2026");
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    assert_eq!(
        status(&a),
        "Instalment 1 forfeited on 20-11-2026: the condition was not met."
    );
    assert_eq!(a.screen(), Screen::Agenda);
    common::settle(&mut a);
    assert!(
        !a.agenda_items()
            .iter()
            .any(|r| r.item.kind == ItemKind::Premium)
    );
    let i = a.store().instalment(id).unwrap().unwrap();
    assert_eq!(
        (i.paid_on, i.forfeited_on, i.forfeit_reason.as_str()),
        (
            None,
            Some(date(2026, 11, 20)),
            "Baan na vier maanden verloren"
        )
    );
    // The file says so, and its timeline.
    press(&mut a, KeyCode::Char('1'));
    press(&mut a, KeyCode::Enter);
    let s = screen(&a);
    assert!(
        s.contains("1. 04-11-2026 €1,000.00 forfeited 20-11-2026: Baan na vier maanden"),
        "{s}"
    );
    let timeline = &a.file().unwrap().timeline;
    let assets = Assets::builtin();
    let cx = caseload::domain::timeline_text::TextContext {
        lang: Lang::En,
        catalog: &assets.catalog,
        templates: &assets.templates,
    };
    assert!(
        timeline.iter().any(|e| e.headline(&cx)
            == "Premium instalment no. 1 forfeited (condition not met): €1,000.00"),
        "{timeline:?}"
    );
    // The report counts it apart from paid and overdue.
    let p = a
        .store()
        .premium_figures(Period::last_12_months(today()), today())
        .unwrap();
    assert_eq!(
        (p.due, p.paid, p.forfeited, p.forfeited_cents, p.overdue),
        (1, 0, 1, 100_000, 0)
    );
    press(&mut a, KeyCode::Char('3'));
    // Counted in the background (on a file): it arrives on a tick.
    for _ in 0..1000 {
        if a.report().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        a.tick();
    }
    press(&mut a, KeyCode::Char('G'));
    let s = screen(&a);
    assert!(
        s.lines()
            .any(|l| l.contains("Forfeited") && l.contains("€1,000.00")),
        "{s}"
    );
    // The export carries it; check and the round trip agree.
    let json = String::from_utf8(export(a.store())).unwrap();
    assert!(json.contains("\"forfeited_on\": \"2026-11-20\","), "{json}");
    assert!(
        json.contains("\"forfeit_reason\": \"Baan na vier maanden verloren\","),
        "{json}"
    );
    assert!(json.contains("\"hours_per_week\": 32.5,"), "{json}");
    assert_sound(a.store());
    // Recorded in error after all: taken back, and paid on a chosen date.
    press(&mut a, KeyCode::Char('1'));
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('U'));
    let ask = a.question().expect("asks first");
    assert!(
        ask.message
            .starts_with("Was no. 1 (€1,000.00, forfeited 20-11-2026) of Anna van der Berg"),
        "{}",
        ask.message
    );
    press(&mut a, KeyCode::Enter);
    assert_eq!(status(&a), "Instalment 1 taken back: it is due again.");
    assert!(a.store().instalment(id).unwrap().unwrap().is_open());
    press(&mut a, KeyCode::Char('P'));
    type_str(&mut a, "y");
    retype(&mut a, "paid_on", "10-11-2026");
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    let i = a.store().instalment(id).unwrap().unwrap();
    assert_eq!(
        (i.paid_on, i.forfeited_on),
        (Some(date(2026, 11, 10)), None)
    );
    assert_eq!(i.forfeit_reason, "");
    assert_eq!(
        audit(a.store(), id),
        ["create", "update", "update", "update"]
    );
    assert_sound(a.store());
}

#[test]
fn a_payment_is_recorded_on_a_chosen_date_and_taken_back_after_asking() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = file_store(&dir);
    let (cid, ep) = two_instalments(&mut store);
    let Ok([first, second]) = <[_; 2]>::try_from(store.instalments(ep).unwrap()) else {
        panic!("two instalments")
    };
    let mut a = common::app(store, Lang::En);
    press(&mut a, KeyCode::Enter);
    // Nothing paid yet: nothing to take back.
    press(&mut a, KeyCode::Char('U'));
    assert!(a.question().is_none());
    assert_eq!(
        status(&a),
        "There is no premium payment or forfeit to take back."
    );
    // P pays the instalment due first; the two-instalment scheme asks no condition.
    press(&mut a, KeyCode::Char('P'));
    assert_eq!(focused(&a), "paid_on");
    assert_eq!(a.field("paid_on").unwrap(), "23-11-2026");
    retype(&mut a, "paid_on", "31-5-2026");
    save(&mut a);
    assert_eq!(
        field_error(&a, "paid_on").as_deref(),
        Some("An instalment is paid from its due date, 01-06-2026, on.")
    );
    retype(&mut a, "paid_on", "24-11-2026");
    save(&mut a);
    assert_eq!(
        field_error(&a, "paid_on").as_deref(),
        Some("This date lies in the future: record a payment once it is made.")
    );
    retype(&mut a, "paid_on", "2-6-2026");
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    assert_eq!(status(&a), "Instalment 1 marked paid on 02-06-2026.");
    assert_eq!(
        a.store().instalment(first.id).unwrap().unwrap().paid_on,
        Some(date(2026, 6, 2))
    );
    // Taking it back asks first; Esc leaves it paid.
    press(&mut a, KeyCode::Char('U'));
    let ask = a.question().expect("asks first");
    assert_eq!(
        ask.message,
        "Was no. 1 (€500.00, paid 02-06-2026) of Anna van der Berg recorded in error? Taking \
         it back makes the instalment due again; the audit log keeps the change."
    );
    press(&mut a, KeyCode::Esc);
    assert!(
        a.store()
            .instalment(first.id)
            .unwrap()
            .unwrap()
            .paid_on
            .is_some()
    );
    press(&mut a, KeyCode::Char('U'));
    press(&mut a, KeyCode::Enter);
    assert_eq!(status(&a), "Instalment 1 taken back: it is due again.");
    assert_eq!(a.store().instalment(first.id).unwrap().unwrap(), first);
    assert_eq!(audit(a.store(), first.id), ["create", "update", "update"]);
    assert!(
        a.store()
            .open_items_of(cid)
            .unwrap()
            .iter()
            .any(|i| i.kind == ItemKind::Premium && i.ref_id == first.id),
        "due again: in the agenda"
    );
    assert_sound(a.store());
    // Paid again; the client comes back on benefit (the second is cancelled unpaid); the
    // payment was in error after all: taken back, it is cancelled as the re-entry would
    // have done.
    a.store_mut()
        .mark_instalment_paid(first.id, today())
        .unwrap();
    a.store_mut().re_enter(cid, date(2026, 9, 1)).unwrap();
    a.reload_client(cid);
    press(&mut a, KeyCode::Char('U'));
    press(&mut a, KeyCode::Enter);
    assert_eq!(
        status(&a),
        "Instalment 1 taken back: cancelled, as the client came back on benefit since."
    );
    let back = a.store().instalments(ep).unwrap();
    assert_eq!(back[0].cancelled_on, Some(date(2026, 9, 1)));
    assert_eq!(back[1].cancelled_on, Some(date(2026, 9, 1)));
    assert_eq!(back[1].id, second.id);
    assert_sound(a.store());
}

fn invalid(e: StoreError) -> &'static str {
    match e {
        StoreError::Invalid(k) => k,
        other => panic!("expected a refused rule, got {other}"),
    }
}

#[test]
fn the_store_keeps_the_same_rules_as_the_form() {
    let mut store = Store::open_in_memory().unwrap();
    let (_, ep) = one_payment(&mut store);
    let id = store.instalments(ep).unwrap()[0].id;
    let refused = |r: Result<(), StoreError>| invalid(r.unwrap_err());
    assert_eq!(
        refused(store.mark_instalment_paid(id, date(2026, 11, 3))),
        "premium_pay.before_due"
    );
    assert_eq!(
        refused(store.forfeit_instalment(id, date(2026, 11, 3), "  ")),
        "premium_pay.reason_required"
    );
    assert_eq!(
        refused(store.forfeit_instalment(id, date(2026, 4, 30), "x")),
        "premium_pay.forfeit_before_exit"
    );
    assert_eq!(
        invalid(store.take_back_instalment(id).unwrap_err()),
        "premium_pay.nothing_to_take_back"
    );
    store
        .forfeit_instalment(id, date(2026, 11, 3), "x")
        .unwrap();
    assert_eq!(
        refused(store.mark_instalment_paid(id, date(2026, 11, 4))),
        "premium_pay.forfeited_already"
    );
    assert_eq!(
        refused(store.forfeit_instalment(id, date(2026, 11, 4), "y")),
        "premium_pay.forfeited_already"
    );
    assert_eq!(store.instalment(id).unwrap().unwrap().paid_on, None);
}
