//! The store: opening, refusing foreign and newer files, and round trips for every table.

use crate::common;

use caseload::domain::Bsn;
use caseload::domain::codes::*;
use caseload::domain::model::*;
use caseload::store::{Store, StoreError};
use common::{date, today};

fn person(bsn: &str) -> Person {
    Person {
        bsn: Bsn::parse(bsn).unwrap(),
        first_name: "Anna".into(),
        prefix: "van der".into(),
        last_name: "Berg".into(),
        birth_date: Some(date(1990, 5, 17)),
        phone: "06-12345678".into(),
        email: "anna@example.nl".into(),
        address: "Kerkstraat 1".into(),
    }
}

fn episode(client_id: Id, start: chrono::NaiveDate) -> Episode {
    Episode {
        id: 0,
        client_id,
        benefit_start: start,
        benefit_type: BenefitType::Participatiewet,
        exit_date: None,
        last_payment_date: None,
        exit_reason: None,
        previous_episode_id: None,
    }
}

#[test]
fn a_new_file_is_created_private_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub").join("caseload.db");
    let mut store = Store::open(&path).unwrap();
    store
        .write(|tx| tx.insert_client(&person("111222333")))
        .unwrap();
    drop(store);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let dmode = std::fs::metadata(path.parent().unwrap())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(dmode, 0o700);
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.client_count().unwrap(), 1);
}

#[test]
fn a_foreign_sqlite_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotOurs { .. }), "{err}");
    assert!(err.to_string().contains("not a caseload database"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("other.db-wal").exists());
}

#[test]
fn caseloads_id_on_a_file_with_foreign_tables_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "application_id", caseload::store::APPLICATION_ID)
            .unwrap();
        c.execute_batch("CREATE TABLE photo (x); INSERT INTO photo VALUES (1);")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    for err in [
        Store::open(&path).unwrap_err(),
        Store::open_read_only(&path).unwrap_err(),
    ] {
        assert!(matches!(err, StoreError::NotOurs { .. }), "{err}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("other.db-wal").exists());
}

#[cfg(unix)]
#[test]
fn a_device_a_folder_and_a_link_to_nothing_are_refused_before_anything_is_opened() {
    use caseload::store::Unfit;
    let dir = tempfile::tempdir().unwrap();
    let dangling = dir.path().join("dangling.db");
    std::os::unix::fs::symlink(dir.path().join("nowhere.db"), &dangling).unwrap();
    let cases = [
        (std::path::PathBuf::from("/dev/null"), Unfit::NotRegular),
        (dir.path().to_owned(), Unfit::NotRegular),
        (dangling.clone(), Unfit::BrokenLink),
    ];
    for (path, want) in cases {
        match Store::open(&path) {
            Err(StoreError::Unfit { why, .. }) => assert_eq!(why, want, "{path:?}"),
            other => panic!("{path:?}: {other:?}"),
        }
    }
    // Nothing was made where the link points, nor beside it.
    assert!(!dir.path().join("nowhere.db").exists());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["dangling.db"]);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "boodschappen: melk, brood, kaas, eieren").unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotOurs { .. }), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "boodschappen: melk, brood, kaas, eieren"
    );
}

