//! The plan of action: goals and agreements (with follow-up dates).

use super::convert::{code, d, od, opt_date};
use super::{Result, Store, Tx};
use crate::domain::codes::Code;
use crate::domain::model::{Agreement, Goal, Id};
use rusqlite::{Connection, OptionalExtension, Row, params};

fn goal_row(r: &Row) -> rusqlite::Result<Goal> {
    Ok(Goal {
        id: r.get(0)?,
        episode_id: r.get(1)?,
        term: code(r, 2)?,
        text: r.get(3)?,
        target_date: opt_date(r, 4)?,
        done_on: opt_date(r, 5)?,
    })
}

fn agreement_row(r: &Row) -> rusqlite::Result<Agreement> {
    Ok(Agreement {
        id: r.get(0)?,
        episode_id: r.get(1)?,
        note_id: r.get(2)?,
        text: r.get(3)?,
        who: code(r, 4)?,
        follow_up: opt_date(r, 5)?,
        done_on: opt_date(r, 6)?,
    })
}

impl Tx<'_> {
    /// Adds a goal to the plan.
    pub fn insert_goal(&self, g: &Goal) -> Result<Id> {
        self.conn()
            .prepare_cached(
                "INSERT INTO goal (episode_id, term, text, target_date, done_on, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                g.episode_id,
                g.term.code(),
                g.text.trim(),
                od(g.target_date),
                od(g.done_on),
                self.now
            ])?;
        let id = self.conn().last_insert_rowid();
        self.audit("goal", id, "create")?;
        Ok(id)
    }

    /// Changes a goal (text, term, target, done).
    pub fn update_goal(&self, g: &Goal) -> Result<()> {
        self.conn()
            .prepare_cached(
                "UPDATE goal SET term = ?2, text = ?3, target_date = ?4, done_on = ?5 \
                 WHERE id = ?1",
            )?
            .execute(params![
                g.id,
                g.term.code(),
                g.text.trim(),
                od(g.target_date),
                od(g.done_on)
            ])?;
        self.audit("goal", g.id, "update")
    }

    /// Adds an agreement.
    pub fn insert_agreement(&self, a: &Agreement) -> Result<Id> {
        self.conn()
            .prepare_cached(
                "INSERT INTO agreement (episode_id, note_id, text, who, follow_up, done_on, \
                 created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                a.episode_id,
                a.note_id,
                a.text.trim(),
                a.who.code(),
                od(a.follow_up),
                od(a.done_on),
                self.now
            ])?;
        let id = self.conn().last_insert_rowid();
        self.audit("agreement", id, "create")?;
        Ok(id)
    }

    /// Changes an agreement (text, who, follow-up, done).
    pub fn update_agreement(&self, a: &Agreement) -> Result<()> {
        self.conn()
            .prepare_cached(
                "UPDATE agreement SET text = ?2, who = ?3, follow_up = ?4, done_on = ?5 \
                 WHERE id = ?1",
            )?
            .execute(params![
                a.id,
                a.text.trim(),
                a.who.code(),
                od(a.follow_up),
                od(a.done_on)
            ])?;
        self.audit("agreement", a.id, "update")
    }

    /// Marks an agreement done on a date.
    pub fn agreement_done(&self, id: Id, on: chrono::NaiveDate) -> Result<()> {
        self.conn()
            .prepare_cached("UPDATE agreement SET done_on = ?2 WHERE id = ?1")?
            .execute(params![id, d(on)])?;
        self.audit("agreement", id, "update")
    }
}

impl Store {
    /// The goals of an episode, in the order they were made.
    pub fn goals(&self, episode_id: Id) -> Result<Vec<Goal>> {
        let mut st = self.conn().prepare_cached(
            "SELECT id, episode_id, term, text, target_date, done_on FROM goal \
             WHERE episode_id = ?1 ORDER BY id",
        )?;
        let rows = st
            .query_map([episode_id], goal_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The agreements of an episode, in the order they were made.
    pub fn agreements(&self, episode_id: Id) -> Result<Vec<Agreement>> {
        let mut st = self.conn().prepare_cached(
            "SELECT id, episode_id, note_id, text, who, follow_up, done_on FROM agreement \
             WHERE episode_id = ?1 ORDER BY id",
        )?;
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

const AGREEMENT_COLS: &str = "id, episode_id, note_id, text, who, follow_up, done_on";

/// One agreement, on any connection (a transaction's included).
pub(super) fn agreement(conn: &Connection, id: Id) -> Result<Option<Agreement>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {AGREEMENT_COLS} FROM agreement WHERE id = ?1"
        ))?
        .query_row([id], agreement_row)
        .optional()?)
}

/// The agreements made in a note, in the order they were made.
pub(super) fn agreements_of_note(conn: &Connection, note_id: Id) -> Result<Vec<Agreement>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {AGREEMENT_COLS} FROM agreement WHERE note_id = ?1 ORDER BY id"
    ))?;
    let rows = st
        .query_map([note_id], agreement_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One goal, on any connection.
pub(super) fn goal(conn: &Connection, id: Id) -> Result<Option<Goal>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, episode_id, term, text, target_date, done_on FROM goal WHERE id = ?1",
        )?
        .query_row([id], goal_row)
        .optional()?)
}
