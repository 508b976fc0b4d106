//! Backups and restore: the round trip, the folder (0700, files 0600, checksums, the
//! last 14), the daily backup, and restore refusing what it must refuse.
#![cfg(unix)]

use crate::common;
use crate::fixtures;

use caseload::backups::{self, BackupError, KEEP};
use caseload::lock::InstanceLock;
use caseload::store::Store;
use caseload::store::backup::Verdict;
use chrono::NaiveDateTime;
use fixtures::person;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

fn at(day: u32, hour: u32) -> NaiveDateTime {
    fixtures::date(2026, 11, day)
        .and_hms_opt(hour, 0, 0)
        .unwrap()
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// A caseload file with `n` demo clients.
fn demo_file(dir: &Path, n: usize) -> PathBuf {
    let db = dir.join("caseload.db");
    let mut store = Store::open(&db).unwrap();
    caseload::demo::generate(&mut store, n, 7, common::today()).unwrap();
    db
}

fn dump(db: &Path) -> String {
    Store::open_read_only(db).unwrap().dump().unwrap()
}

fn add_client(db: &Path, n: u64) {
    let mut store = Store::open(db).unwrap();
    store.write(|tx| tx.insert_client(&person(n))).unwrap();
}

#[test]
fn backup_and_restore_round_trip_keeping_the_replaced_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), 40);
    let before = dump(&db);
    let store = Store::open_read_only(&db).unwrap();
    let backup = backups::backup_into_folder(&store, &db, at(23, 9)).unwrap();
    drop(store);
    assert_eq!(
        backup,
        dir.path().join("backups/caseload-2026-11-23-090000.db")
    );
    assert_eq!(mode(&backups::folder(&db)), 0o700);
    assert_eq!(mode(&backup), 0o600);
    let sum = backups::sum_path(&backup);
    assert_eq!(mode(&sum), 0o600);
    let line = std::fs::read_to_string(&sum).unwrap();
    assert_eq!(
        line,
        format!(
            "{}  caseload-2026-11-23-090000.db\n",
            backups::sha256_file(&backup).unwrap()
        )
    );
    add_client(&db, 1);
    assert_ne!(dump(&db), before);

    let done = backups::restore(&db, &backup, at(23, 10)).unwrap();
    assert!(done.checksum);
    assert_eq!(dump(&db), before);
    assert_eq!(mode(&db), 0o600);
    let kept = done.kept.unwrap();
    assert_eq!(
        kept,
        dir.path()
            .join("backups/caseload-before-restore-2026-11-23-100000.db")
    );
    assert_eq!(mode(&kept), 0o600);
    // Checksummed like every backup, so it can be restored (and checked) in turn.
    let kept_sum = std::fs::read_to_string(backups::sum_path(&kept)).unwrap();
    assert_eq!(
        kept_sum,
        format!(
            "{}  caseload-before-restore-2026-11-23-100000.db\n",
            backups::sha256_file(&kept).unwrap()
        )
    );
    assert_eq!(mode(&backups::sum_path(&kept)), 0o600);
    let old = Store::open_read_only(&kept).unwrap();
    assert_eq!(old.client_count().unwrap(), 41);
    assert!(old.sqlite_problems().unwrap().is_empty());
    // The restored file opens as the app opens it, and nothing was left lying around.
    assert_eq!(Store::open(&db).unwrap().client_count().unwrap(), 40);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn the_wal_of_the_replaced_database_is_kept_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), 5);
    let backup = dir.path().join("early.db");
    backups::write_verified(&Store::open_read_only(&db).unwrap(), &backup).unwrap();
    // A crash with a commit only in the WAL: copy the files while the writer is open.
    let crashed = dir.path().join("crashed.db");
    let mut live = Store::open(&db).unwrap();
    live.write(|tx| tx.insert_client(&person(2))).unwrap();
    std::fs::copy(&db, &crashed).unwrap();
    std::fs::copy(
        dir.path().join("caseload.db-wal"),
        dir.path().join("crashed.db-wal"),
    )
    .unwrap();
    drop(live);
    let done = backups::restore(&crashed, &backup, at(23, 11)).unwrap();
    let kept = Store::open_read_only(&done.kept.unwrap()).unwrap();
    assert_eq!(
        kept.client_count().unwrap(),
        6,
        "the WAL-only client is kept"
    );
    assert_eq!(Store::open(&crashed).unwrap().client_count().unwrap(), 5);
    assert!(
        !dir.path().join("crashed.db-wal").exists() || {
            // SQLite may have made a new, empty one when it reopened the restored file.
            std::fs::metadata(dir.path().join("crashed.db-wal"))
                .unwrap()
                .len()
                == 0
        }
    );
}

