//! The report against the anchor of its benchmark (the same figures by hand in plain SQL,
//! `benches/report_anchor`) on a generated caseload, for every preset period; and the
//! phase counts against the phases of the list.

use crate::common::today;
use caseload::assets::Assets;
use caseload::domain::report_period::Preset;
use caseload::store::Store;
use std::collections::BTreeMap;

#[path = "../../benches/report_anchor/mod.rs"]
mod anchor;

#[test]
fn the_report_counts_what_the_plain_sql_counts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.db");
    let mut store = Store::open(&path).unwrap();
    caseload::demo::generate(&mut store, 400, 11, today()).unwrap();
    let cfg = Assets::builtin().report;
    let by_hand = rusqlite::Connection::open(&path).unwrap();
    for preset in Preset::ALL {
        let period = preset.period(today());
        let report = store.report(period, today(), &cfg).unwrap();
        assert!(report.exits.counted() > 0, "{preset:?}");
        let anchor = anchor::report(&by_hand, period, today(), &cfg).unwrap();
        assert_eq!(report, anchor, "{preset:?}");
    }
    // The phases counted are those the list shows, client by client.
    let mut listed: BTreeMap<_, u64> = BTreeMap::new();
    for row in store.caseload(today()).unwrap() {
        *listed.entry(row.phase).or_default() += 1;
    }
    let counted: BTreeMap<_, u64> = store
        .phase_counts()
        .unwrap()
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .collect();
    assert_eq!(counted, listed);
    assert!(counted.len() >= 4, "{counted:?}");
}
