//! Contacts outside the aftercare schedule, in every mode: recorded with who held them and
//! the same answers, counted in the report by what they were, clearing the flag of failed
//! tries (but not a call from the employer), refused under declined aftercare without the
//! client's consent; and the employer's contact person kept with the exit interview.

use crate::exit_support::*;
use crate::transfer_support::{export, imported};

use caseload::assets::Assets;
use caseload::domain::checkin::CheckInInput;
use caseload::domain::codes::*;
use caseload::domain::model::EmployerContact;
use caseload::domain::report_period::Period;
use caseload::store::aftercare_unplanned::UnplannedInput;
use caseload::store::{Store, StoreError};
use chrono::NaiveDate;

fn exited(store: &mut Store, mode: AftercareMode, consent: bool) -> (i64, Option<i64>) {
    let (cid, _, mut input) = worked_example(store);
    input.aftercare = mode;
    input.consent = consent;
    let saved = store.record_exit(&input, &Assets::builtin()).unwrap();
    (cid, saved.plan_id)
}

fn called(on: NaiveDate, occasion: ContactOccasion, consent_now: bool) -> UnplannedInput {
    let mut contact = CheckInInput::new(on, Channel::Phone, true);
    contact.how_is_work = "Druk, maar het gaat goed.".into();
    contact.risk = Some(Risk::Low);
    UnplannedInput {
        occasion,
        held_by: ContactBy::Caseworker,
        contact,
        consent_now,
    }
}

/// The plan's earliest planned contact not reached, three times over (each try on its
/// planned day): the plan is flagged.
fn three_failed_tries(store: &mut Store, plan: i64) {
    let cfg = Assets::builtin().aftercare;
    for _ in 0..3 {
        let next = store
            .contacts(plan)
            .unwrap()
            .into_iter()
            .filter(|c| c.status == ContactStatus::Planned)
            .min_by_key(|c| c.planned_on)
            .unwrap();
        store
            .record_check_in(
                next.id,
                &CheckInInput::new(next.planned_on, Channel::Phone, false),
                &cfg,
            )
            .unwrap();
    }
}

fn unplanned_counts(store: &Store) -> Vec<(ContactOccasion, u64)> {
    let year = Period {
        from: date(2026, 1, 1),
        to: date(2027, 12, 31),
    };
    store
        .aftercare_figures(year, date(2027, 1, 15))
        .unwrap()
        .unplanned
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .collect()
}

#[test]
fn passive_aftercare_records_a_call_from_the_client_with_its_answers() {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, plan) = exited(&mut store, AftercareMode::Passive, true);
    let plan = plan.unwrap();
    let before = store.aftercare_figures(
        Period {
            from: date(2026, 1, 1),
            to: date(2027, 12, 31),
        },
        date(2027, 1, 15),
    );
    let out = store
        .record_unplanned_contact(
            cid,
            &called(date(2027, 1, 12), ContactOccasion::ClientCalled, false),
        )
        .unwrap();
    assert!(out.content_saved);
    let c = store.contact(out.contact_id).unwrap().unwrap();
    assert_eq!(c.plan_id, plan);
    assert_eq!(
        (c.kind, c.status, c.occasion, c.held_by),
        (
            ContactKind::Extra,
            ContactStatus::Done,
            Some(ContactOccasion::ClientCalled),
            Some(ContactBy::Caseworker)
        )
    );
    assert_eq!(c.how_is_work, "Druk, maar het gaat goed.");
    assert_eq!(
        unplanned_counts(&store),
        vec![(ContactOccasion::ClientCalled, 1)]
    );
    // The contacts planned in the period do not count it.
    let after = store
        .aftercare_figures(
            Period {
                from: date(2026, 1, 1),
                to: date(2027, 12, 31),
            },
            date(2027, 1, 15),
        )
        .unwrap();
    assert_eq!(after.planned, before.unwrap().planned);
    // It travels with an export, and nothing breaks a rule.
    assert!(store.rule_findings().unwrap().is_empty());
    let (copy, _) = imported(&export(&store));
    let copied = copy.client_record(cid).unwrap().unwrap();
    let text = format!("{copied:?}");
    assert!(text.contains("ClientCalled"), "{text}");
}

