//! The case timeline over all benefit periods: every kind of event, newest first, the
//! change against the previous score, re-entry months, filtering, and the display texts.

use crate::common;

use caseload::domain::Bsn;
use caseload::domain::catalog::Catalog;
use caseload::domain::codes::*;
use caseload::domain::model::*;
use caseload::domain::notes::{AgreementInput, NoteInput};
use caseload::domain::templates::Templates;
use caseload::domain::timeline::{Event, Scored, TimelineFilter, TimelineKind, Trend};
use caseload::domain::timeline_text::TextContext;
use caseload::domain::trajectory::{Assignment, ReviewInput, StatusChange};
use caseload::i18n::Lang;
use caseload::store::Store;
use chrono::NaiveDate;
use common::date;

fn person() -> Person {
    Person {
        bsn: Bsn::parse("999993653").unwrap(),
        first_name: "Fatima".into(),
        prefix: "el".into(),
        last_name: "Amrani".into(),
        birth_date: Some(date(1988, 2, 3)),
        phone: String::new(),
        email: String::new(),
        address: String::new(),
    }
}

fn episode(client_id: Id, start: NaiveDate, previous: Option<Id>) -> Episode {
    Episode {
        id: 0,
        client_id,
        benefit_start: start,
        benefit_type: BenefitType::Participatiewet,
        exit_date: None,
        last_payment_date: None,
        exit_reason: None,
        previous_episode_id: previous,
    }
}

fn assessment(
    ep: Id,
    on: NaiveDate,
    kind: AssessmentKind,
    rung: Option<Rung>,
    scores: &[(LifeDomain, u8)],
) -> Assessment {
    Assessment {
        id: 0,
        episode_id: ep,
        assessed_on: on,
        kind,
        rung,
        scores: scores.to_vec(),
    }
}

fn contact(
    plan: Id,
    on: NaiveDate,
    kind: ContactKind,
    status: ContactStatus,
    attempt: u32,
) -> AftercareContact {
    let mut c = AftercareContact::planned(plan, on, kind, attempt);
    c.status = status;
    if matches!(status, ContactStatus::Done | ContactStatus::NotReached) {
        c.done_on = Some(on);
        c.channel = Some(Channel::Phone);
    }
    if status == ContactStatus::Done {
        c.still_working = Some(StillWorking::SameEmployer);
        c.risk = Some(Risk::Low);
        c.how_is_work = "Went well.".into();
    }
    c
}

