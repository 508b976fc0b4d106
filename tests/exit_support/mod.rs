//! Helpers for the exit, aftercare and agenda tests: clients on benefit, trajectories, and a
//! worked example of an exit to a temporary job found through a jobhunter.
#![allow(dead_code)]

use caseload::assets::Assets;
use caseload::domain::Bsn;
use caseload::domain::codes::*;
use caseload::domain::exit::{ExitInput, JobSource, WorkInput};
use caseload::domain::model::*;
use caseload::store::Store;
use chrono::NaiveDate;

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The `n`-th valid BSN (elfproef) of a deterministic sequence.
pub fn bsn(n: u32) -> Bsn {
    let mut k = 10_000_000 + n * 7;
    loop {
        let digits: Vec<u32> = format!("{k:08}")
            .chars()
            .map(|c| c.to_digit(10).unwrap())
            .collect();
        let sum: u32 = (0..8).map(|i| (9 - i as u32) * digits[i]).sum();
        let check = sum % 11;
        if check < 10 {
            return Bsn::parse(&format!("{k:08}{check}")).unwrap();
        }
        k += 1;
    }
}

/// Registers a person and opens an episode from `start`, with an intake whose plan was
/// agreed; returns (client id, episode id).
pub fn client_on_benefit(
    store: &mut Store,
    n: u32,
    first: &str,
    prefix: &str,
    last: &str,
    start: NaiveDate,
) -> (Id, Id) {
    store
        .write(|tx| {
            let id = tx.insert_client(&Person {
                bsn: bsn(n),
                first_name: first.into(),
                prefix: prefix.into(),
                last_name: last.into(),
                birth_date: Some(date(1990, 5, 17)),
                phone: String::new(),
                email: String::new(),
                address: String::new(),
            })?;
            let ep = tx.insert_episode(&Episode {
                id: 0,
                client_id: id,
                benefit_start: start,
                benefit_type: BenefitType::Participatiewet,
                exit_date: None,
                last_payment_date: None,
                exit_reason: None,
                previous_episode_id: None,
            })?;
            tx.save_intake(&Intake {
                episode_id: ep,
                intake_date: Some(start),
                household: Some(Household::Single),
                motivation: "Wil graag in de zorg werken.".into(),
                plan_agreed_on: Some(start),
                ..Intake::default()
            })?;
            Ok((id, ep))
        })
        .unwrap()
}

/// Adds a trajectory of `instrument` with a status (started ones have a review date).
pub fn trajectory(
    store: &mut Store,
    ep: Id,
    instrument: &str,
    status: TrajectoryStatus,
    on: NaiveDate,
) -> Id {
    store
        .write(|tx| {
            let done = matches!(
                status,
                TrajectoryStatus::Completed | TrajectoryStatus::Stopped
            );
            tx.insert_trajectory(&Trajectory {
                id: 0,
                episode_id: ep,
                instrument: instrument.into(),
                instrument_name: instrument.into(),
                provider: "Werkbedrijf".into(),
                status,
                referred_on: on,
                start_date: Some(on),
                planned_end: Some(caseload::domain::date::add_months(on, 6)),
                ended_on: done.then_some(on),
                goal: String::new(),
                cost_cents: None,
                funding: String::new(),
                review_interval_months: 3,
                next_review: (!done).then(|| caseload::domain::date::add_months(on, 3)),
                result: (status == TrajectoryStatus::Completed)
                    .then_some(TrajectoryResult::NoResult),
                stop_reason: (status == TrajectoryStatus::Stopped).then(|| "moved on".into()),
            })
        })
        .unwrap()
}

/// A plain exit input for a reason, with no work details, declined aftercare, no premium.
pub fn plain_exit(client_id: Id, reason: ExitReason, exit: NaiveDate) -> ExitInput {
    ExitInput {
        client_id,
        held_on: exit,
        exit_date: exit,
        last_payment_date: None,
        reason,
        work: None,
        study_end: None,
        checklist: Assets::builtin().checklist.blank(),
        aftercare: AftercareMode::Declined,
        consent: false,
        premium: None,
        move_consent: None,
    }
}

/// A permanent job of 32 hours, found by own effort.
pub fn permanent_job() -> WorkInput {
    WorkInput {
        employer: "PostNL".into(),
        job_title: "Postbezorger".into(),
        contract_type: Some(ContractType::Permanent),
        contract_end: None,
        hours_per_week: Some(caseload::domain::hours::Hours::whole(32)),
        independence: Some(Independence::Full),
        job_agreement: None,
        sanction_24_months: None,
        found_via: Some(JobSource::OwnEffort),
        first_work_day: None,
        employer_contact: Default::default(),
    }
}

/// The worked example: Anna van der Berg, on benefit since 1 April 2024 (31 months at the
/// exit on 30 November 2026), leaves for a temporary job of 24 hours at a care home until
/// 31 May 2027 found through her jobhunter (trajectory `jobhunter`), first working day
/// 1 December; active aftercare with consent; the two-instalment premium granted. The
/// interview is held on 23 November 2026. Returns (client id, input).
pub fn worked_example(store: &mut Store) -> (Id, Id, ExitInput) {
    let (cid, ep) = client_on_benefit(store, 1, "Anna", "van der", "Berg", date(2024, 4, 1));
    let jobhunter = trajectory(
        store,
        ep,
        "jobhunter",
        TrajectoryStatus::Started,
        date(2026, 6, 1),
    );
    let mut checklist = Assets::builtin().checklist.blank();
    for c in &mut checklist {
        c.discussed = c.item != "leaflet";
    }
    checklist[1].note = "Eerste salaris eind december; geen gat.".into();
    let input = ExitInput {
        client_id: cid,
        held_on: date(2026, 11, 23),
        exit_date: date(2026, 11, 30),
        last_payment_date: Some(date(2026, 12, 23)),
        reason: ExitReason::WorkEmployment,
        work: Some(WorkInput {
            employer: "Zorggroep Kennemerland".into(),
            job_title: "helpende zorg".into(),
            contract_type: Some(ContractType::Temporary),
            contract_end: Some(date(2027, 5, 31)),
            hours_per_week: Some(caseload::domain::hours::Hours::whole(24)),
            independence: Some(Independence::Full),
            job_agreement: None,
            sanction_24_months: None,
            found_via: Some(JobSource::Trajectory(jobhunter)),
            first_work_day: Some(date(2026, 12, 1)),
            employer_contact: Default::default(),
        }),
        study_end: None,
        checklist,
        aftercare: AftercareMode::Active,
        consent: true,
        premium: Some("two_instalments".into()),
        move_consent: None,
    };
    (cid, jobhunter, input)
}

/// Gives a trajectory made by [`trajectory`] the events the app writes with it (referred
/// and started on `on`), so that `caseload check` finds its status in them.
pub fn started_events(store: &mut Store, trajectory_id: Id, on: NaiveDate) {
    store
        .write(|tx| {
            for status in [TrajectoryStatus::Referred, TrajectoryStatus::Started] {
                tx.insert_trajectory_event(&TrajectoryEvent {
                    id: 0,
                    trajectory_id,
                    on_date: on,
                    status,
                    note: String::new(),
                })?;
            }
            Ok(())
        })
        .unwrap();
}
