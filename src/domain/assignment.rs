//! Assigning a trajectory: what the form fills in, the defaults an instrument gives, and
//! the new trajectory (status, first review) it becomes, or why not.

use super::catalog::Instrument;
use super::codes::TrajectoryStatus;
use super::model::{Id, Trajectory};
use super::money::MAX_COST_CENTS;
use super::trajectory::{TrajectoryError, default_planned_end, next_review};
use crate::i18n::Lang;
use chrono::NaiveDate;

/// What a caseworker fills in when assigning a trajectory.
#[derive(Clone, Debug, PartialEq)]
pub struct Assignment {
    /// The catalogue key.
    pub instrument: String,
    /// The instrument's name when assigned, kept so the record stays readable when the
    /// catalogue later drops the instrument.
    pub instrument_name: String,
    pub provider: String,
    pub referred_on: NaiveDate,
    /// `Some`: the trajectory is assigned as `started` on that day; `None`: `referred`.
    pub start_date: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    pub goal: String,
    pub cost_cents: Option<i64>,
    pub funding: String,
    pub review_interval_months: u32,
}

/// A trajectory's cost, if any, lies between nothing and [`MAX_COST_CENTS`].
pub fn check_cost(cents: Option<i64>) -> Result<(), TrajectoryError> {
    match cents {
        Some(c) if c < 0 => Err(TrajectoryError::NegativeCost),
        Some(c) if c > MAX_COST_CENTS => Err(TrajectoryError::CostTooHigh),
        _ => Ok(()),
    }
}

impl Assignment {
    /// The defaults of an instrument: its name in `lang`, its review interval, and the
    /// planned end its typical duration after the start (or the referral).
    pub fn for_instrument(
        inst: &Instrument,
        lang: Lang,
        referred_on: NaiveDate,
        start_date: Option<NaiveDate>,
    ) -> Assignment {
        Assignment {
            instrument: inst.key.clone(),
            instrument_name: inst.name(lang).to_owned(),
            provider: String::new(),
            referred_on,
            start_date,
            planned_end: Some(default_planned_end(
                start_date.unwrap_or(referred_on),
                inst.duration_months,
            )),
            goal: String::new(),
            cost_cents: None,
            funding: String::new(),
            review_interval_months: inst.review_months,
        }
    }

    /// The new trajectory for an episode (status, first review), or why not.
    pub fn to_trajectory(&self, episode_id: Id) -> Result<Trajectory, TrajectoryError> {
        if self.instrument.trim().is_empty() {
            return Err(TrajectoryError::InstrumentRequired);
        }
        if !(1..=24).contains(&self.review_interval_months) {
            return Err(TrajectoryError::IntervalOutOfRange);
        }
        check_cost(self.cost_cents)?;
        if self.start_date.is_some_and(|s| s < self.referred_on) {
            return Err(TrajectoryError::BeforeReferral);
        }
        let base = self.start_date.unwrap_or(self.referred_on);
        if self.planned_end.is_some_and(|e| e < base) {
            return Err(TrajectoryError::PlannedEndBeforeStart);
        }
        let name = self.instrument_name.trim();
        Ok(Trajectory {
            id: 0,
            episode_id,
            instrument: self.instrument.trim().to_owned(),
            instrument_name: if name.is_empty() {
                self.instrument.trim().to_owned()
            } else {
                name.to_owned()
            },
            provider: self.provider.trim().to_owned(),
            status: if self.start_date.is_some() {
                TrajectoryStatus::Started
            } else {
                TrajectoryStatus::Referred
            },
            referred_on: self.referred_on,
            start_date: self.start_date,
            planned_end: self.planned_end,
            ended_on: None,
            goal: self.goal.trim().to_owned(),
            cost_cents: self.cost_cents,
            funding: self.funding.trim().to_owned(),
            review_interval_months: self.review_interval_months,
            next_review: Some(next_review(base, self.review_interval_months)),
            result: None,
            stop_reason: None,
        })
    }
}
