//! The list's next action and the client's open items are derived (SQL views), never
//! stored: they follow every note, agreement, review and status change at once.

use crate::common;

use caseload::domain::Bsn;
use caseload::domain::agenda::{ItemKind, OpenItem};
use caseload::domain::catalog::Catalog;
use caseload::domain::codes::*;
use caseload::domain::model::*;
use caseload::domain::notes::{AgreementInput, GoalInput, NoteInput, PlanError};
use caseload::domain::templates::Templates;
use caseload::domain::timeline::{Event, TimelineFilter};
use caseload::domain::timeline_text::TextContext;
use caseload::domain::trajectory::{Assignment, ReviewInput, StatusChange};
use caseload::i18n::Lang;
use caseload::store::{Store, StoreError};
use chrono::NaiveDate;
use common::{date, today};

fn setup() -> (Store, Id, Id) {
    let mut store = Store::open_in_memory().unwrap();
    let ids = store
        .write(|tx| {
            let c = tx.insert_client(&Person {
                bsn: Bsn::parse("249566758").unwrap(),
                first_name: "Kees".into(),
                prefix: "de".into(),
                last_name: "Vries".into(),
                birth_date: None,
                phone: String::new(),
                email: String::new(),
                address: String::new(),
            })?;
            let e = tx.insert_episode(&Episode {
                id: 0,
                client_id: c,
                benefit_start: date(2026, 9, 1),
                benefit_type: BenefitType::Participatiewet,
                exit_date: None,
                last_payment_date: None,
                exit_reason: None,
                previous_episode_id: None,
            })?;
            Ok((c, e))
        })
        .unwrap();
    (store, ids.0, ids.1)
}

/// (due, kind, detail) of the client's open items, soonest first.
fn open(store: &Store, client: Id) -> Vec<(NaiveDate, ItemKind, String)> {
    store
        .open_items_of(client)
        .unwrap()
        .into_iter()
        .map(|i| (i.due, i.kind, i.detail))
        .collect()
}

/// The list's next action, checked to agree between the whole list and one row.
fn next(store: &Store, client: Id) -> Option<(NaiveDate, ItemKind)> {
    let row = store
        .caseload_row(client, common::today())
        .unwrap()
        .unwrap();
    let list = store.caseload(common::today()).unwrap();
    let in_list = list.iter().find(|r| r.client_id == client).unwrap();
    let f = |n: &Option<OpenItem>| n.as_ref().map(|i| (i.due, i.kind));
    assert_eq!(f(&row.next), f(&in_list.next));
    f(&row.next)
}

fn note(on: NaiveDate, agreements: Vec<AgreementInput>) -> NoteInput {
    NoteInput {
        noted_on: on,
        channel: Channel::InPerson,
        summary: "Gesprek gevoerd.".into(),
        template: None,
        agreements,
    }
}

