//! Speed on a generated caseload of 100,000 clients, plaintext and encrypted (the cost of
//! encryption is the ratio): unlocking, opening the store and drawing the first frame, one cursor move with redraw, one letter typed in the list filter, search over everything, the report for a year and for everything,
//! the whole list, the agenda whole and a page of it, and the JSON export and import.

mod report_anchor;

use caseload::app::App;
use caseload::assets::Assets;
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
        // As after a first session: the app leaves the planner its statistics at quit.
        store.optimize();
        drop(store);
        std::fs::rename(&tmp, &path).expect("rename bench db");
    }
    path
}

/// The passphrase of the encrypted copy.
const PASSPHRASE: &str = "bench passphrase, not secret";

/// An encrypted copy of [`database`], made once; its key is held from here on.
fn encrypted_database() -> PathBuf {
    use caseload::vault::{Kdf, KeyFile, held};
    let plain = database();
    let path = plain.with_file_name(format!("bench-{CLIENTS}-encrypted.db"));
    if !path.exists() || KeyFile::read(&path).ok().flatten().is_none() {
        let tmp = plain.with_file_name(format!("bench-{CLIENTS}-encrypted.db.partial"));
        let _ = std::fs::remove_file(&tmp);
        let (keys, key, _) = KeyFile::create(PASSPHRASE, Kdf::FOR_TESTS);
        let store = Store::open(&plain).expect("open bench db");
        store.encrypted_copy(&tmp, &key).expect("encrypt");
        keys.write(&path).expect("key file");
        std::fs::rename(&tmp, &path).expect("rename");
    }
    let keys = KeyFile::read(&path).expect("key file").expect("a key file");
    held::hold(keys.unlock(PASSPHRASE).expect("unlock"));
    path
}

/// The plaintext file and its encrypted copy, named for the benchmarks: the cost of
/// encryption is the ratio of each pair.
fn both() -> [(&'static str, PathBuf); 2] {
    [("", database()), (", encrypted", encrypted_database())]
}

/// Unlocking: Argon2id with the parameters of a new key file.
fn unlock(c: &mut Criterion) {
    use caseload::vault::{Kdf, KeyFile};
    let (keys, _, _) = KeyFile::create(PASSPHRASE, Kdf::DEFAULT);
    let mut g = c.benchmark_group("startup");
    g.sample_size(10);
    g.bench_function(
        "unlock with the passphrase (Argon2id, 64 MiB, 3 passes)",
        |b| b.iter(|| keys.unlock_passphrase(PASSPHRASE).expect("unlock")),
    );
    g.finish();
}

fn first_frame(c: &mut Criterion) {
    let mut g = c.benchmark_group("startup");
    g.sample_size(10);
    for (kind, path) in both() {
        g.bench_function(
            format!("open store and draw first frame (100k clients{kind})"),
            |b| {
                b.iter(|| {
                    let store = Store::open(&path).expect("open");
                    let app = App::start(store, Assets::builtin(), Lang::En, today(), (120, 35));
                    let mut t = Terminal::new(TestBackend::new(120, 35)).expect("terminal");
                    t.draw(|f| {
                        caseload::ui::render(app.state(), f);
                    })
                    .expect("draw");
                    app
                })
            },
        );
    }
    g.finish();
}

/// The app on the generated file, 120×35, with the whole list loaded in the background.
fn loaded_app(path: &std::path::Path) -> App {
    let store = Store::open(path).expect("open");
    let mut app = App::start(store, Assets::builtin(), Lang::En, today(), (120, 35));
    while app.busy() {
        std::thread::sleep(std::time::Duration::from_millis(10));
        app.tick();
    }
    app
}

fn cursor_move(c: &mut Criterion) {
    for (kind, path) in both() {
        let mut app = loaded_app(&path);
        let mut t = Terminal::new(TestBackend::new(120, 35)).expect("terminal");
        let mut down = true;
        c.bench_function(
            &format!("cursor move and redraw (100k clients{kind})"),
            |b| {
                b.iter(|| {
                    // Walk down and up so the cursor stays in a realistic part of the list.
                    let (selected, _) = app.list_cursor();
                    if selected >= 500 {
                        down = false;
                    } else if selected == 0 {
                        down = true;
                    }
                    let code = if down {
                        KeyCode::Char('j')
                    } else {
                        KeyCode::Char('k')
                    };
                    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
                    t.draw(|f| {
                        caseload::ui::render(app.state(), f);
                    })
                    .expect("draw");
                })
            },
        );
    }
}

fn filter_letter(c: &mut Criterion) {
    let mut app = loaded_app(&database());
    let mut t = Terminal::new(TestBackend::new(120, 35)).expect("terminal");
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    app.handle_key(key(KeyCode::Char('/')));
    app.handle_key(key(KeyCode::Char('j')));
    let mut typed = false;
    c.bench_function(
        "one letter typed in the list filter and redraw (100k clients)",
        |b| {
            b.iter(|| {
                // "ja" and back to "j": each key filters the whole list again.
                let code = if typed {
                    KeyCode::Backspace
                } else {
                    KeyCode::Char('a')
                };
                typed = !typed;
                app.handle_key(key(code));
                t.draw(|f| {
                    caseload::ui::render(app.state(), f);
                })
                .expect("draw");
            })
        },
    );
}

/// Search over everything: a word of the notes, a client number, the start of a BSN or of
/// a name, in the store; and one letter typed in the open search (Ctrl-F) with redraw.
fn search(c: &mut Criterion) {
    use caseload::domain::search::Needle;
    let store = Store::open(&database()).expect("open");
    let mut g = c.benchmark_group("search");
    for (what, typed) in [
        ("a word of the notes", "proefplaatsing"),
        ("two words of the notes", "werkgever proef"),
        ("a client number", "K054321"),
        ("the start of a BSN", "1234"),
        ("a name and a client number", "jan k54321"),
        ("the start of a name", "yil"),
        ("two letters", "ja"),
        ("a common name and a BSN's first digit", "jan 1"),
        (
            "a common name and three digits no BSN starts with",
            "jan 000",
        ),
    ] {
        let needle = Needle::new(typed);
        g.bench_function(format!("{what} (100k clients)"), |b| {
            b.iter(|| store.search(&needle).expect("search"))
        });
    }
    g.finish();
    drop(store);
    let mut app = loaded_app(&database());
    let mut t = Terminal::new(TestBackend::new(120, 35)).expect("terminal");
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    app.handle_key(KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL));
    for ch in "proefplaatsin".chars() {
        app.handle_key(key(KeyCode::Char(ch)));
    }
    let mut typed = false;
    c.bench_function(
        "one letter typed in the search and redraw (100k clients)",
        |b| {
            b.iter(|| {
                let code = if typed {
                    KeyCode::Backspace
                } else {
                    KeyCode::Char('g')
                };
                typed = !typed;
                app.handle_key(key(code));
                t.draw(|f| {
                    caseload::ui::render(app.state(), f);
                })
                .expect("draw");
            })
        },
    );
}

