//! The trajectory rules: the status machine, assignment defaults, review scheduling and
//! lock-in flags. Pure: the store applies what these functions return.
//!
//! ```text
//! referred ──► started ──► completed (a result is required)
//!     │            │
//!     └────────────┴─────► stopped   (a reason is required)
//! ```

use super::catalog::Catalog;
use super::codes::{Code, Rung, TrajectoryResult, TrajectoryStatus};
use super::date::{add_days, add_months};
use super::model::Trajectory;
use crate::i18n::{self, Lang};
use chrono::NaiveDate;

pub use super::assignment::Assignment;

/// Why a trajectory change is refused; each reason has an i18n key ([`Self::key`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TrajectoryError {
    /// The trajectory already has the status asked for.
    #[error("the trajectory already has this status")]
    Unchanged(TrajectoryStatus),
    /// A trajectory never goes back to `referred`.
    #[error("a trajectory cannot go back to referred")]
    NoWayBack,
    /// A completed or stopped trajectory does not change any more.
    #[error("the trajectory has ended")]
    Ended,
    /// `referred → completed`: it has to start first.
    #[error("a trajectory must start before it completes")]
    NotStarted,
    /// Completing requires a result.
    #[error("completing requires a result")]
    ResultRequired,
    /// Stopping requires a reason.
    #[error("stopping requires a reason")]
    ReasonRequired,
    /// A date before the referral.
    #[error("the date is before the referral")]
    BeforeReferral,
    /// A date before the start.
    #[error("the date is before the start")]
    BeforeStart,
    /// The planned end lies before the start.
    #[error("the planned end is before the start")]
    PlannedEndBeforeStart,
    /// Only a referred or started trajectory is reviewed.
    #[error("only a running trajectory can be reviewed")]
    NotRunning,
    /// The next review must come after the review being recorded.
    #[error("the next review must be after this review")]
    NextReviewNotAfter,
    /// A review records progress.
    #[error("a review needs the progress")]
    ProgressRequired,
    /// No instrument chosen.
    #[error("no instrument chosen")]
    InstrumentRequired,
    /// The review interval is 1 to 24 months.
    #[error("the review interval must be 1 to 24 months")]
    IntervalOutOfRange,
    /// A negative cost.
    #[error("the cost cannot be negative")]
    NegativeCost,
    /// A cost above [`crate::domain::money::MAX_COST_CENTS`].
    #[error("the cost is above the maximum")]
    CostTooHigh,
    /// The benefit period has ended and no aftercare runs: new trajectories belong to a
    /// current one (during aftercare, e.g. a jobhunter, they belong to the ended one).
    #[error("the benefit period has ended")]
    EpisodeEnded,
    /// The trajectory does not exist.
    #[error("no such trajectory")]
    NotFound,
    /// The benefit period does not exist.
    #[error("no such benefit period")]
    EpisodeNotFound,
}

impl TrajectoryError {
    /// The i18n key of the sentence shown to the caseworker.
    pub fn key(&self) -> &'static str {
        use TrajectoryError::*;
        match self {
            Unchanged(_) => "trajectory_rule.unchanged",
            NoWayBack => "trajectory_rule.no_way_back",
            Ended => "trajectory_rule.ended",
            NotStarted => "trajectory_rule.not_started",
            ResultRequired => "trajectory_rule.result_required",
            ReasonRequired => "trajectory_rule.reason_required",
            BeforeReferral => "trajectory_rule.before_referral",
            BeforeStart => "trajectory_rule.before_start",
            PlannedEndBeforeStart => "trajectory_rule.planned_end_before_start",
            NotRunning => "trajectory_rule.not_running",
            NextReviewNotAfter => "trajectory_rule.next_review_not_after",
            ProgressRequired => "trajectory_rule.progress_required",
            InstrumentRequired => "trajectory_rule.instrument_required",
            IntervalOutOfRange => "trajectory_rule.interval_range",
            NegativeCost => "trajectory_rule.negative_cost",
            CostTooHigh => "trajectory_rule.cost_too_high",
            EpisodeEnded => "trajectory_rule.episode_ended",
            NotFound => "trajectory_rule.not_found",
            EpisodeNotFound => "trajectory_rule.episode_not_found",
        }
    }

    /// The sentence in a language, placeholders filled.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            TrajectoryError::Unchanged(s) => i18n::tf(
                lang,
                self.key(),
                &[("status", &s.label(lang).to_lowercase())],
            ),
            _ => i18n::t(lang, self.key()).to_owned(),
        }
    }
}

