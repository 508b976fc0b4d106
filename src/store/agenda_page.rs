//! The agenda as pages of the kept agenda (`agenda_item`): the rows after (or before) a row
//! in the agenda's order, filtered in the database; how many rows match.

use super::agenda::{AgendaEntry, KEPT_ITEM_COLS, entry};
use super::grams::AGENDA;
use super::{Result, Store};
use crate::domain::agenda::ItemKind;
use crate::domain::codes::Code;
use crate::domain::model::Id;
use chrono::NaiveDate;
use rusqlite::types::Value;

/// The rows a page of the agenda is taken to hold for a count.
const PAGE: usize = 100;

/// The agenda's order (its index `agenda_order`).
const ORDER: [&str; 6] = [
    "o.section",
    "o.due",
    "o.sort_name",
    "o.client_id",
    "o.kind",
    "o.ref_id",
];

/// One typed word of the agenda's filter, with what it names in the language shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AgendaWord {
    /// Part of the name or of what the item says (folded: lower case, no accents).
    pub folded: String,
    /// The kinds of item whose name (or whose fixed text) holds the word.
    pub kinds: Vec<ItemKind>,
    /// The instruments (catalogue keys) whose name holds it: their reviews and ends.
    pub instruments: Vec<String>,
    /// The kinds of contact (codes) whose name holds it: their check-ins.
    pub contacts: Vec<String>,
}

/// Which rows of the agenda are shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgendaQuery {
    /// Every word matches.
    pub words: Vec<AgendaWord>,
    /// The dated items up to this day (the clients without a next step always).
    pub until: NaiveDate,
    /// Only what is late on this day: the clients without a next step and what was due
    /// before it.
    pub late_on: Option<NaiveDate>,
}

/// Where a row stands in the agenda's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgendaKey {
    /// 0: a client without a next step; 1: a dated item.
    pub section: i64,
    pub due: NaiveDate,
    pub sort_name: String,
    pub client_id: Id,
    pub kind: ItemKind,
    pub ref_id: Id,
}

impl AgendaKey {
    /// The key of a row of the agenda.
    pub fn of(e: &AgendaEntry) -> AgendaKey {
        AgendaKey {
            section: i64::from(e.item.kind != ItemKind::Idle),
            due: e.item.due,
            sort_name: e.client_name.to_lowercase(),
            client_id: e.item.client_id,
            kind: e.item.kind,
            ref_id: e.item.ref_id,
        }
    }

    fn values(&self) -> [Value; 6] {
        [
            Value::Integer(self.section),
            Value::Text(self.due.to_string()),
            Value::Text(self.sort_name.clone()),
            Value::Integer(self.client_id),
            Value::Text(self.kind.code().to_owned()),
            Value::Integer(self.ref_id),
        ]
    }
}

/// `?, ?, …` for `n` values.
fn marks(n: usize) -> String {
    vec!["?"; n].join(", ")
}

/// The condition of a query on kept rows `o`, with its values.
fn condition(q: &AgendaQuery) -> (String, Vec<Value>) {
    let mut parts = vec!["(o.section = 0 OR o.due <= ?)".to_owned()];
    let mut values = vec![Value::Text(q.until.to_string())];
    if let Some(day) = q.late_on {
        parts.push("(o.section = 0 OR o.due < ?)".into());
        values.push(Value::Text(day.to_string()));
    }
    for w in &q.words {
        let text = || Value::Text(w.folded.clone());
        values.extend([text(), text()]);
        let mut any = vec![
            "instr(o.folded, ?) > 0".to_owned(),
            "instr(lower(o.detail), ?) > 0".to_owned(),
        ];
        if !w.kinds.is_empty() {
            any.push(format!("o.kind IN ({})", marks(w.kinds.len())));
            values.extend(w.kinds.iter().map(|k| Value::Text(k.code().to_owned())));
        }
        if !w.instruments.is_empty() {
            any.push(format!(
                "(o.kind IN ('review', 'trajectory_end') AND o.instrument IN ({}))",
                marks(w.instruments.len())
            ));
            values.extend(w.instruments.iter().map(|i| Value::Text(i.clone())));
        }
        if !w.contacts.is_empty() {
            any.push(format!(
                "(o.kind = 'check_in' AND o.detail IN ({}))",
                marks(w.contacts.len())
            ));
            values.extend(w.contacts.iter().map(|c| Value::Text(c.clone())));
        }
        parts.push(format!("({})", any.join(" OR ")));
    }
    (parts.join(" AND "), values)
}

