//! Aftercare by keys: the check-in form from the client file and from the agenda, not
//! reached and flagged, consent, the jobhunter offered at a contract end, extension and
//! early end, premium instalments paid from the agenda, and the file's aftercare section.

use crate::common;
use crate::exit_support;

use caseload::app::App;
use caseload::app::action::Screen;
use caseload::app::workflows::FormKind;
use caseload::assets::Assets;
use caseload::domain::Phase;
use caseload::domain::agenda::{ItemKind, Urgency};
use caseload::domain::checkin::CheckInInput;
use caseload::domain::codes::*;
use caseload::domain::exit::{ExitInput, JobSource, WorkInput};
use caseload::domain::model::{AftercareContact, Id};
use caseload::i18n::Lang;
use caseload::store::Store;
use common::{app, demo_store, draw, press, press_mod, today, type_str};
use exit_support::{client_on_benefit, date};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// Anna van der Berg left benefit on 1 June 2026 (after 29 months) for a temporary job of
/// 24 hours until 7 December 2026, so its contract-end contact falls today (23 November);
/// aftercare in `mode`, with or without consent; the two-instalment premium (1 June and
/// 1 December). Returns (client, episode, plan).
fn exited(store: &mut Store, mode: AftercareMode, consent: bool) -> (Id, Id, Id) {
    let (cid, ep) = client_on_benefit(store, 1, "Anna", "van der", "Berg", date(2024, 1, 1));
    let input = ExitInput {
        client_id: cid,
        held_on: date(2026, 6, 1),
        exit_date: date(2026, 6, 1),
        last_payment_date: Some(date(2026, 6, 20)),
        reason: ExitReason::WorkEmployment,
        work: Some(WorkInput {
            employer: "Zorggroep Kennemerland".into(),
            job_title: "helpende zorg".into(),
            contract_type: Some(ContractType::Temporary),
            contract_end: Some(date(2026, 12, 7)),
            hours_per_week: Some(caseload::domain::hours::Hours::whole(24)),
            independence: Some(Independence::Full),
            job_agreement: None,
            sanction_24_months: None,
            found_via: Some(JobSource::OwnEffort),
            first_work_day: None,
            employer_contact: Default::default(),
        }),
        study_end: None,
        checklist: Assets::builtin().checklist.blank(),
        aftercare: mode,
        consent,
        premium: Some("two_instalments".into()),
        move_consent: None,
    };
    let saved = store.record_exit(&input, &Assets::builtin()).unwrap();
    (cid, ep, saved.plan_id.unwrap())
}

/// The app on Anna's file (the only client), the file focused.
fn on_file(store: Store) -> App {
    let mut a = app(store, Lang::En);
    press(&mut a, KeyCode::Tab);
    assert!(a.file().is_some());
    a
}

fn save(a: &mut App) {
    press_mod(a, KeyCode::Char('s'), KeyModifiers::CONTROL);
}

fn status(a: &App) -> String {
    a.status().unwrap_or_default().to_owned()
}

fn focused(a: &App) -> String {
    a.focused_field().unwrap().to_owned()
}

/// Types into a choice field's picker and chooses the first match.
fn choose(a: &mut App, key: &str, filter: &str) {
    a.focus(key);
    type_str(a, filter);
    press(a, KeyCode::Enter);
}

fn visible(a: &App, key: &str) -> bool {
    a.field_shown(key).unwrap()
}

fn note(a: &App, key: &str) -> Option<String> {
    assert!(a.field(key).is_some(), "the form has no field {key}");
    a.field_note(key)
}

/// The contact a check-in form is on.
fn contact_of_form(a: &App) -> Id {
    a.field("contact").unwrap().parse().unwrap()
}

fn contacts(store: &Store, plan: Id) -> Vec<AftercareContact> {
    store.contacts(plan).unwrap()
}

/// Puts the agenda's cursor on the first visible row that satisfies `is`.
fn select(a: &mut App, is: impl Fn(&caseload::store::agenda::AgendaEntry) -> bool) {
    press(a, KeyCode::Char('g'));
    let pos = a
        .agenda_items()
        .iter()
        .position(|r| is(r))
        .expect("such an item is in the agenda");
    for _ in 0..pos {
        press(a, KeyCode::Char('j'));
    }
}

