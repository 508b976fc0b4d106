//! Retention: what is due on a day, and erasure that leaves nothing of the erased clients
//! in the database file or its WAL, and nothing else changed.

use crate::retention_support::{Caseload, build, found_in, today};
use caseload::domain::model::Id;
use caseload::domain::report::Report;
use caseload::domain::retention::RetentionConfig;
use caseload::store::erasure::Erasure;
use caseload::store::retention::{DebtHelpKind, RetentionDue};
use caseload::store::{Store, StoreError};

fn no_drafts(_: &str) -> Option<&'static str> {
    None
}

fn due(store: &Store) -> RetentionDue {
    store
        .retention_due(today(), &RetentionConfig::default())
        .unwrap()
}

#[test]
fn exactly_the_files_ended_ten_years_ago_or_more_and_debt_help_five_years_ago_are_due() {
    let mut store = Store::open_in_memory().unwrap();
    let c = build(&mut store);
    let due = due(&store);
    let clients: Vec<(Id, String)> = due
        .clients
        .iter()
        .map(|d| (d.client_id, d.term_ended.to_string()))
        .collect();
    assert_eq!(
        clients,
        vec![
            (c.eleven.id, "2025-11-23".to_owned()),
            (c.ten.id, "2026-11-23".to_owned())
        ]
    );
    // The debt help of a file that is due is not listed apart; a day short of five years
    // is kept.
    let debt: Vec<(Id, DebtHelpKind, Id)> = due
        .debt_help
        .iter()
        .map(|d| (d.client_id, d.kind, d.record_id))
        .collect();
    assert_eq!(
        debt,
        vec![(c.debtor.id, DebtHelpKind::Trajectory, c.debt_due)]
    );
    // A day earlier, the ten-year file and the five-year debt help are not due yet.
    let before = store
        .retention_due(today().pred_opt().unwrap(), &RetentionConfig::default())
        .unwrap();
    assert_eq!(before.clients.len(), 1);
    assert!(before.debt_help.is_empty());
    // A municipality's own terms.
    let own = RetentionConfig {
        client_file_years: 9,
        debt_help_years: 11,
        ..RetentionConfig::default()
    };
    let due = store.retention_due(today(), &own).unwrap();
    assert_eq!(due.clients.len(), 3);
    assert!(due.debt_help.is_empty());
}

#[test]
fn the_first_due_are_the_oldest_terms_and_the_counts_are_of_everything_due() {
    let mut store = Store::open_in_memory().unwrap();
    let c = build(&mut store);
    let all = due(&store);
    assert_eq!((all.files_due, all.debt_due), (2, 1));
    let first = store
        .retention_first(today(), &RetentionConfig::default(), 1)
        .unwrap();
    let listed: Vec<Id> = first.clients.iter().map(|d| d.client_id).collect();
    assert_eq!(listed, vec![c.eleven.id]);
    assert_eq!(first.debt_help, all.debt_help);
    assert_eq!((first.files_due, first.debt_due), (2, 1));
    let own = RetentionConfig {
        client_file_years: 9,
        ..RetentionConfig::default()
    };
    let first = store.retention_first(today(), &own, 2).unwrap();
    assert_eq!((first.clients.len(), first.files_due), (2, 3));
    let whole = store.retention_due(today(), &own).unwrap();
    assert_eq!(first.clients[..], whole.clients[..2]);
    assert_eq!(first.debt_due, whole.debt_help.len() as u64);
    let none = store.retention_first(today(), &own, 0).unwrap();
    assert!(none.clients.is_empty() && !none.is_empty());
    assert_eq!(none.files_due, 3);
}

/// The records of every client, as the export writes them.
fn records(store: &Store, c: &Caseload, ids: &[Id]) -> Vec<String> {
    let _ = c;
    ids.iter()
        .map(|id| format!("{:?}", store.client_record(*id).unwrap()))
        .collect()
}

#[test]
fn erasure_refused_for_an_open_benefit_period_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let c = build(&mut store);
    let ids = [c.ten.id, c.returned.id];
    let before = records(&store, &c, &ids);
    let e = store
        .erase(&ids, &[], Erasure::Request, &no_drafts)
        .unwrap_err();
    assert!(
        matches!(e, StoreError::Invalid("erase.open_period")),
        "{e:?}"
    );
    assert_eq!(records(&store, &c, &ids), before);
}

