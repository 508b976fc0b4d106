//! Rows that break the schema's own constraints (CHECK and NOT NULL), found on any
//! connection, also one that may only read.
//!
//! SQLite drops a table's CHECK constraints when it reads the schema of a file it may not
//! write, so `integrity_check` on a read-only connection never reports them. Instead each
//! table's own `CREATE TABLE` is made again as an empty table in the connection's TEMP
//! schema (which is always writable, and kept in memory here), and every row is offered
//! to it: a row the table refuses breaks a constraint. A trigger empties the copy after
//! each row, so nothing of the data piles up, and the data never leaves the process.
//! Only where a table refuses a row are its rows offered one by one, to name them.
//! SQLite holds what one statement offers in memory (the trigger makes it), so a table is
//! offered about [`STEP`] rows a statement, in the order of its key: memory stays flat at
//! any size.

use super::check::TABLES;
use super::{ErrorKind, Result, Store, StoreError};
use crate::domain::model::Id;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params_from_iter};

/// The rows of a table offered to its copy by one statement.
const STEP: i64 = 20_000;

/// One row that breaks a constraint of the schema: its table, the client it belongs to
/// (`None`: it belongs to none, or to a row that is missing), and its `id` where its table
/// has one. Never any of its values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BrokenRow {
    pub table: &'static str,
    pub client_id: Option<Id>,
    pub row_id: Option<Id>,
}

/// The client of a row of `table` (an SQL expression over the row, `t`).
fn owner(table: &str) -> &'static str {
    match table {
        "client" => "t.id",
        "episode" => "t.client_id",
        "domain_score" => {
            "(SELECT e.client_id FROM main.assessment a JOIN main.episode e \
             ON e.id = a.episode_id WHERE a.id = t.assessment_id)"
        }
        "trajectory_event" | "review" => {
            "(SELECT e.client_id FROM main.trajectory x JOIN main.episode e \
             ON e.id = x.episode_id WHERE x.id = t.trajectory_id)"
        }
        "aftercare_contact" => {
            "(SELECT e.client_id FROM main.aftercare_plan p JOIN main.episode e \
             ON e.id = p.episode_id WHERE p.id = t.plan_id)"
        }
        "referral" => {
            "(SELECT e.client_id FROM main.aftercare_contact c JOIN main.aftercare_plan p \
             ON p.id = c.plan_id JOIN main.episode e ON e.id = p.episode_id \
             WHERE c.id = t.contact_id)"
        }
        "draft" | "audit_log" => "NULL",
        _ => "(SELECT client_id FROM main.episode WHERE id = t.episode_id)",
    }
}

