//! `caseload retention` and `caseload erase` through the binary, on the hand-made caseload
//! of `retention_support` (today 23-11-2026).

use crate::retention_support::{Caseload, Made, build, found_in, today};
use crate::support::{caseload, one_line};
use caseload::domain::model::client_number;
use caseload::store::Store;
use std::path::{Path, PathBuf};
use std::process::Output;

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// The caseload in `dir/caseload.db`, saves logged as the app logs them, with a letter
/// for `ten` and one for `nine`.
fn made(dir: &Path) -> (PathBuf, Caseload) {
    let db = dir.join("caseload.db");
    let mut store = Store::open(&db).unwrap();
    store.log_changes().unwrap();
    let c = build(&mut store);
    store.close().unwrap();
    for who in [&c.ten, &c.nine] {
        caseload::letters::write_exit_letter(&db, today(), who.id, &who.secrets().join("\n"))
            .unwrap();
    }
    // A letter of an older version, named without the database: said, not removed.
    let untied = dir.join(format!(
        "letters/2020-01-02_{}_exit.md",
        client_number(c.eleven.id)
    ));
    std::fs::write(untied, "old").unwrap();
    (db, c)
}

/// The report as JSON without its two tables of the whole caseload of today (phases and
/// ladder), which count every client on file: the rest counts the exits of the period.
fn report(db: &Path) -> (serde_json::Value, serde_json::Value) {
    let mut r: serde_json::Value =
        serde_json::from_str(&ok(&caseload(db, &["report", "--json"]))).unwrap();
    let tables = r["tables"].as_object_mut().unwrap();
    let now = tables.remove("caseload").unwrap();
    tables.remove("ladder").unwrap();
    (r, now)
}

fn bsn_file(dir: &Path, who: &Made) -> String {
    let p = dir.join(format!("bsn-{}", who.id));
    std::fs::write(&p, format!("{}\n", who.bsn)).unwrap();
    p.to_str().unwrap().to_owned()
}

#[test]
fn retention_lists_the_due_by_number_and_erase_due_leaves_no_byte_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let (db, c) = made(dir.path());
    let list = ok(&caseload(&db, &["retention"]));
    let numbered = |who: &Made| list.contains(&client_number(who.id));
    assert!(
        numbered(&c.ten) && numbered(&c.eleven) && numbered(&c.debtor),
        "{list}"
    );
    assert!(!numbered(&c.nine) && !numbered(&c.returned) && !numbered(&c.recent));
    assert!(
        list.starts_with("Due for destruction on 23-11-2026: 2 client files, 1 debt-help record.")
    );
    assert!(list.contains("term ended 23-11-2026"), "{list}");
    for who in [&c.ten, &c.eleven, &c.debtor] {
        assert_eq!(
            found_in(list.as_bytes(), &who.secrets()),
            Vec::<String>::new()
        );
    }
    let named = ok(&caseload(&db, &["retention", "--names"]));
    assert!(named.contains("Bram Tienjarig"), "{named}");
    assert!(!named.contains(&c.ten.bsn));

    let (report_before, now_before) = report(&db);
    // Without a terminal to ask on, and without --yes: nothing happens.
    let refused = caseload(&db, &["erase", "--due"]);
    assert!(!refused.status.success());
    assert!(one_line(&refused).contains("--yes"));
    assert_eq!(ok(&caseload(&db, &["retention"])), list);

    let done = ok(&caseload(&db, &["erase", "--due", "--yes"]));
    assert!(
        done.contains("2 client files and 1 debt-help record; letter files removed: 1."),
        "{done}"
    );
    assert!(done.contains("keeps the newest 14"), "{done}");
    assert!(
        done.contains("not by the database (written by an older version): 1;"),
        "{done}"
    );
    assert!(ok(&caseload(&db, &["retention"])).starts_with("Nothing is due"));
    let mut secrets = c.ten.secrets();
    secrets.extend(c.eleven.secrets());
    for file in [db.clone(), dir.path().join("caseload.db-wal")] {
        let bytes = std::fs::read(&file).unwrap_or_default();
        assert_eq!(found_in(&bytes, &secrets), Vec::<String>::new(), "{file:?}");
    }
    let letters = std::fs::read_dir(dir.path().join("letters"))
        .unwrap()
        .count();
    assert_eq!(
        letters, 2,
        "the letter of the client kept stays, and the untied one"
    );
    let (report_after, now_after) = report(&db);
    assert_eq!(report_after, report_before);
    // Today's caseload lost the two erased clients (closed, and aftercare never ended).
    let count = |now: &serde_json::Value, row: &str| now["rows"][row]["clients"].as_u64().unwrap();
    assert_eq!(
        count(&now_after, "closed") + count(&now_after, "aftercare") + 2,
        count(&now_before, "closed") + count(&now_before, "aftercare")
    );
    assert_eq!(count(&now_after, "intake"), count(&now_before, "intake"));
}

