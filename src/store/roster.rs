//! The roster (schema 11): the list's rows kept in a table, one per client, computed again
//! for the clients a write marked stale before it commits (all of them in one pass when
//! many are, or the rule changed), with their rows of the agenda (`agenda_kept`), and
//! compared with the records for `check`.

use super::caseload::{CaseloadRow, idle_item, list_name_of, open_item};
use super::roster_rows::{one_sql, range_sql, steps, steps_of, write_sql};
use super::{Result, Store};
use crate::domain::Phase;
use crate::domain::agenda::{ItemKind, OpenItem};
use crate::domain::model::Id;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};
use std::collections::HashSet;

/// More stale clients than this (a bulk load, an import, a migration), and every row is
/// computed again in one pass rather than one by one.
const ONE_BY_ONE: i64 = 1_000;

/// One client's row of the list whatever the day: as [`CaseloadRow`], with the first day
/// the client needs a look instead of whether they need one today.
#[derive(Clone, Debug, PartialEq)]
pub struct RosterRow {
    pub client_id: Id,
    pub name: String,
    /// The name as the filter matches it (`domain::search::fold`).
    pub folded: String,
    pub bsn: String,
    pub phase: Phase,
    pub next: Option<OpenItem>,
    /// From this day on the client needs a look (`None`: not for now).
    pub flag_from: Option<NaiveDate>,
}

impl RosterRow {
    /// The row as the list shows it on `today`.
    pub fn on(self, today: NaiveDate) -> CaseloadRow {
        CaseloadRow {
            client_id: self.client_id,
            folded: self.folded,
            name: self.name,
            bsn: self.bsn,
            phase: self.phase,
            next: self.next,
            flagged: self.flag_from.is_some_and(|d| d <= today),
            risk: None,
        }
    }
}

/// The columns of a kept row joined to its client (`r`, `c`), as [`kept`] reads them.
pub(super) const KEPT_COLS: &str = "r.client_id AS id, r.client_id AS client_id, c.first_name AS first_name, \
     c.prefix AS prefix, c.last_name AS last_name, c.bsn AS bsn, r.phase AS phase, \
     r.due AS due, r.kind AS kind, r.ref_id AS ref_id, r.detail AS detail, \
     r.instrument AS instrument, r.flag_from AS flag_from, r.folded AS folded";

/// The list's order of the roster (its index `roster_due`).
pub(super) const LIST_ORDER: &str = "r.due_key, r.sort_name, r.client_id";

/// A kept row, read by the names of [`KEPT_COLS`].
pub(super) fn kept(r: &Row) -> rusqlite::Result<RosterRow> {
    let client_id = r.get("id")?;
    let kind: Option<ItemKind> = r.get("kind")?;
    let next = match kind {
        Some(ItemKind::Idle) => Some(idle_item(client_id, r.get("due")?)),
        _ => open_item(r)?,
    };
    Ok(RosterRow {
        client_id,
        name: list_name_of(r)?,
        folded: r.get("folded")?,
        bsn: r.get("bsn")?,
        phase: r.get("phase")?,
        next,
        flag_from: r.get("flag_from")?,
    })
}

/// Drops the indexes of a kept `table` before every row of it is written again; gives
/// back the statements that make them again from the rows at the end.
pub(super) fn drop_indexes(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let indexes: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, sql FROM main.sqlite_schema \
             WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL ORDER BY name",
        )?
        .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &indexes {
        conn.execute_batch(&format!("DROP INDEX main.\"{name}\""))?;
    }
    Ok(indexes.into_iter().map(|(_, sql)| sql).collect())
}

/// The clients whose rows of the trigram index one statement writes (SQLite keeps what
/// a statement changed in memory until it ends).
const SEARCH_STEP: i64 = 100_000;

/// Computes every row again: the order indexes dropped and made again from the sorted
/// rows at the end, and the trigram index filled in one pass in id order (each kept up
/// to date row by row cost three times as much).
fn rebuild(conn: &Connection, days: u32) -> Result<()> {
    let indexes = drop_indexes(conn, "roster")?;
    conn.execute("DELETE FROM roster", [])?;
    conn.execute(
        "INSERT INTO roster_search (roster_search) VALUES ('delete-all')",
        [],
    )?;
    let mut write = conn.prepare(&write_sql(&range_sql(days)))?;
    for (from, to) in steps(conn)? {
        write.execute([from, to])?;
    }
    for sql in &indexes {
        conn.execute_batch(sql)?;
    }
    let mut fill = conn.prepare(
        "INSERT INTO roster_search (rowid, folded) SELECT r.client_id, r.folded || '  ' \
         FROM roster r WHERE r.client_id BETWEEN ?1 AND ?2 ORDER BY r.client_id",
    )?;
    for (from, to) in steps_of(conn, SEARCH_STEP)? {
        fill.execute([from, to])?;
    }
    super::agenda_kept::rebuild_items(conn, days)?;
    // A dropped index took its statistics with it: without them the planner walks the
    // clients' index for a page of the list (45 ms instead of 1.5 at 100,000 clients)
    // until `Store::optimize` runs at the app's end. Sampled as it samples them.
    conn.execute_batch("PRAGMA analysis_limit = 400; ANALYZE roster; ANALYZE agenda_item;")?;
    conn.execute("UPDATE roster_rule SET plan_within_days = ?1", [days])?;
    Ok(())
}

