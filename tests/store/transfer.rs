//! The JSON export and import against real databases: byte-identical round trips, minimal
//! historical files, every kind of invalid file refused with its JSON path and nothing
//! written, known persons refused by client number unless merged.

use crate::transfer_support;

use caseload::commands::check::Report;
use caseload::commands::import::{ImportError, import_into};
use caseload::domain::Bsn;
use caseload::domain::codes::ExitReason;
use caseload::i18n::Lang;
use caseload::store::Store;
use serde_json::{Value, json};
use transfer_support::*;

fn clean(store: &Store) {
    let report = Report::gather(store).unwrap();
    assert!(
        report.is_clean(),
        "{}",
        report.render(std::path::Path::new("x"), Lang::En)
    );
}

#[test]
fn the_demo_caseload_round_trips_byte_for_byte() {
    let mut demo = Store::open_in_memory().unwrap();
    caseload::demo::generate(&mut demo, 120, 7, today()).unwrap();
    let first = export(&demo);
    let (copy, done) = imported(&first);
    assert_eq!(done.clients, 120);
    assert_eq!(done.merged, 0);
    let second = export(&copy);
    assert!(first == second, "the second export differs from the first");
    assert_eq!(
        copy.dump().unwrap().lines().count(),
        demo.dump().unwrap().lines().count()
    );
    clean(&copy);
}

#[test]
fn every_kind_of_record_and_reference_round_trips() {
    let mut store = rich_store();
    // Drafts and the audit log are not client data: they stay out of the export.
    let before = export(&store);
    store
        .save_draft("intake", 0, r#"{"first_name":"Concept"}"#)
        .unwrap();
    assert!(export(&store) == before);
    clean(&store);
    let (copy, done) = imported(&before);
    assert_eq!(done.clients, 42);
    assert!(export(&copy) == before, "the round trip changed the export");
    clean(&copy);
    assert!(copy.drafts().unwrap().is_empty());

    let doc: Value = serde_json::from_slice(&before).unwrap();
    let story = &doc["clients"][40];
    let (old, new) = (&story["episodes"][0], &story["episodes"][1]);
    let x = &old["exit_interview"];
    assert_eq!(x["found_via_trajectory"], "episodes[0].trajectories[0]");
    assert_eq!(x["premium_instalments"][0]["paid_on"], "2026-03-31");
    assert_eq!(x["aftercare"]["status"], "ended");
    assert_eq!(x["aftercare"]["end_reason"], "reentry");
    assert_eq!(
        x["aftercare"]["contacts"][0]["referrals"],
        json!(["debt_help", "job_coach"])
    );
    assert_eq!(old["notes"][0]["agreements"].as_array().unwrap().len(), 2);
    assert_eq!(old["agreements"][0]["text"], "Sollicitatiebrief sturen");
    assert_eq!(old["intake"]["barriers"], json!(["language", "childcare"]));
    assert_eq!(old["intake"]["driving_licence"], true);
    // The jobhunter of the aftercare went on into the new period; its review's rung
    // stayed in the old one.
    let carried = &new["trajectories"][0];
    assert_eq!(carried["status"], "started");
    let reference = carried["reviews"][0]["assessment"].as_str().unwrap();
    assert!(
        reference.starts_with("episodes[0].assessments["),
        "{reference}"
    );
    assert_eq!(
        old["trajectories"][0]["reviews"][0]["assessment"],
        "episodes[0].assessments[1]"
    );
    // The new period is linked to the one before it, as re-entry links it.
    let id = copy.client_ids().unwrap()[40];
    let eps = copy.episodes_of(id).unwrap();
    assert_eq!(eps[1].previous_episode_id, Some(eps[0].id));
}

#[test]
fn a_minimal_historical_cohort_imports_with_its_re_entries() {
    // Given out of order: the periods are linked by date, not by their place in the file.
    let file = minimal(&[
        &[
            ("2015-02-02", None, None),
            ("2014-01-06", Some("2014-09-30"), Some("work.employment")),
        ],
        &[("2014-03-03", Some("2014-12-31"), Some("other.moved"))],
        &[],
    ]);
    let (store, done) = imported(file.as_bytes());
    assert_eq!((done.clients, done.episodes), (3, 3));
    let ids = store.client_ids().unwrap();
    let eps = store.episodes_of(ids[0]).unwrap();
    assert_eq!(eps.len(), 2);
    assert_eq!(eps[0].exit_reason, Some(ExitReason::WorkEmployment));
    assert_eq!(eps[0].exit_date, Some(date(2014, 9, 30)));
    assert_eq!(eps[0].previous_episode_id, None);
    assert_eq!(eps[1].benefit_start, date(2015, 2, 2));
    assert_eq!(eps[1].previous_episode_id, Some(eps[0].id));
    assert!(store.intake(eps[0].id).unwrap().is_none());
    let person = store.client(ids[1]).unwrap().unwrap().person;
    assert_eq!(person.last_name, "Achternaam1");
    assert_eq!(person.prefix, "");
    clean(&store);
    // Its export reads back to the same export.
    let once = export(&store);
    assert!(export(&imported(&once).0) == once);
}

/// A small valid file with every kind of record: one story client.
fn story_doc() -> Value {
    let mut store = Store::open_in_memory().unwrap();
    story(&mut store, 5);
    serde_json::from_slice(&export(&store)).unwrap()
}

/// Sets (or with `None` removes) the value at a JSON pointer.
fn edit(doc: &mut Value, pointer: &str, value: Option<Value>) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = doc
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("{parent}"));
    match (target, value) {
        (Value::Object(m), Some(v)) => {
            m.insert(key.into(), v);
        }
        (Value::Object(m), None) => {
            m.remove(key).unwrap_or_else(|| panic!("{pointer}"));
        }
        (Value::Array(a), Some(v)) => a[key.parse::<usize>().unwrap()] = v,
        (other, _) => panic!("{pointer}: {other}"),
    }
}

