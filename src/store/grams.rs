//! The trigram indexes of the list's and the agenda's filters (`roster_search`,
//! `agenda_search`, by client id): where the rows of a filter are looked for. A word of
//! three letters or more is looked up by all of its trigrams, a shorter one that few
//! clients hold by any trigram it begins (each text ends in two spaces, so that every
//! letter and pair of letters of it begins a trigram); when they find many clients, or
//! no word can be looked up, the order's index is walked instead.

use super::roster::rule;
use super::{Result, Store};
use rusqlite::types::Value;

/// How many rows are read to tell whether a word of one or two letters is common.
const SAMPLE: i64 = 1_000;

/// The first schema whose trigram indexes end every text in two spaces.
const PADDED_SINCE: i64 = 14;

/// A trigram index and the rows it finds.
pub(super) struct Grams {
    /// The FTS5 table (contentless, trigrams, rowid: the client id).
    table: &'static str,
    /// Its vocabulary, made in the connection's temporary schema when first asked.
    vocab: &'static str,
    /// Of the first `?2` rows: how many there are, and how many hold `?1`.
    sample: &'static str,
    /// The rows, all of them.
    all: &'static str,
    /// The rows of a client `s.id` the index found.
    of_found: &'static str,
    /// What walking one row of the order's index costs, against reading the rows of one
    /// client the index found (and sorting them), as measured in the store at 100,000 demo
    /// clients.
    walk_per_found: f64,
}

/// The list's index: the folded name of each client on the list.
pub(super) const NAMES: Grams = Grams {
    table: "roster_search",
    vocab: "roster_terms",
    sample: "SELECT count(*), coalesce(sum(instr(folded, ?1) > 0), 0) \
             FROM (SELECT folded FROM roster LIMIT ?2)",
    all: "roster r",
    of_found: "roster r ON r.client_id = s.id",
    walk_per_found: 1.0,
};

/// The agenda's index: per client with items, the folded name and what each item says.
pub(super) const AGENDA: Grams = Grams {
    table: "agenda_search",
    vocab: "agenda_terms",
    sample: "SELECT count(*), \
             coalesce(sum(instr(folded, ?1) > 0 OR instr(lower(detail), ?1) > 0), 0) \
             FROM (SELECT folded, detail FROM agenda_item LIMIT ?2)",
    all: "agenda_item o",
    of_found: "agenda_item o ON o.client_id = s.id",
    // 0.25 µs a row of `agenda_order` (it holds every column), 5 µs a client found.
    walk_per_found: 0.05,
};

impl Grams {
    /// Where rows come from: `s` the clients found, when `found`.
    fn from(&self, found: Option<&str>) -> String {
        match found {
            Some(s) => format!("{s} CROSS JOIN {}", self.of_found),
            None => self.all.to_owned(),
        }
    }
}

/// What the index narrows a filter to.
pub(super) enum Narrow {
    /// No word it narrows by.
    Walk,
    /// A word no text holds: no row.
    Nothing,
    /// The clients it finds for this FTS5 expression.
    Match(String),
}

