//! Aftercare as the caseworker works it: check-ins, retries and the flag, consent, what a
//! check-in proposes, extension, early end, and completion.

use crate::exit_support;

use caseload::assets::Assets;
use caseload::domain::Phase;
use caseload::domain::checkin::CheckInInput;
use caseload::domain::codes::*;
use caseload::store::{Store, StoreError};
use chrono::NaiveDate;
use exit_support::*;

use ContactKind::{Closing, ContractEnd, Scheduled};

fn invalid(e: StoreError) -> &'static str {
    match e {
        StoreError::Invalid(k) => k,
        other => panic!("expected a refused rule, got {other}"),
    }
}

/// The worked example saved; returns (client, plan).
fn exited(store: &mut Store, mode: AftercareMode, consent: bool) -> (i64, i64) {
    let (cid, _, mut input) = worked_example(store);
    input.aftercare = mode;
    input.consent = consent;
    let saved = store.record_exit(&input, &Assets::builtin()).unwrap();
    (cid, saved.plan_id.unwrap())
}

fn contacts(store: &Store, plan: i64) -> Vec<(NaiveDate, ContactKind, ContactStatus, u32)> {
    store
        .contacts(plan)
        .unwrap()
        .iter()
        .map(|c| (c.planned_on, c.kind, c.status, c.attempt))
        .collect()
}

fn not_reached(on: NaiveDate) -> CheckInInput {
    CheckInInput::new(on, Channel::Phone, false)
}

#[test]
fn failed_contacts_are_tried_again_and_flagged_after_three() {
    let mut store = Store::open_in_memory().unwrap();
    let cfg = Assets::builtin().aftercare;
    let (cid, plan) = exited(&mut store, AftercareMode::Passive, true);
    let closing = store
        .contacts(plan)
        .unwrap()
        .iter()
        .find(|c| c.kind == Closing)
        .unwrap()
        .id;
    // 1 June 2027 is a Tuesday: three working days later is Friday 4 June.
    let r1 = store
        .record_check_in(closing, &not_reached(date(2027, 6, 1)), &cfg)
        .unwrap();
    assert_eq!(r1.status, Some(ContactStatus::NotReached));
    let (retry1, on1) = r1.retry.unwrap();
    assert_eq!(on1, date(2027, 6, 4));
    assert!(!r1.flagged);
    let r2 = store
        .record_check_in(retry1, &not_reached(on1), &cfg)
        .unwrap();
    let (retry2, on2) = r2.retry.unwrap();
    assert_eq!(on2, date(2027, 6, 9));
    let r3 = store
        .record_check_in(retry2, &not_reached(on2), &cfg)
        .unwrap();
    assert!(r3.flagged);
    assert!(store.aftercare_plan_by_id(plan).unwrap().unwrap().flagged);
    // The closing contact is tried again: only it completes the plan.
    let (retry3, on3) = r3.retry.unwrap();
    assert_eq!(on3, date(2027, 6, 14));
    let tail: Vec<_> = contacts(&store, plan).into_iter().rev().take(4).collect();
    assert_eq!(
        tail,
        vec![
            (date(2027, 6, 14), Closing, ContactStatus::Planned, 4),
            (date(2027, 6, 9), Closing, ContactStatus::NotReached, 3),
            (date(2027, 6, 4), Closing, ContactStatus::NotReached, 2),
            (date(2027, 6, 1), Closing, ContactStatus::NotReached, 1),
        ]
    );
    // Reached at last: the closing contact completes the plan and the flag goes.
    let done = store
        .record_check_in(retry3, &CheckInInput::new(on3, Channel::Phone, true), &cfg)
        .unwrap();
    assert!(done.plan_completed);
    let p = store.aftercare_plan_by_id(plan).unwrap().unwrap();
    assert_eq!(
        (p.status, p.ended_on, p.flagged),
        (PlanStatus::Completed, Some(on3), false)
    );
    assert_eq!(store.phase(cid).unwrap(), Phase::Closed);
}