#[test]
fn a_newer_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.db");
    drop(Store::open(&path).unwrap());
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Newer { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("newer version"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn the_bsn_is_unique_and_a_failed_save_writes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .write(|tx| tx.insert_client(&person("111222333")))
        .unwrap();
    let err = store
        .write(|tx| {
            let id = tx.insert_client(&person("123456782"))?;
            tx.insert_episode(&episode(id, today()))?;
            tx.insert_client(&person("111222333"))
        })
        .unwrap_err();
    assert!(err.to_string().contains("UNIQUE"));
    assert_eq!(store.client_count().unwrap(), 1);
    let counts = store.table_counts().unwrap();
    assert_eq!(counts.iter().find(|(t, _)| *t == "episode").unwrap().1, 0);
}

#[test]
fn one_open_episode_per_client() {
    let mut store = Store::open_in_memory().unwrap();
    let err = store
        .write(|tx| {
            let id = tx.insert_client(&person("111222333"))?;
            tx.insert_episode(&episode(id, date(2024, 1, 1)))?;
            tx.insert_episode(&episode(id, date(2025, 1, 1)))
        })
        .unwrap_err();
    assert!(err.to_string().contains("UNIQUE"), "{err}");
}

#[test]
fn sql_constraints_refuse_impossible_values() {
    let mut store = Store::open_in_memory().unwrap();
    let cid = store
        .write(|tx| tx.insert_client(&person("111222333")))
        .unwrap();
    let ep = store
        .write(|tx| tx.insert_episode(&episode(cid, date(2024, 3, 1))))
        .unwrap();
    // An exit before the start.
    let mut e = episode(cid, date(2024, 3, 1));
    e.id = ep;
    e.exit_date = Some(date(2024, 2, 1));
    e.exit_reason = Some(ExitReason::WorkEmployment);
    assert!(store.write(|tx| tx.close_episode(&e)).is_err());
    // A stopped trajectory without a reason.
    let t = Trajectory {
        id: 0,
        episode_id: ep,
        instrument: "jobhunter".into(),
        instrument_name: "Jobhunter".into(),
        provider: String::new(),
        status: TrajectoryStatus::Stopped,
        referred_on: date(2024, 4, 1),
        start_date: None,
        planned_end: None,
        ended_on: Some(date(2024, 5, 1)),
        goal: String::new(),
        cost_cents: None,
        funding: String::new(),
        review_interval_months: 3,
        next_review: None,
        result: None,
        stop_reason: None,
    };
    assert!(store.write(|tx| tx.insert_trajectory(&t)).is_err());
    // A temporary contract without an end date.
    let mut x = exit_interview(ep);
    x.contract_type = Some(ContractType::Temporary);
    x.contract_end = None;
    assert!(store.write(|tx| tx.insert_exit_interview(&x)).is_err());
}

fn exit_interview(ep: Id) -> ExitInterview {
    ExitInterview {
        episode_id: ep,
        held_on: date(2026, 6, 30),
        employer: "PostNL".into(),
        job_title: "postbezorger".into(),
        contract_type: Some(ContractType::Temporary),
        contract_end: Some(date(2027, 6, 30)),
        hours_per_week: Some(caseload::domain::hours::Hours::whole(32)),
        independence: Some(Independence::Full),
        job_agreement: None,
        sanction_24_months: None,
        found_via: Some(FoundVia::OwnEffort),
        found_via_trajectory_id: None,
        first_work_day: Some(date(2026, 7, 1)),
        study_end: None,
        aftercare_offer: AftercareMode::Active,
        aftercare_consent: true,
        premium_scheme: Some("two_instalments".into()),
        premium_granted: true,
        checklist: vec![
            ChecklistEntry {
                item: "congratulate".into(),
                discussed: true,
                note: "blij".into(),
            },
            ChecklistEntry {
                item: "finances".into(),
                discussed: false,
                note: String::new(),
            },
        ],
        employer_contact: Default::default(),
        move_consent: None,
    }
}

#[test]
fn every_table_round_trips() {
    let mut store = Store::open_in_memory().unwrap();
    let p = person("111222333");
    let (cid, ep) = store
        .write(|tx| {
            let cid = tx.insert_client(&p)?;
            let ep = tx.insert_episode(&episode(cid, date(2023, 1, 15)))?;
            Ok((cid, ep))
        })
        .unwrap();
    assert_eq!(store.client(cid).unwrap().unwrap().person, p);
    assert_eq!(store.client_id_by_bsn(&p.bsn).unwrap(), Some(cid));

    let intake = Intake {
        episode_id: ep,
        intake_date: Some(date(2023, 1, 20)),
        household: Some(Household::SingleWithChildren),
        youngest_child_age: Some(4),
        statushouder: true,
        driving_licence: Some(false),
        language_level: Some(LanguageLevel::A2),
        education: Some(Education::MboEntry),
        work_experience: "Schoonmaak".into(),
        distance: Some(Distance::Long),
        barriers: vec![Barrier::Language, Barrier::Childcare],
        motivation: "m".into(),
        why_not_working: "w".into(),
        strengths: "s".into(),
        pitfalls: "p".into(),
        plan_agreed_on: Some(date(2023, 2, 1)),
    };
    let a = Assessment {
        id: 0,
        episode_id: ep,
        assessed_on: date(2023, 1, 20),
        kind: AssessmentKind::Intake,
        rung: Some(Rung::SocialContacts),
        scores: LifeDomain::all().iter().map(|d| (*d, 3)).collect(),
    };
    let goal = Goal {
        id: 0,
        episode_id: ep,
        term: Term::Long,
        text: "Werk in de zorg".into(),
        target_date: Some(date(2024, 1, 1)),
        done_on: None,
    };
    let note = Note {
        id: 0,
        episode_id: ep,
        noted_on: date(2023, 2, 1),
        channel: Channel::HomeVisit,
        summary: "Regel 1\nRegel 2".into(),
        template: Some("home_visit".into()),
    };
    let ids = store
        .write(|tx| {
            tx.save_intake(&intake)?;
            let aid = tx.insert_assessment(&a)?;
            let gid = tx.insert_goal(&goal)?;
            let nid = tx.insert_note(&note)?;
            let agr = Agreement {
                id: 0,
                episode_id: ep,
                note_id: Some(nid),
                text: "Cv mailen".into(),
                who: Who::Client,
                follow_up: Some(date(2023, 2, 15)),
                done_on: None,
            };
            let agid = tx.insert_agreement(&agr)?;
            Ok((aid, gid, nid, agid))
        })
        .unwrap();
    assert_eq!(store.intake(ep).unwrap().unwrap(), intake);
    let got = store.assessments(ep).unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(
        got[0],
        Assessment {
            id: ids.0,
            scores: {
                let mut s = a.scores.clone();
                s.sort();
                s
            },
            ..a.clone()
        }
    );
    assert_eq!(store.goals(ep).unwrap(), vec![Goal { id: ids.1, ..goal }]);
    assert_eq!(store.notes(ep).unwrap(), vec![Note { id: ids.2, ..note }]);
    assert_eq!(store.agreements(ep).unwrap()[0].note_id, Some(ids.2));

    let t = Trajectory {
        id: 0,
        episode_id: ep,
        instrument: "jobhunter".into(),
        instrument_name: "Jobhunter".into(),
        provider: "Jobhunters Noord".into(),
        status: TrajectoryStatus::Completed,
        referred_on: date(2023, 3, 1),
        start_date: Some(date(2023, 3, 15)),
        planned_end: Some(date(2023, 6, 15)),
        ended_on: Some(date(2023, 6, 1)),
        goal: "Baan".into(),
        cost_cents: Some(150_000),
        funding: "Participatiebudget".into(),
        review_interval_months: 1,
        next_review: None,
        result: Some(TrajectoryResult::Work),
        stop_reason: None,
    };
    let tid = store.write(|tx| tx.insert_trajectory(&t)).unwrap();
    assert_eq!(
        store.trajectory(tid).unwrap().unwrap(),
        Trajectory { id: tid, ..t }
    );
    let ev = TrajectoryEvent {
        id: 0,
        trajectory_id: tid,
        on_date: date(2023, 3, 15),
        status: TrajectoryStatus::Started,
        note: "start".into(),
    };
    let rv = Review {
        id: 0,
        trajectory_id: tid,
        reviewed_on: date(2023, 4, 15),
        progress: "goed".into(),
        assessment_id: Some(ids.0),
        next_review: Some(date(2023, 5, 15)),
    };
    let (evid, rvid) = store
        .write(|tx| Ok((tx.insert_trajectory_event(&ev)?, tx.insert_review(&rv)?)))
        .unwrap();
    assert_eq!(
        store.trajectory_events(tid).unwrap(),
        vec![TrajectoryEvent { id: evid, ..ev }]
    );
    assert_eq!(store.reviews(tid).unwrap(), vec![Review { id: rvid, ..rv }]);

    let mut closed = episode(cid, date(2023, 1, 15));
    closed.id = ep;
    closed.exit_date = Some(date(2023, 6, 30));
    closed.last_payment_date = Some(date(2023, 8, 31));
    closed.exit_reason = Some(ExitReason::WorkEmployment);
    let x = exit_interview(ep);
    let x = ExitInterview {
        held_on: date(2023, 6, 30),
        contract_end: Some(date(2024, 6, 30)),
        hours_per_week: Some(caseload::domain::hours::Hours::parse("15,75").unwrap()),
        job_agreement: Some(true),
        sanction_24_months: Some(false),
        ..x
    };
    let plan = AftercarePlan {
        id: 0,
        episode_id: ep,
        mode: AftercareMode::Active,
        consent: true,
        starts_on: date(2023, 6, 30),
        ends_on: date(2023, 12, 30),
        status: PlanStatus::Active,
        end_reason: None,
        ended_on: None,
        extended: false,
        flagged: false,
    };
    let inst = PremiumInstalment {
        id: 0,
        episode_id: ep,
        scheme: "two_instalments".into(),
        seq: 1,
        due_on: date(2023, 6, 30),
        amount_cents: 50_000,
        paid_on: None,
        cancelled_on: None,
        forfeited_on: Some(date(2023, 12, 30)),
        forfeit_reason: "Geen zes maanden bij één werkgever".into(),
        uplift: Some("placement".into()),
    };
    let (pid, iid) = store
        .write(|tx| {
            tx.close_episode(&closed)?;
            tx.insert_exit_interview(&x)?;
            let pid = tx.insert_aftercare_plan(&plan)?;
            let iid = tx.insert_instalment(&inst)?;
            Ok((pid, iid))
        })
        .unwrap();
    assert_eq!(store.episode(ep).unwrap().unwrap(), closed);
    assert_eq!(store.exit_interview(ep).unwrap().unwrap(), x);
    assert_eq!(
        store.aftercare_plan(ep).unwrap().unwrap(),
        AftercarePlan {
            id: pid,
            ..plan.clone()
        }
    );
    assert_eq!(
        store.instalments(ep).unwrap(),
        vec![PremiumInstalment { id: iid, ..inst }]
    );
    // Granted, but forfeited unpaid: no premium received.
    assert!(!store.had_premium(cid).unwrap());
    assert_eq!(
        store.prior_premium(cid).unwrap(),
        caseload::domain::premium::PriorPremium::GrantedUnpaid
    );

    let mut c = AftercareContact::planned(pid, date(2023, 7, 1), ContactKind::Scheduled, 1);
    let cid2 = store.write(|tx| tx.insert_contact(&c)).unwrap();
    c.id = cid2;
    c.status = ContactStatus::Done;
    c.done_on = Some(date(2023, 7, 1));
    c.channel = Some(Channel::Phone);
    c.how_is_work = "Goed".into();
    c.still_working = Some(StillWorking::SameEmployer);
    c.hours_changed = Some(false);
    c.balance_ok = Some(false);
    c.risk = Some(Risk::Medium);
    c.risk_reason = "schulden".into();
    c.contract_renewed = Some(true);
    c.referrals = vec![ReferralKind::DebtHelp, ReferralKind::SocialWork];
    store.write(|tx| tx.update_contact(&c)).unwrap();
    assert_eq!(store.contacts(pid).unwrap(), vec![c]);

    store.save_draft("intake", 0, r#"{"bsn":"1"}"#).unwrap();
    assert_eq!(
        store.draft("intake", 0).unwrap().unwrap().data,
        r#"{"bsn":"1"}"#
    );
    store.discard_draft("intake", 0).unwrap();
    assert!(store.draft("intake", 0).unwrap().is_none());

    assert!(store.sqlite_problems().unwrap().is_empty());
    // Every write was audited, with no personal data in the log.
    let audited = store
        .table_counts()
        .unwrap()
        .into_iter()
        .find(|(t, _)| *t == "audit_log")
        .unwrap()
        .1;
    assert!(audited >= 14, "audit rows: {audited}");
    assert!(!store.dump().unwrap().contains("audit_log"));
}

#[test]
fn every_code_is_accepted_by_the_schema() {
    let mut store = Store::open_in_memory().unwrap();
    let cid = store
        .write(|tx| tx.insert_client(&person("111222333")))
        .unwrap();
    let ep = store
        .write(|tx| tx.insert_episode(&episode(cid, date(2020, 1, 1))))
        .unwrap();
    for r in ExitReason::all() {
        let mut e = episode(cid, date(2020, 1, 1));
        e.id = ep;
        e.exit_date = Some(date(2021, 1, 1));
        e.exit_reason = Some(*r);
        store.write(|tx| tx.close_episode(&e)).unwrap();
    }
    for b in BenefitType::all() {
        let e = Episode {
            benefit_type: *b,
            ..episode(cid, date(2020, 1, 1))
        };
        store
            .write(|tx| tx.update_episode_start(&Episode { id: ep, ..e }))
            .unwrap();
    }
    let mut intake = Intake {
        episode_id: ep,
        intake_date: Some(date(2020, 1, 2)),
        ..Default::default()
    };
    for h in Household::all() {
        intake.household = Some(*h);
        store.write(|tx| tx.save_intake(&intake)).unwrap();
    }
    for l in LanguageLevel::all() {
        intake.language_level = Some(*l);
        store.write(|tx| tx.save_intake(&intake)).unwrap();
    }
    for e in Education::all() {
        intake.education = Some(*e);
        store.write(|tx| tx.save_intake(&intake)).unwrap();
    }
    intake.barriers = Barrier::all().to_vec();
    store.write(|tx| tx.save_intake(&intake)).unwrap();
    assert_eq!(
        store.intake(ep).unwrap().unwrap().barriers.len(),
        Barrier::all().len()
    );
    for ch in Channel::all() {
        let n = Note {
            id: 0,
            episode_id: ep,
            noted_on: date(2020, 2, 1),
            channel: *ch,
            summary: "x".into(),
            template: None,
        };
        store.write(|tx| tx.insert_note(&n)).unwrap();
    }
    for w in Who::all() {
        let a = Agreement {
            id: 0,
            episode_id: ep,
            note_id: None,
            text: "x".into(),
            who: *w,
            follow_up: None,
            done_on: None,
        };
        store.write(|tx| tx.insert_agreement(&a)).unwrap();
    }
    for k in AssessmentKind::all() {
        let a = Assessment {
            id: 0,
            episode_id: ep,
            assessed_on: date(2020, 3, 1),
            kind: *k,
            rung: Some(Rung::PaidWork),
            scores: vec![],
        };
        store.write(|tx| tx.insert_assessment(&a)).unwrap();
    }
    assert!(store.sqlite_problems().unwrap().is_empty());
}