/// Two benefit periods of one client with every kind of event; returns (store, client).
fn story() -> (Store, Id) {
    let mut store = Store::open_in_memory().unwrap();
    let (client, ep1) = store
        .write(|tx| {
            let c = tx.insert_client(&person())?;
            let e = tx.insert_episode(&episode(c, date(2024, 1, 1), None))?;
            tx.insert_assessment(&assessment(
                e,
                date(2024, 1, 10),
                AssessmentKind::Intake,
                Some(Rung::SocialContacts),
                &[(LifeDomain::Finances, 2), (LifeDomain::Housing, 4)],
            ))?;
            Ok((c, e))
        })
        .unwrap();
    let templates = Templates::builtin();
    let mut intake = templates
        .get("intake")
        .unwrap()
        .prefill(Lang::Nl, date(2024, 1, 10));
    intake.summary.push_str("Wil graag in de zorg werken.\n");
    store.add_note(ep1, &intake).unwrap();
    let cat = Catalog::builtin();
    let jh = store
        .assign_trajectory(
            ep1,
            &Assignment::for_instrument(
                cat.get("jobhunter").unwrap(),
                Lang::Nl,
                date(2024, 2, 1),
                None,
            ),
        )
        .unwrap();
    store
        .change_trajectory_status(jh, &StatusChange::start(date(2024, 2, 15)))
        .unwrap();
    let t = store.trajectory(jh).unwrap().unwrap();
    store
        .record_review(
            jh,
            &ReviewInput {
                progress: "Twee gesprekken gehad.".into(),
                new_rung: Some(Rung::OrganisedActivities),
                ..ReviewInput::new(&t, date(2024, 3, 15))
            },
        )
        .unwrap();
    store
        .change_trajectory_status(
            jh,
            &StatusChange::complete(date(2024, 5, 15), TrajectoryResult::Work),
        )
        .unwrap();
    // A second trajectory, stopped before it started.
    let ds = store
        .assign_trajectory(
            ep1,
            &Assignment::for_instrument(
                cat.get("debt_help").unwrap(),
                Lang::Nl,
                date(2024, 2, 1),
                None,
            ),
        )
        .unwrap();
    store
        .change_trajectory_status(
            ds,
            &StatusChange::stop(date(2024, 3, 1), "Schulden zelf geregeld"),
        )
        .unwrap();
    store
        .write(|tx| {
            tx.insert_assessment(&assessment(
                ep1,
                date(2024, 5, 20),
                AssessmentKind::Reassessment,
                Some(Rung::PaidWork),
                &[(LifeDomain::Finances, 3), (LifeDomain::Housing, 3)],
            ))?;
            // Life domains only, none changed.
            tx.insert_assessment(&assessment(
                ep1,
                date(2024, 5, 25),
                AssessmentKind::Reassessment,
                None,
                &[(LifeDomain::Finances, 3)],
            ))?;
            let mut e = tx.latest_episode(client)?.unwrap();
            e.exit_date = Some(date(2024, 6, 1));
            e.last_payment_date = Some(date(2024, 6, 30));
            e.exit_reason = Some(ExitReason::WorkEmployment);
            tx.close_episode(&e)?;
            tx.insert_exit_interview(&ExitInterview {
                episode_id: ep1,
                held_on: date(2024, 5, 28),
                employer: "Zorggroep West".into(),
                job_title: "helpende".into(),
                contract_type: Some(ContractType::Temporary),
                contract_end: Some(date(2025, 5, 31)),
                hours_per_week: Some(caseload::domain::hours::Hours::whole(24)),
                independence: Some(Independence::Full),
                job_agreement: None,
                sanction_24_months: None,
                found_via: Some(FoundVia::Trajectory),
                found_via_trajectory_id: Some(jh),
                first_work_day: Some(date(2024, 6, 1)),
                study_end: None,
                aftercare_offer: AftercareMode::Active,
                aftercare_consent: true,
                premium_scheme: Some("two_instalments".into()),
                premium_granted: true,
                checklist: Vec::new(),
                employer_contact: Default::default(),
                move_consent: None,
            })?;
            let plan = tx.insert_aftercare_plan(&AftercarePlan {
                id: 0,
                episode_id: ep1,
                mode: AftercareMode::Active,
                consent: true,
                starts_on: date(2024, 6, 1),
                ends_on: date(2024, 12, 1),
                status: PlanStatus::Completed,
                end_reason: None,
                ended_on: Some(date(2024, 12, 1)),
                extended: false,
                flagged: false,
            })?;
            use ContactStatus::*;
            tx.insert_contact(&contact(
                plan,
                date(2024, 6, 2),
                ContactKind::Scheduled,
                Done,
                1,
            ))?;
            tx.insert_contact(&contact(
                plan,
                date(2024, 6, 9),
                ContactKind::Scheduled,
                NotReached,
                1,
            ))?;
            tx.insert_contact(&contact(
                plan,
                date(2024, 6, 12),
                ContactKind::Retry,
                Done,
                2,
            ))?;
            tx.insert_contact(&contact(
                plan,
                date(2024, 12, 1),
                ContactKind::Closing,
                Cancelled,
                1,
            ))?;
            tx.insert_contact(&contact(
                plan,
                date(2025, 1, 1),
                ContactKind::Extra,
                Planned,
                1,
            ))?;
            for (seq, due, paid) in [
                (1, date(2024, 6, 15), Some(date(2024, 6, 15))),
                (2, date(2024, 12, 15), None),
            ] {
                tx.insert_instalment(&PremiumInstalment {
                    id: 0,
                    episode_id: ep1,
                    scheme: "two_instalments".into(),
                    seq,
                    due_on: due,
                    amount_cents: 50_000,
                    paid_on: paid,
                    cancelled_on: None,
                    forfeited_on: None,
                    forfeit_reason: String::new(),
                    uplift: None,
                })?;
            }
            // Re-entry: nine months after the exit.
            let e2 = tx.insert_episode(&episode(client, date(2025, 3, 1), Some(ep1)))?;
            tx.insert_assessment(&assessment(
                e2,
                date(2025, 3, 5),
                AssessmentKind::Intake,
                Some(Rung::UnpaidWork),
                &[],
            ))?;
            Ok(())
        })
        .unwrap();
    let ep2 = store.latest_episode(client).unwrap().unwrap().id;
    store
        .add_note(
            ep2,
            &NoteInput {
                noted_on: date(2025, 3, 5),
                channel: Channel::Phone,
                summary: "Contract niet verlengd; weer aangemeld.".into(),
                template: None,
                agreements: vec![AgreementInput::new(
                    "Cv bijwerken",
                    Who::Client,
                    Some(date(2025, 3, 19)),
                )],
            },
        )
        .unwrap();
    (store, client)
}

