//! Lock-in: signs that a client is kept in a trajectory past its useful time (running past
//! the planned end without a result, or with an overdue review), as a small typed set.

use super::codes::Code;
use super::model::Trajectory;
use super::trajectory::is_running;
use chrono::NaiveDate;
use strum::{EnumString, IntoStaticStr, VariantArray};

/// A sign that a client may be kept in a trajectory instead of moving on.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    EnumString,
    IntoStaticStr,
    VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum LockIn {
    /// Running past its planned end without a result.
    PastPlannedEnd,
    /// The review date has passed without a review.
    ReviewOverdue,
}

impl Code for LockIn {
    const KIND: &'static str = "lock_in";
}

/// The lock-in signs of a trajectory (a small set; empty when all is well).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct LockInFlags {
    pub past_planned_end: bool,
    pub review_overdue: bool,
}

impl LockInFlags {
    /// The flags of a trajectory on `today`: only a running trajectory is flagged; a
    /// planned end or review date before today counts (on the day itself it is due).
    pub fn of(t: &Trajectory, today: NaiveDate) -> LockInFlags {
        if !is_running(t.status) {
            return LockInFlags::default();
        }
        LockInFlags {
            past_planned_end: t.result.is_none() && t.planned_end.is_some_and(|e| e < today),
            review_overdue: t.next_review.is_some_and(|r| r < today),
        }
    }

    /// Whether no flag is set.
    pub fn is_empty(self) -> bool {
        !self.past_planned_end && !self.review_overdue
    }

    /// Whether a flag is set.
    pub fn contains(self, f: LockIn) -> bool {
        match f {
            LockIn::PastPlannedEnd => self.past_planned_end,
            LockIn::ReviewOverdue => self.review_overdue,
        }
    }

    /// The flags of both sets.
    pub fn union(self, other: LockInFlags) -> LockInFlags {
        LockInFlags {
            past_planned_end: self.past_planned_end || other.past_planned_end,
            review_overdue: self.review_overdue || other.review_overdue,
        }
    }

    /// The set flags, in order.
    pub fn iter(self) -> impl Iterator<Item = LockIn> {
        LockIn::all()
            .iter()
            .copied()
            .filter(move |f| self.contains(*f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::codes::TrajectoryStatus;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn flags_count_from_the_day_after() {
        let t = Trajectory {
            id: 1,
            episode_id: 1,
            instrument: "jobhunter".into(),
            instrument_name: "Jobhunter".into(),
            provider: String::new(),
            status: TrajectoryStatus::Started,
            referred_on: d(1, 1),
            start_date: Some(d(1, 1)),
            planned_end: Some(d(4, 1)),
            ended_on: None,
            goal: String::new(),
            cost_cents: None,
            funding: String::new(),
            review_interval_months: 1,
            next_review: Some(d(2, 1)),
            result: None,
            stop_reason: None,
        };
        assert!(LockInFlags::of(&t, d(2, 1)).is_empty());
        let f = LockInFlags::of(&t, d(2, 2));
        assert_eq!(f.iter().collect::<Vec<_>>(), vec![LockIn::ReviewOverdue]);
        let f = LockInFlags::of(&t, d(4, 2));
        assert_eq!(f.iter().count(), 2);
        let mut ended = t.clone();
        ended.status = TrajectoryStatus::Stopped;
        assert!(LockInFlags::of(&ended, d(12, 1)).is_empty());
    }
}
