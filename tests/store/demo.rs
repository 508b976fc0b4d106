//! The demo generator: deterministic for a seed, spread over every phase, within every rule.

use crate::common;

use caseload::domain::Phase;
use caseload::store::Store;
use common::today;

#[test]
fn the_same_seed_gives_the_same_data() {
    let a = common::demo_store(80).dump().unwrap();
    let b = common::demo_store(80).dump().unwrap();
    assert_eq!(a, b);
    let mut other = Store::open_in_memory().unwrap();
    caseload::demo::generate(&mut other, 80, 8, today()).unwrap();
    assert_ne!(a, other.dump().unwrap());
}

#[test]
fn demo_data_passes_every_constraint_and_fills_every_table() {
    let store = common::demo_store(300);
    assert!(store.sqlite_problems().unwrap().is_empty());
    for (table, n) in store.table_counts().unwrap() {
        if table != "draft" {
            assert!(n > 0, "{table} is empty");
        }
    }
}

#[test]
fn demo_clients_are_spread_over_every_phase() {
    let store = common::demo_store(200);
    let rows = store.caseload(common::today()).unwrap();
    assert_eq!(rows.len(), 200);
    for phase in [
        Phase::Intake,
        Phase::Plan,
        Phase::Trajectory,
        Phase::Aftercare,
        Phase::Closed,
    ] {
        let n = rows.iter().filter(|r| r.phase == phase).count();
        assert!(n >= 10, "{phase:?}: {n}");
    }
    // Dutch names with tussenvoegsels, valid BSNs.
    assert!(rows.iter().any(|r| r.name.ends_with(" van der")));
    for r in &rows {
        assert!(caseload::domain::Bsn::parse(&r.bsn).is_ok());
    }
}

#[test]
fn the_list_is_sorted_by_due_date_then_name() {
    let store = common::demo_store(120);
    let rows = store.caseload(common::today()).unwrap();
    let keys: Vec<_> = rows
        .iter()
        .map(|r| (r.next.is_none(), r.next.as_ref().map(|n| n.due)))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(rows.last().unwrap().next.is_none() || rows.iter().all(|r| r.next.is_some()));
}
