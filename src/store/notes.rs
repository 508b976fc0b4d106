//! Contact notes: the conversations that make up the case timeline.

use super::convert::day;
use super::table::{Params, Table};
use super::{Result, Store, Tx};
use crate::domain::model::{Id, Note};
use rusqlite::{Row, params};

/// The note's columns.
pub(super) const NOTE: Table = Table {
    name: "note",
    key: "id",
    cols: &["episode_id", "noted_on", "channel", "summary", "template"],
    stamped: true,
};

/// A note's values by column, every field named.
pub(super) fn note_params(n: &Note) -> Params<'_> {
    let Note {
        id: _,
        episode_id,
        noted_on,
        channel,
        summary,
        template,
    } = n;
    vec![
        (":episode_id", episode_id),
        (":noted_on", day(noted_on)),
        (":channel", channel),
        (":summary", summary),
        (":template", template),
    ]
}

/// A note row, by column name.
pub(super) fn note_row(r: &Row) -> rusqlite::Result<Note> {
    Ok(Note {
        id: r.get("id")?,
        episode_id: r.get("episode_id")?,
        noted_on: r.get("noted_on")?,
        channel: r.get("channel")?,
        summary: r.get("summary")?,
        template: r.get("template")?,
    })
}

impl Tx<'_> {
    /// Adds a contact note.
    pub fn insert_note(&self, n: &Note) -> Result<Id> {
        self.insert_row(&NOTE, note_params(n))
    }
}

impl Store {
    /// The notes of an episode, newest first.
    pub fn notes(&self, episode_id: Id) -> Result<Vec<Note>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {} FROM note WHERE episode_id = ?1 ORDER BY noted_on DESC, id DESC",
            NOTE.select("")
        ))?;
        let rows = st
            .query_map([episode_id], note_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The latest `limit` notes over all of a client's episodes, newest first.
    pub fn latest_notes(&self, client_id: Id, limit: usize) -> Result<Vec<Note>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {} FROM episode e JOIN note n ON n.episode_id = e.id \
             WHERE e.client_id = ?1 ORDER BY n.noted_on DESC, n.id DESC LIMIT ?2",
            NOTE.select("n")
        ))?;
        let rows = st
            .query_map(params![client_id, limit as i64], note_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::codes::Channel;

    #[test]
    fn the_params_name_every_column() {
        let n = Note {
            id: 0,
            episode_id: 1,
            noted_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            channel: Channel::Phone,
            summary: String::new(),
            template: None,
        };
        assert!(NOTE.covers(&note_params(&n)));
    }
}
