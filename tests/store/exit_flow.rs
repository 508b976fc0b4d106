//! The exit: each reason category, the rules on the input, the one-transaction save, the
//! trajectories it closes, the premium's instalments, the letter, and re-entry.

use crate::exit_support;

use caseload::assets::Assets;
use caseload::domain::Phase;
use caseload::domain::codes::*;
use caseload::domain::exit::{JobSource, closings};
use caseload::store::{Store, StoreError};
use exit_support::*;

fn invalid(e: StoreError) -> &'static str {
    match e {
        StoreError::Invalid(k) => k,
        other => panic!("expected a refused rule, got {other}"),
    }
}

#[test]
fn the_worked_example_is_saved_in_one_go() {
    let mut store = Store::open_in_memory().unwrap();
    let assets = Assets::builtin();
    let (cid, jobhunter, input) = worked_example(&mut store);
    let ep = store.latest_episode(cid).unwrap().unwrap();
    // The form's preview: the jobhunter found the job and completes with result work.
    let preview = store.exit_closings(cid, Some(jobhunter)).unwrap();
    assert_eq!(preview.len(), 1);
    assert_eq!(preview[0].becomes, TrajectoryStatus::Completed);
    let saved = store.record_exit(&input, &assets).unwrap();
    assert_eq!(saved.closed, vec![(jobhunter, TrajectoryStatus::Completed)]);
    let e = store.episode(ep.id).unwrap().unwrap();
    assert_eq!(e.exit_date, Some(date(2026, 11, 30)));
    assert_eq!(e.last_payment_date, Some(date(2026, 12, 23)));
    assert_eq!(e.exit_reason, Some(ExitReason::WorkEmployment));
    let x = store.exit_interview(ep.id).unwrap().unwrap();
    assert_eq!(x.checklist.len(), 10);
    assert_eq!(x.checklist.iter().filter(|c| c.discussed).count(), 9);
    assert_eq!(x.found_via, Some(FoundVia::Trajectory));
    assert_eq!(x.found_via_trajectory_id, Some(jobhunter));
    assert!(x.premium_granted && x.aftercare_consent);
    let t = store.trajectory(jobhunter).unwrap().unwrap();
    assert_eq!(t.result, Some(TrajectoryResult::Work));
    assert_eq!(t.ended_on, Some(date(2026, 11, 30)));
    // Instalments: €500 at the exit and €500 six months later.
    let inst = store.instalments(ep.id).unwrap();
    let due: Vec<_> = inst
        .iter()
        .map(|i| (i.seq, i.due_on, i.amount_cents))
        .collect();
    assert_eq!(
        due,
        vec![
            (1, date(2026, 11, 30), 50_000),
            (2, date(2027, 5, 30), 50_000)
        ]
    );
    // The plan from the first working day, with the contract-end and premium contacts.
    let plan = store.aftercare_plan(ep.id).unwrap().unwrap();
    assert_eq!(
        (plan.starts_on, plan.ends_on),
        (date(2026, 11, 30), date(2027, 6, 1))
    );
    assert_eq!(plan.mode, AftercareMode::Active);
    assert!(plan.consent);
    let contacts: Vec<_> = store
        .contacts(plan.id)
        .unwrap()
        .iter()
        .map(|c| (c.planned_on, c.kind))
        .collect();
    assert_eq!(
        contacts,
        vec![
            (date(2026, 12, 2), ContactKind::Scheduled),
            (date(2026, 12, 8), ContactKind::Scheduled),
            (date(2026, 12, 15), ContactKind::Scheduled),
            (date(2026, 12, 29), ContactKind::Scheduled),
            (date(2027, 3, 1), ContactKind::Scheduled),
            // Whit Monday and a Sunday: the next working days.
            (date(2027, 5, 18), ContactKind::ContractEnd),
            (date(2027, 5, 31), ContactKind::Premium),
            (date(2027, 6, 1), ContactKind::Closing),
        ]
    );
    assert_eq!(store.phase(cid).unwrap(), Phase::Aftercare);
    // The instalments and the first check-in are in view.
    let items = store.open_items_of(cid).unwrap();
    assert_eq!(items[0].kind, caseload::domain::agenda::ItemKind::Premium);
    assert_eq!(items[1].due, date(2026, 12, 2));
    // A second exit of the same episode is refused.
    assert_eq!(
        invalid(store.record_exit(&input, &assets).unwrap_err()),
        "exit_rule.no_open_episode"
    );
    assert!(store.sqlite_problems().unwrap().is_empty());
}

