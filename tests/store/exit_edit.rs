//! Correcting and withdrawing a saved exit in the store: the rules a correction keeps
//! (payments and check-ins kept, never before the exit; a paid premium stays), nothing
//! written when refused, the report following a corrected date, and withdrawal's refusals.

use crate::exit_support::{date, started_events, worked_example};
use crate::premium_support::assert_sound;
use caseload::assets::Assets;
use caseload::domain::codes::*;
use caseload::domain::exit::ExitInput;
use caseload::domain::model::Id;
use caseload::i18n::Lang;
use caseload::store::{Store, StoreError};

/// Anna's exit of the worked example on 1 October 2026, saved; returns the input too.
fn left() -> (Store, Id, ExitInput) {
    let mut store = Store::open_in_memory().unwrap();
    let (_, jobhunter, mut input) = worked_example(&mut store);
    started_events(&mut store, jobhunter, date(2026, 6, 1));
    input.held_on = date(2026, 10, 1);
    input.exit_date = date(2026, 10, 1);
    input.last_payment_date = None;
    input.work.as_mut().unwrap().first_work_day = Some(date(2026, 10, 1));
    let ep = store
        .record_exit(&input, &Assets::builtin())
        .unwrap()
        .episode_id;
    (store, ep, input)
}

fn correct(store: &mut Store, ep: Id, input: &ExitInput) -> Result<(), StoreError> {
    store
        .write(|tx| tx.correct_exit(ep, input, &Assets::builtin()))
        .map(|_| ())
}

/// The rule a refused save names.
fn refused(r: Result<(), StoreError>) -> &'static str {
    match r {
        Err(StoreError::Invalid(key)) => key,
        other => panic!("not refused by a rule: {other:?}"),
    }
}

/// The exits the report counts in a year.
fn exits_in(store: &Store, year: i32) -> u64 {
    crate::common::exits_counted(
        store,
        date(year, 1, 1),
        date(year, 12, 31),
        date(2026, 11, 23),
    )
}

#[test]
fn a_correction_that_would_break_a_rule_is_refused_and_writes_nothing() {
    let (mut store, ep, input) = left();
    let plan = store.aftercare_plan(ep).unwrap().unwrap();
    let first = store.contacts(plan.id).unwrap()[0].clone();
    let inst = store.instalments(ep).unwrap();
    store
        .write(|tx| {
            tx.pay_instalment(inst[0].id, date(2026, 10, 5))?;
            tx.update_contact(&caseload::domain::model::AftercareContact {
                status: ContactStatus::Done,
                done_on: Some(first.planned_on),
                channel: Some(Channel::Phone),
                how_is_work: "Goed.".into(),
                ..first.clone()
            })
        })
        .unwrap();
    let before = store.dump().unwrap();
    let mut later = input.clone();
    later.exit_date = date(2026, 10, 7);
    later.work.as_mut().unwrap().first_work_day = Some(date(2026, 10, 7));
    assert_eq!(
        refused(correct(&mut store, ep, &later)),
        "exit_edit.paid_before_exit"
    );
    let mut no_premium = input.clone();
    no_premium.premium = None;
    assert_eq!(
        refused(correct(&mut store, ep, &no_premium)),
        "exit_edit.premium_paid"
    );
    let mut declined = input.clone();
    declined.aftercare = AftercareMode::Declined;
    declined.consent = false;
    assert_eq!(
        refused(correct(&mut store, ep, &declined)),
        "exit_edit.contacts_held"
    );
    let mut no_consent = input.clone();
    no_consent.consent = false;
    assert_eq!(
        refused(correct(&mut store, ep, &no_consent)),
        "edge.answers_without_consent"
    );
    let mut before_start = input.clone();
    before_start.exit_date = date(2024, 3, 1);
    assert!(correct(&mut store, ep, &before_start).is_err());
    assert_eq!(store.dump().unwrap(), before);
    // The same exit as saved is a correction that keeps everything.
    correct(&mut store, ep, &input).unwrap();
    assert_eq!(
        store.instalments(ep).unwrap()[0].paid_on,
        Some(date(2026, 10, 5))
    );
    assert_eq!(
        store.contacts(plan.id).unwrap()[0].status,
        ContactStatus::Done
    );
    assert_sound(&store);
}

#[test]
fn declined_aftercare_removes_the_plan_and_offered_again_plans_it_anew() {
    let (mut store, ep, input) = left();
    let mut declined = input.clone();
    declined.aftercare = AftercareMode::Declined;
    declined.consent = false;
    correct(&mut store, ep, &declined).unwrap();
    assert_eq!(store.aftercare_plan(ep).unwrap(), None);
    assert_sound(&store);
    correct(&mut store, ep, &input).unwrap();
    let plan = store.aftercare_plan(ep).unwrap().unwrap();
    assert_eq!(plan.mode, AftercareMode::Active);
    assert!(!store.contacts(plan.id).unwrap().is_empty());
    assert_sound(&store);
}

#[test]
fn a_corrected_exit_date_moves_the_exit_to_its_year_in_the_report() {
    let (mut store, ep, input) = left();
    assert_eq!((exits_in(&store, 2025), exits_in(&store, 2026)), (0, 1));
    let mut earlier = input.clone();
    earlier.exit_date = date(2025, 12, 15);
    earlier.held_on = date(2025, 12, 15);
    earlier.work.as_mut().unwrap().first_work_day = Some(date(2025, 12, 15));
    // The jobhunter started in 2026: it cannot have found a job of 2025.
    assert_eq!(
        refused(correct(&mut store, ep, &earlier)),
        "edge.found_via_after_exit"
    );
    earlier.work.as_mut().unwrap().found_via = Some(caseload::domain::exit::JobSource::OwnEffort);
    // Still more than 24 months on benefit? No: from 1 April 2024 that is 20 months.
    assert_eq!(
        refused(correct(&mut store, ep, &earlier)),
        "exit_rule.premium_not_eligible"
    );
    earlier.premium = None;
    correct(&mut store, ep, &earlier).unwrap();
    assert_eq!((exits_in(&store, 2025), exits_in(&store, 2026)), (1, 0));
    assert!(store.instalments(ep).unwrap().is_empty());
    assert_sound(&store);
}

