//! Risk of re-entry on screen, through the app's keys: the list marks high (`!H`) and
//! medium (`M`) clients, and the client file gives the level with its factors, in both
//! languages, for hand-made clients.

use crate::common;
use crate::exit_support;

use caseload::app::App;
use caseload::assets::Assets;
use caseload::domain::checkin::CheckInInput;
use caseload::domain::codes::*;
use caseload::domain::exit::{ExitInput, JobSource, WorkInput};
use caseload::domain::model::Id;
use caseload::i18n::Lang;
use caseload::store::Store;
use common::{app, draw, press, resize};
use exit_support::{client_on_benefit, date};
use ratatui::crossterm::event::KeyCode;

/// Leaves benefit on 1 June 2026 for a job of `contract` (temporary ones until 7 December
/// 2026), with active aftercare; returns the plan.
fn exit(store: &mut Store, cid: Id, contract: ContractType) -> Id {
    let temporary = contract != ContractType::Permanent;
    let input = ExitInput {
        client_id: cid,
        held_on: date(2026, 6, 1),
        exit_date: date(2026, 6, 1),
        last_payment_date: None,
        reason: ExitReason::WorkEmployment,
        work: Some(WorkInput {
            employer: "Zorggroep Kennemerland".into(),
            job_title: "helpende zorg".into(),
            contract_type: Some(contract),
            contract_end: temporary.then(|| date(2026, 12, 7)),
            hours_per_week: Some(caseload::domain::hours::Hours::whole(24)),
            independence: Some(Independence::Full),
            job_agreement: None,
            sanction_24_months: None,
            found_via: Some(JobSource::OwnEffort),
            first_work_day: None,
            employer_contact: Default::default(),
        }),
        study_end: None,
        checklist: Assets::builtin().checklist.blank(),
        aftercare: AftercareMode::Active,
        consent: true,
        premium: None,
        move_consent: None,
    };
    store
        .record_exit(&input, &Assets::builtin())
        .unwrap()
        .plan_id
        .unwrap()
}

/// Three clients: Anna (high: debts, a temporary contract, judged high at her first
/// check-in), Bram (medium: a single parent on an on-call contract) and Carla (on benefit,
/// no exit interview started: no level). Returns Anna's id.
fn three_clients(store: &mut Store) -> Id {
    let (anna, ep) = client_on_benefit(store, 1, "Anna", "van der", "Berg", date(2024, 1, 1));
    let mut intake = store.intake(ep).unwrap().unwrap();
    intake.barriers = vec![Barrier::Debts];
    store.write(|tx| tx.save_intake(&intake)).unwrap();
    let plan = exit(store, anna, ContractType::Temporary);
    let first = store.contacts(plan).unwrap()[0].id;
    let mut c = CheckInInput::new(date(2026, 6, 2), Channel::Phone, true);
    c.risk = Some(Risk::High);
    c.risk_reason = "Contract loopt af, geen verlenging".into();
    store
        .record_check_in(first, &c, &Assets::builtin().aftercare)
        .unwrap();
    let (bram, ep) = client_on_benefit(store, 2, "Bram", "", "Kuipers", date(2024, 1, 1));
    let mut intake = store.intake(ep).unwrap().unwrap();
    intake.household = Some(Household::SingleWithChildren);
    store.write(|tx| tx.save_intake(&intake)).unwrap();
    exit(store, bram, ContractType::OnCall);
    client_on_benefit(store, 3, "Carla", "", "Smit", date(2025, 3, 3));
    anna
}

/// The app on the list, 140×45, with the cursor on `client` and the file focused.
fn on_file(store: Store, lang: Lang, client: Id) -> App {
    let mut a = app(store, lang);
    resize(&mut a, 140, 45);
    let at = a.list().iter().position(|r| r.client_id == client).unwrap();
    for _ in 0..at {
        press(&mut a, KeyCode::Char('j'));
    }
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.file().unwrap().client.id, client);
    a
}

#[test]
fn the_list_marks_and_the_file_explains_the_risk_in_english() {
    let mut store = Store::open_in_memory().unwrap();
    let anna = three_clients(&mut store);
    let a = on_file(store, Lang::En, anna);
    insta::assert_snapshot!("risk_list_and_file_en", draw(&a).backend());
}

#[test]
fn the_list_marks_and_the_file_explains_the_risk_in_dutch() {
    let mut store = Store::open_in_memory().unwrap();
    let anna = three_clients(&mut store);
    let a = on_file(store, Lang::Nl, anna);
    insta::assert_snapshot!("risk_list_and_file_nl", draw(&a).backend());
}