#[test]
fn with_other_contacts_planned_the_third_failure_flags_without_a_retry() {
    let mut store = Store::open_in_memory().unwrap();
    let cfg = Assets::builtin().aftercare;
    let (_, plan) = exited(&mut store, AftercareMode::Active, true);
    let first = store.contacts(plan).unwrap()[0].id;
    // Wednesday 2 December 2026.
    let r = store
        .record_check_in(first, &not_reached(date(2026, 12, 2)), &cfg)
        .unwrap();
    let (id, on) = r.retry.unwrap();
    assert_eq!(on, date(2026, 12, 7));
    assert_eq!(store.contact(id).unwrap().unwrap().kind, ContactKind::Retry);
    let r = store.record_check_in(id, &not_reached(on), &cfg).unwrap();
    let (id, on) = r.retry.unwrap();
    let r = store.record_check_in(id, &not_reached(on), &cfg).unwrap();
    assert!(r.flagged && r.retry.is_none());
    // Reaching the client at the next contact clears the flag.
    let next = store
        .contacts(plan)
        .unwrap()
        .into_iter()
        .find(|c| c.status == ContactStatus::Planned)
        .unwrap();
    store
        .record_check_in(
            next.id,
            &CheckInInput::new(next.planned_on, Channel::Phone, true),
            &cfg,
        )
        .unwrap();
    assert!(!store.aftercare_plan_by_id(plan).unwrap().unwrap().flagged);
}

/// The first two scheduled contacts of a new active plan.
fn two_scheduled(
    store: &mut Store,
) -> (
    i64,
    caseload::domain::model::AftercareContact,
    caseload::domain::model::AftercareContact,
) {
    let (_, plan) = exited(store, AftercareMode::Active, true);
    let p: Vec<_> = store
        .contacts(plan)
        .unwrap()
        .into_iter()
        .filter(|c| c.status == ContactStatus::Planned && c.kind == Scheduled)
        .collect();
    (plan, p[0].clone(), p[1].clone())
}

#[test]
fn failures_count_in_a_row_over_different_contacts() {
    let mut store = Store::open_in_memory().unwrap();
    let cfg = Assets::builtin().aftercare;
    let (plan, first, second) = two_scheduled(&mut store);
    // Not reached at the first contact, then at the second: two in a row, no flag.
    let r1 = store
        .record_check_in(first.id, &not_reached(date(2026, 12, 2)), &cfg)
        .unwrap();
    let r2 = store
        .record_check_in(second.id, &not_reached(second.planned_on), &cfg)
        .unwrap();
    assert!(!r1.flagged && !r2.flagged);
    // The third in a row is the first contact's retry (its second try): flagged.
    let (retry, on) = r1.retry.unwrap();
    let on = on.max(second.planned_on);
    let r3 = store
        .record_check_in(retry, &not_reached(on), &cfg)
        .unwrap();
    assert!(r3.flagged, "three failures in a row over two contacts");
    assert!(store.aftercare_plan_by_id(plan).unwrap().unwrap().flagged);
}

#[test]
fn a_reached_contact_clears_the_flag_and_closes_the_open_retries() {
    let mut store = Store::open_in_memory().unwrap();
    let cfg = Assets::builtin().aftercare;
    let (plan, first, second) = two_scheduled(&mut store);
    let r1 = store
        .record_check_in(first.id, &not_reached(date(2026, 12, 2)), &cfg)
        .unwrap();
    let r2 = store
        .record_check_in(second.id, &not_reached(second.planned_on), &cfg)
        .unwrap();
    let ((retry1, on1), (retry2, _)) = (r1.retry.unwrap(), r2.retry.unwrap());
    // Reached at the first contact's retry: the second contact's retry is not needed.
    store
        .record_check_in(
            retry1,
            &CheckInInput::new(on1.max(second.planned_on), Channel::Phone, true),
            &cfg,
        )
        .unwrap();
    assert_eq!(
        store.contact(retry2).unwrap().unwrap().status,
        ContactStatus::Cancelled
    );
    assert!(
        !store
            .contacts(plan)
            .unwrap()
            .iter()
            .any(|c| c.kind == ContactKind::Retry && c.status == ContactStatus::Planned)
    );
    assert!(!store.aftercare_plan_by_id(plan).unwrap().unwrap().flagged);
}