#[test]
fn agreement_follow_ups_come_and_go() {
    let (mut store, client, ep) = setup();
    // On benefit with nothing planned: no next step since the period began.
    assert_eq!(
        next(&store, client),
        Some((date(2026, 9, 1), ItemKind::Idle))
    );
    let saved = store
        .add_note(
            ep,
            &note(
                today(),
                vec![
                    AgreementInput::new("Cv sturen", Who::Client, Some(date(2026, 12, 1))),
                    AgreementInput::new("Zonder datum", Who::Both, None),
                ],
            ),
        )
        .unwrap();
    let cv = saved.agreement_ids[0];
    assert_eq!(
        open(&store, client),
        vec![(date(2026, 12, 1), ItemKind::Agreement, "Cv sturen".into())]
    );
    assert_eq!(
        next(&store, client),
        Some((date(2026, 12, 1), ItemKind::Agreement))
    );
    // A plan agreement with an earlier follow-up becomes the next action.
    let plan = store
        .add_agreement(
            ep,
            &AgreementInput::new(
                "Bellen met werkgever",
                Who::Caseworker,
                Some(date(2026, 11, 25)),
            ),
        )
        .unwrap();
    assert_eq!(
        next(&store, client),
        Some((date(2026, 11, 25), ItemKind::Agreement))
    );
    // Done: gone; open again: back.
    store.set_agreement_done(plan, Some(today())).unwrap();
    assert_eq!(
        next(&store, client),
        Some((date(2026, 12, 1), ItemKind::Agreement))
    );
    store.set_agreement_done(plan, None).unwrap();
    assert_eq!(
        next(&store, client),
        Some((date(2026, 11, 25), ItemKind::Agreement))
    );
    // Moving the follow-up moves the item; the done date is kept on an edit.
    store.set_agreement_done(plan, Some(today())).unwrap();
    store
        .edit_agreement(
            plan,
            &AgreementInput::new(
                "Bellen met werkgever",
                Who::Caseworker,
                Some(date(2026, 11, 24)),
            ),
        )
        .unwrap();
    assert_eq!(
        store.agreement(plan).unwrap().unwrap().done_on,
        Some(today())
    );
    store.set_agreement_done(plan, None).unwrap();
    assert_eq!(
        next(&store, client),
        Some((date(2026, 11, 24), ItemKind::Agreement))
    );
    // Editing the note: change one agreement, drop the other, add one.
    store
        .update_note(
            saved.note_id,
            &note(
                today(),
                vec![
                    AgreementInput {
                        id: Some(cv),
                        ..AgreementInput::new(
                            "Cv en brief sturen",
                            Who::Client,
                            Some(date(2026, 11, 26)),
                        )
                    },
                    AgreementInput::new(
                        "Vacatures bekijken",
                        Who::Client,
                        Some(date(2026, 12, 15)),
                    ),
                ],
            ),
        )
        .unwrap();
    let (n, agreements) = store.note_with_agreements(saved.note_id).unwrap().unwrap();
    assert_eq!(n.summary, "Gesprek gevoerd.");
    assert_eq!(agreements.len(), 2);
    assert_eq!(agreements[0].id, cv);
    assert_eq!(
        open(&store, client),
        vec![
            (
                date(2026, 11, 24),
                ItemKind::Agreement,
                "Bellen met werkgever".into()
            ),
            (
                date(2026, 11, 26),
                ItemKind::Agreement,
                "Cv en brief sturen".into()
            ),
            (
                date(2026, 12, 15),
                ItemKind::Agreement,
                "Vacatures bekijken".into()
            ),
        ]
    );
    // The agenda up to a date shows the same items.
    let agenda: Vec<_> = store
        .open_items(date(2026, 11, 30))
        .unwrap()
        .into_iter()
        .map(|i| i.ref_id)
        .collect();
    assert_eq!(agenda.len(), 2);
    assert!(agenda.contains(&cv) && agenda.contains(&plan));
}

#[test]
fn trajectory_reviews_and_ends_follow_every_change() {
    let (mut store, client, ep) = setup();
    let cat = Catalog::builtin();
    let a = Assignment::for_instrument(
        cat.get("jobhunter").unwrap(),
        Lang::Nl,
        date(2026, 10, 1),
        None,
    );
    let id = store.assign_trajectory(ep, &a).unwrap();
    // Referred: review a month after the referral, end three months after it.
    assert_eq!(
        open(&store, client),
        vec![
            // A month after the referral is Sunday 1 November: the Monday.
            (date(2026, 11, 2), ItemKind::Review, "Jobhunter".into()),
            (
                date(2027, 1, 1),
                ItemKind::TrajectoryEnd,
                "Jobhunter".into()
            ),
        ]
    );
    assert_eq!(
        next(&store, client),
        Some((date(2026, 11, 2), ItemKind::Review))
    );
    // Started: the review counts from the start.
    store
        .change_trajectory_status(id, &StatusChange::start(date(2026, 10, 15)))
        .unwrap();
    // (15 November 2026 is a Sunday.)
    assert_eq!(
        next(&store, client),
        Some((date(2026, 11, 16), ItemKind::Review))
    );
    // A review sets the next one.
    let t = store.trajectory(id).unwrap().unwrap();
    let r = ReviewInput {
        progress: "Eerste sollicitaties verstuurd.".into(),
        ..ReviewInput::new(&t, today())
    };
    assert_eq!(r.next_review, date(2026, 12, 23));
    store.record_review(id, &r).unwrap();
    assert_eq!(
        open(&store, client),
        vec![
            (date(2026, 12, 23), ItemKind::Review, "Jobhunter".into()),
            (
                date(2027, 1, 1),
                ItemKind::TrajectoryEnd,
                "Jobhunter".into()
            ),
        ]
    );
    // An agreement before the review is the next action; the review follows.
    store
        .add_agreement(
            ep,
            &AgreementInput::new("Vacature zorg", Who::Client, Some(date(2026, 12, 1))),
        )
        .unwrap();
    assert_eq!(
        next(&store, client),
        Some((date(2026, 12, 1), ItemKind::Agreement))
    );
    // Ended: neither review nor end is open any more.
    store
        .change_trajectory_status(id, &StatusChange::complete(today(), TrajectoryResult::Work))
        .unwrap();
    assert_eq!(
        open(&store, client),
        vec![(
            date(2026, 12, 1),
            ItemKind::Agreement,
            "Vacature zorg".into()
        )]
    );
    // A stopped referral likewise.
    let id2 = store.assign_trajectory(ep, &a).unwrap();
    assert_eq!(open(&store, client).len(), 3);
    store
        .change_trajectory_status(id2, &StatusChange::stop(today(), "Geen plek"))
        .unwrap();
    assert_eq!(open(&store, client).len(), 1);
    assert_eq!(
        store.phase(client).unwrap(),
        caseload::domain::Phase::Intake
    );
}

