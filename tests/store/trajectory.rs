//! Trajectories against the database: every legal and illegal status move, assignment
//! defaults, review scheduling (month ends, leap years), lock-in flags.

use crate::common;

use caseload::domain::Bsn;
use caseload::domain::catalog::Catalog;
use caseload::domain::codes::*;
use caseload::domain::lock_in::{LockIn, LockInFlags};
use caseload::domain::model::*;
use caseload::domain::trajectory::{
    Assignment, ReviewInput, StatusChange, TrajectoryError, check_move, legal_moves,
    planned_end_on_start,
};
use caseload::i18n::Lang;
use caseload::store::{Store, StoreError};
use common::{date, today};

/// A store with one client on benefit since 1 March 2026; returns (store, client, episode).
fn setup() -> (Store, Id, Id) {
    let mut store = Store::open_in_memory().unwrap();
    let (c, e) = store
        .write(|tx| {
            let c = tx.insert_client(&Person {
                bsn: Bsn::parse("111222333").unwrap(),
                first_name: "Anna".into(),
                prefix: String::new(),
                last_name: "Berg".into(),
                birth_date: None,
                phone: String::new(),
                email: String::new(),
                address: String::new(),
            })?;
            let e = tx.insert_episode(&Episode {
                id: 0,
                client_id: c,
                benefit_start: date(2026, 3, 1),
                benefit_type: BenefitType::Participatiewet,
                exit_date: None,
                last_payment_date: None,
                exit_reason: None,
                previous_episode_id: None,
            })?;
            Ok((c, e))
        })
        .unwrap();
    (store, c, e)
}

fn jobhunter(referred: chrono::NaiveDate, start: Option<chrono::NaiveDate>) -> Assignment {
    let cat = Catalog::builtin();
    Assignment::for_instrument(cat.get("jobhunter").unwrap(), Lang::Nl, referred, start)
}

