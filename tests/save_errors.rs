//! A save that fails (read-only file, full disk, busy database) says so in one sentence,
//! keeps everything that was there, and the app goes on.
#![cfg(unix)]

mod common;
mod fixtures;

use caseload::i18n::Lang;
use caseload::store::{ErrorKind, Store};
use fixtures::{episode, note, person};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn demo_file(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("caseload.db");
    let mut store = Store::open(&db).unwrap();
    caseload::demo::generate(&mut store, 30, 7, common::today()).unwrap();
    db
}

#[test]
fn a_read_only_file_opens_reads_and_refuses_saves_in_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let before = Store::open(&db).unwrap().dump().unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).unwrap();
    let mut store = Store::open(&db).unwrap();
    assert_eq!(store.client_count().unwrap(), 30);
    let err = store.write(|tx| tx.insert_client(&person(1))).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ReadOnly, "{err:?}");
    let msg = err.user_message(Lang::En);
    assert_eq!(
        msg,
        "The database file is read-only: nothing was saved, your input is kept. \
         Check the file's permissions."
    );
    assert!(err.user_message(Lang::Nl).contains("alleen-lezen"));
    let err = store
        .save_draft("note", 1, r#"{"summary":"x"}"#)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ReadOnly);
    assert_eq!(store.dump().unwrap(), before);

    // The app on it: the status line says so, and keys still work.
    let mut app = common::app(store, Lang::En);
    app.save_failed(&err);
    let screen = common::screen(&app);
    assert!(
        screen.contains("The database file is read-only"),
        "{screen}"
    );
    common::press(&mut app, ratatui::crossterm::event::KeyCode::Char('j'));
    assert_eq!(app.caseload.selected, 1);
    assert!(!app.should_quit);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).unwrap();
}

#[test]
fn a_full_disk_fails_the_save_whole_and_the_store_goes_on_once_there_is_room() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut store = Store::open(&db).unwrap();
    let (client, ep) = store
        .write(|tx| {
            let c = tx.insert_client(&person(2))?;
            Ok((
                c,
                tx.insert_episode(&episode(c, fixtures::date(2026, 1, 5)))?,
            ))
        })
        .unwrap();
    let before = store.dump().unwrap();
    let clients = store.client_count().unwrap();
    // A quota just above the current size: a big save no longer fits.
    let pages = std::fs::metadata(&db).unwrap().len() / 4096 + 2;
    store.set_page_limit(pages).unwrap();
    let long = "Een lang verslag. ".repeat(20_000);
    let err = store
        .write(|tx| {
            tx.insert_client(&person(3))?;
            tx.insert_note(&note(ep, &long))
        })
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DiskFull, "{err:?}");
    assert_eq!(
        err.user_message(Lang::En),
        "The disk is full: nothing was saved, your input is kept. Free some space and save again."
    );
    // All or nothing: the client of the failed save is not there either.
    assert_eq!(store.client_count().unwrap(), clients);
    assert_eq!(store.dump().unwrap(), before);
    assert!(store.sqlite_problems().unwrap().is_empty());
    // Room again: the same save goes through.
    store.set_page_limit(1 << 30).unwrap();
    store.write(|tx| tx.insert_note(&note(ep, &long))).unwrap();
    assert_eq!(store.latest_notes(client, 1).unwrap()[0].summary, long);
}

#[test]
fn a_busy_database_says_so_after_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut store = Store::open(&db).unwrap();
    let other = rusqlite::Connection::open(&db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = store.save_draft("note", 1, "{}").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Busy, "{err:?}");
    assert!(
        err.user_message(Lang::En)
            .starts_with("The database is busy")
    );
    other.execute_batch("ROLLBACK").unwrap();
    store.save_draft("note", 1, "{}").unwrap();
}

#[test]
fn a_read_only_file_that_needs_setting_up_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.db");
    std::fs::write(&db, b"").unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).unwrap();
    let err = Store::open(&db).unwrap_err();
    let msg = err.user_message(Lang::En);
    assert!(
        msg.contains("empty.db") && msg.contains("read-only"),
        "{msg}"
    );
}