fn kinds_and_dates(
    store: &Store,
    client: Id,
    filter: TimelineFilter,
) -> Vec<(NaiveDate, TimelineKind)> {
    store
        .timeline(client, filter)
        .unwrap()
        .iter()
        .map(|e| (e.on, e.kind()))
        .collect()
}

#[test]
fn the_whole_story_newest_first() {
    let (store, client) = story();
    use TimelineKind::*;
    assert_eq!(
        kinds_and_dates(&store, client, TimelineFilter::all()),
        vec![
            (date(2025, 3, 5), Note),
            (date(2025, 3, 5), Assessment),
            (date(2025, 3, 1), ReEntry),
            (date(2024, 6, 15), Premium),
            (date(2024, 6, 12), CheckIn),
            (date(2024, 6, 9), CheckIn),
            (date(2024, 6, 2), CheckIn),
            (date(2024, 6, 1), Exit),
            (date(2024, 5, 25), Assessment),
            (date(2024, 5, 20), Assessment),
            (date(2024, 5, 15), Status),
            (date(2024, 3, 15), Review),
            (date(2024, 3, 15), Assessment),
            (date(2024, 3, 1), Status),
            (date(2024, 2, 15), Status),
            (date(2024, 2, 1), Status),
            (date(2024, 2, 1), Status),
            (date(2024, 1, 10), Note),
            (date(2024, 1, 10), Assessment),
        ]
    );
}

#[test]
fn filtering_by_kind() {
    let (store, client) = story();
    use TimelineKind::*;
    let only = |k| kinds_and_dates(&store, client, TimelineFilter::only(k));
    assert_eq!(only(Note).len(), 2);
    assert_eq!(only(Status).len(), 5);
    assert_eq!(only(Review).len(), 1);
    assert_eq!(only(Assessment).len(), 5);
    assert_eq!(only(Exit), vec![(date(2024, 6, 1), Exit)]);
    assert_eq!(
        only(CheckIn).len(),
        3,
        "planned and cancelled contacts are not events"
    );
    assert_eq!(only(ReEntry).len(), 1);
    assert_eq!(only(Premium).len(), 1, "only the paid instalment");
    let f = TimelineFilter::of(&[Exit, ReEntry]);
    assert_eq!(
        kinds_and_dates(&store, client, f),
        vec![(date(2025, 3, 1), ReEntry), (date(2024, 6, 1), Exit)]
    );
    let without_notes = TimelineFilter::all().toggle(Note);
    assert!(!without_notes.contains(Note) && without_notes.contains(Exit));
    assert!(!without_notes.is_all() && without_notes.toggle(Note).is_all());
    assert_eq!(kinds_and_dates(&store, client, without_notes).len(), 17);
    assert!(kinds_and_dates(&store, client, TimelineFilter::of(&[])).is_empty());
    // Every kind is labelled in both languages.
    for k in TimelineKind::all() {
        for lang in [Lang::Nl, Lang::En] {
            assert_ne!(k.label(lang), "[?]");
        }
    }
}

#[test]
fn scores_against_the_previous_one_across_benefit_periods() {
    let (store, client) = story();
    let rows = store
        .timeline(client, TimelineFilter::only(TimelineKind::Assessment))
        .unwrap();
    let got: Vec<_> = rows
        .iter()
        .map(|e| match &e.event {
            Event::Assessment { rung, domains, .. } => (
                e.on,
                rung.map(|r| (r.now, r.trend())),
                domains
                    .iter()
                    .map(|(d, s)| (*d, s.now, s.trend()))
                    .collect::<Vec<_>>(),
            ),
            other => panic!("{other:?}"),
        })
        .collect();
    use LifeDomain::*;
    use Trend::*;
    assert_eq!(
        got,
        vec![
            (date(2025, 3, 5), Some((Rung::UnpaidWork, Down)), vec![]),
            (date(2024, 5, 25), None, vec![(Finances, 3, Same)]),
            (
                date(2024, 5, 20),
                Some((Rung::PaidWork, Up)),
                vec![(Finances, 3, Up), (Housing, 3, Down)]
            ),
            (
                date(2024, 3, 15),
                Some((Rung::OrganisedActivities, Up)),
                vec![]
            ),
            (
                date(2024, 1, 10),
                Some((Rung::SocialContacts, First)),
                vec![(Finances, 2, First), (Housing, 4, First)]
            ),
        ]
    );
    assert_eq!(
        Scored {
            now: 3u8,
            before: Some(3)
        }
        .trend(),
        Same
    );
}

