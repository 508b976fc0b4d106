//! The intake against the client's earlier benefit periods: a new period starts on or after
//! the last exit (on the exit day itself with a warning), an ended period keeps its start
//! (`domain::period_start`), and a corrected date of birth keeps a study exit one of a
//! client under 27 (`domain::contradictions`).

use super::Cx;
use super::fields::l;
use super::intake::{IntakeFlow, IntakeMode};
use crate::domain::contradictions;
use crate::domain::date::fmt_date;
use crate::domain::model::Episode;
use crate::domain::period_start::{self, StartProblem};
use crate::form::{Form, check};
use crate::i18n::tf;
use chrono::NaiveDate;

impl IntakeFlow {
    /// The benefit periods the client has already (none for a new client).
    fn periods(&self, cx: &Cx) -> Vec<Episode> {
        match &self.mode {
            IntakeMode::New => Vec::new(),
            IntakeMode::NewEpisode { client_id, .. } | IntakeMode::Edit { client_id, .. } => {
                cx.store.episodes_of(*client_id).unwrap_or_default()
            }
        }
    }

    /// The date of birth against the client's study exits.
    pub(super) fn check_birth(&self, form: &mut Form, cx: &Cx, birth: Option<NaiveDate>) {
        if let Some(c) = contradictions::birth_date(birth, &self.periods(cx)) {
            check::fail(form, "birth_date", l(cx.lang, c.key_at_birth()));
        }
    }

    /// The benefit start against the last exit (a new period) or the period's own exit
    /// (an edit); the day of the last exit itself gets its note.
    pub(super) fn check_start(&self, form: &mut Form, cx: &Cx, start: NaiveDate) {
        let lang = cx.lang;
        let periods = self.periods(cx);
        let own = match &self.mode {
            IntakeMode::Edit { episode_id, .. } => periods.iter().find(|e| e.id == *episode_id),
            _ => None,
        };
        let previous_exit = match (&self.mode, own) {
            (IntakeMode::NewEpisode { .. }, _) => periods.iter().filter_map(|e| e.exit_date).max(),
            (_, Some(own)) => period_start::previous_exit(&periods, own),
            _ => None,
        };
        let problem = match own {
            Some(own) => period_start::move_problem(start, own, &periods),
            None => period_start::problem(start, previous_exit),
        };
        let exit = previous_exit.map(fmt_date).unwrap_or_default();
        match problem {
            Some(StartProblem::BeforePreviousExit) => {
                let msg = tf(lang, "intake.err.before_exit", &[("date", &exit)]);
                check::fail(form, "benefit_start", msg);
            }
            Some(p) => check::fail(form, "benefit_start", l(lang, p.key())),
            None => {}
        }
        // An immediate re-application: allowed, and said so.
        let same_day = period_start::is_same_day(previous_exit, start);
        form.set_note(
            "benefit_start",
            same_day.then(|| tf(lang, "edge.reentry_same_day", &[("date", &exit)])),
        );
    }
}
