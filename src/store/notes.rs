//! Contact notes: the conversations that make up the case timeline.

use super::convert::{code, d, date};
use super::{Result, Store, Tx};
use crate::domain::codes::Code;
use crate::domain::model::{Id, Note};
use rusqlite::{Row, params};

pub(super) fn note_row(r: &Row) -> rusqlite::Result<Note> {
    Ok(Note {
        id: r.get(0)?,
        episode_id: r.get(1)?,
        noted_on: date(r, 2)?,
        channel: code(r, 3)?,
        summary: r.get(4)?,
        template: r.get(5)?,
    })
}

impl Tx<'_> {
    /// Adds a contact note.
    pub fn insert_note(&self, n: &Note) -> Result<Id> {
        self.conn()
            .prepare_cached(
                "INSERT INTO note (episode_id, noted_on, channel, summary, template, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                n.episode_id,
                d(n.noted_on),
                n.channel.code(),
                n.summary,
                n.template,
                self.now
            ])?;
        let id = self.conn().last_insert_rowid();
        self.audit("note", id, "create")?;
        Ok(id)
    }
}

impl Store {
    /// The notes of an episode, newest first.
    pub fn notes(&self, episode_id: Id) -> Result<Vec<Note>> {
        let mut st = self.conn().prepare_cached(
            "SELECT id, episode_id, noted_on, channel, summary, template FROM note \
             WHERE episode_id = ?1 ORDER BY noted_on DESC, id DESC",
        )?;
        let rows = st
            .query_map([episode_id], note_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The latest `limit` notes over all of a client's episodes, newest first.
    pub fn latest_notes(&self, client_id: Id, limit: usize) -> Result<Vec<Note>> {
        let mut st = self.conn().prepare_cached(
            "SELECT n.id, n.episode_id, n.noted_on, n.channel, n.summary, n.template \
             FROM episode e JOIN note n ON n.episode_id = e.id \
             WHERE e.client_id = ?1 ORDER BY n.noted_on DESC, n.id DESC LIMIT ?2",
        )?;
        let rows = st
            .query_map(params![client_id, limit as i64], note_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
