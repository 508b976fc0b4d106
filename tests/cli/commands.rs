//! The robustness commands from the command line: `backup`, `restore`, `--log`, and the
//! modes of every file caseload creates.
#![cfg(unix)]

use crate::support::{caseload, mode, one_line};

#[test]
fn backup_and_restore_from_the_command_line_with_a_log_without_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = data.join("caseload.db");
    let log = dir.path().join("logs/caseload.log");
    let log_arg = log.to_str().unwrap();
    let out = caseload(&db, &["--log", log_arg, "demo", "--clients", "30"]);
    assert!(out.status.success(), "{}", one_line(&out));
    // Every file caseload made is private.
    assert_eq!(mode(&data), 0o700);
    for f in ["caseload.db", "caseload.db.lock"] {
        assert_eq!(mode(&data.join(f)), 0o600, "{f}");
    }
    assert_eq!(mode(&log), 0o600);

    let out = caseload(&db, &["--log", log_arg, "backup"]);
    assert!(out.status.success(), "{}", one_line(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.starts_with("Backup written: ") && said.contains("backups/caseload-2"),
        "{said}"
    );
    let backups = data.join("backups");
    assert_eq!(mode(&backups), 0o700);
    let chosen = dir.path().join("usb/copy.db");
    let out = caseload(&db, &["backup", chosen.to_str().unwrap()]);
    assert!(out.status.success(), "{}", one_line(&out));
    assert_eq!(mode(&chosen), 0o600);
    // Never over an existing file.
    let out = caseload(&db, &["backup", chosen.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(one_line(&out).contains("already exists"));

    // A damaged copy is refused in one line; the good one restores.
    let bad = dir.path().join("bad.db");
    let mut bytes = std::fs::read(&chosen).unwrap();
    for p in (1..bytes.len() / 4096).step_by(3) {
        bytes[p * 4096] ^= 0xff;
    }
    std::fs::write(&bad, bytes).unwrap();
    let out = caseload(&db, &["--log", log_arg, "restore", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(one_line(&out).contains("fails the integrity check"));
    let out = caseload(
        &db,
        &["--log", log_arg, "restore", chosen.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", one_line(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("kept as") && said.contains("before-restore"),
        "{said}"
    );
    let out = caseload(&db, &["check"]);
    assert_eq!(out.status.code(), Some(0));

    let text = std::fs::read_to_string(&log).unwrap();
    for event in [
        "start caseload",
        "backup written (",
        "backup failed: refused",
        "restored",
    ] {
        assert!(text.contains(event), "{event} not in:\n{text}");
    }
    // Kinds and sizes only: no paths, no names.
    assert!(!text.contains(dir.path().to_str().unwrap()), "{text}");
    assert!(!text.contains(".db"), "{text}");
}

#[test]
fn without_log_nothing_is_logged_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let out = caseload(&db, &["demo", "--clients", "3"]);
    assert!(out.status.success());
    let out = caseload(&db, &["backup"]);
    assert!(out.status.success());
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for name in &names {
        // SQLite's own -wal and -shm files take the database's mode.
        assert!(
            ["backups", "c.db", "c.db-shm", "c.db-wal", "c.db.lock"].contains(&name.as_str()),
            "{names:?}"
        );
        assert_eq!(mode(&dir.path().join(name)) & 0o077, 0, "{name}");
    }
}

#[test]
fn a_backup_onto_a_link_to_nothing_is_refused_in_a_sentence_and_nothing_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caseload.db");
    let out = caseload(&db, &["demo", "--clients", "3"]);
    assert!(out.status.success(), "{}", one_line(&out));
    let nowhere = dir.path().join("elsewhere/nowhere.db");
    let link = dir.path().join("copy.db");
    std::os::unix::fs::symlink(&nowhere, &link).unwrap();
    let out = caseload(&db, &["backup", link.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let line = one_line(&out);
    assert_eq!(
        line,
        format!(
            "caseload: {} is a link to a file that does not exist; caseload will not write \
             through it, so no backup was written. Remove the link, or choose another name.\n",
            link.display()
        )
    );
    let nl = std::process::Command::new(env!("CARGO_BIN_EXE_caseload"))
        .arg("--db")
        .arg(&db)
        .args(["--lang", "nl", "backup"])
        .arg(&link)
        .output()
        .unwrap();
    let nl = one_line(&nl);
    assert!(nl.contains("koppeling") && !nl.contains("os error"), "{nl}");
    assert!(!nowhere.exists() && !dir.path().join("elsewhere").exists());
    // No temporary copy is left beside the link either.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.contains("tmp") && !n.starts_with('.')),
        "{names:?}"
    );
    // A link to an existing file is a file that exists: the sentence for that.
    let existing = dir.path().join("existing.db");
    std::fs::write(&existing, b"mine").unwrap();
    let link2 = dir.path().join("copy2.db");
    std::os::unix::fs::symlink(&existing, &link2).unwrap();
    let out = caseload(&db, &["backup", link2.to_str().unwrap()]);
    assert!(one_line(&out).contains("copy2.db already exists"));
    assert_eq!(std::fs::read(&existing).unwrap(), b"mine");
}