/// Computes client `id`'s row again (or takes it off the roster when there is none: the
/// client was handed over, or is gone), with its text in the trigram index: the folded
/// name with two spaces after it (see `store::grams`).
fn keep(conn: &Connection, id: Id, days: u32) -> Result<()> {
    if conn
        .prepare_cached(&write_sql(&one_sql(days)))?
        .execute([id])?
        == 0
    {
        return drop_row(conn, id);
    }
    conn.prepare_cached("DELETE FROM roster_search WHERE rowid = ?1")?
        .execute([id])?;
    conn.prepare_cached(
        "INSERT INTO roster_search (rowid, folded) \
         SELECT client_id, folded || '  ' FROM roster WHERE client_id = ?1",
    )?
    .execute([id])?;
    Ok(())
}

/// Takes a client off the roster (handed over, or gone).
fn drop_row(conn: &Connection, client_id: Id) -> Result<()> {
    conn.prepare_cached("DELETE FROM roster WHERE client_id = ?1")?
        .execute([client_id])?;
    conn.prepare_cached("DELETE FROM roster_search WHERE rowid = ?1")?
        .execute([client_id])?;
    Ok(())
}

/// Has the rows of the clients after `after` (those a load added) computed before the
/// write commits: marked stale one by one when they are few; else every row is computed
/// again (as [`refresh`] does when many are stale), without a mark written for each.
pub(super) fn mark_new(conn: &Connection, after: Id) -> Result<()> {
    let new: i64 = conn.query_row("SELECT count(*) FROM client WHERE id > ?1", [after], |r| {
        r.get(0)
    })?;
    if new > ONE_BY_ONE {
        conn.execute("UPDATE roster_rule SET plan_within_days = NULL", [])?;
        return Ok(());
    }
    conn.prepare(
        "INSERT INTO roster_stale SELECT id FROM client WHERE id > ?1 \
         AND id NOT IN (SELECT client_id FROM roster_stale)",
    )?
    .execute([after])?;
    Ok(())
}

/// The rule the roster's rows were computed by (`None`: none computed yet).
pub(super) fn rule(conn: &Connection) -> Result<Option<u32>> {
    Ok(conn
        .prepare_cached("SELECT plan_within_days FROM roster_rule WHERE id = 1")?
        .query_row([], |r| r.get(0))
        .optional()?
        .flatten())
}

/// How many clients are marked stale.
fn stale_count(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM roster_stale")?
        .query_row([], |r| r.get(0))?)
}

/// Computes the stale rows again, inside a write: every row when they were computed by
/// another rule (`days`) or many are stale, else one by one. Nothing is stale after.
pub(super) fn refresh(conn: &Connection, days: u32) -> Result<()> {
    let stale = stale_count(conn)?;
    if rule(conn)? != Some(days) || stale > ONE_BY_ONE {
        rebuild(conn, days)?;
    } else if stale > 0 {
        let ids: Vec<Id> = conn
            .prepare_cached("SELECT client_id FROM roster_stale")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids {
            keep(conn, id, days)?;
            super::agenda_kept::keep_items(conn, id, days)?;
        }
    }
    if stale > 0 {
        conn.execute("DELETE FROM roster_stale", [])?;
    }
    Ok(())
}

impl Store {
    /// Whether the roster holds every row as this store computes them: computed by its
    /// rule, none stale. When not, a store that may write computes them in one write.
    pub fn roster_fits(&self) -> Result<bool> {
        let days = self.casework.get().plan_within_days;
        Ok(rule(self.conn())? == Some(days) && stale_count(self.conn())? == 0)
    }

    /// Brings the roster up to date where another program (or another rule of casework)
    /// left it behind: one write, only when needed and the file may be written.
    pub fn fit_roster(&mut self) -> Result<()> {
        if self.is_read_only() || self.roster_fits()? {
            return Ok(());
        }
        self.write(|_| Ok(()))
    }

