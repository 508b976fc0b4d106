//! An encrypted caseload as the caseworker uses it: unlocked with the passphrase, a note
//! typed and saved through the app, and afterwards no byte of the client's name, BSN or
//! that note in any file the app wrote (the database, its log and index, the key file, the
//! daily backup); without the passphrase nothing opens.

use crate::harness::{Running, spawn};
use crate::kill_support::keys::{open_file, save_note, wait_loaded};
use caseload::store::Store;
use caseload::vault::{Kdf, KeyFile, held};
use std::path::{Path, PathBuf};
use std::process::Command;

const PASSPHRASE: &str = "fiets paraplu molen";
const NOTE: &str = "Schuld bij Qwertybank 4471 besproken";

/// Every file under `dir`, recursively.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn app(db: &Path, pass: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_caseload"));
    c.arg("--db").arg(db).arg("--passphrase-file").arg(pass);
    c.args(["--lang", "en", "--today", "2026-11-23"]);
    c
}

#[test]
fn a_session_on_an_encrypted_caseload_leaves_no_personal_data_in_plaintext_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let pass = dir.path().join("pass");
    std::fs::write(&pass, format!("{PASSPHRASE}\n")).unwrap();
    let (keys, key, _) = KeyFile::create(PASSPHRASE, Kdf::FOR_TESTS);
    keys.write(&db).unwrap();
    held::hold(key);
    let (name, bsn) = {
        let mut store = Store::open(&db).unwrap();
        caseload::demo::generate(&mut store, 3, 7, crate::fixtures::date(2026, 11, 23)).unwrap();
        let rows = store.caseload(crate::fixtures::date(2026, 11, 23)).unwrap();
        let first = rows.first().unwrap();
        (first.name.clone(), first.bsn.clone())
    };
    let mut running: Running = spawn(app(&db, &pass));
    wait_loaded(&mut running, 3);
    open_file(&mut running);
    save_note(&mut running, NOTE);
    running.send(b"q");
    assert!(running.wait_exit(30).success());
    // The note is in the caseload, read with the key.
    let store = Store::open(&db).unwrap();
    assert!(store.dump().unwrap().contains(NOTE));
    drop(store);
    let written = files(dir.path());
    assert!(
        written
            .iter()
            .any(|p| p.starts_with(dir.path().join("backups"))),
        "the daily backup: {written:?}"
    );
    // The longest part of the name: a short one (a tussenvoegsel) could turn up by chance in
    // random bytes.
    let last_name = name
        .split(|c: char| !c.is_alphabetic())
        .max_by_key(|w| w.len())
        .unwrap();
    assert!(last_name.len() >= 5, "{name}");
    for f in &written {
        if f == &pass {
            continue;
        }
        let bytes = std::fs::read(f).unwrap();
        for secret in [NOTE, "Qwertybank", last_name, bsn.as_str(), PASSPHRASE] {
            assert!(
                !contains(&bytes, secret),
                "{secret:?} in plaintext in {f:?}"
            );
        }
    }
    // Without the key, neither SQLite nor another program reads it.
    let plain = rusqlite::Connection::open(&db).unwrap();
    assert!(
        plain
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r
                .get::<_, i64>(0))
            .is_err()
    );
}

#[test]
fn a_wrong_passphrase_opens_nothing_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let (keys, key, _) = KeyFile::create(PASSPHRASE, Kdf::FOR_TESTS);
    keys.write(&db).unwrap();
    held::hold(key);
    caseload::demo::generate(
        &mut Store::open(&db).unwrap(),
        2,
        7,
        crate::fixtures::date(2026, 11, 23),
    )
    .unwrap();
    let before = std::fs::read(&db).unwrap();
    let bad = dir.path().join("bad");
    std::fs::write(&bad, "fiets paraplu\n").unwrap();
    let out = app(&db, &bad).arg("check").output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("does not open this caseload"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}
