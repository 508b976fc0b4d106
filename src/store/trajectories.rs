//! Trajectories, their status events and their reviews.

use super::convert::{code, d, date, oc, od, opt_code, opt_date};
use super::{Result, Store, Tx};
use crate::domain::assignment::check_cost;
use crate::domain::codes::Code;
use crate::domain::model::{Id, Review, Trajectory, TrajectoryEvent};
use rusqlite::{OptionalExtension, Row, params};

pub(super) const COLS: &str = "id, episode_id, instrument, instrument_name, provider, status, referred_on, \
     start_date, planned_end, ended_on, goal, cost_cents, funding, review_interval_months, \
     next_review, result, stop_reason";

pub(super) fn trajectory_row(r: &Row) -> rusqlite::Result<Trajectory> {
    Ok(Trajectory {
        id: r.get(0)?,
        episode_id: r.get(1)?,
        instrument: r.get(2)?,
        instrument_name: r.get(3)?,
        provider: r.get(4)?,
        status: code(r, 5)?,
        referred_on: date(r, 6)?,
        start_date: opt_date(r, 7)?,
        planned_end: opt_date(r, 8)?,
        ended_on: opt_date(r, 9)?,
        goal: r.get(10)?,
        cost_cents: r.get(11)?,
        funding: r.get(12)?,
        review_interval_months: r.get(13)?,
        next_review: opt_date(r, 14)?,
        result: opt_code(r, 15)?,
        stop_reason: r.get(16)?,
    })
}

impl Tx<'_> {
    /// Records a trajectory as it stands (its status events are written apart).
    pub fn insert_trajectory(&self, t: &Trajectory) -> Result<Id> {
        check_cost(t.cost_cents)?;
        self.conn()
            .prepare_cached(
                "INSERT INTO trajectory (episode_id, instrument, instrument_name, provider, \
                 status, referred_on, start_date, planned_end, ended_on, goal, cost_cents, \
                 funding, review_interval_months, next_review, result, stop_reason, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            )?
            .execute(params![
                t.episode_id,
                t.instrument,
                t.instrument_name,
                t.provider.trim(),
                t.status.code(),
                d(t.referred_on),
                od(t.start_date),
                od(t.planned_end),
                od(t.ended_on),
                t.goal,
                t.cost_cents,
                t.funding,
                t.review_interval_months,
                od(t.next_review),
                oc(t.result),
                t.stop_reason,
                self.now
            ])?;
        let id = self.conn().last_insert_rowid();
        self.audit("trajectory", id, "create")?;
        Ok(id)
    }

    /// Writes a trajectory's changed fields (status, dates, result, review).
    pub fn update_trajectory(&self, t: &Trajectory) -> Result<()> {
        check_cost(t.cost_cents)?;
        self.conn()
            .prepare_cached(
                "UPDATE trajectory SET provider = ?2, status = ?3, referred_on = ?4, \
                 start_date = ?5, planned_end = ?6, ended_on = ?7, goal = ?8, cost_cents = ?9, \
                 funding = ?10, review_interval_months = ?11, next_review = ?12, result = ?13, \
                 stop_reason = ?14 WHERE id = ?1",
            )?
            .execute(params![
                t.id,
                t.provider.trim(),
                t.status.code(),
                d(t.referred_on),
                od(t.start_date),
                od(t.planned_end),
                od(t.ended_on),
                t.goal,
                t.cost_cents,
                t.funding,
                t.review_interval_months,
                od(t.next_review),
                oc(t.result),
                t.stop_reason
            ])?;
        self.audit("trajectory", t.id, "update")
    }

    /// Records a status change of a trajectory.
    pub fn insert_trajectory_event(&self, e: &TrajectoryEvent) -> Result<Id> {
        self.conn()
            .prepare_cached(
                "INSERT INTO trajectory_event (trajectory_id, on_date, status, note, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                e.trajectory_id,
                d(e.on_date),
                e.status.code(),
                e.note,
                self.now
            ])?;
        let id = self.conn().last_insert_rowid();
        self.audit("trajectory_event", id, "create")?;
        Ok(id)
    }

    /// Records a review of a trajectory.
    pub fn insert_review(&self, rv: &Review) -> Result<Id> {
        self.conn()
            .prepare_cached(
                "INSERT INTO review (trajectory_id, reviewed_on, progress, assessment_id, \
                 next_review, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                rv.trajectory_id,
                d(rv.reviewed_on),
                rv.progress,
                rv.assessment_id,
                od(rv.next_review),
                self.now
            ])?;
        let id = self.conn().last_insert_rowid();
        self.audit("review", id, "create")?;
        Ok(id)
    }

    /// The trajectories of an episode, inside this transaction.
    pub fn trajectories(&self, episode_id: Id) -> Result<Vec<Trajectory>> {
        trajectories(self.conn(), episode_id)
    }

    /// One trajectory, inside this transaction.
    pub fn trajectory(&self, id: Id) -> Result<Option<Trajectory>> {
        trajectory(self.conn(), id)
    }
}

fn trajectory(conn: &rusqlite::Connection, id: Id) -> Result<Option<Trajectory>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLS} FROM trajectory WHERE id = ?1"))?
        .query_row([id], trajectory_row)
        .optional()?)
}

pub(super) fn trajectories(conn: &rusqlite::Connection, episode_id: Id) -> Result<Vec<Trajectory>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM trajectory WHERE episode_id = ?1 ORDER BY referred_on, id"
    ))?;
    let rows = st
        .query_map([episode_id], trajectory_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

impl Store {
    /// The trajectories of an episode, oldest first.
    pub fn trajectories(&self, episode_id: Id) -> Result<Vec<Trajectory>> {
        trajectories(self.conn(), episode_id)
    }

    /// One trajectory.
    pub fn trajectory(&self, id: Id) -> Result<Option<Trajectory>> {
        trajectory(self.conn(), id)
    }

    /// The status events of a trajectory, oldest first.
    pub fn trajectory_events(&self, trajectory_id: Id) -> Result<Vec<TrajectoryEvent>> {
        let mut st = self.conn().prepare_cached(
            "SELECT id, trajectory_id, on_date, status, note FROM trajectory_event \
             WHERE trajectory_id = ?1 ORDER BY on_date, id",
        )?;
        let rows = st
            .query_map([trajectory_id], |r| {
                Ok(TrajectoryEvent {
                    id: r.get(0)?,
                    trajectory_id: r.get(1)?,
                    on_date: date(r, 2)?,
                    status: code(r, 3)?,
                    note: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The reviews of a trajectory, oldest first.
    pub fn reviews(&self, trajectory_id: Id) -> Result<Vec<Review>> {
        let mut st = self.conn().prepare_cached(
            "SELECT id, trajectory_id, reviewed_on, progress, assessment_id, next_review \
             FROM review WHERE trajectory_id = ?1 ORDER BY reviewed_on, id",
        )?;
        let rows = st
            .query_map([trajectory_id], |r| {
                Ok(Review {
                    id: r.get(0)?,
                    trajectory_id: r.get(1)?,
                    reviewed_on: date(r, 2)?,
                    progress: r.get(3)?,
                    assessment_id: r.get(4)?,
                    next_review: opt_date(r, 5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Providers used before, most used first (for completion in the form).
    pub fn providers(&self) -> Result<Vec<String>> {
        let mut st = self.conn().prepare_cached(
            "SELECT provider FROM trajectory WHERE provider <> '' \
             GROUP BY provider ORDER BY count(*) DESC, provider LIMIT 200",
        )?;
        let rows = st
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
