//! `caseload demo` at 100,000 clients (issue 20: at most 10 s): the generator writing a
//! new plaintext file in one transaction, the search index and the deferred indexes made
//! at its end, committed and checkpointed. Opening the new file is not measured.

use caseload::store::Store;
use chrono::NaiveDate;
use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};
use std::time::Duration;

const CLIENTS: usize = 100_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

fn demo(c: &mut Criterion) {
    let mut g = c.benchmark_group("demo");
    g.sample_size(10);
    g.sampling_mode(SamplingMode::Flat);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(150));
    g.bench_function("100,000 clients into a new file", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().expect("temporary folder");
                let store = Store::open(&dir.path().join("demo.db")).expect("new file");
                (dir, store)
            },
            |(dir, mut store)| {
                caseload::demo::generate(&mut store, CLIENTS, 1, today()).expect("demo");
                (dir, store)
            },
            BatchSize::PerIteration,
        );
    });
    g.finish();
}

criterion_group!(benches, demo);
criterion_main!(benches);
