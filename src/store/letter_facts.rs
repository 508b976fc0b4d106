//! The exit letter's read model: what the letter says about a client's latest exit,
//! its aftercare plan as it stands and the premium granted.

use super::{Result, Store, StoreError};
use crate::domain::codes::{AftercareMode, ContactStatus, PlanStatus};
use crate::domain::letter::{self, LetterFacts, PlanFacts};
use crate::domain::model::{Id, client_number};
use crate::domain::premium::PremiumConfig;
use chrono::NaiveDate;

impl Store {
    /// The facts of the exit letter for a client's latest exit, dated `on`, the premium's
    /// conditions taken from `premium` (the scheme granted); `caseworker` and `contact` are
    /// left empty for the caller to fill. Refused (as [`StoreError::Invalid`]) for an
    /// unknown client, a client still on benefit, and an excluded exit reason (those never
    /// count as an exit and get no letter).
    pub fn letter_facts(
        &self,
        client_id: Id,
        on: NaiveDate,
        premium: &PremiumConfig,
    ) -> Result<LetterFacts> {
        let Some(client) = self.client(client_id)? else {
            return Err(StoreError::Invalid("exit_letter.no_client"));
        };
        let Some((ep, exit_date, reason)) = self
            .latest_episode(client_id)?
            .and_then(|e| Some((e.id, e.exit_date?, e.exit_reason?)))
        else {
            return Err(StoreError::Invalid("exit_letter.no_exit"));
        };
        if !letter::applies(reason) {
            return Err(StoreError::Invalid("exit_letter.not_for_reason"));
        }
        let last_payment_date = self.episode(ep)?.and_then(|e| e.last_payment_date);
        let x = self.exit_interview(ep)?;
        // A declined plan only holds the contacts the client sought: no aftercare.
        let plan = self
            .aftercare_plan(ep)?
            .filter(|p| p.mode != crate::domain::codes::AftercareMode::Declined);
        let plan = match plan {
            Some(p) => Some(PlanFacts {
                ends_on: p.ends_on,
                ended_on: (p.status != PlanStatus::Active).then(|| p.ended_on.unwrap_or(p.ends_on)),
                planned: self
                    .contacts(p.id)?
                    .iter()
                    .filter(|c| c.status == ContactStatus::Planned)
                    .map(|c| (c.planned_on, c.kind))
                    .collect(),
            }),
            None => None,
        };
        let instalments = self
            .instalments(ep)?
            .iter()
            .filter(|i| i.cancelled_on.is_none() && i.forfeited_on.is_none())
            .map(|i| (i.due_on, i.amount_cents))
            .collect();
        let premium_conditions = x
            .as_ref()
            .and_then(|x| x.premium_scheme.as_deref())
            .and_then(|key| premium.scheme(key))
            .map(|s| s.rules.clone())
            .unwrap_or_default();
        Ok(LetterFacts {
            date: on,
            client_name: client.person.full_name(),
            client_number: client_number(client_id),
            reason,
            exit_date,
            last_payment_date,
            employer: x.as_ref().map(|x| x.employer.clone()).unwrap_or_default(),
            job_title: x.as_ref().map(|x| x.job_title.clone()).unwrap_or_default(),
            study_end: x.as_ref().and_then(|x| x.study_end),
            caseworker: String::new(),
            contact: String::new(),
            aftercare: x
                .as_ref()
                .map_or(AftercareMode::Declined, |x| x.aftercare_offer),
            plan,
            instalments,
            premium_conditions,
        })
    }
}