fn answers(on: NaiveDate) -> CheckInInput {
    CheckInInput {
        how_is_work: "Goed, leuke collega's.".into(),
        running_into: "De huur is omhoog gegaan.".into(),
        can_i_help: "Hulp bij de post.".into(),
        still_working: Some(StillWorking::SameEmployer),
        hours_changed: Some(false),
        balance_ok: Some(false),
        referrals: vec![ReferralKind::FormHelp],
        risk: Some(Risk::Medium),
        risk_reason: "Schulden.".into(),
        ..CheckInInput::new(on, Channel::HomeVisit, true)
    }
}

#[test]
fn consent_is_respected() {
    let cfg = Assets::builtin().aftercare;
    for consent in [true, false] {
        let mut store = Store::open_in_memory().unwrap();
        let (_, plan) = exited(&mut store, AftercareMode::Active, consent);
        let first = store.contacts(plan).unwrap()[0].id;
        let r = store
            .record_check_in(first, &answers(date(2026, 12, 2)), &cfg)
            .unwrap();
        assert_eq!(r.content_saved, consent);
        assert!(r.suggest_debt_help, "not in balance and no debt help yet");
        let c = store.contact(first).unwrap().unwrap();
        assert_eq!(c.status, ContactStatus::Done);
        assert_eq!(
            (c.done_on, c.channel),
            (Some(date(2026, 12, 2)), Some(Channel::HomeVisit))
        );
        if consent {
            assert_eq!(c.running_into, "De huur is omhoog gegaan.");
            assert_eq!(c.referrals, vec![ReferralKind::FormHelp]);
            assert_eq!((c.risk, c.balance_ok), (Some(Risk::Medium), Some(false)));
        } else {
            assert!(
                c.how_is_work.is_empty() && c.running_into.is_empty() && c.can_i_help.is_empty()
            );
            assert!(c.referrals.is_empty() && c.risk.is_none() && c.risk_reason.is_empty());
            assert!(
                c.still_working.is_none() && c.balance_ok.is_none() && c.hours_changed.is_none()
            );
        }
    }
}

#[test]
fn the_check_in_answers_and_what_they_propose() {
    let mut store = Store::open_in_memory().unwrap();
    let cfg = Assets::builtin().aftercare;
    let (_, plan) = exited(&mut store, AftercareMode::Active, true);
    let all = store.contacts(plan).unwrap();
    let first = all[0].id;
    let mut a = answers(date(2026, 12, 2));
    a.risk_reason.clear();
    assert_eq!(
        invalid(store.record_check_in(first, &a, &cfg).unwrap_err()),
        "aftercare_rule.risk_reason"
    );
    let mut a = answers(date(2026, 12, 2));
    a.next_contact = Some(date(2026, 12, 2));
    assert_eq!(
        invalid(store.record_check_in(first, &a, &cfg).unwrap_err()),
        "aftercare_rule.next_not_after"
    );
    let a = CheckInInput::new(date(2026, 11, 1), Channel::Phone, true);
    assert_eq!(
        invalid(store.record_check_in(first, &a, &cfg).unwrap_err()),
        "aftercare_rule.before_plan"
    );
    // Debt help referred: nothing to suggest; an earlier next contact becomes an extra one.
    let mut a = answers(date(2026, 12, 2));
    a.referrals.push(ReferralKind::DebtHelp);
    a.next_contact = Some(date(2026, 12, 4));
    let r = store.record_check_in(first, &a, &cfg).unwrap();
    assert!(!r.suggest_debt_help && !r.propose_jobhunter);
    let (extra, on) = r.extra.unwrap();
    assert_eq!(on, date(2026, 12, 4));
    assert_eq!(
        store.contact(extra).unwrap().unwrap().kind,
        ContactKind::Extra
    );
    assert_eq!(
        invalid(store.record_check_in(first, &a, &cfg).unwrap_err()),
        "aftercare_rule.contact_not_planned"
    );
    // The contract-end contact: not renewed proposes a jobhunter.
    let ce = all.iter().find(|c| c.kind == ContractEnd).unwrap();
    let a = CheckInInput {
        contract_renewed: Some(false),
        ..CheckInInput::new(ce.planned_on, Channel::Phone, true)
    };
    let r = store.record_check_in(ce.id, &a, &cfg).unwrap();
    assert!(r.propose_jobhunter);
    assert_eq!(
        store.contact(ce.id).unwrap().unwrap().contract_renewed,
        Some(false)
    );
}

