//! Contacts outside the aftercare schedule, recorded when they happened, in any mode: the
//! client called, the employer called, a workplace visit, a job-coach contact, a three-way
//! talk. One transaction each.

use super::aftercare::{contacts_of, plan_of_episode};
use super::clients::latest_episode;
use super::{Result, Store, StoreError, Tx};
use crate::domain::checkin::{self, CheckInInput};
use crate::domain::codes::{
    AftercareMode, ContactBy, ContactKind, ContactOccasion, ContactStatus, ExitCategory, PlanStatus,
};
use crate::domain::contact_rules;
use crate::domain::model::{AftercareContact, AftercarePlan, Episode, Id};
use chrono::NaiveDate;
use rusqlite::Connection;

/// A contact outside the schedule, as the form hands it over.
#[derive(Clone, Debug, PartialEq)]
pub struct UnplannedInput {
    pub occasion: ContactOccasion,
    pub held_by: ContactBy,
    /// Date, channel and the answers (always held: `reached` is not asked); a next contact
    /// only while the plan runs.
    pub contact: CheckInInput,
    /// Under declined aftercare: the client consents, now, to recording this contact.
    pub consent_now: bool,
}

/// What [`Store::record_unplanned_contact`] did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UnplannedSaved {
    pub contact_id: Id,
    /// The answers were saved (the client's consent); else only that it was held.
    pub content_saved: bool,
    /// A flag for failed tries was cleared, and open retries cancelled.
    pub unflagged: bool,
}

fn invalid<T>(key: &'static str) -> Result<T> {
    Err(StoreError::Invalid(key))
}

/// Where a client's contacts outside the schedule go: the plan of their latest exit (the
/// client not back on benefit), with that exit's period and date; no plan when aftercare
/// was declined and no contact was recorded yet.
fn plan_for_unplanned(
    conn: &Connection,
    client_id: Id,
) -> Result<(Id, NaiveDate, Option<AftercarePlan>)> {
    let Some(Episode {
        id,
        exit_date: Some(exit),
        exit_reason,
        ..
    }) = latest_episode(conn, client_id)?
    else {
        return invalid("unplanned.err.not_exited");
    };
    let plan = plan_of_episode(conn, id)?;
    // Aftercare follows an exit interview, for exits to work or study.
    let offered = exit_reason
        .is_some_and(|r| matches!(r.category(), ExitCategory::Work | ExitCategory::Study));
    if plan.is_none() && (!offered || super::exits::interview(conn, id)?.is_none()) {
        return invalid("unplanned.err.no_aftercare");
    }
    Ok((id, exit, plan))
}

impl Tx<'_> {
    /// Records a contact outside the schedule on the plan of the client's latest exit, as
    /// held on its date. Under declined aftercare it needs the client's consent now, and
    /// then makes the plan that holds such contacts (declined, completed on the exit day,
    /// nothing planned). Answers are saved with consent only. A contact with the client
    /// (not a call from the employer) clears the flag of failed tries and cancels open
    /// retries, as a reached check-in does; a next contact is planned while the plan runs.
    pub fn record_unplanned_contact(
        &self,
        client_id: Id,
        input: &UnplannedInput,
    ) -> Result<UnplannedSaved> {
        let (episode_id, exit_date, plan) = plan_for_unplanned(self.conn(), client_id)?;
        let mut plan = match plan {
            Some(p) => p,
            None if !input.consent_now => return invalid("unplanned.err.declined_no_consent"),
            None => {
                let p = AftercarePlan {
                    id: 0,
                    episode_id,
                    mode: AftercareMode::Declined,
                    consent: true,
                    starts_on: exit_date,
                    ends_on: exit_date,
                    status: PlanStatus::Completed,
                    end_reason: None,
                    ended_on: Some(exit_date),
                    extended: false,
                    flagged: false,
                };
                AftercarePlan {
                    id: self.insert_aftercare_plan(&p)?,
                    ..p
                }
            }
        };
        if plan.mode == AftercareMode::Declined {
            // Under declined aftercare each contact is recorded with the client's consent.
            if !input.consent_now {
                return invalid("unplanned.err.declined_no_consent");
            }
            if !plan.consent {
                plan.consent = true;
                self.update_aftercare_plan(&plan)?;
            }
        }
        let c = &CheckInInput {
            reached: true,
            ..input.contact.clone()
        };
        if let Some(key) = c.problems(plan.starts_on).first() {
            return invalid(key);
        }
        let running = plan.status == PlanStatus::Active;
        if c.next_contact.is_some() && !running {
            return invalid("unplanned.err.next_not_running");
        }
        let mut row = AftercareContact::planned(plan.id, c.on, ContactKind::Extra, 1);
        row.status = ContactStatus::Done;
        row.done_on = Some(c.on);
        row.channel = Some(c.channel);
        row.occasion = Some(input.occasion);
        row.held_by = Some(input.held_by);
        let mut out = UnplannedSaved::default();
        if contact_rules::records_answers(plan.mode, plan.consent, true) {
            super::aftercare_flow::answers(&mut row, c);
            out.content_saved = true;
        }
        // A contact dated before the latest try says nothing about reaching the client now.
        let latest_try = contacts_of(self.conn(), plan.id)?
            .iter()
            .filter(|k| k.status == ContactStatus::NotReached)
            .filter_map(|k| k.done_on)
            .max();
        out.contact_id = self.insert_contact(&row)?;
        let current = latest_try.is_none_or(|d| c.on >= d);
        if running && current && checkin::reaches_client(row.occasion) {
            out.unflagged = plan.flagged;
            if plan.flagged {
                plan.flagged = false;
                self.update_aftercare_plan(&plan)?;
            }
            self.cancel_open_retries(plan.id)?;
        }
        if let Some(on) = c.next_contact {
            self.insert_contact(&AftercareContact::planned(
                plan.id,
                on,
                ContactKind::Extra,
                1,
            ))?;
        }
        Ok(out)
    }
}

impl Store {
    /// Where a contact outside the schedule of the client would go: the date of their
    /// latest exit and its plan (`None` for declined aftercare without one yet); `Invalid`
    /// when the client is on benefit.
    pub fn unplanned_target(&self, client_id: Id) -> Result<(NaiveDate, Option<AftercarePlan>)> {
        let (_, exit, plan) = plan_for_unplanned(self.conn(), client_id)?;
        Ok((exit, plan))
    }

    /// Records a contact outside the schedule in one transaction (see
    /// [`Tx::record_unplanned_contact`]).
    pub fn record_unplanned_contact(
        &mut self,
        client_id: Id,
        input: &UnplannedInput,
    ) -> Result<UnplannedSaved> {
        self.write(|tx| tx.record_unplanned_contact(client_id, input))
    }
}
