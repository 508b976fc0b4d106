//! The agenda kept in a table (schema 13, `agenda_item`): a client's rows computed again
//! with the client's roster row, every row in one pass after the roster's rebuild; read in
//! the agenda's order through its index. With them the client's text in the agenda's
//! trigram index (schema 14, `agenda_search`).

use super::Result;
use super::caseload::{ITEM_COLS, ITEM_TRAJECTORY, items};
use crate::domain::model::Id;
use rusqlite::Connection;

/// The columns of `agenda_item` in the order [`dated`] and [`IDLE`] select them.
const COLS: &str = "client_id, due, kind, ref_id, detail, instrument, section, sort_name, folded";

/// The open dated items `o` of the clients on the list `r` (the roster: not those handed
/// over), as rows of `agenda_item`.
fn dated(days: u32) -> String {
    format!(
        "SELECT {ITEM_COLS}, 1, r.sort_name, r.folded FROM ({}) o \
         JOIN roster r ON r.client_id = o.client_id {ITEM_TRAJECTORY}",
        items(days)
    )
}

/// The clients without a next step (the roster's rows of that kind), as rows of
/// `agenda_item`.
const IDLE: &str = "SELECT r.client_id, r.due, 'idle', 0, '', NULL, 0, r.sort_name, r.folded \
     FROM roster r WHERE r.kind = 'idle'";

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

/// Computes every row again, after the roster's rebuild (unsorted: sorting them first
/// would hold them all in memory; the table's indexes made again from them at the end),
/// then fills the trigram index client after client.
pub(super) fn rebuild_items(conn: &Connection, days: u32) -> Result<()> {
    let indexes = super::roster::drop_indexes(conn, "agenda_item")?;
    conn.execute("DELETE FROM agenda_item", [])?;
    conn.execute(
        "INSERT INTO agenda_search (agenda_search) VALUES ('delete-all')",
        [],
    )?;
    conn.execute(
        &format!(
            "INSERT INTO agenda_item ({COLS}) {} UNION ALL {IDLE}",
            dated(days)
        ),
        [],
    )?;
    for sql in &indexes {
        conn.execute_batch(sql)?;
    }
    let last: Id = conn.query_row(
        "SELECT coalesce(max(client_id), 0) FROM agenda_item",
        [],
        |r| r.get(0),
    )?;
    let mut fill = conn.prepare(&format!(
        "INSERT INTO agenda_search (rowid, text) SELECT client_id, {SEARCH_TEXT} \
         FROM agenda_item WHERE client_id > ?1 AND client_id <= ?2 \
         GROUP BY client_id ORDER BY client_id"
    ))?;
    for from in (0..last).step_by(SEARCH_STEP as usize) {
        fill.execute(rusqlite::params![from, from + SEARCH_STEP])?;
    }
    Ok(())
}
