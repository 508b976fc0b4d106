//! `caseload agenda`: every dated open item grouped overdue / today / next 7 days / later,
//! as a table or JSON, for a fixed date; the binary prints the same and exits 0.

use crate::exit_support;

use caseload::assets::Assets;
use caseload::commands::agenda;
use caseload::domain::catalog::Catalog;
use caseload::domain::codes::*;
use caseload::domain::model::*;
use caseload::i18n::Lang;
use caseload::store::Store;
use exit_support::*;
use std::process::Command;

fn today() -> chrono::NaiveDate {
    date(2026, 11, 23)
}

/// Three clients: one on benefit with an overdue agreement, a review today and a
/// trajectory end later on; one who left on 30 November (premium and check-ins ahead);
/// one who left on 1 October with check-ins overdue.
fn fill(store: &mut Store) {
    let (_, ep) = client_on_benefit(store, 20, "Bilal", "el", "Smit", date(2025, 6, 2));
    store
        .write(|tx| {
            tx.insert_agreement(&Agreement {
                id: 0,
                episode_id: ep,
                note_id: None,
                text: "Cv bijwerken en naar de jobhunter sturen\nmet foto".into(),
                who: Who::Client,
                follow_up: Some(date(2026, 11, 1)),
                done_on: None,
            })
        })
        .unwrap();
    trajectory(
        store,
        ep,
        "FIP",
        TrajectoryStatus::Started,
        date(2026, 8, 23),
    );
    let (_, _, input) = worked_example(store);
    store.record_exit(&input, &Assets::builtin()).unwrap();
    let (cid, _) = client_on_benefit(store, 21, "Zeynep", "van den", "Çelik", date(2023, 2, 1));
    let mut input = plain_exit(cid, ExitReason::WorkWageSubsidy, date(2026, 10, 1));
    input.work = Some(permanent_job());
    input.aftercare = AftercareMode::Active;
    input.consent = true;
    store.record_exit(&input, &Assets::builtin()).unwrap();
}

#[test]
fn the_table_and_json_for_a_fixed_date() {
    let mut store = Store::open_in_memory().unwrap();
    fill(&mut store);
    let en = agenda::run(
        &store,
        &Catalog::builtin(),
        Lang::En,
        today(),
        agenda::DEFAULT_DAYS,
        false,
    )
    .unwrap();
    insta::assert_snapshot!("agenda_en", en);
    let nl = agenda::run(
        &store,
        &Catalog::builtin(),
        Lang::Nl,
        today(),
        agenda::DEFAULT_DAYS,
        false,
    )
    .unwrap();
    insta::assert_snapshot!("agenda_nl", nl);
    // Looking two days ahead, the week's group says so.
    let short = agenda::run(&store, &Catalog::builtin(), Lang::En, today(), 2, false).unwrap();
    assert!(short.contains("\nNext 2 days ("), "{short}");
    assert!(!short.contains("Next 7 days"), "{short}");
    let json = agenda::run(&store, &Catalog::builtin(), Lang::En, today(), 3, true).unwrap();
    insta::assert_snapshot!("agenda_json_3_days", json);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["counts"]["overdue"], 5);
    assert_eq!(v["counts"]["today"], 1);
    // Overdue oldest first.
    let dues: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["due"].as_str().unwrap())
        .collect();
    let mut sorted = dues.clone();
    sorted.sort();
    assert_eq!(dues, sorted);
}

#[test]
fn an_empty_caseload() {
    let store = Store::open_in_memory().unwrap();
    let out = agenda::run(&store, &Catalog::builtin(), Lang::En, today(), 14, false).unwrap();
    assert!(out.ends_with("Nothing open.\n"), "{out}");
}

#[test]
fn the_binary_prints_the_same_and_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caseload.db");
    let mut store = Store::open(&db).unwrap();
    fill(&mut store);
    let want = agenda::run(&store, &Catalog::builtin(), Lang::En, today(), 14, false).unwrap();
    let want_json = agenda::run(&store, &Catalog::builtin(), Lang::Nl, today(), 30, true).unwrap();
    drop(store);
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_caseload"))
            .args(args)
            .arg("--db")
            .arg(&db)
            .output()
            .unwrap()
    };
    let out = run(&["agenda", "--today", "23-11-2026", "--lang", "en"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), want);
    let out = run(&[
        "agenda",
        "--days",
        "30",
        "--json",
        "--today",
        "2026-11-23",
        "--lang",
        "nl",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), want_json);
    // A missing database is one line on stderr, not a new file.
    let missing = dir.path().join("typo.db");
    let out = Command::new(env!("CARGO_BIN_EXE_caseload"))
        .args(["agenda", "--db"])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!missing.exists());
}
