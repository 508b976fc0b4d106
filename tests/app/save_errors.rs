//! A save that fails (read-only file, full disk, busy database) says so in one sentence,
//! keeps everything that was there, and the app goes on.
#![cfg(unix)]

use crate::common;
use crate::fixtures;

use caseload::app::App;
use caseload::app::action::Action;
use caseload::i18n::Lang;
use caseload::keymap::{self, Mode};
use caseload::store::{ErrorKind, Store};
use fixtures::{episode, note, person};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
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

    // The app on it: a save says so in the status line, and keys still work.
    let mut app = common::app(store, Lang::En);
    type_a_note(&mut app, "Gesprek gevoerd.");
    ctrl(&mut app, 's');
    let screen = common::screen(&app);
    assert!(
        screen.contains("The database file is read-only"),
        "{screen}"
    );
    common::press(&mut app, KeyCode::Esc);
    common::press(&mut app, KeyCode::Char('d'));
    assert!(app.form().is_none());
    common::press(&mut app, KeyCode::Esc);
    common::press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.list_cursor().0, 1);
    assert!(!app.should_quit());
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
    let db = dir.path().join("old.db");
    drop(Store::open(&db).unwrap());
    // An older schema: it must be updated before it can be used, and cannot be.
    rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", 1)
        .unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).unwrap();
    let err = Store::open(&db).unwrap_err();
    let msg = err.user_message(Lang::En);
    assert!(msg.contains("old.db") && msg.contains("read-only"), "{msg}");
}

#[test]
fn an_empty_file_is_refused_untouched_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.db");
    std::fs::write(&db, b"").unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let msg = Store::open(&db).unwrap_err().user_message(Lang::En);
    assert!(
        msg.contains("empty.db is an empty file") && msg.contains("Remove it"),
        "{msg}"
    );
    let meta = std::fs::metadata(&db).unwrap();
    assert_eq!((meta.len(), meta.permissions().mode() & 0o777), (0, 0o644));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["empty.db"], "nothing made beside it");
}

/// The status line's text (empty when there is none); never SQLite's own words.
fn status(app: &App) -> String {
    let text = app.status().unwrap_or_default().to_owned();
    for raw in ["database error", "readonly", "database or disk is full"] {
        assert!(!text.contains(raw), "{text}");
    }
    text
}

/// The question on screen and its answers (besides Esc), one a line.
fn question(app: &App) -> String {
    let c = app.question().expect("a question is asked");
    let mut out = c.message.clone();
    for choice in &c.choices {
        let key = keymap::key_for(Mode::Confirm, &Action::Answer(choice.answer))
            .map(keymap::key_label)
            .unwrap_or_default();
        out.push_str(&format!("\n{key} {}", choice.label));
    }
    out
}

/// In the first client's file: a new note from the first template, `text` typed into
/// its summary, not saved.
fn type_a_note(app: &mut App, text: &str) {
    open_a_note(app);
    app.fill("summary", text);
    let summary = app.field("summary").expect("the note form is open");
    assert!(summary.contains(text));
}

/// The same with `text` pasted (a long report: typed key by key, each key drawn, it would
/// take seconds).
fn paste_a_note(app: &mut App, text: &str) {
    open_a_note(app);
    app.focus("summary");
    app.paste(text.to_owned());
    let summary = app.field("summary").expect("the note form is open");
    assert!(summary.contains(text));
}

/// In the first client's file: a new note from the first template.
fn open_a_note(app: &mut App) {
    common::press(app, KeyCode::Enter);
    common::press(app, KeyCode::Char('c'));
    common::press(app, KeyCode::Enter);
    common::press(app, KeyCode::Enter);
}

fn ctrl(app: &mut App, c: char) {
    common::press_mod(app, KeyCode::Char(c), KeyModifiers::CONTROL);
}

