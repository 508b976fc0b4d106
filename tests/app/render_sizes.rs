//! Rendering never panics: every screen and overlay (forms, pickers and questions among
//! them), driven there by keys, drawn at sizes from 1×1 to 300×100 (every width and every
//! height along the edges of that range, and a fixed sample in between), with demo data,
//! hostile names and an empty caseload.

use crate::common;
use crate::fixtures;

use caseload::app::App;
use caseload::app::action::{Action, Answer};
use caseload::i18n::Lang;
use caseload::keymap::Mode;
use caseload::layout::{MIN_HEIGHT, MIN_WIDTH, SPLIT_WIDTH};
use caseload::store::{Store, StoreError};
use common::{press, type_str};
use rand::{Rng, SeedableRng};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// Where the keys take the app, from the caseload list with nothing open, and the mode
/// they reach with the demo clients (so that each state is what its name says).
const STATES: &[(&str, &str, Mode)] = &[
    ("list", "", Mode::List),
    ("file", "\n", Mode::File),
    (
        "file scrolled",
        "\njjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj",
        Mode::File,
    ),
    ("list at the end", "G", Mode::List),
    ("filter", "/van", Mode::Filter),
    ("filter without matches", "/zzzz", Mode::Filter),
    ("help", "?", Mode::Help),
    ("help over the file", "\n?", Mode::Help),
    ("agenda", "2", Mode::Agenda),
    ("agenda help", "2?", Mode::Help),
    ("reports", "3", Mode::Reports),
    ("reports at the end, everything", "3pppG", Mode::Reports),
    ("reports help", "3?", Mode::Help),
    ("intake form", "n", Mode::Form),
    (
        "intake form typed into",
        "n123456782\tAnna\t\tBerg",
        Mode::Form,
    ),
    ("intake form, its second step", "n\x02", Mode::Form),
    ("picker over the form", "n\t\t\t\t\t\t\t\t ", Mode::Picker),
    ("picker filtered", "n\t\t\t\t\t\t\t\tsingle", Mode::Picker),
    ("question: leave the form?", "n1\x1b", Mode::Confirm),
    ("note form with its template picker", "\nc\n", Mode::Picker),
    (
        "note form with a long note, wrapped and scrolled",
        concat!(
            "\nc\t\t\t",
            "Gesprek met de cliënt over werk 👍🏽 en de reistijd; 中文客户说明也可以。 ",
            "Een heel lang woord, arbeidsongeschiktheidsverzekeringsmaatschappij.\n\n",
            "- eerste afspraak, volgende week bellen\n- tweede afspraak, cv sturen\n",
            "Nog een regel\nen nog een\nen nog een\nen de laatste regel van de notitie",
        ),
        Mode::Form,
    ),
    ("plan form", "/plan\n\np", Mode::Form),
    ("exit form", "/plan\n\nx", Mode::Form),
    (
        "question: extend aftercare?",
        "/aftercare\n\nE",
        Mode::Confirm,
    ),
    ("palette", ":", Mode::Palette),
    ("palette filtered", ":int", Mode::Palette),
    (
        "palette over the file, nothing matches",
        "\n:zzzz",
        Mode::Palette,
    ),
    ("palette over a form", "n\x10", Mode::Palette),
    ("summary", "\nS", Mode::Summary),
    ("search", "\x06", Mode::Search),
    ("search, results", "\x06ge", Mode::Search),
    ("search, nothing found", "\x06zzzz", Mode::Search),
];

/// Back to the list: forms left (what they hold thrown away), questions, help and filter
/// closed, first screen.
fn reset(app: &mut App) {
    for _ in 0..20 {
        match (app.question(), app.form()) {
            (Some(q), _) if q.answer(Answer::Discard).is_some() => press(app, KeyCode::Char('d')),
            (Some(_), _) | (None, Some(_)) => press(app, KeyCode::Esc),
            (None, None) => break,
        }
    }
    assert!(
        app.form().is_none() && app.question().is_none(),
        "{}",
        common::screen(app)
    );
    for _ in 0..3 {
        press(app, KeyCode::Esc);
    }
    press(app, KeyCode::Char('1'));
    press(app, KeyCode::Char('g'));
}

/// Presses `keys` from the list: `\n` is Enter, `\t` Tab, `\x1b` Esc, `\x02` the next
/// step of a form (Ctrl-Right), `\x10` Ctrl-P, `\x06` Ctrl-F, any other character itself.
fn drive(app: &mut App, keys: &str) {
    reset(app);
    for c in keys.chars() {
        match c {
            '\n' => press(app, KeyCode::Enter),
            '\t' => press(app, KeyCode::Tab),
            '\x1b' => press(app, KeyCode::Esc),
            '\x02' => common::press_mod(app, KeyCode::Right, KeyModifiers::CONTROL),
            '\x10' => common::press_mod(app, KeyCode::Char('p'), KeyModifiers::CONTROL),
            '\x06' => common::press_mod(app, KeyCode::Char('f'), KeyModifiers::CONTROL),
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
    for (i, (name, keys, mode)) in STATES.iter().enumerate() {
        // Keys are pressed at a size that shows something (behind "window too small"
        // they do nothing).
        app.dispatch(Action::Resize(120, 35));
        drive(&mut app, keys);
        assert_eq!(app.mode(), *mode, "{name}");
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
    for (i, (name, keys, _)) in STATES.iter().enumerate() {
        // As above: behind "window too small" the keys would not even leave a form.
        empty.dispatch(Action::Resize(120, 35));
        drive(&mut empty, keys);
        drawn += draw_everywhere(&mut empty, name, &sizes(i + 1, n));
    }
    eprintln!("render sizes: {drawn} frames drawn");
}

#[test]
fn behind_window_too_small_keys_do_nothing_but_quit() {
    use ratatui::crossterm::event::KeyCode;
    let mut a = common::app(common::demo_store(20), Lang::En);
    common::resize(&mut a, 30, 8);
    assert!(common::screen(&a).contains("Window too small"));
    for c in ['n', '2', 'j', 'u', '/'] {
        common::press(&mut a, KeyCode::Char(c));
    }
    common::press(&mut a, KeyCode::Enter);
    assert!(a.form().is_none() && a.question().is_none());
    assert_eq!(a.mode(), Mode::List);
    assert_eq!(a.list_cursor().0, 0);
    common::press(&mut a, KeyCode::Char('q'));
    assert!(a.should_quit());
}