#[test]
fn goals_and_refusals_of_the_plan() {
    let (mut store, _, ep) = setup();
    let g = store
        .add_goal(
            ep,
            &GoalInput {
                term: Term::Short,
                text: " Dagritme opbouwen ".into(),
                target_date: Some(date(2027, 1, 31)),
            },
        )
        .unwrap();
    store
        .edit_goal(
            g,
            &GoalInput {
                term: Term::Long,
                text: "Dagritme en vrijwilligerswerk".into(),
                target_date: None,
            },
        )
        .unwrap();
    store.set_goal_done(g, Some(today())).unwrap();
    let goal = store.goal(g).unwrap().unwrap();
    assert_eq!(
        (
            goal.term,
            goal.text.as_str(),
            goal.target_date,
            goal.done_on
        ),
        (
            Term::Long,
            "Dagritme en vrijwilligerswerk",
            None,
            Some(today())
        )
    );
    store.set_goal_done(g, None).unwrap();
    assert_eq!(store.goals(ep).unwrap()[0].done_on, None);
    let refused = |r: Result<_, StoreError>| match r {
        Err(StoreError::Plan(e)) => e,
        other => panic!("{other:?}"),
    };
    let dump = store.dump().unwrap();
    let empty_goal = GoalInput {
        term: Term::Short,
        text: "  ".into(),
        target_date: None,
    };
    assert_eq!(
        refused(store.add_goal(ep, &empty_goal).map(|_| ())),
        PlanError::GoalTextRequired
    );
    assert_eq!(
        refused(store.edit_goal(g, &empty_goal)),
        PlanError::GoalTextRequired
    );
    assert_eq!(
        refused(store.set_goal_done(999, None)),
        PlanError::GoalNotFound
    );
    let late = note(
        today(),
        vec![AgreementInput::new(
            "Bellen",
            Who::Caseworker,
            Some(date(2026, 11, 22)),
        )],
    );
    assert_eq!(
        refused(store.add_note(ep, &late).map(|_| ())),
        PlanError::FollowUpBeforeNote
    );
    let blank = NoteInput {
        summary: "\n  \n".into(),
        ..note(today(), vec![])
    };
    assert_eq!(
        refused(store.add_note(ep, &blank).map(|_| ())),
        PlanError::SummaryRequired
    );
    assert_eq!(
        refused(store.add_note(999, &note(today(), vec![])).map(|_| ())),
        PlanError::EpisodeNotFound
    );
    assert_eq!(
        refused(store.update_note(999, &note(today(), vec![])).map(|_| ())),
        PlanError::NoteNotFound
    );
    assert_eq!(
        refused(store.set_agreement_done(999, Some(today()))),
        PlanError::AgreementNotFound
    );
    let err = store.add_goal(ep, &empty_goal).unwrap_err();
    assert_eq!(
        err.refusal(Lang::Nl).as_deref(),
        Some("Een doel heeft een tekst nodig.")
    );
    assert_eq!(store.dump().unwrap(), dump, "refusals write nothing");
    // An agreement of another note cannot be moved into this one.
    let a = store
        .add_note(
            ep,
            &note(today(), vec![AgreementInput::new("A", Who::Client, None)]),
        )
        .unwrap();
    let b = store.add_note(ep, &note(today(), vec![])).unwrap();
    let steal = note(
        today(),
        vec![AgreementInput {
            id: Some(a.agreement_ids[0]),
            ..AgreementInput::new("A", Who::Client, None)
        }],
    );
    assert_eq!(
        refused(store.update_note(b.note_id, &steal).map(|_| ())),
        PlanError::AgreementOfAnotherNote
    );
    // A follow-up may not precede its note, also when edited later.
    assert_eq!(
        refused(store.edit_agreement(
            a.agreement_ids[0],
            &AgreementInput::new("A", Who::Client, Some(date(2026, 1, 1)))
        )),
        PlanError::FollowUpBeforeNote
    );
    for e in [
        PlanError::SummaryRequired,
        PlanError::AgreementTextRequired,
        PlanError::GoalTextRequired,
        PlanError::FollowUpBeforeNote,
        PlanError::AgreementOfAnotherNote,
        PlanError::NoteNotFound,
        PlanError::AgreementNotFound,
        PlanError::GoalNotFound,
        PlanError::EpisodeNotFound,
    ] {
        for lang in [Lang::Nl, Lang::En] {
            assert!(!e.message(lang).contains("[?]"), "{e:?}");
        }
    }
}

