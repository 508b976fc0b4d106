//! Contact notes with their agreements, and plan-of-action edits (goals, agreements), as
//! caseworker operations: each checked by `domain::notes` and written in one transaction.
//!
//! Each operation exists on [`Tx`] (to combine with other writes) and on [`Store`].

use super::notes::{NOTE, note_params, note_row};
use super::{Result, Store, Tx};
use crate::domain::model::{Agreement, Goal, Id, Note};
use crate::domain::notes::{AgreementInput, GoalInput, NoteInput, PlanError};
use chrono::NaiveDate;
use rusqlite::OptionalExtension;

/// What a note save wrote: the note and its agreements, in the order given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteSaved {
    pub note_id: Id,
    pub agreement_ids: Vec<Id>,
}

impl Tx<'_> {
    fn episode_exists(&self, episode_id: Id) -> Result<()> {
        let found = self
            .conn()
            .prepare_cached("SELECT 1 FROM episode WHERE id = ?1")?
            .exists([episode_id])?;
        found.then_some(()).ok_or(PlanError::EpisodeNotFound.into())
    }

    fn agreement_in_tx(&self, id: Id) -> Result<Agreement> {
        super::plan::agreement(self.conn(), id)?.ok_or(PlanError::AgreementNotFound.into())
    }

    /// Voids a contact note entered in error: it goes from the file and the timeline (the
    /// agreements made in it stay in the plan); the change log keeps it with the reason.
    pub fn void_note(&self, id: Id, reason: &str) -> Result<()> {
        let gone = self
            .conn()
            .prepare_cached("DELETE FROM note WHERE id = ?1")?
            .execute([id])?;
        if gone != 1 {
            return Err(super::StoreError::Invalid("void.gone"));
        }
        self.change_reason(reason)?;
        self.audit("note", id, "delete")
    }

    /// Adds a contact note with its agreements.
    pub fn add_note(&self, episode_id: Id, n: &NoteInput) -> Result<NoteSaved> {
        n.check()?;
        self.episode_exists(episode_id)?;
        let note_id = self.insert_note(&new_note(0, episode_id, n))?;
        let mut agreement_ids = Vec::with_capacity(n.agreements.len());
        for a in &n.agreements {
            agreement_ids.push(self.insert_agreement(&new_agreement(
                episode_id,
                Some(note_id),
                a,
            ))?);
        }
        Ok(NoteSaved {
            note_id,
            agreement_ids,
        })
    }

    /// Changes a note and its agreements: those with an id are changed (their done date
    /// kept), those without are added, and the note's agreements left out are deleted.
    pub fn update_note(&self, note_id: Id, n: &NoteInput) -> Result<NoteSaved> {
        n.check()?;
        let episode_id: Id = self
            .conn()
            .prepare_cached("SELECT episode_id FROM note WHERE id = ?1")?
            .query_row([note_id], |r| r.get(0))
            .optional()?
            .ok_or(PlanError::NoteNotFound)?;
        let note = new_note(note_id, episode_id, n);
        self.update_row(&NOTE, note_id, note_params(&note))?;
        let mut kept = Vec::with_capacity(n.agreements.len());
        for a in &n.agreements {
            let id = match a.id {
                Some(id) => {
                    let old = self.agreement_in_tx(id)?;
                    if old.note_id != Some(note_id) {
                        return Err(PlanError::AgreementOfAnotherNote.into());
                    }
                    self.update_agreement(&Agreement {
                        id,
                        done_on: old.done_on,
                        ..new_agreement(episode_id, Some(note_id), a)
                    })?;
                    id
                }
                None => self.insert_agreement(&new_agreement(episode_id, Some(note_id), a))?,
            };
            kept.push(id);
        }
        let old_ids: Vec<Id> = self
            .conn()
            .prepare_cached("SELECT id FROM agreement WHERE note_id = ?1")?
            .query_map([note_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in old_ids.into_iter().filter(|id| !kept.contains(id)) {
            self.conn()
                .prepare_cached("DELETE FROM agreement WHERE id = ?1")?
                .execute([id])?;
            self.audit("agreement", id, "delete")?;
        }
        Ok(NoteSaved {
            note_id,
            agreement_ids: kept,
        })
    }

    /// Adds a goal to the plan of action.
    pub fn add_goal(&self, episode_id: Id, g: &GoalInput) -> Result<Id> {
        g.check()?;
        self.episode_exists(episode_id)?;
        self.insert_goal(&Goal {
            id: 0,
            episode_id,
            term: g.term,
            text: g.text.clone(),
            target_date: g.target_date,
            done_on: None,
        })
    }

    /// Changes a goal's term, text and target date (its done date is kept).
    pub fn edit_goal(&self, id: Id, g: &GoalInput) -> Result<()> {
        g.check()?;
        let old = super::plan::goal(self.conn(), id)?.ok_or(PlanError::GoalNotFound)?;
        self.update_goal(&Goal {
            term: g.term,
            text: g.text.clone(),
            target_date: g.target_date,
            ..old
        })
    }

    /// Marks a goal achieved on a date, or open again with `None`.
    pub fn set_goal_done(&self, id: Id, on: Option<NaiveDate>) -> Result<()> {
        let old = super::plan::goal(self.conn(), id)?.ok_or(PlanError::GoalNotFound)?;
        self.update_goal(&Goal { done_on: on, ..old })
    }

    /// Adds an agreement to the plan of action (not tied to a note).
    pub fn add_agreement(&self, episode_id: Id, a: &AgreementInput) -> Result<Id> {
        a.check(None)?;
        self.episode_exists(episode_id)?;
        self.insert_agreement(&new_agreement(episode_id, None, a))
    }

    /// Changes an agreement's text, who and follow-up (its done date is kept); a
    /// follow-up may not precede the date of the note it was made in.
    pub fn edit_agreement(&self, id: Id, a: &AgreementInput) -> Result<()> {
        let old = self.agreement_in_tx(id)?;
        let made_on: Option<NaiveDate> = match old.note_id {
            Some(n) => self
                .conn()
                .prepare_cached("SELECT noted_on FROM note WHERE id = ?1")?
                .query_row([n], |r| r.get(0))
                .optional()?,
            None => None,
        };
        a.check(made_on)?;
        self.update_agreement(&Agreement {
            id,
            done_on: old.done_on,
            ..new_agreement(old.episode_id, old.note_id, a)
        })
    }

    /// Marks an agreement done on a date, or open again with `None`.
    pub fn set_agreement_done(&self, id: Id, on: Option<NaiveDate>) -> Result<()> {
        let old = self.agreement_in_tx(id)?;
        self.update_agreement(&Agreement { done_on: on, ..old })
    }
}

/// The note record of a note input (its summary without trailing space).
fn new_note(id: Id, episode_id: Id, n: &NoteInput) -> Note {
    Note {
        id,
        episode_id,
        noted_on: n.noted_on,
        channel: n.channel,
        summary: n.summary.trim_end().to_owned(),
        template: n.template.clone(),
    }
}

fn new_agreement(episode_id: Id, note_id: Option<Id>, a: &AgreementInput) -> Agreement {
    Agreement {
        id: 0,
        episode_id,
        note_id,
        text: a.text.trim().to_owned(),
        who: a.who,
        follow_up: a.follow_up,
        done_on: None,
    }
}

impl Store {
    /// Adds a note with its agreements in one transaction (see [`Tx::add_note`]).
    pub fn add_note(&mut self, episode_id: Id, n: &NoteInput) -> Result<NoteSaved> {
        self.write(|tx| tx.add_note(episode_id, n))
    }

    /// Changes a note and its agreements in one transaction (see [`Tx::update_note`]).
    pub fn update_note(&mut self, note_id: Id, n: &NoteInput) -> Result<NoteSaved> {
        self.write(|tx| tx.update_note(note_id, n))
    }

    /// Adds a goal in one transaction.
    pub fn add_goal(&mut self, episode_id: Id, g: &GoalInput) -> Result<Id> {
        self.write(|tx| tx.add_goal(episode_id, g))
    }

    /// Changes a goal in one transaction.
    pub fn edit_goal(&mut self, id: Id, g: &GoalInput) -> Result<()> {
        self.write(|tx| tx.edit_goal(id, g))
    }

    /// Marks a goal done (or open again) in one transaction.
    pub fn set_goal_done(&mut self, id: Id, on: Option<NaiveDate>) -> Result<()> {
        self.write(|tx| tx.set_goal_done(id, on))
    }

    /// Adds an agreement in one transaction.
    pub fn add_agreement(&mut self, episode_id: Id, a: &AgreementInput) -> Result<Id> {
        self.write(|tx| tx.add_agreement(episode_id, a))
    }

    /// Changes an agreement in one transaction.
    pub fn edit_agreement(&mut self, id: Id, a: &AgreementInput) -> Result<()> {
        self.write(|tx| tx.edit_agreement(id, a))
    }

    /// Marks an agreement done (or open again) in one transaction.
    pub fn set_agreement_done(&mut self, id: Id, on: Option<NaiveDate>) -> Result<()> {
        self.write(|tx| tx.set_agreement_done(id, on))
    }

    /// One note with its agreements (for the edit form).
    pub fn note_with_agreements(&self, note_id: Id) -> Result<Option<(Note, Vec<Agreement>)>> {
        let note = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {} FROM note WHERE id = ?1",
                NOTE.select("")
            ))?
            .query_row([note_id], note_row)
            .optional()?;
        let Some(note) = note else { return Ok(None) };
        let agreements = super::plan::agreements_of_note(self.conn(), note_id)?;
        Ok(Some((note, agreements)))
    }

    /// One goal.
    pub fn goal(&self, id: Id) -> Result<Option<Goal>> {
        super::plan::goal(self.conn(), id)
    }
}
