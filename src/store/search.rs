//! Search over everything: clients by number or BSN (the client table) and by name (the
//! list's trigram index, `roster_search`), and contact notes and agreements by a word in
//! them (table `search`, an FTS5 index kept by triggers).

use super::caseload::{NOT_HANDED_OVER, list_name_of};
use super::grams::{NAMES, Narrow};
use super::{Result, Store};
use crate::domain::model::{Id, client_number};
use crate::domain::search::{Needle, Numeral, fold, starts_a_word};
use chrono::NaiveDate;
use rusqlite::types::Value;

/// What a search result is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HitKind {
    /// The client (by number, BSN or name).
    Client,
    /// One of their contact notes.
    Note(Id),
    /// One of their agreements.
    Agreement(Id),
}

/// One search result: the client, what matched, its date and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub client_id: Id,
    /// The client's name as the list shows it.
    pub name: String,
    pub number: String,
    pub kind: HitKind,
    /// The note's date or the agreement's follow-up.
    pub on: Option<NaiveDate>,
    /// The note's or agreement's text (empty for a client).
    pub text: String,
}

/// How many clients and how many notes and agreements a search shows at most.
const CLIENTS: i64 = 50;
const ITEMS: i64 = 200;

/// What each hit is read from: its kind, what it refers to, the client's name and the
/// note's or agreement's date and text (a client's: `NULL`).
const CLIENT_COLS: &str = "0 AS kind, c.id AS ref, c.id, c.first_name, c.prefix, c.last_name, \
                           NULL AS noted_on, NULL AS summary, NULL AS follow_up, NULL AS text";

impl Store {
    /// The clients, then the notes and agreements (newest first), that hold every word of
    /// `needle` at the start of a word; none when fewer than two letters are typed. Clients
    /// handed over to a colleague are left out, as the list leaves them out.
    pub fn search(&self, needle: &Needle) -> Result<Vec<Hit>> {
        let Some(query) = needle.fts_query() else {
            return Ok(Vec::new());
        };
        let mut hits = self.clients_named(needle)?;
        let items = vec![Value::Text(format!("body : ({query})")), ITEMS.into()];
        hits.extend(self.hits(&items_sql(), items)?);
        Ok(hits)
    }

    /// The clients `needle` names, newest first, at most [`CLIENTS`]: by their number and
    /// the start of their BSN in the client table; by the words of their name through the
    /// list's trigram index (the search index holds no clients: schema 17), each word at
    /// the start of a word of the name, as the index finds a note's words. A client whose
    /// row another program left stale is held to the name they have now, as the list
    /// holds them.
    fn clients_named(&self, needle: &Needle) -> Result<Vec<Hit>> {
        let (numerals, words) = needle.numerals();
        let named = |folded: &str| words.iter().all(|w| starts_a_word(folded, w));
        let (cond, values) = numeral_cond(&numerals);
        if words.is_empty() {
            return self.hits(&numbers_sql(&cond, true), values);
        }
        let rare = self.rare_below(CLIENTS as usize, 1.0)?;
        let narrow = self.narrow(&NAMES, &words, rare)?;
        // The numbers lead when they find few clients (a client number always does), or
        // the words of the name cannot narrow the list; else the words lead, and the
        // numbers are asked of each client they find.
        let by_number = !numerals.is_empty()
            && (matches!(narrow, Narrow::Walk)
                || numerals.iter().any(|n| matches!(n, Numeral::Client(_)))
                || self.numbered_fewer_than(&cond, values.clone(), rare)?);
        let found = match by_number {
            true => Some((numbers_sql(&cond, false), values.clone())),
            false => named_sql(&cond, values.clone(), narrow),
        };
        let mut hits = Vec::new();
        if let Some((sql, values)) = found {
            let mut stmt = self.conn().prepare_cached(&sql)?;
            let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
            while hits.len() < CLIENTS as usize
                && let Some(r) = rows.next()?
            {
                let h = hit(r)?;
                let folded = match by_number {
                    true => fold(&h.name),
                    false => r.get("folded")?,
                };
                if named(&folded) {
                    hits.push(h);
                }
            }
        }
        if by_number {
            return Ok(hits);
        }
        let stale = self.hits(
            &format!(
                "SELECT {CLIENT_COLS} FROM roster_stale s CROSS JOIN client c \
                 ON c.id = s.client_id WHERE c.id {NOT_HANDED_OVER}{cond}"
            ),
            values,
        )?;
        if stale.is_empty() {
            return Ok(hits);
        }
        hits.extend(stale.into_iter().filter(|h| named(&fold(&h.name))));
        hits.sort_by_key(|h| std::cmp::Reverse(h.client_id));
        hits.truncate(CLIENTS as usize);
        Ok(hits)
    }

