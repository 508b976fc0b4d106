//! Corrections of saved records that must keep the rest true: the start of a benefit period
//! (`domain::period_start`), the client's birth date (a study exit stays one of a client
//! under 27, `domain::contradictions`), a trajectory's provider and dates (its status
//! events move with them; extending a running one records the lock-in decision as a review).

use super::clients::{episode_by_id, episodes_of};
use super::{Result, StoreError, Tx};
use crate::domain::contradictions;
use crate::domain::date::fmt_date;
use crate::domain::model::{Episode, Id, Person, Review, Trajectory};
use crate::domain::period_start;
use crate::domain::trajectory::is_running;
use crate::i18n::{Lang, tf};
use chrono::NaiveDate;

/// What a trajectory's correction may change (the instrument is not: a wrong one is voided
/// and assigned again).
#[derive(Clone, Debug, PartialEq)]
pub struct TrajectoryFix {
    pub provider: String,
    pub referred_on: NaiveDate,
    pub start_date: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    pub goal: String,
    pub cost_cents: Option<i64>,
    pub funding: String,
}

impl TrajectoryFix {
    /// The fix that changes nothing.
    pub fn of(t: &Trajectory) -> TrajectoryFix {
        TrajectoryFix {
            provider: t.provider.clone(),
            referred_on: t.referred_on,
            start_date: t.start_date,
            planned_end: t.planned_end,
            ended_on: t.ended_on,
            goal: t.goal.clone(),
            cost_cents: t.cost_cents,
            funding: t.funding.clone(),
        }
    }

    /// Whether it moves the planned end of `t` later (giving one where there was none is
    /// not an extension: nothing was planned to end).
    pub fn extends(&self, t: &Trajectory) -> bool {
        match (t.planned_end, self.planned_end) {
            (Some(was), Some(now)) => now > was,
            _ => false,
        }
    }

    /// Why the fix cannot be made to `t` (an i18n key), if it cannot: the dates keep their
    /// order, and a start or end needs the status that has it.
    pub fn problem(&self, t: &Trajectory) -> Option<&'static str> {
        if self.start_date.is_some() != t.start_date.is_some() {
            return Some("trajectory.err.start_by_status");
        }
        if self.ended_on.is_some() != t.ended_on.is_some() {
            return Some("trajectory.err.end_by_status");
        }
        if self.start_date.is_some_and(|s| s < self.referred_on) {
            return Some("trajectory.err.start_before_referral");
        }
        let began = self.start_date.unwrap_or(self.referred_on);
        if self.planned_end.is_some_and(|e| e < began) {
            return Some("trajectory.err.end_before_start");
        }
        if self.ended_on.is_some_and(|e| e < began) {
            return Some("trajectory.err.ended_before_start");
        }
        None
    }
}

impl Tx<'_> {
    /// Changes a period's start and benefit type, when the start keeps the rule of
    /// [`period_start::move_problem`]; else a [`StoreError::Invalid`] and nothing is written.
    pub fn move_episode_start(&self, e: &Episode) -> Result<()> {
        let Some(own) = episode_by_id(self.conn(), e.id)? else {
            return Err(StoreError::Invalid("exit_rule.reentry_no_episode"));
        };
        let all = episodes_of(self.conn(), own.client_id)?;
        if let Some(p) = period_start::move_problem(e.benefit_start, &own, &all) {
            return Err(StoreError::Invalid(p.key()));
        }
        self.update_episode_start(e)
    }

    /// Changes a client's person, when the birth date keeps every study exit of the client
    /// one of a client under 27 (see [`contradictions::birth_date`]).
    pub fn correct_person(&self, client_id: Id, p: &Person) -> Result<()> {
        let periods = episodes_of(self.conn(), client_id)?;
        if let Some(c) = contradictions::birth_date(p.birth_date, &periods) {
            return Err(StoreError::Invalid(c.key_at_birth()));
        }
        self.update_client(client_id, p)
    }

    /// Corrects a trajectory: its fields, the dates of its status events with them, and,
    /// when the planned end of a running one moves later, the lock-in decision (`why`) as a
    /// review on `on`. Refused, with nothing written, when the dates break their order, a
    /// running extension has no reason, or the exit that names it would then precede it.
    pub fn correct_trajectory(
        &self,
        id: Id,
        fix: &TrajectoryFix,
        why: Option<&str>,
        on: NaiveDate,
        lang: Lang,
    ) -> Result<()> {
        let t = self
            .trajectory(id)?
            .ok_or(StoreError::Invalid("void.gone"))?;
        if let Some(key) = fix.problem(&t) {
            return Err(StoreError::Invalid(key));
        }
        let why = why.map(str::trim).filter(|w| !w.is_empty());
        let decision = is_running(t.status) && fix.extends(&t);
        if decision && why.is_none() {
            return Err(StoreError::Invalid("trajectory.err.why_extend"));
        }
        let began = fix.start_date.unwrap_or(fix.referred_on);
        if self.exit_before_start(id, began)? {
            return Err(StoreError::Invalid("trajectory.err.after_exit_found_via"));
        }
        self.update_trajectory(&Trajectory {
            provider: fix.provider.clone(),
            referred_on: fix.referred_on,
            start_date: fix.start_date,
            planned_end: fix.planned_end,
            ended_on: fix.ended_on,
            goal: fix.goal.clone(),
            cost_cents: fix.cost_cents,
            funding: fix.funding.clone(),
            ..t.clone()
        })?;
        self.move_trajectory_events(id, fix)?;
        if let (true, Some(why), Some(was), Some(now)) =
            (decision, why, t.planned_end, fix.planned_end)
        {
            // Written in the caseworker's language, as their own words are.
            let progress = tf(
                lang,
                "trajectory.extended_record",
                &[
                    ("was", &fmt_date(was)),
                    ("now", &fmt_date(now)),
                    ("why", &why),
                ],
            );
            self.insert_review(&Review {
                id: 0,
                trajectory_id: id,
                reviewed_on: on.max(began),
                progress,
                assessment_id: None,
                next_review: t.next_review,
            })?;
        }
        Ok(())
    }
}
