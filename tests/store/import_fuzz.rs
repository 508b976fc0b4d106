//! The import parser never panics, whatever the bytes, and an import either writes a
//! whole, sound record (`caseload check` finds nothing) or writes nothing at all: the
//! database keeps every row, its audit log included.

use crate::transfer_support;

use caseload::commands::check::Report;
use caseload::commands::import::import_into;
use caseload::store::Store;
use proptest::prelude::*;
use serde_json::Value;
use std::sync::LazyLock;
use transfer_support::*;

/// A valid file with every kind of record (two story clients and a few demo clients).
static BASE: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let mut store = Store::open_in_memory().unwrap();
    caseload::demo::generate(&mut store, 4, 21, today()).unwrap();
    story(&mut store, 7);
    export(&store)
});

/// Every JSON pointer in the base file, for edits anywhere in it.
static POINTERS: LazyLock<Vec<String>> = LazyLock::new(|| {
    fn walk(v: &Value, at: String, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => m
                .iter()
                .for_each(|(k, x)| walk(x, format!("{at}/{k}"), out)),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, x)| walk(x, format!("{at}/{i}"), out)),
            _ => {}
        }
        out.push(at);
    }
    let mut out = Vec::new();
    walk(
        &serde_json::from_slice(&BASE).unwrap(),
        String::new(),
        &mut out,
    );
    out
});

/// A store with a few clients of its own, so "unchanged" has something to keep.
fn target() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    caseload::demo::generate(&mut store, 3, 5, today()).unwrap();
    store
}

/// Imports `bytes` into a fresh target: all or nothing.
fn all_or_nothing(bytes: &[u8]) -> bool {
    let mut store = target();
    let before = state(&store);
    match import_into(&mut store, bytes, false) {
        Ok(_) => {
            let report = Report::gather(&store).unwrap();
            assert!(
                report.is_clean(),
                "an import left a record that check refuses"
            );
            true
        }
        Err(_) => {
            assert_eq!(
                state(&store),
                before,
                "a refused import changed the database"
            );
            false
        }
    }
}

/// Values that mean something somewhere in the format, and some that mean nothing.
fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        prop_oneof![
            Just(0i64),
            Just(-1),
            Just(1),
            Just(6),
            Just(81),
            Just(i64::MAX),
            any::<i64>()
        ]
        .prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop_oneof![
            Just("2026-02-29"),
            Just("2024-02-29"),
            Just("1899-12-31"),
            Just("2026-13-01"),
            Just("111222333"),
            Just("123456789"),
            Just("work.employment"),
            Just("excluded.death"),
            Just("stopped"),
            Just("completed"),
            Just("done"),
            Just("declined"),
            Just("trajectory"),
            Just("episodes[0].assessments[0]"),
            Just("episodes[1].trajectories[0]"),
            Just("episodes[9].assessments[0]"),
            Just(""),
            Just(" "),
        ]
        .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
        Just(Value::Array(Vec::new())),
        Just(Value::Object(serde_json::Map::new())),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_and_never_write(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        all_or_nothing(&bytes);
    }

    #[test]
    fn a_damaged_export_is_imported_whole_or_not_at_all(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let mut bytes = BASE.clone();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        if let Some(at) = cut {
            bytes.truncate(at.index(bytes.len()));
        }
        all_or_nothing(&bytes);
    }

    #[test]
    fn any_field_replaced_by_anything_is_imported_whole_or_not_at_all(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), value()), 1..4),
    ) {
        let mut doc: Value = serde_json::from_slice(&BASE).unwrap();
        for (at, v) in edits {
            let pointer = &POINTERS[at.index(POINTERS.len())];
            if let Some(slot) = doc.pointer_mut(pointer) {
                *slot = v;
            }
        }
        all_or_nothing(doc.to_string().as_bytes());
    }
}

#[test]
fn the_untouched_base_file_imports() {
    // The properties above only mean something if the file they damage is valid.
    assert!(all_or_nothing(&BASE));
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(!all_or_nothing(deep.as_bytes()));
}