#[test]
fn each_reason_category_and_excluded_reasons_never_count() {
    let assets = Assets::builtin();
    for (n, reason) in ExitReason::all().iter().enumerate() {
        let mut store = Store::open_in_memory().unwrap();
        let (cid, ep) = client_on_benefit(
            &mut store,
            n as u32 + 10,
            "Piet",
            "",
            "Jansen",
            date(2025, 1, 6),
        );
        if *reason == ExitReason::Study {
            // Study finance is for clients under 27.
            let mut c = store.client(cid).unwrap().unwrap();
            c.person.birth_date = Some(date(2003, 1, 1));
            store.write(|tx| tx.update_client(cid, &c.person)).unwrap();
        }
        let mut input = plain_exit(cid, *reason, date(2026, 11, 2));
        let category = reason.category();
        if category == ExitCategory::Work && *reason != ExitReason::WorkPartnerIncome {
            let mut w = permanent_job();
            if *reason == ExitReason::WorkSelfEmployed {
                w.contract_type = Some(ContractType::SelfEmployed);
            }
            input.work = Some(w);
        }
        input.aftercare = AftercareMode::Active;
        input.consent = true;
        let offered = matches!(category, ExitCategory::Work | ExitCategory::Study);
        assert_eq!(
            offered,
            reason.counts_as_exit() && category != ExitCategory::Other,
            "{reason:?}"
        );
        if !offered {
            // Aftercare is for exits to work or study; excluded reasons never count.
            let err = store.record_exit(&input, &assets).unwrap_err();
            assert_eq!(
                invalid(err),
                "exit_rule.aftercare_not_offered",
                "{reason:?}"
            );
            input.aftercare = AftercareMode::Declined;
        }
        let saved = store.record_exit(&input, &assets).unwrap();
        assert_eq!(saved.plan_id.is_some(), offered, "{reason:?}");
        let phase = store.phase(cid).unwrap();
        assert_eq!(
            phase,
            if offered {
                Phase::Aftercare
            } else {
                Phase::Closed
            },
            "{reason:?}"
        );
        assert_eq!(
            store.episode(ep).unwrap().unwrap().exit_reason,
            Some(*reason)
        );
        // No letter for an excluded reason; every counted exit gets one.
        let letter = store.letter_facts(cid, date(2026, 11, 23), &assets.premium);
        match reason.counts_as_exit() {
            true => assert!(letter.is_ok(), "{reason:?}"),
            false => assert_eq!(invalid(letter.unwrap_err()), "exit_letter.not_for_reason"),
        }
    }
}

#[test]
fn declined_aftercare_closes_the_client_and_stays_countable() {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, ep) = client_on_benefit(&mut store, 2, "Sara", "", "Haddou", date(2025, 3, 1));
    let mut input = plain_exit(cid, ExitReason::WorkEmployment, date(2026, 11, 2));
    input.work = Some(permanent_job());
    input.consent = true;
    let saved = store.record_exit(&input, &Assets::builtin()).unwrap();
    assert_eq!(saved.plan_id, None);
    assert_eq!(store.phase(cid).unwrap(), Phase::Closed);
    let x = store.exit_interview(ep).unwrap().unwrap();
    assert_eq!(x.aftercare_offer, AftercareMode::Declined);
    assert!(
        !x.aftercare_consent,
        "consent means nothing without aftercare"
    );
}

