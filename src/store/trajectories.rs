//! Trajectories, their status events and their reviews.

use super::convert::{day, maybe_day};
use super::corrections::TrajectoryFix;
use super::table::{Params, Table};
use super::{Result, Store, StoreError, Tx};
use crate::domain::assignment::check_cost;
use crate::domain::model::{Id, Review, Trajectory, TrajectoryEvent};
use chrono::NaiveDate;
use rusqlite::types::ToSql;
use rusqlite::{OptionalExtension, Row, params};

/// The trajectory's columns.
const TRAJECTORY: Table = Table {
    name: "trajectory",
    key: "id",
    cols: &[
        "episode_id",
        "instrument",
        "instrument_name",
        "provider",
        "status",
        "referred_on",
        "start_date",
        "planned_end",
        "ended_on",
        "goal",
        "cost_cents",
        "funding",
        "review_interval_months",
        "next_review",
        "result",
        "stop_reason",
    ],
    stamped: true,
};

/// `TRAJECTORY.select("")` as a constant, for `journey.rs` until it selects through the
/// table (a test keeps the two the same).
pub(super) const COLS: &str = "id, episode_id, instrument, instrument_name, provider, status, \
     referred_on, start_date, planned_end, ended_on, goal, cost_cents, funding, \
     review_interval_months, next_review, result, stop_reason";

/// A trajectory's values by column (its provider trimmed), every field named.
fn trajectory_params<'a>(t: &'a Trajectory, provider: &'a dyn ToSql) -> Params<'a> {
    let Trajectory {
        id: _,
        episode_id,
        instrument,
        instrument_name,
        provider: _,
        status,
        referred_on,
        start_date,
        planned_end,
        ended_on,
        goal,
        cost_cents,
        funding,
        review_interval_months,
        next_review,
        result,
        stop_reason,
    } = t;
    vec![
        (":episode_id", episode_id),
        (":instrument", instrument),
        (":instrument_name", instrument_name),
        (":provider", provider),
        (":status", status),
        (":referred_on", day(referred_on)),
        (":start_date", maybe_day(start_date)),
        (":planned_end", maybe_day(planned_end)),
        (":ended_on", maybe_day(ended_on)),
        (":goal", goal),
        (":cost_cents", cost_cents),
        (":funding", funding),
        (":review_interval_months", review_interval_months),
        (":next_review", maybe_day(next_review)),
        (":result", result),
        (":stop_reason", stop_reason),
    ]
}

/// A trajectory row, by column name.
pub(super) fn trajectory_row(r: &Row) -> rusqlite::Result<Trajectory> {
    Ok(Trajectory {
        id: r.get("id")?,
        episode_id: r.get("episode_id")?,
        instrument: r.get("instrument")?,
        instrument_name: r.get("instrument_name")?,
        provider: r.get("provider")?,
        status: r.get("status")?,
        referred_on: r.get("referred_on")?,
        start_date: r.get("start_date")?,
        planned_end: r.get("planned_end")?,
        ended_on: r.get("ended_on")?,
        goal: r.get("goal")?,
        cost_cents: r.get("cost_cents")?,
        funding: r.get("funding")?,
        review_interval_months: r.get("review_interval_months")?,
        next_review: r.get("next_review")?,
        result: r.get("result")?,
        stop_reason: r.get("stop_reason")?,
    })
}

/// The status event's columns.
const EVENT: Table = Table {
    name: "trajectory_event",
    key: "id",
    cols: &["trajectory_id", "on_date", "status", "note"],
    stamped: true,
};

/// A status event's values by column, every field named.
fn event_params(e: &TrajectoryEvent) -> Params<'_> {
    let TrajectoryEvent {
        id: _,
        trajectory_id,
        on_date,
        status,
        note,
    } = e;
    vec![
        (":trajectory_id", trajectory_id),
        (":on_date", day(on_date)),
        (":status", status),
        (":note", note),
    ]
}

