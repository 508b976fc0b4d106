//! The caseload list as a window over the database: walking a list of many pages by keys
//! shows every client once and in the store's order, forward and back, at the list's ends
//! and under a filter, while the app holds only a few pages of rows.

use crate::common;

use caseload::app::App;
use caseload::domain::model::Id;
use caseload::domain::search::fold;
use caseload::i18n::Lang;
use common::*;
use ratatui::crossterm::event::KeyCode;

/// The clients of the demo: many pages of the list.
const CLIENTS: usize = 1_500;

/// The most rows the window may hold (a few pages of a hundred).
const HELD: usize = 450;

fn big() -> App {
    app(demo_store(CLIENTS), Lang::En)
}

/// The store's whole list, in its order (due date, then name).
fn store_order(a: &App) -> Vec<Id> {
    let rows = a.store().caseload(today()).unwrap();
    rows.iter().map(|r| r.client_id).collect()
}

fn selected(a: &App) -> Id {
    a.selected_row().unwrap().client_id
}

/// Presses `key` until the cursor stops moving; the clients it stood on, in turn.
fn walk(a: &mut App, key: KeyCode) -> Vec<Id> {
    let mut seen = vec![selected(a)];
    loop {
        press(a, key);
        assert!(a.list().len() <= HELD, "{} rows held", a.list().len());
        let now = selected(a);
        if now == *seen.last().unwrap() {
            return seen;
        }
        seen.push(now);
    }
}

#[test]
fn walking_down_and_up_shows_every_client_once_in_the_store_order() {
    let mut a = big();
    let order = store_order(&a);
    assert_eq!(order.len(), CLIENTS);
    assert!(a.list().len() < CLIENTS, "only a window is read");
    assert_eq!(walk(&mut a, KeyCode::Char('j')), order);
    let mut back = walk(&mut a, KeyCode::Char('k'));
    back.reverse();
    assert_eq!(back, order);
}

#[test]
fn pages_down_land_a_page_apart_and_the_ends_are_one_key_away() {
    let mut a = big();
    let order = store_order(&a);
    let page = a.list_height();
    let seen = walk(&mut a, KeyCode::PageDown);
    let expected: Vec<Id> = order
        .iter()
        .step_by(page)
        .copied()
        .chain(std::iter::once(*order.last().unwrap()))
        .collect();
    let mut expected = expected;
    expected.dedup();
    assert_eq!(seen, expected);
    press(&mut a, KeyCode::Char('g'));
    assert_eq!(selected(&a), order[0]);
    press(&mut a, KeyCode::Char('G'));
    assert_eq!(selected(&a), *order.last().unwrap());
    // The file follows the cursor to the last client.
    assert_eq!(a.file().unwrap().client.id, *order.last().unwrap());
    insta::assert_snapshot!("window_bottom", screen(&a));
    press(&mut a, KeyCode::Home);
    assert_eq!(selected(&a), order[0]);
}

#[test]
fn a_filter_walks_its_matches_in_order_and_counts_them() {
    let mut a = big();
    let all = a.store().caseload(today()).unwrap();
    let matches: Vec<Id> = all
        .iter()
        .filter(|r| fold(&r.name).contains("an"))
        .map(|r| r.client_id)
        .collect();
    assert!(
        matches.len() > 300,
        "{} matches: several pages",
        matches.len()
    );
    type_str(&mut a, "/an");
    press(&mut a, KeyCode::Enter);
    assert_eq!(selected(&a), matches[0], "the first match");
    let title = format!("{} of {}", matches.len(), CLIENTS);
    assert!(screen(&a).contains(&title), "{}", screen(&a));
    assert_eq!(walk(&mut a, KeyCode::Char('j')), matches);
    // Cleared, the list is whole again and the cursor stays on its client.
    let at = selected(&a);
    press(&mut a, KeyCode::Esc);
    assert_eq!(selected(&a), at);
    assert!(screen(&a).contains(&format!("{CLIENTS} clients")));
}

#[test]
fn sorting_by_name_keeps_the_client_and_walks_the_names_in_order() {
    let mut a = big();
    for _ in 0..700 {
        press(&mut a, KeyCode::Char('j'));
    }
    let at = selected(&a);
    press(&mut a, KeyCode::Char('o'));
    assert_eq!(selected(&a), at, "the cursor stays on its client");
    press(&mut a, KeyCode::Char('g'));
    let mut all = a.store().caseload(today()).unwrap();
    all.sort_by_key(|r| (r.name.to_lowercase(), r.client_id));
    let names: Vec<Id> = all.iter().map(|r| r.client_id).collect();
    assert_eq!(walk(&mut a, KeyCode::Char('j')), names);
}

#[test]
fn the_risk_order_reads_the_whole_list_and_keeps_the_client() {
    let mut a = big();
    risk_order(&mut a, CLIENTS);
}

#[test]
fn on_a_file_the_risk_order_is_read_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = caseload::store::Store::open(&dir.path().join("c.db")).unwrap();
    caseload::demo::generate(&mut store, 600, 7, today()).unwrap();
    let mut a = app(store, Lang::En);
    risk_order(&mut a, 600);
}

/// Moves down a while, then sorts by risk: every row is read and sorted by its weight,
/// the cursor on the same client.
fn risk_order(a: &mut App, clients: usize) {
    for _ in 0..40 {
        press(a, KeyCode::Char('j'));
    }
    let at = selected(a);
    for _ in 0..3 {
        press(a, KeyCode::Char('o'));
        // Keys while the whole list is being read move among the rows held.
        press(a, KeyCode::Char('k'));
        press(a, KeyCode::Char('j'));
    }
    settle(a);
    assert!(screen(a).contains("by risk"), "{}", screen(a));
    // An order the database does not keep: every row is read and sorted.
    assert_eq!(a.list().len(), clients);
    assert_eq!(selected(a), at);
    let risk = &caseload::assets::Assets::builtin().risk;
    let weight = |r: &caseload::store::caseload::CaseloadRow| {
        r.risk
            .as_ref()
            .map_or(0, |f| caseload::domain::risk::assess(f, risk).score)
    };
    let weights: Vec<_> = a.list().iter().map(|r| weight(r)).collect();
    assert!(weights.windows(2).all(|w| w[0] >= w[1]));
    assert!(weights[0] > 0);
}

#[test]
fn a_client_opened_far_down_the_list_keeps_the_cursor_through_a_save() {
    use ratatui::crossterm::event::KeyModifiers;
    let mut a = big();
    let order = store_order(&a);
    // A client beyond the window the list starts with.
    let far = order[1_200];
    press_mod(&mut a, KeyCode::Char('f'), KeyModifiers::CONTROL);
    type_str(&mut a, &format!("K{far:06}"));
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.file().unwrap().client.id, far);
    assert_eq!(
        selected(&a),
        far,
        "the list is read around the client opened"
    );
    // A contact note saved for them: the list stays on them, and so does the file.
    press(&mut a, KeyCode::Char('c'));
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.focused_field(), Some("summary"));
    type_str(&mut a, "Gebeld over de sollicitatie");
    press_mod(&mut a, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(a.form().is_none(), "{:?}", a.status());
    assert_eq!(a.file().unwrap().client.id, far);
    assert_eq!(selected(&a), far);
    assert!(a.list().len() <= HELD);
}