#[test]
fn a_reached_check_in_from_the_agenda_refers_to_debt_help_and_leaves_the_list() {
    let mut a = app(demo_store(60), Lang::En);
    press(&mut a, KeyCode::Char('2'));
    let overdue = a.overdue();
    let before = a.agenda_count().unwrap();
    select(&mut a, |r| {
        r.item.kind == ItemKind::CheckIn && Urgency::of(r.item.due, today()) == Urgency::Overdue
    });
    let item = a.selected_agenda_item().unwrap().item.clone();
    press(&mut a, KeyCode::Enter);
    let (kind, _) = a.form().expect("the check-in opens");
    assert_eq!(kind, FormKind::CheckIn);
    assert_eq!(a.field("contact"), Some(item.ref_id.to_string()));
    assert_eq!(a.field("on").unwrap(), "23-11-2026");
    assert_eq!(focused(&a), "reached");
    type_str(&mut a, "y");
    press(&mut a, KeyCode::Tab);
    type_str(&mut a, "Gaat goed, wel krap met geld.");
    choose(&mut a, "still_working", "same");
    a.focus("balance_ok");
    type_str(&mut a, "n");
    assert_eq!(
        note(&a, "balance_ok").as_deref(),
        Some("offer debt help (tick it under referrals)")
    );
    a.focus("referrals");
    type_str(&mut a, "debt");
    press(&mut a, KeyCode::Char(' '));
    press(&mut a, KeyCode::Enter);
    assert_eq!(note(&a, "balance_ok"), None, "debt help is ticked");
    choose(&mut a, "risk", "medium");
    save(&mut a);
    assert_eq!(
        focused(&a),
        "risk_reason",
        "a medium risk needs its reason: {}",
        status(&a)
    );
    type_str(&mut a, "Achterstand bij energiebedrijf");
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    assert_eq!(status(&a), "Check-in saved. Referred to: Debt help.");
    let c = a.store().contact(item.ref_id).unwrap().unwrap();
    assert_eq!(c.status, ContactStatus::Done);
    assert_eq!(c.done_on, Some(today()));
    assert_eq!(c.channel, Some(Channel::Phone));
    assert_eq!(c.how_is_work, "Gaat goed, wel krap met geld.");
    assert_eq!(c.still_working, Some(StillWorking::SameEmployer));
    assert_eq!(c.balance_ok, Some(false));
    assert_eq!(c.referrals, vec![ReferralKind::DebtHelp]);
    assert_eq!(c.risk, Some(Risk::Medium));
    assert_eq!(c.risk_reason, "Achterstand bij energiebedrijf");
    // Back in the agenda, one item shorter.
    assert_eq!(a.screen(), Screen::Agenda);
    assert_eq!(a.agenda_count().unwrap(), before - 1);
    assert_eq!(a.overdue(), overdue - 1);
    assert!(
        !a.agenda_items().iter().any(|r| r.item.ref_id == item.ref_id
            && matches!(r.item.kind, ItemKind::CheckIn | ItemKind::ContractEnd))
    );
}

#[test]
fn not_reached_is_tried_again_and_the_third_failed_try_flags_the_client() {
    let mut store = Store::open_in_memory().unwrap();
    let (_, _, plan) = exited(&mut store, AftercareMode::Passive, true);
    let mut a = on_file(store);
    // Monday 23 November: three working days later is Thursday 26 November.
    for attempt in 1..=3u32 {
        press(&mut a, KeyCode::Char('a'));
        assert!(a.form().is_some(), "the check-in opens");
        let contact = contact_of_form(&a);
        let c = a.store().contact(contact).unwrap().unwrap();
        assert_eq!((c.kind, c.attempt), (ContactKind::ContractEnd, attempt));
        type_str(&mut a, "n");
        for key in ["how_is_work", "still_working", "risk", "next_contact"] {
            assert!(!visible(&a, key), "{key} is hidden when not reached");
        }
        let expected = if attempt < 3 {
            "new attempt on 26-11-2026"
        } else {
            "too many failed tries: the client will be flagged"
        };
        assert_eq!(note(&a, "reached").as_deref(), Some(expected));
        save(&mut a);
        assert!(a.form().is_none(), "{}", status(&a));
        let c = a.store().contact(contact).unwrap().unwrap();
        assert_eq!(c.status, ContactStatus::NotReached);
        if attempt < 3 {
            assert_eq!(status(&a), "Not reached: new attempt on 26-11-2026.");
        }
    }
    assert_eq!(
        status(&a),
        "Not reached. Not reached 3 times in a row: the client is flagged."
    );
    let p = a.store().aftercare_plan_by_id(plan).unwrap().unwrap();
    assert!(p.flagged);
    // The contract-end contact is not tried a fourth time; the closing contact remains.
    let planned: Vec<_> = contacts(a.store(), plan)
        .into_iter()
        .filter(|c| c.status == ContactStatus::Planned)
        .map(|c| (c.planned_on, c.kind))
        .collect();
    assert_eq!(planned, vec![(date(2026, 12, 1), ContactKind::Closing)]);
    assert!(
        a.file()
            .unwrap()
            .aftercare
            .as_ref()
            .unwrap()
            .plan
            .as_ref()
            .unwrap()
            .flagged
    );
}