/// The `CREATE TABLE` of `table` made into one of an empty copy in TEMP, or `None` when
/// the file has no such table (or one this version did not write).
fn copy_sql(conn: &Connection, table: &str) -> Result<Option<String>> {
    let sql: Option<String> = conn
        .query_row(
            "SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )
        .optional()?;
    Ok(sql.and_then(|sql| {
        let rest = sql.strip_prefix("CREATE TABLE ")?;
        let rest = rest
            .strip_prefix(table)
            .or_else(|| rest.strip_prefix(&format!("\"{table}\"")))?;
        Some(format!("CREATE TEMP TABLE \"chk_{table}\"{rest}"))
    }))
}

/// The stored columns of `table` (generated ones are computed, not offered).
fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut st =
        conn.prepare("SELECT name FROM pragma_table_xinfo(?1, 'main') WHERE hidden = 0")?;
    let cols = st
        .query_map([table], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(cols.iter().map(|c| format!("\"{c}\"")).collect())
}

/// The rows of one table that its empty copy refuses, offered `step` rows a statement.
fn broken_in(conn: &Connection, table: &'static str, step: i64) -> Result<Vec<BrokenRow>> {
    let Some(create) = copy_sql(conn, table)? else {
        return Ok(Vec::new());
    };
    let list = columns(conn, table)?;
    let cols = list.join(", ");
    let copy = format!("temp.\"chk_{table}\"");
    conn.execute_batch(&format!(
        "DROP TABLE IF EXISTS {copy}; {create};
         CREATE TEMP TRIGGER \"chk_{table}_empty\" AFTER INSERT ON \"chk_{table}\"
         BEGIN DELETE FROM \"chk_{table}\"; END;"
    ))?;
    let found = (|| {
        let all: i64 =
            // NOT INDEXED: the table itself, not its smallest index, is counted.
            conn.query_row(&format!("SELECT count(*) FROM main.\"{table}\" NOT INDEXED"), [], |r| {
                r.get(0)
            })?;
        let taken = offer_all(conn, table, &cols, &copy, step)?;
        if i64::try_from(taken).ok() == Some(all) {
            return Ok(Vec::new());
        }
        one_by_one(conn, table, &list, &copy)
    })();
    let dropped = conn.execute_batch(&format!("DROP TABLE IF EXISTS {copy}"));
    let found = found?;
    dropped?;
    Ok(found)
}

/// Offers every row of `table` to its copy: how many it took. In steps of about `step`
/// rows in the order of the table's key (its row id, or the first column of its primary
/// key when it has no row ids: the scores of a million demo clients' assessments, 14
/// million rows, held 460 MB offered in one statement): each step's end found by counting
/// rows, its start the first key after the last step's, whatever the keys are.
fn offer_all(conn: &Connection, table: &str, cols: &str, copy: &str, step: i64) -> Result<usize> {
    let key: String = conn.query_row(
        "SELECT CASE WHEN l.wr = 0 THEN '_rowid_' ELSE \
           (SELECT '\"' || name || '\"' FROM pragma_table_info(l.name, 'main') WHERE pk = 1) END \
         FROM pragma_table_list l WHERE l.schema = 'main' AND l.name = ?1",
        [table],
        |r| r.get(0),
    )?;
    let from_table = format!("FROM main.\"{table}\"");
    let mut next = conn.prepare(&format!("SELECT min({key}) {from_table} WHERE {key} > ?1"))?;
    let mut end = conn.prepare(&format!(
        "SELECT {key} {from_table} WHERE {key} >= ?1 ORDER BY {key} LIMIT 1 OFFSET {}",
        step - 1
    ))?;
    let mut last = conn.prepare(&format!("SELECT max({key}) {from_table}"))?;
    let mut step = conn.prepare(&format!(
        "INSERT OR IGNORE INTO {copy} ({cols}) SELECT {cols} {from_table} NOT INDEXED \
         WHERE {key} BETWEEN ?1 AND ?2"
    ))?;
    let mut from: Value =
        conn.query_row(&format!("SELECT min({key}) {from_table}"), [], |r| r.get(0))?;
    let mut taken = 0;
    while from != Value::Null {
        let to: Value = match end.query_row([&from], |r| r.get(0)).optional()? {
            Some(to) => to,
            None => last.query_row([], |r| r.get(0))?,
        };
        taken += step.execute([&from, &to])?;
        from = next.query_row([&to], |r| r.get(0))?;
    }
    Ok(taken)
}

/// Offers the rows of `table` to its copy one at a time: those it refuses.
fn one_by_one(
    conn: &Connection,
    table: &'static str,
    cols: &[String],
    copy: &str,
) -> Result<Vec<BrokenRow>> {
    let n = cols.len();
    let id = if cols.iter().any(|c| c == "\"id\"") {
        "t.id"
    } else {
        "NULL"
    };
    let read_cols: Vec<String> = cols.iter().map(|c| format!("t.{c}")).collect();
    let mut read = conn.prepare(&format!(
        "SELECT {}, {id}, {} FROM main.\"{table}\" AS t NOT INDEXED",
        owner(table),
        read_cols.join(", ")
    ))?;
    let mut offer = conn.prepare(&format!(
        "INSERT OR IGNORE INTO {copy} ({}) VALUES ({})",
        cols.join(", "),
        vec!["?"; n].join(", ")
    ))?;
    let mut rows = read.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let values = (0..n)
            .map(|i| r.get::<_, Value>(i + 2))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        if offer.execute(params_from_iter(values))? == 0 {
            out.push(BrokenRow {
                table,
                client_id: r.get(0)?,
                row_id: r.get(1)?,
            });
        }
    }
    out.sort_by_key(|b| (b.client_id, b.row_id));
    Ok(out)
}

