//! The application's own rules over the whole database, for `caseload check`: each rule
//! is one query that returns the client and the row that breaks it (never any data).

use super::{Result, Store};
use crate::domain::model::Id;
use strum::{EnumIter, IntoEnumIterator};

/// A rule the records must keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter)]
pub enum Rule {
    /// Every aftercare plan belongs to an exit: its episode has an exit date.
    PlanWithoutExit,
    /// An exit interview belongs to an episode that has ended.
    InterviewWithoutExit,
    /// No check-in is held before the exit it follows.
    CheckInBeforeExit,
    /// Check-ins are recorded only with the client's consent (and not when declined).
    CheckInWithoutConsent,
    /// A client has at most one open episode.
    TwoOpenEpisodes,
    /// An episode starts after the previous one's exit.
    EpisodeOverlap,
    /// A re-entry points back to an episode of the same client.
    PreviousOfOtherClient,
    /// A trajectory's status is the status of its latest event.
    TrajectoryEvents,
    /// A trajectory starts after its referral and ends after its start.
    TrajectoryDates,
    /// Premium instalments exist only when the premium was granted.
    InstalmentWithoutPremium,
}

impl Rule {
    /// The i18n key of the sentence that describes a finding (with `{id}` for the row).
    pub fn key(self) -> &'static str {
        match self {
            Rule::PlanWithoutExit => "robust.rule.plan_without_exit",
            Rule::InterviewWithoutExit => "robust.rule.interview_without_exit",
            Rule::CheckInBeforeExit => "robust.rule.check_in_before_exit",
            Rule::CheckInWithoutConsent => "robust.rule.check_in_without_consent",
            Rule::TwoOpenEpisodes => "robust.rule.two_open_episodes",
            Rule::EpisodeOverlap => "robust.rule.episode_overlap",
            Rule::PreviousOfOtherClient => "robust.rule.previous_of_other_client",
            Rule::TrajectoryEvents => "robust.rule.trajectory_events",
            Rule::TrajectoryDates => "robust.rule.trajectory_dates",
            Rule::InstalmentWithoutPremium => "robust.rule.instalment_without_premium",
        }
    }

    /// The query: rows of (client id, id of the offending row).
    fn sql(self) -> &'static str {
        match self {
            Rule::PlanWithoutExit => {
                "SELECT e.client_id, p.id FROM aftercare_plan p \
                 JOIN episode e ON e.id = p.episode_id WHERE e.exit_date IS NULL"
            }
            Rule::InterviewWithoutExit => {
                "SELECT e.client_id, e.id FROM exit_interview x \
                 JOIN episode e ON e.id = x.episode_id WHERE e.exit_date IS NULL"
            }
            Rule::CheckInBeforeExit => {
                "SELECT e.client_id, c.id FROM aftercare_contact c \
                 JOIN aftercare_plan p ON p.id = c.plan_id JOIN episode e ON e.id = p.episode_id \
                 WHERE c.done_on IS NOT NULL AND e.exit_date IS NOT NULL AND c.done_on < e.exit_date"
            }
            Rule::CheckInWithoutConsent => {
                "SELECT e.client_id, c.id FROM aftercare_contact c \
                 JOIN aftercare_plan p ON p.id = c.plan_id JOIN episode e ON e.id = p.episode_id \
                 WHERE c.status = 'done' AND (p.consent = 0 OR p.mode = 'declined')"
            }
            Rule::TwoOpenEpisodes => {
                "SELECT client_id, max(id) FROM episode WHERE exit_date IS NULL \
                 GROUP BY client_id HAVING count(*) > 1"
            }
            Rule::EpisodeOverlap => {
                "SELECT client_id, id FROM (SELECT client_id, id, benefit_start, exit_date, \
                 lag(id) OVER w AS prev_id, lag(exit_date) OVER w AS prev_exit FROM episode \
                 WINDOW w AS (PARTITION BY client_id ORDER BY benefit_start, id)) \
                 WHERE prev_id IS NOT NULL AND ((prev_exit IS NULL AND exit_date IS NOT NULL) \
                 OR benefit_start < prev_exit)"
            }
            Rule::PreviousOfOtherClient => {
                "SELECT e.client_id, e.id FROM episode e \
                 JOIN episode p ON p.id = e.previous_episode_id WHERE p.client_id <> e.client_id"
            }
            Rule::TrajectoryEvents => {
                "SELECT e.client_id, t.id FROM trajectory t JOIN episode e ON e.id = t.episode_id \
                 WHERE t.status IS NOT (SELECT v.status FROM trajectory_event v \
                 WHERE v.trajectory_id = t.id ORDER BY v.on_date DESC, v.id DESC LIMIT 1)"
            }
            Rule::TrajectoryDates => {
                "SELECT e.client_id, t.id FROM trajectory t JOIN episode e ON e.id = t.episode_id \
                 WHERE t.start_date < t.referred_on \
                 OR t.ended_on < coalesce(t.start_date, t.referred_on)"
            }
            Rule::InstalmentWithoutPremium => {
                "SELECT e.client_id, i.id FROM premium_instalment i \
                 JOIN exit_interview x ON x.episode_id = i.episode_id \
                 JOIN episode e ON e.id = i.episode_id WHERE x.premium_granted = 0"
            }
        }
    }
}

/// One row that breaks a rule: which rule, whose record, which row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    pub client_id: Id,
    pub row_id: Id,
}

impl Store {
    /// Every row that breaks one of the application's rules, by rule, then client.
    pub fn rule_findings(&self) -> Result<Vec<Finding>> {
        let mut out = Vec::new();
        for rule in Rule::iter() {
            let mut st = self.conn().prepare(rule.sql())?;
            let mut rows: Vec<Finding> = st
                .query_map([], |r| {
                    Ok(Finding {
                        rule,
                        client_id: r.get(0)?,
                        row_id: r.get(1)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            rows.sort_by_key(|f| (f.client_id, f.row_id));
            out.extend(rows);
        }
        Ok(out)
    }
}