#[test]
fn the_plan_extends_to_twelve_months_once() {
    let mut store = Store::open_in_memory().unwrap();
    let cfg = Assets::builtin().aftercare;
    let (_, plan) = exited(&mut store, AftercareMode::Active, true);
    let before = contacts(&store, plan).len();
    let ext = store.extend_aftercare(plan, &cfg).unwrap();
    assert_eq!(ext.ends_on, date(2027, 12, 1));
    let p = store.aftercare_plan_by_id(plan).unwrap().unwrap();
    assert_eq!((p.ends_on, p.extended), (date(2027, 12, 1), true));
    let all = contacts(&store, plan);
    assert_eq!(all.len(), before + 6);
    let tail: Vec<_> = all.iter().rev().take(7).map(|c| (c.0, c.1)).collect();
    assert_eq!(
        tail,
        vec![
            (date(2027, 12, 1), Closing),
            (date(2027, 11, 1), Scheduled),
            (date(2027, 10, 1), Scheduled),
            (date(2027, 9, 1), Scheduled),
            (date(2027, 8, 2), Scheduled), // 1 August 2027 is a Sunday
            (date(2027, 7, 1), Scheduled),
            (date(2027, 6, 1), Scheduled),
        ]
    );
    assert_eq!(
        invalid(store.extend_aftercare(plan, &cfg).unwrap_err()),
        "aftercare_rule.already_extended"
    );
}

/// A twelve-month temporary contract (until 30 November 2027) in the worked example.
fn twelve_month_contract(store: &mut Store, mode: AftercareMode) -> (i64, i64) {
    let (cid, _, mut input) = worked_example(store);
    input.aftercare = mode;
    input.work.as_mut().unwrap().contract_end = Some(date(2027, 11, 30));
    let saved = store.record_exit(&input, &Assets::builtin()).unwrap();
    (cid, saved.plan_id.unwrap())
}