fn refused(r: Result<impl std::fmt::Debug, StoreError>) -> TrajectoryError {
    match r {
        Err(StoreError::Trajectory(e)) => e,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// A trajectory brought to `status` through the store's own operations.
fn trajectory_in(store: &mut Store, ep: Id, status: TrajectoryStatus) -> Id {
    let id = store
        .assign_trajectory(ep, &jobhunter(date(2026, 4, 1), None))
        .unwrap();
    use TrajectoryStatus::*;
    let steps: &[StatusChange] = match status {
        Referred => &[],
        Started => &[StatusChange::start(date(2026, 4, 15))],
        Completed => &[
            StatusChange::start(date(2026, 4, 15)),
            StatusChange::complete(date(2026, 7, 1), TrajectoryResult::Work),
        ],
        Stopped => &[StatusChange::stop(date(2026, 4, 10), "Klant verhuisd")],
    };
    for s in steps {
        store.change_trajectory_status(id, s).unwrap();
    }
    id
}

/// A change to `to` with every detail it needs, on a date after every earlier one.
fn change_to(to: TrajectoryStatus) -> StatusChange {
    StatusChange {
        to,
        on: date(2026, 8, 1),
        result: Some(TrajectoryResult::Education),
        reason: "Past niet meer".into(),
        planned_end: Some(date(2026, 12, 1)),
    }
}

#[test]
fn every_legal_and_illegal_status_move() {
    use TrajectoryError::*;
    use TrajectoryStatus::*;
    let table: &[(TrajectoryStatus, TrajectoryStatus, Option<TrajectoryError>)] = &[
        (Referred, Referred, Some(Unchanged(Referred))),
        (Referred, Started, None),
        (Referred, Completed, Some(NotStarted)),
        (Referred, Stopped, None),
        (Started, Referred, Some(NoWayBack)),
        (Started, Started, Some(Unchanged(Started))),
        (Started, Completed, None),
        (Started, Stopped, None),
        (Completed, Referred, Some(Ended)),
        (Completed, Started, Some(Ended)),
        (Completed, Completed, Some(Ended)),
        (Completed, Stopped, Some(Ended)),
        (Stopped, Referred, Some(Ended)),
        (Stopped, Started, Some(Ended)),
        (Stopped, Completed, Some(Ended)),
        (Stopped, Stopped, Some(Ended)),
    ];
    assert_eq!(table.len(), 16);
    for &(from, to, want) in table {
        let (mut store, _, ep) = setup();
        let id = trajectory_in(&mut store, ep, from);
        assert_eq!(store.trajectory(id).unwrap().unwrap().status, from);
        assert_eq!(check_move(from, to).err(), want, "{from:?} → {to:?}");
        assert_eq!(legal_moves(from).contains(&to), want.is_none());
        let events_before = store.trajectory_events(id).unwrap().len();
        let dump = store.dump().unwrap();
        let res = store.change_trajectory_status(id, &change_to(to));
        match want {
            Some(e) => {
                assert_eq!(refused(res), e, "{from:?} → {to:?}");
                assert_eq!(store.dump().unwrap(), dump, "a refusal writes nothing");
            }
            None => {
                let t = res.unwrap();
                assert_eq!(store.trajectory(id).unwrap().unwrap(), t);
                assert_eq!(t.status, to);
                let events = store.trajectory_events(id).unwrap();
                assert_eq!(events.len(), events_before + 1);
                let last = events.last().unwrap();
                assert_eq!((last.status, last.on_date), (to, date(2026, 8, 1)));
                match to {
                    Started => {
                        assert_eq!(t.start_date, Some(date(2026, 8, 1)));
                        assert_eq!(t.planned_end, Some(date(2026, 12, 1)));
                        assert_eq!(t.next_review, Some(date(2026, 9, 1)));
                        assert_eq!(t.ended_on, None);
                    }
                    Completed => {
                        assert_eq!(t.result, Some(TrajectoryResult::Education));
                        assert_eq!(t.stop_reason, None);
                        assert_eq!(t.ended_on, Some(date(2026, 8, 1)));
                        assert_eq!(t.next_review, None);
                    }
                    Stopped => {
                        assert_eq!(t.stop_reason.as_deref(), Some("Past niet meer"));
                        assert_eq!(last.note, "Past niet meer");
                        assert_eq!(t.result, None);
                        assert_eq!(t.ended_on, Some(date(2026, 8, 1)));
                        assert_eq!(t.next_review, None);
                    }
                    Referred => unreachable!(),
                }
            }
        }
    }
}

#[test]
fn completing_needs_a_result_and_stopping_a_reason() {
    let (mut store, _, ep) = setup();
    let id = trajectory_in(&mut store, ep, TrajectoryStatus::Started);
    let dump = store.dump().unwrap();
    let mut c = StatusChange::complete(date(2026, 8, 1), TrajectoryResult::Work);
    c.result = None;
    assert_eq!(
        refused(store.change_trajectory_status(id, &c)),
        TrajectoryError::ResultRequired
    );
    for reason in ["", "   \n "] {
        assert_eq!(
            refused(
                store.change_trajectory_status(id, &StatusChange::stop(date(2026, 8, 1), reason))
            ),
            TrajectoryError::ReasonRequired
        );
    }
    assert_eq!(store.dump().unwrap(), dump);
    // A referral that never started can be stopped, with a reason, and is then ended.
    let id = trajectory_in(&mut store, ep, TrajectoryStatus::Referred);
    let t = store
        .change_trajectory_status(
            id,
            &StatusChange::stop(date(2026, 4, 2), "  Niet komen opdagen "),
        )
        .unwrap();
    assert_eq!(t.stop_reason.as_deref(), Some("Niet komen opdagen"));
    assert_eq!(t.start_date, None);
}

#[test]
fn dates_must_follow_the_referral_and_the_start() {
    let (mut store, _, ep) = setup();
    let id = trajectory_in(&mut store, ep, TrajectoryStatus::Referred);
    // Referred on 1 April 2026.
    assert_eq!(
        refused(store.change_trajectory_status(id, &StatusChange::start(date(2026, 3, 31)))),
        TrajectoryError::BeforeReferral
    );
    assert_eq!(
        refused(store.change_trajectory_status(id, &StatusChange::stop(date(2026, 3, 31), "x"))),
        TrajectoryError::BeforeReferral
    );
    // A planned end before the start is refused.
    let mut start = StatusChange::start(date(2026, 5, 1));
    start.planned_end = Some(date(2026, 4, 30));
    assert_eq!(
        refused(store.change_trajectory_status(id, &start)),
        TrajectoryError::PlannedEndBeforeStart
    );
    // The referral's own planned end (1 July) is kept when none is given.
    store
        .change_trajectory_status(id, &StatusChange::start(date(2026, 5, 1)))
        .unwrap();
    assert_eq!(
        store.trajectory(id).unwrap().unwrap().planned_end,
        Some(date(2026, 7, 1))
    );
    assert_eq!(
        refused(store.change_trajectory_status(
            id,
            &StatusChange::complete(date(2026, 4, 30), TrajectoryResult::Work)
        )),
        TrajectoryError::BeforeStart
    );
    // Ending on the start day itself is fine.
    store
        .change_trajectory_status(
            id,
            &StatusChange::complete(date(2026, 5, 1), TrajectoryResult::NoResult),
        )
        .unwrap();
    assert_eq!(
        refused(store.change_trajectory_status(9999, &StatusChange::start(today()))),
        TrajectoryError::NotFound
    );
}

#[test]
fn a_referral_that_waited_proposes_a_moved_planned_end() {
    let (mut store, _, ep) = setup();
    let id = trajectory_in(&mut store, ep, TrajectoryStatus::Referred);
    let t = store.trajectory(id).unwrap().unwrap();
    // Referred 1 April, planned end 1 July (three months); starting 15 May keeps the length.
    assert_eq!(t.planned_end, Some(date(2026, 7, 1)));
    let proposed = planned_end_on_start(&t, date(2026, 5, 15));
    assert_eq!(proposed, Some(date(2026, 8, 14)));
    let mut c = StatusChange::start(date(2026, 5, 15));
    c.planned_end = proposed;
    let t = store.change_trajectory_status(id, &c).unwrap();
    assert_eq!(t.planned_end, Some(date(2026, 8, 14)));
    // The review is one interval (jobhunter: one month) after the start.
    assert_eq!(t.next_review, Some(date(2026, 6, 15)));
}

#[test]
fn assignment_takes_its_defaults_from_the_catalogue() {
    let (mut store, _, ep) = setup();
    let cat = Catalog::builtin();
    let fip = cat.get("fip").unwrap();
    let mut a = Assignment::for_instrument(fip, Lang::En, date(2026, 4, 1), Some(date(2026, 4, 8)));
    assert_eq!(a.instrument_name, fip.name_en);
    assert_eq!(a.review_interval_months, fip.review_months);
    assert_eq!(
        a.planned_end,
        Some(caseload::domain::date::add_months(
            date(2026, 4, 8),
            fip.duration_months
        ))
    );
    a.provider = "  Werkstroom BV ".into();
    a.cost_cents = Some(150_000);
    a.goal = "Structuur in de week".into();
    let audit_before = audit_rows(&store);
    let id = store.assign_trajectory(ep, &a).unwrap();
    let t = store.trajectory(id).unwrap().unwrap();
    assert_eq!(t.status, TrajectoryStatus::Started);
    assert_eq!(t.provider, "Werkstroom BV");
    assert_eq!(t.start_date, Some(date(2026, 4, 8)));
    assert_eq!(
        t.next_review,
        Some(caseload::domain::date::add_months(
            date(2026, 4, 8),
            fip.review_months
        ))
    );
    let events: Vec<_> = store
        .trajectory_events(id)
        .unwrap()
        .into_iter()
        .map(|e| (e.on_date, e.status))
        .collect();
    assert_eq!(
        events,
        vec![
            (date(2026, 4, 1), TrajectoryStatus::Referred),
            (date(2026, 4, 8), TrajectoryStatus::Started)
        ]
    );
    // One transaction: the trajectory and both events are audited.
    assert_eq!(audit_rows(&store), audit_before + 3);
    // A referral: the first review one interval after the referral; several may run at once.
    let id2 = store
        .assign_trajectory(ep, &jobhunter(date(2026, 4, 1), None))
        .unwrap();
    let t2 = store.trajectory(id2).unwrap().unwrap();
    assert_eq!(t2.status, TrajectoryStatus::Referred);
    assert_eq!(t2.next_review, Some(date(2026, 5, 1)));
    assert_eq!(t2.planned_end, Some(date(2026, 7, 1)));
    assert_eq!(store.trajectories(ep).unwrap().len(), 2);
    assert!(
        store
            .providers()
            .unwrap()
            .contains(&"Werkstroom BV".to_owned())
    );
}

fn audit_rows(store: &Store) -> i64 {
    store
        .table_counts()
        .unwrap()
        .into_iter()
        .find(|(t, _)| *t == "audit_log")
        .unwrap()
        .1
}

#[test]
fn assignment_refusals() {
    use TrajectoryError::*;
    let (mut store, client, ep) = setup();
    let ok = jobhunter(date(2026, 4, 1), None);
    let cases: Vec<(Assignment, TrajectoryError)> = vec![
        (
            Assignment {
                instrument: " ".into(),
                ..ok.clone()
            },
            InstrumentRequired,
        ),
        (
            Assignment {
                review_interval_months: 0,
                ..ok.clone()
            },
            IntervalOutOfRange,
        ),
        (
            Assignment {
                review_interval_months: 25,
                ..ok.clone()
            },
            IntervalOutOfRange,
        ),
        (
            Assignment {
                cost_cents: Some(-1),
                ..ok.clone()
            },
            NegativeCost,
        ),
        (
            Assignment {
                start_date: Some(date(2026, 3, 31)),
                ..ok.clone()
            },
            BeforeReferral,
        ),
        (
            Assignment {
                planned_end: Some(date(2026, 3, 31)),
                ..ok.clone()
            },
            PlannedEndBeforeStart,
        ),
    ];
    let dump = store.dump().unwrap();
    for (a, want) in cases {
        assert_eq!(refused(store.assign_trajectory(ep, &a)), want);
    }
    assert_eq!(refused(store.assign_trajectory(9999, &ok)), EpisodeNotFound);
    assert_eq!(store.dump().unwrap(), dump);
    // A benefit period that has ended takes no new trajectory.
    let mut e = store.episode(ep).unwrap().unwrap();
    e.exit_date = Some(date(2026, 6, 30));
    e.exit_reason = Some(ExitReason::WorkEmployment);
    store.write(|tx| tx.close_episode(&e)).unwrap();
    assert_eq!(refused(store.assign_trajectory(ep, &ok)), EpisodeEnded);
    assert!(store.client_trajectories(client).unwrap().is_empty());
}

#[test]
fn reviews_follow_the_calendar_month_ends_and_leap_years() {
    use caseload::domain::trajectory::next_review;
    use caseload::domain::workdays::working_day;
    // The table of the calendar: 31 January + 1 month is the end of February (then the
    // next working day, when that is not one).
    let cases = [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2026, 8, 31), 3, date(2026, 11, 30)),
        (date(2026, 10, 31), 6, date(2027, 4, 30)),
        (date(2026, 3, 15), 3, date(2026, 6, 15)),
    ];
    for (from, n, want) in cases {
        assert_eq!(next_review(from, n), working_day(want), "{from} + {n}");
    }
    // Through the store: started 31 January 2024, monthly reviews.
    let (mut store, client, ep) = setup();
    let mut a = jobhunter(date(2024, 1, 31), Some(date(2024, 1, 31)));
    a.planned_end = None;
    let id = store.assign_trajectory(ep, &a).unwrap();
    let t = store.trajectory(id).unwrap().unwrap();
    assert_eq!(t.next_review, Some(date(2024, 2, 29)));
    // The review is held on its date; the next one is a month after it (by default).
    let mut r = ReviewInput::new(&t, date(2024, 2, 29));
    assert_eq!(r.next_review, date(2024, 3, 29));
    r.progress = "Drie sollicitaties verstuurd.".into();
    r.new_rung = Some(Rung::UnpaidWork);
    let review = store.record_review(id, &r).unwrap();
    let t = store.trajectory(id).unwrap().unwrap();
    assert_eq!(t.next_review, Some(date(2024, 3, 29)));
    let reviews = store.reviews(id).unwrap();
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].id, review);
    assert_eq!(reviews[0].next_review, Some(date(2024, 3, 29)));
    // The new rung is an assessment of kind review, linked to the review.
    let assessments = store.assessments(ep).unwrap();
    assert_eq!(assessments.len(), 1);
    assert_eq!(assessments[0].kind, AssessmentKind::Review);
    assert_eq!(assessments[0].rung, Some(Rung::UnpaidWork));
    assert_eq!(reviews[0].assessment_id, Some(assessments[0].id));
    assert_eq!(
        store.latest_rung(client).unwrap(),
        Some((Rung::UnpaidWork, date(2024, 2, 29)))
    );
    // A late review without a new rung: the next one counts from the day it was held.
    let mut r = ReviewInput::new(&t, date(2024, 4, 30));
    r.progress = "Sollicitatiegesprek gehad.".into();
    assert_eq!(r.next_review, date(2024, 5, 30));
    store.record_review(id, &r).unwrap();
    assert_eq!(store.assessments(ep).unwrap().len(), 1);
    assert_eq!(store.reviews(id).unwrap()[1].assessment_id, None);
}

