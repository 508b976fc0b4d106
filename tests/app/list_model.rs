//! The list's window against a model of the whole list in memory: random keys (moves,
//! pages, the ends, a typed filter, clearing it, the flagged-only view, the next order) on a
//! caseload of several pages leave the cursor on the client the whole list would, and the
//! rows the app holds are always one unbroken run of that list.

use crate::common;

use caseload::app::App;
use caseload::app::screens::caseload::ListSort;
use caseload::assets::Assets;
use caseload::domain::Phase;
use caseload::domain::codes::Code;
use caseload::domain::model::Id;
use caseload::domain::search::fold;
use caseload::i18n::Lang;
use caseload::store::caseload::CaseloadRow;
use common::*;
use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode;
use std::cmp::Ordering;

/// Clients: several pages of a hundred.
const CLIENTS: usize = 450;

/// Words typed into the filter: names, parts of names, a phase, BSN digits, a number.
const WORDS: &[&str] = &[
    "a",
    "an",
    "jan",
    "e",
    "van",
    "er",
    "aftercare",
    "intake",
    "12",
    "k3",
    "zzq",
];

#[derive(Clone, Debug)]
enum Op {
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Filter(&'static str),
    Clear,
    Flagged,
    Sort,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => Just(Op::Down),
        2 => Just(Op::Up),
        4 => Just(Op::PageDown),
        2 => Just(Op::PageUp),
        1 => Just(Op::Top),
        1 => Just(Op::Bottom),
        2 => proptest::sample::select(WORDS).prop_map(Op::Filter),
        1 => Just(Op::Clear),
        1 => Just(Op::Flagged),
        1 => Just(Op::Sort),
    ]
}

/// The whole list as the model holds it: every client, the filter, the view, the order
/// and the client under the cursor.
struct Model {
    all: Vec<CaseloadRow>,
    filter: &'static str,
    flagged: bool,
    sort: ListSort,
    at: Option<Id>,
    risk: caseload::domain::risk::RiskConfig,
}

impl Model {
    fn matches(&self, r: &CaseloadRow) -> bool {
        if self.flagged && !r.flagged {
            return false;
        }
        let w = self.filter;
        if w.is_empty() {
            return true;
        }
        if w.bytes().all(|b| b.is_ascii_digit()) {
            return r.bsn.contains(w);
        }
        if let Some(n) = w.strip_prefix('k').and_then(|n| n.parse::<Id>().ok()) {
            return r.client_id == n;
        }
        let phase = |p: Phase| fold(p.label(Lang::En)).starts_with(w) || p.code().starts_with(w);
        fold(&r.name).contains(w) || phase(r.phase)
    }

    fn cmp(&self, a: &CaseloadRow, b: &CaseloadRow) -> Ordering {
        self.sort.cmp(a, b, Some(&self.risk))
    }

    fn list(&self) -> Vec<&CaseloadRow> {
        let mut rows: Vec<&CaseloadRow> = self.all.iter().filter(|r| self.matches(r)).collect();
        rows.sort_by(|a, b| self.cmp(a, b));
        rows
    }

    fn index(&self) -> Option<usize> {
        let at = self.at?;
        self.list().iter().position(|r| r.client_id == at)
    }

    /// The cursor moved to `i` of the list (clamped).
    fn to(&mut self, i: isize) {
        let list = self.list();
        let last = list.len() as isize - 1;
        self.at = (last >= 0).then(|| list[i.clamp(0, last) as usize].client_id);
    }

    fn by(&mut self, d: isize) {
        let i = self.index().map_or(0, |i| i as isize);
        self.to(i + d);
    }

    /// The list changed under the cursor (it stood at `was`): it stays on its client, or
    /// goes to where the client would be (the first row after it); in the risk order,
    /// which the database does not keep, it stays at its place.
    fn around(&mut self, was: Option<usize>) {
        let Some(at) = self.at else {
            return self.to(0);
        };
        if self.index().is_some() {
            return;
        }
        if self.sort == ListSort::Risk {
            return self.to(was.unwrap_or(0) as isize);
        }
        let Some(row) = self.all.iter().find(|r| r.client_id == at).cloned() else {
            return self.to(0);
        };
        let list = self.list();
        let before = list
            .iter()
            .filter(|r| self.cmp(r, &row) == Ordering::Less)
            .count();
        let n = list.len();
        self.at = (n > 0).then(|| list[before.min(n - 1)].client_id);
    }
}

fn apply(a: &mut App, m: &mut Model, op: &Op) {
    let page = a.list_height() as isize;
    match op {
        Op::Down => {
            press(a, KeyCode::Char('j'));
            m.by(1);
        }
        Op::Up => {
            press(a, KeyCode::Char('k'));
            m.by(-1);
        }
        Op::PageDown => {
            press(a, KeyCode::PageDown);
            m.by(page);
        }
        Op::PageUp => {
            press(a, KeyCode::PageUp);
            m.by(-page);
        }
        Op::Top => {
            press(a, KeyCode::Char('g'));
            m.to(0);
        }
        Op::Bottom => {
            press(a, KeyCode::Char('G'));
            m.to(isize::MAX);
        }
        Op::Filter(w) => {
            // Cleared first (the cursor stays), then typed: its first match.
            press(a, KeyCode::Esc);
            type_str(a, &format!("/{w}"));
            press(a, KeyCode::Enter);
            let was = m.index();
            m.filter = "";
            m.around(was);
            m.filter = w;
            m.to(0);
        }
        Op::Clear => {
            press(a, KeyCode::Esc);
            let was = m.index();
            m.filter = "";
            m.around(was);
        }
        Op::Flagged => {
            press(a, KeyCode::Char('!'));
            let was = m.index();
            m.flagged = !m.flagged;
            m.around(was);
        }
        Op::Sort => {
            press(a, KeyCode::Char('o'));
            let was = m.index();
            m.sort = m.sort.next();
            m.around(was);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn the_window_walks_as_the_whole_list_would(ops in proptest::collection::vec(op(), 1..40)) {
        let mut a = app(demo_store(CLIENTS), Lang::En);
        let all = a.store().caseload(today()).unwrap();
        let first = all.first().map(|r| r.client_id);
        let mut m = Model {
            all,
            filter: "",
            flagged: false,
            sort: ListSort::Due,
            at: first,
            risk: Assets::builtin().risk,
        };
        for op in &ops {
            apply(&mut a, &mut m, op);
            let at = a.selected_row().map(|r| r.client_id);
            prop_assert_eq!(at, m.at, "after {:?} of {:?}", op, ops);
            // The rows held are one unbroken run of the whole list.
            let list: Vec<Id> = m.list().iter().map(|r| r.client_id).collect();
            let held: Vec<Id> = a.list().iter().map(|r| r.client_id).collect();
            if let Some(start) = held.first().and_then(|h| list.iter().position(|x| x == h)) {
                prop_assert_eq!(&list[start..(start + held.len()).min(list.len())], &held[..]);
            } else {
                prop_assert!(list.is_empty() && held.is_empty(), "after {:?}", op);
            }
        }
    }
}
