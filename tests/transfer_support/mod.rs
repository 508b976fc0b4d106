//! Helpers for the export and import tests: exports as bytes, a store filled through the
//! app's own operations (every kind of record and every kind of reference), minimal files.
#![allow(dead_code)]

use caseload::assets::Assets;
use caseload::commands::import::{ImportError, import_into};
use caseload::domain::Bsn;
use caseload::domain::checkin::CheckInInput;
use caseload::domain::codes::*;
use caseload::domain::exit::{ExitInput, JobSource, WorkInput};
use caseload::domain::model::*;
use caseload::domain::notes::{AgreementInput, NoteInput};
use caseload::domain::trajectory::{Assignment, ReviewInput};
use caseload::store::Store;
use caseload::store::import::Imported;
use caseload::transfer::write::write_document;
use chrono::NaiveDate;

pub(crate) use crate::exit_support;

pub use exit_support::date;

pub fn today() -> NaiveDate {
    date(2026, 11, 23)
}

/// The `n`-th valid BSN of a deterministic sequence (elfproef), as text.
pub fn bsn(n: u32) -> String {
    exit_support::bsn(n).as_str().to_owned()
}

/// The whole caseload of a store as the export writes it.
pub fn export(store: &Store) -> Vec<u8> {
    let ids = store.client_ids().unwrap();
    let mut out = Vec::new();
    write_document(
        &mut out,
        ids.iter()
            .map(|id| store.client_record(*id).map(|r| r.expect("client exists"))),
    )
    .unwrap();
    out
}

/// A fresh store in memory with `bytes` imported.
pub fn imported(bytes: &[u8]) -> (Store, Imported) {
    let mut store = Store::open_in_memory().unwrap();
    let done = import_into(&mut store, bytes, false).unwrap_or_else(|e| panic!("{}", lines(&e)));
    (store, done)
}

/// The problems of a refused import, one a line (English).
pub fn lines(e: &ImportError) -> String {
    match e {
        ImportError::Refused(p) => p.lines(caseload::i18n::Lang::En).join("\n"),
        ImportError::Store(e) => format!("store: {e}"),
    }
}

