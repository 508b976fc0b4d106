//! Search over everything (table `search`, an FTS5 index kept by triggers): clients by
//! number, BSN or name, and contact notes and agreements by a word in them.

use super::caseload::{NOT_HANDED_OVER, list_name_of};
use super::{Result, Store};
use crate::domain::model::{Id, client_number};
use crate::domain::search::Needle;
use chrono::NaiveDate;

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

impl Store {
    /// The clients, then the notes and agreements (newest first), that hold every word of
    /// `needle` at the start of a word; none when fewer than two letters are typed. Clients
    /// handed over to a colleague are left out, as the list leaves them out.
    pub fn search(&self, needle: &Needle) -> Result<Vec<Hit>> {
        let Some(query) = needle.fts_query() else {
            return Ok(Vec::new());
        };
        let mut hits = self.hits(&format!("who : ({query})"), CLIENTS)?;
        hits.extend(self.hits(&format!("body : ({query})"), ITEMS)?);
        Ok(hits)
    }

    /// The rows of the index matching `query`, newest first, with what they stand for (at
    /// most `limit`).
    fn hits(&self, query: &str, limit: i64) -> Result<Vec<Hit>> {
        // Handed-over clients are left out before the limit, so they never crowd out the
        // caseworker's own; the index gives its rows newest first, so the limit ends the
        // walk early.
        let sql = format!(
            "SELECT f.rowid % 4 AS kind, f.rowid / 4 AS ref, c.id, c.first_name, c.prefix, \
                    c.last_name, n.noted_on, n.summary, a.follow_up, a.text \
               FROM search f \
               LEFT JOIN note n ON f.rowid % 4 = 1 AND n.id = f.rowid / 4 \
               LEFT JOIN agreement a ON f.rowid % 4 = 2 AND a.id = f.rowid / 4 \
               LEFT JOIN episode e ON e.id = coalesce(n.episode_id, a.episode_id) \
               JOIN client c ON c.id = CASE WHEN f.rowid % 4 = 0 THEN f.rowid / 4 \
                                            ELSE e.client_id END \
              WHERE search MATCH ?1 AND c.id {NOT_HANDED_OVER} \
              ORDER BY f.rowid DESC LIMIT ?2"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params![query, limit], |r| {
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
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The search walks the index newest first and looks each row up by key: no sort, no
    /// scan of a table.
    #[test]
    fn a_search_sorts_nothing_and_scans_no_table() {
        let store = Store::open_in_memory().unwrap();
        let mut st = store
            .conn()
            .prepare(
                "EXPLAIN QUERY PLAN SELECT f.rowid FROM search f \
                 LEFT JOIN note n ON f.rowid % 4 = 1 AND n.id = f.rowid / 4 \
                 LEFT JOIN agreement a ON f.rowid % 4 = 2 AND a.id = f.rowid / 4 \
                 LEFT JOIN episode e ON e.id = coalesce(n.episode_id, a.episode_id) \
                 JOIN client c ON c.id = CASE WHEN f.rowid % 4 = 0 THEN f.rowid / 4 \
                                              ELSE e.client_id END \
                 WHERE search MATCH 'werk' AND c.id NOT IN (SELECT client_id FROM handed_over) \
                 ORDER BY f.rowid DESC LIMIT 10",
            )
            .unwrap();
        let plan: Vec<String> = st
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert!(!plan.iter().any(|l| l.contains("TEMP B-TREE")), "{plan:#?}");
        let scans = plan
            .iter()
            .filter(|l| l.starts_with("SCAN") && !l.contains("VIRTUAL TABLE") && !l.contains(" h"));
        assert_eq!(scans.count(), 0, "{plan:#?}");
    }

    /// The triggers that keep the index read the one written row through its key: a write
    /// never scans a table.
    #[test]
    fn a_write_reads_its_row_by_key() {
        let store = Store::open_in_memory().unwrap();
        for (kind, table) in [(0, "client"), (1, "note"), (2, "agreement")] {
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
