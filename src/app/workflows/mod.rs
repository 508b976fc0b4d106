//! The workflows: every form is one file implementing [`Workflow`] (its fields, a pure
//! `check`, the facts it asks the store for, and its `commit` inside the store's
//! transaction). [`FormKind`] is the one registry: it opens a form (from a key, a draft or
//! the agenda), says when a form applies to the client shown, and names its draft.

pub mod aftercare_end;
pub mod assessment_edit;
pub mod checkin;
pub mod exit;
pub mod exit_edit;
mod exit_premium;
pub mod exit_withdraw;
pub mod fields;
mod form_kind;
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

pub use form_kind::aftercare_runs;

use crate::assets::Assets;
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
