//! The rules at their edges, typed key by key as a caseworker would (issue 12): a check-in
//! without consent, a re-entry on the exit day, the start of an ended period, and input
//! that contradicts itself refused at its field. After each save the caseload is still
//! sound: `caseload check` is clean and the export comes back byte for byte.

use crate::edges_support;

use caseload::assets::Assets;
use caseload::domain::codes::*;
use caseload::domain::exit::{ExitInput, JobSource};
use caseload::domain::notes::{AgreementInput, NoteInput};
use caseload::domain::report_period::Period;
use caseload::i18n::{Lang, t};
use caseload::store::Store;
use edges_support::common::{press, type_str};
use edges_support::exit_support::permanent_job;
use edges_support::*;
use ratatui::crossterm::event::KeyCode;

fn en(key: &str) -> String {
    t(Lang::En, key).to_owned()
}

#[test]
fn a_check_in_without_consent_is_held_and_the_caseload_stays_sound() {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, _) = client_born(&mut store, 1, date(1990, 5, 17));
    let input = ExitInput {
        work: Some(permanent_job()),
        aftercare: AftercareMode::Active,
        consent: false,
        ..plain_exit(cid, ExitReason::WorkEmployment, date(2026, 11, 2))
    };
    let plan = store
        .record_exit(&input, &Assets::builtin())
        .unwrap()
        .plan_id
        .unwrap();
    let mut a = on_file(store);
    press(&mut a, KeyCode::Char('a'));
    type_str(&mut a, "y");
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    let held = &a.store().contacts(plan).unwrap()[0];
    assert_eq!(
        (held.status, held.channel),
        (ContactStatus::Done, Some(Channel::Phone))
    );
    assert!(caseload::domain::contact_rules::answers(held).is_empty());
    sound(a.store());
}

/// Anna left on 31 March 2026 (she moved); her file open on the intake of a new period.
fn back_on_benefit() -> (caseload::app::App, i64, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, ep) = client_born(&mut store, 1, date(1990, 5, 17));
    leave(&mut store, cid, ExitReason::OtherMoved, date(2026, 3, 31));
    let mut a = on_file(store);
    press(&mut a, KeyCode::Char('R'));
    assert!(
        a.form().is_some(),
        "the intake of a new period: {}",
        status(&a)
    );
    (a, cid, ep)
}

#[test]
fn a_re_entry_on_the_exit_day_is_saved_with_a_warning_and_counts_as_re_entry() {
    let (mut a, cid, ep) = back_on_benefit();
    retype(&mut a, "benefit_start", "30-3-2026");
    let before = "The new benefit period cannot start before the last exit (31-03-2026).";
    choose(&mut a, "distance", "long");
    choose(&mut a, "rung", "4");
    refused_at(&mut a, "benefit_start", before);
    retype(&mut a, "benefit_start", "31-3-2026");
    press(&mut a, KeyCode::Tab);
    assert_eq!(error(&a, "benefit_start"), None);
    assert_eq!(
        note(&a, "benefit_start").as_deref(),
        Some("Starts on the day of the exit (31-03-2026): an immediate re-application.")
    );
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    let eps = a.store().episodes_of(cid).unwrap();
    assert_eq!(eps.len(), 2);
    assert_eq!(
        (eps[1].benefit_start, eps[1].previous_episode_id),
        (date(2026, 3, 31), Some(ep))
    );
    sound(a.store());
    // The report counts it as a re-entry within six months (its window has passed).
    let year = Period {
        from: date(2026, 1, 1),
        to: date(2026, 12, 31),
    };
    let r = a
        .store()
        .report(year, today(), &Assets::builtin().report)
        .unwrap();
    let band = r.exits.total().bands[0];
    assert_eq!((band.reentered, band.observed), (1, 1));
}

