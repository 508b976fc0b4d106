//! The workflows: every form is one file implementing [`Workflow`] (its fields, a pure
//! `check`, the facts it asks the store for, and its `commit` inside the store's
//! transaction). [`FormKind`] is the one registry: it opens a form (from a key, a draft or
//! the agenda), says when a form applies to the client shown, and names its draft.

pub mod aftercare_end;
pub mod assessment_edit;
pub mod checkin;
pub mod exit;
pub mod exit_edit;
pub mod exit_withdraw;
pub mod fields;
pub mod intake;
pub mod intake_commit;
mod intake_values;
pub mod note;
pub mod plan;
pub mod premium_pay;
pub mod reassess;
pub mod review;
pub mod status;
pub mod trajectory;
pub mod trajectory_edit;
pub mod unplanned;
pub mod void;

use crate::assets::Assets;
use crate::domain::codes::{PlanStatus, TrajectoryStatus};
use crate::domain::model::Id;
use crate::form::Form;
use crate::i18n::Lang;
use crate::store::caseload::ClientFile;
use crate::store::{Store, Tx};
use chrono::NaiveDate;
use std::collections::HashMap;
use strum::{EnumIter, IntoStaticStr};

/// Every form of the app (its draft is stored under the code).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum FormKind {
    /// A new client, or a known client back on benefit: person, assessment, plan.
    Intake,
    /// Correcting the intake of the client's current benefit period.
    IntakeEdit,
    /// A new ladder rung and life-domain scores.
    Reassess,
    /// The plan of action: goals and agreements.
    Plan,
    /// Assigning a trajectory.
    Trajectory,
    /// Starting, completing or stopping a trajectory.
    TrajectoryStatus,
    /// Reviewing a running trajectory.
    Review,
    /// A contact note.
    Note,
    /// Correcting a saved contact note (its draft is the note's).
    NoteEdit,
    /// The exit interview.
    Exit,
    /// Correcting a saved exit interview (its draft is the benefit period's).
    ExitEdit,
    /// Withdrawing an exit recorded in error.
    ExitWithdraw,
    /// An aftercare check-in.
    #[strum(serialize = "checkin")]
    CheckIn,
    /// Ending aftercare early.
    AftercareEnd,
    /// Paying a premium instalment (or recording its condition not met).
    PremiumPay,
    /// Voiding a trajectory entered in error.
    VoidTrajectory,
    /// Voiding a contact note entered in error.
    VoidNote,
    /// Correcting a saved trajectory (its draft is the trajectory's).
    TrajectoryEdit,
    /// Correcting a saved assessment (its draft is the assessment's).
    AssessmentEdit,
    /// Correcting a recorded aftercare contact (its draft is the contact's).
    #[strum(serialize = "checkin_edit")]
    CheckInEdit,
    /// A contact outside the aftercare schedule, in any mode.
    Unplanned,
}

/// What a workflow may read while checking: the language, today, the data files.
pub struct Cx<'a> {
    pub lang: Lang,
    pub today: NaiveDate,
    pub assets: &'a Assets,
}

/// What a form is opened on.
#[derive(Clone, Debug, PartialEq)]
pub struct Start {
    pub kind: FormKind,
    /// The client (`None`: a new client's intake).
    pub client: Option<Id>,
    /// The item to open it on: an agreement (plan), a trajectory (status, review), a
    /// contact (check-in).
    pub item: Option<Id>,
    /// Values carried over from the form it replaces (a new intake that turned out to be
    /// a known client), and that form's draft, which goes.
    pub carry: Option<(serde_json::Value, FormKind, Id)>,
    /// The screen to return to after the form (the agenda it was opened from).
    pub from: Option<super::action::Screen>,
}

impl Start {
    /// A form for a client (or none).
    pub fn new(kind: FormKind, client: Option<Id>) -> Start {
        Start {
            kind,
            client,
            item: None,
            carry: None,
            from: None,
        }
    }

    /// The same, on an item.
    pub fn on(mut self, item: Option<Id>) -> Start {
        self.item = item;
        self
    }

    /// The client, or the sentence that there is none.
    pub fn client(&self, lang: Lang) -> Result<Id, String> {
        self.client
            .ok_or_else(|| crate::i18n::t(lang, "form.no_client").to_owned())
    }
}

/// A form that was opened: its fields and the workflow behind them.
pub struct Opened {
    pub form: Form,
    pub flow: Box<dyn Workflow>,
}