#[test]
fn a_started_exit_interview_brings_the_client_in_scope() {
    let mut store = Store::open_in_memory().unwrap();
    three_clients(&mut store);
    let carla = store
        .caseload(common::today())
        .unwrap()
        .iter()
        .find(|r| r.name.starts_with("Smit"))
        .unwrap()
        .client_id;
    let mut a = on_file(store, Lang::En, carla);
    assert_eq!(a.file().unwrap().risk, None);
    assert_eq!(a.selected_row().unwrap().risk, None);
    // `x` opens the exit interview; a change writes its draft, leaving keeps it.
    press(&mut a, KeyCode::Char('x'));
    assert!(a.form().is_some());
    a.fill("last_payment_date", "30-11-2026");
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Enter);
    assert!(a.form().is_none());
    a.reload_client(carla);
    let file = a.file().unwrap();
    assert!(
        file.risk.is_some(),
        "a draft of the exit puts Carla in scope"
    );
}

#[test]
fn o_sorts_the_list_by_risk_highest_first() {
    let mut store = Store::open_in_memory().unwrap();
    let anna = three_clients(&mut store);
    let mut a = app(store, Lang::En);
    // Due date, name, phase, then risk.
    for _ in 0..3 {
        press(&mut a, KeyCode::Char('o'));
    }
    assert!(
        crate::common::screen(&a).contains("by risk of re-entry"),
        "{}",
        crate::common::screen(&a)
    );
    let names: Vec<String> = a.list().iter().map(|r| r.name.clone()).collect();
    assert_eq!(a.list()[0].client_id, anna, "{names:?}");
    assert!(
        names[1].contains("Kuipers") && names[2].contains("Smit"),
        "{names:?}"
    );
    press(&mut a, KeyCode::Char('o'));
    assert!(
        crate::common::screen(&a).contains("by due date")
            || !crate::common::screen(&a).contains("by risk")
    );
}

#[test]
fn the_exit_interview_advises_active_aftercare_when_the_risk_is_high() {
    use ratatui::crossterm::event::KeyModifiers;
    let mut store = Store::open_in_memory().unwrap();
    let (_, ep) = client_on_benefit(&mut store, 4, "Dirk", "", "Visser", date(2024, 1, 1));
    let mut intake = store.intake(ep).unwrap().unwrap();
    intake.barriers = vec![Barrier::Debts, Barrier::MentalHealth];
    intake.household = Some(Household::SingleWithChildren);
    store.write(|tx| tx.save_intake(&intake)).unwrap();
    let mut a = app(store, Lang::En);
    resize(&mut a, 140, 45);
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('x'));
    let step = |a: &mut App, key: KeyCode| {
        common::press_mod(a, key, KeyModifiers::CONTROL);
    };
    // Debts, mental health and a single parent: medium, before anything is typed.
    step(&mut a, KeyCode::Right);
    step(&mut a, KeyCode::Right);
    let s = crate::common::screen(&a);
    assert!(
        s.contains("Medium risk of re-entry (3 factors, weight 5)"),
        "{s}"
    );
    assert!(!s.contains("Active aftercare is advised"), "{s}");
    // Leaving for a temporary contract makes it high.
    step(&mut a, KeyCode::Left);
    step(&mut a, KeyCode::Left);
    for _ in 0..3 {
        press(&mut a, KeyCode::Tab);
    }
    common::type_str(&mut a, "job, income");
    press(&mut a, KeyCode::Enter);
    common::type_str(&mut a, "PostNL");
    press(&mut a, KeyCode::Tab);
    common::type_str(&mut a, "postbezorger");
    press(&mut a, KeyCode::Tab);
    common::type_str(&mut a, "temporary");
    press(&mut a, KeyCode::Enter);
    step(&mut a, KeyCode::Right);
    step(&mut a, KeyCode::Right);
    let s = crate::common::screen(&a);
    assert!(
        s.contains("Active aftercare is advised: high risk of re-entry (4 factors, weight 7)"),
        "{s}"
    );
}

#[test]
fn the_agenda_marks_the_risk_as_the_list_does() {
    let mut store = Store::open_in_memory().unwrap();
    three_clients(&mut store);
    let mut a = app(store, Lang::En);
    resize(&mut a, 140, 45);
    press(&mut a, KeyCode::Char('2'));
    crate::common::settle(&mut a);
    let s = crate::common::screen(&a);
    assert!(s.contains("!H Berg, Anna van der"), "{s}");
    assert!(s.contains("M Kuipers, Bram"), "{s}");
    assert!(
        !s.contains("M Smit, Carla") && !s.contains("!H Smit"),
        "{s}"
    );
}
