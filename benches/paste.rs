//! A paste into a note (issue 11, finding 6): 200 KB pasted as the terminal delivers it
//! with bracketed paste (one event), cut at the note's maximum, then the next frame drawn
//! and the draft written on the next tick; and a paste that fits whole. Before bracketed
//! paste each character was a key with a redraw: 20 KB took 10 s, 200 KB about 17 minutes.

use caseload::app::App;
use caseload::form::paste::NOTES_MAX;
use caseload::i18n::Lang;
use caseload::store::Store;
use chrono::NaiveDate;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

/// An app on a small demo caseload with a new note open, the cursor in its summary; it
/// draws on a screen in memory after every event.
fn note_open() -> App {
    let mut store = Store::open_in_memory().expect("store");
    caseload::demo::generate(&mut store, 3, 7, today()).expect("demo");
    let mut app = App::new(store, Lang::En, today(), (120, 35));
    for code in [
        KeyCode::Enter,
        KeyCode::Char('c'),
        KeyCode::Enter,
        KeyCode::Enter,
        KeyCode::Tab,
        KeyCode::Tab,
    ] {
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }
    assert_eq!(app.focused_field(), Some("summary"));
    app
}

/// About `bytes` of prose in lines of some 70 characters.
fn text(bytes: usize) -> String {
    let line = "Gesprek over werk, zorg voor de kinderen en de schulden; afspraak gemaakt.\n";
    line.repeat(bytes / line.len() + 1)[..bytes].to_owned()
}

fn paste(c: &mut Criterion) {
    let mut g = c.benchmark_group("paste");
    g.sample_size(20);
    // The last: the whole 200 KB taken, as if a note had no maximum.
    for (name, pasted, max) in [
        (
            "200 KB into a note, cut at its maximum, drawn",
            text(200_000),
            NOTES_MAX,
        ),
        (
            "a note's maximum less 1,000 characters, drawn",
            text(NOTES_MAX - 1_000),
            NOTES_MAX,
        ),
        (
            "200 KB into a note without a maximum, drawn",
            text(200_000),
            usize::MAX,
        ),
    ] {
        g.bench_function(name, |b| {
            b.iter_batched(
                || {
                    let mut app = note_open();
                    app.set_field_max("summary", max);
                    app
                },
                |mut app| {
                    // The paste, and the frame it draws (as the terminal loop draws after
                    // each event); then the tick that writes the draft.
                    app.paste(pasted.clone());
                    app.tick();
                    app
                },
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

criterion_group!(benches, paste);
criterion_main!(benches);
