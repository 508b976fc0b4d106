//! Bulk loads (the demo, an import): many new rows in one transaction, written through the
//! typed writes of [`Tx`] as any save, but without the per-row work SQLite can do once at
//! the end.

use super::change_triggers::quote;
use super::{Result, Store, Tx};
use rusqlite::{Connection, params};

/// The tables the search index holds, with the kind of their rows in it (`id * 4 + kind`,
/// see `0009_search.sql`; its clients, kind 0, left it in schema 17).
const SEARCHED: [(&str, i64); 2] = [("note", 1), ("agreement", 2)];

/// The search index's triggers: dropped for the load, made again at its end.
const SEARCH_TRIGGERS: &str = "SELECT name, sql FROM main.sqlite_schema \
     WHERE type = 'trigger' AND name LIKE 'search\\_%' ESCAPE '\\' ORDER BY name";

/// The roster's triggers: dropped for a load into a file without clients, where every row
/// is a new client's (whose roster rows are all computed at the end, in one pass); kept
/// otherwise, as a load may add to a client who was there (an import's returning client).
const ROSTER_TRIGGERS: &str = "SELECT name, sql FROM main.sqlite_schema \
     WHERE type = 'trigger' AND name LIKE 'roster\\_%' ESCAPE '\\' ORDER BY name";

/// The indexes made again at the end of the load: those whose rows come in no order (by
/// name, by date), which cost a page search at every insert, and made from sorted rows
/// at the end cost a third of that. Not those that keep a rule (unique), nor the audit
/// log's (the numbering of new clients reads it), nor those that start with the parent
/// row (a period's notes): they grow at their end as the rows come, and sorting them
/// would only hold memory (SQLite sorts in memory here, as temporary files are).
const DEFERRED_INDEXES: &str = "SELECT s.name, s.sql FROM main.sqlite_schema s \
     WHERE s.type = 'index' AND s.sql IS NOT NULL AND s.sql NOT LIKE 'CREATE UNIQUE %' \
     AND s.tbl_name <> 'audit_log' \
     AND (SELECT name FROM pragma_index_info(s.name) WHERE seqno = 0) \
         NOT IN (SELECT \"from\" FROM pragma_foreign_key_list(s.tbl_name)) \
     ORDER BY s.name";

/// The tables of a client's records, each with the column its audit entries name a row
/// by (the intake and the exit interview: by their period), as the typed writes audit
/// them when they create it.
const RECORDS: [(&str, &str); 14] = [
    ("client", "id"),
    ("episode", "id"),
    ("intake", "episode_id"),
    ("assessment", "id"),
    ("goal", "id"),
    ("note", "id"),
    ("agreement", "id"),
    ("trajectory", "id"),
    ("trajectory_event", "id"),
    ("review", "id"),
    ("exit_interview", "episode_id"),
    ("premium_instalment", "id"),
    ("aftercare_plan", "id"),
    ("aftercare_contact", "id"),
];

/// The rows of the search index written by one statement: SQLite keeps what a statement
/// changed in memory until it ends, so that a failing one can be undone.
const SEARCH_STEP: i64 = 50_000;

impl Store {
    /// Runs `f` as a bulk load: in one transaction, as [`Store::write`] (all of it, or
    /// nothing), but meant for new rows only, such as the demo's:
    ///
    /// - the rows are not audited one by one: the audit log gets one entry per new client
    ///   (`client`, `create`), as the client's own; nor is a change set made (no undo);
    /// - the search index is filled in one pass at the end, in row id order, not row by
    ///   row by its triggers (which made it flush and merge at nearly every client);
    /// - the indexes that keep no rule are made again at the end, from sorted rows, not
    ///   kept up to date at every insert;
    /// - the rows' foreign keys are not looked up, nor the schema's CHECK constraints
    ///   evaluated (see [`checks`]): the values are the typed writes' own; both hold again
    ///   for the next write.
    ///
    /// Inside `f` a search finds none of the load's rows, and a read that needs one of
    /// those indexes scans. Rows that were there before are not to be changed in `f`:
    /// their search entries would not follow.
    pub fn bulk_load<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        self.write_as(true, |tx| {
            let conn = tx.conn();
            let deferred = Deferred::begin(conn)?;
            let out = f(tx)?;
            deferred.end(conn)?;
            conn.prepare(
                "INSERT INTO audit_log (at, entity, entity_id, action) \
                 SELECT ?1, 'client', id, 'create' FROM client WHERE id > ?2 ORDER BY id",
            )?
            .execute(params![tx.now, deferred.clients_before])?;
            Ok(out)
        })
    }
}

/// The work put off to the end of a load of new rows, inside its transaction: the search
/// index's triggers and the indexes whose rows come in no order are dropped at its
/// [`Deferred::begin`] and made again at its [`Deferred::end`], which fills the search
/// index for the rows written in between, in one pass.
pub(super) struct Deferred {
    /// The highest client id before the load.
    clients_before: i64,
    /// The highest row id of each searched table before the load.
    before: Vec<i64>,
    triggers: Vec<(String, String)>,
    indexes: Vec<(String, String)>,
}

impl Deferred {
    /// Drops the search triggers and the deferred indexes (undone with the transaction
    /// when it fails).
    pub(super) fn begin(conn: &Connection) -> Result<Deferred> {
        let clients_before = last_id(conn, "client", "id")?;
        let before = SEARCHED
            .iter()
            .map(|(table, _)| last_id(conn, table, "id"))
            .collect::<Result<Vec<_>>>()?;
        let mut triggers = schema(conn, SEARCH_TRIGGERS)?;
        if clients_before == 0 {
            triggers.extend(schema(conn, ROSTER_TRIGGERS)?);
        }
        let indexes = schema(conn, DEFERRED_INDEXES)?;
        for (kind, objects) in [("TRIGGER", &triggers), ("INDEX", &indexes)] {
            for (name, _) in objects {
                conn.execute_batch(&format!("DROP {kind} main.{}", quote(name)))?;
            }
        }
        Ok(Deferred {
            clients_before,
            before,
            triggers,
            indexes,
        })
    }