fn event_row(r: &Row) -> rusqlite::Result<TrajectoryEvent> {
    Ok(TrajectoryEvent {
        id: r.get("id")?,
        trajectory_id: r.get("trajectory_id")?,
        on_date: r.get("on_date")?,
        status: r.get("status")?,
        note: r.get("note")?,
    })
}

/// The review's columns.
const REVIEW: Table = Table {
    name: "review",
    key: "id",
    cols: &[
        "trajectory_id",
        "reviewed_on",
        "progress",
        "assessment_id",
        "next_review",
    ],
    stamped: true,
};

/// A review's values by column, every field named.
fn review_params(rv: &Review) -> Params<'_> {
    let Review {
        id: _,
        trajectory_id,
        reviewed_on,
        progress,
        assessment_id,
        next_review,
    } = rv;
    vec![
        (":trajectory_id", trajectory_id),
        (":reviewed_on", day(reviewed_on)),
        (":progress", progress),
        (":assessment_id", assessment_id),
        (":next_review", maybe_day(next_review)),
    ]
}

fn review_row(r: &Row) -> rusqlite::Result<Review> {
    Ok(Review {
        id: r.get("id")?,
        trajectory_id: r.get("trajectory_id")?,
        reviewed_on: r.get("reviewed_on")?,
        progress: r.get("progress")?,
        assessment_id: r.get("assessment_id")?,
        next_review: r.get("next_review")?,
    })
}

impl Tx<'_> {
    /// Records a trajectory as it stands (its status events are written apart).
    pub fn insert_trajectory(&self, t: &Trajectory) -> Result<Id> {
        check_cost(t.cost_cents)?;
        let provider = t.provider.trim();
        self.insert_row(&TRAJECTORY, trajectory_params(t, &provider))
    }

    /// Writes a trajectory as given (status, dates, result, review).
    pub fn update_trajectory(&self, t: &Trajectory) -> Result<()> {
        check_cost(t.cost_cents)?;
        let provider = t.provider.trim();
        self.update_row(&TRAJECTORY, t.id, trajectory_params(t, &provider))
    }

    /// Records a status change of a trajectory.
    pub fn insert_trajectory_event(&self, e: &TrajectoryEvent) -> Result<Id> {
        self.insert_row(&EVENT, event_params(e))
    }

    /// Records a review of a trajectory.
    pub fn insert_review(&self, rv: &Review) -> Result<Id> {
        self.insert_row(&REVIEW, review_params(rv))
    }

    /// Moves the dates of a trajectory's status events to the dates of `fix`: referred on
    /// the referral, started on the start, completed or stopped on the end.
    pub(super) fn move_trajectory_events(&self, id: Id, fix: &TrajectoryFix) -> Result<()> {
        let mut st = self.conn().prepare_cached(
            "UPDATE trajectory_event SET on_date = ?3 WHERE trajectory_id = ?1 AND status = ?2",
        )?;
        st.execute(params![id, "referred", fix.referred_on.to_string()])?;
        if let Some(d) = fix.start_date {
            st.execute(params![id, "started", d.to_string()])?;
        }
        if let Some(d) = fix.ended_on {
            st.execute(params![id, "completed", d.to_string()])?;
            st.execute(params![id, "stopped", d.to_string()])?;
        }
        Ok(())
    }

    /// Whether an exit names the trajectory as how the job was found and lies before
    /// `began` (the trajectory's start).
    pub(super) fn exit_before_start(&self, id: Id, began: NaiveDate) -> Result<bool> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT count(*) > 0 FROM exit_interview x JOIN episode e ON e.id = x.episode_id \
                 WHERE x.found_via_trajectory_id = ?1 AND e.exit_date < ?2",
            )?
            .query_row(params![id, began.to_string()], |r| r.get(0))?)
    }

    /// The trajectories of an episode, inside this transaction.
    pub fn trajectories(&self, episode_id: Id) -> Result<Vec<Trajectory>> {
        trajectories(self.conn(), episode_id)
    }

    /// Voids a trajectory entered in error (a wrong instrument picked): it goes, with its
    /// events and reviews, from the file, the agenda, the reports and the export; the
    /// change log keeps it with the reason (the client's history shows it, undo brings it
    /// back). Refused while an exit interview names it as how the job was found.
    pub fn void_trajectory(&self, id: Id, reason: &str) -> Result<()> {
        let named: bool = self
            .conn()
            .prepare_cached(
                "SELECT count(*) > 0 FROM exit_interview WHERE found_via_trajectory_id = ?1",
            )?
            .query_row([id], |r| r.get(0))?;
        if named {
            return Err(StoreError::Invalid("void.named_by_exit"));
        }
        let gone = self
            .conn()
            .prepare_cached("DELETE FROM trajectory WHERE id = ?1")?
            .execute([id])?;
        if gone != 1 {
            return Err(StoreError::Invalid("void.gone"));
        }
        self.change_reason(reason)?;
        self.audit("trajectory", id, "delete")
    }

    /// One trajectory, inside this transaction.
    pub fn trajectory(&self, id: Id) -> Result<Option<Trajectory>> {
        trajectory(self.conn(), id)
    }
}