#[test]
fn declined_aftercare_needs_the_clients_consent_now() {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, plan) = exited(&mut store, AftercareMode::Declined, false);
    assert_eq!(plan, None);
    let on = date(2027, 2, 3);
    let refused = store
        .record_unplanned_contact(cid, &called(on, ContactOccasion::ClientCalled, false))
        .unwrap_err();
    assert!(
        matches!(
            refused,
            StoreError::Invalid("unplanned.err.declined_no_consent")
        ),
        "{refused:?}"
    );
    assert!(unplanned_counts(&store).is_empty());
    assert_eq!(store.unplanned_target(cid).unwrap().1, None);
    // With consent: kept on a declined plan that plans nothing and leaves the phase closed.
    let out = store
        .record_unplanned_contact(cid, &called(on, ContactOccasion::WorkplaceVisit, true))
        .unwrap();
    assert!(out.content_saved);
    let (_, plan) = store.unplanned_target(cid).unwrap();
    let plan = plan.unwrap();
    assert_eq!(
        (plan.mode, plan.status, plan.consent),
        (AftercareMode::Declined, PlanStatus::Completed, true)
    );
    assert_eq!(store.contacts(plan.id).unwrap().len(), 1);
    assert_eq!(store.phase(cid).unwrap(), caseload::domain::Phase::Closed);
    assert_eq!(
        unplanned_counts(&store),
        vec![(ContactOccasion::WorkplaceVisit, 1)]
    );
    assert!(store.rule_findings().unwrap().is_empty());
    // A correction of the exit that keeps aftercare declined keeps the contact.
    let (_, _, mut input) = worked_example(&mut Store::open_in_memory().unwrap());
    input.client_id = cid;
    input.aftercare = AftercareMode::Declined;
    input.consent = false;
    let ep = store.latest_episode(cid).unwrap().unwrap().id;
    store
        .write(|tx| tx.correct_exit(ep, &input, &Assets::builtin()).map(|_| ()))
        .unwrap();
    assert_eq!(
        unplanned_counts(&store),
        vec![(ContactOccasion::WorkplaceVisit, 1)]
    );
}

#[test]
fn a_contact_with_the_client_clears_the_flag_but_a_call_from_the_employer_does_not() {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, plan) = exited(&mut store, AftercareMode::Active, true);
    let plan = plan.unwrap();
    // Three failed tries in a row over the first contacts: flagged.
    three_failed_tries(&mut store, plan);
    assert!(store.aftercare_plan_by_id(plan).unwrap().unwrap().flagged);
    let on = date(2027, 1, 4);
    store
        .record_unplanned_contact(cid, &called(on, ContactOccasion::EmployerCalled, false))
        .unwrap();
    assert!(store.aftercare_plan_by_id(plan).unwrap().unwrap().flagged);
    let out = store
        .record_unplanned_contact(cid, &called(on, ContactOccasion::ClientCalled, false))
        .unwrap();
    assert!(out.unflagged);
    assert!(!store.aftercare_plan_by_id(plan).unwrap().unwrap().flagged);
    assert!(
        !store
            .contacts(plan)
            .unwrap()
            .iter()
            .any(|c| c.kind == ContactKind::Retry && c.status == ContactStatus::Planned)
    );
}

#[test]
fn a_client_on_benefit_has_no_contacts_outside_the_schedule() {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, _) = client_on_benefit(&mut store, 2, "Bram", "", "Jansen", date(2025, 1, 1));
    let e = store
        .record_unplanned_contact(
            cid,
            &called(date(2026, 1, 5), ContactOccasion::ClientCalled, true),
        )
        .unwrap_err();
    assert!(matches!(e, StoreError::Invalid("unplanned.err.not_exited")));
}

#[test]
fn the_employer_contact_person_is_kept_only_with_consent() {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, _, mut input) = worked_example(&mut store);
    input.work.as_mut().unwrap().employer_contact = EmployerContact {
        consent: Some(true),
        name: "  Petra de Vries (HR) ".into(),
        phone: "023 512 3456".into(),
    };
    let saved = store.record_exit(&input, &Assets::builtin()).unwrap();
    let x = store.exit_interview(saved.episode_id).unwrap().unwrap();
    assert_eq!(
        x.employer_contact,
        EmployerContact {
            consent: Some(true),
            name: "Petra de Vries (HR)".into(),
            phone: "023 512 3456".into(),
        }
    );
    let (copy, _) = imported(&export(&store));
    let back = copy.client_record(cid).unwrap().unwrap();
    assert!(format!("{back:?}").contains("Petra de Vries (HR)"));
    // Without consent the name and phone are not kept.
    let mut store = Store::open_in_memory().unwrap();
    let (_, _, mut input) = worked_example(&mut store);
    input.work.as_mut().unwrap().employer_contact = EmployerContact {
        consent: Some(false),
        name: "Petra de Vries".into(),
        phone: "023 512 3456".into(),
    };
    let saved = store.record_exit(&input, &Assets::builtin()).unwrap();
    let x = store.exit_interview(saved.episode_id).unwrap().unwrap();
    assert_eq!(
        x.employer_contact,
        EmployerContact {
            consent: Some(false),
            ..EmployerContact::default()
        }
    );
}

