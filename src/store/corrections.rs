//! Corrections of what an intake recorded that must keep the recorded exits true: the start
//! of a benefit period (`domain::period_start`) and the client's birth date (a study exit
//! stays one of a client under 27, `domain::contradictions`).

use super::clients::{episode_by_id, episodes_of};
use super::{Result, StoreError, Tx};
use crate::domain::contradictions;
use crate::domain::model::{Episode, Id, Person};
use crate::domain::period_start;

impl Tx<'_> {
    /// Changes a period's start and benefit type, when the start keeps the rule of
    /// [`period_start::move_problem`]; else a [`StoreError::Invalid`] and nothing is written.
    pub fn move_episode_start(&self, e: &Episode) -> Result<()> {
        let Some(own) = episode_by_id(self.conn(), e.id)? else {
            return Err(StoreError::Invalid("exit_rule.reentry_no_episode"));
        };
        let all = episodes_of(self.conn(), own.client_id)?;
        if let Some(p) = period_start::move_problem(e.benefit_start, &own, &all) {
            return Err(StoreError::Invalid(p.key()));
        }
        self.update_episode_start(e)
    }

    /// Changes a client's person, when the birth date keeps every study exit of the client
    /// one of a client under 27 (see [`contradictions::birth_date`]).
    pub fn correct_person(&self, client_id: Id, p: &Person) -> Result<()> {
        let periods = episodes_of(self.conn(), client_id)?;
        if let Some(c) = contradictions::birth_date(p.birth_date, &periods) {
            return Err(StoreError::Invalid(c.key_at_birth()));
        }
        self.update_client(client_id, p)
    }
}