/// The condition that a row comes after (`>`), from (`>=`) or before (`<`) `key`; its
/// values join `values`.
fn bound(cmp: &str, key: &AgendaKey, values: &mut Vec<Value>) -> String {
    values.extend(key.values());
    format!(" AND ({}) {cmp} ({})", ORDER.join(", "), marks(ORDER.len()))
}

impl Store {
    /// At most `n` rows of the agenda `q`, in its order: the first ones, or those after
    /// `from` (`forward`), or the last ones before it (`!forward`, still in agenda order).
    pub fn agenda_page(
        &self,
        q: &AgendaQuery,
        from: Option<&AgendaKey>,
        forward: bool,
        n: usize,
    ) -> Result<Vec<AgendaEntry>> {
        let from = from.map(|k| (k, if forward { ">" } else { "<" }));
        self.agenda_rows(q, from, forward, n)
    }

    /// The agenda `q` around the row at `key`: at most `before` rows before it and `after`
    /// rows from it on (the row at `key` first, when it is there), in agenda order; with
    /// how many of them come before `key`.
    pub fn agenda_around(
        &self,
        q: &AgendaQuery,
        key: &AgendaKey,
        (before, after): (usize, usize),
    ) -> Result<(Vec<AgendaEntry>, usize)> {
        let mut rows = self.agenda_rows(q, Some((key, "<")), false, before)?;
        let n = rows.len();
        rows.extend(self.agenda_rows(q, Some((key, ">=")), true, after)?);
        Ok((rows, n))
    }

    /// How many rows the agenda `q` has.
    pub fn agenda_count(&self, q: &AgendaQuery) -> Result<usize> {
        let (from, cond, values) = self.agenda_of(q, PAGE)?;
        let n: i64 = self
            .conn()
            .prepare_cached(&format!("SELECT count(*) FROM {from} WHERE {cond}"))?
            .query_row(rusqlite::params_from_iter(values), |r| r.get(0))?;
        Ok(n as usize)
    }

    /// The rows of the agenda `q` (a page of `page` rows decides where they are looked
    /// for): where rows `o` come from (every row, or the rows of the clients the trigram
    /// index finds by the words that name no kind, instrument or contact) and the
    /// condition on them, with their values.
    fn agenda_of(&self, q: &AgendaQuery, page: usize) -> Result<(String, String, Vec<Value>)> {
        let words: Vec<&str> = q
            .words
            .iter()
            .filter(|w| w.kinds.is_empty() && w.instruments.is_empty() && w.contacts.is_empty())
            .map(|w| w.folded.as_str())
            .collect();
        let (from, mut values) = self.rows_from(&AGENDA, &words, page)?;
        let (cond, more) = condition(q);
        values.extend(more);
        Ok((from, cond, values))
    }

    /// At most `n` rows of `q` in its order (`forward`) or against it, after `from`'s key
    /// compared by its operator; in agenda order.
    fn agenda_rows(
        &self,
        q: &AgendaQuery,
        from: Option<(&AgendaKey, &str)>,
        forward: bool,
        n: usize,
    ) -> Result<Vec<AgendaEntry>> {
        let (rows, cond, mut values) = self.agenda_of(q, n)?;
        let after = from.map_or_else(String::new, |(k, cmp)| bound(cmp, k, &mut values));
        let dir = if forward { "" } else { " DESC" };
        let order: Vec<String> = ORDER.iter().map(|c| format!("{c}{dir}")).collect();
        values.push(Value::Integer(i64::try_from(n).unwrap_or(-1)));
        // The page first, then the names of its clients: a client's row is read for the
        // rows shown only.
        let order = order.join(", ");
        let sql = format!(
            "SELECT {KEPT_ITEM_COLS}, c.first_name AS first_name, c.prefix AS prefix, \
             c.last_name AS last_name \
             FROM (SELECT o.* FROM {rows} WHERE {cond}{after} ORDER BY {order} LIMIT ?) o \
             JOIN client c ON c.id = o.client_id ORDER BY {order}"
        );
        let mut st = self.conn().prepare_cached(&sql)?;
        let rows = st
            .query_map(rusqlite::params_from_iter(values), entry)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut rows: Vec<AgendaEntry> = rows.into_iter().flatten().collect();
        if !forward {
            rows.reverse();
        }
        Ok(rows)
    }
}