#[test]
fn an_ended_period_keeps_its_start_and_an_open_one_stays_after_the_last_exit() {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, _) = client_born(&mut store, 1, date(1990, 5, 17));
    leave(&mut store, cid, ExitReason::OtherMoved, date(2026, 3, 31));
    let mut a = on_file(store);
    press(&mut a, KeyCode::Char('e'));
    choose(&mut a, "distance", "short");
    retype(&mut a, "benefit_start", "1-2-2024");
    refused_at(&mut a, "benefit_start", &en("edge.start_of_ended_period"));
    retype(&mut a, "benefit_start", "1-1-2024");
    save(&mut a);
    assert!(
        a.form().is_none(),
        "the start as it was saves: {}",
        status(&a)
    );
    let mut store = Store::open_in_memory().unwrap();
    let (cid, _) = client_born(&mut store, 1, date(1990, 5, 17));
    leave(&mut store, cid, ExitReason::OtherMoved, date(2026, 3, 31));
    store.re_enter(cid, date(2026, 5, 1)).unwrap();
    let mut a = on_file(store);
    press(&mut a, KeyCode::Char('e'));
    retype(&mut a, "benefit_start", "30-3-2026");
    choose(&mut a, "household", "single");
    choose(&mut a, "distance", "short");
    refused_at(
        &mut a,
        "benefit_start",
        "The new benefit period cannot start before the last exit (31-03-2026).",
    );
    retype(&mut a, "benefit_start", "31-3-2026");
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    assert_eq!(
        a.store().episodes_of(cid).unwrap()[1].benefit_start,
        date(2026, 3, 31)
    );
    sound(a.store());
}

#[test]
fn a_phone_with_letters_and_an_e_mail_without_a_domain_are_refused_at_their_field() {
    let mut a = common_app();
    press(&mut a, KeyCode::Char('n'));
    for (key, text) in [
        ("bsn", "123456782"),
        ("first_name", "Anna"),
        ("last_name", "Berg"),
        ("birth_date", "17-5-1990"),
        ("phone", "06-1234567a"),
        ("email", "anna@example"),
        ("benefit_start", "1-11-2026"),
    ] {
        retype(&mut a, key, text);
    }
    choose(&mut a, "household", "single");
    choose(&mut a, "distance", "short");
    choose(&mut a, "rung", "3");
    refused_at(&mut a, "phone", &en("edge.phone"));
    retype(&mut a, "phone", "+31 (0)6 1234 5678");
    refused_at(&mut a, "email", &en("edge.email"));
    retype(&mut a, "email", "anna@example.nl");
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    sound(a.store());
}

fn common_app() -> caseload::app::App {
    edges_support::common::app(Store::open_in_memory().unwrap(), Lang::En)
}

/// The exit form of a client born on `birth` (on benefit since 1 January 2024, a jobhunter
/// started on 10 November 2026), the reason chosen.
fn exit_form(birth: chrono::NaiveDate, reason: &str) -> caseload::app::App {
    let mut store = Store::open_in_memory().unwrap();
    let (_, ep) = client_born(&mut store, 1, birth);
    trajectory(
        &mut store,
        ep,
        "jobhunter",
        TrajectoryStatus::Started,
        date(2026, 11, 10),
    );
    let mut a = on_file(store);
    press(&mut a, KeyCode::Char('x'));
    choose(&mut a, "reason", reason);
    choose(&mut a, "aftercare", "declined");
    a
}

#[test]
fn a_job_above_the_norm_is_not_partly_independent_nor_found_after_the_exit() {
    let mut a = exit_form(date(1990, 5, 17), "job, income");
    choose(&mut a, "contract_type", "permanent");
    retype(&mut a, "hours_per_week", "32");
    choose(&mut a, "independence", "partly");
    refused_at(&mut a, "independence", &en("edge.employment_partly"));
    choose(&mut a, "independence", "fully");
    // The jobhunter started on 10 November: a job of an exit on 1 November was not found
    // through it; of an exit on 10 November it may have been.
    retype(&mut a, "exit_date", "1-11-2026");
    choose(&mut a, "found_via", "jobhunter");
    refused_at(&mut a, "found_via", &en("edge.found_via_after_exit"));
    retype(&mut a, "exit_date", "10-11-2026");
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    sound(a.store());
}

