//! The list as pages of the roster: the rows after (or before) a row in the list's order,
//! filtered in the database; how many rows match, and how many come before a row.

use super::caseload::CaseloadRow;
use super::grams::NAMES;
use super::roster::{KEPT_COLS, kept};
use super::roster_rows::phase_rank;
use super::{Result, Store};
use crate::domain::Phase;
use crate::domain::codes::Code;
use crate::domain::model::Id;
use chrono::NaiveDate;
use rusqlite::types::Value;

/// The rows a page of the list is taken to hold when its size is not asked for (a count,
/// a position).
const PAGE: usize = 100;

/// The order of the list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ListOrder {
    /// By the next action's date (none last), then name.
    #[default]
    Due,
    /// By name.
    Name,
    /// By phase, in the order of the journey, then by due date.
    Phase,
}

impl ListOrder {
    /// The columns of the order (each with an index: `roster_due`, `roster_name`,
    /// `roster_phase`).
    fn cols(self) -> &'static [&'static str] {
        match self {
            ListOrder::Due => &["r.due_key", "r.sort_name", "r.client_id"],
            ListOrder::Name => &["r.sort_name", "r.client_id"],
            ListOrder::Phase => &["r.phase_rank", "r.due_key", "r.sort_name", "r.client_id"],
        }
    }

    /// A key's values in the order of [`ListOrder::cols`].
    fn values(self, k: &ListKey) -> Vec<Value> {
        let (rank, due, name, id) = (
            Value::Integer(k.phase_rank),
            Value::Text(k.due.clone()),
            Value::Text(k.sort_name.clone()),
            Value::Integer(k.client_id),
        );
        match self {
            ListOrder::Due => vec![due, name, id],
            ListOrder::Name => vec![name, id],
            ListOrder::Phase => vec![rank, due, name, id],
        }
    }
}

/// One typed word of the filter, as the database matches it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListWord {
    /// Part of the name (folded: lower case, no accents), or the start of the name of one
    /// of these phases.
    Text { folded: String, phases: Vec<Phase> },
    /// Part of the BSN.
    Digits(String),
    /// The client of this number.
    Number(Id),
}

/// Which clients the list shows, and in which order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// Every word matches.
    pub words: Vec<ListWord>,
    /// Only the clients who need a look on this day.
    pub flagged_on: Option<NaiveDate>,
    pub order: ListOrder,
}

/// Where a row stands in every order: the values the orders sort by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListKey {
    pub phase_rank: i64,
    /// The due date, `~` for none (after every date).
    pub due: String,
    pub sort_name: String,
    pub client_id: Id,
}

impl ListKey {
    /// The key of a row of the list.
    pub fn of(row: &CaseloadRow) -> ListKey {
        ListKey {
            phase_rank: phase_rank(row.phase),
            due: row
                .next
                .as_ref()
                .map_or_else(|| "~".to_owned(), |n| n.due.to_string()),
            sort_name: row.name.to_lowercase(),
            client_id: row.client_id,
        }
    }
}

/// The condition of a query on roster rows `r`, with its values.
fn condition(q: &ListQuery) -> (String, Vec<Value>) {
    let mut parts = vec!["1".to_owned()];
    let mut values = Vec::new();
    for w in &q.words {
        match w {
            ListWord::Text { folded, phases } => {
                let codes: Vec<String> = phases.iter().map(|p| format!("'{}'", p.code())).collect();
                parts.push(format!(
                    "(instr(r.folded, ?) > 0 OR r.phase IN ({}))",
                    if codes.is_empty() {
                        "NULL".to_owned()
                    } else {
                        codes.join(", ")
                    }
                ));
                values.push(Value::Text(folded.clone()));
            }
            ListWord::Digits(d) => {
                parts.push(
                    "instr((SELECT x.bsn FROM client x WHERE x.id = r.client_id), ?) > 0".into(),
                );
                values.push(Value::Text(d.clone()));
            }
            ListWord::Number(id) => {
                parts.push("r.client_id = ?".into());
                values.push(Value::Integer(*id));
            }
        }
    }
    if let Some(day) = q.flagged_on {
        parts.push("r.flag_from <= ?".into());
        values.push(Value::Text(day.to_string()));
    }
    (parts.join(" AND "), values)
}

impl Store {
    /// Where the rows of `q` are looked for: the roster (its order's index walked), or
    /// only the rows of the clients the trigram index finds when they are few (its words
    /// that name no phase); with its values. BSN digits walk the order: a few digits are
    /// common among a million numbers.
    fn source(&self, q: &ListQuery, page: usize) -> Result<(String, Vec<Value>)> {
        let words: Vec<&str> = q
            .words
            .iter()
            .filter_map(|w| match w {
                ListWord::Text { folded, phases } if phases.is_empty() => Some(folded.as_str()),
                _ => None,
            })
            .collect();
        self.rows_from(&NAMES, &words, page)
    }

