//! The promise of the export: every caseload the app can make passes `caseload check`, and
//! comes back from its own export byte for byte. Random journeys through the app's own
//! operations (see `journey_support`), 256 of them from a fixed seed.

use crate::journey_support;

use caseload::commands::check::Report;
use caseload::commands::import::{ImportError, import_into};
use caseload::commands::transfer::write_all;
use caseload::domain::codes::{AftercareMode, Code, ContractType, ExitReason};
use caseload::store::Store;
use journey_support::{Op, Step, World};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use std::cell::RefCell;
use std::collections::BTreeMap;
use strum::VariantArray;

/// How often each operation is tried, against the others.
fn weight(op: Op) -> u32 {
    match op {
        Op::NewClient => 2,
        Op::Exit | Op::CheckIn => 8,
        Op::Pay => 6,
        Op::ReEnter | Op::Assign => 4,
        Op::CorrectExit | Op::WithdrawExit => 1,
        _ => 2,
    }
}

pub(crate) fn step() -> impl Strategy<Value = Step> {
    let total: u32 = Op::VARIANTS.iter().map(|o| weight(*o)).sum();
    let gap = prop_oneof![6 => 0u16..4, 3 => 0u16..30, 1 => 30u16..200];
    (0..total, any::<u32>(), any::<u32>(), any::<u32>(), gap).prop_map(move |(n, a, b, c, gap)| {
        let mut left = n;
        let op = Op::VARIANTS
            .iter()
            .copied()
            .find(|o| {
                let w = weight(*o);
                if left < w {
                    true
                } else {
                    left -= w;
                    false
                }
            })
            .unwrap_or(Op::Note);
        Step { op, a, b, c, gap }
    })
}

/// The export of a whole store, as `caseload export` writes it.
pub(crate) fn export(store: &Store) -> Vec<u8> {
    let ids = store.client_ids().expect("client ids");
    let mut out = Vec::new();
    write_all(store, &ids, &mut out).expect("export");
    out
}

/// `check` is clean, and export → import into an empty file → export gives the same bytes.
fn holds(w: &World) -> Result<(), TestCaseError> {
    let report = Report::gather(&w.store).expect("check runs");
    let text = report.render(std::path::Path::new("journey.db"), caseload::i18n::Lang::En);
    prop_assert!(report.is_clean(), "caseload check:\n{}", text);
    let first = export(&w.store);
    let mut again = Store::open_in_memory().expect("store");
    match import_into(&mut again, &first, false) {
        Ok(_) => {}
        Err(ImportError::Refused(p)) => {
            let lines = p.lines(caseload::i18n::Lang::En).join("\n");
            return Err(TestCaseError::fail(format!(
                "import refused its export:\n{lines}"
            )));
        }
        Err(ImportError::Store(e)) => panic!("import failed: {e}"),
    }
    let second = export(&again);
    prop_assert!(
        first == second,
        "export → import → export differs:\n{}",
        first_difference(&first, &second)
    );
    Ok(())
}

/// The first line where two exports differ, with its neighbours.
pub(crate) fn first_difference(a: &[u8], b: &[u8]) -> String {
    let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let i = (0..la.len().max(lb.len()))
        .find(|&i| la.get(i) != lb.get(i))
        .unwrap_or(0);
    let from = i.saturating_sub(8);
    format!(
        "first export:\n{}\nsecond export:\n{}",
        la[from..(i + 3).min(la.len())].join("\n"),
        lb[from..(i + 3).min(lb.len())].join("\n")
    )
}

#[test]
fn every_caseload_the_app_makes_passes_check_and_round_trips() {
    // Fixed for CI; JOURNEY_CASES and JOURNEY_SEED explore further by hand.
    let env = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let config = Config {
        cases: env("JOURNEY_CASES", 256) as u32,
        rng_seed: RngSeed::Fixed(env("JOURNEY_SEED", 20_261_123)),
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let done: RefCell<BTreeMap<String, usize>> = RefCell::default();
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 8).expect("date");
    let result = runner.run(&proptest::collection::vec(step(), 1..70), |steps| {
        let w = World::new(start).run(&steps);
        for (k, n) in &w.done {
            *done.borrow_mut().entry(k.clone()).or_default() += n;
        }
        holds(&w)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let done = done.into_inner();
    // Every operation happened, in every kind, many times over (the journeys are not all
    // refused, and every exit reason, contract, aftercare mode and consent was taken).
    let mut names: Vec<String> = [
        "new_client",
        "edit_intake",
        "note",
        "goal",
        "agreement",
        "agreement_done",
        "plan_agreed",
        "edit_plan",
        "reassess",
        "assign",
        "start",
        "complete",
        "stop",
        "review",
        "exit",
        "check_in",
        "pay",
        "extend",
        "end_aftercare",
        "re_enter",
        "correct_exit",
        "withdraw_exit",
        "re-entry on the exit day",
        "premium granted",
        "premium cancelled",
        "aftercare ended by re-entry",
        "aftercare completed",
    ]
    .map(String::from)
    .to_vec();
    names.extend(
        ExitReason::all()
            .iter()
            .map(|r| format!("exit {}", r.code())),
    );
    names.extend(
        ContractType::all()
            .iter()
            .map(|c| format!("contract {}", c.code())),
    );
    for mode in [AftercareMode::Active, AftercareMode::Passive] {
        for consent in [true, false] {
            names.push(format!("aftercare {} consent {consent}", mode.code()));
            names.push(format!("check-in reached {} consent {consent}", consent));
            names.push(format!("check-in reached {} consent {consent}", !consent));
        }
    }
    // What was done, for `cargo test --test store journeys -- --nocapture`.
    eprintln!("{done:#?}");
    let missing: Vec<String> = names
        .into_iter()
        .filter(|n| done.get(n).copied().unwrap_or(0) < 5)
        .collect();
    assert!(missing.is_empty(), "too rare: {missing:?}\nall: {done:#?}");
}