#[test]
fn on_a_read_only_file_nothing_typed_is_ever_claimed_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).unwrap();
    let store = Store::open(&db).unwrap();
    assert!(store.is_read_only());
    let before = store.dump().unwrap();
    let mut app = common::app(store, Lang::Nl);
    app.announce_start();
    assert_eq!(
        status(&app),
        "Het databasebestand is alleen-lezen: u kunt kijken, maar er kan niets worden \
         opgeslagen, ook geen concepten. Controleer de rechten van het bestand."
    );
    type_a_note(&mut app, "Gesprek gevoerd.");
    // The draft cannot be written: said so, in Dutch, with the reason.
    app.tick();
    assert_eq!(
        status(&app),
        "Wat u typt wordt niet als concept bewaard (het databasebestand is alleen-lezen): \
         het gaat verloren als u het formulier verlaat."
    );
    // Saving fails with the catalogue's sentence, which no tick replaces.
    ctrl(&mut app, 's');
    let refused = "Het databasebestand is alleen-lezen: er is niets opgeslagen, uw invoer \
                   blijft staan. Controleer de rechten van het bestand.";
    assert_eq!(status(&app), refused);
    app.tick();
    assert_eq!(status(&app), refused);
    assert!(app.form().is_some());
    // Esc asks whether to leave and lose it; Enter does not leave, Esc stays.
    common::press(&mut app, KeyCode::Esc);
    assert_eq!(
        question(&app),
        "Wat u typte kan niet als concept worden bewaard (het databasebestand is \
         alleen-lezen): als u het formulier nu verlaat, gaat het verloren.\n\
         d verlaten; wat u typte gaat verloren"
    );
    common::press(&mut app, KeyCode::Enter);
    assert!(app.question().is_some() && app.form().is_some());
    common::press(&mut app, KeyCode::Esc);
    assert!(app.question().is_none() && app.form().is_some());
    // Ctrl-C asks too, and promises nothing for next time.
    ctrl(&mut app, 'c');
    assert_eq!(
        question(&app),
        "Er is een formulier open en wat u typte kan niet als concept worden bewaard (het \
         databasebestand is alleen-lezen): als u nu afsluit, gaat het verloren.\n\
         d afsluiten; wat u typte gaat verloren"
    );
    common::press(&mut app, KeyCode::Enter);
    assert!(!app.should_quit());
    common::press(&mut app, KeyCode::Esc);
    // Leaving deliberately loses it, and says nothing about a draft.
    common::press(&mut app, KeyCode::Esc);
    common::press(&mut app, KeyCode::Char('d'));
    assert!(app.form().is_none());
    assert!(!status(&app).contains("concept"), "{}", status(&app));
    assert!(app.store().drafts().unwrap().is_empty());
    assert_eq!(app.store().dump().unwrap(), before);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).unwrap();
}

#[test]
fn a_full_disk_refuses_the_save_in_the_catalogues_sentence_and_keeps_the_draft_once_there_is_room()
{
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    // Without free pages (the search index's merges leave some), so that nothing new fits.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("VACUUM")
        .unwrap();
    let store = Store::open(&db).unwrap();
    // Exactly full: a note that needs pages of its own no longer fits.
    store
        .set_page_limit(std::fs::metadata(&db).unwrap().len() / 4096)
        .unwrap();
    let mut app = common::app(store, Lang::En);
    paste_a_note(&mut app, &"Een lang verslag. ".repeat(300));
    ctrl(&mut app, 's');
    assert_eq!(
        status(&app),
        "The disk is full: nothing was saved, your input is kept. Free some space and save again."
    );
    assert!(app.form().is_some());
    common::press(&mut app, KeyCode::Esc);
    assert_eq!(
        question(&app),
        "What you typed cannot be kept as a draft (the disk is full): if you leave the form \
         now, it is lost.\nd leave; what you typed is lost"
    );
    common::press(&mut app, KeyCode::Esc);
    // Room again: the next change is kept as a draft, and leaving offers to keep it.
    app.store().set_page_limit(1 << 30).unwrap();
    common::type_str(&mut app, "!");
    app.tick();
    assert_eq!(status(&app), "");
    assert_eq!(app.store().drafts().unwrap().len(), 1);
    common::press(&mut app, KeyCode::Esc);
    assert!(question(&app).starts_with("You changed this form."));
    common::press(&mut app, KeyCode::Enter);
    assert!(app.form().is_none());
    assert_eq!(
        status(&app),
        "Left the form; what you typed is kept as a draft."
    );
}

