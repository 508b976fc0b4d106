//! Amounts of money have a maximum (a premium instalment €10,000, a trajectory's cost
//! €500,000), held by import (by JSON path), `premium.toml`, the store and `check`; and the
//! report's sums never overflow, whatever a file holds.

use crate::common;
use crate::fixtures;

use caseload::domain::model::*;
use caseload::domain::money::{MAX_COST_CENTS, MAX_PREMIUM_CENTS};
use caseload::domain::premium::{BUILTIN, PremiumConfig};
use caseload::domain::report_period::Period;
use caseload::i18n::Lang;
use caseload::store::Store;
use caseload::store::rules::Rule;
use fixtures::*;
use serde_json::json;

/// A store file of 20 demo clients whose premium instalments were all given `cents`
/// (past the store, as an older version's import or another program could).
fn with_amounts(dir: &std::path::Path, cents: i64) -> std::path::PathBuf {
    let db = dir.join("c.db");
    let mut store = Store::open(&db).unwrap();
    caseload::demo::generate(&mut store, 40, 3, common::today()).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let n = conn
        .execute("UPDATE premium_instalment SET amount_cents = ?1", [cents])
        .unwrap();
    assert!(n >= 2, "the demo has instalments to sum");
    db
}

fn everything() -> Period {
    Period {
        from: date(1990, 1, 1),
        to: common::today(),
    }
}

#[test]
fn the_reports_sums_never_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let db = with_amounts(dir.path(), i64::MAX);
    let store = Store::open(&db).unwrap();
    let report = store
        .report(
            everything(),
            common::today(),
            &caseload::assets::Assets::builtin().report,
        )
        .expect("a report, however large the amounts");
    assert_eq!(report.premium.due_cents, i64::MAX);
    // The command says the same, with exit code 0.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_caseload"))
        .arg("--db")
        .arg(&db)
        .args(["--lang", "en", "--today", "2026-11-23", "report", "--from"])
        .arg("1990-01-01")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // `check` names every instalment above the maximum, by client number.
    let found = store.rule_findings().unwrap();
    assert!(
        found.iter().any(|f| f.rule == Rule::InstalmentAmount),
        "{found:?}"
    );
}

#[test]
fn import_refuses_amounts_above_the_maximum_by_json_path() {
    let doc = |amount: i64, cost: i64| {
        json!({
            "format": "caseload", "version": 1,
            "clients": [{
                "bsn": "111222333", "first_name": "Jan", "last_name": "Jansen",
                "episodes": [{
                    "benefit_start": "2020-01-01", "exit_date": "2026-05-01",
                    "exit_reason": "work.employment",
                    "trajectories": [{"instrument": "jobhunter", "status": "referred",
                                      "referred_on": "2020-02-01", "cost_cents": cost}],
                    "exit_interview": {
                        "held_on": "2026-05-01", "contract_type": "permanent",
                        "hours_per_week": 36, "independence": "full",
                        "premium_scheme": "one_payment", "premium_granted": true,
                        "premium_instalments": [{"scheme": "one_payment", "seq": 1,
                            "due_on": "2026-11-04", "amount_cents": amount}]
                    }
                }]
            }]
        })
        .to_string()
    };
    let import = |text: String| {
        let mut store = Store::open_in_memory().unwrap();
        let r = caseload::commands::import::import_into(&mut store, text.as_bytes(), false);
        (store, r)
    };
    let (store, r) = import(doc(MAX_PREMIUM_CENTS, MAX_COST_CENTS));
    assert!(r.is_ok(), "{r:?}");
    assert!(store.rule_findings().unwrap().is_empty());
    let (store, r) = import(doc(i64::MAX, i64::MAX));
    let Err(caseload::commands::import::ImportError::Refused(p)) = r else {
        panic!("{r:?}")
    };
    let got = p.lines(Lang::En).join("\n");
    let at = "$.clients[0].episodes[0]";
    for want in [
        format!("{at}.trajectories[0].cost_cents: must be from 0 to 50000000"),
        format!(
            "{at}.exit_interview.premium_instalments[0].amount_cents: must be from 1 to 1000000"
        ),
    ] {
        assert!(got.contains(&want), "want {want}\ngot {got}");
    }
    assert!(!got.contains("9223372036854775807"), "{got}");
    assert_eq!(store.client_count().unwrap(), 0);
}

#[test]
fn premium_toml_refuses_an_amount_above_the_maximum_with_its_line() {
    let big = BUILTIN.replacen("amount_cents = 50000", "amount_cents = 1000001", 1);
    assert_ne!(big, BUILTIN);
    let e = PremiumConfig::parse(&big).expect_err("refused");
    let text = e.to_string();
    assert!(text.contains("at most 1000000"), "{text}");
    assert!(text.contains("line"), "{text}");
    let ok = BUILTIN.replacen("amount_cents = 50000", "amount_cents = 1000000", 1);
    assert!(PremiumConfig::parse(&ok).is_ok());
}

#[test]
fn the_store_refuses_an_amount_above_the_maximum() {
    let mut store = Store::open_in_memory().unwrap();
    let ep = store
        .write(|tx| {
            let c = tx.insert_client(&person(1))?;
            let ep = tx.insert_episode(&closed(c, date(2020, 1, 1), date(2026, 5, 1)))?;
            tx.insert_exit_interview(&ExitInterview {
                premium_scheme: Some("one_payment".into()),
                premium_granted: true,
                ..interview(ep, date(2026, 5, 1))
            })?;
            Ok(ep)
        })
        .unwrap();
    let instalment = |cents| PremiumInstalment {
        id: 0,
        episode_id: ep,
        scheme: "one_payment".into(),
        seq: 1,
        due_on: date(2026, 11, 4),
        amount_cents: cents,
        paid_on: None,
        cancelled_on: None,
        forfeited_on: None,
        forfeit_reason: String::new(),
        uplift: None,
    };
    let e = store
        .write(|tx| tx.insert_instalment(&instalment(MAX_PREMIUM_CENTS + 1)))
        .expect_err("refused");
    assert!(e.user_message(Lang::En).contains("€10,000.00"), "{e:?}");
    assert_eq!(store.instalments(ep).unwrap().len(), 0);
    store
        .write(|tx| tx.insert_instalment(&instalment(MAX_PREMIUM_CENTS)))
        .unwrap();
    // A trajectory's cost, on a period that runs.
    let open = store
        .write(|tx| tx.insert_episode(&episode(tx.insert_client(&person(2))?, date(2026, 1, 1))))
        .unwrap();
    let mut a = caseload::domain::assignment::Assignment {
        instrument: "jobhunter".into(),
        instrument_name: "Jobhunter".into(),
        provider: String::new(),
        referred_on: date(2026, 2, 1),
        start_date: None,
        planned_end: None,
        goal: String::new(),
        cost_cents: Some(MAX_COST_CENTS + 1),
        funding: String::new(),
        review_interval_months: 3,
    };
    let e = store
        .write(|tx| tx.assign_trajectory(open, &a))
        .expect_err("refused");
    assert_eq!(
        e.user_message(Lang::Nl),
        "De kosten zijn hoogstens € 500.000,00."
    );
    a.cost_cents = Some(MAX_COST_CENTS);
    store.write(|tx| tx.assign_trajectory(open, &a)).unwrap();
}