/// The rows of every table offered to its copy: those refused, and the tables that could
/// not be read to their end (damaged).
#[derive(Clone, Debug, Default)]
pub struct Scan {
    pub broken: Vec<BrokenRow>,
    pub unreadable: Vec<&'static str>,
}

impl Store {
    /// Every row that breaks a CHECK or NOT NULL constraint of its table (see [`Scan`]);
    /// a damaged table fails it as damage.
    pub fn broken_rows(&self) -> Result<Vec<BrokenRow>> {
        let scan = self.scan_rows()?;
        if !scan.unreadable.is_empty() {
            return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
                None,
            )));
        }
        Ok(scan.broken)
    }

    /// Every row that breaks a CHECK or NOT NULL constraint of its table, by table (in
    /// the schema's order), then client; and the tables damage keeps from being read.
    /// Works on a read-only connection and leaves the file untouched. Outside a
    /// transaction (where it can), it keeps its copies in memory and its foreign keys out
    /// of the way; inside one, the connection must have foreign keys off, as the read-only
    /// stores have.
    pub fn scan_rows(&self) -> Result<Scan> {
        let conn = self.conn();
        let restore_keys = conn.is_autocommit()
            && conn.query_row("PRAGMA foreign_keys", [], |r| r.get::<_, bool>(0))?;
        // Changing where temporary tables live drops them all (the change log's too): only
        // when it is not memory already (2).
        let temp_store: i64 = conn.query_row("PRAGMA temp_store", [], |r| r.get(0))?;
        if conn.is_autocommit() && temp_store != 2 {
            conn.pragma_update(None, "temp_store", "MEMORY")?;
        }
        if restore_keys {
            conn.pragma_update(None, "foreign_keys", false)?;
        }
        let mut scan = Scan::default();
        let found = TABLES.iter().try_for_each(|t| {
            match broken_in(conn, t, STEP) {
                Ok(rows) => scan.broken.extend(rows),
                Err(e) if e.kind() == ErrorKind::Corrupt => scan.unreadable.push(t),
                Err(e) => return Err(e),
            }
            Ok(())
        });
        if restore_keys {
            conn.pragma_update(None, "foreign_keys", true)?;
        }
        found.map(|()| scan)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_is_offered_in_steps_of_its_key_whatever_the_key_and_each_broken_row_found() {
        let mut store = Store::open_in_memory().unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        crate::demo::generate(&mut store, 30, 5, today).unwrap();
        let conn = store.conn();
        conn.execute_batch(
            "PRAGMA ignore_check_constraints = ON; \
             UPDATE domain_score SET score = 9 WHERE (assessment_id, domain) = \
               (SELECT assessment_id, domain FROM domain_score ORDER BY assessment_id DESC \
                LIMIT 1 OFFSET 17); \
             INSERT INTO draft (form, subject, data, updated_at) VALUES \
               ('intake', 1, '{}', '2026-01-01'), ('intake', 2, '{}', '2026-01-01'), \
               ('note', 1, 'not json', '2026-01-01'), ('zz', 1, '{}', '2026-01-01'); \
             PRAGMA ignore_check_constraints = OFF; \
             PRAGMA foreign_keys = OFF;",
        )
        .unwrap();
        // As `Store::scan_rows` offers them (foreign keys off). Scores have no row ids
        // (stepped by assessment), drafts a text key (by form), episodes row ids.
        for step in [1, 2, 5, 1000] {
            let scores = broken_in(conn, "domain_score", step).unwrap();
            assert_eq!(scores.len(), 1, "step {step}");
            let drafts = broken_in(conn, "draft", step).unwrap();
            assert_eq!(drafts.len(), 1, "step {step}");
            assert_eq!(broken_in(conn, "episode", step).unwrap(), Vec::new());
        }
    }
}