/// The report for a year and for everything, on each file; on the plaintext file also the
/// anchor: the same figures by hand as plain SQL ([`report_anchor`]), checked to count the
/// same first. The report should stay within 1.5× of its anchor.
fn report(c: &mut Criterion) {
    use caseload::domain::report_period::Preset;
    let cfg = caseload::assets::Assets::builtin().report;
    // As the store's own connection: the same page cache, temporary tables in memory.
    let by_hand = rusqlite::Connection::open_with_flags(
        database(),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .expect("open the anchor's connection");
    by_hand
        .execute_batch("PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY;")
        .expect("anchor pragmas");
    let mut g = c.benchmark_group("report");
    g.sample_size(10);
    for (kind, path) in both() {
        let store = Store::open(&path).expect("open");
        for preset in [Preset::Last12Months, Preset::Everything] {
            let period = preset.period(today());
            if kind.is_empty() {
                let anchor = report_anchor::report(&by_hand, period, today(), &cfg);
                let report = store.report(period, today(), &cfg).expect("report");
                assert_eq!(
                    anchor.expect("anchor"),
                    report,
                    "the anchor counts what the report counts"
                );
                g.bench_function(
                    format!("anchor {preset:?}: by hand in plain SQL (100k clients)"),
                    |b| {
                        b.iter(|| {
                            report_anchor::report(&by_hand, period, today(), &cfg).expect("anchor")
                        })
                    },
                );
            }
            g.bench_function(format!("report {preset:?} (100k clients{kind})"), |b| {
                b.iter(|| store.report(period, today(), &cfg).expect("report"))
            });
        }
    }
    g.finish();
}

fn lists(c: &mut Criterion) {
    let store = Store::open(&database()).expect("open");
    let mut g = c.benchmark_group("lists");
    g.sample_size(10);
    g.bench_function("whole caseload list (100k clients)", |b| {
        b.iter(|| store.caseload(today()).expect("list"))
    });
    // As the app loads it: on a background reader, with its small page cache.
    let reader = Store::open_reader(&database()).expect("reader");
    g.bench_function(
        "whole caseload list on a background reader (100k clients)",
        |b| b.iter(|| reader.caseload(today()).expect("list")),
    );
    g.bench_function("agenda 60 days ahead (100k clients)", |b| {
        b.iter(|| {
            store
                .agenda(today() + chrono::Days::new(60))
                .expect("agenda")
        })
    });
    // The agenda as the screen reads it: a page at a time, filtered in the database.
    let agenda = |words: &[&str]| caseload::store::agenda_page::AgendaQuery {
        words: words
            .iter()
            .map(|w| caseload::store::agenda_page::AgendaWord {
                folded: (*w).to_owned(),
                ..Default::default()
            })
            .collect(),
        until: today() + chrono::Days::new(60),
        late_on: None,
    };
    g.bench_function("first page of the agenda (100k clients)", |b| {
        let q = agenda(&[]);
        b.iter(|| store.agenda_page(&q, None, true, 100).expect("page"))
    });
    g.bench_function(
        "first page of the agenda filtered by a name (100k clients)",
        |b| {
            let q = agenda(&["jansen"]);
            b.iter(|| store.agenda_page(&q, None, true, 100).expect("page"))
        },
    );
    g.bench_function("count of the agenda (100k clients)", |b| {
        let q = agenda(&[]);
        b.iter(|| store.agenda_count(&q).expect("count"))
    });
    // What the first frame waits for: the rows of the earliest items, and the overdue
    // count in the Agenda tab's title.
    g.bench_function("first page of the list (100k clients)", |b| {
        let q = caseload::store::roster_page::ListQuery::default();
        b.iter(|| store.list_page(&q, None, true, 70, today()).expect("page"))
    });
    g.bench_function("overdue count (100k clients)", |b| {
        b.iter(|| store.overdue_count(today()).expect("count"))
    });
    g.finish();
}

/// A minimal historical cohort of `n` clients (BSN, names, an exit, a third re-entered).
fn cohort(n: usize) -> Vec<u8> {
    let mut k: u32 = 10_000_000;
    let clients: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let bsn = loop {
                let digits: Vec<u32> = format!("{k:08}")
                    .bytes()
                    .map(|b| u32::from(b - b'0'))
                    .collect();
                let sum: u32 = (0..8).map(|j| (9 - j as u32) * digits[j]).sum();
                k += 1;
                if sum % 11 < 10 {
                    break format!("{:08}{}", k - 1, sum % 11);
                }
            };
            let reason = ["work.employment", "study", "other.moved"][i % 3];
            let mut episodes = vec![serde_json::json!({
                "benefit_start": "2013-03-01",
                "exit_date": format!("2014-{:02}-15", i % 12 + 1),
                "exit_reason": reason,
            })];
            if i % 3 == 0 {
                episodes.push(serde_json::json!({ "benefit_start": "2015-06-01" }));
            }
            serde_json::json!({
                "bsn": bsn,
                "first_name": "Voornaam",
                "last_name": format!("Achternaam{i}"),
                "episodes": episodes,
            })
        })
        .collect();
    serde_json::json!({ "format": "caseload", "version": 1, "clients": clients })
        .to_string()
        .into_bytes()
}

fn transfer(c: &mut Criterion) {
    let mut g = c.benchmark_group("transfer");
    g.sample_size(10);
    let store = Store::open(&database()).expect("open");
    let ids = store.client_ids().expect("ids");
    g.bench_function("export 10,000 of 100k demo clients", |b| {
        b.iter(|| {
            let records = ids[..10_000]
                .iter()
                .map(|id| store.client_record(*id).map(|r| r.expect("client")));
            caseload::transfer::write::write_document(std::io::sink(), records).expect("export")
        })
    });
    let file = cohort(CLIENTS);
    g.bench_function("import 100k minimal clients into a new file", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().expect("tempdir");
                let store = Store::open(&dir.path().join("import.db")).expect("open");
                (dir, store)
            },
            |(dir, mut store)| {
                caseload::commands::import::import_into(&mut store, &file, false).expect("imports");
                (dir, store)
            },
            criterion::BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(
    benches,
    unlock,
    first_frame,
    cursor_move,
    filter_letter,
    search,
    report,
    lists,
    transfer
);
criterion_main!(benches);