    /// The clients whose kept row, or kept rows of the agenda, are not what their records
    /// make of them (those marked stale are computed again anyway; rows kept by another
    /// rule are all computed again).
    pub(super) fn roster_findings(&self) -> Result<Vec<super::rules::Finding>> {
        let days = self.casework.get().plan_within_days;
        if rule(self.conn())? != Some(days) {
            return Ok(Vec::new());
        }
        // Kept and computed rows read in one snapshot, step after step, also while the
        // app saves (`check` runs beside it): read apart, a save in between made a row
        // look behind.
        if !self.conn().is_autocommit() {
            return self.findings_in(days);
        }
        self.conn().execute_batch("BEGIN")?;
        let found = self.findings_in(days);
        let _ = self.conn().execute_batch("COMMIT");
        found
    }

    /// [`Store::roster_findings`] by the rule of `days`, in the snapshot of the open
    /// transaction.
    fn findings_in(&self, days: u32) -> Result<Vec<super::rules::Finding>> {
        let stale: HashSet<Id> = self
            .conn()
            .prepare("SELECT client_id FROM roster_stale")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        // Both in id order, a step of clients at a time: a million clients are compared
        // in flat memory.
        let mut kept_st = self.conn().prepare(&format!(
            "SELECT {KEPT_COLS} FROM roster r JOIN client c ON c.id = r.client_id \
             WHERE r.client_id BETWEEN ?1 AND ?2 ORDER BY r.client_id"
        ))?;
        let mut out = Vec::new();
        computed_steps(self.conn(), days, |(from, to), computed| {
            let kept_rows = kept_st
                .query_map([from, to], kept)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for id in differing(&kept_rows, &computed) {
                if !stale.contains(&id) {
                    out.push(super::rules::Finding {
                        rule: super::rules::Rule::RosterBehind,
                        client_id: id,
                        row_id: id,
                    });
                }
            }
            Ok(())
        })?;
        // A kept row whose client is gone (foreign keys off, an id changed by hand).
        let gone = self
            .conn()
            .prepare("SELECT client_id FROM roster WHERE client_id NOT IN (SELECT id FROM client)")?
            .query_map([], |r| r.get::<_, Id>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.extend(gone.into_iter().map(|id| super::rules::Finding {
            rule: super::rules::Rule::RosterBehind,
            client_id: id,
            row_id: id,
        }));
        // A client's agenda is computed from their row of the list: when that row is
        // behind, so is what the agenda is compared with, and the client is named once.
        let skip: HashSet<Id> = stale
            .into_iter()
            .chain(out.iter().map(|f| f.client_id))
            .collect();
        out.extend(super::agenda_kept::behind(self.conn(), days, &skip)?);
        Ok(out)
    }

    /// Every client's row as the roster keeps it and as computed now, in id order: the
    /// same when the roster is right (`caseload check`, and the tests).
    pub fn roster_and_computed(&self) -> Result<(Vec<RosterRow>, Vec<RosterRow>)> {
        let days = self.casework.get().plan_within_days;
        let kept_rows = self
            .conn()
            .prepare(&format!(
                "SELECT {KEPT_COLS} FROM roster r JOIN client c ON c.id = r.client_id \
                 ORDER BY r.client_id"
            ))?
            .query_map([], kept)?
            .collect::<rusqlite::Result<_>>()?;
        let mut computed_rows = Vec::new();
        computed_steps(self.conn(), days, |_, rows| {
            computed_rows.extend(rows);
            Ok(())
        })?;
        Ok((kept_rows, computed_rows))
    }
}

/// Every client's row computed, a step of clients at a time (see
/// [`super::roster_rows::STEP`]): `f` gets each step's bounds and rows, in id order.
pub(super) fn computed_steps(
    conn: &Connection,
    days: u32,
    mut f: impl FnMut((Id, Id), Vec<RosterRow>) -> Result<()>,
) -> Result<()> {
    let mut st = conn.prepare(&range_sql(days))?;
    for (from, to) in steps(conn)? {
        let rows = st
            .query_map([from, to], kept)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        f((from, to), rows)?;
    }
    Ok(())
}

/// The clients whose rows differ between two lists in id order, or are in one only.
fn differing(a: &[RosterRow], b: &[RosterRow]) -> Vec<Id> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x.client_id == y.client_id => {
                if x != y {
                    out.push(x.client_id);
                }
                i += 1;
                j += 1;
            }
            (Some(x), y) if y.is_none_or(|y| x.client_id < y.client_id) => {
                out.push(x.client_id);
                i += 1;
            }
            (_, Some(y)) => {
                out.push(y.client_id);
                j += 1;
            }
            _ => break,
        }
    }
    out
}