/// The problems a file is refused with, on a store with demo clients that must not change.
fn refused(bytes: &[u8]) -> String {
    let mut store = Store::open_in_memory().unwrap();
    caseload::demo::generate(&mut store, 5, 3, today()).unwrap();
    let before = state(&store);
    let err = import_into(&mut store, bytes, false).expect_err("the file is refused");
    assert!(matches!(err, ImportError::Refused(_)), "{err:?}");
    assert_eq!(
        state(&store),
        before,
        "a refused import changed the database"
    );
    lines(&err)
}

#[test]
fn each_invalid_file_is_refused_with_the_path_and_nothing_is_written() {
    let c = "/clients/0";
    let e0 = "/clients/0/episodes/0";
    let cases: Vec<(String, Option<Value>, &str)> = vec![
        (
            format!("{c}/bsn"),
            Some("123456789".into()),
            "$.clients[0].bsn: This is not a valid BSN (elfproef).",
        ),
        (
            format!("{c}/bsn"),
            Some("12345".into()),
            "$.clients[0].bsn: A BSN has 9 digits.",
        ),
        (
            format!("{c}/first_name"),
            None,
            "$.clients[0].first_name: required, but missing",
        ),
        (
            format!("{c}/last_name"),
            Some(" ".into()),
            "$.clients[0].last_name: must not be empty",
        ),
        (
            format!("{c}/birth_date"),
            Some("17-05-1990".into()),
            "$.clients[0].birth_date: not a date: write YYYY-MM-DD",
        ),
        (
            format!("{e0}/benefit_start"),
            Some("2023-02-30".into()),
            "$.clients[0].episodes[0].benefit_start: This day does not exist.",
        ),
        (
            format!("{e0}/benefit_start"),
            None,
            "$.clients[0].episodes[0].benefit_start: required, but missing",
        ),
        (
            format!("{e0}/exit_date"),
            Some("2023-08-01".into()),
            "$.clients[0].episodes[0].exit_date: The exit date lies before the benefit start.",
        ),
        (
            format!("{e0}/exit_reason"),
            Some("work.unknown".into()),
            "$.clients[0].episodes[0].exit_reason: unknown code; one of: work.employment,",
        ),
        (
            format!("{e0}/exit_reason"),
            None,
            "$.clients[0].episodes[0].exit_reason: an exit date needs its exit reason",
        ),
        (
            format!("{e0}/benefit_type"),
            Some("ww".into()),
            "$.clients[0].episodes[0].benefit_type: unknown code; one of: participatiewet, ioaw, ioaz, bbz",
        ),
        (
            format!("{e0}/notes/0/channel"),
            Some("fax".into()),
            "$.clients[0].episodes[0].notes[0].channel: unknown code",
        ),
        (
            format!("{e0}/notes/0/agreements/0/follow_up"),
            Some("2023-01-01".into()),
            "$.clients[0].episodes[0].notes[0].agreements[0].follow_up: ",
        ),
        (
            format!("{e0}/intake/household"),
            Some(3.into()),
            "$.clients[0].episodes[0].intake.household: must be a string",
        ),
        (
            format!("{e0}/intake/youngest_child_age"),
            Some(30.into()),
            "$.clients[0].episodes[0].intake.youngest_child_age: must be from 0 to 25",
        ),
        (
            format!("{e0}/assessments/0/scores/housing"),
            Some(9.into()),
            "$.clients[0].episodes[0].assessments[0].scores.housing: must be from 1 to 5",
        ),
        (
            format!("{e0}/assessments/0/rung"),
            Some(2.5.into()),
            "$.clients[0].episodes[0].assessments[0].rung: must be a whole number",
        ),
        (
            format!("{e0}/trajectories/0/reviews/0/assessment"),
            Some("episodes[0].assessments[9]".into()),
            "$.clients[0].episodes[0].trajectories[0].reviews[0].assessment: refers to episodes[0].assessments[9]",
        ),
        (
            format!("{e0}/trajectories/0/reviews/0/assessment"),
            Some("the second one".into()),
            "$.clients[0].episodes[0].trajectories[0].reviews[0].assessment: not a reference",
        ),
        (
            format!("{e0}/trajectories/0/status"),
            Some("stopped".into()),
            "$.clients[0].episodes[0].trajectories[0].stop_reason: Give a reason to stop the trajectory.",
        ),
        (
            format!("{e0}/trajectories/0/start_date"),
            Some("2020-01-01".into()),
            "$.clients[0].episodes[0].trajectories[0].start_date: This date is before the referral date.",
        ),
        (
            format!("{e0}/exit_interview/contract_end"),
            None,
            "$.clients[0].episodes[0].exit_interview.contract_end: A temporary, agency or on-call contract needs its end date.",
        ),
        (
            format!("{e0}/exit_interview/hours_per_week"),
            Some(81.into()),
            "$.clients[0].episodes[0].exit_interview.hours_per_week: must be from 0 to 80",
        ),
        (
            format!("{e0}/exit_interview/found_via_trajectory"),
            Some("episodes[1].trajectories[0]".into()),
            "$.clients[0].episodes[0].exit_interview.found_via_trajectory: Choose one of this client's trajectories.",
        ),
        (
            format!("{e0}/exit_interview/aftercare/contacts/0/done_on"),
            Some("2026-03-01".into()),
            "$.clients[0].episodes[0].exit_interview.aftercare.contacts[0].done_on: a check-in cannot be held before the exit date",
        ),
        (
            format!("{e0}/exit_interview/aftercare/consent"),
            Some(false.into()),
            "$.clients[0].episodes[0].exit_interview.aftercare.contacts[0].how_is_work: Without the client's consent only date, channel and reached are recorded, not the answers.",
        ),
        (
            format!("{e0}/exit_interview/premium_granted"),
            Some(false.into()),
            "$.clients[0].episodes[0].exit_interview.premium_instalments: premium instalments need premium_granted true",
        ),
        (
            format!("{e0}/exit_interview/checklist/1/item"),
            Some("congratulate".into()),
            "$.clients[0].episodes[0].exit_interview.checklist[1].item: given twice",
        ),
        (
            "/clients/0/episodes/1/benefit_start".into(),
            Some("2026-03-01".into()),
            "$.clients[0].episodes[1].benefit_start: starts before episodes[0] has ended",
        ),
        (
            format!("{c}/colour"),
            Some("red".into()),
            "$.clients[0].colour: unknown field",
        ),
        (
            "/version".into(),
            Some(2.into()),
            "$.version: version 2 of the format is not supported; this caseload reads version 1",
        ),
        (
            "/format".into(),
            Some("spreadsheet".into()),
            "$.format: not a caseload export",
        ),
        ("/clients".into(), None, "$.clients: required, but missing"),
        (
            "/clients".into(),
            Some(json!({})),
            "$.clients: must be a list",
        ),
    ];
    for (pointer, value, expected) in cases {
        let mut doc = story_doc();
        edit(&mut doc, &pointer, value);
        let said = refused(doc.to_string().as_bytes());
        assert!(
            said.contains(expected),
            "{pointer}: expected {expected:?} in\n{said}"
        );
    }
}