#[test]
fn a_study_exit_is_for_clients_under_27_on_the_exit_date() {
    // 27 on 24 November 2026: the day before, a study exit; on the birthday, not.
    let mut a = exit_form(date(1999, 11, 24), "study");
    retype(&mut a, "exit_date", "24-11-2026");
    refused_at(&mut a, "reason", &en("edge.study_age"));
    retype(&mut a, "exit_date", "23-11-2026");
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    sound(a.store());
    // Correcting the date of birth afterwards may not make that exit one of a 27-year-old.
    press(&mut a, KeyCode::Char('e'));
    choose(&mut a, "distance", "short");
    retype(&mut a, "birth_date", "23-11-1999");
    refused_at(&mut a, "birth_date", &en("edge.study_age_birth"));
    retype(&mut a, "birth_date", "25-11-1999");
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    sound(a.store());
}

#[test]
fn a_premium_is_offered_only_for_work_of_the_schemes_hours() {
    let mut a = exit_form(date(1990, 5, 17), "job, income");
    choose(&mut a, "contract_type", "permanent");
    choose(&mut a, "independence", "fully");
    let offered = |a: &caseload::app::App| -> Vec<String> {
        let options = a.field_options("premium").unwrap();
        options.iter().map(|o| o.code.clone()).collect()
    };
    retype(&mut a, "hours_per_week", "15");
    press(&mut a, KeyCode::Tab);
    assert!(!offered(&a).contains(&"two_instalments".to_owned()));
    retype(&mut a, "hours_per_week", "16");
    press(&mut a, KeyCode::Tab);
    assert!(offered(&a).contains(&"two_instalments".to_owned()));
    // The store holds the same rule for a save that bypasses the form.
    let cid = a.file().unwrap().client.id;
    let mut input = ExitInput {
        work: Some(permanent_job()),
        premium: Some("two_instalments".into()),
        ..plain_exit(cid, ExitReason::WorkEmployment, today())
    };
    if let Some(w) = input.work.as_mut() {
        w.hours_per_week = Some(caseload::domain::hours::Hours::whole(15));
        w.found_via = Some(JobSource::OwnEffort);
    }
    let err = a
        .store_mut()
        .record_exit(&input, &Assets::builtin())
        .unwrap_err();
    assert_eq!(err.to_string(), "exit_rule.premium_not_eligible");
}

#[test]
fn a_follow_up_may_not_move_before_the_note_it_was_agreed_in() {
    let mut store = Store::open_in_memory().unwrap();
    let (_, ep) = client_born(&mut store, 1, date(1990, 5, 17));
    let note = NoteInput {
        noted_on: date(2026, 11, 2),
        channel: Channel::Phone,
        summary: "Gebeld over de cursus.".into(),
        template: None,
        agreements: vec![AgreementInput::new(
            "Aanmelden",
            Who::Client,
            Some(date(2026, 11, 16)),
        )],
    };
    store.add_note(ep, &note).unwrap();
    let mut a = on_file(store);
    press(&mut a, KeyCode::Char('p'));
    retype(&mut a, "a1_follow_up", "1-11-2026");
    refused_at(
        &mut a,
        "a1_follow_up",
        &en("plan_rule.follow_up_before_note"),
    );
    retype(&mut a, "a1_follow_up", "2-11-2026");
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    assert_eq!(
        a.store().agreements(ep).unwrap()[0].follow_up,
        Some(date(2026, 11, 2))
    );
    sound(a.store());
}

#[test]
fn an_exit_dated_before_a_trajectory_started_ends_it_on_its_start() {
    let mut a = exit_form(date(1990, 5, 17), "moved");
    retype(&mut a, "exit_date", "1-11-2026");
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    let ep = a
        .store()
        .latest_episode(a.file().unwrap().client.id)
        .unwrap()
        .unwrap();
    let t = &a.store().trajectories(ep.id).unwrap()[0];
    assert_eq!(
        (t.status, t.ended_on),
        (TrajectoryStatus::Stopped, Some(date(2026, 11, 10)))
    );
    sound(a.store());
}