#[test]
fn review_refusals() {
    use TrajectoryError::*;
    let (mut store, _, ep) = setup();
    let id = trajectory_in(&mut store, ep, TrajectoryStatus::Started);
    let t = store.trajectory(id).unwrap().unwrap();
    // Started 15 April 2026.
    let good = ReviewInput {
        progress: "Loopt goed.".into(),
        ..ReviewInput::new(&t, date(2026, 5, 15))
    };
    let dump = store.dump().unwrap();
    let cases = [
        (
            ReviewInput {
                on: date(2026, 4, 14),
                ..good.clone()
            },
            BeforeStart,
        ),
        (
            ReviewInput {
                progress: " ".into(),
                ..good.clone()
            },
            ProgressRequired,
        ),
        (
            ReviewInput {
                next_review: date(2026, 5, 15),
                ..good.clone()
            },
            NextReviewNotAfter,
        ),
    ];
    for (r, want) in cases {
        assert_eq!(refused(store.record_review(id, &r)), want);
    }
    assert_eq!(refused(store.record_review(9999, &good)), NotFound);
    assert_eq!(store.dump().unwrap(), dump);
    for status in [TrajectoryStatus::Completed, TrajectoryStatus::Stopped] {
        let done = trajectory_in(&mut store, ep, status);
        assert_eq!(refused(store.record_review(done, &good)), NotRunning);
    }
    // A referral can be reviewed (is it starting?), not before its referral.
    let referred = trajectory_in(&mut store, ep, TrajectoryStatus::Referred);
    let before = ReviewInput {
        on: date(2026, 3, 31),
        ..good.clone()
    };
    assert_eq!(
        refused(store.record_review(referred, &before)),
        BeforeReferral
    );
    store.record_review(referred, &good).unwrap();
}