/// The "done when" of issue 4, without the screens: a jobhunter assigned and started, a
/// phone note from the template sets a follow-up in two weeks, which becomes the next
/// action; the trajectory completes with a result; the timeline tells the story.
#[test]
fn the_story_of_issue_4() {
    let (mut store, client, ep) = setup();
    let cat = Catalog::builtin();
    let templates = Templates::builtin();
    let a = Assignment {
        provider: "Werkgeversservicepunt".into(),
        ..Assignment::for_instrument(
            cat.get("jobhunter").unwrap(),
            Lang::Nl,
            date(2026, 11, 2),
            None,
        )
    };
    let id = store.assign_trajectory(ep, &a).unwrap();
    store
        .change_trajectory_status(id, &StatusChange::start(date(2026, 11, 9)))
        .unwrap();
    let mut n = templates.get("phone").unwrap().prefill(Lang::Nl, today());
    n.summary = n.summary.replace(
        "Besproken\n",
        "Besproken\nTwee vacatures in de logistiek gevonden.\n",
    );
    store.add_note(ep, &n).unwrap();
    let item = store
        .caseload_row(client, common::today())
        .unwrap()
        .unwrap()
        .next
        .unwrap();
    assert_eq!(
        (item.due, item.kind),
        (date(2026, 12, 7), ItemKind::Agreement)
    );
    assert_eq!(
        item.describe(Lang::Nl, &Catalog::builtin()),
        "Terugbellen: hoe staat het ervoor?"
    );
    store
        .change_trajectory_status(
            id,
            &StatusChange::complete(date(2026, 11, 30), TrajectoryResult::Work),
        )
        .unwrap();
    let cx = TextContext {
        lang: Lang::En,
        catalog: &cat,
        templates: &templates,
    };
    let story: Vec<String> = store
        .timeline(client, TimelineFilter::all())
        .unwrap()
        .iter()
        .map(|e| format!("{} {}", e.on, e.headline(&cx)))
        .collect();
    assert_eq!(
        story,
        vec![
            "2026-11-30 Jobhunter: Completed",
            "2026-11-23 Phone contact · follow-up 07-12-2026",
            "2026-11-09 Jobhunter: Started",
            "2026-11-02 Jobhunter: Referred",
        ]
    );
    let timeline = store.timeline(client, TimelineFilter::all()).unwrap();
    assert!(matches!(
        timeline[0].event,
        Event::Status {
            result: Some(TrajectoryResult::Work),
            ..
        }
    ));
    assert_eq!(
        timeline[1].detail(&cx).as_deref(),
        Some("Twee vacatures in de logistiek gevonden."),
        "the template's own lines are left out"
    );
}