/// Something a workflow wants to ask the caseworker (the host turns it into a question).
#[derive(Clone, Debug, PartialEq)]
pub enum Prompt {
    /// The typed BSN belongs to a known client.
    KnownClient(KnownClient),
    /// A contract was not renewed: assign a jobhunter in this benefit period?
    Jobhunter { episode_id: Id },
}

/// A client known by the BSN typed.
#[derive(Clone, Debug, PartialEq)]
pub struct KnownClient {
    pub id: Id,
    pub name: String,
    pub on_benefit: bool,
    /// Handed over to a colleague: to whom (the client is theirs now, not opened here).
    pub handed_to: Option<String>,
}

/// A fact a form needs from the store, asked once a field is left (never per key).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Query {
    /// Who has this (valid) BSN.
    ClientByBsn(String),
}

/// The store's answer to a [`Query`].
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// The client with the BSN, or nobody.
    Client(Option<KnownClient>),
}

/// The answers a form has so far.
#[derive(Clone, Debug, Default)]
pub struct Facts(HashMap<Query, Answer>);

impl Facts {
    /// The answer to a query, once it is there.
    pub fn get(&self, q: &Query) -> Option<&Answer> {
        self.0.get(q)
    }

    /// Whether the query was answered.
    pub fn has(&self, q: &Query) -> bool {
        self.0.contains_key(q)
    }

    /// Keeps an answer.
    pub fn insert(&mut self, q: Query, a: Answer) {
        self.0.insert(q, a);
    }
}

/// What a saved form did: the client to show, what to say, and maybe a question.
#[derive(Clone, Debug, PartialEq)]
pub struct Committed {
    pub client_id: Id,
    pub message: String,
    pub then: Option<Prompt>,
}

impl Committed {
    /// A save that shows `client_id` and says `message`.
    pub fn new(client_id: Id, message: String) -> Committed {
        Committed {
            client_id,
            message,
            then: None,
        }
    }
}

/// One form of the app. The host ([`super::form_layer`]) does what every save shares:
/// the transaction, deleting the draft, the sentence when it fails.
pub trait Workflow: Send {
    /// Which form this is.
    fn kind(&self) -> FormKind;
    /// The client it is about (0 for a new client): the key of its draft.
    fn subject(&self) -> Id;
    /// Re-runs the rules after a change (notes, visibility, errors); reads nothing but the
    /// form, the facts and the context.
    fn check(&mut self, form: &mut Form, facts: &Facts, cx: &Cx);
    /// The facts the form needs now (asked when a field is left; asked once each).
    fn queries(&self, _form: &Form) -> Vec<Query> {
        Vec::new()
    }
    /// A question to ask now (taken once).
    fn prompt(&mut self) -> Option<Prompt> {
        None
    }
    /// Writes the form inside the store's transaction.
    fn commit(&self, form: &Form, tx: &Tx, cx: &Cx) -> crate::store::Result<Committed>;
}

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

/// The client's latest benefit period, or why there is none.
pub fn latest_episode(
    store: &Store,
    client_id: Id,
    lang: Lang,
) -> Result<crate::domain::model::Episode, String> {
    store
        .latest_episode(client_id)
        .map_err(|e| read_failed(e, lang))?
        .ok_or_else(|| crate::i18n::t(lang, "form.no_client").to_owned())
}

/// The benefit period an exit form is opened on: the item of the start, else the client's
/// latest.
pub fn exited_period(start: &Start, store: &Store, lang: Lang) -> Result<Id, String> {
    match start.item {
        Some(id) => Ok(id),
        None => Ok(latest_episode(store, start.client(lang)?, lang)?.id),
    }
}

/// The client's running aftercare plan and its planned contacts, or why there is none.
pub fn running_plan(
    store: &Store,
    client_id: Id,
    lang: Lang,
) -> Result<
    (
        crate::domain::model::AftercarePlan,
        Vec<crate::domain::model::AftercareContact>,
    ),
    String,
> {
    store
        .running_aftercare(client_id)
        .map_err(|e| read_failed(e, lang))?
        .ok_or_else(|| crate::i18n::t(lang, "checkin.no_plan").to_owned())
}

/// A store read that failed while opening a form, as the sentence the host shows.
pub fn read_failed(e: crate::store::StoreError, lang: Lang) -> String {
    crate::log::event(crate::log::Event::Error {
        kind: e.kind().name(),
    });
    e.read_message(lang)
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
