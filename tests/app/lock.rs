//! The screen lock of an encrypted caseload: after the idle time the screen shows only
//! the passphrase prompt, keys go to it and not to the form beneath, a wrong passphrase
//! keeps it locked, the right one (or the recovery key) brings back the form as it was.

use crate::common::*;
use caseload::app::App;
use caseload::i18n::Lang;
use caseload::store::Store;
use caseload::vault::{Kdf, KeyFile, held};
use ratatui::crossterm::event::KeyCode;
use std::time::Duration;

/// An app on a new encrypted caseload in `dir`, and its recovery key as shown.
fn encrypted_app(dir: &std::path::Path) -> (App, String) {
    let db = dir.join("c.db");
    let (keys, key, recovery) = KeyFile::create("fiets paraplu molen", Kdf::FOR_TESTS);
    keys.write(&db).unwrap();
    held::hold(key);
    let mut store = Store::open(&db).unwrap();
    caseload::demo::generate(&mut store, 5, 7, today()).unwrap();
    (app(store, Lang::En), recovery.shown().to_string())
}

/// Ticks until the prompt has checked what was typed.
fn settle_lock(app: &mut App) {
    app.tick();
    settle(app);
}

#[test]
fn an_idle_app_locks_keeps_the_form_beneath_and_opens_with_the_passphrase_or_recovery_key() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, recovery) = encrypted_app(dir.path());
    let first = app.state().caseload.list.rows.first().unwrap().name.clone();
    assert!(screen(&app).contains(&first));
    press(&mut app, KeyCode::Char('n'));
    type_str(&mut app, "Zwaan");
    app.lock_after(Duration::ZERO);
    app.tick();
    assert!(app.is_locked());
    let locked = screen(&app);
    assert!(locked.contains("caseload is locked"), "{locked}");
    assert!(
        !locked.contains(&first) && !locked.contains("Zwaan"),
        "{locked}"
    );
    // Keys go to the prompt: the form does not get them.
    type_str(&mut app, "wrong passphrase");
    press(&mut app, KeyCode::Enter);
    settle_lock(&mut app);
    assert!(app.is_locked());
    assert!(screen(&app).contains("Wrong passphrase or recovery key (1 of 3"));
    type_str(&mut app, "fiets paraplu molen");
    press(&mut app, KeyCode::Enter);
    settle_lock(&mut app);
    assert!(!app.is_locked());
    let back = screen(&app);
    assert!(back.contains("Zwaan") && !back.contains("wrong"), "{back}");
    // Locked again at once (the idle time is zero): the recovery key opens too.
    app.tick();
    assert!(app.is_locked());
    type_str(&mut app, &recovery.to_lowercase());
    press(&mut app, KeyCode::Enter);
    settle_lock(&mut app);
    assert!(!app.is_locked());
}

#[test]
fn a_plaintext_caseload_never_locks() {
    let mut app = app(demo_store(3), Lang::En);
    app.lock_after(Duration::ZERO);
    app.tick();
    assert!(!app.is_locked());
}

/// The prompt drawn alone on a 90×24 screen.
fn prompt_screen(prompt: &caseload::vault::prompt::Prompt, lang: Lang) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(90, 24)).unwrap();
    t.draw(|f| caseload::ui::vault::render(prompt, lang, std::time::Instant::now(), f))
        .unwrap();
    let buf = t.backend().buffer().clone();
    (0..buf.area.height)
        .map(|y| {
            let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            row.trim_end().to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_passphrase_screens_in_both_languages() {
    use caseload::vault::prompt::Prompt;
    use std::time::Instant;
    for lang in [Lang::En, Lang::Nl] {
        let (keys, _, _) = KeyFile::create("fiets paraplu molen", Kdf::FOR_TESTS);
        let mut unlock = Prompt::unlock(keys);
        unlock.paste("wrong");
        unlock.key(KeyCode::Enter.into(), Instant::now());
        unlock.work(Instant::now());
        unlock.paste("fiets");
        insta::assert_snapshot!(format!("unlock_{lang:?}"), prompt_screen(&unlock, lang));
        let mut choose = Prompt::choose(Kdf::FOR_TESTS);
        choose.paste("fiets paraplu");
        insta::assert_snapshot!(format!("choose_{lang:?}"), prompt_screen(&choose, lang));
    }
}