#[test]
fn an_event_after_the_plan_keeps_it_open_until_it_is_held() {
    for mode in [AftercareMode::Active, AftercareMode::Passive] {
        let mut store = Store::open_in_memory().unwrap();
        let cfg = Assets::builtin().aftercare;
        let (cid, plan) = twelve_month_contract(&mut store, mode);
        let all = store.contacts(plan).unwrap();
        // Two weeks before the end: Tuesday 16 November 2027, after the closing contact.
        let event = all.iter().find(|c| c.kind == ContractEnd).unwrap().clone();
        assert_eq!(event.planned_on, date(2027, 11, 16), "{mode:?}");
        let closing = all.iter().find(|c| c.kind == Closing).unwrap().clone();
        assert_eq!(closing.planned_on, date(2027, 6, 1));
        // The agenda shows it, a year ahead.
        assert!(
            store
                .open_items_of(cid)
                .unwrap()
                .iter()
                .any(|i| i.due == date(2027, 11, 16)),
            "{mode:?}"
        );
        // The closing contact held: the plan stays open for the event.
        let out = store
            .record_check_in(closing.id, &answers(date(2027, 6, 1)), &cfg)
            .unwrap();
        assert!(!out.plan_completed, "{mode:?}");
        assert_eq!(out.open_for_event, Some(date(2027, 11, 16)));
        assert_eq!(store.phase(cid).unwrap(), Phase::Aftercare);
        let left: Vec<_> = contacts(&store, plan)
            .into_iter()
            .filter(|c| c.2 == ContactStatus::Planned)
            .map(|c| (c.0, c.1))
            .collect();
        assert_eq!(left, vec![(date(2027, 11, 16), ContractEnd)], "{mode:?}");
        // Not reached at the event: it is tried again as the same event.
        let r = store
            .record_check_in(event.id, &not_reached(date(2027, 11, 16)), &cfg)
            .unwrap();
        let (retry, on) = r.retry.unwrap();
        assert_eq!(store.contact(retry).unwrap().unwrap().kind, ContractEnd);
        assert_eq!(store.phase(cid).unwrap(), Phase::Aftercare);
        // Reached: now the plan is completed.
        let done = store.record_check_in(retry, &answers(on), &cfg).unwrap();
        assert!(done.plan_completed, "{mode:?}");
        assert_eq!(store.phase(cid).unwrap(), Phase::Closed);
        let p = store.aftercare_plan_by_id(plan).unwrap().unwrap();
        assert_eq!((p.status, p.ended_on), (PlanStatus::Completed, Some(on)));
    }
}

#[test]
fn a_study_end_after_the_plan_gets_its_contact() {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, _, mut input) = worked_example(&mut store);
    // A study exit is for clients under 27.
    let mut person = store.client(cid).unwrap().unwrap().person;
    person.birth_date = Some(date(2005, 5, 17));
    store.write(|tx| tx.update_client(cid, &person)).unwrap();
    input.reason = ExitReason::Study;
    input.work = None;
    input.study_end = Some(date(2027, 7, 9));
    input.premium = None;
    let plan = store
        .record_exit(&input, &Assets::builtin())
        .unwrap()
        .plan_id
        .unwrap();
    let all = contacts(&store, plan);
    assert_eq!(
        all.last().map(|c| (c.0, c.1)),
        Some((date(2027, 7, 9), ContactKind::StudyEnd))
    );
    assert!(
        store
            .open_items_of(cid)
            .unwrap()
            .iter()
            .any(|i| i.due == date(2027, 7, 9))
    );
}

#[test]
fn aftercare_ends_early_with_a_reason() {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, plan) = exited(&mut store, AftercareMode::Active, true);
    let err = store
        .end_aftercare(plan, AftercareEndReason::Moved, date(2026, 11, 1))
        .unwrap_err();
    assert_eq!(invalid(err), "aftercare_rule.end_before_start");
    store
        .end_aftercare(plan, AftercareEndReason::ClientWish, date(2027, 1, 12))
        .unwrap();
    let p = store.aftercare_plan_by_id(plan).unwrap().unwrap();
    assert_eq!(p.status, PlanStatus::Ended);
    assert_eq!(
        (p.end_reason, p.ended_on),
        (
            Some(AftercareEndReason::ClientWish),
            Some(date(2027, 1, 12))
        )
    );
    assert!(
        contacts(&store, plan)
            .iter()
            .all(|c| c.2 == ContactStatus::Cancelled)
    );
    assert_eq!(store.phase(cid).unwrap(), Phase::Closed);
    let kinds: Vec<_> = store
        .open_items_of(cid)
        .unwrap()
        .iter()
        .map(|i| i.kind)
        .collect();
    assert!(
        kinds
            .iter()
            .all(|k| *k == caseload::domain::agenda::ItemKind::Premium),
        "{kinds:?}"
    );
    let err = store
        .end_aftercare(plan, AftercareEndReason::Moved, date(2027, 1, 13))
        .unwrap_err();
    assert_eq!(invalid(err), "aftercare_rule.plan_not_active");
    let cfg = Assets::builtin().aftercare;
    let err = store.extend_aftercare(plan, &cfg).unwrap_err();
    assert_eq!(invalid(err), "aftercare_rule.plan_not_active");
}

