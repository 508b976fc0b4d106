//! Issue 5 by keys: the exit interview of a client who found a temporary job through a
//! jobhunter, the checklist, the premium explained and granted, active aftercare with
//! consent, the letter on disk, and the client back on benefit later (re-entry).

use crate::common;

use caseload::app::App;
use caseload::domain::Phase;
use caseload::domain::agenda::ItemKind;
use caseload::domain::assignment::Assignment;
use caseload::domain::codes::*;
use caseload::domain::model::*;
use caseload::domain::{Bsn, date::add_months};
use caseload::i18n::Lang;
use caseload::store::Store;
use common::{date, draw, press, press_mod, screen, today, type_str};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn save(a: &mut App) {
    press_mod(a, KeyCode::Char('s'), KeyModifiers::CONTROL);
}

fn focused(a: &App) -> String {
    a.focused_field().unwrap().to_owned()
}

/// Anna, on benefit since 01-02-2024 (33 months), with a running jobhunter.
fn anna(path: &std::path::Path) -> (Store, i64, i64) {
    let mut store = Store::open(path).unwrap();
    let catalog = caseload::domain::catalog::Catalog::builtin();
    let (id, ep) = store
        .write(|tx| {
            let id = tx.insert_client(&Person {
                bsn: Bsn::parse("123456782").unwrap(),
                first_name: "Anna".into(),
                prefix: "van der".into(),
                last_name: "Berg".into(),
                birth_date: Some(date(1990, 5, 17)),
                phone: String::new(),
                email: String::new(),
                address: String::new(),
            })?;
            let ep = tx.insert_episode(&Episode::open(
                id,
                date(2024, 2, 1),
                BenefitType::Participatiewet,
                None,
            ))?;
            tx.save_intake(&Intake {
                episode_id: ep,
                intake_date: Some(date(2024, 2, 5)),
                plan_agreed_on: Some(date(2024, 2, 20)),
                ..Default::default()
            })?;
            let a = Assignment::for_instrument(
                catalog.get("jobhunter").unwrap(),
                Lang::En,
                date(2026, 9, 1),
                Some(date(2026, 9, 1)),
            );
            tx.assign_trajectory(ep, &a)?;
            Ok((id, ep))
        })
        .unwrap();
    (store, id, ep)
}

