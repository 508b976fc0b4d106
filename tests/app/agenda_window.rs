//! The agenda as a window over the kept agenda: walking an agenda of many pages by keys
//! shows every item once and in the store's order, forward and back, at its ends and under
//! a filter, while the app holds only a few pages of rows.

use crate::common;

use caseload::app::App;
use caseload::domain::agenda::ItemKind;
use caseload::domain::search::fold;
use caseload::i18n::Lang;
use caseload::store::agenda::AgendaEntry;
use caseload::store::agenda_page::AgendaKey;
use common::*;
use ratatui::crossterm::event::KeyCode;

/// The clients of the demo: an agenda of many pages.
const CLIENTS: usize = 1_500;

/// The most rows the window may hold (a few pages of a hundred).
const HELD: usize = 450;

fn big() -> App {
    let mut a = app(demo_store(CLIENTS), Lang::En);
    press(&mut a, KeyCode::Char('2'));
    a
}

/// The store's whole agenda, in its order.
fn store_order(a: &App) -> Vec<AgendaKey> {
    let until = today() + chrono::Duration::days(60);
    let rows = a.store().agenda(until).unwrap();
    rows.iter().map(AgendaKey::of).collect()
}

fn selected(a: &App) -> AgendaKey {
    AgendaKey::of(a.selected_agenda_item().unwrap())
}

/// Presses `key` until the cursor stops moving; the items it stood on, in turn.
fn walk(a: &mut App, key: KeyCode) -> Vec<AgendaKey> {
    let mut seen = vec![selected(a)];
    loop {
        press(a, key);
        let held = a.agenda_items().len();
        assert!(held <= HELD, "{held} rows held");
        let now = selected(a);
        if now == *seen.last().unwrap() {
            return seen;
        }
        seen.push(now);
    }
}

#[test]
fn walking_down_and_up_shows_every_item_once_in_the_store_order() {
    let mut a = big();
    let order = store_order(&a);
    assert!(order.len() > HELD, "{} items", order.len());
    assert_eq!(a.agenda_count(), Some(order.len()));
    assert!(
        a.agenda_items().len() < order.len(),
        "only a window is read"
    );
    assert_eq!(walk(&mut a, KeyCode::Char('j')), order);
    let mut back = walk(&mut a, KeyCode::Char('k'));
    back.reverse();
    assert_eq!(back, order);
}

#[test]
fn the_ends_are_one_key_away_and_a_filter_walks_only_its_matches() {
    let mut a = big();
    let order = store_order(&a);
    press(&mut a, KeyCode::Char('G'));
    assert_eq!(selected(&a), *order.last().unwrap());
    insta::assert_snapshot!("agenda_bottom", draw(&a).backend());
    press(&mut a, KeyCode::Char('g'));
    assert_eq!(selected(&a), order[0]);
    // Filtered by a kind's name: every check-in, and nothing else, in order.
    press(&mut a, KeyCode::Char('/'));
    type_str(&mut a, "check-in");
    press(&mut a, KeyCode::Enter);
    let until = today() + chrono::Duration::days(60);
    let check_ins: Vec<AgendaKey> = a
        .store()
        .agenda(until)
        .unwrap()
        .iter()
        .filter(|e: &&AgendaEntry| e.item.kind == ItemKind::CheckIn)
        .map(AgendaKey::of)
        .collect();
    assert!(check_ins.len() > 1);
    assert_eq!(a.agenda_count(), Some(check_ins.len()));
    assert_eq!(walk(&mut a, KeyCode::Char('j')), check_ins);
    // Filtered by part of a name: the items of the clients whose name holds it (and any
    // whose text or kind holds it), in the store's order.
    press(&mut a, KeyCode::Esc);
    let name = fold(&a.agenda_items()[0].client_name);
    let part: String = name.chars().take(4).collect();
    press(&mut a, KeyCode::Char('/'));
    type_str(&mut a, &part);
    press(&mut a, KeyCode::Enter);
    let theirs: Vec<AgendaKey> = a
        .store()
        .agenda(until)
        .unwrap()
        .iter()
        .filter(|e| fold(&e.client_name).contains(&part))
        .map(AgendaKey::of)
        .collect();
    let walked = walk(&mut a, KeyCode::Char('j'));
    assert!(theirs.iter().all(|k| walked.contains(k)));
    let at: Vec<usize> = walked
        .iter()
        .map(|k| order.iter().position(|o| o == k).unwrap())
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "in the store's order");
}