/// A term of an FTS5 expression, quoted.
fn quoted(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

impl Store {
    /// Where the rows of a filter by `words` (folded; those the index can narrow by) are
    /// looked for, for a page of `page` rows: the FROM of a query, with its values.
    pub(super) fn rows_from(
        &self,
        g: &Grams,
        words: &[&str],
        page: usize,
    ) -> Result<(String, Vec<Value>)> {
        let rare = self.rare_below(page, g.walk_per_found)?;
        let m = match self.narrow(g, words, rare)? {
            Narrow::Walk => return Ok((g.from(None), Vec::new())),
            Narrow::Nothing => {
                return Ok((g.from(Some("(SELECT NULL AS id WHERE 0) s")), Vec::new()));
            }
            Narrow::Match(m) => m,
        };
        if self.finds_at_least(g, &m, rare)? {
            return Ok((g.from(None), Vec::new()));
        }
        let s = format!(
            "(SELECT rowid AS id FROM {t} WHERE {t} MATCH ?) s",
            t = g.table
        );
        Ok((g.from(Some(&s)), vec![Value::Text(m)]))
    }

    /// Whether the FTS5 expression `m` finds `n` rows of the index or more (counting no
    /// further).
    fn finds_at_least(&self, g: &Grams, m: &str, n: usize) -> Result<bool> {
        let found: i64 = self
            .conn()
            .prepare_cached(&format!(
                "SELECT count(*) FROM (SELECT rowid FROM {t} WHERE {t} MATCH ?1 LIMIT ?2)",
                t = g.table
            ))?
            .query_row(rusqlite::params![m, n.min(i64::MAX as usize) as i64], |r| {
                r.get(0)
            })?;
        Ok(found as usize >= n)
    }

    /// Below how many clients found through a trigram index a page is made of their rows
    /// (tests: 0 always walks the order's index, `usize::MAX` always uses the index).
    #[doc(hidden)]
    pub fn set_list_rare(&self, rows: usize) {
        self.rare.set(Some(rows));
    }

    /// Below how many clients the index finds a page of `page` rows is made of their
    /// rows: reading them for `k` clients costs about as much as walking the order's index
    /// for a page of a word that `k` of `n` clients hold (`n / k × page` rows, each
    /// `walk_per_found` of a client found), so the two meet at
    /// `k = √(n × page × walk_per_found)`: for the list about 10,000 at a million clients
    /// and 3,000 at 100,000; for the agenda 2,200 and 700.
    pub(super) fn rare_below(&self, page: usize, walk_per_found: f64) -> Result<usize> {
        if let Some(rows) = self.rare.get() {
            return Ok(rows);
        }
        let n = self.clients_listed()?;
        Ok(((n.max(0) as f64) * page as f64 * walk_per_found)
            .sqrt()
            .clamp(100.0, 50_000.0) as usize)
    }

    /// About how many clients the list has (the highest id on it).
    fn clients_listed(&self) -> Result<i64> {
        Ok(self
            .conn()
            .prepare_cached("SELECT coalesce(max(client_id), 0) FROM roster")?
            .query_row([], |r| r.get(0))?)
    }

    /// What the index narrows `words` to: those of three letters or more by all of their
    /// trigrams, shorter ones that fewer than `rare` clients hold by any of the trigrams
    /// they begin.
    pub(super) fn narrow(&self, g: &Grams, words: &[&str], rare: usize) -> Result<Narrow> {
        let mut groups = Vec::new();
        for word in words {
            let chars: Vec<char> = word.chars().collect();
            if chars.len() >= 3 {
                let all: Vec<String> = chars
                    .windows(3)
                    .map(|t| quoted(&t.iter().collect::<String>()))
                    .collect();
                groups.push(all.join(" AND "));
            } else if let Some(begun) = self.begun_by(g, word, rare)? {
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

    /// The trigrams of the index that begin with `word` (of one or two letters), when
    /// the clients holding them are fewer than `rare`; `None` when the word is common (a
    /// sample of the rows holds it often, or its trigrams are in `rare` clients or more),
    /// or not ASCII, or when the index does not end every text in two spaces yet (a file
    /// opened read-only before its rows were computed again).
    fn begun_by(&self, g: &Grams, word: &str, rare: usize) -> Result<Option<Vec<String>>> {
        // The index folds a few letters that `fold` keeps (`ς` to `σ`, `µ` to `μ`, `ſ` to
        // `s`): a range of its terms starting with such a word would miss them, so a
        // short word that is not ASCII walks the order.
        if !word.is_ascii() {
            return Ok(None);
        }
        let conn = self.conn();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version < PADDED_SINCE || rule(conn)?.is_none() {
            return Ok(None);
        }
        let (sampled, held): (i64, i64) = conn
            .prepare_cached(g.sample)?
            .query_row(rusqlite::params![word, SAMPLE], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let rare = rare.min(i64::MAX as usize) as i64;
        let clients = self.clients_listed()?;
        if sampled > 0 && held.saturating_mul(clients) / sampled >= rare {
            return Ok(None);
        }
        // Counting a term's clients walks them: a word the sample found rare has few.
        conn.execute_batch(&format!(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.{} USING fts5vocab(main, {}, row)",
            g.vocab, g.table
        ))?;
        let mut st = conn.prepare_cached(&format!(
            "SELECT term, doc FROM temp.{} WHERE term >= ?1 AND term <= ?1 || char(1114111)",
            g.vocab
        ))?;
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