#[test]
fn erase_of_one_client_is_refused_on_benefit_and_keeps_only_a_dataless_audit_entry() {
    let dir = tempfile::tempdir().unwrap();
    let (db, c) = made(dir.path());
    let export = || ok(&caseload(&db, &["export"]));
    let before = export();
    let on_benefit = bsn_file(dir.path(), &c.returned);
    let out = caseload(
        &db,
        &[
            "erase",
            "--client-file",
            &on_benefit,
            "--reason",
            "Dubbel ingevoerd",
            "--yes",
        ],
    );
    assert!(!out.status.success());
    let err = one_line(&out);
    assert!(err.contains("open benefit period"), "{err}");
    assert!(!err.contains(&c.returned.bsn), "{err}");
    assert_eq!(export(), before, "nothing changed");

    let nine = bsn_file(dir.path(), &c.nine);
    let out = caseload(
        &db,
        &[
            "erase",
            "--client-file",
            &nine,
            "--reason",
            "Dubbel ingevoerd",
        ],
    );
    assert!(!out.status.success(), "asks first");
    let done = ok(&caseload(
        &db,
        &[
            "erase",
            "--client-file",
            &nine,
            "--reason",
            "Dubbel ingevoerd",
            "--yes",
        ],
    ));
    assert!(
        done.contains(&format!("Client {} is erased", client_number(c.nine.id))),
        "{done}"
    );
    assert!(!done.contains(&c.nine.bsn));
    let bytes = std::fs::read(&db).unwrap();
    assert_eq!(found_in(&bytes, &c.nine.secrets()), Vec::<String>::new());
    assert_eq!(
        found_in(&bytes, &["Dubbel ingevoerd".to_owned()]),
        Vec::<String>::new()
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let entries: Vec<(String, i64, String)> = conn
        .prepare(
            "SELECT entity, entity_id, action FROM audit_log WHERE entity LIKE 'client_erased%'",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        entries,
        vec![(
            "client_erased_request".to_owned(),
            c.nine.id,
            "delete".to_owned()
        )]
    );
    let left: i64 = conn
        .query_row(
            "SELECT count(*) FROM change_row WHERE client_id = ?1",
            [c.nine.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
    // Gone: asked again, the client is not found.
    let err = one_line(&caseload(
        &db,
        &["erase", "--client-file", &nine, "--reason", "x", "--yes"],
    ));
    assert!(err.contains("no client with this BSN"), "{err}");
}

#[test]
fn erase_works_on_an_encrypted_caseload_and_nothing_of_the_erased_stays_inside() {
    let dir = tempfile::tempdir().unwrap();
    let (db, c) = made(dir.path());
    let pass = dir.path().join("pass");
    std::fs::write(&pass, "fiets paraplu molen\n").unwrap();
    let pass = pass.to_str().unwrap();
    let enc = caseload(&db, &["encrypt", "--new-passphrase-file", pass]);
    assert!(enc.status.success(), "{enc:?}");
    let erased = caseload(&db, &["--passphrase-file", pass, "erase", "--due", "--yes"]);
    assert!(erased.status.success(), "{erased:?}");
    let done = ok(&erased);
    assert!(done.contains("2 client files"), "{done}");
    // The hand-made caseload breaks a rule of its own making (trajectories without status
    // events); SQLite's checks are what count here.
    let check = caseload(&db, &["--passphrase-file", pass, "check"]);
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(
        said.contains("SQLite integrity and foreign keys: ok"),
        "{said}"
    );
    assert!(
        ok(&caseload(&db, &["--passphrase-file", pass, "retention"])).starts_with("Nothing is due")
    );
    // Read with the key: the erased are gone from inside too, the kept are there.
    let keys = caseload::vault::KeyFile::read(&db).unwrap().unwrap();
    caseload::vault::held::hold(keys.unlock("fiets paraplu molen").unwrap());
    let inside = Store::open(&db).unwrap().dump().unwrap();
    let mut secrets = c.ten.secrets();
    secrets.extend(c.eleven.secrets());
    assert_eq!(found_in(inside.as_bytes(), &secrets), Vec::<String>::new());
    assert!(inside.contains(&c.nine.bsn));
}
