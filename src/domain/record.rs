//! The whole record of one client as plain data (what an export writes and an import
//! reads), and the rule that a client's benefit periods do not overlap.
//!
//! References inside a record (a review's assessment, an agreement's note, the trajectory
//! the job was found through) use the ids of the records themselves: real row ids when
//! read from the store, provisional ones (unique within the client) when read from a file.

use super::model::{
    AftercareContact, AftercarePlan, Agreement, Assessment, Client, Episode, ExitInterview, Goal,
    Id, Intake, Note, PremiumInstalment, Review, Trajectory, TrajectoryEvent,
};
use chrono::NaiveDate;

/// A client with every benefit period and everything in them.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientRecord {
    pub client: Client,
    /// Oldest first.
    pub episodes: Vec<EpisodeRecord>,
    /// Every change made to the client in the app, newest first: only in the client's own
    /// copy (`export --client`), never read by an import.
    pub history: Vec<crate::domain::history::ChangeRow>,
}

/// One benefit period with everything recorded in it.
#[derive(Clone, Debug, PartialEq)]
pub struct EpisodeRecord {
    pub episode: Episode,
    pub intake: Option<Intake>,
    pub assessments: Vec<Assessment>,
    pub goals: Vec<Goal>,
    /// Contact notes, each with the agreements made in it.
    pub notes: Vec<(Note, Vec<Agreement>)>,
    /// Agreements of the plan of action that belong to no note.
    pub agreements: Vec<Agreement>,
    pub trajectories: Vec<TrajectoryRecord>,
    pub exit: Option<ExitRecord>,
}

/// A trajectory with its status events and reviews.
#[derive(Clone, Debug, PartialEq)]
pub struct TrajectoryRecord {
    pub trajectory: Trajectory,
    pub events: Vec<TrajectoryEvent>,
    pub reviews: Vec<Review>,
}

/// The exit interview with what hangs on it: premium instalments and aftercare.
#[derive(Clone, Debug, PartialEq)]
pub struct ExitRecord {
    pub interview: ExitInterview,
    pub instalments: Vec<PremiumInstalment>,
    pub aftercare: Option<(AftercarePlan, Vec<AftercareContact>)>,
}

impl ClientRecord {
    /// What may travel to another municipality when the client moves (with their consent):
    /// who they are and how to reach them, their benefit periods (start, type, exit and its
    /// reason), the latest ladder rung and life-domain scores of each period, and the
    /// trajectories (instrument, provider, dates, status and result). Not: the intake's
    /// answers, notes, goals and agreements, reviews, a trajectory's goal and cost, the exit
    /// interview with its premium and aftercare, and the history of changes.
    pub fn for_another_municipality(mut self) -> ClientRecord {
        self.history.clear();
        for e in &mut self.episodes {
            e.intake = None;
            let latest = e.assessments.iter().map(|a| a.assessed_on).max();
            e.assessments.retain(|a| Some(a.assessed_on) == latest);
            e.assessments.truncate(1);
            e.goals.clear();
            e.notes.clear();
            e.agreements.clear();
            for t in &mut e.trajectories {
                t.reviews.clear();
                t.trajectory.goal.clear();
                t.trajectory.cost_cents = None;
                t.trajectory.funding.clear();
            }
            e.exit = None;
        }
        self
    }
}

/// Why a client of an import cannot go into the database, by its position in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// The person is a client already (and episodes are not being merged).
    Exists { record: usize, client_id: Id },
    /// Merging: this benefit period clashes with one the client has in the database.
    Overlap {
        record: usize,
        episode: usize,
        client_id: Id,
    },
}

/// How one benefit period clashes with an earlier one of the same client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clash {
    /// Both are still open (no exit date).
    TwoOpen,
    /// It starts before the earlier one's exit (or while that one is open).
    Overlap,
}

/// The clashes among a client's benefit periods, given as (start, exit): each period that
/// starts before an earlier one has ended, as (its index, the earlier one's index, what).
/// A period may start on the day the previous one ended, as a re-entry may.
pub fn clashes(periods: &[(NaiveDate, Option<NaiveDate>)]) -> Vec<(usize, usize, Clash)> {
    let ends = |i: usize| periods[i].1.unwrap_or(NaiveDate::MAX);
    let mut order: Vec<usize> = (0..periods.len()).collect();
    order.sort_by_key(|&i| (periods[i].0, i));
    let mut out = Vec::new();
    // The earlier period that reaches furthest (an open one reaches for ever).
    let mut reach: Option<usize> = None;
    for i in order {
        if let Some(r) = reach {
            if periods[r].1.is_none() && periods[i].1.is_none() {
                out.push((i, r, Clash::TwoOpen));
            } else if !super::period_start::may_follow(ends(r), periods[i].0) {
                out.push((i, r, Clash::Overlap));
            }
        }
        if reach.is_none_or(|r| ends(i) > ends(r)) {
            reach = Some(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn periods_may_touch_but_not_overlap() {
        let touching = [(d(2020, 1, 1), Some(d(2021, 1, 1))), (d(2021, 1, 1), None)];
        assert!(clashes(&touching).is_empty());
        // Given out of order: the later one is found by its start.
        let overlap = [(d(2021, 6, 1), None), (d(2020, 1, 1), Some(d(2021, 7, 1)))];
        assert_eq!(clashes(&overlap), vec![(0, 1, Clash::Overlap)]);
        let open = [(d(2020, 1, 1), None), (d(2022, 1, 1), None)];
        assert_eq!(clashes(&open), vec![(1, 0, Clash::TwoOpen)]);
        let after_open = [(d(2020, 1, 1), None), (d(2022, 1, 1), Some(d(2023, 1, 1)))];
        assert_eq!(clashes(&after_open), vec![(1, 0, Clash::Overlap)]);
        // Two short periods inside a long one: both clash with it.
        let inside = [
            (d(2020, 1, 1), Some(d(2020, 12, 31))),
            (d(2020, 3, 1), Some(d(2020, 4, 1))),
            (d(2020, 5, 1), Some(d(2020, 6, 1))),
        ];
        let found = clashes(&inside);
        assert_eq!(found, vec![(1, 0, Clash::Overlap), (2, 0, Clash::Overlap)]);
    }
}
