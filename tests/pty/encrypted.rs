//! An encrypted caseload as the caseworker uses it: unlocked with the passphrase, a note
//! typed and saved through the app, and afterwards no byte of the client's name, BSN or
//! that note in any file the app wrote (the database, its log and index, the key file, the
//! daily backup); without the passphrase nothing opens; killed at random moments, it stays
//! sound and keeps every save the screen confirmed.

use crate::harness::{Running, spawn};
use crate::kill_support::keys::{
    field, open_file, save_note, start_intake, start_note, type_keys, wait_loaded,
};
use caseload::store::Store;
use caseload::vault::{Kdf, KeyFile, held};
use rand::{Rng, SeedableRng};
use std::path::{Path, PathBuf};
use std::process::Command;

const PASSPHRASE: &str = "fiets paraplu molen";
const NOTE: &str = "Schuld bij Qwertybank 4471 besproken";
/// Typed into an intake that is left as a draft.
const TYPED_BSN: &str = "111222333";
const TYPED_FIRST: &str = "Zwaantje";
const TYPED_LAST: &str = "Kwadraatsma";

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
    let (db, pass) = encrypted_caseload(dir.path());
    let (name, bsn) = {
        let store = Store::open(&db).unwrap();
        let rows = store.caseload(crate::fixtures::date(2026, 11, 23)).unwrap();
        let first = rows.first().unwrap();
        (first.name.clone(), first.bsn.clone())
    };
    let mut running: Running = spawn(app(&db, &pass));
    wait_loaded(&mut running, 3);
    open_file(&mut running);
    save_note(&mut running, NOTE);
    // A new client typed into an intake, left half-way: the draft tick keeps it.
    let mut session = start_intake(&mut running);
    let mut keys = field("bsn", TYPED_BSN);
    keys.extend(field("first_name", TYPED_FIRST));
    keys.push(crate::kill_support::keys::Key::Next);
    keys.extend(field("last_name", TYPED_LAST));
    type_keys(&mut running, &mut session, &keys);
    let end = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let drafted = || {
        Store::open_read_only(&db)
            .and_then(|s| s.drafts())
            .is_ok_and(|d| d.iter().any(|d| d.data.contains(TYPED_LAST)))
    };
    while !drafted() {
        assert!(
            std::time::Instant::now() < end,
            "no draft:\n{}",
            running.screen().join("\n")
        );
        running.idle(std::time::Duration::from_millis(50));
    }
    // Ended as a closed terminal window ends it: what is in progress is saved.
    running.signal(rustix::process::Signal::TERM);
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
        for secret in [
            NOTE,
            "Qwertybank",
            last_name,
            bsn.as_str(),
            PASSPHRASE,
            TYPED_BSN,
            TYPED_FIRST,
            TYPED_LAST,
        ] {
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

/// A new encrypted caseload of three demo clients in `dir`, its key held here, and the
/// file with its passphrase.
fn encrypted_caseload(dir: &Path) -> (PathBuf, PathBuf) {
    let db = dir.join("c.db");
    let pass = dir.join("pass");
    std::fs::write(&pass, format!("{PASSPHRASE}\n")).unwrap();
    let (keys, key, _) = KeyFile::create(PASSPHRASE, Kdf::FOR_TESTS);
    keys.write(&db).unwrap();
    held::hold(key);
    let mut store = Store::open(&db).unwrap();
    caseload::demo::generate(&mut store, 3, 7, crate::fixtures::date(2026, 11, 23)).unwrap();
    (db, pass)
}

#[test]
fn killed_at_random_moments_an_encrypted_caseload_stays_sound_and_keeps_every_confirmed_save() {
    let dir = tempfile::tempdir().unwrap();
    let (db, pass) = encrypted_caseload(dir.path());
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(16);
    let mut confirmed = Vec::new();
    for round in 0..6 {
        let mut running = spawn(app(&db, &pass));
        wait_loaded(&mut running, 3);
        open_file(&mut running);
        let text = format!("ENC-{round} gesprek over werk en schulden");
        save_note(&mut running, &text);
        confirmed.push(text);
        // Another save sent without waiting for it, and a kill at a moment drawn.
        start_note(&mut running);
        running.send(format!("ENC-{round}-x onderweg").as_bytes());
        running.send(b"\x13");
        std::thread::sleep(std::time::Duration::from_millis(rng.random_range(0..150)));
        running.signal(rustix::process::Signal::KILL);
        running.wait_exit(30);
        let check = app(&db, &pass).arg("check").output().unwrap();
        assert!(
            check.status.success(),
            "round {round}: {}",
            String::from_utf8_lossy(&check.stdout)
        );
        let inside = Store::open(&db).unwrap().dump().unwrap();
        for c in &confirmed {
            assert!(inside.contains(c.as_str()), "round {round}: {c} lost");
        }
    }
}
