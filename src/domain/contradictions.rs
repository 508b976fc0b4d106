//! Input that contradicts itself: an e-mail address without a domain, a phone number with
//! letters, a job "with income above the norm" that leaves the client partly on benefit, a
//! study exit (study finance, under 27) for a client of 27 or more, a job found through a
//! trajectory that started only after the exit. One function per record, used by the
//! forms (at the field), the store, import (by JSON path) and `caseload check`.

use super::codes::{ExitReason, Independence};
use super::date::age_on;
use super::exit::{ExitContext, ExitInput, JobSource};
use super::model::Episode;
use chrono::NaiveDate;

/// Study finance (and so a study exit) is for clients under this age on the exit date.
pub const STUDY_AGE_LIMIT: i32 = 27;

/// What contradicts what; each has an i18n key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Contradiction {
    /// An e-mail address without a name, an `@` or a domain (`name@example.nl`).
    EmailWithoutDomain,
    /// A phone number with letters (or other signs than `+ - ( ) . /` and spaces).
    PhoneWithLetters,
    /// "Job, income above the norm" is fully independent of benefit, not partly.
    EmploymentPartly,
    /// A study exit for a client aged 27 or more on the exit date.
    StudyAge,
    /// The job was found through a trajectory that started (or was referred) after the exit.
    FoundViaAfterExit,
}

impl Contradiction {
    /// The i18n key of the sentence that explains it.
    pub fn key(self) -> &'static str {
        match self {
            Contradiction::EmailWithoutDomain => "edge.email",
            Contradiction::PhoneWithLetters => "edge.phone",
            Contradiction::EmploymentPartly => "edge.employment_partly",
            Contradiction::StudyAge => "edge.study_age",
            Contradiction::FoundViaAfterExit => "edge.found_via_after_exit",
        }
    }

    /// The i18n key of the sentence at the date of birth, when a correction of it would
    /// make an exit contradict itself.
    pub fn key_at_birth(self) -> &'static str {
        match self {
            Contradiction::StudyAge => "edge.study_age_birth",
            other => other.key(),
        }
    }
}

/// A birth date against a client's benefit periods: none of their study exits may become
/// one of a client of 27 or more.
pub fn birth_date(birth: Option<NaiveDate>, periods: &[Episode]) -> Option<Contradiction> {
    periods
        .iter()
        .filter(|e| e.exit_reason == Some(ExitReason::Study))
        .filter_map(|e| e.exit_date)
        .any(|x| study_age(birth, x).is_some())
        .then_some(Contradiction::StudyAge)
}

/// An e-mail address (empty is none): a name, one `@`, and a domain of at least two
/// parts (`example.nl`), without spaces.
pub fn email(text: &str) -> Option<Contradiction> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let ok = match text.split_once('@') {
        Some((name, domain)) => {
            !name.is_empty()
                && !domain.contains('@')
                && !text.chars().any(char::is_whitespace)
                && domain.split('.').count() >= 2
                && domain.split('.').all(|part| !part.is_empty())
        }
        None => false,
    };
    (!ok).then_some(Contradiction::EmailWithoutDomain)
}

/// A phone number (empty is none): digits, with spaces and `+ - ( ) . /` between them;
/// no letters.
pub fn phone(text: &str) -> Option<Contradiction> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let signs = |c: char| c.is_ascii_digit() || c == ' ' || "+-()./".contains(c);
    let ok = text.chars().all(signs) && text.chars().any(|c| c.is_ascii_digit());
    (!ok).then_some(Contradiction::PhoneWithLetters)
}

/// What the contradictions of an exit look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExitFacts {
    pub reason: ExitReason,
    pub exit_date: NaiveDate,
    pub independence: Option<Independence>,
    pub birth_date: Option<NaiveDate>,
    /// The day the trajectory the job was found through started (or was referred).
    pub found_via_began: Option<NaiveDate>,
}

impl ExitFacts {
    /// The facts of an exit input in its context (the period's trajectories, the birth date).
    pub fn of(input: &ExitInput, ctx: &ExitContext) -> ExitFacts {
        let found = match input.work.as_ref().and_then(|w| w.found_via) {
            Some(JobSource::Trajectory(id)) => ctx.trajectories.iter().find(|t| t.id == id),
            _ => None,
        };
        ExitFacts {
            reason: input.reason,
            exit_date: input.exit_date,
            independence: input.work.as_ref().and_then(|w| w.independence),
            birth_date: ctx.birth_date,
            found_via_began: found.map(|t| t.start_date.unwrap_or(t.referred_on)),
        }
    }

    /// The contradictions, each with the field of the exit form it belongs to
    /// (`independence`, `reason`, `found_via`).
    pub fn contradictions(&self) -> Vec<(&'static str, Contradiction)> {
        let mut out = Vec::new();
        if self.reason == ExitReason::WorkEmployment
            && self.independence == Some(Independence::Partial)
        {
            out.push(("independence", Contradiction::EmploymentPartly));
        }
        if self.reason == ExitReason::Study && study_age(self.birth_date, self.exit_date).is_some()
        {
            out.push(("reason", Contradiction::StudyAge));
        }
        if self.found_via_began.is_some_and(|b| b > self.exit_date) {
            out.push(("found_via", Contradiction::FoundViaAfterExit));
        }
        out
    }
}

/// The contradictions of an exit input in its context (see [`ExitFacts::contradictions`]).
pub fn exit(input: &ExitInput, ctx: &ExitContext) -> Vec<(&'static str, Contradiction)> {
    ExitFacts::of(input, ctx).contradictions()
}

/// The age a study exit on `exit_date` finds, when it is too old for one (for the message).
pub fn study_age(birth_date: Option<NaiveDate>, exit_date: NaiveDate) -> Option<i32> {
    birth_date
        .map(|b| age_on(b, exit_date))
        .filter(|a| *a >= STUDY_AGE_LIMIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_e_mail_address_needs_a_name_and_a_domain() {
        for good in [
            "",
            "sam@example.nl",
            " j.de.vries@gemeente.nl ",
            "a+b@x.co.uk",
        ] {
            assert_eq!(email(good), None, "{good}");
        }
        for bad in [
            "sam",
            "sam@",
            "@example.nl",
            "sam@example",
            "sam@example.",
            "sam@.nl",
            "sam@@example.nl",
            "sam @example.nl",
            "sam.smit@gmail",
        ] {
            assert_eq!(email(bad), Some(Contradiction::EmailWithoutDomain), "{bad}");
        }
    }

    #[test]
    fn a_phone_number_has_no_letters() {
        for good in ["", "06-12345678", "+31 (0)6 1234 5678", "020/123.45.67"] {
            assert_eq!(phone(good), None, "{good}");
        }
        for bad in [
            "06-1234567a",
            "O6-12345678",
            "bel mij",
            "06 1234 5678 (werk)",
            "+-",
        ] {
            assert_eq!(phone(bad), Some(Contradiction::PhoneWithLetters), "{bad}");
        }
    }

    #[test]
    fn a_study_exit_is_under_27_on_the_exit_date() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let birth = Some(d(1999, 11, 24));
        assert_eq!(study_age(birth, d(2026, 11, 23)), None);
        assert_eq!(study_age(birth, d(2026, 11, 24)), Some(27));
        assert_eq!(study_age(None, d(2026, 11, 24)), None);
    }
}
