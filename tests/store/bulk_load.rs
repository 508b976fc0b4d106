//! The bulk loads (the demo, an import): the search index and the deferred indexes made at
//! their end, the schema as it was, the audit entries, and nothing at all when one fails.

use crate::common::today;
use crate::fixtures::*;
use caseload::domain::search::Needle;
use caseload::store::search::HitKind;
use caseload::store::{Store, StoreError};
use std::path::Path;

/// The schema of a file: each object's type, name and SQL, sorted; not SQLite's statistics
/// of the indexes (`sqlite_stat1`, made when the roster is computed again).
fn schema(db: &Path) -> Vec<(String, String, Option<String>)> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut st = c
        .prepare(
            "SELECT type, name, sql FROM sqlite_schema \
             WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\' ORDER BY type, name",
        )
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The audit log of a file: entity, id and action of each entry.
fn audit(db: &Path) -> Vec<(String, i64, String)> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut st = c
        .prepare("SELECT entity, entity_id, action FROM audit_log ORDER BY id")
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn the_demo_leaves_the_schema_as_it_was_and_every_client_and_note_can_be_found() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let mut store = Store::open(&db).unwrap();
    let fresh = schema(&db);
    caseload::demo::generate(&mut store, 120, 7, today()).unwrap();
    assert_eq!(schema(&db), fresh);
    assert!(store.sqlite_problems().unwrap().is_empty());
    let caseload = store.caseload(today()).unwrap();
    assert_eq!(caseload.len(), 120);
    for row in &caseload {
        let hits = store.search(&Needle::new(&row.bsn)).unwrap();
        assert!(
            hits.iter()
                .any(|h| h.kind == HitKind::Client && h.client_id == row.client_id),
            "client {}",
            row.client_id
        );
    }
    let notes = store.search(&Needle::new("intakegesprek")).unwrap();
    assert!(notes.iter().any(|h| matches!(h.kind, HitKind::Note(_))));
    // The search index follows an ordinary save again.
    store
        .write(|tx| {
            let client = tx.insert_client(&person(900))?;
            let ep = tx.insert_episode(&episode(client, date(2026, 3, 1)))?;
            tx.insert_note(&note(ep, "Proefplaats bij de zuivelfabriek geregeld."))
        })
        .unwrap();
    assert_eq!(
        store.search(&Needle::new("zuivelfabriek")).unwrap().len(),
        1
    );
}

#[test]
fn the_demo_writes_one_audit_entry_per_client_and_no_change_set() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let mut store = Store::open(&db).unwrap();
    caseload::demo::generate(&mut store, 30, 7, today()).unwrap();
    let ids: Vec<i64> = store
        .caseload(today())
        .unwrap()
        .iter()
        .map(|r| r.client_id)
        .collect();
    let mut logged: Vec<i64> = audit(&db)
        .into_iter()
        .map(|(entity, id, action)| {
            assert_eq!((entity.as_str(), action.as_str()), ("client", "create"));
            id
        })
        .collect();
    logged.sort_unstable();
    let mut ids = ids;
    ids.sort_unstable();
    assert_eq!(logged, ids);
    assert!(store.change_sets_after(0).unwrap().is_empty());
}

#[test]
fn a_failing_bulk_load_writes_nothing_and_leaves_the_schema_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let mut store = Store::open(&db).unwrap();
    let fresh = schema(&db);
    let err = store
        .bulk_load(|tx| {
            let client = tx.insert_client(&person(1))?;
            tx.insert_episode(&episode(client, date(2026, 3, 1)))?;
            Err::<(), _>(StoreError::Invalid("test.refused"))
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid("test.refused")));
    assert_eq!(schema(&db), fresh);
    assert_eq!(store.client_count().unwrap(), 0);
    assert!(audit(&db).is_empty());
}

#[test]
fn an_import_audits_each_row_it_wrote_leaves_the_schema_and_its_clients_can_be_found() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("import.db");
    let bytes = crate::transfer_support::export(&crate::transfer_support::rich_store());
    let mut store = Store::open(&db).unwrap();
    let fresh = schema(&db);
    caseload::commands::import::import_into(&mut store, &bytes, false).unwrap();
    assert_eq!(schema(&db), fresh);
    assert!(store.sqlite_problems().unwrap().is_empty());
    // Every row of a client's records has its own `create` entry, as a save makes it.
    let c = rusqlite::Connection::open(&db).unwrap();
    let logged = audit(&db);
    for (table, key) in [
        ("client", "id"),
        ("episode", "id"),
        ("intake", "episode_id"),
        ("assessment", "id"),
        ("goal", "id"),
        ("note", "id"),
        ("agreement", "id"),
        ("trajectory", "id"),
        ("trajectory_event", "id"),
        ("review", "id"),
        ("exit_interview", "episode_id"),
        ("premium_instalment", "id"),
        ("aftercare_plan", "id"),
        ("aftercare_contact", "id"),
    ] {
        let mut rows: Vec<i64> = c
            .prepare(&format!("SELECT {key} FROM {table}"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(!rows.is_empty(), "{table}");
        let mut audited: Vec<i64> = logged
            .iter()
            .filter(|(entity, _, action)| entity == table && action == "create")
            .map(|(_, id, _)| *id)
            .collect();
        rows.sort_unstable();
        audited.sort_unstable();
        assert_eq!(audited, rows, "{table}");
    }
    for row in &store.caseload(today()).unwrap() {
        let hits = store.search(&Needle::new(&row.bsn)).unwrap();
        assert!(hits.iter().any(|h| h.client_id == row.client_id));
    }
    // Refused (every client is known now): nothing written, the schema as it was.
    let before = logged.len();
    caseload::commands::import::import_into(&mut store, &bytes, false).unwrap_err();
    assert_eq!(schema(&db), fresh);
    assert_eq!(audit(&db).len(), before);
}