#[test]
fn erasing_what_is_due_leaves_no_byte_of_it_in_the_file_or_its_wal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caseload.db");
    let mut store = Store::open(&db).unwrap();
    store.log_changes().unwrap();
    let c = build(&mut store);
    // Drafts under the client and under one of their records go too.
    let ten_note = store.latest_notes(c.ten.id, 1).unwrap()[0].id;
    store
        .save_draft("note", c.ten.id, "{\"summary\":\"Bram draft\"}")
        .unwrap();
    store
        .save_draft("note_edit", ten_note, "{\"summary\":\"Bram edit\"}")
        .unwrap();
    store
        .save_draft("note", c.nine.id, "{\"summary\":\"kept\"}")
        .unwrap();
    let kept = [c.nine.id, c.returned.id, c.debtor.id, c.recent.id];
    let before = records(&store, &c, &kept);
    // The report of the period, and how many clients its phases count: the phases are
    // the caseload of today, of which the erased clients are no longer part.
    let report = |s: &Store| {
        let period = caseload::domain::report_period::Period::last_12_months(today());
        let r = s
            .report(period, today(), &caseload::assets::Assets::builtin().report)
            .unwrap();
        let counted: u64 = r.phases.iter().map(|(_, n)| *n).sum();
        (
            format!(
                "{:?}",
                Report {
                    phases: Vec::new(),
                    ..r
                }
            ),
            counted,
        )
    };
    let report_before = report(&store);
    let due = due(&store);
    let ids: Vec<Id> = due.clients.iter().map(|d| d.client_id).collect();
    let table = |form: &str| (form == "note_edit").then_some("note");
    store
        .erase(&ids, &due.debt_help, Erasure::Retention, &table)
        .unwrap();
    // Nothing is due any more, the rest is as it was.
    assert!(self::due(&store).is_empty());
    let mut after = records(&store, &c, &kept);
    // The debtor's due debt help went, and only that.
    assert!(!after[2].contains(&format!("id: {}, ", c.debt_due)));
    assert!(after[2].contains("Schuldhulpverlening"));
    after[2] = before[2].clone();
    assert_eq!(after, before);
    let report_after = report(&store);
    assert_eq!(report_after.0, report_before.0);
    assert_eq!(report_after.1, report_before.1 - 2);
    assert!(store.client(c.ten.id).unwrap().is_none());
    assert!(store.draft("note", c.nine.id).unwrap().is_some());
    assert_eq!(store.drafts().unwrap().len(), 1);
    assert!(store.client_changes(c.ten.id).unwrap().is_empty());
    assert!(!store.client_changes(c.nine.id).unwrap().is_empty());
    // Read while the store is open, as the erasing command leaves it: a closing
    // connection would fold the WAL in and delete it.
    let mut secrets = c.ten.secrets();
    secrets.extend(c.eleven.secrets());
    secrets.extend([
        "Tienjarigen".to_owned(),
        "Bram draft".into(),
        "Bram edit".into(),
    ]);
    let file = std::fs::read(&db).unwrap();
    let wal = std::fs::read(dir.path().join("caseload.db-wal")).unwrap_or_default();
    assert_eq!(found_in(&file, &secrets), Vec::<String>::new());
    assert_eq!(found_in(&wal, &secrets), Vec::<String>::new());
    // The check sees what is there.
    assert_eq!(found_in(&file, &c.nine.secrets()), c.nine.secrets());
    drop(store);
}

