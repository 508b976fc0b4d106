//! `caseload export` and `caseload import` through the real binary: private files, never
//! over an existing one, one client's copy, the round trip, refusals that name paths and
//! client numbers but never a name or BSN, and the instance lock.
#![cfg(unix)]

use crate::transfer_support;

use crate::support::{caseload, mode};
use std::path::Path;
use std::process::{Command, Output};
use transfer_support::bsn;

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn failed(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("demo.db");
    ok(&caseload(&db, &["demo", "--clients", "25", "--seed", "4"]));
    db
}

#[test]
fn an_export_is_private_never_replaces_a_file_and_round_trips_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let file = dir.path().join("out/caseload.json");
    let said = ok(&caseload(&db, &["export", "--out", file.to_str().unwrap()]));
    assert!(said.contains("caseload.json; clients: 25."), "{said}");
    assert_eq!(mode(&file), 0o600);
    let written = std::fs::read(&file).unwrap();
    // Without --out the same bytes go to standard output.
    let out = caseload(&db, &["export"]);
    ok(&out);
    assert!(out.stdout == written);
    // An existing file is never replaced.
    let err = failed(&caseload(&db, &["export", "--out", file.to_str().unwrap()]));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("exists already"), "{err}");
    assert!(std::fs::read(&file).unwrap() == written);

    let copy = dir.path().join("copy.db");
    let said = ok(&caseload(&copy, &["import", file.to_str().unwrap()]));
    assert!(said.contains("new clients: 25"), "{said}");
    let again = dir.path().join("again.json");
    ok(&caseload(
        &copy,
        &["export", "--out", again.to_str().unwrap()],
    ));
    assert!(
        std::fs::read(&again).unwrap() == written,
        "the round trip changed the file"
    );
    // Importing it once more: every client is known, named by number only.
    let err = failed(&caseload(&copy, &["import", file.to_str().unwrap()]));
    assert!(
        err.contains("$.clients[0]: this person is client K000001 already"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 26, "{err}");
    assert!(
        err.contains("$.clients[24]: this person is client K000025 already"),
        "{err}"
    );
    let doc: serde_json::Value = serde_json::from_slice(&written).unwrap();
    let first = &doc["clients"][0];
    for private in ["bsn", "first_name", "last_name"] {
        assert!(
            !err.contains(first[private].as_str().unwrap()),
            "{private} in {err}"
        );
    }
}

#[test]
fn one_clients_copy_and_the_bsn_is_never_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let all: serde_json::Value =
        serde_json::from_slice(&caseload(&db, &["export"]).stdout).unwrap();
    let wanted = all["clients"][7]["bsn"].as_str().unwrap().to_owned();
    // The BSN comes from a file, never from the command line.
    let given = dir.path().join("bsn.txt");
    let from = |bsn: &str| {
        std::fs::write(&given, format!("{bsn}\n")).unwrap();
        given.to_str().unwrap().to_owned()
    };
    let one: serde_json::Value = serde_json::from_str(&ok(&caseload(
        &db,
        &["export", "--client-file", &from(&wanted)],
    )))
    .unwrap();
    let clients = one["clients"].as_array().unwrap();
    assert_eq!(clients.len(), 1);
    assert_eq!(clients[0], all["clients"][7]);

    let unknown = bsn(999);
    let err = failed(&caseload(
        &db,
        &["export", "--client-file", &from(&unknown)],
    ));
    assert!(err.contains("no client with this BSN"), "{err}");
    assert!(!err.contains(&unknown), "{err}");
    let err = failed(&caseload(
        &db,
        &["export", "--client-file", &from("123456789")],
    ));
    assert!(err.contains("not a valid BSN (elfproef)"), "{err}");
    assert!(!err.contains("123456789"), "{err}");
    let out = dir.path().join("none.json");
    failed(&caseload(
        &db,
        &[
            "export",
            "--client-file",
            &from(&unknown),
            "--out",
            out.to_str().unwrap(),
        ],
    ));
    assert!(!out.exists(), "no file for a client that is not there");
}

#[test]
fn a_refused_file_names_paths_only_and_leaves_no_database_behind() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cohort.json");
    let doc = serde_json::json!({
        "format": "caseload",
        "version": 1,
        "clients": [
            {"bsn": "111222333", "first_name": "Geheime", "last_name": "Naam",
             "Geheime Naam": true,
             "episodes": [{"benefit_start": "2014-02-30", "exit_reason": "study"}]},
            {"bsn": "999993654", "first_name": "Andere", "last_name": "Persoon", "episodes": []}
        ]
    });
    std::fs::write(&file, doc.to_string()).unwrap();
    let db = dir.path().join("new.db");
    let err = failed(&caseload(&db, &["import", file.to_str().unwrap()]));
    assert_eq!(
        err,
        "caseload: import refused, nothing was imported; problems found: 3\n  \
         $.clients[0].episodes[0].benefit_start: This day does not exist.\n  \
         $.clients[0]: unknown field\n  \
         $.clients[1].bsn: This is not a valid BSN (elfproef).\n"
    );
    for private in ["Geheime", "Naam", "111222333", "999993654", "Persoon"] {
        assert!(!err.contains(private), "{private} in {err}");
    }
    assert!(!db.exists(), "a refused file must not create the database");
    let err = failed(
        &Command::new(env!("CARGO_BIN_EXE_caseload"))
            .arg("--db")
            .arg(&db)
            .args(["--lang", "nl", "import", file.to_str().unwrap()])
            .output()
            .unwrap(),
    );
    assert!(
        err.starts_with("caseload: import geweigerd, er is niets geïmporteerd"),
        "{err}"
    );
    assert!(err.contains("Deze dag bestaat niet."), "{err}");
}

