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

/// A bulk load neither looks up foreign keys nor evaluates CHECK constraints; both hold
/// again for every write after it, whether it wrote or failed, and what it wrote keeps
/// them.
#[test]
fn foreign_keys_and_checks_hold_again_after_a_bulk_load_that_wrote_and_one_that_failed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let mut store = Store::open(&db).unwrap();
    let orphan = |store: &mut Store| {
        store.write(|tx| tx.insert_note(&note(9_999_999, "Zonder uitkeringsperiode.")))
    };
    // `length(trim(first_name)) > 0`: the store leaves it to the schema.
    let nameless = |store: &mut Store| {
        store.write(|tx| {
            tx.insert_client(&caseload::domain::model::Person {
                first_name: "  ".into(),
                ..person(900)
            })
        })
    };
    caseload::demo::generate(&mut store, 20, 7, today()).unwrap();
    for when in ["after a load that wrote", "after a load that failed"] {
        assert!(orphan(&mut store).is_err(), "{when}");
        assert!(nameless(&mut store).is_err(), "{when}");
        let _ = store.bulk_load(|_| Err::<(), _>(StoreError::Invalid("test.refused")));
    }
    assert_eq!(store.client_count().unwrap(), 20);
    assert!(store.sqlite_problems().unwrap().is_empty());
    assert_eq!(store.broken_rows().unwrap(), Vec::new());
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

/// The journal mode of the file at `db`, as a new connection finds it.
fn journal_mode(db: &Path) -> String {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap()
}

/// `db` with `suffix` after its name (`-journal`, `-wal`).
fn beside(db: &Path, suffix: &str) -> std::path::PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(suffix);
    s.into()
}

#[test]
fn a_bulk_load_alone_with_the_file_writes_through_a_rollback_journal_and_leaves_it_in_wal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bulk.db");
    let mut store = Store::open(&db).unwrap();
    assert_eq!(journal_mode(&db), "wal");
    let during = store
        .bulk_load(|tx| {
            let client = tx.insert_client(&person(1))?;
            tx.insert_episode(&episode(client, date(2026, 3, 1)))?;
            // A reader that comes while the load runs waits for it: none reads half of it.
            let reader = rusqlite::Connection::open(&db).unwrap();
            reader.busy_timeout(std::time::Duration::ZERO).unwrap();
            let read = reader.query_row("SELECT count(*) FROM client", [], |r| r.get::<_, i64>(0));
            Ok((beside(&db, "-journal").exists(), read.is_err()))
        })
        .unwrap();
    assert_eq!(during, (true, true));
    // Folded in and emptied as the backup does it, at once.
    store.checkpoint().unwrap();
    assert_eq!(journal_mode(&db), "wal");
    assert!(!beside(&db, "-journal").exists());
    assert_eq!(store.client_count().unwrap(), 1);
    assert!(store.sqlite_problems().unwrap().is_empty());
}

#[test]
fn a_bulk_load_next_to_a_reader_stays_in_wal_and_the_reader_reads_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bulk.db");
    let mut store = Store::open(&db).unwrap();
    let reader = rusqlite::Connection::open(&db).unwrap();
    reader.execute_batch("BEGIN").unwrap();
    let count = |c: &rusqlite::Connection| -> i64 {
        c.query_row("SELECT count(*) FROM client", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(count(&reader), 0);
    let journal = store
        .bulk_load(|tx| {
            let client = tx.insert_client(&person(1))?;
            tx.insert_episode(&episode(client, date(2026, 3, 1)))?;
            Ok(beside(&db, "-journal").exists())
        })
        .unwrap();
    assert!(!journal);
    // The reader's snapshot is as it was; its next one has the load.
    assert_eq!(count(&reader), 0);
    reader.execute_batch("COMMIT").unwrap();
    assert_eq!(count(&reader), 1);
    assert_eq!(journal_mode(&db), "wal");
}

#[cfg(unix)]
#[test]
fn a_link_at_the_journals_path_is_never_followed_and_the_load_goes_through_the_wal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bulk.db");
    let mut store = Store::open(&db).unwrap();
    let elsewhere = dir.path().join("elsewhere");
    std::fs::write(&elsewhere, "someone else's").unwrap();
    std::os::unix::fs::symlink(&elsewhere, beside(&db, "-journal")).unwrap();
    // The load does not switch to a journal of its own: the WAL does not read one.
    store
        .bulk_load(|tx| tx.insert_client(&person(1)).map(|_| ()))
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(&elsewhere).unwrap(),
        "someone else's"
    );
    assert_eq!(store.client_count().unwrap(), 1);
    // (A new connection would take what it finds there for a journal left by a write that
    // was stopped, and wait for it: not caseload's to open here.)
    std::fs::remove_file(beside(&db, "-journal")).unwrap();
    assert_eq!(journal_mode(&db), "wal");
}

#[test]
fn a_bulk_load_into_a_caseload_with_clients_stays_in_wal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bulk.db");
    let mut store = Store::open(&db).unwrap();
    store
        .write(|tx| tx.insert_client(&person(1)).map(|_| ()))
        .unwrap();
    let journal = store
        .bulk_load(|tx| {
            tx.insert_client(&person(2))?;
            Ok(beside(&db, "-journal").exists())
        })
        .unwrap();
    assert!(!journal);
    assert_eq!(store.client_count().unwrap(), 2);
}