#[test]
fn without_consent_only_date_channel_and_reached_are_recorded() {
    let mut store = Store::open_in_memory().unwrap();
    let (_, _, plan) = exited(&mut store, AftercareMode::Active, false);
    let mut a = on_file(store);
    press(&mut a, KeyCode::Char('a'));
    assert!(visible(&a, "contact"), "several contacts are planned");
    let no_consent = Some("no consent: only date, channel and reached are recorded");
    assert_eq!(note(&a, "reached").as_deref(), no_consent);
    type_str(&mut a, "y");
    for key in [
        "how_is_work",
        "running_into",
        "can_i_help",
        "still_working",
        "hours_changed",
        "balance_ok",
        "referrals",
        "risk",
        "risk_reason",
        "contract_renewed",
    ] {
        assert!(!visible(&a, key), "{key} is hidden without consent");
    }
    assert_eq!(note(&a, "reached").as_deref(), no_consent);
    insta::assert_snapshot!("checkin_form_without_consent", draw(&a).backend());
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    assert_eq!(
        status(&a),
        "Check-in saved. No consent: only date, channel and reached were saved."
    );
    let first = &contacts(a.store(), plan)[0];
    assert_eq!(first.planned_on, date(2026, 6, 2));
    assert_eq!(first.status, ContactStatus::Done);
    assert_eq!(first.channel, Some(Channel::Phone));
    assert_eq!(
        (first.how_is_work.as_str(), first.still_working, first.risk),
        ("", None, None)
    );
    assert!(first.referrals.is_empty());
}

