//! The agenda kept in a table (schema 13, `agenda_item`): a client's rows computed again
//! with the client's roster row, every row in one pass after the roster's rebuild; read in
//! the agenda's order through its index, and compared with the records for `check`. With
//! them the client's text in the agenda's trigram index (schema 14, `agenda_search`).

use super::Result;
use super::caseload::{ITEM_COLS, ITEM_TRAJECTORY, items};
use super::roster_rows::{steps, steps_of};
use super::rules::{Finding, Rule};
use crate::domain::model::Id;
use rusqlite::Connection;
use std::collections::HashSet;

/// The columns of `agenda_item` in the order [`dated`] and [`IDLE`] select them.
const COLS: &str = "client_id, due, kind, ref_id, detail, instrument, section, sort_name, folded";

/// The open dated items `o` of the clients on the list `r` (the roster: not those handed
/// over), as rows of `agenda_item`. The items are walked, those of the clients asked for
/// when a condition on `o.client_id` follows, and each one's roster row looked up by its
/// key (`CROSS JOIN` keeps that order: left to choose, SQLite could walk the whole roster
/// for a range of clients).
fn dated(days: u32) -> String {
    format!(
        "SELECT {ITEM_COLS}, 1 AS section, r.sort_name, r.folded FROM ({}) o \
         CROSS JOIN roster r ON r.client_id = o.client_id {ITEM_TRAJECTORY}",
        items(days)
    )
}

/// The clients without a next step (the roster's rows of that kind), as rows of
/// `agenda_item`.
const IDLE: &str = "SELECT r.client_id, r.due, 'idle', 0, '', NULL, 0, r.sort_name, r.folded \
     FROM roster r WHERE r.kind = 'idle'";

/// The rows of the clients with ids from `?1` to `?2` (a step of
/// [`super::roster_rows::steps`]), as rows of `agenda_item`.
fn step_rows(days: u32) -> String {
    format!(
        "{} WHERE o.client_id BETWEEN ?1 AND ?2 \
         UNION ALL {IDLE} AND r.client_id BETWEEN ?1 AND ?2",
        dated(days)
    )
}

/// A client's text in the agenda's trigram index, from their rows (grouped by client):
/// the folded name and what each item says, each followed by a line break, and two spaces
/// at the end (see `store::grams`).
const SEARCH_TEXT: &str =
    "max(folded) || char(10) || group_concat(lower(detail), char(10)) || char(10) || '  '";

/// The clients whose text one statement of a rebuild writes into the index (SQLite keeps
/// what a statement changed in memory until it ends).
const SEARCH_STEP: i64 = 50_000;

/// Computes a client's rows again from the records (after their roster row was written, or
/// dropped: then they have none).
pub(super) fn keep_items(conn: &Connection, client_id: Id, days: u32) -> Result<()> {
    drop_items(conn, client_id)?;
    conn.prepare_cached(&format!(
        "INSERT INTO agenda_item ({COLS}) {} WHERE o.client_id = ?1 \
         UNION ALL {IDLE} AND r.client_id = ?1",
        dated(days)
    ))?
    .execute([client_id])?;
    conn.prepare_cached(&format!(
        "INSERT INTO agenda_search (rowid, text) SELECT client_id, {SEARCH_TEXT} \
         FROM agenda_item WHERE client_id = ?1 GROUP BY client_id"
    ))?
    .execute([client_id])?;
    Ok(())
}

/// Takes a client's rows off the agenda.
pub(super) fn drop_items(conn: &Connection, client_id: Id) -> Result<()> {
    conn.prepare_cached("DELETE FROM agenda_search WHERE rowid = ?1")?
        .execute([client_id])?;
    conn.prepare_cached("DELETE FROM agenda_item WHERE client_id = ?1")?
        .execute([client_id])?;
    Ok(())
}

/// Computes every row again, after the roster's rebuild, a step of clients at a time
/// (their items gathered by their periods: a tenth of the time of one statement for all);
/// unsorted (sorting them first would hold them all in memory; the table's indexes made
/// again from them at the end), then fills the trigram index client after client.
pub(super) fn rebuild_items(conn: &Connection, days: u32) -> Result<()> {
    let indexes = super::roster::drop_indexes(conn, "agenda_item")?;
    conn.execute("DELETE FROM agenda_item", [])?;
    conn.execute(
        "INSERT INTO agenda_search (agenda_search) VALUES ('delete-all')",
        [],
    )?;
    let mut write = conn.prepare(&format!(
        "INSERT INTO agenda_item ({COLS}) {}",
        step_rows(days)
    ))?;
    for (from, to) in steps(conn)? {
        write.execute([from, to])?;
    }
    for sql in &indexes {
        conn.execute_batch(sql)?;
    }
    let mut fill = conn.prepare(&format!(
        "INSERT INTO agenda_search (rowid, text) SELECT client_id, {SEARCH_TEXT} \
         FROM agenda_item WHERE client_id BETWEEN ?1 AND ?2 \
         GROUP BY client_id ORDER BY client_id"
    ))?;
    for (from, to) in steps_of(conn, SEARCH_STEP)? {
        fill.execute([from, to])?;
    }
    Ok(())
}

/// The clients whose kept rows are not what their records (and roster rows) make of them:
/// a row too many, too few, or different (each row counted, so that a row kept twice is
/// found too). Compared a step of clients at a time (see [`steps`]), each side grouped by
/// its whole row: flat memory at a million clients. Those in `skip` are left out (marked
/// to be computed again anyway, or their row of the list, which their rows here are
/// computed with, is behind).
pub(super) fn behind(conn: &Connection, days: u32, skip: &HashSet<Id>) -> Result<Vec<Finding>> {
    let counted =
        |rows: &str| format!("SELECT {COLS}, count(*) AS n FROM ({rows}) GROUP BY {COLS}");
    let kept = counted(&format!(
        "SELECT {COLS} FROM agenda_item WHERE client_id BETWEEN ?1 AND ?2"
    ));
    let computed = counted(&step_rows(days));
    let mut st = conn.prepare(&format!(
        "WITH kept AS ({kept}), computed AS ({computed}) \
         SELECT client_id FROM (SELECT * FROM kept EXCEPT SELECT * FROM computed) \
         UNION SELECT client_id FROM (SELECT * FROM computed EXCEPT SELECT * FROM kept) \
         ORDER BY 1"
    ))?;
    let mut out = Vec::new();
    for (from, to) in steps(conn)? {
        let ids = st.query_map([from, to], |r| r.get::<_, Id>(0))?;
        for id in ids {
            let client_id = id?;
            if !skip.contains(&client_id) {
                out.push(Finding {
                    rule: Rule::AgendaBehind,
                    client_id,
                    row_id: client_id,
                });
            }
        }
    }
    Ok(out)
}
