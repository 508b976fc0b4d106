//! Trajectories as caseworker operations, each one transaction checked by the domain rules
//! (`domain::trajectory`): assign, change status, record a review; and the lock-in flags.
//!
//! Each operation exists on [`Tx`] (to combine with other writes in one transaction) and
//! on [`Store`] (one transaction of its own).

use super::trajectories::{COLS, trajectory_row};
use super::{Result, Store, Tx};
use crate::domain::codes::{AssessmentKind, TrajectoryStatus};
use crate::domain::lock_in::LockInFlags;
use crate::domain::model::{Assessment, Id, Review, Trajectory, TrajectoryEvent};
use crate::domain::trajectory::{self, Assignment, ReviewInput, StatusChange, TrajectoryError};
use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use std::collections::HashMap;

impl Tx<'_> {
    /// Assigns a trajectory to a current benefit period, or to an ended one whose
    /// aftercare is still running (a jobhunter when a contract is not renewed, job
    /// coaching at the new workplace): the trajectory (status `referred`, or `started`
    /// when the assignment has a start date), its status events, and its first review one
    /// interval after the start (or the referral).
    pub fn assign_trajectory(&self, episode_id: Id, a: &Assignment) -> Result<Id> {
        let exit: Option<Option<String>> = self
            .conn()
            .prepare_cached("SELECT exit_date FROM episode WHERE id = ?1")?
            .query_row([episode_id], |r| r.get(0))
            .optional()?;
        match exit {
            None => return Err(TrajectoryError::EpisodeNotFound.into()),
            Some(Some(_))
                if !super::aftercare_view::aftercare_running(self.conn(), episode_id)? =>
            {
                return Err(TrajectoryError::EpisodeEnded.into());
            }
            Some(_) => {}
        }
        let t = a.to_trajectory(episode_id)?;
        let id = self.insert_trajectory(&t)?;
        self.insert_trajectory_event(&event(id, t.referred_on, TrajectoryStatus::Referred, ""))?;
        if let Some(start) = t.start_date {
            self.insert_trajectory_event(&event(id, start, TrajectoryStatus::Started, ""))?;
        }
        Ok(id)
    }

    /// Moves a trajectory along the status machine (see `trajectory::apply`): writes the
    /// trajectory (start or end date, result or stop reason, next review) and the status
    /// event (a stop's reason is its note). Returns the trajectory as it now stands.
    pub fn change_trajectory_status(&self, id: Id, c: &StatusChange) -> Result<Trajectory> {
        let t = self.trajectory(id)?.ok_or(TrajectoryError::NotFound)?;
        let new = trajectory::apply(&t, c)?;
        self.update_trajectory(&new)?;
        let note = new
            .stop_reason
            .as_deref()
            .filter(|_| c.to == TrajectoryStatus::Stopped);
        self.insert_trajectory_event(&event(id, c.on, c.to, note.unwrap_or("")))?;
        Ok(new)
    }

    /// Records a review of a running trajectory: the review, a ladder assessment of kind
    /// `review` when a new rung is given, and the trajectory's next review date.
    pub fn record_review(&self, trajectory_id: Id, r: &ReviewInput) -> Result<Id> {
        let mut t = self
            .trajectory(trajectory_id)?
            .ok_or(TrajectoryError::NotFound)?;
        r.check(&t)?;
        let assessment_id = r
            .new_rung
            .map(|rung| {
                self.insert_assessment(&Assessment {
                    id: 0,
                    episode_id: t.episode_id,
                    assessed_on: r.on,
                    kind: AssessmentKind::Review,
                    rung: Some(rung),
                    scores: Vec::new(),
                })
            })
            .transpose()?;
        let id = self.insert_review(&Review {
            id: 0,
            trajectory_id,
            reviewed_on: r.on,
            progress: r.progress.trim().to_owned(),
            assessment_id,
            next_review: Some(r.next_review),
        })?;
        t.next_review = Some(r.next_review);
        self.update_trajectory(&t)?;
        Ok(id)
    }
}

fn event(
    trajectory_id: Id,
    on: NaiveDate,
    status: TrajectoryStatus,
    note: &str,
) -> TrajectoryEvent {
    TrajectoryEvent {
        id: 0,
        trajectory_id,
        on_date: on,
        status,
        note: note.to_owned(),
    }
}

impl Store {
    /// Assigns a trajectory in one transaction (see [`Tx::assign_trajectory`]).
    pub fn assign_trajectory(&mut self, episode_id: Id, a: &Assignment) -> Result<Id> {
        self.write(|tx| tx.assign_trajectory(episode_id, a))
    }

    /// Changes a trajectory's status in one transaction (see
    /// [`Tx::change_trajectory_status`]); a refused move is a `StoreError::Trajectory`.
    pub fn change_trajectory_status(&mut self, id: Id, c: &StatusChange) -> Result<Trajectory> {
        self.write(|tx| tx.change_trajectory_status(id, c))
    }

    /// Records a review in one transaction (see [`Tx::record_review`]).
    pub fn record_review(&mut self, trajectory_id: Id, r: &ReviewInput) -> Result<Id> {
        self.write(|tx| tx.record_review(trajectory_id, r))
    }

    /// Every trajectory of a client over all benefit periods, oldest referral first.
    pub fn client_trajectories(&self, client_id: Id) -> Result<Vec<Trajectory>> {
        let cols = COLS
            .split(", ")
            .map(|c| format!("t.{}", c.trim()))
            .collect::<Vec<_>>()
            .join(", ");
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {cols} FROM episode e JOIN trajectory t ON t.episode_id = e.id \
             WHERE e.client_id = ?1 ORDER BY t.referred_on, t.id"
        ))?;
        let rows = st
            .query_map([client_id], trajectory_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The lock-in flags of every client with a running trajectory past its planned end
    /// or with an overdue review on `today` (clients without flags are left out).
    pub fn lock_ins(&self, today: NaiveDate) -> Result<HashMap<Id, LockInFlags>> {
        let mut out: HashMap<Id, LockInFlags> = HashMap::new();
        // One query per flag, each matching its partial index on the due date.
        for (column, flag) in [
            (
                "planned_end",
                LockInFlags {
                    past_planned_end: true,
                    review_overdue: false,
                },
            ),
            (
                "next_review",
                LockInFlags {
                    past_planned_end: false,
                    review_overdue: true,
                },
            ),
        ] {
            let mut st = self.conn().prepare_cached(&format!(
                "SELECT e.client_id FROM trajectory t JOIN episode e ON e.id = t.episode_id \
                 WHERE t.status IN ('referred', 'started') AND t.{column} IS NOT NULL \
                 AND t.{column} < ?1"
            ))?;
            let rows = st.query_map([today], |r| r.get::<_, Id>(0))?;
            for client in rows {
                let e = out.entry(client?).or_default();
                *e = e.union(flag);
            }
        }
        Ok(out)
    }

    /// The lock-in flags of one client's running trajectories on `today`, by trajectory.
    pub fn client_lock_ins(
        &self,
        client_id: Id,
        today: NaiveDate,
    ) -> Result<Vec<(Id, LockInFlags)>> {
        Ok(self
            .client_trajectories(client_id)?
            .iter()
            .map(|t| (t.id, LockInFlags::of(t, today)))
            .filter(|(_, f)| !f.is_empty())
            .collect())
    }
}