fn trajectory(conn: &rusqlite::Connection, id: Id) -> Result<Option<Trajectory>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {} FROM trajectory WHERE id = ?1",
            TRAJECTORY.select("")
        ))?
        .query_row([id], trajectory_row)
        .optional()?)
}

/// The status events of a trajectory, oldest first.
pub(super) fn events_of(
    conn: &rusqlite::Connection,
    trajectory_id: Id,
) -> Result<Vec<TrajectoryEvent>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {} FROM trajectory_event WHERE trajectory_id = ?1 ORDER BY on_date, id",
        EVENT.select("")
    ))?;
    let rows = st
        .query_map([trajectory_id], event_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(super) fn trajectories(conn: &rusqlite::Connection, episode_id: Id) -> Result<Vec<Trajectory>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {} FROM trajectory WHERE episode_id = ?1 ORDER BY referred_on, id",
        TRAJECTORY.select("")
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
        events_of(self.conn(), trajectory_id)
    }

    /// The reviews of a trajectory, oldest first.
    pub fn reviews(&self, trajectory_id: Id) -> Result<Vec<Review>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {} FROM review WHERE trajectory_id = ?1 ORDER BY reviewed_on, id",
            REVIEW.select("")
        ))?;
        let rows = st
            .query_map([trajectory_id], review_row)?
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::codes::TrajectoryStatus;

    #[test]
    fn the_params_name_every_column() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let t = Trajectory {
            id: 0,
            episode_id: 1,
            instrument: String::new(),
            instrument_name: String::new(),
            provider: String::new(),
            status: TrajectoryStatus::Referred,
            referred_on: day,
            start_date: None,
            planned_end: None,
            ended_on: None,
            goal: String::new(),
            cost_cents: None,
            funding: String::new(),
            review_interval_months: 3,
            next_review: None,
            result: None,
            stop_reason: None,
        };
        assert!(TRAJECTORY.covers(&trajectory_params(&t, &t.provider)));
        let e = TrajectoryEvent {
            id: 0,
            trajectory_id: 1,
            on_date: day,
            status: TrajectoryStatus::Referred,
            note: String::new(),
        };
        assert!(EVENT.covers(&event_params(&e)));
        let rv = Review {
            id: 0,
            trajectory_id: 1,
            reviewed_on: day,
            progress: String::new(),
            assessment_id: None,
            next_review: None,
        };
        assert!(REVIEW.covers(&review_params(&rv)));
    }

    #[test]
    fn the_constant_column_list_is_the_tables() {
        assert_eq!(COLS, TRAJECTORY.select(""));
    }
}