    /// The rows of the list `q` (a page of `page` rows decides where they are looked for):
    /// where roster rows `r` come from and the condition on them, with their values.
    fn rows_of(&self, q: &ListQuery, page: usize) -> Result<(String, String, Vec<Value>)> {
        let (from_rows, mut values) = self.source(q, page)?;
        let (cond, more) = condition(q);
        values.extend(more);
        Ok((from_rows, cond, values))
    }

    /// At most `n` rows of the list `q`, in its order: the first ones, or those after
    /// `from` (`forward`), or the last ones before it (`!forward`, still in list order).
    pub fn list_page(
        &self,
        q: &ListQuery,
        from: Option<&ListKey>,
        forward: bool,
        n: usize,
        today: NaiveDate,
    ) -> Result<Vec<CaseloadRow>> {
        let from = from.map(|k| (k, if forward { ">" } else { "<" }));
        self.page(q, from, forward, n, today)
    }

    /// The list `q` around the row at `key`: at most `before` rows before it and `after`
    /// rows from it on (the row at `key` first, when it is in the list), in list order;
    /// with how many of them come before `key`.
    pub fn list_around(
        &self,
        q: &ListQuery,
        key: &ListKey,
        (before, after): (usize, usize),
        today: NaiveDate,
    ) -> Result<(Vec<CaseloadRow>, usize)> {
        let mut rows = self.page(q, Some((key, "<")), false, before, today)?;
        let n = rows.len();
        rows.extend(self.page(q, Some((key, ">=")), true, after, today)?);
        Ok((rows, n))
    }

    /// At most `n` rows of `q` in its order (`forward`) or against it, after `from`'s key
    /// compared by its operator; in list order, with the risk facts of each client.
    fn page(
        &self,
        q: &ListQuery,
        from: Option<(&ListKey, &str)>,
        forward: bool,
        n: usize,
        today: NaiveDate,
    ) -> Result<Vec<CaseloadRow>> {
        let (from_rows, cond, mut values) = self.rows_of(q, n)?;
        let dir = if forward { "" } else { " DESC" };
        let after = from.map_or_else(String::new, |(k, cmp)| bound(q.order, cmp, k, &mut values));
        let order: Vec<String> = q.order.cols().iter().map(|c| format!("{c}{dir}")).collect();
        // `usize::MAX` rows: no limit (SQLite's `LIMIT -1`).
        values.push(Value::Integer(i64::try_from(n).unwrap_or(-1)));
        let sql = format!(
            "SELECT {KEPT_COLS} FROM {from_rows} JOIN client c ON c.id = r.client_id \
             WHERE {cond}{after} ORDER BY {} LIMIT ?",
            order.join(", ")
        );
        let mut st = self.conn().prepare_cached(&sql)?;
        let mut rows: Vec<CaseloadRow> = st
            .query_map(rusqlite::params_from_iter(values), kept)?
            .map(|r| r.map(|r| r.on(today)))
            .collect::<rusqlite::Result<_>>()?;
        if !forward {
            rows.reverse();
        }
        // Only a client in aftercare or about to leave has them; a closed one never. Many
        // rows (a whole list) take them from one query of every such client.
        if rows.len() > PAGE * 10 {
            let mut facts: std::collections::HashMap<Id, _> =
                self.risk_facts()?.into_iter().collect();
            for r in &mut rows {
                r.risk = facts.remove(&r.client_id);
            }
        } else {
            for r in rows.iter_mut().filter(|r| r.phase != Phase::Closed) {
                r.risk = self.risk_facts_of(r.client_id)?;
            }
        }
        Ok(rows)
    }

    /// How many rows the list `q` has.
    pub fn list_count(&self, q: &ListQuery) -> Result<usize> {
        self.count_of(q, None)
    }

    /// How many rows of the list `q` come before the row at `key`.
    pub fn list_position(&self, q: &ListQuery, key: &ListKey) -> Result<usize> {
        self.count_of(q, Some(key))
    }

    /// How many rows of the list `q` there are (before `key`, with one).
    fn count_of(&self, q: &ListQuery, key: Option<&ListKey>) -> Result<usize> {
        let (from_rows, cond, mut values) = self.rows_of(q, PAGE)?;
        let before = key.map_or_else(String::new, |k| bound(q.order, "<", k, &mut values));
        let n: i64 = self
            .conn()
            .prepare_cached(&format!(
                "SELECT count(*) FROM {from_rows} WHERE {cond}{before}"
            ))?
            .query_row(rusqlite::params_from_iter(values), |r| r.get(0))?;
        Ok(n as usize)
    }
}

/// The condition that a row comes after (`>`) or before (`<`) the row at `key` in `order`;
/// the key's values join `values`.
fn bound(order: ListOrder, cmp: &str, key: &ListKey, values: &mut Vec<Value>) -> String {
    let key = order.values(key);
    let marks = vec!["?"; key.len()].join(", ");
    values.extend(key);
    format!(" AND ({}) {cmp} ({marks})", order.cols().join(", "))
}