/// Everything in a store that an import may change: rows per table (the audit log
/// included) and every row's content.
pub fn state(store: &Store) -> (Vec<(&'static str, i64)>, String) {
    (store.table_counts().unwrap(), store.dump().unwrap())
}

fn person(n: u32, first: &str, last: &str) -> Person {
    Person {
        bsn: Bsn::parse(&bsn(n)).unwrap(),
        first_name: first.into(),
        prefix: "van der".into(),
        last_name: last.into(),
        birth_date: Some(date(1985, 3, 14)),
        phone: "06-12345678".into(),
        email: "x@example.nl".into(),
        address: "Dorpsstraat 1, 1234 AB Zaandam".into(),
    }
}

/// Adds the story of one client, told through the app's own operations: an intake, a
/// note with agreements, a jobhunter reviewed with a new rung, an exit to a temporary job
/// found through it (premium, active aftercare, a check-in with referrals, an instalment
/// paid), a second jobhunter during aftercare reviewed with a rung of its own, and a
/// re-entry that carries that jobhunter into the new period (so a review's assessment
/// lies in another period than its trajectory). Returns the client id.
pub fn story(store: &mut Store, n: u32) -> Id {
    let assets = Assets::builtin();
    let start = date(2023, 9, 1);
    let (client_id, ep) = store
        .write(|tx| {
            let c = tx.insert_client(&person(n, "Anna", "Berg"))?;
            let e =
                tx.insert_episode(&Episode::open(c, start, BenefitType::Participatiewet, None))?;
            tx.save_intake(&Intake {
                episode_id: e,
                intake_date: Some(start),
                household: Some(Household::SingleWithChildren),
                youngest_child_age: Some(4),
                statushouder: true,
                driving_licence: Some(true),
                barriers: vec![Barrier::Childcare, Barrier::Language],
                motivation: "Wil in de zorg werken.\nLiefst \"parttime\" — 24 uur; 🙂".into(),
                plan_agreed_on: Some(date(2023, 9, 15)),
                ..Intake::default()
            })?;
            tx.insert_assessment(&Assessment {
                id: 0,
                episode_id: e,
                assessed_on: start,
                kind: AssessmentKind::Intake,
                rung: Some(Rung::SocialContacts),
                scores: vec![(LifeDomain::Finances, 2), (LifeDomain::Housing, 4)],
            })?;
            Ok((c, e))
        })
        .unwrap();
    let mut note = NoteInput {
        noted_on: date(2023, 10, 2),
        channel: Channel::HomeVisit,
        summary: "Huisbezoek: opvang geregeld.".into(),
        template: Some("home_visit".into()),
        agreements: vec![
            AgreementInput::new(
                "Aanmelden kinderopvang",
                Who::Client,
                Some(date(2023, 10, 16)),
            ),
            AgreementInput::new("Contact met jobhunter", Who::Caseworker, None),
        ],
    };
    store.add_note(ep, &note).unwrap();
    note.agreements.clear();
    let free = AgreementInput::new(
        "Sollicitatiebrief sturen",
        Who::Both,
        Some(date(2023, 11, 1)),
    );
    store.add_agreement(ep, &free).unwrap();
    let jobhunter = |referred: NaiveDate| Assignment {
        provider: "Jobhunters Noord".into(),
        cost_cents: Some(125_000),
        ..Assignment::for_instrument(
            assets.catalog.get("jobhunter").unwrap(),
            caseload::i18n::Lang::Nl,
            referred,
            Some(referred),
        )
    };
    let review = |store: &mut Store, id: Id, on: NaiveDate, progress: &str, rung: Rung| {
        let t = store.trajectory(id).unwrap().unwrap();
        let mut review = ReviewInput::new(&t, on);
        review.progress = progress.into();
        review.new_rung = Some(rung);
        store.record_review(id, &review).unwrap();
    };
    let first = store
        .assign_trajectory(ep, &jobhunter(date(2024, 1, 8)))
        .unwrap();
    let progress = "Twee gesprekken gehad.";
    review(
        store,
        first,
        date(2024, 4, 8),
        progress,
        Rung::OrganisedActivities,
    );
    let exit = date(2026, 3, 31);
    let input = ExitInput {
        client_id,
        held_on: exit,
        exit_date: exit,
        last_payment_date: Some(date(2026, 4, 24)),
        reason: ExitReason::WorkEmployment,
        work: Some(WorkInput {
            employer: "Zorggroep De Linde".into(),
            job_title: "helpende zorg".into(),
            contract_type: Some(ContractType::Temporary),
            contract_end: Some(date(2026, 12, 31)),
            hours_per_week: Some(caseload::domain::hours::Hours::whole(24)),
            independence: Some(Independence::Full),
            job_agreement: None,
            sanction_24_months: None,
            found_via: Some(JobSource::Trajectory(first)),
            first_work_day: Some(date(2026, 4, 1)),
            employer_contact: Default::default(),
        }),
        study_end: None,
        checklist: assets.checklist.blank(),
        aftercare: AftercareMode::Active,
        consent: true,
        premium: Some("two_instalments".into()),
        move_consent: None,
    };
    let saved = store.record_exit(&input, &assets).unwrap();
    let mut check_in = CheckInInput::new(date(2026, 4, 2), Channel::Phone, true);
    check_in.how_is_work = "Gaat goed.".into();
    check_in.balance_ok = Some(false);
    check_in.referrals = vec![ReferralKind::DebtHelp, ReferralKind::JobCoach];
    check_in.risk = Some(Risk::Medium);
    check_in.risk_reason = "Schulden".into();
    store
        .record_check_in(saved.contact_ids[0], &check_in, &assets.aftercare)
        .unwrap();
    store
        .mark_instalment_paid(saved.instalment_ids[0], exit)
        .unwrap();
    // During aftercare a second jobhunter, reviewed with a new rung ...
    let second = store
        .assign_trajectory(ep, &jobhunter(date(2026, 6, 1)))
        .unwrap();
    let progress = "Contract wordt niet verlengd.";
    review(
        store,
        second,
        date(2026, 9, 1),
        progress,
        Rung::PaidWorkWithSupport,
    );
    // ... and back on benefit: the jobhunter goes on in the new period.
    store.re_enter(client_id, date(2026, 10, 1)).unwrap();
    client_id
}

/// 40 demo clients (seed 7) and two clients with the whole story.
pub fn rich_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    caseload::demo::generate(&mut store, 40, 7, today()).unwrap();
    story(&mut store, 1);
    story(&mut store, 2);
    store
}

/// A benefit period of a minimal file: start, and maybe exit date and reason.
pub type Period<'a> = (&'a str, Option<&'a str>, Option<&'a str>);

/// A minimal historical file: per client a BSN, names, and its benefit periods.
pub fn minimal(clients: &[&[Period]]) -> String {
    let list: Vec<serde_json::Value> = clients
        .iter()
        .enumerate()
        .map(|(i, eps)| {
            let episodes: Vec<serde_json::Value> = eps
                .iter()
                .map(|(start, exit, reason)| {
                    let mut e = serde_json::json!({ "benefit_start": start });
                    if let Some(x) = exit {
                        e["exit_date"] = (*x).into();
                    }
                    if let Some(r) = reason {
                        e["exit_reason"] = (*r).into();
                    }
                    e
                })
                .collect();
            serde_json::json!({
                "bsn": bsn(100 + i as u32),
                "first_name": format!("Voornaam{i}"),
                "last_name": format!("Achternaam{i}"),
                "episodes": episodes,
            })
        })
        .collect();
    serde_json::json!({ "format": "caseload", "version": 1, "clients": list }).to_string()
}