#[test]
fn a_contract_not_renewed_offers_a_jobhunter_assigned_with_one_key() {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, ep, _) = exited(&mut store, AftercareMode::Active, true);
    let mut a = app(store, Lang::En);
    press(&mut a, KeyCode::Char('2'));
    select(&mut a, |r| r.item.kind == ItemKind::ContractEnd);
    press(&mut a, KeyCode::Enter);
    assert!(a.form().is_some(), "the check-in opens");
    let contact = contact_of_form(&a);
    assert!(!visible(&a, "contract_renewed"), "asked once reached");
    type_str(&mut a, "y");
    assert!(visible(&a, "contract_renewed"));
    press(&mut a, KeyCode::Tab);
    type_str(&mut a, "Goed, maar het contract loopt af.");
    choose(&mut a, "still_working", "same");
    assert_eq!(focused(&a), "contract_renewed");
    type_str(&mut a, "n");
    assert_eq!(
        note(&a, "contract_renewed").as_deref(),
        Some("a jobhunter is offered after saving")
    );
    choose(&mut a, "risk", "high");
    assert_eq!(focused(&a), "risk_reason");
    type_str(&mut a, "Contract niet verlengd");
    insta::assert_snapshot!("checkin_form_with_consent", draw(&a).backend());
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    assert_eq!(a.screen(), Screen::Agenda);
    let c = a.store().contact(contact).unwrap().unwrap();
    assert_eq!(c.contract_renewed, Some(false));
    assert_eq!(c.risk, Some(Risk::High));
    let ask = a.question().expect("the jobhunter is offered");
    assert_eq!(
        ask.message,
        "The contract was not renewed: assign a jobhunter?"
    );
    press(&mut a, KeyCode::Char('j'));
    assert!(a.question().is_none());
    assert!(status(&a).starts_with("Jobhunter assigned, referred on 23-11-2026"));
    // The benefit period has ended, but its aftercare runs: the jobhunter belongs to it.
    let t = a.store().trajectories(ep).unwrap();
    let jh = t.iter().find(|t| t.instrument == "jobhunter").unwrap();
    assert_eq!(jh.status, TrajectoryStatus::Referred);
    assert_eq!(jh.referred_on, today());
    assert!(jh.next_review.is_some());
    assert_eq!(a.store().phase(cid).unwrap(), Phase::Aftercare);
    assert!(
        a.store()
            .open_items_of(cid)
            .unwrap()
            .iter()
            .any(|i| i.kind == ItemKind::Review && i.ref_id == jh.id)
    );
    // Offered again while one runs (the same check-in on a copy of the caseload in which
    // a jobhunter already runs): the answer assigns nothing twice.
    let mut store = Store::open_in_memory().unwrap();
    let (_, ep, _) = exited(&mut store, AftercareMode::Active, true);
    let cat = Assets::builtin().catalog;
    let running = caseload::domain::trajectory::Assignment::for_instrument(
        cat.get("jobhunter").unwrap(),
        Lang::En,
        today(),
        None,
    );
    store.assign_trajectory(ep, &running).unwrap();
    let mut a = app(store, Lang::En);
    press(&mut a, KeyCode::Char('2'));
    select(&mut a, |r| r.item.kind == ItemKind::ContractEnd);
    press(&mut a, KeyCode::Enter);
    type_str(&mut a, "y");
    a.fill("how_is_work", "Goed, maar het contract loopt af.");
    choose(&mut a, "still_working", "same");
    a.focus("contract_renewed");
    type_str(&mut a, "n");
    choose(&mut a, "risk", "high");
    type_str(&mut a, "Contract niet verlengd");
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    let before = a.store().trajectories(ep).unwrap().len();
    assert!(a.question().is_some(), "the jobhunter is offered");
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(
        status(&a),
        "A jobhunter is already running for this client."
    );
    assert_eq!(a.store().trajectories(ep).unwrap().len(), before);
}

#[test]
fn aftercare_is_extended_to_twelve_months_and_ended_early_with_a_reason() {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, _, plan) = exited(&mut store, AftercareMode::Active, true);
    let mut a = on_file(store);
    press(&mut a, KeyCode::Char('E'));
    let ask = a.question().expect("extending asks first");
    assert!(ask.message.contains("to 12 months"), "{}", ask.message);
    press(&mut a, KeyCode::Esc);
    assert!(
        !a.store()
            .aftercare_plan_by_id(plan)
            .unwrap()
            .unwrap()
            .extended
    );
    press(&mut a, KeyCode::Char('E'));
    press(&mut a, KeyCode::Enter);
    let p = a.store().aftercare_plan_by_id(plan).unwrap().unwrap();
    assert!(p.extended);
    assert_eq!(p.ends_on, date(2027, 6, 1));
    assert_eq!(status(&a), "Aftercare extended to 01-06-2027.");
    press(&mut a, KeyCode::Char('E'));
    assert!(a.question().is_none());
    assert_eq!(status(&a), "This aftercare plan has been extended already.");
    // Ending early: a date before the start is refused; then the client's wish, today.
    press(&mut a, KeyCode::Char('X'));
    assert_eq!(a.form().unwrap().0, FormKind::AftercareEnd);
    choose(&mut a, "reason", "wish");
    a.focus("ended_on");
    for _ in 0..10 {
        press(&mut a, KeyCode::Backspace);
    }
    type_str(&mut a, "31-05-2026");
    save(&mut a);
    assert!(a.form().is_some());
    assert_eq!(
        a.field_error("ended_on").as_deref(),
        Some("Aftercare cannot end before it started.")
    );
    for _ in 0..10 {
        press(&mut a, KeyCode::Backspace);
    }
    type_str(&mut a, "vandaag");
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    assert_eq!(
        status(&a),
        "Aftercare ended on 23-11-2026 (Client's wish); the planned contacts are cancelled."
    );
    let p = a.store().aftercare_plan_by_id(plan).unwrap().unwrap();
    assert_eq!(p.status, PlanStatus::Ended);
    assert_eq!(p.end_reason, Some(AftercareEndReason::ClientWish));
    assert_eq!(p.ended_on, Some(today()));
    assert!(
        contacts(a.store(), plan)
            .iter()
            .all(|c| c.status != ContactStatus::Planned)
    );
    assert_eq!(a.store().phase(cid).unwrap(), Phase::Closed);
    // Nothing runs any more: each key says so politely.
    for key in ['a', 'E', 'X'] {
        press(&mut a, KeyCode::Char(key));
        assert!(a.form().is_none() && a.question().is_none());
        assert_eq!(status(&a), "This client has no aftercare running.");
    }
}

