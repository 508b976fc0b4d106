//! What each form is ([`FormKind`]): the code its draft is stored under, its title, where
//! a correction's draft is kept, whether it applies to the client shown (and why not), and
//! how it opens.

use super::*;
use crate::domain::codes::{PlanStatus, TrajectoryStatus};

/// Whether the client's latest benefit period is open (not exited).
fn on_benefit(file: &ClientFile) -> bool {
    file.episodes.last().is_some_and(|e| e.exit_date.is_none())
}

/// Whether the client's latest benefit period has ended (its exit can be corrected).
fn exited(file: &ClientFile) -> bool {
    file.episodes.last().is_some_and(|e| e.exit_date.is_some())
}

/// Whether the client has a running trajectory (referred or started).
fn has_running_trajectory(file: &ClientFile) -> bool {
    file.trajectories.iter().any(|t| {
        matches!(
            t.status,
            TrajectoryStatus::Referred | TrajectoryStatus::Started
        )
    })
}

/// Whether the client's aftercare runs.
pub fn aftercare_runs(file: &ClientFile) -> bool {
    file.aftercare
        .as_ref()
        .and_then(|a| a.plan.as_ref())
        .is_some_and(|p| p.status == PlanStatus::Active)
}

impl FormKind {
    /// The code its draft is stored under.
    pub fn code(self) -> &'static str {
        self.into()
    }

    /// The form of a draft's code.
    pub fn from_code(code: &str) -> Option<FormKind> {
        use strum::IntoEnumIterator;
        FormKind::iter().find(|k| k.code() == code)
    }

    /// The key of the form's title (a new client's intake; the form as it opens may say
    /// more, such as a new benefit period).
    pub fn title_key(self) -> &'static str {
        use FormKind::*;
        match self {
            Intake => "intake.title_new",
            IntakeEdit => "intake.title_edit",
            Reassess => "reassess.title",
            Plan => "plan.title",
            Trajectory => "trajectory.title_assign",
            TrajectoryStatus => "trajectory.title_status",
            Review => "trajectory.title_review",
            Note => "note.title",
            NoteEdit => "note.title_edit",
            Exit => "exit.title",
            CheckIn => "checkin.title",
            AftercareEnd => "checkin.end_title",
            PremiumPay => "premium_pay.title",
            VoidTrajectory => "void.title",
            VoidNote => "void.title_note",
            TrajectoryEdit => "trajectory.title_edit",
            AssessmentEdit => "reassess.title_edit",
            CheckInEdit => "checkin.title_edit",
            ExitEdit => "exit_edit.title",
            ExitWithdraw => "exit_withdraw.title",
            Unplanned => "unplanned.title",
        }
    }

    /// The table of the record a correction's draft is kept under (see
    /// [`FormKind::drafts_by_record`]).
    pub fn record_table(self) -> Option<&'static str> {
        match self {
            FormKind::NoteEdit => Some("note"),
            FormKind::TrajectoryEdit => Some("trajectory"),
            FormKind::AssessmentEdit => Some("assessment"),
            FormKind::CheckInEdit => Some("aftercare_contact"),
            FormKind::ExitEdit => Some("episode"),
            _ => None,
        }
    }

    /// Whether a draft of this form is kept under the record it corrects rather than the
    /// client (reopened on that record).
    pub fn drafts_by_record(self) -> bool {
        matches!(
            self,
            FormKind::NoteEdit
                | FormKind::TrajectoryEdit
                | FormKind::AssessmentEdit
                | FormKind::CheckInEdit
                | FormKind::ExitEdit
        )
    }

    /// The form a key opens for the client shown: `x` on a client whose latest period has
    /// ended corrects that exit interview.
    pub fn for_file(self, file: Option<&ClientFile>) -> FormKind {
        match (self, file) {
            (FormKind::Exit, Some(f)) if exited(f) => FormKind::ExitEdit,
            _ => self,
        }
    }

    /// Whether this form applies to the client whose file is shown (`None`: no client):
    /// `Ok`, or why not (an i18n key), so that a key can be shown disabled with its reason.
    pub fn applies(self, file: Option<&ClientFile>) -> Result<(), &'static str> {
        use FormKind::*;
        if self == Intake {
            return Ok(());
        }
        let Some(file) = file.filter(|f| !f.episodes.is_empty()) else {
            return Err("form.no_client");
        };
        match self {
            Intake | IntakeEdit | Note | NoteEdit | PremiumPay | AssessmentEdit | CheckInEdit => {
                Ok(())
            }
            Exit | ExitEdit | ExitWithdraw | Unplanned if exited(file) => Ok(()),
            Unplanned => Err("unplanned.err.not_exited"),
            ExitEdit => Err("exit_edit.no_exit"),
            ExitWithdraw => Err("exit_withdraw.no_exit"),
            Reassess | Plan | Trajectory | Exit if !on_benefit(file) => Err("reassess.closed"),
            Reassess | Plan | Trajectory | Exit => Ok(()),
            TrajectoryStatus | Review if !has_running_trajectory(file) => {
                Err("trajectory.none_running")
            }
            TrajectoryStatus | Review => Ok(()),
            CheckIn | AftercareEnd if !aftercare_runs(file) => Err("checkin.no_plan"),
            CheckIn | AftercareEnd => Ok(()),
            VoidTrajectory | TrajectoryEdit if file.trajectories.is_empty() => Err("void.none"),
            VoidTrajectory | VoidNote | TrajectoryEdit => Ok(()),
        }
    }

    /// Opens the form: reads what it prefills. `Err` is the sentence why it cannot open.
    pub fn open(self, start: &Start, store: &Store, cx: &Cx) -> Result<Opened, String> {
        match self {
            FormKind::Intake | FormKind::IntakeEdit => intake::open(start, store, cx),
            FormKind::Reassess => reassess::open(start, store, cx),
            FormKind::Plan => plan::open(start, store, cx),
            FormKind::Trajectory => trajectory::open(start, store, cx),
            FormKind::TrajectoryStatus => status::open(start, store, cx),
            FormKind::Review => review::open(start, store, cx),
            FormKind::Note | FormKind::NoteEdit => note::open(self, start, store, cx),
            FormKind::Exit => exit::open(start, store, cx),
            FormKind::ExitEdit => exit_edit::open(start, store, cx),
            FormKind::ExitWithdraw => exit_withdraw::open(start, store, cx),
            FormKind::CheckIn | FormKind::CheckInEdit => checkin::open(self, start, store, cx),
            FormKind::AftercareEnd => aftercare_end::open(start, store, cx),
            FormKind::Unplanned => unplanned::open(start, store, cx),
            FormKind::PremiumPay => premium_pay::open(start, store, cx),
            FormKind::VoidTrajectory | FormKind::VoidNote => void::open(self, start, store, cx),
            FormKind::TrajectoryEdit => trajectory_edit::open(start, store, cx),
            FormKind::AssessmentEdit => assessment_edit::open(start, store, cx),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn every_form_has_its_own_draft_code_and_reads_it_back() {
        let codes: std::collections::HashSet<_> = FormKind::iter().map(FormKind::code).collect();
        assert_eq!(codes.len(), FormKind::iter().count());
        for k in FormKind::iter() {
            assert_eq!(FormKind::from_code(k.code()), Some(k));
        }
        assert_eq!(FormKind::CheckIn.code(), "checkin");
        assert_eq!(FormKind::TrajectoryStatus.code(), "trajectory_status");
    }
}
