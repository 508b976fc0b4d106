//! When a benefit period may start. A client who comes back on benefit starts a new period
//! on or after the exit of the previous one: on the exit day itself is an immediate
//! re-application (allowed, and worth a warning), before it the two periods would overlap.
//! A period that has ended keeps the start it had at the exit (the exit interview, the
//! premium and the report were recorded on it). One rule for the intake form (a new
//! period and an edit), the store, import (through [`super::record::clashes`]),
//! `caseload check` and the report (a return on the exit day is a re-entry).

use super::model::Episode;
use chrono::NaiveDate;

/// Why a period cannot start on a date; each has an i18n key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartProblem {
    /// It starts before the previous period's exit.
    BeforePreviousExit,
    /// The period has ended: its start is the one the exit was recorded on.
    Ended,
}

impl StartProblem {
    /// The i18n key of the sentence.
    pub fn key(self) -> &'static str {
        match self {
            StartProblem::BeforePreviousExit => "exit_rule.reentry_before_exit",
            StartProblem::Ended => "edge.start_of_ended_period",
        }
    }
}

/// Whether a period starting on `start` may follow one that ended on `previous_exit`.
pub fn may_follow(previous_exit: NaiveDate, start: NaiveDate) -> bool {
    start >= previous_exit
}

/// Whether a start is an immediate re-application: on the previous period's exit day.
pub fn is_same_day(previous_exit: Option<NaiveDate>, start: NaiveDate) -> bool {
    previous_exit == Some(start)
}

/// The exit of the period before `own` among a client's periods: the latest exit of those
/// that started before it.
pub fn previous_exit(periods: &[Episode], own: &Episode) -> Option<NaiveDate> {
    periods
        .iter()
        .filter(|e| e.id != own.id && e.benefit_start <= own.benefit_start)
        .filter_map(|e| e.exit_date)
        .max()
}

/// What is wrong with starting a new period on `start`, after a previous period that ended
/// on `previous_exit` (if any).
pub fn problem(start: NaiveDate, previous_exit: Option<NaiveDate>) -> Option<StartProblem> {
    previous_exit
        .filter(|x| !may_follow(*x, start))
        .map(|_| StartProblem::BeforePreviousExit)
}

/// What is wrong with moving the start of `own` (one of the client's `periods`) to `start`.
pub fn move_problem(start: NaiveDate, own: &Episode, periods: &[Episode]) -> Option<StartProblem> {
    if own.exit_date.is_some() && start != own.benefit_start {
        return Some(StartProblem::Ended);
    }
    problem(start, previous_exit(periods, own))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_may_start_on_the_exit_day_but_not_before() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        let exit = Some(d(10));
        assert_eq!(problem(d(9), exit), Some(StartProblem::BeforePreviousExit));
        assert_eq!(problem(d(10), exit), None);
        assert!(is_same_day(exit, d(10)) && !is_same_day(exit, d(11)));
        assert_eq!(problem(d(11), exit), None);
        assert_eq!(problem(d(1), None), None);
    }

    #[test]
    fn an_ended_period_keeps_its_start_and_an_open_one_moves_within_the_rule() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        let mut first = Episode::open(1, d(1), crate::domain::BenefitType::Ioaw, None);
        first.exit_date = Some(d(10));
        let mut second = Episode::open(1, d(10), crate::domain::BenefitType::Ioaw, None);
        second.id = 2;
        let all = [first.clone(), second.clone()];
        assert_eq!(move_problem(d(2), &first, &all), Some(StartProblem::Ended));
        assert_eq!(move_problem(d(1), &first, &all), None);
        assert_eq!(
            move_problem(d(9), &second, &all),
            Some(StartProblem::BeforePreviousExit)
        );
        assert_eq!(move_problem(d(12), &second, &all), None);
    }
}