#[test]
fn lock_in_flags_a_running_trajectory_past_its_end_or_review() {
    let (mut store, client, ep) = setup();
    // Started 15 April 2026: planned end 1 July, next review 15 May (jobhunter).
    let id = trajectory_in(&mut store, ep, TrajectoryStatus::Started);
    let t = store.trajectory(id).unwrap().unwrap();
    assert_eq!(t.planned_end, Some(date(2026, 7, 1)));
    assert_eq!(t.next_review, Some(date(2026, 5, 15)));
    let flags = |store: &Store, on| store.lock_ins(on).unwrap().get(&client).copied();
    // On the due day itself nothing is overdue yet.
    assert_eq!(flags(&store, date(2026, 5, 15)), None);
    assert_eq!(
        flags(&store, date(2026, 5, 16)),
        Some(LockInFlags {
            past_planned_end: false,
            review_overdue: true
        })
    );
    let both = flags(&store, date(2026, 7, 2)).unwrap();
    assert_eq!(
        both.iter().collect::<Vec<_>>(),
        vec![LockIn::PastPlannedEnd, LockIn::ReviewOverdue]
    );
    assert_eq!(
        store.client_lock_ins(client, date(2026, 7, 2)).unwrap(),
        vec![(id, both)]
    );
    assert_eq!(LockInFlags::of(&t, date(2026, 7, 2)), both);
    // A review clears the overdue review, not the overrun.
    let mut r = ReviewInput::new(&t, date(2026, 7, 2));
    r.progress = "Nog geen baan; verlengen?".into();
    store.record_review(id, &r).unwrap();
    let f = flags(&store, date(2026, 7, 3)).unwrap();
    assert!(f.contains(LockIn::PastPlannedEnd) && !f.contains(LockIn::ReviewOverdue));
    // Ending it clears every flag.
    store
        .change_trajectory_status(
            id,
            &StatusChange::complete(date(2026, 7, 3), TrajectoryResult::Work),
        )
        .unwrap();
    assert_eq!(flags(&store, date(2027, 1, 1)), None);
    assert!(
        store
            .client_lock_ins(client, date(2027, 1, 1))
            .unwrap()
            .is_empty()
    );
    for f in LockIn::all() {
        for lang in [Lang::Nl, Lang::En] {
            assert_ne!(f.label(lang), "[?]");
        }
    }
}

#[test]
fn every_refusal_reads_in_both_languages() {
    use TrajectoryError::*;
    let all = [
        Unchanged(TrajectoryStatus::Referred),
        NoWayBack,
        Ended,
        NotStarted,
        ResultRequired,
        ReasonRequired,
        BeforeReferral,
        BeforeStart,
        PlannedEndBeforeStart,
        NotRunning,
        NextReviewNotAfter,
        ProgressRequired,
        InstrumentRequired,
        IntervalOutOfRange,
        NegativeCost,
        EpisodeEnded,
        NotFound,
        EpisodeNotFound,
    ];
    for e in all {
        for lang in [Lang::Nl, Lang::En] {
            let m = e.message(lang);
            assert!(
                !m.contains("[?]") && !m.contains('{'),
                "{e:?} {lang:?}: {m}"
            );
        }
    }
    assert_eq!(
        Unchanged(TrajectoryStatus::Started).message(Lang::Nl),
        "Het traject is al gestart."
    );
}