/// A file is checked as it is written: one whose last client is wrong is refused after
/// the others were written into the new database, which is then removed with everything
/// made beside it. Into a database that was there, the same file changes nothing.
#[test]
fn a_file_refused_at_its_last_client_leaves_the_folder_and_the_database_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cohort.json");
    let mut clients: Vec<serde_json::Value> = (0..2000)
        .map(|n| {
            serde_json::json!({"bsn": bsn(n),
                "first_name": "Eva", "last_name": format!("Achternaam{n}"),
                "episodes": [{"benefit_start": "2024-03-01"}]})
        })
        .collect();
    clients.push(serde_json::json!({"bsn": bsn(2000),
        "first_name": "Eva", "last_name": "Laatste",
        "episodes": [{"benefit_start": "2024-02-30"}]}));
    let doc = serde_json::json!({"format": "caseload", "version": 1, "clients": clients});
    std::fs::write(&file, doc.to_string()).unwrap();
    let names = |dir: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let db = dir.path().join("new.db");
    let err = failed(&caseload(&db, &["import", file.to_str().unwrap()]));
    assert_eq!(
        err,
        "caseload: import refused, nothing was imported; problems found: 1\n  \
         $.clients[2000].episodes[0].benefit_start: This day does not exist.\n"
    );
    assert_eq!(names(dir.path()), ["cohort.json"]);

    let there = demo(dir.path());
    let before = ok(&caseload(&there, &["check"]));
    let dump = caseload::store::Store::open(&there)
        .unwrap()
        .dump()
        .unwrap();
    failed(&caseload(&there, &["import", file.to_str().unwrap()]));
    assert_eq!(ok(&caseload(&there, &["check"])), before);
    assert_eq!(
        caseload::store::Store::open(&there)
            .unwrap()
            .dump()
            .unwrap(),
        dump
    );
}

#[test]
fn an_import_waits_for_the_app_to_close_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let file = dir.path().join("cohort.json");
    std::fs::write(
        &file,
        transfer_support::minimal(&[&[(
            "2014-01-06",
            Some("2014-09-30"),
            Some("work.employment"),
        )]]),
    )
    .unwrap();
    let before = caseload::store::Store::open(&db).unwrap().dump().unwrap();
    let held = caseload::lock::InstanceLock::acquire(&db).unwrap();
    let err = failed(&caseload(&db, &["import", file.to_str().unwrap()]));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(&std::process::id().to_string()), "{err}");
    // Export only reads: it may run next to the app.
    ok(&caseload(&db, &["export"]));
    drop(held);
    assert_eq!(
        caseload::store::Store::open(&db).unwrap().dump().unwrap(),
        before
    );
    let said = ok(&caseload(&db, &["import", file.to_str().unwrap()]));
    assert!(
        said.contains("new clients: 1, benefit periods in all: 1."),
        "{said}"
    );
}

#[test]
fn a_clients_own_copy_holds_the_history_of_every_change_and_imports_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    // A change made in the app (which logs its saves).
    let (bsn_of, text) = {
        let mut store = caseload::store::Store::open(&db).unwrap();
        store.log_changes().unwrap();
        let file = store
            .client_ids()
            .unwrap()
            .into_iter()
            .map(|id| store.client_file(id).unwrap().unwrap())
            .find(|f| !f.agreements.is_empty())
            .expect("a demo client with an agreement");
        let a = &file.agreements[0];
        let on = match a.done_on {
            Some(_) => None,
            None => chrono::NaiveDate::from_ymd_opt(2026, 11, 23),
        };
        store.set_agreement_done(a.id, on).unwrap();
        (file.client.person.bsn.as_str().to_owned(), a.text.clone())
    };
    let given = dir.path().join("bsn.txt");
    std::fs::write(&given, format!("{bsn_of}\n")).unwrap();
    let copy = ok(&caseload(
        &db,
        &["export", "--client-file", given.to_str().unwrap()],
    ));
    let v: serde_json::Value = serde_json::from_str(&copy).unwrap();
    let history = v["clients"][0]["history"].as_array().expect("history");
    assert_eq!(history.len(), 1);
    let h = &history[0];
    assert_eq!(
        (h["record"].as_str(), h["change"].as_str()),
        (Some("agreement"), Some("update"))
    );
    assert_eq!(h["after"]["text"].as_str(), Some(text.as_str()));
    assert!(h["after"].get("id").is_none() && h["after"].get("episode_id").is_none());
    assert_ne!(h["before"]["done_on"], h["after"]["done_on"]);
    // The caseload's export has no history; the copy imports, its history left aside.
    let all = ok(&caseload(&db, &["export"]));
    assert!(!all.contains("\"history\""));
    let file = dir.path().join("copy.json");
    std::fs::write(&file, &copy).unwrap();
    let other = dir.path().join("other.db");
    ok(&caseload(&other, &["import", file.to_str().unwrap()]));
}
