//! The application's own rules over the whole database, for `caseload check`: each rule
//! is one query that returns the client and the row that breaks it (never any data), or,
//! where the rule lives in the domain, the rows it reads and the domain's verdict (see
//! `rules_domain`).

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
    /// The answers of a check-in are recorded only with the client's consent
    /// (`domain::contact_rules`).
    CheckInWithoutConsent,
    /// Declined aftercare holds no contacts that were held.
    ContactWhenDeclined,
    /// Answers only on a contact where the client was reached.
    AnswersNotReached,
    /// A client has at most one open episode (`domain::record::clashes`).
    TwoOpenEpisodes,
    /// An episode starts on or after the previous one's exit (`domain::period_start`).
    EpisodeOverlap,
    /// A re-entry points back to an episode of the same client.
    PreviousOfOtherClient,
    /// A trajectory's status is the status of its latest event.
    TrajectoryEvents,
    /// A trajectory starts after its referral and ends after its start.
    TrajectoryDates,
    /// Premium instalments exist only when the premium was granted.
    InstalmentWithoutPremium,
    /// An e-mail address has a domain (`domain::contradictions`).
    EmailWithoutDomain,
    /// A phone number has no letters.
    PhoneWithLetters,
    /// A job with income above the norm is not partly independent of benefit.
    EmploymentPartly,
    /// A study exit is for a client under 27 on the exit date.
    StudyAge,
    /// A job is not found through a trajectory that started after the exit.
    FoundViaAfterExit,
    /// A premium instalment is at most `money::MAX_PREMIUM_CENTS`.
    InstalmentAmount,
    /// A trajectory costs at most `money::MAX_COST_CENTS`.
    TrajectoryCost,
    /// The list's row of a client (the roster) is what its records make of it, unless the
    /// client is marked to be computed again (`store::roster`).
    RosterBehind,
    /// A client's rows of the agenda are what their records (and the client's row of the
    /// list) make of them, unless the client is marked to be computed again
    /// (`store::agenda_kept`).
    AgendaBehind,
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
            Rule::ContactWhenDeclined => "robust.rule.contact_when_declined",
            Rule::AnswersNotReached => "robust.rule.answers_not_reached",
            Rule::EmailWithoutDomain => "robust.rule.email",
            Rule::PhoneWithLetters => "robust.rule.phone",
            Rule::EmploymentPartly => "robust.rule.employment_partly",
            Rule::StudyAge => "robust.rule.study_age",
            Rule::FoundViaAfterExit => "robust.rule.found_via_after_exit",
            Rule::InstalmentAmount => "robust.rule.instalment_amount",
            Rule::TrajectoryCost => "robust.rule.trajectory_cost",
            Rule::RosterBehind => "robust.rule.roster_behind",
            Rule::AgendaBehind => "robust.rule.agenda_behind",
        }
    }

    /// The query: rows of (client id, id of the offending row); `None` for a rule of the
    /// domain, checked in Rust over the rows it reads.
    fn sql(self) -> Option<&'static str> {
        Some(match self {
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
            // The maxima of `domain::money`, as the test below holds them.
            Rule::InstalmentAmount => {
                "SELECT e.client_id, i.id FROM premium_instalment i \
                 JOIN episode e ON e.id = i.episode_id WHERE i.amount_cents > 1000000"
            }
            Rule::TrajectoryCost => {
                "SELECT e.client_id, t.id FROM trajectory t \
                 JOIN episode e ON e.id = t.episode_id WHERE t.cost_cents > 50000000"
            }
            _ => return None,
        })
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
        let mut domain = super::rules_domain::findings(self.conn())?;
        domain.extend(self.roster_findings()?);
        let mut out = Vec::new();
        for rule in Rule::iter() {
            let Some(sql) = rule.sql() else {
                let mut rows: Vec<Finding> =
                    domain.iter().filter(|f| f.rule == rule).copied().collect();
                rows.sort_by_key(|f| (f.client_id, f.row_id));
                out.extend(rows);
                continue;
            };
            let mut st = self.conn().prepare(sql)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::{MAX_COST_CENTS, MAX_PREMIUM_CENTS};

    #[test]
    fn the_amount_rules_hold_the_maxima_of_the_domain() {
        let sql = |r: Rule| r.sql().unwrap_or_default();
        assert!(sql(Rule::InstalmentAmount).ends_with(&format!("> {MAX_PREMIUM_CENTS}")));
        assert!(sql(Rule::TrajectoryCost).ends_with(&format!("> {MAX_COST_CENTS}")));
    }
}