/// Whether the status machine allows `from → to` (the dates and details aside).
pub fn check_move(from: TrajectoryStatus, to: TrajectoryStatus) -> Result<(), TrajectoryError> {
    use TrajectoryStatus::*;
    match (from, to) {
        (Completed | Stopped, _) => Err(TrajectoryError::Ended),
        (f, t) if f == t => Err(TrajectoryError::Unchanged(f)),
        (_, Referred) => Err(TrajectoryError::NoWayBack),
        (Referred, Completed) => Err(TrajectoryError::NotStarted),
        (Referred, Started | Stopped) | (Started, Completed | Stopped) => Ok(()),
        // Every pair is matched above; kept for the compiler.
        _ => Err(TrajectoryError::NoWayBack),
    }
}

/// The statuses a trajectory may move to from `from`, for a picker.
pub fn legal_moves(from: TrajectoryStatus) -> Vec<TrajectoryStatus> {
    TrajectoryStatus::all()
        .iter()
        .copied()
        .filter(|&to| check_move(from, to).is_ok())
        .collect()
}

/// Whether a trajectory is running (referred or started: not yet ended).
pub fn is_running(status: TrajectoryStatus) -> bool {
    matches!(
        status,
        TrajectoryStatus::Referred | TrajectoryStatus::Started
    )
}

/// A status change as a form submits it: the details not needed for `to` are ignored.
#[derive(Clone, Debug, PartialEq)]
pub struct StatusChange {
    pub to: TrajectoryStatus,
    /// The day of the change: the start date, or the end date.
    pub on: NaiveDate,
    /// Required for `completed`.
    pub result: Option<TrajectoryResult>,
    /// Required (non-blank) for `stopped`.
    pub reason: String,
    /// For `started` only: a new planned end; `None` keeps the current one
    /// (prefill it with [`planned_end_on_start`]).
    pub planned_end: Option<NaiveDate>,
}

impl StatusChange {
    /// `started` on a date, planned end kept.
    pub fn start(on: NaiveDate) -> StatusChange {
        StatusChange {
            to: TrajectoryStatus::Started,
            on,
            result: None,
            reason: String::new(),
            planned_end: None,
        }
    }

    /// `completed` on a date with a result.
    pub fn complete(on: NaiveDate, result: TrajectoryResult) -> StatusChange {
        StatusChange {
            result: Some(result),
            to: TrajectoryStatus::Completed,
            ..StatusChange::start(on)
        }
    }

    /// `stopped` on a date for a reason.
    pub fn stop(on: NaiveDate, reason: &str) -> StatusChange {
        StatusChange {
            to: TrajectoryStatus::Stopped,
            reason: reason.to_owned(),
            ..StatusChange::start(on)
        }
    }
}

/// The trajectory after a status change, or why the change is refused.
///
/// Starting sets the start date and plans the next review one interval after it;
/// ending (completed or stopped) sets the end date and the result or stop reason and
/// clears the next review.
pub fn apply(t: &Trajectory, c: &StatusChange) -> Result<Trajectory, TrajectoryError> {
    check_move(t.status, c.to)?;
    if c.on < t.referred_on {
        return Err(TrajectoryError::BeforeReferral);
    }
    let mut out = t.clone();
    out.status = c.to;
    match c.to {
        TrajectoryStatus::Started => {
            let planned_end = c.planned_end.or(t.planned_end);
            if planned_end.is_some_and(|end| end < c.on) {
                return Err(TrajectoryError::PlannedEndBeforeStart);
            }
            out.start_date = Some(c.on);
            out.planned_end = planned_end;
            out.next_review = Some(next_review(c.on, t.review_interval_months));
        }
        TrajectoryStatus::Completed | TrajectoryStatus::Stopped => {
            if t.start_date.is_some_and(|s| c.on < s) {
                return Err(TrajectoryError::BeforeStart);
            }
            if c.to == TrajectoryStatus::Completed {
                out.result = Some(c.result.ok_or(TrajectoryError::ResultRequired)?);
            } else {
                let reason = c.reason.trim();
                if reason.is_empty() {
                    return Err(TrajectoryError::ReasonRequired);
                }
                out.stop_reason = Some(reason.to_owned());
            }
            out.ended_on = Some(c.on);
            out.next_review = None;
        }
        TrajectoryStatus::Referred => return Err(TrajectoryError::NoWayBack),
    }
    Ok(out)
}