#[test]
fn several_problems_are_all_listed_and_two_open_periods_are_named() {
    let mut doc = story_doc();
    // Reopen the first period: two open periods, and an interview without an exit.
    edit(&mut doc, "/clients/0/episodes/0/exit_date", None);
    edit(&mut doc, "/clients/0/episodes/0/exit_reason", None);
    edit(&mut doc, "/clients/0/episodes/0/last_payment_date", None);
    let copy = doc["clients"][0].clone();
    doc["clients"].as_array_mut().unwrap().push(copy);
    let said = refused(doc.to_string().as_bytes());
    for expected in [
        "$.clients[0].episodes[0].exit_interview: an exit interview needs the exit date",
        "$.clients[0].episodes[1].exit_date: a second open benefit period: episodes[0] has no exit date either",
        "$.clients[1].bsn: the same person (BSN) as $.clients[0]",
    ] {
        assert!(said.contains(expected), "expected {expected:?} in\n{said}");
    }
}

#[test]
fn a_syntax_error_gives_its_line_and_column() {
    let said = refused(b"{\"format\": \"caseload\",\n \"version\": 1,\n \"clients\": [}");
    assert_eq!(
        said,
        "$: JSON syntax error at line 3, column 14: expected value"
    );
    let said = refused(b"");
    assert!(
        said.starts_with("$: JSON syntax error at line 1, column 0: EOF"),
        "{said}"
    );
    let said = refused(b"{\"format\": \"caseload\", \"version\": 1, \"clients\": []} x");
    assert_eq!(
        said,
        "$: JSON syntax error at line 1, column 53: trailing characters"
    );
    assert_eq!(refused(b"[]"), "$: must be an object");
    let twice = br#"{"format": "caseload", "version": 1, "clients": [], "clients": []}"#;
    assert_eq!(refused(twice), "$.clients: given twice");
    // A file of another format: its clients are not looked at.
    let other = br#"{"format": "agenda", "clients": [{"bsn": 1}]}"#;
    assert_eq!(
        refused(other),
        "$.format: not a caseload export (\"format\" must be \"caseload\")\n$.version: required, but missing"
    );
}