#[test]
fn a_premium_instalment_is_paid_from_the_agenda_and_leaves_it_at_once() {
    let mut store = Store::open_in_memory().unwrap();
    let (_, ep, _) = exited(&mut store, AftercareMode::Passive, true);
    let mut a = app(store, Lang::En);
    press(&mut a, KeyCode::Char('2'));
    let before = a.agenda_count().unwrap();
    let overdue = a.overdue();
    select(&mut a, |r| r.item.kind == ItemKind::Premium);
    let item = a.selected_agenda_item().unwrap().item.clone();
    assert_eq!(item.due, date(2026, 6, 1));
    press(&mut a, KeyCode::Enter);
    // The pay form: what is paid, and the date paid (today unless changed).
    let (kind, _) = a.form().expect("paying opens its form");
    assert_eq!(kind, FormKind::PremiumPay);
    assert_eq!(
        note(&a, "instalment").as_deref(),
        Some("No. 1 · €500.00 · due 01-06-2026\nTwo instalments (€500 + €500)")
    );
    assert!(!visible(&a, "condition_met"));
    assert_eq!(a.field("paid_on").unwrap(), "23-11-2026");
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    assert_eq!(a.screen(), Screen::Agenda, "back where it was paid from");
    assert_eq!(status(&a), "Instalment 1 marked paid on 23-11-2026.");
    let paid = a.store().instalments(ep).unwrap();
    assert_eq!(paid[0].paid_on, Some(today()));
    assert_eq!(paid[1].paid_on, None);
    assert_eq!(a.agenda_count().unwrap(), before - 1);
    assert_eq!(a.overdue(), overdue - 1);
    assert!(
        !a.agenda_items()
            .iter()
            .any(|r| r.item.kind == ItemKind::Premium && r.item.ref_id == item.ref_id)
    );
    // The second instalment is due on 01-12-2026: not paid before then; Esc leaves it.
    select(&mut a, |r| r.item.kind == ItemKind::Premium);
    press(&mut a, KeyCode::Enter);
    save(&mut a);
    assert!(a.form().is_some(), "refused: the form stays");
    assert_eq!(
        a.field_error("paid_on").as_deref(),
        Some("An instalment is paid from its due date, 01-12-2026, on.")
    );
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('d'));
    assert_eq!(a.store().instalments(ep).unwrap()[1].paid_on, None);
}

#[test]
fn working_through_the_overdue_check_ins_the_agenda_shrinks() {
    let mut a = app(demo_store(60), Lang::En);
    press(&mut a, KeyCode::Char('2'));
    let overdue_check_in = |r: &caseload::store::agenda::AgendaEntry| {
        matches!(r.item.kind, ItemKind::CheckIn | ItemKind::ContractEnd)
            && Urgency::of(r.item.due, today()) == Urgency::Overdue
    };
    let todo = a
        .agenda_items()
        .iter()
        .filter(|r| overdue_check_in(r))
        .count();
    assert!(todo >= 1, "the demo has overdue check-ins");
    for n in 0..todo {
        let overdue = a.overdue();
        select(&mut a, overdue_check_in);
        press(&mut a, KeyCode::Char('a'));
        assert!(a.form().is_some());
        // The first client is not reached: a new try, not overdue, takes its place.
        type_str(&mut a, if n == 0 { "n" } else { "y" });
        save(&mut a);
        assert!(a.form().is_none(), "{}", status(&a));
        assert_eq!(a.screen(), Screen::Agenda);
        assert_eq!(a.overdue(), overdue - 1);
    }
    assert!(!a.agenda_items().iter().any(|r| overdue_check_in(r)));
    // `a` on an item that is not a check-in says so.
    select(&mut a, |r| r.item.kind == ItemKind::Agreement);
    press(&mut a, KeyCode::Char('a'));
    assert!(a.form().is_none());
    assert_eq!(status(&a), "This item is not a check-in; Enter opens it.");
}

