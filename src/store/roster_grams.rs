//! What the list's trigram index (`roster_search`) is asked for a typed filter: every
//! trigram of a word of three letters or more; for a shorter word that few names hold,
//! every trigram it begins (each name is indexed with two spaces after it, so that every
//! letter and pair of letters of it begins a trigram).

use super::roster::rule;
use super::roster_page::{ListQuery, ListWord};
use super::{Result, Store};

/// How many rows of the roster are read to tell whether a word of one or two letters is
/// common (a page of the list then comes from walking its order).
const SAMPLE: i64 = 1_000;

/// The first schema whose trigram index holds every name with two spaces after it.
const PADDED_SINCE: i64 = 14;

/// What the trigram index narrows a list's query to.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Narrow {
    /// No word it narrows by: the order's index is walked.
    Walk,
    /// A word no name holds: the list is empty.
    Nothing,
    /// The rows the index finds for this query (an FTS5 expression).
    Match(String),
}

/// A term of an FTS5 expression, quoted.
fn quoted(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

impl Store {
    /// What the trigram index narrows `q` to: its words of three letters or more (that name
    /// no phase) by all of their trigrams, its shorter ones that fewer than `rare` rows
    /// hold by any of the trigrams they begin. BSN digits walk the order: a few digits are
    /// common among a million numbers.
    pub(super) fn narrow(&self, q: &ListQuery, rare: usize) -> Result<Narrow> {
        let mut groups = Vec::new();
        for w in &q.words {
            let ListWord::Text { folded, phases } = w else {
                continue;
            };
            if !phases.is_empty() {
                continue;
            }
            let chars: Vec<char> = folded.chars().collect();
            if chars.len() >= 3 {
                let all: Vec<String> = chars
                    .windows(3)
                    .map(|t| quoted(&t.iter().collect::<String>()))
                    .collect();
                groups.push(all.join(" AND "));
            } else if let Some(begun) = self.begun_by(folded, rare)? {
                if begun.is_empty() {
                    return Ok(Narrow::Nothing);
                }
                let any: Vec<String> = begun.iter().map(|t| quoted(t)).collect();
                groups.push(format!("({})", any.join(" OR ")));
            }
        }
        Ok(if groups.is_empty() {
            Narrow::Walk
        } else {
            Narrow::Match(groups.join(" AND "))
        })
    }

    /// The trigrams of the index that begin with `word` (of one or two letters), when the
    /// rows holding them are fewer than `rare`; `None` when the word is common (a sample
    /// of the roster holds it often, or its trigrams are in `rare` rows or more), or when
    /// the index does not hold every name padded yet (a file opened read-only before its
    /// roster was computed again).
    fn begun_by(&self, word: &str, rare: usize) -> Result<Option<Vec<String>>> {
        let conn = self.conn();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version < PADDED_SINCE || rule(conn)?.is_none() {
            return Ok(None);
        }
        let (rows, sampled, held): (i64, i64, i64) = conn
            .prepare_cached(
                "SELECT (SELECT coalesce(max(client_id), 0) FROM roster), count(*), \
                 coalesce(sum(instr(folded, ?1) > 0), 0) FROM (SELECT folded FROM roster LIMIT ?2)",
            )?
            .query_row(rusqlite::params![word, SAMPLE], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        let rare = rare.min(i64::MAX as usize) as i64;
        if sampled > 0 && held.saturating_mul(rows) / sampled >= rare {
            return Ok(None);
        }
        // Counting a term's rows walks them: a word the sample found rare has few.
        conn.execute_batch(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.roster_terms \
             USING fts5vocab(main, roster_search, row)",
        )?;
        let mut st = conn.prepare_cached(
            "SELECT term, doc FROM temp.roster_terms \
             WHERE term >= ?1 AND term <= ?1 || char(1114111)",
        )?;
        let mut found = st.query([word])?;
        let (mut terms, mut docs) = (Vec::new(), 0i64);
        while let Some(r) = found.next()? {
            docs = docs.saturating_add(r.get(1)?);
            if docs >= rare {
                return Ok(None);
            }
            terms.push(r.get(0)?);
        }
        Ok(Some(terms))
    }
}