#[test]
fn withdrawal_is_refused_without_an_exit_after_a_payment_and_before_a_later_period() {
    let (mut store, ep, _) = left();
    let cid = store.episode(ep).unwrap().unwrap().client_id;
    let inst = store.instalments(ep).unwrap();
    store
        .write(|tx| tx.pay_instalment(inst[0].id, date(2026, 10, 5)))
        .unwrap();
    let r = store.write(|tx| tx.withdraw_exit(ep, "vergissing"));
    assert_eq!(refused(r), "exit_withdraw.paid");
    store.take_back_instalment(inst[0].id).unwrap();
    store.re_enter(cid, date(2026, 11, 2)).unwrap();
    let r = store.write(|tx| tx.withdraw_exit(ep, "vergissing"));
    assert_eq!(refused(r), "exit_edit.later_period");
    let open = store.latest_episode(cid).unwrap().unwrap().id;
    let r = store.write(|tx| tx.withdraw_exit(open, "vergissing"));
    assert_eq!(refused(r), "exit_edit.no_exit");
    assert_sound(&store);
}

#[test]
fn a_trajectory_begun_during_aftercare_keeps_running_through_a_correction_and_a_withdrawal() {
    let (mut store, ep, input) = left();
    let cat = Assets::builtin().catalog;
    let jobhunter = caseload::domain::trajectory::Assignment::for_instrument(
        cat.get("jobhunter").unwrap(),
        Lang::En,
        date(2026, 11, 2),
        Some(date(2026, 11, 2)),
    );
    let id = store.assign_trajectory(ep, &jobhunter).unwrap();
    // Not the exit's: not closed, nor how the job was found.
    let ctx = store.exit_edit_context(ep).unwrap();
    assert!(ctx.trajectories.iter().all(|t| t.id != id));
    let mut later = input.clone();
    later.exit_date = date(2026, 10, 3);
    later.held_on = date(2026, 10, 3);
    later.work.as_mut().unwrap().first_work_day = Some(date(2026, 10, 3));
    correct(&mut store, ep, &later).unwrap();
    let running = |s: &Store| s.trajectory(id).unwrap().unwrap().status;
    assert_eq!(running(&store), TrajectoryStatus::Started);
    assert_sound(&store);
    store
        .write(|tx| tx.withdraw_exit(ep, "vergissing"))
        .unwrap();
    assert_eq!(running(&store), TrajectoryStatus::Started);
    assert_sound(&store);
}

#[test]
fn a_correction_keeps_the_new_tries_and_the_next_contacts_a_check_in_asked_for() {
    use caseload::domain::checkin::CheckInInput;
    let (mut store, ep, input) = left();
    let cfg = Assets::builtin().aftercare;
    let plan = store.aftercare_plan(ep).unwrap().unwrap();
    let cs = store.contacts(plan.id).unwrap();
    let (first, second) = (cs[0].clone(), cs[1].clone());
    let mut reached = CheckInInput::new(first.planned_on, Channel::Phone, true);
    reached.next_contact = Some(second.planned_on + chrono::Days::new(20));
    let (extra, _) = store
        .record_check_in(first.id, &reached, &cfg)
        .unwrap()
        .extra
        .unwrap();
    let not_reached = CheckInInput::new(second.planned_on, Channel::Phone, false);
    let (retry, _) = store
        .record_check_in(second.id, &not_reached, &cfg)
        .unwrap()
        .retry
        .unwrap();
    let mut fixed = input.clone();
    fixed.work.as_mut().unwrap().job_title = "Verkoper".into();
    correct(&mut store, ep, &fixed).unwrap();
    for id in [extra, retry] {
        let c = store.contact(id).unwrap().expect("kept by the correction");
        assert_eq!(c.status, ContactStatus::Planned);
    }
}

#[test]
fn a_trajectory_stopped_by_hand_with_the_word_exit_is_not_reopened_by_a_withdrawal() {
    use caseload::domain::trajectory::StatusChange;
    let mut store = Store::open_in_memory().unwrap();
    let (_, _, input) = crate::exit_support::worked_example(&mut store);
    let ep = store.latest_episode(input.client_id).unwrap().unwrap().id;
    let other = crate::exit_support::trajectory(
        &mut store,
        ep,
        "education",
        TrajectoryStatus::Started,
        date(2026, 3, 1),
    );
    crate::exit_support::started_events(&mut store, other, date(2026, 3, 1));
    store
        .change_trajectory_status(other, &StatusChange::stop(date(2026, 9, 1), "exit"))
        .unwrap();
    let ep = store
        .record_exit(&input, &Assets::builtin())
        .unwrap()
        .episode_id;
    store
        .write(|tx| tx.withdraw_exit(ep, "recorded on the wrong client"))
        .unwrap();
    let t = store.trajectory(other).unwrap().unwrap();
    assert_eq!(
        (t.status, t.ended_on),
        (TrajectoryStatus::Stopped, Some(date(2026, 9, 1)))
    );
}