#[test]
fn a_check_in_left_half_way_is_kept_as_a_draft() {
    let mut store = Store::open_in_memory().unwrap();
    exited(&mut store, AftercareMode::Passive, true);
    let mut a = on_file(store);
    press(&mut a, KeyCode::Char('a'));
    type_str(&mut a, "y");
    press(&mut a, KeyCode::Tab);
    type_str(&mut a, "Half af");
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Enter);
    assert!(a.form().is_none());
    press(&mut a, KeyCode::Char('D'));
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('D'));
    assert!(a.question().is_some(), "the draft is offered");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.form().unwrap().0, FormKind::CheckIn);
    assert_eq!(a.field("how_is_work").unwrap(), "Half af");
    assert_eq!(a.field("reached").as_deref(), Some("true"));
}

/// The file's aftercare section as text: from its heading to the next section.
fn aftercare_section(a: &App, lang: Lang, wide: bool) -> String {
    let file = a.file().unwrap();
    let catalog = &Assets::builtin().catalog;
    let lines = caseload::ui::file::lines(file, lang, today(), wide, catalog);
    let text: Vec<String> = lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    let title = caseload::i18n::t(lang, "checkin.file.title");
    let start = text.iter().position(|l| l == title).unwrap();
    let end = text[start..]
        .iter()
        .position(|l| l.is_empty())
        .map_or(text.len(), |n| start + n);
    text[start..end].join("\n")
}

#[test]
fn the_client_file_shows_the_aftercare_section() {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, ep, plan) = exited(&mut store, AftercareMode::Active, true);
    let cfg = Assets::builtin().aftercare;
    let ids: Vec<Id> = contacts(&store, plan).iter().map(|c| c.id).collect();
    let mut reached = CheckInInput::new(date(2026, 6, 2), Channel::Phone, true);
    reached.balance_ok = Some(false);
    reached.referrals = vec![ReferralKind::DebtHelp, ReferralKind::FormHelp];
    reached.risk = Some(Risk::Medium);
    reached.risk_reason = "Schulden".into();
    store.record_check_in(ids[0], &reached, &cfg).unwrap();
    let mut low = CheckInInput::new(date(2026, 6, 9), Channel::HomeVisit, true);
    low.risk = Some(Risk::Low);
    store.record_check_in(ids[1], &low, &cfg).unwrap();
    let mut next = ids[2];
    for on in [date(2026, 6, 15), date(2026, 6, 18), date(2026, 6, 23)] {
        let out = store
            .record_check_in(next, &CheckInInput::new(on, Channel::Phone, false), &cfg)
            .unwrap();
        if let Some((id, _)) = out.retry {
            next = id;
        }
    }
    let first = store.instalments(ep).unwrap()[0].id;
    store.mark_instalment_paid(first, date(2026, 6, 5)).unwrap();
    let a = on_file(store);
    assert_eq!(a.file().unwrap().client.id, cid);
    insta::assert_snapshot!("file_aftercare_en", aftercare_section(&a, Lang::En, true));
    insta::assert_snapshot!(
        "file_aftercare_nl_narrow",
        aftercare_section(&a, Lang::Nl, false)
    );
    // The flag stands out in the error colour.
    let lines = caseload::ui::file::lines(
        a.file().unwrap(),
        Lang::En,
        today(),
        true,
        &Assets::builtin().catalog,
    );
    let flag = lines
        .iter()
        .find(|l| l.spans.iter().any(|s| s.content.contains('⚑')))
        .expect("the flag is shown");
    assert_eq!(flag.style, caseload::ui::theme::error());
}