#[test]
fn the_rules_on_the_input() {
    let mut store = Store::open_in_memory().unwrap();
    let assets = Assets::builtin();
    let (cid, ep) = client_on_benefit(&mut store, 3, "Kees", "", "Brink", date(2025, 3, 1));
    let other = client_on_benefit(&mut store, 4, "Lia", "", "Smit", date(2025, 3, 1)).1;
    let foreign = trajectory(
        &mut store,
        other,
        "jobhunter",
        TrajectoryStatus::Started,
        date(2025, 4, 1),
    );
    let base = || {
        let mut i = plain_exit(cid, ExitReason::WorkEmployment, date(2026, 11, 2));
        i.work = Some(permanent_job());
        i
    };
    let check =
        |store: &mut Store, f: &dyn Fn(&mut caseload::domain::exit::ExitInput), key: &str| {
            let mut i = base();
            f(&mut i);
            assert_eq!(invalid(store.record_exit(&i, &assets).unwrap_err()), key);
        };
    for t in [
        ContractType::Temporary,
        ContractType::Agency,
        ContractType::OnCall,
    ] {
        check(
            &mut store,
            &|i| i.work.as_mut().unwrap().contract_type = Some(t),
            "exit_rule.contract_end_required",
        );
    }
    check(
        &mut store,
        &|i| i.exit_date = date(2025, 2, 28),
        "exit_rule.exit_before_start",
    );
    check(
        &mut store,
        &|i| i.work.as_mut().unwrap().contract_end = Some(date(2027, 1, 1)),
        "exit_rule.contract_end_not_allowed",
    );
    check(
        &mut store,
        &|i| {
            let w = i.work.as_mut().unwrap();
            w.contract_type = Some(ContractType::Temporary);
            w.contract_end = Some(date(2026, 10, 1));
        },
        "exit_rule.contract_end_before_exit",
    );
    check(
        &mut store,
        &|i| i.work.as_mut().unwrap().contract_type = None,
        "exit_rule.contract_type_required",
    );
    check(
        &mut store,
        &|i| i.work = None,
        "exit_rule.contract_type_required",
    );
    check(
        &mut store,
        &|i| i.reason = ExitReason::OtherMoved,
        "exit_rule.work_not_work_reason",
    );
    check(
        &mut store,
        &|i| i.reason = ExitReason::WorkSelfEmployed,
        "exit_rule.self_employed_mismatch",
    );
    check(
        &mut store,
        &|i| {
            i.work.as_mut().unwrap().hours_per_week = Some(caseload::domain::hours::Hours::whole(0))
        },
        "exit_rule.hours_range",
    );
    check(
        &mut store,
        &|i| i.work.as_mut().unwrap().found_via = Some(JobSource::Trajectory(foreign)),
        "exit_rule.found_via_unknown",
    );
    check(
        &mut store,
        &|i| i.study_end = Some(date(2028, 7, 1)),
        "exit_rule.study_end_not_study",
    );
    check(
        &mut store,
        &|i| i.checklist[1].item = "congratulate".into(),
        "exit_rule.checklist_item",
    );
    check(
        &mut store,
        &|i| i.premium = Some("golden".into()),
        "exit_rule.premium_unknown",
    );
    // 20 months on benefit: the two-instalment scheme needs more than 24.
    check(
        &mut store,
        &|i| i.premium = Some("two_instalments".into()),
        "exit_rule.premium_not_eligible",
    );
    // Nothing was written by the refused saves.
    assert!(
        store
            .latest_episode(cid)
            .unwrap()
            .unwrap()
            .exit_date
            .is_none()
    );
    assert!(store.exit_interview(ep).unwrap().is_none());
    // With the end date a temporary contract is fine; a study exit may have its end date.
    let mut i = base();
    i.work.as_mut().unwrap().contract_type = Some(ContractType::Agency);
    i.work.as_mut().unwrap().contract_end = Some(date(2027, 5, 1));
    store.record_exit(&i, &assets).unwrap();
}