/// Flips the first byte (the b-tree page type) of every fifth page, and 64 bytes in the
/// middle of the file.
fn damage(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let page = 4096;
    for p in (1..bytes.len() / page).step_by(5) {
        bytes[p * page] ^= 0xff;
    }
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 64] {
        *b ^= 0x5a;
    }
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn restore_refuses_a_corrupted_copy_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), 40);
    let store = Store::open_read_only(&db).unwrap();
    let backup = backups::backup_into_folder(&store, &db, at(23, 9)).unwrap();
    drop(store);
    add_client(&db, 3);
    let before = dump(&db);
    // A copy without its checksum: the integrity check finds the damage.
    let copy = dir.path().join("copy.db");
    std::fs::copy(&backup, &copy).unwrap();
    damage(&copy);
    match backups::restore(&db, &copy, at(23, 10)) {
        Err(BackupError::Refused {
            verdict: Verdict::Damaged { problems },
            ..
        }) => assert!(!problems.is_empty()),
        other => panic!("{other:?}"),
    }
    // The backup itself, damaged in one byte of its data: its checksum catches it.
    let mut bytes = std::fs::read(&backup).unwrap();
    let i = bytes.len() - 100;
    bytes[i] ^= 1;
    std::fs::write(&backup, bytes).unwrap();
    let err = backups::restore(&db, &backup, at(23, 10)).unwrap_err();
    assert!(matches!(err, BackupError::Checksum { .. }), "{err:?}");
    let msg = err.message(caseload::i18n::Lang::En);
    assert!(
        msg.contains("checksum") && msg.contains("nothing was changed"),
        "{msg}"
    );
    // Nothing changed: same content, no kept copy.
    assert_eq!(dump(&db), before);
    let kept = std::fs::read_dir(backups::folder(&db))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("before-restore")
        })
        .count();
    assert_eq!(kept, 0);
}

#[test]
fn restore_refuses_files_that_are_not_ours_or_newer() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), 3);
    let before = std::fs::read(&db).unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a database").unwrap();
    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let newer = dir.path().join("newer.db");
    backups::write_verified(&Store::open_read_only(&db).unwrap(), &newer).unwrap();
    std::fs::remove_file(backups::sum_path(&newer)).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    for (file, want) in [
        (&text, "not a caseload database"),
        (&foreign, "not a caseload database"),
        (&newer, "newer version"),
    ] {
        let err = backups::restore(&db, file, at(23, 9)).unwrap_err();
        assert!(matches!(err, BackupError::Refused { .. }), "{err:?}");
        let msg = err.message(caseload::i18n::Lang::En);
        assert!(msg.contains(want), "{msg}");
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn restore_waits_for_the_app_to_close() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), 3);
    let backup = dir.path().join("b.db");
    backups::write_verified(&Store::open_read_only(&db).unwrap(), &backup).unwrap();
    let lock = InstanceLock::acquire(&db).unwrap();
    let err = backups::restore(&db, &backup, at(23, 9)).unwrap_err();
    assert!(matches!(err, BackupError::Locked(_)), "{err:?}");
    drop(lock);
    backups::restore(&db, &backup, at(23, 9)).unwrap();
}

#[test]
fn a_restore_through_a_symlink_acts_on_the_real_file_and_keeps_a_real_copy() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("data");
    std::fs::create_dir(&real).unwrap();
    let db = demo_file(&real, 5);
    let backup = dir.path().join("b.db");
    backups::write_verified(&Store::open_read_only(&db).unwrap(), &backup).unwrap();
    add_client(&db, 1);
    let link = dir.path().join("link.db");
    std::os::unix::fs::symlink(&db, &link).unwrap();
    // Open through the file itself: the link meets its lock.
    let lock = InstanceLock::acquire(&db).unwrap();
    let err = backups::restore(&link, &backup, at(23, 9)).unwrap_err();
    assert!(matches!(err, BackupError::Locked(_)), "{err:?}");
    drop(lock);

    let done = backups::restore(&link, &backup, at(23, 9)).unwrap();
    // The link still points at the real file, which now holds the backup.
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_link(&link).unwrap(), db);
    assert!(std::fs::symlink_metadata(&db).unwrap().is_file());
    assert_eq!(Store::open(&db).unwrap().client_count().unwrap(), 5);
    // The kept copy is a real file with the old content, in the real file's folder.
    let kept = done.kept.unwrap();
    assert_eq!(
        kept.parent().unwrap(),
        backups::folder(&std::fs::canonicalize(&db).unwrap())
    );
    let meta = std::fs::symlink_metadata(&kept).unwrap();
    assert!(meta.is_file() && !meta.file_type().is_symlink());
    assert_eq!(
        Store::open_read_only(&kept)
            .unwrap()
            .client_count()
            .unwrap(),
        6
    );
    // Nothing was written beside the link.
    assert!(!dir.path().join("backups").exists());
    assert!(!dir.path().join("link.db.lock").exists());
}