#[test]
fn a_trajectory_in_aftercare_belongs_to_the_ended_period_and_follows_a_re_entry() {
    use caseload::domain::trajectory::Assignment;
    let mut store = Store::open_in_memory().unwrap();
    let (cid, ep, plan) = exited(&mut store, AftercareMode::Active, true);
    let cat = Assets::builtin().catalog;
    let jh = Assignment::for_instrument(cat.get("jobhunter").unwrap(), Lang::En, today(), None);
    let id = store.assign_trajectory(ep, &jh).unwrap();
    // Once aftercare has ended, the ended period takes no new trajectory.
    store
        .end_aftercare(plan, AftercareEndReason::Other, today())
        .unwrap();
    assert!(store.assign_trajectory(ep, &jh).is_err());
    // Back on benefit: the running jobhunter continues in the new period.
    let re = store.re_enter(cid, date(2026, 12, 14)).unwrap();
    let t = store.trajectory(id).unwrap().unwrap();
    assert_eq!(t.episode_id, re.episode_id);
    assert_eq!(t.status, TrajectoryStatus::Referred);
    assert_eq!(store.phase(cid).unwrap(), Phase::Trajectory);
}

#[test]
fn a_call_from_the_client_is_recorded_from_the_file_in_passive_aftercare() {
    let mut store = Store::open_in_memory().unwrap();
    let (_, _, plan) = exited(&mut store, AftercareMode::Passive, true);
    let mut a = on_file(store);
    press(&mut a, KeyCode::Char('A'));
    let (kind, _) = a.form().expect("the contact form opens");
    assert_eq!(kind, FormKind::Unplanned);
    assert_eq!(focused(&a), "occasion");
    assert!(!visible(&a, "consent_now"), "consent was given at the exit");
    assert!(visible(&a, "how_is_work"));
    type_str(&mut a, "client");
    press(&mut a, KeyCode::Enter);
    choose(&mut a, "held_by", "job coach");
    a.focus("how_is_work");
    type_str(&mut a, "Belde zelf: rooster veranderd, redt het.");
    insta::assert_snapshot!("unplanned_contact_form", draw(&a).backend());
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    assert_eq!(status(&a), "Recorded: The client called on 23-11-2026.");
    let c = contacts(a.store(), plan)
        .into_iter()
        .find(|c| c.occasion.is_some())
        .expect("the contact is recorded");
    assert_eq!(c.held_by, Some(ContactBy::JobCoach));
    assert_eq!(c.done_on, Some(today()));
    assert_eq!(c.how_is_work, "Belde zelf: rooster veranderd, redt het.");
}

#[test]
fn declined_aftercare_asks_consent_before_a_contact_is_recorded() {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, ep) = client_on_benefit(&mut store, 1, "Anna", "van der", "Berg", date(2024, 1, 1));
    let mut input = exit_support::plain_exit(cid, ExitReason::WorkEmployment, date(2026, 6, 1));
    input.work = Some(exit_support::permanent_job());
    store.record_exit(&input, &Assets::builtin()).unwrap();
    let mut a = on_file(store);
    press(&mut a, KeyCode::Char('A'));
    assert!(visible(&a, "consent_now"));
    assert!(!visible(&a, "how_is_work"), "no answers before consent");
    assert!(
        !visible(&a, "next_contact"),
        "nothing is planned under declined aftercare"
    );
    type_str(&mut a, "employer");
    press(&mut a, KeyCode::Enter);
    a.focus("consent_now");
    type_str(&mut a, "n");
    save(&mut a);
    assert!(a.form().is_some(), "refused without consent");
    assert_eq!(
        note(&a, "consent_now").as_deref(),
        None,
        "the refusal is an error at the field, not a note"
    );
    assert!(
        a.store().unplanned_target(cid).unwrap().1.is_none(),
        "nothing written"
    );
    a.focus("consent_now");
    type_str(&mut a, "y");
    assert!(
        visible(&a, "how_is_work"),
        "with consent the answers are asked"
    );
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    let plan = a.store().unplanned_target(cid).unwrap().1.unwrap();
    assert_eq!(plan.episode_id, ep);
    assert_eq!(plan.mode, AftercareMode::Declined);
    assert_eq!(a.store().phase(cid).unwrap(), Phase::Closed);
}