#[test]
fn entries_carry_what_a_line_needs() {
    let (store, client) = story();
    let all = store.timeline(client, TimelineFilter::all()).unwrap();
    let reentry = all
        .iter()
        .find(|e| e.kind() == TimelineKind::ReEntry)
        .unwrap();
    assert!(matches!(
        reentry.event,
        Event::ReEntry {
            months: 9,
            previous_exit,
            ..
        } if previous_exit == date(2024, 6, 1)
    ));
    let stop = all
        .iter()
        .find(|e| {
            matches!(
                &e.event,
                Event::Status {
                    status: TrajectoryStatus::Stopped,
                    ..
                }
            )
        })
        .unwrap();
    assert!(
        matches!(&stop.event, Event::Status { reason: Some(r), result: None, .. } if r == "Schulden zelf geregeld")
    );
    let done = all
        .iter()
        .find(|e| {
            matches!(
                &e.event,
                Event::Status {
                    status: TrajectoryStatus::Completed,
                    ..
                }
            )
        })
        .unwrap();
    assert!(matches!(
        &done.event,
        Event::Status {
            result: Some(TrajectoryResult::Work),
            reason: None,
            ..
        }
    ));
    let missed = all
        .iter()
        .find(|e| matches!(&e.event, Event::CheckIn { reached: false, .. }))
        .unwrap();
    assert_eq!(missed.on, date(2024, 6, 9));
    let note = all
        .iter()
        .find(|e| e.on == date(2025, 3, 5) && e.kind() == TimelineKind::Note)
        .unwrap();
    assert!(
        matches!(&note.event, Event::Note { agreements, .. } if agreements.len() == 1 && agreements[0].follow_up == Some(date(2025, 3, 19)))
    );
}

#[test]
fn one_or_two_lines_in_both_languages() {
    let (store, client) = story();
    let catalog = Catalog::builtin();
    let templates = Templates::builtin();
    let all = store.timeline(client, TimelineFilter::all()).unwrap();
    let lines = |lang| -> Vec<String> {
        let cx = TextContext {
            lang,
            catalog: &catalog,
            templates: &templates,
        };
        all.iter()
            .map(|e| {
                let mut s = format!(
                    "{} {:<22} {}",
                    caseload::domain::date::fmt_date(e.on),
                    e.kind().label(lang),
                    e.headline(&cx)
                );
                if let Some(d) = e.detail(&cx) {
                    s.push_str(&format!("\n{:>33}{d}", ""));
                }
                s
            })
            .collect()
    };
    insta::assert_snapshot!("timeline_en", lines(Lang::En).join("\n"));
    insta::assert_snapshot!("timeline_nl", lines(Lang::Nl).join("\n"));
}

#[test]
fn one_day_is_ordered_by_when_it_was_recorded() {
    let mut store = Store::open_in_memory().unwrap();
    // The stamps have whole seconds: a clock that moves on a second at every save puts
    // each save below in a later second.
    let second = std::sync::atomic::AtomicI64::new(0);
    let start = date(2026, 11, 23).and_hms_opt(9, 0, 0).unwrap();
    store.set_clock(std::sync::Arc::new(move || {
        start + chrono::TimeDelta::seconds(second.fetch_add(1, std::sync::atomic::Ordering::SeqCst))
    }));
    let day = date(2026, 11, 23);
    let (client, ep) = store
        .write(|tx| {
            let c = tx.insert_client(&person())?;
            let e = tx.insert_episode(&episode(c, date(2026, 9, 1), None))?;
            Ok((c, e))
        })
        .unwrap();
    let cat = Catalog::builtin();
    // Referred and started in one save, then a note, then the review.
    let jh = store
        .assign_trajectory(
            ep,
            &Assignment::for_instrument(cat.get("jobhunter").unwrap(), Lang::En, day, Some(day)),
        )
        .unwrap();
    store
        .add_note(
            ep,
            &NoteInput {
                noted_on: day,
                channel: Channel::Phone,
                summary: "Gebeld over de vacatures.".into(),
                template: None,
                agreements: Vec::new(),
            },
        )
        .unwrap();
    let t = store.trajectory(jh).unwrap().unwrap();
    store
        .record_review(
            jh,
            &ReviewInput {
                progress: "Goed op weg.".into(),
                ..ReviewInput::new(&t, day)
            },
        )
        .unwrap();
    let order: Vec<String> = store
        .timeline(client, TimelineFilter::all())
        .unwrap()
        .iter()
        .map(|e| match &e.event {
            Event::Status { status, .. } => status.code().to_owned(),
            _ => e.kind().code().to_owned(),
        })
        .collect();
    assert_eq!(order, ["review", "note", "started", "referred"]);
}