#[test]
fn the_folder_keeps_the_last_14_and_the_daily_backup_runs_once_a_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), 3);
    let other = dir
        .path()
        .join("backups/caseload-before-restore-2026-10-01-080000.db");
    assert_eq!(
        backups::daily(&db, at(1, 8)).unwrap().unwrap().parent(),
        other.parent()
    );
    std::fs::write(&other, b"kept apart").unwrap();
    assert_eq!(backups::daily(&db, at(1, 17)).unwrap(), None);
    for day in 2..=16 {
        let written = backups::daily(&db, at(day, 8)).unwrap();
        assert!(written.is_some(), "day {day}");
    }
    let list = backups::list(&db).unwrap();
    assert_eq!(list.len(), KEEP);
    let first = list[0].file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(first, "caseload-2026-11-03-080000.db");
    assert!(!backups::sum_path(&dir.path().join("backups/caseload-2026-11-01-080000.db")).exists());
    assert!(list.iter().all(|p| backups::sum_path(p).exists()));
    assert!(other.exists(), "restore keepsakes are not rotated");
    // Two on demand in the same second both stay.
    let store = Store::open_read_only(&db).unwrap();
    let a = backups::backup_into_folder(&store, &db, at(16, 9)).unwrap();
    let b = backups::backup_into_folder(&store, &db, at(16, 9)).unwrap();
    assert_ne!(a, b);
    // A chosen file is never overwritten.
    let err = backups::write_verified(&store, &a).unwrap_err();
    assert!(matches!(err, BackupError::Exists { .. }));
}

#[test]
fn a_failed_daily_backup_is_told_in_the_status_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), 3);
    // A file where the backups folder should be: the backup cannot be written.
    std::fs::write(dir.path().join("backups"), b"in the way").unwrap();
    let rx = backups::spawn_daily(&db, at(23, 9), caseload::i18n::Lang::En);
    let msg = rx.recv_timeout(std::time::Duration::from_secs(20)).unwrap();
    assert_eq!(
        msg,
        "The daily backup failed: the disk could not be read or written. The caseload \
         itself is unchanged; check the disk."
    );
    let mut app = caseload::app::App::new(
        Store::open(&db).unwrap(),
        caseload::i18n::Lang::En,
        common::today(),
        (100, 30),
    );
    let (tx, rx) = std::sync::mpsc::channel();
    tx.send(msg.clone()).unwrap();
    app.set_notices(rx);
    app.tick();
    assert!(common::screen(&app).contains("The daily backup failed"));
}

#[test]
fn a_failed_backup_has_its_own_sentence_per_kind_never_a_forms() {
    use caseload::i18n::Lang;
    use caseload::store::StoreError;
    let sqlite = |code| {
        BackupError::Store(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(code),
            None,
        )))
    };
    let io = |kind: std::io::ErrorKind| BackupError::Io {
        path: PathBuf::from("/data/backups"),
        source: std::io::Error::from(kind),
    };
    let full = "the disk is full. The caseload itself is unchanged; free some space.";
    for e in [
        sqlite(rusqlite::ffi::SQLITE_FULL),
        io(std::io::ErrorKind::StorageFull),
    ] {
        assert_eq!(
            e.daily_message(Lang::En),
            format!("The daily backup failed: {full}")
        );
    }
    // `caseload backup` on a full disk: the backup's sentence, not a form's.
    assert_eq!(
        sqlite(rusqlite::ffi::SQLITE_FULL).message(Lang::En),
        format!("The backup failed: {full}")
    );
    let cases = [
        sqlite(rusqlite::ffi::SQLITE_FULL),
        io(std::io::ErrorKind::PermissionDenied),
        sqlite(rusqlite::ffi::SQLITE_BUSY),
        io(std::io::ErrorKind::Other),
        sqlite(rusqlite::ffi::SQLITE_CORRUPT),
        BackupError::Refused {
            path: PathBuf::from("x.db"),
            verdict: Verdict::Damaged {
                problems: vec!["page 2".into()],
            },
        },
        sqlite(rusqlite::ffi::SQLITE_MISUSE),
    ];
    let mut seen = std::collections::HashSet::new();
    for e in &cases {
        for lang in [Lang::En, Lang::Nl] {
            let m = e.daily_message(lang);
            assert!(!m.contains("[?]") && m.ends_with('.'), "{m}");
            assert!(
                !m.contains("input") && !m.contains("invoer") && !m.contains("save again"),
                "{m}"
            );
            seen.insert(m);
        }
    }
    // Corrupt and damaged share one; every other kind has its own, in both languages.
    assert_eq!(seen.len(), 12);
}