#[test]
fn debt_help_that_found_the_job_goes_and_anothers_history_under_a_key_taken_again_stays() {
    use caseload::domain::codes::{FoundVia, TrajectoryStatus};
    use caseload::domain::model::{ExitInterview, Trajectory};
    let mut store = Store::open_in_memory().unwrap();
    store.log_changes().unwrap();
    let c = build(&mut store);
    // The debt help of `nine` (its file kept) found the job, six years ago.
    let ep = store.latest_episode(c.nine.id).unwrap().unwrap().id;
    let debt = store
        .write(|tx| {
            let id = tx.insert_trajectory(&Trajectory {
                instrument: "debt_help".into(),
                ended_on: Some(crate::retention_support::date(2017, 11, 1)),
                ..crate::fixtures::trajectory(
                    ep,
                    TrajectoryStatus::Completed,
                    crate::retention_support::date(2017, 1, 1),
                )
            })?;
            tx.insert_exit_interview(&ExitInterview {
                found_via: Some(FoundVia::Trajectory),
                found_via_trajectory_id: Some(id),
                ..crate::fixtures::interview(ep, crate::retention_support::date(2017, 11, 23))
            })?;
            Ok(id)
        })
        .unwrap();
    // A note of `recent`, voided: its key is taken again by a note of `ten`.
    let recent_ep = store.latest_episode(c.recent.id).unwrap().unwrap().id;
    let ten_ep = store.latest_episode(c.ten.id).unwrap().unwrap().id;
    let voided = store
        .write(|tx| tx.insert_note(&crate::fixtures::note(recent_ep, "Eerst hier")))
        .unwrap();
    store
        .write(|tx| tx.void_note(voided, "verkeerde klant"))
        .unwrap();
    let again = store
        .write(|tx| tx.insert_note(&crate::fixtures::note(ten_ep, "Dan daar")))
        .unwrap();
    assert_eq!(again, voided, "the key is taken again");
    let recent_history = store.client_changes(c.recent.id).unwrap();
    let due = due(&store);
    assert!(due.debt_help.iter().any(|d| d.record_id == debt));
    let ids: Vec<Id> = due.clients.iter().map(|d| d.client_id).collect();
    store
        .erase(&ids, &due.debt_help, Erasure::Retention, &no_drafts)
        .unwrap();
    let record = store.client_record(c.nine.id).unwrap().unwrap();
    let exit = record.episodes[0].exit.as_ref().unwrap();
    assert_eq!(exit.interview.found_via_trajectory_id, None);
    assert!(record.episodes[0].trajectories.is_empty());
    assert_eq!(store.client_changes(c.recent.id).unwrap(), recent_history);
    assert!(store.broken_rows().unwrap().is_empty());
}

#[test]
fn a_new_client_never_gets_the_number_of_an_erased_one() {
    use crate::fixtures::{closed, date, person};
    let mut store = Store::open_in_memory().unwrap();
    let mut ids = Vec::new();
    for n in 1..=2 {
        let id = store
            .write(|tx| {
                let id = tx.insert_client(&person(n))?;
                tx.insert_episode(&closed(id, date(2010, 1, 4), date(2012, 3, 1)))?;
                Ok(id)
            })
            .unwrap();
        ids.push(id);
    }
    // The client with the highest number goes.
    store
        .erase(&ids[1..], &[], Erasure::Request, &no_drafts)
        .unwrap();
    let new = store.write(|tx| tx.insert_client(&person(3))).unwrap();
    assert!(new > ids[1], "{new} after {ids:?}");
}

#[test]
fn a_bulk_load_of_new_clients_never_gives_one_the_number_of_an_erased_one_and_counts_on() {
    use crate::fixtures::{closed, date, person};
    let mut store = Store::open_in_memory().unwrap();
    let erased = store
        .write(|tx| {
            let id = tx.insert_client(&person(1))?;
            tx.insert_episode(&closed(id, date(2010, 1, 4), date(2012, 3, 1)))?;
            Ok(id)
        })
        .unwrap();
    store
        .erase(&[erased], &[], Erasure::Request, &no_drafts)
        .unwrap();
    let loaded = store
        .bulk_load(|tx| {
            (2..=4)
                .map(|n| tx.insert_client(&person(n)))
                .collect::<Result<Vec<_>, _>>()
        })
        .unwrap();
    assert_eq!(loaded, vec![erased + 1, erased + 2, erased + 3]);
    // A save after the load asks the database again.
    let next = store.write(|tx| tx.insert_client(&person(5))).unwrap();
    assert_eq!(next, erased + 4);
}