    /// Whether fewer than `n` clients have the numbers of `cond` (with its `values`),
    /// counting no further (through the BSN's index).
    fn numbered_fewer_than(&self, cond: &str, mut values: Vec<Value>, n: usize) -> Result<bool> {
        values.push((n.min(i64::MAX as usize) as i64).into());
        let found: i64 = self
            .conn()
            .prepare_cached(&format!(
                "SELECT count(*) FROM (SELECT 1 FROM client c WHERE 1{cond} LIMIT ?)"
            ))?
            .query_row(rusqlite::params_from_iter(values), |r| r.get(0))?;
        Ok((found as usize) < n)
    }

    /// The hits a query finds (its columns those of [`CLIENT_COLS`]).
    fn hits(&self, sql: &str, values: Vec<Value>) -> Result<Vec<Hit>> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(values), hit)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// A hit, read by the names of [`CLIENT_COLS`].
fn hit(r: &rusqlite::Row) -> rusqlite::Result<Hit> {
    let id: Id = r.get("id")?;
    let reference: Id = r.get("ref")?;
    let (kind, on, text) = match r.get::<_, i64>("kind")? {
        1 => (
            HitKind::Note(reference),
            r.get("noted_on")?,
            r.get::<_, Option<String>>("summary")?,
        ),
        2 => (
            HitKind::Agreement(reference),
            r.get("follow_up")?,
            r.get("text")?,
        ),
        _ => (HitKind::Client, None, None),
    };
    Ok(Hit {
        client_id: id,
        name: list_name_of(r)?,
        number: client_number(id),
        kind,
        on,
        text: text.unwrap_or_default(),
    })
}

/// The notes and agreements an index query (`?1`) finds, newest first, at most `?2`.
/// Handed-over clients are left out before the limit, so they never crowd out the
/// caseworker's own; the index gives its rows newest first, so the limit ends the walk
/// early.
fn items_sql() -> String {
    format!(
        "SELECT f.rowid % 4 AS kind, f.rowid / 4 AS ref, c.id, c.first_name, c.prefix, \
                c.last_name, n.noted_on, n.summary, a.follow_up, a.text \
           FROM search f \
           LEFT JOIN note n ON f.rowid % 4 = 1 AND n.id = f.rowid / 4 \
           LEFT JOIN agreement a ON f.rowid % 4 = 2 AND a.id = f.rowid / 4 \
           JOIN episode e ON e.id = coalesce(n.episode_id, a.episode_id) \
           JOIN client c ON c.id = e.client_id \
          WHERE search MATCH ?1 AND c.id {NOT_HANDED_OVER} \
          ORDER BY f.rowid DESC LIMIT ?2"
    )
}

/// The condition on a client `c` that `numerals` make (each ` AND …`), with its values.
fn numeral_cond(numerals: &[Numeral]) -> (String, Vec<Value>) {
    let mut values = Vec::new();
    let mut cond = String::new();
    for n in numerals {
        match n {
            Numeral::Client(id) => {
                cond.push_str(" AND c.id = ?");
                values.push((*id).into());
            }
            Numeral::Digits(start) => {
                // The BSNs from these digits up to the next start: `123` to `12:`.
                let mut end = start.clone();
                let last = end.pop().map_or(b'0', |c| c as u8);
                end.push(char::from(last + 1));
                cond.push_str(" AND c.bsn >= ? AND c.bsn < ?");
                values.extend([Value::Text(start.clone()), Value::Text(end)]);
            }
        }
    }
    (cond, values)
}

