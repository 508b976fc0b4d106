//! Contact notes with their agreements, and plan-of-action edits (goals, agreements): what
//! a form submits and the rules a save must satisfy.

use super::codes::{Channel, Term, Who};
use super::model::Id;
use crate::i18n::{self, Lang};
use chrono::NaiveDate;

/// Why a note, agreement or goal is refused; each reason has an i18n key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// A note without text.
    #[error("a note needs a summary")]
    SummaryRequired,
    /// An agreement without text.
    #[error("an agreement needs a text")]
    AgreementTextRequired,
    /// A goal without text.
    #[error("a goal needs a text")]
    GoalTextRequired,
    /// A follow-up date before the day the agreement was made.
    #[error("the follow-up is before the note's date")]
    FollowUpBeforeNote,
    /// The agreement named in a note edit belongs to another note.
    #[error("the agreement belongs to another note")]
    AgreementOfAnotherNote,
    /// No such note.
    #[error("no such note")]
    NoteNotFound,
    /// No such agreement.
    #[error("no such agreement")]
    AgreementNotFound,
    /// No such goal.
    #[error("no such goal")]
    GoalNotFound,
    /// No such benefit period.
    #[error("no such benefit period")]
    EpisodeNotFound,
}

impl PlanError {
    /// The i18n key of the sentence shown to the caseworker.
    pub fn key(&self) -> &'static str {
        use PlanError::*;
        match self {
            SummaryRequired => "plan_rule.summary_required",
            AgreementTextRequired => "plan_rule.agreement_text_required",
            GoalTextRequired => "plan_rule.goal_text_required",
            FollowUpBeforeNote => "plan_rule.follow_up_before_note",
            AgreementOfAnotherNote => "plan_rule.agreement_of_another_note",
            NoteNotFound => "plan_rule.note_not_found",
            AgreementNotFound => "plan_rule.agreement_not_found",
            GoalNotFound => "plan_rule.goal_not_found",
            EpisodeNotFound => "plan_rule.episode_not_found",
        }
    }

    /// The sentence in a language.
    pub fn message(&self, lang: Lang) -> String {
        i18n::t(lang, self.key()).to_owned()
    }
}

/// An agreement (afspraak) as a form submits it.
#[derive(Clone, Debug, PartialEq)]
pub struct AgreementInput {
    /// In a note edit: the agreement being changed; `None` adds a new one.
    pub id: Option<Id>,
    pub text: String,
    pub who: Who,
    pub follow_up: Option<NaiveDate>,
}

impl AgreementInput {
    /// A new agreement.
    pub fn new(text: &str, who: Who, follow_up: Option<NaiveDate>) -> AgreementInput {
        AgreementInput {
            id: None,
            text: text.to_owned(),
            who,
            follow_up,
        }
    }

    /// Checks the agreement, made on `made_on` when known.
    pub fn check(&self, made_on: Option<NaiveDate>) -> Result<(), PlanError> {
        if self.text.trim().is_empty() {
            return Err(PlanError::AgreementTextRequired);
        }
        if let (Some(f), Some(m)) = (self.follow_up, made_on)
            && f < m
        {
            return Err(PlanError::FollowUpBeforeNote);
        }
        Ok(())
    }
}

/// A contact note with its agreements, as a form submits it.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteInput {
    pub noted_on: NaiveDate,
    pub channel: Channel,
    /// Multi-line text.
    pub summary: String,
    /// The key of the template the note started from.
    pub template: Option<String>,
    pub agreements: Vec<AgreementInput>,
}

impl NoteInput {
    /// Checks the note and each agreement (a follow-up may not precede the note).
    pub fn check(&self) -> Result<(), PlanError> {
        if self.summary.trim().is_empty() {
            return Err(PlanError::SummaryRequired);
        }
        for a in &self.agreements {
            a.check(Some(self.noted_on))?;
        }
        Ok(())
    }
}

/// A goal of the plan of action, as a form submits it.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalInput {
    pub term: Term,
    pub text: String,
    pub target_date: Option<NaiveDate>,
}

impl GoalInput {
    /// Checks the goal.
    pub fn check(&self) -> Result<(), PlanError> {
        if self.text.trim().is_empty() {
            return Err(PlanError::GoalTextRequired);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn a_note_needs_text_and_sensible_follow_ups() {
        let mut n = NoteInput {
            noted_on: d(11, 23),
            channel: Channel::Phone,
            summary: "  ".into(),
            template: None,
            agreements: vec![AgreementInput::new(
                "Bellen",
                Who::Caseworker,
                Some(d(12, 7)),
            )],
        };
        assert_eq!(n.check(), Err(PlanError::SummaryRequired));
        n.summary = "Gebeld.".into();
        assert_eq!(n.check(), Ok(()));
        n.agreements[0].follow_up = Some(d(11, 22));
        assert_eq!(n.check(), Err(PlanError::FollowUpBeforeNote));
        n.agreements[0] = AgreementInput::new(" ", Who::Client, None);
        assert_eq!(n.check(), Err(PlanError::AgreementTextRequired));
        assert!(i18n::has(Lang::Nl, PlanError::FollowUpBeforeNote.key()));
    }
}