#[test]
fn open_trajectories_are_stopped_with_reason_exit() {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, ep) = client_on_benefit(&mut store, 5, "Ali", "", "Yilmaz", date(2024, 1, 8));
    let done = trajectory(
        &mut store,
        ep,
        "empowerment",
        TrajectoryStatus::Completed,
        date(2024, 3, 1),
    );
    let referred = trajectory(
        &mut store,
        ep,
        "language_work",
        TrajectoryStatus::Referred,
        date(2026, 9, 1),
    );
    let started = trajectory(
        &mut store,
        ep,
        "work_experience",
        TrajectoryStatus::Started,
        date(2026, 5, 1),
    );
    let ctx = store.exit_context(cid).unwrap().unwrap();
    let preview: Vec<_> = closings(&ctx.trajectories, None)
        .iter()
        .map(|c| (c.trajectory.id, c.becomes))
        .collect();
    assert_eq!(
        preview,
        vec![
            (started, TrajectoryStatus::Stopped),
            (referred, TrajectoryStatus::Stopped)
        ]
    );
    let mut input = plain_exit(cid, ExitReason::WorkEmployment, date(2026, 11, 2));
    input.work = Some(permanent_job());
    let saved = store.record_exit(&input, &Assets::builtin()).unwrap();
    assert_eq!(saved.closed, preview);
    for id in [referred, started] {
        let t = store.trajectory(id).unwrap().unwrap();
        assert_eq!(t.status, TrajectoryStatus::Stopped);
        assert_eq!(t.stop_reason.as_deref(), Some("exit"));
        assert_eq!(t.ended_on, Some(date(2026, 11, 2)));
        let last = store.trajectory_events(id).unwrap().pop().unwrap();
        assert_eq!(
            (last.status, last.note.as_str()),
            (TrajectoryStatus::Stopped, "exit")
        );
    }
    assert_eq!(
        store.trajectory(done).unwrap().unwrap().status,
        TrajectoryStatus::Completed
    );
    assert!(store.trajectory_events(done).unwrap().is_empty());
    // No review or trajectory end of this client is left in the agenda.
    assert!(store.open_items_of(cid).unwrap().is_empty());
    assert!(store.exit_context(cid).unwrap().is_none());
}

#[test]
fn a_failure_midway_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.db");
    let mut store = Store::open(&path).unwrap();
    let (cid, jobhunter, input) = worked_example(&mut store);
    let before = store.dump().unwrap();
    // The last write of the save (the plan's contacts) fails. The trigger is added while the
    // store is open: a file with a trigger caseload never makes is not opened at all.
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute_batch(
        "CREATE TRIGGER fail BEFORE INSERT ON aftercare_contact \
         BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;",
    )
    .unwrap();
    drop(c);
    let err = store.record_exit(&input, &Assets::builtin()).unwrap_err();
    assert!(err.to_string().contains("disk on fire"), "{err}");
    assert_eq!(store.dump().unwrap(), before);
    assert_eq!(store.phase(cid).unwrap(), Phase::Trajectory);
    let t = store.trajectory(jobhunter).unwrap().unwrap();
    assert_eq!(t.status, TrajectoryStatus::Started);
}

#[test]
fn a_trajectory_the_exit_names_as_how_the_job_was_found_cannot_be_voided() {
    let mut store = Store::open_in_memory().unwrap();
    let (_, jobhunter, input) = worked_example(&mut store);
    store.record_exit(&input, &Assets::builtin()).unwrap();
    let before = store.dump().unwrap();
    let err = store
        .write(|tx| tx.void_trajectory(jobhunter, "entered in error"))
        .unwrap_err();
    assert_eq!(invalid(err), "void.named_by_exit");
    assert_eq!(store.dump().unwrap(), before);
}
