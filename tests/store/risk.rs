//! The facts of the risk of re-entry as the store reads them, for hand-made clients: who is
//! in scope (aftercare, or an exit interview started), and each factor from its record.

use crate::exit_support::*;

use caseload::assets::Assets;
use caseload::domain::checkin::CheckInInput;
use caseload::domain::codes::*;
use caseload::domain::risk::{Factor, RiskFacts, assess};
use caseload::store::Store;

#[test]
fn a_client_on_benefit_is_out_of_scope_until_the_exit_interview_is_started() {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, _) = client_on_benefit(&mut store, 1, "Piet", "", "Jansen", date(2025, 1, 6));
    assert_eq!(store.risk_facts_of(cid).unwrap(), None);
    assert!(store.risk_facts().unwrap().is_empty());
    store.save_draft("exit", cid, "{}").unwrap();
    let f = store.risk_facts_of(cid).unwrap().unwrap();
    assert_eq!(f, RiskFacts::default());
    assert_eq!(
        store.risk_facts().unwrap(),
        vec![(cid, RiskFacts::default())]
    );
}

#[test]
fn each_factor_is_read_from_its_record() {
    let mut store = Store::open_in_memory().unwrap();
    let assets = Assets::builtin();
    let (cid, _, input) = worked_example(&mut store);
    let ep = store.episodes_of(cid).unwrap()[0].id;
    let mut intake = store.intake(ep).unwrap().unwrap();
    intake.household = Some(Household::SingleWithChildren);
    intake.statushouder = true;
    intake.barriers = vec![Barrier::Debts, Barrier::MentalHealth];
    store.write(|tx| tx.save_intake(&intake)).unwrap();
    let saved = store.record_exit(&input, &assets).unwrap();
    let f = store.risk_facts_of(cid).unwrap().unwrap();
    assert!(f.debts && f.mental_health && f.single_parent && f.statushouder);
    assert_eq!(f.contract, Some(ContractType::Temporary));
    assert!(!f.study_exit && !f.earlier_reentry);
    assert_eq!(f.checkin, None);
    // The latest check-in that judged the risk counts.
    let plan = saved.plan_id.unwrap();
    let first = store.contacts(plan).unwrap()[0].id;
    let mut c = CheckInInput::new(date(2026, 12, 1), Channel::Phone, true);
    c.risk = Some(Risk::High);
    c.risk_reason = "Contract loopt af".into();
    store.record_check_in(first, &c, &assets.aftercare).unwrap();
    let f = store.risk_facts_of(cid).unwrap().unwrap();
    assert_eq!(f.checkin, Some(Risk::High));
    let a = assess(&f, &assets.risk);
    assert_eq!(a.level, Risk::High);
    assert!(
        a.factors
            .iter()
            .any(|(x, _)| *x == Factor::CheckIn(Risk::High))
    );
    assert_eq!(store.risk_facts().unwrap(), vec![(cid, f)]);
}

#[test]
fn the_report_splits_every_counted_exit_by_its_risk_at_exit_and_the_rows_add_up() {
    use caseload::domain::codes::Risk;
    use caseload::domain::report_period::Period;
    let mut store = Store::open_in_memory().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    caseload::demo::generate(&mut store, 400, 5, today).unwrap();
    let period = Period {
        from: chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
        to: today,
    };
    let cfg = caseload::assets::Assets::builtin().report;
    let report = store.report(period, today, &cfg).unwrap();
    let levels: Vec<Risk> = report.exits.by_risk.iter().map(|(l, _)| *l).collect();
    assert_eq!(levels, [Risk::High, Risk::Medium, Risk::Low]);
    let mut sum = caseload::domain::report::BandRow::default();
    for (_, row) in &report.exits.by_risk {
        sum.add(row);
    }
    assert_eq!(sum, report.exits.total());
    assert!(sum.exits > 0);
    let with_exits = report
        .exits
        .by_risk
        .iter()
        .filter(|(_, r)| r.exits > 0)
        .count();
    assert!(with_exits >= 2, "{:?}", report.exits.by_risk);
}