#[test]
fn a_contact_outside_the_schedule_is_corrected_but_stays_held() {
    let mut store = Store::open_in_memory().unwrap();
    let cfg = Assets::builtin().aftercare;
    let (cid, _) = exited(&mut store, AftercareMode::Declined, false);
    let on = date(2027, 2, 3);
    let id = store
        .record_unplanned_contact(cid, &called(on, ContactOccasion::ClientCalled, true))
        .unwrap()
        .contact_id;
    let refused = store
        .write(|tx| tx.correct_check_in(id, &CheckInInput::new(on, Channel::Phone, false), &cfg))
        .unwrap_err();
    assert!(
        matches!(refused, StoreError::Invalid("unplanned.err.held")),
        "{refused:?}"
    );
    let mut fixed = CheckInInput::new(date(2027, 2, 2), Channel::InPerson, true);
    fixed.how_is_work = "Gaat goed.".into();
    store
        .write(|tx| tx.correct_check_in(id, &fixed, &cfg))
        .unwrap();
    let c = store.contact(id).unwrap().unwrap();
    assert_eq!(
        (
            c.planned_on,
            c.done_on,
            c.channel,
            c.how_is_work.as_str(),
            c.occasion
        ),
        (
            date(2027, 2, 2),
            Some(date(2027, 2, 2)),
            Some(Channel::InPerson),
            "Gaat goed.",
            Some(ContactOccasion::ClientCalled)
        )
    );
}

#[test]
fn a_talk_with_the_job_coach_or_a_contact_dated_before_the_failed_tries_keeps_the_flag() {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, plan) = exited(&mut store, AftercareMode::Active, true);
    let plan = plan.unwrap();
    three_failed_tries(&mut store, plan);
    assert!(store.aftercare_plan_by_id(plan).unwrap().unwrap().flagged);
    let on = date(2027, 1, 4);
    store
        .record_unplanned_contact(cid, &called(on, ContactOccasion::JobCoach, false))
        .unwrap();
    assert!(store.aftercare_plan_by_id(plan).unwrap().unwrap().flagged);
    // The client called, but on the day of the exit: before the failed tries.
    store
        .record_unplanned_contact(
            cid,
            &called(date(2026, 11, 30), ContactOccasion::ClientCalled, false),
        )
        .unwrap();
    assert!(store.aftercare_plan_by_id(plan).unwrap().unwrap().flagged);
}

#[test]
fn no_contact_outside_the_schedule_without_an_exit_interview_to_work_or_study() {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, _) = client_on_benefit(&mut store, 3, "Cor", "", "Smit", date(2025, 1, 1));
    let input = plain_exit(cid, ExitReason::OtherMoved, date(2026, 3, 1));
    store.record_exit(&input, &Assets::builtin()).unwrap();
    let e = store
        .record_unplanned_contact(
            cid,
            &called(date(2026, 4, 1), ContactOccasion::ClientCalled, true),
        )
        .unwrap_err();
    assert!(
        matches!(e, StoreError::Invalid("unplanned.err.no_aftercare")),
        "{e:?}"
    );
}

#[test]
fn the_exit_letter_of_declined_aftercare_stays_declined_after_a_contact() {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, _) = exited(&mut store, AftercareMode::Declined, false);
    store
        .record_unplanned_contact(
            cid,
            &called(date(2027, 2, 3), ContactOccasion::ClientCalled, true),
        )
        .unwrap();
    let facts = store
        .letter_facts(cid, date(2027, 2, 4), &Assets::builtin().premium)
        .unwrap();
    assert!(facts.plan.is_none(), "{:?}", facts.plan);
}

#[test]
fn an_import_refuses_an_occasion_on_a_planned_contact_by_its_path() {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, _) = exited(&mut store, AftercareMode::Passive, true);
    store
        .record_unplanned_contact(
            cid,
            &called(date(2027, 1, 12), ContactOccasion::ClientCalled, false),
        )
        .unwrap();
    let text = String::from_utf8(export(&store)).unwrap();
    assert!(text.contains("\"occasion\": \"client_called\""), "{text}");
    let broken = text.replacen("\"kind\": \"extra\"", "\"kind\": \"scheduled\"", 1);
    assert_ne!(broken, text);
    let mut other = Store::open_in_memory().unwrap();
    let e =
        caseload::commands::import::import_into(&mut other, broken.as_bytes(), false).unwrap_err();
    let said = crate::transfer_support::lines(&e);
    assert!(said.contains(".occasion"), "{said}");
    assert!(
        said.contains("only an extra contact that was held"),
        "{said}"
    );
    assert!(other.client_ids().unwrap().is_empty());
}
