//! Undo and redo in the store: any sequence of the app's own operations, undone set by set
//! (newest first), gives the client data as it was, byte for byte in the export; redone,
//! as it became. Random journeys (see `journey_support`) from a fixed seed.

use crate::journey_support::World;
use crate::journeys::{export, first_difference, step};
use caseload::store::Store;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};

fn same(a: &[u8], b: &[u8], what: &str) -> Result<(), TestCaseError> {
    prop_assert!(a == b, "{what}:\n{}", first_difference(a, b));
    Ok(())
}

#[test]
fn any_changes_undone_give_the_caseload_as_it_was_and_redone_as_it_became() {
    let config = Config {
        cases: 64,
        rng_seed: RngSeed::Fixed(20_261_205),
        failure_persistence: None,
        ..Config::default()
    };
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 8).expect("date");
    let steps = (
        proptest::collection::vec(step(), 0..25),
        proptest::collection::vec(step(), 1..40),
    );
    let mut runner = TestRunner::new(config);
    let undone = std::cell::Cell::new(0usize);
    let result = runner.run(&steps, |(before, after)| {
        let mut w = World::new(start);
        w.store.log_changes().expect("logging on");
        for s in &before {
            w.step(s);
        }
        let mid = w
            .store
            .change_sets_after(0)
            .expect("sets")
            .last()
            .copied()
            .unwrap_or(0);
        let was = export(&w.store);
        for s in &after {
            w.step(s);
        }
        let became = export(&w.store);
        let made = w.store.change_sets_after(mid).expect("sets");
        undone.set(undone.get() + made.len());
        let mut undos = Vec::new();
        for set in made.iter().rev() {
            undos.push(w.store.undo(*set).expect("undo"));
        }
        same(
            &was,
            &export(&w.store),
            "undone, the caseload is not as it was",
        )?;
        for set in undos.iter().rev() {
            w.store.undo(*set).expect("redo");
        }
        same(
            &became,
            &export(&w.store),
            "redone, the caseload is not as it became",
        )?;
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    // The journeys changed something to undo, many times over.
    assert!(
        undone.get() > 200,
        "only {} change sets undone",
        undone.get()
    );
}

#[test]
fn a_save_is_one_change_set_an_undo_names_it_and_nothing_is_logged_unless_asked() {
    let mut store = Store::open_in_memory().unwrap();
    caseload::demo::generate(
        &mut store,
        3,
        7,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    )
    .unwrap();
    // Commands and imports do not log.
    assert!(store.change_sets_after(0).unwrap().is_empty());
    store.log_changes().unwrap();
    let client = store.client_ids().unwrap()[0];
    let file = store.client_file(client).unwrap().unwrap();
    let Some(agreement) = file.agreements.first() else {
        return;
    };
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 23);
    let on = if agreement.done_on.is_some() {
        None
    } else {
        day
    };
    store.set_agreement_done(agreement.id, on).unwrap();
    let set = store.last_change().unwrap();
    let s = store.change_summary(set).unwrap().unwrap();
    assert_eq!(
        (s.table.as_str(), s.op.as_str(), s.rows),
        ("agreement", "update", 1)
    );
    assert_eq!(s.client_id, Some(client));
    let undo = store.undo(set).unwrap();
    assert_ne!(undo, set);
    let history = store.client_changes(client).unwrap();
    assert_eq!(history[0].set_id, undo);
    assert_eq!(history[0].undoes, Some(set));
    assert_eq!(history[1].set_id, set);
    let done =
        |r: &caseload::store::ChangeRow| r.after.as_ref().and_then(|a| a.get("done_on").cloned());
    assert_eq!(
        done(&history[1]),
        Some(on.map_or(serde_json::Value::Null, |d| d.to_string().into()))
    );
    // A save that changes nothing makes no change set.
    store
        .set_agreement_done(agreement.id, agreement.done_on)
        .unwrap();
    assert_eq!(store.last_change(), None);
}

#[test]
fn an_undo_of_a_row_changed_since_is_refused_and_writes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    caseload::demo::generate(
        &mut store,
        3,
        7,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    )
    .unwrap();
    store.log_changes().unwrap();
    let client = store.client_ids().unwrap()[0];
    let file = store.client_file(client).unwrap().unwrap();
    let agreement = file
        .agreements
        .first()
        .expect("the demo client has agreements");
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 11, d);
    store.set_agreement_done(agreement.id, day(20)).unwrap();
    let first = store.last_change().unwrap();
    store.set_agreement_done(agreement.id, day(21)).unwrap();
    let second = store.last_change().unwrap();
    let done = |store: &Store| {
        let file = store.client_file(client).unwrap().unwrap();
        file.agreements
            .iter()
            .find(|a| a.id == agreement.id)
            .unwrap()
            .done_on
    };
    // The first change's row is no longer as it left it.
    let err = store.undo(first).unwrap_err();
    assert!(
        matches!(
            err,
            caseload::store::StoreError::Invalid("change.changed_since")
        ),
        "{err}"
    );
    assert_eq!(done(&store), day(21));
    // Newest first, both undo.
    store.undo(second).unwrap();
    assert_eq!(done(&store), day(20));
    store.undo(first).unwrap();
    assert_eq!(done(&store), agreement.done_on);
}

#[test]
fn rows_a_cascade_removes_are_in_the_clients_history_and_come_back_with_it() {
    let mut store = Store::open_in_memory().unwrap();
    caseload::demo::generate(
        &mut store,
        40,
        7,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    )
    .unwrap();
    store.log_changes().unwrap();
    // A trajectory with reviews, not named by an exit.
    let (client, trajectory, reviews) = store
        .client_ids()
        .unwrap()
        .into_iter()
        .find_map(|c| {
            let file = store.client_file(c).unwrap()?;
            file.trajectories.iter().find_map(|t| {
                let n = store.reviews(t.id).unwrap().len();
                (n > 0 && file.aftercare.is_none()).then_some((c, t.id, n))
            })
        })
        .expect("the demo has a reviewed trajectory");
    let before = crate::journeys::export(&store);
    store
        .write(|tx| tx.void_trajectory(trajectory, "entered in error"))
        .unwrap();
    let set = store.last_change().unwrap();
    let history = store.client_changes(client).unwrap();
    let of_set = |table: &str, op: &str| {
        history
            .iter()
            .filter(|r| r.set_id == set && r.table == table && r.op == op)
            .count()
    };
    assert_eq!(of_set("trajectory", "delete"), 1);
    assert_eq!(of_set("review", "delete"), reviews);
    let undo = store.undo(set).unwrap();
    assert_eq!(crate::journeys::export(&store), before);
    let history = store.client_changes(client).unwrap();
    let back = history
        .iter()
        .filter(|r| r.set_id == undo && r.table == "review" && r.op == "insert")
        .count();
    assert_eq!(back, reviews);
}