#[test]
fn a_stopped_only_trajectory_leaves_no_next_step_flagged_and_first_in_the_agenda() {
    let (mut store, client, ep) = setup();
    let cat = Catalog::builtin();
    let a = Assignment::for_instrument(
        cat.get("jobhunter").unwrap(),
        Lang::Nl,
        date(2026, 10, 1),
        None,
    );
    let id = store.assign_trajectory(ep, &a).unwrap();
    assert_eq!(next(&store, client).map(|n| n.1), Some(ItemKind::Review));
    store
        .change_trajectory_status(id, &StatusChange::stop(date(2026, 10, 20), "Geen plek"))
        .unwrap();
    // Nothing dated is open: no next step since the stop, and flagged.
    assert_eq!(
        next(&store, client),
        Some((date(2026, 10, 20), ItemKind::Idle))
    );
    let row = store.caseload_row(client, today()).unwrap().unwrap();
    assert!(row.flagged);
    let agenda = store.agenda(today()).unwrap();
    assert_eq!(agenda[0].item.kind, ItemKind::Idle);
    assert_eq!(agenda[0].item.client_id, client);
    assert_eq!(
        agenda[0].item.urgency(today()),
        caseload::domain::agenda::Urgency::Idle
    );
    // The command says so, as text and JSON.
    let text = caseload::commands::agenda::run(&store, &cat, Lang::En, today(), 14, false).unwrap();
    assert!(text.contains("No next step (1)"), "{text}");
    assert!(text.contains("Vries, Kees de"), "{text}");
    assert!(text.contains("nothing planned since 20-10-2026"), "{text}");
    let json = caseload::commands::agenda::run(&store, &cat, Lang::En, today(), 14, true).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["counts"]["no_next_step"], 1);
    assert_eq!(v["items"][0]["group"], "no_next_step");
    assert_eq!(v["items"][0]["kind"], "idle");
    // A note with a follow-up is a next step again.
    store
        .add_note(
            ep,
            &note(
                today(),
                vec![AgreementInput::new(
                    "Bellen",
                    Who::Both,
                    Some(date(2026, 12, 1)),
                )],
            ),
        )
        .unwrap();
    assert_eq!(
        next(&store, client),
        Some((date(2026, 12, 1), ItemKind::Agreement))
    );
    assert!(store.agenda(today()).unwrap().is_empty());
}

#[test]
fn an_intake_without_an_agreed_plan_has_the_plan_due_after_the_days_of_casework_toml() {
    use caseload::domain::casework::CaseworkConfig;
    let mut store = Store::open_in_memory().unwrap();
    caseload::demo::generate(&mut store, 60, 7, today()).unwrap();
    let rows = store.caseload(today()).unwrap();
    let row = rows
        .iter()
        .find(|r| r.next.as_ref().is_some_and(|n| n.kind == ItemKind::Plan))
        .expect("a demo client in intake without a plan");
    let ep = store.latest_episode(row.client_id).unwrap().unwrap();
    let intake = store.intake(ep.id).unwrap().unwrap();
    assert_eq!(intake.plan_agreed_on, None);
    let due = row.next.as_ref().unwrap().due;
    assert_eq!(due, intake.intake_date.unwrap() + chrono::Days::new(14));
    // Overdue, it is flagged; on its day, not yet.
    let at = |d: NaiveDate| {
        store
            .caseload_row(row.client_id, d)
            .unwrap()
            .unwrap()
            .flagged
    };
    assert!(!at(due));
    assert!(at(due + chrono::Days::new(1)));
    // The overdue count agrees with the items themselves on each day around that one.
    let overdue_on = |store: &Store, due: NaiveDate| {
        for day in (0..5).map(|k| due - chrono::Days::new(2) + chrono::Days::new(k)) {
            let far = day + chrono::Days::new(3650);
            let items = store.open_items(far).unwrap();
            let want = items.iter().filter(|i| i.due < day).count();
            assert_eq!(store.overdue_count(day).unwrap(), want, "on {day}");
        }
    };
    overdue_on(&store, due);
    // A municipality that allows 30 days.
    store.set_casework(CaseworkConfig {
        plan_within_days: 30,
        ..CaseworkConfig::default()
    });
    overdue_on(&store, intake.intake_date.unwrap() + chrono::Days::new(30));
    let later = store.caseload_row(row.client_id, today()).unwrap().unwrap();
    assert_eq!(
        later.next.map(|n| (n.kind, n.due)),
        Some((
            ItemKind::Plan,
            intake.intake_date.unwrap() + chrono::Days::new(30)
        ))
    );
}

#[test]
fn every_open_client_of_the_demo_has_a_next_step_or_a_flag_at_several_seeds() {
    use caseload::domain::Phase;
    for seed in [1, 7, 42, 2026] {
        let mut store = Store::open_in_memory().unwrap();
        caseload::demo::generate(&mut store, 150, seed, today()).unwrap();
        for r in store.caseload(today()).unwrap() {
            if r.phase == Phase::Closed {
                continue;
            }
            let next = r
                .next
                .as_ref()
                .unwrap_or_else(|| panic!("seed {seed}: {r:?}"));
            assert!(
                next.kind != ItemKind::Idle || r.flagged,
                "seed {seed}: an idle client is not flagged"
            );
        }
    }
}