/// The next review: `interval` calendar months after `from` (the start or the last
/// review); 31 January + 1 month is the end of February; on a working day (the next one
/// when that day is not).
pub fn next_review(from: NaiveDate, interval_months: u32) -> NaiveDate {
    super::workdays::working_day(add_months(from, interval_months))
}

/// The planned end from the instrument's typical duration, counted from `start`.
pub fn default_planned_end(start: NaiveDate, duration_months: u32) -> NaiveDate {
    add_months(start, duration_months)
}

/// A planned end to propose when a referral starts on `start`: the current planned end
/// moved on by the days the referral waited, so the planned length stays the same.
pub fn planned_end_on_start(t: &Trajectory, start: NaiveDate) -> Option<NaiveDate> {
    let waited = (start - t.referred_on).num_days().max(0);
    t.planned_end.map(|end| add_days(end, waited))
}

/// A review as a form submits it.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewInput {
    /// The day of the review.
    pub on: NaiveDate,
    /// What was achieved, what is next (required).
    pub progress: String,
    /// A new ladder rung, recorded as an assessment of kind `review` (history kept).
    pub new_rung: Option<Rung>,
    /// The next review (after `on`).
    pub next_review: NaiveDate,
}

impl ReviewInput {
    /// A review of `t` on `on`, the next review one interval later.
    pub fn new(t: &Trajectory, on: NaiveDate) -> ReviewInput {
        ReviewInput {
            on,
            progress: String::new(),
            new_rung: None,
            next_review: next_review(on, t.review_interval_months),
        }
    }

    /// Checks the review against the trajectory: it runs, and the dates make sense.
    pub fn check(&self, t: &Trajectory) -> Result<(), TrajectoryError> {
        if !is_running(t.status) {
            return Err(TrajectoryError::NotRunning);
        }
        if self.on < t.referred_on {
            return Err(TrajectoryError::BeforeReferral);
        }
        if t.start_date.is_some_and(|s| self.on < s) {
            return Err(TrajectoryError::BeforeStart);
        }
        if self.progress.trim().is_empty() {
            return Err(TrajectoryError::ProgressRequired);
        }
        if self.next_review <= self.on {
            return Err(TrajectoryError::NextReviewNotAfter);
        }
        Ok(())
    }
}

/// The name to show for a trajectory's instrument: the catalogue's in `lang` when the
/// catalogue still has it, else the name stored when it was assigned.
pub fn instrument_label(t: &Trajectory, catalog: &Catalog, lang: Lang) -> String {
    catalog
        .name_or(&t.instrument, &t.instrument_name, lang)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_machine_allows_exactly_four_moves() {
        use TrajectoryStatus::*;
        assert_eq!(legal_moves(Referred), vec![Started, Stopped]);
        assert_eq!(legal_moves(Started), vec![Completed, Stopped]);
        assert!(legal_moves(Completed).is_empty());
        assert!(legal_moves(Stopped).is_empty());
    }

    #[test]
    fn every_refusal_has_a_key() {
        let e = TrajectoryError::Unchanged(TrajectoryStatus::Started);
        assert_eq!(e.message(Lang::En), "The trajectory is already started.");
        assert!(i18n::has(Lang::Nl, e.key()));
    }
}