#[test]
fn the_list_of_problems_stops_at_fifty_and_counts_the_rest() {
    let mut doc: Value =
        serde_json::from_str(&minimal(&vec![&[("2020-01-01", None, None)][..]; 60])).unwrap();
    for c in doc["clients"].as_array_mut().unwrap() {
        c["bsn"] = "123456789".into();
    }
    let err = import_into(
        &mut Store::open_in_memory().unwrap(),
        doc.to_string().as_bytes(),
        false,
    )
    .unwrap_err();
    let ImportError::Refused(p) = &err else {
        panic!("{err:?}")
    };
    assert_eq!((p.total, p.list.len()), (60, 50));
    let said = lines(&err);
    assert_eq!(said.lines().count(), 51);
    assert!(said.ends_with("… and 10 more."), "{said}");
    assert!(!said.contains("123456789"));
}

#[test]
fn a_known_person_is_refused_by_client_number_unless_the_periods_are_merged() {
    let mut store = Store::open_in_memory().unwrap();
    caseload::demo::generate(&mut store, 6, 11, today()).unwrap();
    let ids = store.client_ids().unwrap();
    let known = |i: usize| store.client(ids[i]).unwrap().unwrap().person;
    let (second, fourth) = (known(1), known(3));
    let first_start = store.episodes_of(ids[1]).unwrap()[0].benefit_start;
    let mut doc: Value = serde_json::from_str(&minimal(&[
        &[("2001-01-01", Some("2002-01-01"), Some("study"))],
        &[("2001-01-01", Some("2001-06-30"), Some("other.moved"))],
        &[("2001-01-01", Some("2001-06-30"), Some("other.moved"))],
    ]))
    .unwrap();
    doc["clients"][0]["bsn"] = second.bsn.as_str().into();
    doc["clients"][2]["bsn"] = fourth.bsn.as_str().into();
    let bytes = doc.to_string();
    let said = refused_on(&mut store, bytes.as_bytes(), false);
    assert_eq!(
        said,
        format!(
            "$.clients[0]: this person is client K{:06} already; --merge adds the benefit periods to that client\n\
             $.clients[2]: this person is client K{:06} already; --merge adds the benefit periods to that client",
            ids[1], ids[3]
        )
    );
    for private in [second.bsn.as_str(), &second.last_name, &fourth.first_name] {
        assert!(!said.contains(private));
    }

    let done = import_into(&mut store, bytes.as_bytes(), true).unwrap();
    assert_eq!((done.clients, done.merged, done.episodes), (1, 2, 3));
    assert_eq!(store.client_count().unwrap(), 7);
    // The old period comes first now; the period that followed it is linked to it.
    let eps = store.episodes_of(ids[1]).unwrap();
    assert_eq!(eps[0].benefit_start, date(2001, 1, 1));
    assert_eq!(eps[1].benefit_start, first_start);
    assert_eq!(eps[1].previous_episode_id, Some(eps[0].id));
    // The person's details in the database are kept.
    assert_eq!(store.client(ids[1]).unwrap().unwrap().person, second);
    clean(&store);
    // Merging the same periods again overlaps them: refused, nothing written.
    let said = refused_on(&mut store, bytes.as_bytes(), true);
    assert!(
        said.starts_with(&format!(
            "$.clients[0].episodes[0]: overlaps a benefit period that client K{:06} has in the database",
            ids[1]
        )),
        "{said}"
    );
    // A second person with the same BSN in one file is no merge either.
    let mut twice = doc.clone();
    twice["clients"][1]["bsn"] = second.bsn.as_str().into();
    let said = refused_on(&mut store, twice.to_string().as_bytes(), true);
    assert!(
        said.contains("$.clients[1].bsn: the same person (BSN) as $.clients[0]"),
        "{said}"
    );
    assert!(Bsn::parse(second.bsn.as_str()).is_ok());
}

