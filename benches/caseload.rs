//! Speed on a generated caseload of 100,000 clients: opening the store and drawing the
//! first frame, one cursor move with redraw, and the report for a year and for everything.

use caseload::app::App;
use caseload::i18n::Lang;
use caseload::store::Store;
use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

const CLIENTS: usize = 100_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

/// The generated database, made once and kept under target/.
fn database() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(format!("bench-{CLIENTS}.db"));
    if !path.exists() {
        let tmp = dir.join(format!("bench-{CLIENTS}.db.partial"));
        let _ = std::fs::remove_file(&tmp);
        let mut store = Store::open(&tmp).expect("open bench db");
        caseload::demo::generate(&mut store, CLIENTS, 1, today()).expect("generate");
        drop(store);
        std::fs::rename(&tmp, &path).expect("rename bench db");
    }
    path
}

fn first_frame(c: &mut Criterion) {
    let path = database();
    let mut g = c.benchmark_group("startup");
    g.sample_size(10);
    g.bench_function("open store and draw first frame (100k clients)", |b| {
        b.iter(|| {
            let store = Store::open(&path).expect("open");
            let app = App::start(store, Lang::En, today(), (120, 35));
            let mut t = Terminal::new(TestBackend::new(120, 35)).expect("terminal");
            t.draw(|f| caseload::ui::render(&app, f)).expect("draw");
            app
        })
    });
    g.finish();
}

fn cursor_move(c: &mut Criterion) {
    let store = Store::open(&database()).expect("open");
    let mut app = App::start(store, Lang::En, today(), (120, 35));
    if let Some(loader) = app.loader.take() {
        let rows = loader.wait().expect("list loads");
        app.caseload.set_rows(rows, Lang::En);
    }
    let mut t = Terminal::new(TestBackend::new(120, 35)).expect("terminal");
    let mut down = true;
    c.bench_function("cursor move and redraw (100k clients)", |b| {
        b.iter(|| {
            // Walk down and up so the cursor stays in a realistic part of the list.
            if app.caseload.selected >= 500 {
                down = false;
            } else if app.caseload.selected == 0 {
                down = true;
            }
            let code = if down {
                KeyCode::Char('j')
            } else {
                KeyCode::Char('k')
            };
            app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
            t.draw(|f| caseload::ui::render(&app, f)).expect("draw");
        })
    });
}

fn report(c: &mut Criterion) {
    use caseload::domain::report::Preset;
    let store = Store::open(&database()).expect("open");
    let cfg = caseload::assets::Assets::builtin().report;
    let mut g = c.benchmark_group("report");
    g.sample_size(10);
    for preset in [Preset::Last12Months, Preset::Everything] {
        let period = preset.period(today());
        g.bench_function(format!("report {preset:?} (100k clients)"), |b| {
            b.iter(|| store.report(period, today(), &cfg).expect("report"))
        });
    }
    g.finish();
}

criterion_group!(benches, first_frame, cursor_move, report);
criterion_main!(benches);
