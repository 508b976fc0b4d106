//! The change log: every save the app makes is a change set, each row it inserted, updated
//! or deleted kept with the row before and after (JSON), by temporary triggers on the app's
//! own connection. Undo writes the rows back as they were, as a change set of its own (so
//! redo is the undo of an undo); the history of a client reads the same rows.

use super::change_triggers::{quote, tables, triggers};
use super::{Result, Store, StoreError, Tx};
pub use crate::domain::history::ChangeRow;
use crate::domain::model::Id;
use rusqlite::{Connection, params};

/// Whether saves are logged on this connection, and the set the last save made.
#[derive(Debug, Default)]
pub(super) struct Log {
    on: bool,
    /// The triggers are on the connection (made by the first save, so that opening the
    /// app never waits for them).
    installed: bool,
    last: Option<Id>,
}

/// What a change set did, in a few words: its first row's table and operation, and the
/// client it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeSummary {
    pub set_id: Id,
    pub table: String,
    pub op: String,
    pub client_id: Option<Id>,
    pub client_name: Option<String>,
    pub rows: usize,
}

impl Store {
    /// Logs every save from now on (the app does; commands and imports do not). A store
    /// that may only be read has nothing to log.
    pub fn log_changes(&mut self) -> Result<()> {
        if self.conn.is_readonly(rusqlite::MAIN_DB)? {
            return Ok(());
        }
        // Set before anything temporary is made: changing it later would drop the log's
        // triggers (`check` keeps its copies there too).
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        self.changes.on = true;
        Ok(())
    }

    /// The change set the last save made (`None`: it changed nothing, or saves are not logged).
    pub fn last_change(&self) -> Option<Id> {
        self.changes.last
    }

    /// [`Store::last_change`], once: the next call says `None` until another save changes
    /// something.
    pub fn take_last_change(&mut self) -> Option<Id> {
        self.changes.last.take()
    }

    /// Puts back what a change set changed, as a change set of its own, which it returns
    /// (undo that one to redo). Refused when a later save changed the same rows since.
    pub fn undo(&mut self, set: Id) -> Result<Id> {
        if !self.changes.on {
            return Err(StoreError::Invalid("change.not_logged"));
        }
        self.write(|tx| tx.undo_set(set))?;
        self.changes
            .last
            .ok_or(StoreError::Invalid("change.nothing"))
    }