fn refused_on(store: &mut Store, bytes: &[u8], merge: bool) -> String {
    let before = state(store);
    let err = import_into(store, bytes, merge).expect_err("refused");
    assert_eq!(
        state(store),
        before,
        "a refused import changed the database"
    );
    lines(&err)
}

/// The JSON examples of the README's section "Export and import".
fn readme_examples() -> Vec<String> {
    let readme = include_str!("../../README.md");
    let section = readme
        .split("## Export and import")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("the README has the section");
    section
        .split("```json\n")
        .skip(1)
        .map(|s| s.split("```").next().unwrap().to_owned())
        .collect()
}

#[test]
fn the_readme_examples_import_and_the_full_one_is_what_the_export_writes() {
    let examples = readme_examples();
    assert_eq!(examples.len(), 2);
    let (store, done) = imported(examples[0].as_bytes());
    assert_eq!((done.clients, done.episodes), (2, 3));
    clean(&store);
    let (store, _) = imported(examples[1].as_bytes());
    clean(&store);
    let written: Value = serde_json::from_slice(&export(&store)).unwrap();
    let documented: Value = serde_json::from_str(&examples[1]).unwrap();
    assert_eq!(written, documented);
}

#[test]
fn a_refused_import_leaves_the_database_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caseload.db");
    let mut store = Store::open(&db).unwrap();
    caseload::demo::generate(&mut store, 12, 9, today()).unwrap();
    store.checkpoint().unwrap();
    let files =
        || ["", "-wal"].map(|s| std::fs::read(format!("{}{s}", db.display())).unwrap_or_default());
    let before = files();
    // Refused by the file, and refused by the database (every person is known already).
    let again = export(&store);
    let mut broken: Value = serde_json::from_slice(&again).unwrap();
    broken["clients"][11]["episodes"][0]["benefit_start"] = "2026-02-30".into();
    for bytes in [broken.to_string().into_bytes(), again] {
        let err = import_into(&mut store, &bytes, false).unwrap_err();
        assert!(matches!(err, ImportError::Refused(_)), "{err:?}");
    }
    drop(store);
    assert!(
        files() == before,
        "a refused import wrote to the database file"
    );
}

