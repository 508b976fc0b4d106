//! Shared helpers for the integration tests: a fixed clock, demo apps, key feeding, drawing.
#![allow(dead_code)]

use caseload::app::App;
use caseload::i18n::Lang;
use caseload::store::Store;
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The date every test treats as today.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A store in memory with `n` demo clients (seed 7).
pub fn demo_store(n: usize) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    caseload::demo::generate(&mut store, n, 7, today()).unwrap();
    store
}

/// An app on a store, 100×30, in a language.
pub fn app(store: Store, lang: Lang) -> App {
    App::new(store, lang, today(), (100, 30))
}

/// Feeds one key through the same dispatch as the terminal.
pub fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// Feeds a key with modifiers.
pub fn press_mod(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    app.handle_key(KeyEvent::new(code, mods));
}

/// Types text, one key per character.
pub fn type_str(app: &mut App, s: &str) {
    for c in s.chars() {
        let mods = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.handle_key(KeyEvent::new(KeyCode::Char(c), mods));
    }
}

/// Draws the app on a test terminal of the app's size.
pub fn draw(app: &App) -> Terminal<TestBackend> {
    let (w, h) = app.state().size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| {
        caseload::ui::render(app.state(), f);
    })
    .unwrap();
    t
}

/// What drawing the app now measures (how far the file can scroll, ...).
pub fn drawn(app: &App) -> caseload::app::Drawn {
    let (w, h) = app.state().size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut drawn = caseload::app::Drawn::default();
    t.draw(|f| drawn = caseload::ui::render(app.state(), f))
        .unwrap();
    drawn
}

/// Resizes the app's terminal, as the terminal reports it.
pub fn resize(app: &mut App, w: u16, h: u16) {
    app.dispatch(caseload::app::action::Action::Resize(w, h));
}

/// The screen as text lines.
pub fn screen(app: &App) -> String {
    let t = draw(app);
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// Waits until the work in the background (on a file: the list, the agenda, counts) is
/// done and taken in, as the app's ticks take it.
pub fn settle(app: &mut App) {
    while app.busy() {
        std::thread::sleep(std::time::Duration::from_millis(5));
        app.tick();
    }
}

/// Shows the agenda and moves the cursor down to the first item that `pick` accepts;
/// returns that item.
pub fn agenda_to(
    app: &mut App,
    pick: impl Fn(&caseload::domain::agenda::OpenItem) -> bool,
) -> caseload::domain::agenda::OpenItem {
    press(app, KeyCode::Char('2'));
    settle(app);
    let pos = app
        .agenda_items()
        .iter()
        .position(|e| pick(&e.item))
        .expect("an agenda item of that kind");
    for _ in 0..pos {
        press(app, KeyCode::Char('j'));
    }
    app.selected_agenda_item().unwrap().item.clone()
}

/// The exits the report counts (`outflow` total) for exits from `from` to `to`, on the
/// report date `on`, as `caseload report --json` says it.
pub fn exits_counted(store: &Store, from: NaiveDate, to: NaiveDate, on: NaiveDate) -> u64 {
    use caseload::commands::report::{Format, run};
    let period = caseload::domain::report_period::Period { from, to };
    let assets = caseload::assets::Assets::builtin();
    let json = run(store, &assets, Lang::En, period, on, Format::Json).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["tables"]["outflow"]["rows"]["total"]["exits"]
        .as_u64()
        .unwrap()
}