/// Breaks the header of the root page of the audit log (closed file, no journal beside
/// it): `quick_check` finds it, while the caseload's own lists still read.
fn damage_audit_log(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let page: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    let root: i64 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'audit_log'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(conn);
    let mut bytes = std::fs::read(db).unwrap();
    let at = ((root - 1) * page) as usize;
    bytes[at..at + 8].copy_from_slice(&[0x0d, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    std::fs::write(db, bytes).unwrap();
}

#[test]
fn a_file_found_damaged_in_the_background_at_start_is_said_and_nothing_more_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    damage_audit_log(&db);
    let before = std::fs::read(&db).unwrap();
    let store = Store::open(&db).unwrap();
    let damaged = store.damage_flag();
    let mut app = common::app(store, Lang::En);
    let at = common::today().and_hms_opt(9, 0, 0).unwrap();
    app.set_notices(caseload::backups::spawn_start(
        &db,
        at,
        Lang::En,
        damaged.clone(),
    ));
    let mut screen = String::new();
    for _ in 0..200 {
        app.tick();
        screen = common::screen(&app);
        if screen.contains("is damaged") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    assert!(damaged.load(std::sync::atomic::Ordering::Relaxed));
    assert!(
        screen.contains("caseload.db is damaged: caseload saves nothing more into it"),
        "{screen}"
    );
    type_a_note(&mut app, "Gesprek gevoerd.");
    ctrl(&mut app, 's');
    let screen = common::screen(&app);
    assert!(
        screen.contains("The database file is damaged: nothing was saved."),
        "{screen}"
    );
    let err = app
        .store_mut()
        .write(|tx| tx.insert_client(&person(1)))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Corrupt);
    assert_eq!(
        err.user_message(Lang::Nl),
        "Het databasebestand is beschadigd: er is niets opgeslagen. Voer caseload check uit \
         en zet een back-up terug."
    );
    drop(app);
    // No backup of the damaged file pushed a sound one out, and nothing was written.
    assert!(!dir.path().join("backups").exists());
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn a_sound_file_at_start_is_checked_and_saves_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut store = Store::open(&db).unwrap();
    let damaged = store.damage_flag();
    let at = common::today().and_hms_opt(9, 0, 0).unwrap();
    let rx = caseload::backups::spawn_start(&db, at, Lang::En, damaged.clone());
    // The thread ends (the sender goes) without a word when all is well.
    assert!(rx.recv_timeout(std::time::Duration::from_secs(20)).is_err());
    assert!(!damaged.load(std::sync::atomic::Ordering::Relaxed));
    store.write(|tx| tx.insert_client(&person(1))).unwrap();
    assert!(dir.path().join("backups").exists());
}

#[test]
fn a_read_only_file_another_program_changed_says_its_list_may_be_out_of_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    // Another program renames a client: their row in the list is now behind.
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let stale: i64 = conn
            .query_row(
                "UPDATE client SET last_name = 'Anders' WHERE id = 1 RETURNING id",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(stale, 1);
    }
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).unwrap();
    let store = Store::open(&db).unwrap();
    assert!(store.is_read_only());
    assert!(!store.roster_fits().unwrap());
    let mut app = common::app(store, Lang::En);
    app.announce_start();
    assert!(
        status(&app).starts_with("The database file is read-only, and it changed since caseload"),
        "{}",
        status(&app)
    );
    // The list still shows every client.
    assert_eq!(app.list().len(), 30);
}
