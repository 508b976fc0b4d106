//! The workflows that use forms: each declares its fields, its rules and its save.

pub mod aftercare_end;
pub mod checkin;
pub mod exit;
pub mod fields;
pub mod intake;
pub mod intake_periods;
pub mod intake_save;
pub mod note;
pub mod plan;
pub mod premium_pay;
pub mod reassess;
pub mod review;
pub mod trajectory;

use crate::assets::Assets;
use crate::domain::model::Id;
use crate::form::Form;
use crate::i18n::Lang;
use crate::store::Store;
use chrono::NaiveDate;

/// What a workflow may read while checking: the language, today, the store, the data files.
pub struct Cx<'a> {
    pub lang: Lang,
    pub today: NaiveDate,
    pub store: &'a Store,
    pub assets: &'a Assets,
}

/// The outcome of a save: which client to show, and what to say.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    pub client_id: Id,
    pub message: String,
}

impl Saved {
    /// The outcome of a store write as the host wants it: the client and the message, or
    /// one sentence saying why nothing was saved (its kind is logged).
    pub fn from_write<T>(
        result: crate::store::Result<T>,
        client_id: Id,
        message: String,
        lang: Lang,
    ) -> Result<Saved, String> {
        result.map(|_| Saved { client_id, message }).map_err(|e| {
            crate::log::event(crate::log::Event::Error {
                kind: e.kind().name(),
            });
            e.save_message(lang)
        })
    }
}

/// Something a workflow wants to ask the caseworker (the host turns it into a popup).
#[derive(Debug, Clone, PartialEq)]
pub enum Prompt {
    /// The typed BSN belongs to a known client.
    KnownClient {
        client_id: Id,
        name: String,
        on_benefit: bool,
    },
    /// A contract was not renewed: assign a jobhunter in this benefit period?
    Jobhunter { client_id: Id, episode_id: Id },
}

/// The workflow a form belongs to.
pub enum Flow {
    Intake(intake::IntakeFlow),
    Reassess(reassess::ReassessFlow),
    Plan(plan::PlanFlow),
    Assign(trajectory::AssignFlow),
    Status(trajectory::StatusFlow),
    Review(review::ReviewFlow),
    Note(note::NoteFlow),
    Exit(exit::ExitFlow),
    CheckIn(checkin::CheckInFlow),
    AftercareEnd(aftercare_end::EndFlow),
    Pay(premium_pay::PayFlow),
}

impl Flow {
    /// Re-runs the rules: notes, visibility, errors.
    pub fn refresh(&mut self, form: &mut Form, cx: &Cx) {
        match self {
            Flow::Intake(f) => f.refresh(form, cx),
            Flow::Reassess(f) => f.refresh(form, cx),
            Flow::Plan(f) => f.refresh(form, cx),
            Flow::Assign(f) => f.refresh(form, cx),
            Flow::Status(f) => f.refresh(form, cx),
            Flow::Review(f) => f.refresh(form, cx),
            Flow::Note(f) => f.refresh(form, cx),
            Flow::Exit(f) => f.refresh(form, cx),
            Flow::CheckIn(f) => f.refresh(form, cx),
            Flow::AftercareEnd(f) => f.refresh(form, cx),
            Flow::Pay(f) => f.refresh(form, cx),
        }
    }

    /// Saves in one transaction; the error is one sentence for the status line. A workflow
    /// may leave a question for after the save (see [`Flow::take_prompt`]).
    pub fn save(
        &mut self,
        form: &Form,
        store: &mut Store,
        lang: Lang,
        today: NaiveDate,
        assets: &Assets,
    ) -> Result<Saved, String> {
        match self {
            Flow::Intake(f) => f.save(form, store, lang, today),
            Flow::Reassess(f) => f.save(form, store, lang, today),
            Flow::Plan(f) => f.save(form, store, lang, today),
            Flow::Assign(f) => f.save(form, store, lang, today, &assets.catalog),
            Flow::Status(f) => f.save(form, store, lang, today, &assets.catalog),
            Flow::Review(f) => f.save(form, store, lang, today, &assets.catalog),
            Flow::Note(f) => f.save(form, store, lang, today),
            Flow::Exit(f) => f.save(form, store, lang, today, assets),
            Flow::CheckIn(f) => f.save(form, store, lang, today, assets),
            Flow::AftercareEnd(f) => f.save(form, store, lang, today),
            Flow::Pay(f) => f.save(form, store, lang, today),
        }
    }

    /// A question the workflow wants asked now (taken once).
    pub fn take_prompt(&mut self) -> Option<Prompt> {
        match self {
            Flow::Intake(f) => f.prompt.take(),
            Flow::CheckIn(f) => f.prompt.take(),
            _ => None,
        }
    }
}