    /// Indexes the new rows for the search and makes the indexes and triggers again.
    pub(super) fn end(&self, conn: &Connection) -> Result<()> {
        for (&(table, kind), &after) in SEARCHED.iter().zip(&self.before) {
            let last = last_id(conn, table, "id")?;
            // The kind as a constant, as the triggers have it: only its table is read.
            let mut st = conn.prepare(&format!(
                "INSERT INTO search (rowid, who, body) SELECT rid, who, body \
                 FROM search_text WHERE kind = {kind} AND id > ?1 AND id <= ?2"
            ))?;
            for from in (after..last).step_by(SEARCH_STEP as usize) {
                st.execute(params![from, from + SEARCH_STEP])?;
            }
        }
        for (_, sql) in self.indexes.iter().chain(&self.triggers) {
            conn.execute_batch(sql)?;
        }
        // Every new client's roster row is computed before the load commits (its triggers
        // marked the clients when they were kept).
        super::roster::mark_new(conn, self.clients_before)
    }
}

/// The records written after [`Created::before`]: audited at the end, one statement a
/// table, with the entries the typed writes would each have made (`create`).
pub(super) struct Created {
    last: Vec<i64>,
}

impl Created {
    /// Where each table of [`RECORDS`] stands before the load.
    pub(super) fn before(conn: &Connection) -> Result<Created> {
        let last = RECORDS
            .iter()
            .map(|(table, key)| last_id(conn, table, key))
            .collect::<Result<_>>()?;
        Ok(Created { last })
    }

    /// Audits every row written since, table by table, in key order, at `now`.
    pub(super) fn audit(&self, conn: &Connection, now: &str) -> Result<()> {
        for (&(table, key), &after) in RECORDS.iter().zip(&self.last) {
            conn.prepare(&format!(
                "INSERT INTO audit_log (at, entity, entity_id, action) \
                 SELECT ?1, '{table}', {key}, 'create' FROM main.{table} \
                 WHERE {key} > ?2 ORDER BY {key}"
            ))?
            .execute(params![now, after])?;
        }
        Ok(())
    }
}

/// Switches the file of `conn` to a rollback journal for a bulk load into a caseload
/// without clients (a new one, filled by `import` or `demo`), when it can be had alone (no
/// other connection has it open) and nothing lies at the journal's path: a page the load
/// adds past the file's end is then written once, into the file, instead of into the WAL
/// and again into the file when the WAL is folded in (a million clients imported: 2.3 s
/// of their commit). Whether it switched; [`back_to_wal`] undoes it. The load is then
/// written in an exclusive transaction: a reader that comes while it runs waits, and the
/// load never waits for one. Killed in between, the file is in rollback mode with its
/// journal, which SQLite plays back at the next open (and the app turns WAL on again).
/// Not for a file with clients: the switches write the file's header, and a refused
/// import leaves such a file as it was, to the byte.
pub(super) fn rollback_journal(conn: &Connection) -> bool {
    let Some(db) = conn.path().filter(|p| !p.is_empty()) else {
        return false;
    };
    let journal = crate::paths::with_suffix(std::path::Path::new(db), "-journal");
    let empty = conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM client)", [], |r| r.get(0));
    if journal.symlink_metadata().is_ok() || !empty.unwrap_or(false) {
        return false;
    }
    conn.query_row("PRAGMA journal_mode = DELETE", [], |r| {
        r.get::<_, String>(0)
    })
    .is_ok_and(|mode| mode.eq_ignore_ascii_case("delete"))
}

/// Back to the WAL after [`rollback_journal`]. When another connection came meanwhile the
/// file stays in rollback mode, which is as safe, until its next open turns WAL on again.
pub(super) fn back_to_wal(conn: &Connection) {
    let _ = conn.execute_batch("PRAGMA journal_mode = WAL");
    // The first checkpoint after the change is refused ("table is locked") unless a
    // statement read the file in WAL mode before it: one does now.
    let _ = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()));
}

/// Turns the checks of a bulk load's rows on `conn` off, or on again after it: the look-up
/// of each row's foreign keys, and the schema's CHECK constraints. A load's rows are new,
/// each written under the key of the row it belongs to, which the load wrote or read, with
/// values the typed writes bound from checked domain values (a date as a date, a code from
/// its list, a record that passed the rules an import holds it to: `transfer::rules`). The
/// look-ups were a tenth of the work of writing demo clients, the constraints another
/// tenth (a `date(x) IS x` parses and prints every date again). Said outside a
/// transaction (inside one SQLite ignores `foreign_keys`); SQLite compiles again every
/// statement prepared before, so none keeps the other setting. Either both are off, or
/// neither.
pub(super) fn checks(conn: &Connection, on: bool) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", on)?;
    if let Err(e) = conn.pragma_update(None, "ignore_check_constraints", !on) {
        let _ = conn.pragma_update(None, "foreign_keys", !on);
        return Err(e.into());
    }
    Ok(())
}

/// The highest `key` of `table` (0 when empty).
fn last_id(conn: &Connection, table: &str, key: &str) -> Result<i64> {
    Ok(conn.query_row(
        &format!("SELECT coalesce(max({key}), 0) FROM main.{table}"),
        [],
        |r| r.get(0),
    )?)
}

/// The schema objects `query` selects: name and SQL.
fn schema(conn: &Connection, query: &str) -> Result<Vec<(String, String)>> {
    let mut st = conn.prepare(query)?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