    /// The change sets made after `after` (all with 0), oldest first.
    pub fn change_sets_after(&self, after: Id) -> Result<Vec<Id>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT id FROM change_set WHERE id > ?1 ORDER BY id")?;
        let ids = st.query_map([after], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// What a change set did, in a few words.
    pub fn change_summary(&self, set: Id) -> Result<Option<ChangeSummary>> {
        let all: Vec<(String, String, Option<Id>)> = self
            .conn
            .prepare_cached(
                "SELECT tbl, op, client_id FROM change_row WHERE set_id = ?1 ORDER BY id",
            )?
            .query_map([set], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let Some((table, op, _)) =
            crate::domain::history::main_row(&all, |r| r.1.as_str()).cloned()
        else {
            return Ok(None);
        };
        let client_id = all.iter().find_map(|r| r.2);
        let rows = all.len();
        let client_name = match client_id {
            Some(id) => self.client(id)?.map(|c| c.person.full_name()),
            None => None,
        };
        Ok(Some(ChangeSummary {
            set_id: set,
            table,
            op,
            client_id,
            client_name,
            rows,
        }))
    }

    /// Every logged change of a client, newest first.
    pub fn client_changes(&self, client_id: Id) -> Result<Vec<ChangeRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT r.set_id, s.at, r.tbl, r.op, r.before, r.after, s.undoes, s.reason \
               FROM change_row r JOIN change_set s ON s.id = r.set_id \
              WHERE r.client_id = ?1 ORDER BY r.set_id DESC, r.id",
        )?;
        let rows = st.query_map([client_id], |r| {
            let json = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
            Ok(ChangeRow {
                set_id: r.get(0)?,
                at: r.get(1)?,
                table: r.get(2)?,
                op: r.get(3)?,
                before: json(r.get(4)?),
                after: json(r.get(5)?),
                undoes: r.get(6)?,
                reason: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Opens a change set for a save (when saves are logged).
pub(super) fn begin(tx: &rusqlite::Transaction, log: &Log, now: &str) -> Result<Option<Id>> {
    if !log.on {
        return Ok(None);
    }
    // The first save makes the triggers, in its own transaction (undone with it when it
    // fails; `IF NOT EXISTS` when they are there).
    if !log.installed {
        tx.execute_batch(&triggers(tx)?)?;
    }
    tx.execute("INSERT INTO main.change_set (at) VALUES (?1)", [now])?;
    let id = tx.last_insert_rowid();
    tx.execute("DELETE FROM temp.current_set", [])?;
    tx.execute("INSERT INTO temp.current_set (id) VALUES (?1)", [id])?;
    Ok(Some(id))
}

/// Closes the change set of a save: a set that changed nothing goes.
pub(super) fn end(tx: &rusqlite::Transaction, set: Option<Id>) -> Result<Option<Id>> {
    let Some(id) = set else {
        return Ok(None);
    };
    tx.execute("DELETE FROM temp.current_set", [])?;
    let rows: i64 = tx.query_row(
        "SELECT count(*) FROM main.change_row WHERE set_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if rows == 0 {
        tx.execute("DELETE FROM main.change_set WHERE id = ?1", [id])?;
        return Ok(None);
    }
    Ok(Some(id))
}

impl Log {
    /// After a save was committed: its change set, and the triggers are in place.
    pub(super) fn committed(&mut self, last: Option<Id>) {
        self.last = last;
        self.installed = self.on;
    }

    /// After a write that made no change set (a bulk load) was committed.
    pub(super) fn unlogged(&mut self) {
        self.last = None;
    }
}

impl Tx<'_> {
    /// Whether this save is logged (the app's saves are).
    pub(super) fn logged(&self) -> Result<bool> {
        Ok(self.tx.query_row(
            "SELECT count(*) > 0 FROM temp.sqlite_schema WHERE name = 'current_set'",
            [],
            |r| r.get(0),
        )?)
    }

    /// Says why this save was made (a record voided as entered in error), in its change
    /// set; nothing when saves are not logged.
    pub(super) fn change_reason(&self, reason: &str) -> Result<()> {
        let conn: &Connection = &self.tx;
        if self.logged()? {
            conn.execute(
                "UPDATE main.change_set SET reason = ?1 WHERE id = (SELECT id FROM temp.current_set)",
                [reason],
            )?;
        }
        Ok(())
    }

    /// Writes back, newest first, what each row of a change set was before it; the undo is
    /// marked as undoing that set.
    fn undo_set(&self, set: Id) -> Result<()> {
        self.put_back(set, 0)?;
        self.tx.execute(
            "UPDATE main.change_set SET undoes = ?1 WHERE id = (SELECT id FROM temp.current_set)",
            [set],
        )?;
        Ok(())
    }

    /// Where the latest recording of a check-in on `contact_id` begins in the change log
    /// (its contact going from planned to held or not reached): the change set and the row,
    /// if saves were logged then. The recording is that row and the set's rows after it (a
    /// correction's set first puts back the recording it corrects).
    pub(super) fn check_in_rows(&self, contact_id: Id) -> Result<Option<(Id, Id)>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .tx
            .query_row(
                "SELECT set_id, id FROM main.change_row WHERE tbl = 'aftercare_contact' \
                 AND op = 'update' AND json_extract(before, '$.id') = ?1 \
                 AND json_extract(before, '$.status') = 'planned' \
                 AND json_extract(after, '$.status') IN ('done', 'not_reached') \
                 ORDER BY set_id DESC, id DESC LIMIT 1",
                [contact_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Writes back, newest first, what each row of a change set from row `from` on was
    /// before it (refused when a row was changed since).
    pub(super) fn put_back(&self, set: Id, from: Id) -> Result<()> {
        let conn: &Connection = &self.tx;
        let all = tables(conn)?;
        let rows: Vec<(String, String, Option<String>, Option<String>)> = conn
            .prepare(
                "SELECT tbl, op, before, after FROM main.change_row WHERE set_id = ?1 \
                 AND id >= ?2 ORDER BY id DESC",
            )?
            .query_map([set, from], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        if rows.is_empty() {
            return Err(StoreError::Invalid("change.nothing"));
        }
        // Rows come back in any order: foreign keys are checked once, at the end.
        conn.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        // A row put back before its parent finds its client through the set it undoes.
        conn.execute(
            "UPDATE temp.current_set SET client_id = (SELECT client_id FROM main.change_row \
              WHERE set_id = ?1 AND client_id IS NOT NULL ORDER BY id LIMIT 1)",
            [set],
        )?;
        for (table, op, before, after) in rows {
            let t = all
                .iter()
                .find(|t| t.name == table)
                .ok_or(StoreError::Invalid("change.unknown_table"))?;
            let name = quote(&t.name);
            let pick = |json: &str, c: &str| {
                format!("json_extract({json}, '$.{}')", c.replace('\'', "''"))
            };
            // The row as the change left it, every column: a row changed since matches
            // nothing.
            let as_left = |json: &str| -> String {
                t.cols
                    .iter()
                    .map(|c| format!("{} IS {}", quote(c), pick(json, c)))
                    .collect::<Vec<_>>()
                    .join(" AND ")
            };
            let changed = match op.as_str() {
                "insert" => conn.execute(
                    &format!("DELETE FROM main.{name} WHERE {}", as_left("?1")),
                    params![after],
                )?,
                "delete" => {
                    let cols: Vec<String> = t.cols.iter().map(|c| quote(c)).collect();
                    let vals: Vec<String> = t.cols.iter().map(|c| pick("?1", c)).collect();
                    conn.execute(
                        &format!(
                            "INSERT INTO main.{name} ({}) VALUES ({})",
                            cols.join(", "),
                            vals.join(", ")
                        ),
                        params![before],
                    )?
                }
                _ => {
                    let sets: Vec<String> = t
                        .cols
                        .iter()
                        .map(|c| format!("{} = {}", quote(c), pick("?1", c)))
                        .collect();
                    conn.execute(
                        &format!(
                            "UPDATE main.{name} SET {} WHERE {}",
                            sets.join(", "),
                            as_left("?2")
                        ),
                        params![before, after],
                    )?
                }
            };
            // A row that is no longer as the change left it was changed again since.
            if changed != 1 {
                return Err(StoreError::Invalid("change.changed_since"));
            }
        }
        Ok(())
    }
}