#[test]
fn a_cancelled_instalment_round_trips_and_paid_with_cancelled_is_refused() {
    let mut doc = story_doc();
    let at = "/clients/0/episodes/0/exit_interview/premium_instalments/0";
    edit(&mut doc, &format!("{at}/paid_on"), Some(Value::Null));
    edit(
        &mut doc,
        &format!("{at}/cancelled_on"),
        Some("2026-04-01".into()),
    );
    let bytes = serde_json::to_vec(&doc).unwrap();
    let (copy, _) = imported(&bytes);
    let back: Value = serde_json::from_slice(&export(&copy)).unwrap();
    assert_eq!(back, doc);
    assert_eq!(
        back.pointer(&format!("{at}/cancelled_on")),
        Some(&json!("2026-04-01"))
    );
    edit(
        &mut doc,
        &format!("{at}/paid_on"),
        Some("2026-03-31".into()),
    );
    let problems = refused(&serde_json::to_vec(&doc).unwrap());
    assert!(
        problems.contains(
            "$.clients[0].episodes[0].exit_interview.premium_instalments[0].cancelled_on: \
             An instalment is paid, cancelled or forfeited: one of them at most."
        ),
        "{problems}"
    );
}

#[test]
fn a_started_trajectory_needs_its_start_and_a_key_like_a_bsn_is_never_named() {
    let doc = json!({
        "format": "caseload",
        "version": 1,
        "clients": [{
            "bsn": "111222333",
            "first_name": "Test",
            "last_name": "Persoon",
            "123456782": "x",
            "episodes": [{
                "benefit_start": "2013-01-01",
                "trajectories": [
                    { "instrument": "jobhunter", "status": "started", "referred_on": "2013-01-01" }
                ]
            }]
        }]
    });
    let said = refused(doc.to_string().as_bytes());
    assert!(
        said.contains(
            "$.clients[0].episodes[0].trajectories[0].start_date: \
             a started trajectory needs its start_date"
        ),
        "{said}"
    );
    assert!(!said.contains("events"), "{said}");
    assert!(said.contains("$.clients[0]: unknown field"), "{said}");
    assert!(!said.contains("123456782"), "{said}");
}

#[test]
fn a_key_given_twice_is_refused_not_read_as_its_last_value() {
    let text = br#"{"format": "caseload", "version": 1, "clients": [
        {"bsn": "111222333", "bsn": "123456782", "first_name": "A", "last_name": "B",
         "episodes": [{"benefit_start": "2020-01-01"}]}]}"#;
    let said = refused(text);
    assert!(said.contains("line 2"), "{said}");
    assert!(said.contains("the key \"bsn\" appears twice"), "{said}");
    assert!(
        !said.contains("123456782") && !said.contains("111222333"),
        "{said}"
    );
    let top = br#"{"format": "caseload", "version": 1, "version": 1, "clients": []}"#;
    assert!(refused(top).contains("$.version: given twice"));
}
