//! The list as pages of the roster, in the store, on the generated caseload
//! (`CASELOAD_BENCH_CLIENTS`, default 100,000): the first page of each order, the next
//! page, and the first page for a filter word typed, common to rare (what a letter typed
//! costs before it is drawn); the count and a row's position, which the list reads in the
//! background.

mod cached;

use caseload::domain::Phase;
use caseload::store::Store;
use caseload::store::roster_page::{ListKey, ListOrder, ListQuery, ListWord};
use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

/// The rows a page holds (a tall terminal, with a page either side).
const PAGE: usize = 100;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

fn word(w: &str) -> ListWord {
    ListWord::Text {
        folded: w.into(),
        phases: Vec::new(),
    }
}

fn pages(c: &mut Criterion) {
    let store = Store::open(&cached::database()).expect("open");
    // A file made before schema 11 gets its roster now, once.
    store.roster_fits().expect("roster");
    let n = cached::clients();
    let mut g = c.benchmark_group(format!("list ({n} clients)"));
    g.sample_size(20);
    let orders = [
        ("due", ListOrder::Due),
        ("name", ListOrder::Name),
        ("phase", ListOrder::Phase),
    ];
    for (name, order) in orders {
        let q = ListQuery {
            order,
            ..ListQuery::default()
        };
        g.bench_function(format!("first page by {name}"), |b| {
            b.iter(|| {
                store
                    .list_page(&q, None, true, PAGE, today())
                    .expect("page")
            })
        });
        let first = store
            .list_page(&q, None, true, PAGE, today())
            .expect("page");
        let key = first.last().map(ListKey::of);
        g.bench_function(format!("next page by {name}"), |b| {
            b.iter(|| {
                store
                    .list_page(&q, key.as_ref(), true, PAGE, today())
                    .expect("page")
            })
        });
    }
    // From the most common letter to a name that is not there.
    let typed: Vec<(&str, Vec<ListWord>)> = vec![
        ("e", vec![word("e")]),
        ("ja", vec![word("ja")]),
        ("jan", vec![word("jan")]),
        ("jansen", vec![word("jansen")]),
        ("celik", vec![word("celik")]),
        ("xq", vec![word("xq")]),
        ("zzzz", vec![word("zzzz")]),
        ("bsn 123", vec![ListWord::Digits("123".into())]),
        (
            "nazorg (phase)",
            vec![ListWord::Text {
                folded: "nazorg".into(),
                phases: vec![Phase::Aftercare],
            }],
        ),
    ];
    for (name, words) in &typed {
        let q = ListQuery {
            words: words.clone(),
            ..ListQuery::default()
        };
        g.bench_function(format!("first page filtered {name}"), |b| {
            b.iter(|| {
                store
                    .list_page(&q, None, true, PAGE, today())
                    .expect("page")
            })
        });
    }
    for (name, words) in &typed[..3] {
        let q = ListQuery {
            words: words.clone(),
            ..ListQuery::default()
        };
        g.bench_function(format!("count filtered {name}"), |b| {
            b.iter(|| store.list_count(&q).expect("count"))
        });
    }
    let q = ListQuery::default();
    let middle = store
        .list_page(&q, None, true, PAGE, today())
        .expect("page")
        .last()
        .map(ListKey::of)
        .expect("a row");
    g.bench_function("position of a row", |b| {
        b.iter(|| store.list_position(&q, &middle).expect("position"))
    });
    g.finish();
}

/// Every row of the roster computed again: what a changed rule of casework, the first
/// start after the upgrade to schema 11, a bulk load and an import cost at their end.
fn rebuild(c: &mut Criterion) {
    let mut store = Store::open(&cached::database()).expect("open");
    let n = cached::clients();
    let mut g = c.benchmark_group(format!("roster ({n} clients)"));
    g.sample_size(10);
    let mut days = 14;
    g.bench_function("every row computed again", |b| {
        b.iter(|| {
            // Another rule each time: every row is computed again.
            days = if days == 14 { 15 } else { 14 };
            store.set_casework(caseload::domain::casework::CaseworkConfig {
                plan_within_days: days,
                ..Default::default()
            });
            store.fit_roster().expect("rebuild");
        })
    });
    store.set_casework(Default::default());
    store.fit_roster().expect("rebuild");
    g.finish();
}

criterion_group!(benches, pages, rebuild);
criterion_main!(benches);