/// The query of the clients `cond` finds by their numbers, newest first (at most
/// [`CLIENTS`] when `limited`; else read until the caller has its fill): not those handed
/// over to a colleague.
fn numbers_sql(cond: &str, limited: bool) -> String {
    let limit = match limited {
        true => format!(" LIMIT {CLIENTS}"),
        false => String::new(),
    };
    format!(
        "SELECT {CLIENT_COLS} FROM client c WHERE c.id {NOT_HANDED_OVER}{cond} \
         ORDER BY c.id DESC{limit}"
    )
}

/// The query of the clients on the list (none is handed over) that `cond` (with its
/// `values`) and what the list's trigram index made of the words of a name (`narrow`)
/// find, newest first, each with their name folded (`folded`) for the caller to hold every
/// word to the start of a word of it, and read until it has its fill: the rows of the
/// clients the index found, or (no word narrows it) the list along its key. `None` when
/// the index finds none. Rows another program left stale are left out.
fn named_sql(cond: &str, mut values: Vec<Value>, narrow: Narrow) -> Option<(String, Vec<Value>)> {
    let (from, first, order) = match narrow {
        Narrow::Nothing => return None,
        Narrow::Walk => ("roster r", "1", "r.client_id"),
        Narrow::Match(m) => {
            values.insert(0, Value::Text(m));
            (
                "roster_search s CROSS JOIN roster r ON r.client_id = s.rowid",
                "roster_search MATCH ?",
                "s.rowid",
            )
        }
    };
    let sql = format!(
        "SELECT {CLIENT_COLS}, r.folded AS folded FROM {from} \
         CROSS JOIN client c ON c.id = r.client_id WHERE {first}{cond} \
         AND r.client_id NOT IN (SELECT client_id FROM roster_stale) ORDER BY {order} DESC"
    );
    Some((sql, values))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plan of `sql` with `values`, a line a step.
    fn plan(store: &Store, sql: &str, values: Vec<Value>) -> Vec<String> {
        let mut st = store
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        st.query_map(rusqlite::params_from_iter(values), |r| {
            r.get::<_, String>(3)
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
    }

    /// The steps that scan a table (not the index, not the few handed-over clients).
    fn scans(plan: &[String]) -> Vec<&String> {
        plan.iter()
            .filter(|l| l.starts_with("SCAN") && !l.contains("VIRTUAL TABLE") && !l.contains(" h"))
            .collect()
    }

    /// The condition the numbers of `typed` make, as the search reads them.
    fn numerals(typed: &str) -> (String, Vec<Value>) {
        let needle = Needle::new(typed);
        numeral_cond(&needle.numerals().0)
    }

    /// The search walks the indexes newest first and looks each row up by key: no sort, no
    /// scan of a table; clients by the words of a name through the list's trigram index, or
    /// (a word too common to narrow by) along the list's key.
    #[test]
    fn a_search_sorts_nothing_and_scans_no_table() {
        let store = Store::open_in_memory().unwrap();
        let items = vec![Value::Text("body : (\"werk\"*)".into()), 10.into()];
        let (cond, values) = numerals("jan k3 12");
        let matched = Narrow::Match("\"jan\"".into());
        let (clients, values) = named_sql(&cond, values, matched).unwrap();
        for plan in [
            plan(&store, &items_sql(), items),
            plan(&store, &clients, values),
        ] {
            assert!(!plan.iter().any(|l| l.contains("TEMP B-TREE")), "{plan:#?}");
            assert_eq!(scans(&plan), Vec::<&String>::new(), "{plan:#?}");
        }
        let (cond, values) = numerals("12");
        let (walk, values) = named_sql(&cond, values, Narrow::Walk).unwrap();
        let plan = plan(&store, &walk, values);
        assert!(!plan.iter().any(|l| l.contains("TEMP B-TREE")), "{plan:#?}");
        assert!(named_sql("", Vec::new(), Narrow::Nothing).is_none());
    }

    /// Clients found by number or BSN alone are looked up by key: the BSN's digits through
    /// its index (the few it finds sorted), never the whole table walked.
    #[test]
    fn a_number_alone_is_looked_up_by_key() {
        let store = Store::open_in_memory().unwrap();
        for typed in ["k3", "1234", "k3 1234"] {
            let (cond, values) = numerals(typed);
            let plan = plan(&store, &numbers_sql(&cond, true), values);
            assert_eq!(scans(&plan), Vec::<&String>::new(), "{typed}: {plan:#?}");
        }
    }

    /// The rows of the search index `query` finds, in order.
    fn found(conn: &rusqlite::Connection, query: &str) -> Vec<i64> {
        let mut st = conn
            .prepare("SELECT rowid FROM search WHERE search MATCH ?1 ORDER BY rowid")
            .unwrap();
        st.query_map([query], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    }

    /// A file of schema 15 had its clients' numbers and BSNs in the index: schema 16
    /// takes them out and keeps their names.
    #[test]
    fn schema_16_indexes_a_client_by_name_only() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        let migrations = super::super::migrations::migrations();
        migrations.to_version(&mut conn, 15).unwrap();
        conn.execute_batch(
            "INSERT INTO client (bsn, first_name, last_name, created_at) \
             VALUES ('111222333', 'Aylin', 'Yılmaz', '2026-11-20T10:00:00')",
        )
        .unwrap();
        assert_eq!(found(&conn, "k000001"), [4]);
        migrations.to_version(&mut conn, 16).unwrap();
        for number in ["k000001", "111222333", "11*"] {
            assert!(found(&conn, number).is_empty(), "{number}");
        }
        for name in ["aylin", "yilmaz", "yıl*"] {
            assert_eq!(found(&conn, name), [4], "{name}");
        }
    }

    /// Schema 17 takes the clients out of the index (they are found through the list's),
    /// keeps their notes in it, and a new client is no longer written into it.
    #[test]
    fn schema_17_indexes_notes_and_agreements_only() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        let migrations = super::super::migrations::migrations();
        migrations.to_version(&mut conn, 16).unwrap();
        conn.execute_batch(
            "INSERT INTO client (bsn, first_name, last_name, created_at) \
             VALUES ('111222333', 'Aylin', 'Yılmaz', '2026-11-20T10:00:00'); \
             INSERT INTO episode (client_id, benefit_start, created_at) \
             VALUES (1, '2026-01-05', '2026-11-20T10:00:00'); \
             INSERT INTO note (episode_id, noted_on, channel, summary, created_at) \
             VALUES (1, '2026-11-20', 'phone', 'Proefplaatsing besproken', \
                     '2026-11-20T10:00:00');",
        )
        .unwrap();
        assert_eq!(found(&conn, "aylin OR proef*"), [4, 5]);
        migrations.to_version(&mut conn, 17).unwrap();
        assert_eq!(found(&conn, "aylin OR proef*"), [5]);
        conn.execute_batch(
            "INSERT INTO client (bsn, first_name, last_name, created_at) \
             VALUES ('111222345', 'Aylin', 'Kaya', '2026-11-20T10:00:00'); \
             UPDATE client SET first_name = 'Aylin Sevgi' WHERE id = 1;",
        )
        .unwrap();
        assert_eq!(found(&conn, "aylin OR proef*"), [5]);
    }

    /// The triggers that keep the index read the one written row through its key: a write
    /// never scans a table.
    #[test]
    fn a_write_reads_its_row_by_key() {
        let store = Store::open_in_memory().unwrap();
        for (kind, table) in [(1, "note"), (2, "agreement")] {
            let sql = format!(
                "EXPLAIN QUERY PLAN SELECT rid, who, body FROM search_text \
                 WHERE kind = {kind} AND id = 1"
            );
            let mut st = store.conn().prepare(&sql).unwrap();
            let plan: Vec<String> = st
                .query_map([], |r| r.get::<_, String>(3))
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            let by_key = format!("SEARCH {table} USING INTEGER PRIMARY KEY");
            assert!(plan.iter().any(|l| l.starts_with(&by_key)), "{plan:#?}");
            let scans = plan
                .iter()
                .filter(|l| l.starts_with("SCAN") && !l.contains("search_source"));
            assert_eq!(scans.count(), 0, "{plan:#?}");
        }
    }
}