#[test]
fn the_exit_interview_by_keys_with_premium_aftercare_and_letter() {
    let dir = tempfile::tempdir().unwrap();
    let (store, id, ep) = anna(&dir.path().join("c.db"));
    // The letter names the caseworker of caseworker.toml.
    let mut assets = caseload::assets::Assets::builtin();
    assets.caseworker = caseload::domain::caseworker::Caseworker {
        name: "Marieke de Vries".into(),
        contact: "06 12345678".into(),
    };
    let mut a = App::with_assets(store, assets, Lang::En, today(), (100, 30));
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.file().unwrap().client.id, id);
    press(&mut a, KeyCode::Char('x'));
    assert_eq!(focused(&a), "held_on");
    press(&mut a, KeyCode::Tab);
    press_mod(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_str(&mut a, "+1m");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    type_str(&mut a, "job, income");
    press(&mut a, KeyCode::Enter);
    type_str(&mut a, "PostNL");
    press(&mut a, KeyCode::Tab);
    type_str(&mut a, "postbezorger");
    press(&mut a, KeyCode::Tab);
    type_str(&mut a, "temporary");
    press(&mut a, KeyCode::Enter);
    assert_eq!(
        focused(&a),
        "contract_end",
        "a temporary contract asks for its end"
    );
    // Leaving the end empty is refused at save.
    press(&mut a, KeyCode::Tab);
    type_str(&mut a, "32");
    press(&mut a, KeyCode::Tab);
    type_str(&mut a, "fully");
    press(&mut a, KeyCode::Enter);
    type_str(&mut a, "jobhunter");
    press(&mut a, KeyCode::Enter);
    type_str(&mut a, "24-11-2026");
    let s = screen(&a);
    assert!(
        s.contains("Jobhunter → Completed"),
        "the trajectory that found the job completes:\n{s}"
    );
    save(&mut a);
    assert_eq!(focused(&a), "contract_end");
    type_str(&mut a, "+7m");
    insta::assert_snapshot!("exit_step", draw(&a).backend());
    // The checklist: all ten discussed.
    press_mod(&mut a, KeyCode::Right, KeyModifiers::CONTROL);
    for n in 0..10 {
        if n == 2 {
            // Each item is read whole, also at 120 columns and not focused.
            common::resize(&mut a, 120, 35);
            let s = screen(&a);
            for item in &caseload::assets::Assets::builtin().checklist.items[..3] {
                let words: Vec<&str> = item.text(Lang::En).split_whitespace().collect();
                let last = words.last().unwrap();
                assert!(s.contains(last), "{last} of {:?}:\n{s}", item.key);
            }
            insta::assert_snapshot!("checklist_step", draw(&a).backend());
            common::resize(&mut a, 100, 30);
        }
        type_str(&mut a, "y");
        press(&mut a, KeyCode::Tab);
        press(&mut a, KeyCode::Tab);
    }
    // Aftercare and premium.
    press_mod(&mut a, KeyCode::Right, KeyModifiers::CONTROL);
    type_str(&mut a, "active");
    press(&mut a, KeyCode::Enter);
    type_str(&mut a, "y");
    press(&mut a, KeyCode::Tab);
    // The employer's contact person, with the client's consent to contact the employer.
    assert_eq!(focused(&a), "employer_contact_consent");
    type_str(&mut a, "y");
    press(&mut a, KeyCode::Tab);
    type_str(&mut a, "Petra de Vries (HR)");
    press(&mut a, KeyCode::Tab);
    type_str(&mut a, "023 512 3456");
    press(&mut a, KeyCode::Tab);
    let s = screen(&a);
    assert!(
        s.contains("✓ on benefit 34 months and 22 days, needs more than 24 months"),
        "{s}"
    );
    assert!(s.contains("Two instalments"), "{s}");
    insta::assert_snapshot!("premium_step", draw(&a).backend());
    type_str(&mut a, "two");
    press(&mut a, KeyCode::Enter);
    save(&mut a);
    assert!(a.form().is_none(), "{:?}", a.status());

    let e = a.store().episode(ep).unwrap().unwrap();
    assert_eq!(
        (e.exit_date, e.exit_reason),
        (Some(date(2026, 12, 23)), Some(ExitReason::WorkEmployment))
    );
    let x = a.store().exit_interview(ep).unwrap().unwrap();
    assert_eq!(x.contract_type, Some(ContractType::Temporary));
    assert_eq!(x.checklist.len(), 10);
    assert!(x.checklist.iter().all(|c| c.discussed));
    assert!(x.premium_granted);
    assert_eq!(
        (
            x.employer_contact.consent,
            x.employer_contact.name.as_str(),
            x.employer_contact.phone.as_str()
        ),
        (Some(true), "Petra de Vries (HR)", "023 512 3456")
    );
    let plan = a.store().aftercare_plan(ep).unwrap().unwrap();
    assert_eq!((plan.mode, plan.consent), (AftercareMode::Active, true));
    assert!(!a.store().contacts(plan.id).unwrap().is_empty());
    let inst = a.store().instalments(ep).unwrap();
    assert_eq!(inst.len(), 2);
    assert_eq!(
        inst[1].due_on,
        add_months(date(2026, 11, 24), 6).max(inst[1].due_on)
    );
    let t = &a.store().trajectories(ep).unwrap()[0];
    assert_eq!(
        (t.status, t.result),
        (TrajectoryStatus::Completed, Some(TrajectoryResult::Work))
    );
    // The client is in aftercare with the instalments and the first check-in in view.
    let file = a.file().unwrap();
    assert_eq!(file.phase, Phase::Aftercare);
    assert!(file.open_items.iter().any(|i| i.kind == ItemKind::CheckIn));
    assert!(file.open_items.iter().any(|i| i.kind == ItemKind::Premium));

    // The letter, naming the caseworker of caseworker.toml.
    press(&mut a, KeyCode::Char('L'));
    let status = a.status().unwrap().to_owned();
    assert!(status.contains("Letter written"), "{status}");
    let letters: Vec<_> = std::fs::read_dir(dir.path().join("letters"))
        .unwrap()
        .collect();
    assert_eq!(letters.len(), 1);
    let path = letters[0].as_ref().unwrap().path();
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    assert_eq!(name, "2026-11-23_c_K000001_exit.md");
    assert!(!name.contains("123456782"));
    let text = std::fs::read_to_string(&path).unwrap();
    let congratulations = text.find("Congratulations").unwrap();
    let benefit = text.find("benefit ends").unwrap_or(usize::MAX);
    assert!(congratulations < text.find("## What changes").unwrap());
    assert!(
        text.contains("I remain your contact person: Marieke de Vries (06 12345678)."),
        "{text}"
    );
    assert!(text.trim_end().ends_with("Marieke de Vries"), "{text}");
    assert!(benefit != usize::MAX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

#[test]
fn a_re_entry_starts_a_new_period_ends_aftercare_and_offers_the_old_intake() {
    use caseload::domain::agenda::ItemKind;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id, ep) = anna(&dir.path().join("c.db"));
    let assets = caseload::assets::Assets::builtin();
    let mut input = caseload::domain::exit::ExitInput {
        client_id: id,
        held_on: date(2026, 6, 1),
        exit_date: date(2026, 6, 1),
        last_payment_date: None,
        reason: ExitReason::WorkEmployment,
        work: Some(caseload::domain::exit::WorkInput {
            contract_type: Some(ContractType::Permanent),
            hours_per_week: Some(caseload::domain::hours::Hours::whole(36)),
            ..Default::default()
        }),
        study_end: None,
        checklist: Vec::new(),
        aftercare: AftercareMode::Active,
        consent: true,
        premium: Some("two_instalments".into()),
        move_consent: None,
    };
    input.checklist = assets.checklist.blank();
    let saved = store.record_exit(&input, &assets).unwrap();
    // The first instalment paid at the exit, the second due on 01-12-2026.
    let [first, second] = saved.instalment_ids[..] else {
        panic!("two instalments")
    };
    store.mark_instalment_paid(first, date(2026, 6, 1)).unwrap();
    store
        .write(|tx| {
            tx.save_intake(&Intake {
                episode_id: ep,
                intake_date: Some(date(2024, 2, 5)),
                household: Some(Household::Single),
                work_experience: "Post".into(),
                ..Default::default()
            })
        })
        .unwrap();
    let mut a = common::app(store, Lang::En);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.file().unwrap().phase, Phase::Aftercare);
    press(&mut a, KeyCode::Char('R'));
    assert!(a.form().is_some(), "the intake of the new period");
    assert_eq!(a.field("last_name").unwrap(), "Berg");
    assert_eq!(
        a.field("work_experience").unwrap(),
        "Post",
        "the previous intake is the starting point"
    );
    a.fill("benefit_start", "1-5-2026");
    press(&mut a, KeyCode::Tab);
    let s = screen(&a);
    assert!(s.contains("cannot start before the last exit"), "{s}");
    a.focus("benefit_start");
    press_mod(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_str(&mut a, "1-11-2026");
    press_mod(&mut a, KeyCode::Right, KeyModifiers::CONTROL);
    press(&mut a, KeyCode::Tab);
    type_str(&mut a, "long");
    press(&mut a, KeyCode::Enter);
    type_str(&mut a, "4");
    press(&mut a, KeyCode::Enter);
    save(&mut a);
    assert!(a.form().is_none(), "{:?}", a.status());
    let eps = a.store().episodes_of(id).unwrap();
    assert_eq!(eps.len(), 2);
    assert_eq!(eps[1].previous_episode_id, Some(ep));
    assert_eq!(eps[1].benefit_start, date(2026, 11, 1));
    let plan = a.store().aftercare_plan(ep).unwrap().unwrap();
    assert_eq!(
        (plan.status, plan.end_reason),
        (PlanStatus::Ended, Some(AftercareEndReason::Reentry))
    );
    assert_eq!(a.store().client_count().unwrap(), 1);
    assert_eq!(a.file().unwrap().phase, Phase::Intake);
    // The unpaid instalment was cancelled with the re-entry, in the same save: it is no
    // longer due (not in the agenda, cannot be paid) and stays on record; the paid one
    // stays paid.
    let inst = a.store().instalments(ep).unwrap();
    assert_eq!(inst[0].paid_on, Some(date(2026, 6, 1)));
    assert_eq!(inst[0].cancelled_on, None);
    assert_eq!((inst[1].id, inst[1].paid_on), (second, None));
    assert_eq!(inst[1].cancelled_on, Some(date(2026, 11, 1)));
    let agenda = a.store().agenda(date(2027, 12, 31)).unwrap();
    assert!(!agenda.iter().any(|e| e.item.kind == ItemKind::Premium));
    assert!(a.store_mut().mark_instalment_paid(second, today()).is_err());
    // Tall enough for the timeline below the plan of action now due.
    crate::common::resize(&mut a, 100, 45);
    let s = screen(&a);
    assert!(
        s.contains("Premium instalment no. 2 cancelled"),
        "the timeline keeps the record:\n{s}"
    );
    let timeline = &a.file().unwrap().timeline;
    assert!(
        timeline
            .iter()
            .any(|e| e.kind() == caseload::domain::timeline::TimelineKind::ReEntry)
    );
    let _ = today();
}
