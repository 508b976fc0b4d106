//! `caseload encrypt` and `caseload passphrase` through the real binary: every record kept,
//! the passphrase changed without rewriting the data, the recovery key opening, weak
//! passphrases refused, backups encrypted and restored, and a kill at any moment of
//! `encrypt` leaving one whole caseload.

use crate::support::caseload;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const FIRST: &str = "fiets paraplu molen";
const SECOND: &str = "zeven groene kikkers dansen";

/// A plaintext caseload of demo data in `dir`, and a file with each passphrase.
fn setup(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let db = dir.join("c.db");
    let out = caseload(&db, &["demo", "--clients", "25"]);
    assert!(out.status.success(), "{out:?}");
    let first = dir.join("first");
    std::fs::write(&first, format!("{FIRST}\n")).unwrap();
    let second = dir.join("second");
    std::fs::write(&second, format!("{SECOND}\n")).unwrap();
    (db, first, second)
}

fn with_pass(db: &Path, pass: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--passphrase-file", pass.to_str().unwrap()];
    all.extend_from_slice(args);
    caseload(db, &all)
}

fn export(db: &Path, pass: Option<&Path>) -> String {
    let out = match pass {
        Some(p) => with_pass(db, p, &["export"]),
        None => caseload(db, &["export"]),
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The recovery key in `encrypt`'s output.
fn recovery_key(out: &Output) -> String {
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .map(str::trim)
        .find(|l| l.len() == 39 && l.matches('-').count() == 7)
        .unwrap_or_else(|| panic!("no recovery key in {text}"))
        .to_owned()
}

#[test]
fn encrypt_keeps_every_record_and_the_passphrase_and_recovery_key_open_it() {
    let dir = tempfile::tempdir().unwrap();
    let (db, first, second) = setup(dir.path());
    let before = export(&db, None);
    let out = caseload(
        &db,
        &["encrypt", "--new-passphrase-file", first.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recovery = recovery_key(&out);
    // Neither SQLite nor caseload reads it without the key.
    assert!(!std::fs::read(&db).unwrap().starts_with(b"SQLite format 3"));
    let locked = caseload(&db, &["check"]);
    assert!(!locked.status.success());
    assert_eq!(export(&db, Some(&first)), before);
    assert!(with_pass(&db, &first, &["check"]).status.success());
    // A new passphrase: the old one no longer opens, the new one and the recovery key do.
    let data = std::fs::read(&db).unwrap();
    let out = with_pass(
        &db,
        &first,
        &[
            "passphrase",
            "--new-passphrase-file",
            second.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read(&db).unwrap(),
        data,
        "the data is not rewritten"
    );
    let old = with_pass(&db, &first, &["check"]);
    assert!(!old.status.success());
    assert!(String::from_utf8_lossy(&old.stderr).contains("does not open"));
    assert_eq!(export(&db, Some(&second)), before);
    let rec = dir.path().join("recovery");
    std::fs::write(&rec, format!("{}\n", recovery.to_lowercase())).unwrap();
    assert_eq!(export(&db, Some(&rec)), before);
    // A forgotten passphrase is replaced with the recovery key.
    let out = with_pass(
        &db,
        &rec,
        &[
            "passphrase",
            "--new-passphrase-file",
            first.to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    assert_eq!(export(&db, Some(&first)), before);
}

#[test]
fn a_weak_passphrase_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _, _) = setup(dir.path());
    let weak = dir.path().join("weak");
    std::fs::write(&weak, "geheim123\n").unwrap();
    let data = std::fs::read(&db).unwrap();
    let out = caseload(
        &db,
        &["encrypt", "--new-passphrase-file", weak.to_str().unwrap()],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Too weak"));
    assert_eq!(std::fs::read(&db).unwrap(), data);
    assert!(!caseload::vault::key_path(&db).exists());
}

#[test]
fn backups_of_an_encrypted_caseload_are_encrypted_carry_their_key_file_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let (db, first, _) = setup(dir.path());
    let before = export(&db, None);
    let out = caseload(
        &db,
        &["encrypt", "--new-passphrase-file", first.to_str().unwrap()],
    );
    assert!(out.status.success());
    let copy = dir.path().join("copy.db");
    let out = with_pass(&db, &first, &["backup", copy.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !std::fs::read(&copy)
            .unwrap()
            .starts_with(b"SQLite format 3")
    );
    assert!(caseload::vault::key_path(&copy).exists());
    // Restored over a caseload that was emptied meanwhile: every record is back.
    std::fs::remove_file(&db).unwrap();
    let out = with_pass(&db, &first, &["restore", copy.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(export(&db, Some(&first)), before);
}

#[test]
fn a_kill_at_any_moment_of_encrypt_leaves_the_plaintext_or_the_encrypted_caseload_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (db, first, _) = setup(dir.path());
    let before = export(&db, None);
    let pristine = std::fs::read(&db).unwrap();
    let mut outcomes = (0, 0);
    // Moments spread over the command's run (the passphrase's key derivation, the copy,
    // the check, the renames), the same every run.
    for step in 0..12u64 {
        std::fs::write(&db, &pristine).unwrap();
        let _ = std::fs::remove_file(caseload::vault::key_path(&db));
        let mut child = Command::new(env!("CARGO_BIN_EXE_caseload"))
            .arg("--db")
            .arg(&db)
            .args(["--lang", "en", "encrypt", "--new-passphrase-file"])
            .arg(&first)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(step * 90));
        let _ = child.kill();
        let _ = child.wait();
        let encrypted =
            caseload::vault::key_path(&db).exists() && !caseload::store::is_plaintext(&db);
        let after = if encrypted {
            outcomes.1 += 1;
            export(&db, Some(&first))
        } else {
            outcomes.0 += 1;
            export(&db, None)
        };
        assert_eq!(after, before, "step {step}: encrypted {encrypted}");
    }
    assert!(outcomes.0 > 0, "{outcomes:?}");
}

#[test]
fn a_key_file_left_beside_a_plaintext_caseload_by_a_stopped_encrypt_opens_it_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let (db, first, _) = setup(dir.path());
    let before = export(&db, None);
    let (keys, _, _) = caseload::vault::KeyFile::create(FIRST, caseload::vault::Kdf::FOR_TESTS);
    keys.write(&db).unwrap();
    assert_eq!(export(&db, None), before);
    // encrypt runs again, and then it is encrypted.
    let out = caseload(
        &db,
        &["encrypt", "--new-passphrase-file", first.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!caseload::store::is_plaintext(&db));
    assert_eq!(export(&db, Some(&first)), before);
}

#[test]
fn a_sealed_export_holds_no_plaintext_and_imports_with_its_passphrase_only() {
    let dir = tempfile::tempdir().unwrap();
    let (db, first, second) = setup(dir.path());
    let before = export(&db, None);
    let record: serde_json::Value = serde_json::from_str(&before).unwrap();
    let client = &record["clients"][0];
    let bsn = client["bsn"].as_str().unwrap().to_owned();
    let phone = client["phone"].as_str().unwrap().to_owned();
    let sealed = dir.path().join("out.age");
    let out = caseload(
        &db,
        &[
            "export",
            "--encrypt",
            "--export-passphrase-file",
            second.to_str().unwrap(),
            "--out",
            sealed.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&sealed).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"));
    for secret in [bsn.as_str(), phone.as_str(), "\"clients\"", "caseload"] {
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "{secret}"
        );
    }
    // The wrong passphrase: refused, and no database made.
    let other = dir.path().join("other.db");
    let wrong = caseload(
        &other,
        &[
            "import",
            sealed.to_str().unwrap(),
            "--export-passphrase-file",
            first.to_str().unwrap(),
        ],
    );
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("does not open this export"));
    assert!(!other.exists());
    let right = caseload(
        &other,
        &[
            "import",
            sealed.to_str().unwrap(),
            "--export-passphrase-file",
            second.to_str().unwrap(),
        ],
    );
    assert!(
        right.status.success(),
        "{}",
        String::from_utf8_lossy(&right.stderr)
    );
    assert_eq!(export(&other, None), before);
    // A plain export to a file says that it is plaintext.
    let plain = dir.path().join("plain.json");
    let out = caseload(&db, &["export", "--out", plain.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("not encrypted"));
}
