//! The plan of action: goals and agreements (with follow-up dates).

use super::convert::maybe_day;
use super::table::{Params, Table};
use super::{Result, Store, Tx};
use crate::domain::model::{Agreement, Goal, Id};
use rusqlite::types::ToSql;
use rusqlite::{Connection, OptionalExtension, Row};

/// The goal's columns.
const GOAL: Table = Table {
    name: "goal",
    key: "id",
    cols: &["episode_id", "term", "text", "target_date", "done_on"],
    stamped: true,
};

/// A goal's values by column (its text trimmed), every field named.
fn goal_params<'a>(g: &'a Goal, text: &'a dyn ToSql) -> Params<'a> {
    let Goal {
        id: _,
        episode_id,
        term,
        text: _,
        target_date,
        done_on,
    } = g;
    vec![
        (":episode_id", episode_id),
        (":term", term),
        (":text", text),
        (":target_date", maybe_day(target_date)),
        (":done_on", maybe_day(done_on)),
    ]
}

fn goal_row(r: &Row) -> rusqlite::Result<Goal> {
    Ok(Goal {
        id: r.get("id")?,
        episode_id: r.get("episode_id")?,
        term: r.get("term")?,
        text: r.get("text")?,
        target_date: r.get("target_date")?,
        done_on: r.get("done_on")?,
    })
}

/// The agreement's columns.
const AGREEMENT: Table = Table {
    name: "agreement",
    key: "id",
    cols: &[
        "episode_id",
        "note_id",
        "text",
        "who",
        "follow_up",
        "done_on",
    ],
    stamped: true,
};

/// An agreement's values by column (its text trimmed), every field named.
fn agreement_params<'a>(a: &'a Agreement, text: &'a dyn ToSql) -> Params<'a> {
    let Agreement {
        id: _,
        episode_id,
        note_id,
        text: _,
        who,
        follow_up,
        done_on,
    } = a;
    vec![
        (":episode_id", episode_id),
        (":note_id", note_id),
        (":text", text),
        (":who", who),
        (":follow_up", maybe_day(follow_up)),
        (":done_on", maybe_day(done_on)),
    ]
}

fn agreement_row(r: &Row) -> rusqlite::Result<Agreement> {
    Ok(Agreement {
        id: r.get("id")?,
        episode_id: r.get("episode_id")?,
        note_id: r.get("note_id")?,
        text: r.get("text")?,
        who: r.get("who")?,
        follow_up: r.get("follow_up")?,
        done_on: r.get("done_on")?,
    })
}

impl Tx<'_> {
    /// Adds a goal to the plan.
    pub fn insert_goal(&self, g: &Goal) -> Result<Id> {
        let text = g.text.trim();
        self.insert_row(&GOAL, goal_params(g, &text))
    }

    /// Changes a goal (the record as given: text, term, target, done).
    pub fn update_goal(&self, g: &Goal) -> Result<()> {
        let text = g.text.trim();
        self.update_row(&GOAL, g.id, goal_params(g, &text))
    }

    /// Adds an agreement.
    pub fn insert_agreement(&self, a: &Agreement) -> Result<Id> {
        let text = a.text.trim();
        self.insert_row(&AGREEMENT, agreement_params(a, &text))
    }

    /// Changes an agreement (the record as given: text, who, follow-up, done).
    pub fn update_agreement(&self, a: &Agreement) -> Result<()> {
        let text = a.text.trim();
        self.update_row(&AGREEMENT, a.id, agreement_params(a, &text))
    }
}

impl Store {
    /// The goals of an episode, in the order they were made.
    pub fn goals(&self, episode_id: Id) -> Result<Vec<Goal>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {} FROM goal WHERE episode_id = ?1 ORDER BY id",
            GOAL.select("")
        ))?;
        let rows = st
            .query_map([episode_id], goal_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The agreements of an episode, in the order they were made.
    pub fn agreements(&self, episode_id: Id) -> Result<Vec<Agreement>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {} FROM agreement WHERE episode_id = ?1 ORDER BY id",
            AGREEMENT.select("")
        ))?;
        let rows = st
            .query_map([episode_id], agreement_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// One agreement.
    pub fn agreement(&self, id: Id) -> Result<Option<Agreement>> {
        agreement(self.conn(), id)
    }
}

/// One agreement, on any connection (a transaction's included).
pub(super) fn agreement(conn: &Connection, id: Id) -> Result<Option<Agreement>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {} FROM agreement WHERE id = ?1",
            AGREEMENT.select("")
        ))?
        .query_row([id], agreement_row)
        .optional()?)
}

/// The agreements made in a note, in the order they were made.
pub(super) fn agreements_of_note(conn: &Connection, note_id: Id) -> Result<Vec<Agreement>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {} FROM agreement WHERE note_id = ?1 ORDER BY id",
        AGREEMENT.select("")
    ))?;
    let rows = st
        .query_map([note_id], agreement_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One goal, on any connection.
pub(super) fn goal(conn: &Connection, id: Id) -> Result<Option<Goal>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {} FROM goal WHERE id = ?1",
            GOAL.select("")
        ))?
        .query_row([id], goal_row)
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::codes::{Term, Who};

    #[test]
    fn the_params_name_every_column() {
        let text = String::new();
        let g = Goal {
            id: 0,
            episode_id: 1,
            term: Term::Short,
            text: text.clone(),
            target_date: None,
            done_on: None,
        };
        assert!(GOAL.covers(&goal_params(&g, &text)));
        let a = Agreement {
            id: 0,
            episode_id: 1,
            note_id: None,
            text: text.clone(),
            who: Who::Client,
            follow_up: None,
            done_on: None,
        };
        assert!(AGREEMENT.covers(&agreement_params(&a, &text)));
    }
}