#[test]
fn a_check_ins_outcome_is_corrected_again_and_after_an_undo() {
    let mut store = Store::open_in_memory().unwrap();
    store.log_changes().unwrap();
    let cfg = Assets::builtin().aftercare;
    let (_, first, _) = two_scheduled(&mut store);
    let on = first.planned_on;
    let reached = CheckInInput::new(on, Channel::Phone, true);
    let status = |store: &Store| store.contact(first.id).unwrap().unwrap().status;
    store
        .record_check_in(first.id, &not_reached(on), &cfg)
        .unwrap();
    store
        .write(|tx| tx.correct_check_in(first.id, &reached, &cfg))
        .unwrap();
    assert_eq!(status(&store), ContactStatus::Done);
    // Back to not reached: a second correction of the outcome.
    store
        .write(|tx| tx.correct_check_in(first.id, &not_reached(on), &cfg))
        .unwrap();
    assert_eq!(status(&store), ContactStatus::NotReached);
    // Undone, then corrected again.
    let set = store.last_change().unwrap();
    store.undo(set).unwrap();
    assert_eq!(status(&store), ContactStatus::Done);
    store
        .write(|tx| tx.correct_check_in(first.id, &not_reached(on), &cfg))
        .unwrap();
    assert_eq!(status(&store), ContactStatus::NotReached);
    // One new try open, never two.
    let plan = store.contact(first.id).unwrap().unwrap().plan_id;
    let open = store
        .contacts(plan)
        .unwrap()
        .iter()
        .filter(|c| c.kind == ContactKind::Retry && c.status == ContactStatus::Planned)
        .count();
    assert_eq!(open, 1);
}

#[test]
fn after_the_closing_is_held_the_plan_is_not_extended_and_a_correction_can_complete_it() {
    let mut store = Store::open_in_memory().unwrap();
    let cfg = Assets::builtin().aftercare;
    let (cid, plan) = twelve_month_contract(&mut store, AftercareMode::Active);
    let closing = store
        .contacts(plan)
        .unwrap()
        .into_iter()
        .find(|c| c.kind == Closing)
        .unwrap();
    store
        .record_check_in(closing.id, &answers(date(2027, 6, 1)), &cfg)
        .unwrap();
    assert_eq!(
        invalid(store.extend_aftercare(plan, &cfg).unwrap_err()),
        "aftercare_rule.extend_after_closing"
    );
    // The exit corrected to a permanent job: no event is left, so the plan completes on
    // the day the closing contact was held.
    let (_, _, mut input) = worked_example(&mut Store::open_in_memory().unwrap());
    input.client_id = cid;
    let work = input.work.as_mut().unwrap();
    work.contract_type = Some(ContractType::Permanent);
    work.contract_end = None;
    let ep = store.latest_episode(cid).unwrap().unwrap().id;
    store
        .write(|tx| tx.correct_exit(ep, &input, &Assets::builtin()).map(|_| ()))
        .unwrap();
    let p = store.aftercare_plan_by_id(plan).unwrap().unwrap();
    assert_eq!(
        (p.status, p.ended_on),
        (PlanStatus::Completed, Some(date(2027, 6, 1)))
    );
    assert_eq!(store.phase(cid).unwrap(), Phase::Closed);
}

#[test]
fn an_event_beyond_the_horizon_gets_no_contact() {
    let mut store = Store::open_in_memory().unwrap();
    let (_, _, mut input) = worked_example(&mut store);
    // A contract of three years: its end is past the 24 months events are planned for.
    input.work.as_mut().unwrap().contract_end = Some(date(2029, 11, 30));
    let plan = store
        .record_exit(&input, &Assets::builtin())
        .unwrap()
        .plan_id
        .unwrap();
    assert!(!contacts(&store, plan).iter().any(|c| c.1 == ContractEnd));
}
