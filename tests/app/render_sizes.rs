//! Rendering never panics: every screen and overlay, driven there by keys, drawn at sizes
//! from 1×1 to 300×100 (every width and every height along the edges of that range, and
//! a fixed sample in between), with demo data, hostile names and an empty caseload.

use crate::common;
use crate::fixtures;

use caseload::app::App;
use caseload::app::action::Action;
use caseload::i18n::Lang;
use caseload::layout::{MIN_HEIGHT, MIN_WIDTH, SPLIT_WIDTH};
use caseload::store::{Store, StoreError};
use common::{press, type_str};
use rand::{Rng, SeedableRng};
use ratatui::crossterm::event::KeyCode;

/// Where the keys take the app, from the caseload list with nothing open.
const STATES: &[(&str, &str)] = &[
    ("list", ""),
    ("file", "\n"),
    (
        "file scrolled",
        "\njjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj",
    ),
    ("list at the end", "G"),
    ("filter", "/van"),
    ("filter without matches", "/zzzz"),
    ("help", "?"),
    ("help over the file", "\n?"),
    ("agenda", "2"),
    ("agenda help", "2?"),
    ("reports", "3"),
    ("reports at the end, everything", "3pppG"),
    ("reports help", "3?"),
];

/// Back to the list: help closed, filter cleared, first screen.
fn reset(app: &mut App) {
    for _ in 0..3 {
        press(app, KeyCode::Esc);
    }
    press(app, KeyCode::Char('1'));
    press(app, KeyCode::Char('g'));
}

fn drive(app: &mut App, keys: &str) {
    reset(app);
    for c in keys.chars() {
        match c {
            '\n' => press(app, KeyCode::Enter),
            c => type_str(app, &c.to_string()),
        }
    }
}

/// The sizes to draw state `i` of `n` at: every `n`-th width from 1 to 300 and every
/// `n`-th height from 1 to 100 (so that all states together draw every width and every
/// height), the thresholds of the layout, and a fixed random sample.
fn sizes(i: usize, n: usize) -> Vec<(u16, u16)> {
    let mut out = Vec::new();
    let heights = [1, MIN_HEIGHT - 1, MIN_HEIGHT, 24, 100];
    for (k, w) in (1..=300u16)
        .filter(|w| usize::from(*w) % n == i % n)
        .enumerate()
    {
        out.push((w, heights[k % heights.len()]));
    }
    let widths = [
        1,
        MIN_WIDTH - 1,
        MIN_WIDTH,
        SPLIT_WIDTH - 1,
        SPLIT_WIDTH,
        300,
    ];
    for (k, h) in (1..=100u16)
        .filter(|h| usize::from(*h) % n == i % n)
        .enumerate()
    {
        out.push((widths[k % widths.len()], h));
    }
    for w in [MIN_WIDTH - 1, MIN_WIDTH, SPLIT_WIDTH - 1, SPLIT_WIDTH, 300] {
        for h in [MIN_HEIGHT - 1, MIN_HEIGHT, 100] {
            out.push((w, h));
        }
    }
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(i as u64);
    for _ in 0..12 {
        out.push((rng.random_range(1..=300), rng.random_range(1..=100)));
    }
    out
}

fn draw_everywhere(app: &mut App, what: &str, sizes: &[(u16, u16)]) -> usize {
    for &(w, h) in sizes {
        app.dispatch(Action::Resize(w, h));
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| common::draw(app)));
        assert!(result.is_ok(), "{what} at {w}x{h} panicked");
    }
    sizes.len()
}

/// Demo clients and one with a name that is long, right-to-left and full of emoji.
fn hostile_store() -> Store {
    let mut store = common::demo_store(40);
    store
        .write(|tx| {
            let mut p = fixtures::person(1);
            p.first_name = "שלום 👨‍👩‍👧‍👦 \u{202e}ناصر".repeat(30);
            p.prefix = "van\u{301} der\u{200d}".into();
            p.last_name = "😀".repeat(500);
            let c = tx.insert_client(&p)?;
            let e = tx.insert_episode(&fixtures::episode(c, common::date(2026, 1, 5)))?;
            tx.insert_note(&fixtures::note(e, &"é\u{301}\tלילה טוב 🌙 ".repeat(100)))?;
            Ok(())
        })
        .unwrap();
    store
}

#[test]
fn every_screen_at_every_size_draws_without_panic() {
    let n = STATES.len();
    let mut drawn = 0;
    let mut app = common::app(hostile_store(), Lang::En);
    for (i, (name, keys)) in STATES.iter().enumerate() {
        drive(&mut app, keys);
        drawn += draw_everywhere(&mut app, name, &sizes(i, n));
    }
    // The hostile client's file, found by filter, in Dutch.
    let mut app = common::app(hostile_store(), Lang::Nl);
    drive(&mut app, "/😀");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    drawn += draw_everywhere(&mut app, "hostile file", &sizes(0, 3));
    // A failed save in the status line.
    let err = StoreError::Sqlite(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
        None,
    ));
    let (tx, rx) = std::sync::mpsc::channel();
    tx.send(err.user_message(Lang::Nl)).unwrap();
    app.set_notices(rx);
    app.tick();
    assert!(app.status().is_some());
    drawn += draw_everywhere(&mut app, "status line", &sizes(1, 3));
    // Nothing at all.
    let mut empty = common::app(Store::open_in_memory().unwrap(), Lang::En);
    for (i, (name, keys)) in STATES.iter().enumerate() {
        drive(&mut empty, keys);
        drawn += draw_everywhere(&mut empty, name, &sizes(i + 1, n));
    }
    eprintln!("render sizes: {drawn} frames drawn");
}
