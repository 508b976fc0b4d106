//! Aftercare as the caseworker works it: recording a check-in (retries, flag, consent,
//! completion), extending a plan to twelve months, and ending it early. Each one transaction.

use super::aftercare::{contact_by_id, contacts_of, plan_by_id};
use super::clients::episode_by_id;
use super::exits::{instalments_of, interview};
use super::{Result, Store, StoreError, Tx};
use crate::domain::aftercare::{self, AftercareConfig, ScheduleFacts};
use crate::domain::checkin::{self, CheckInInput};
use crate::domain::codes::{
    AftercareEndReason, ContactKind, ContactStatus, ExitCategory, PlanStatus,
};
use crate::domain::contact_rules;
use crate::domain::model::{AftercareContact, AftercarePlan, Id};
use chrono::NaiveDate;

/// What [`Store::record_check_in`] did, and what the form should propose next.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CheckInSaved {
    /// The contact's new status: `done` or `not_reached`.
    pub status: Option<ContactStatus>,
    /// The answers were saved (the plan has the client's consent); else only date,
    /// channel and reached.
    pub content_saved: bool,
    /// Not reached: the new try (id, date), if one was planned.
    pub retry: Option<(Id, NaiveDate)>,
    /// The plan is flagged now: too many failed tries in a row.
    pub flagged: bool,
    /// The plan is completed and the client's phase is closed: the closing contact was
    /// held, and no event contact is still to come after it.
    pub plan_completed: bool,
    /// The closing contact was held, but the plan stays open for the event contact(s) still
    /// to come: the first one's date.
    pub open_for_event: Option<NaiveDate>,
    /// The earlier next contact asked for (id, date).
    pub extra: Option<(Id, NaiveDate)>,
    /// Income and expenses are not in balance and no debt help was referred: offer it.
    pub suggest_debt_help: bool,
    /// The contract was not renewed: propose a jobhunter trajectory.
    pub propose_jobhunter: bool,
}

/// What [`Store::extend_aftercare`] did.
#[derive(Clone, Debug, PartialEq)]
pub struct Extended {
    pub ends_on: NaiveDate,
    /// The contacts added (the closing contact moves and is not among them).
    pub contact_ids: Vec<Id>,
}

fn invalid<T>(key: &'static str) -> Result<T> {
    Err(StoreError::Invalid(key))
}

/// An active plan by id, or the reason why not.
fn active_plan(tx: &Tx, plan_id: Id) -> Result<AftercarePlan> {
    match plan_by_id(tx.conn(), plan_id)? {
        None => invalid("aftercare_rule.plan_unknown"),
        Some(p) if p.status != PlanStatus::Active => invalid("aftercare_rule.plan_not_active"),
        Some(p) => Ok(p),
    }
}

impl Tx<'_> {
    /// Cancels every planned contact of a plan; returns how many.
    pub fn cancel_planned_contacts(&self, plan_id: Id) -> Result<usize> {
        let planned: Vec<AftercareContact> = contacts_of(self.conn(), plan_id)?
            .into_iter()
            .filter(|c| c.status == ContactStatus::Planned)
            .collect();
        for c in &planned {
            self.update_contact(&AftercareContact {
                status: ContactStatus::Cancelled,
                ..c.clone()
            })?;
        }
        Ok(planned.len())
    }

    /// Ends a plan early with a reason on a date (not before its start), cancelling its
    /// planned contacts.
    pub fn end_plan(
        &self,
        plan: &AftercarePlan,
        reason: AftercareEndReason,
        on: NaiveDate,
    ) -> Result<()> {
        self.update_aftercare_plan(&AftercarePlan {
            status: PlanStatus::Ended,
            end_reason: Some(reason),
            ended_on: Some(on.max(plan.starts_on)),
            ..plan.clone()
        })?;
        self.cancel_planned_contacts(plan.id)?;
        Ok(())
    }

    /// The schedule facts of a stored plan: its exit, interview and instalments.
    fn schedule_facts(&self, plan: &AftercarePlan) -> Result<ScheduleFacts> {
        let ep = episode_by_id(self.conn(), plan.episode_id)?;
        let x = interview(self.conn(), plan.episode_id)?;
        let dues = instalments_of(self.conn(), plan.episode_id)?;
        Ok(ScheduleFacts {
            exit_date: ep
                .as_ref()
                .and_then(|e| e.exit_date)
                .unwrap_or(plan.starts_on),
            first_work_day: x.as_ref().and_then(|x| x.first_work_day),
            mode: plan.mode,
            category: ep
                .and_then(|e| e.exit_reason)
                .map_or(ExitCategory::Work, |r| r.category()),
            contract_type: x.as_ref().and_then(|x| x.contract_type),
            contract_end: x.as_ref().and_then(|x| x.contract_end),
            study_end: x.as_ref().and_then(|x| x.study_end),
            instalments: dues.iter().map(|i| i.due_on).collect(),
        })
    }
}

/// The answers of a check-in, on its contact.
pub(super) fn answers(c: &mut AftercareContact, input: &CheckInInput) {
    c.how_is_work = input.how_is_work.trim().to_owned();
    c.running_into = input.running_into.trim().to_owned();
    c.can_i_help = input.can_i_help.trim().to_owned();
    c.still_working = input.still_working;
    c.hours_changed = input.hours_changed;
    c.balance_ok = input.balance_ok;
    c.referrals = input.referrals.clone();
    c.risk = input.risk;
    c.risk_reason = input.risk_reason.trim().to_owned();
    c.contract_renewed = input.contract_renewed;
}

impl Tx<'_> {
    /// Records a check-in on a planned contact, inside a transaction. Not reached: the
    /// contact becomes `not_reached` and a new try is planned `retry` working days later (attempt + 1);
    /// after `flag_after_failed` failed tries the plan is flagged (see
    /// [`checkin::not_reached`]). Reached: the contact is done; its answers are saved
    /// only when the plan has the client's consent; reaching the client clears a flag; the
    /// closing contact completes the plan (other planned contacts are cancelled) unless
    /// event contacts are still to come after it: then the plan stays open until the last
    /// of them is held; an earlier next contact becomes an `extra` contact.
    pub fn record_check_in(
        &self,
        contact_id: Id,
        input: &CheckInInput,
        cfg: &AftercareConfig,
    ) -> Result<CheckInSaved> {
        let Some(contact) = contact_by_id(self.conn(), contact_id)? else {
            return invalid("aftercare_rule.contact_unknown");
        };
        if contact.status != ContactStatus::Planned {
            return invalid("aftercare_rule.contact_not_planned");
        }
        let mut plan = active_plan(self, contact.plan_id)?;
        if let Some(key) = input.problems(plan.starts_on).first() {
            return invalid(key);
        }
        if contact.kind == ContactKind::Closing && input.next_contact.is_some() && input.reached {
            return invalid("aftercare_rule.next_after_closing");
        }
        let mut out = CheckInSaved {
            suggest_debt_help: input.suggests_debt_help(),
            propose_jobhunter: input.proposes_jobhunter(),
            ..CheckInSaved::default()
        };
        let mut c =
            AftercareContact::planned(plan.id, contact.planned_on, contact.kind, contact.attempt);
        c.id = contact.id;
        c.done_on = Some(input.on);
        c.channel = Some(input.channel);
        if !input.reached {
            c.status = ContactStatus::NotReached;
            self.update_contact(&c)?;
            let all = contacts_of(self.conn(), plan.id)?;
            let others = all
                .iter()
                .any(|o| o.id != c.id && o.status == ContactStatus::Planned);
            // Failed tries count in a row over all the plan's contacts, this one included.
            let in_a_row = checkin::failed_in_a_row(&all);
            let next = checkin::not_reached(cfg, input.on, in_a_row, contact.kind, others);
            if let Some(on) = next.retry_on {
                let kind = checkin::retry_kind(contact.kind);
                let retry = AftercareContact::planned(plan.id, on, kind, contact.attempt + 1);
                out.retry = Some((self.insert_contact(&retry)?, on));
            }
            if next.flag && !plan.flagged {
                plan.flagged = true;
                self.update_aftercare_plan(&plan)?;
            }
            out.flagged = plan.flagged;
            out.status = Some(ContactStatus::NotReached);
            return Ok(out);
        }
        c.status = ContactStatus::Done;
        if contact_rules::records_answers(plan.mode, plan.consent, false) {
            answers(&mut c, input);
            out.content_saved = true;
        }
        self.update_contact(&c)?;
        out.status = Some(ContactStatus::Done);
        let all = contacts_of(self.conn(), plan.id)?;
        if contact.kind == ContactKind::Closing {
            // What the schedule still planned is no longer needed, but the events to come.
            for o in all.iter().filter(|o| o.status == ContactStatus::Planned) {
                if !(o.kind.is_event() && o.planned_on > input.on) {
                    self.update_contact(&AftercareContact {
                        status: ContactStatus::Cancelled,
                        ..o.clone()
                    })?;
                }
            }
        }
        let closed = all
            .iter()
            .any(|o| o.kind == ContactKind::Closing && o.status == ContactStatus::Done);
        let next_event = all
            .iter()
            .filter(|o| o.status == ContactStatus::Planned && o.kind.is_event())
            .filter(|o| contact.kind != ContactKind::Closing || o.planned_on > input.on)
            .map(|o| o.planned_on)
            .min();
        if closed && next_event.is_none() {
            plan.status = PlanStatus::Completed;
            plan.ended_on = Some(input.on.max(plan.starts_on));
            plan.flagged = false;
            self.update_aftercare_plan(&plan)?;
            self.cancel_planned_contacts(plan.id)?;
            out.plan_completed = true;
            return Ok(out);
        }
        if closed {
            out.open_for_event = next_event;
        }
        if plan.flagged {
            plan.flagged = false;
            self.update_aftercare_plan(&plan)?;
        }
        // Reached: the new tries still open after earlier failures are no longer needed.
        self.cancel_open_retries(plan.id)?;
        if let Some(on) = input.next_contact.filter(|_| !closed) {
            let extra = AftercareContact::planned(plan.id, on, ContactKind::Extra, 1);
            out.extra = Some((self.insert_contact(&extra)?, on));
        }
        Ok(out)
    }

    /// Corrects a recorded check-in: its date, channel and (when reached, and the plan
    /// records answers) its answers. Another outcome (reached or not) is recorded anew:
    /// what the first recording planned after it (a new try, a flag, the plan's end) is
    /// put back from the change log first, which can be done while nothing it wrote was
    /// changed since (a later check-in on the new try, say) and it was recorded by the app
    /// of this version. Refused, with nothing written, otherwise, for a contact not
    /// recorded, or a date before the plan or a risk without its reason.
    pub fn correct_check_in(
        &self,
        contact_id: Id,
        input: &CheckInInput,
        cfg: &AftercareConfig,
    ) -> Result<()> {
        let Some(saved) = contact_by_id(self.conn(), contact_id)? else {
            return invalid("aftercare_rule.contact_unknown");
        };
        let reached = match saved.status {
            ContactStatus::Done => true,
            ContactStatus::NotReached => false,
            _ => return invalid("checkin.err.not_recorded"),
        };
        if saved.occasion.is_some() && !input.reached {
            return invalid("unplanned.err.held");
        }
        if input.reached != reached {
            let rows = match self.logged()? {
                true => self.check_in_rows(contact_id)?,
                false => None,
            };
            let Some((set, from)) = rows else {
                return invalid("checkin.err.outcome_fixed");
            };
            match self.put_back(set, from) {
                Err(StoreError::Invalid("change.changed_since")) => {
                    return invalid("checkin.err.outcome_later");
                }
                other => other?,
            }
            self.record_check_in(contact_id, input, cfg)?;
            return Ok(());
        }
        let Some(plan) = plan_by_id(self.conn(), saved.plan_id)? else {
            return invalid("aftercare_rule.contact_unknown");
        };
        if let Some(key) = input.problems(plan.starts_on).first() {
            return invalid(key);
        }
        // A contact outside the schedule was "planned" on the day it was held.
        let planned_on = match saved.occasion {
            Some(_) => input.on,
            None => saved.planned_on,
        };
        let mut c = AftercareContact {
            planned_on,
            done_on: Some(input.on),
            channel: Some(input.channel),
            ..saved
        };
        if reached && contact_rules::records_answers(plan.mode, plan.consent, c.occasion.is_some())
        {
            answers(&mut c, input);
        }
        // The closing contact ended the plan on its day.
        if c.kind == ContactKind::Closing && plan.status == PlanStatus::Completed {
            let ended = Some(input.on.max(plan.starts_on));
            if plan.ended_on != ended {
                self.update_aftercare_plan(&AftercarePlan {
                    ended_on: ended,
                    ..plan
                })?;
            }
        }
        self.update_contact(&c)
    }

    /// Cancels the plan's planned retries (a closing or contract-end contact tried again
    /// keeps its kind, and stays: it still has its own purpose).
    pub(super) fn cancel_open_retries(&self, plan_id: Id) -> Result<()> {
        for mut r in contacts_of(self.conn(), plan_id)?
            .into_iter()
            .filter(|c| c.status == ContactStatus::Planned && c.kind == ContactKind::Retry)
        {
            r.status = ContactStatus::Cancelled;
            self.update_contact(&r)?;
        }
        Ok(())
    }

    /// Ends a running plan early (see [`Store::end_aftercare`]), inside a transaction.
    pub fn end_aftercare(
        &self,
        plan_id: Id,
        reason: AftercareEndReason,
        on: NaiveDate,
    ) -> Result<()> {
        let plan = active_plan(self, plan_id)?;
        if on < plan.starts_on {
            return invalid("aftercare_rule.end_before_start");
        }
        self.end_plan(&plan, reason, on)
    }
}

impl Store {
    /// Records a check-in in one transaction (see [`Tx::record_check_in`]).
    pub fn record_check_in(
        &mut self,
        contact_id: Id,
        input: &CheckInInput,
        cfg: &AftercareConfig,
    ) -> Result<CheckInSaved> {
        self.write(|tx| tx.record_check_in(contact_id, input, cfg))
    }

    /// Extends a running plan to the configured length (12 months): the closing contact
    /// moves to the new end, active aftercare continues monthly, and events that now fall
    /// within the plan get their contacts (see [`aftercare::extension`]).
    pub fn extend_aftercare(&mut self, plan_id: Id, cfg: &AftercareConfig) -> Result<Extended> {
        self.write(|tx| {
            let mut plan = active_plan(tx, plan_id)?;
            if plan.extended {
                return invalid("aftercare_rule.already_extended");
            }
            let closing_held = contacts_of(tx.conn(), plan.id)?
                .iter()
                .any(|c| c.kind == ContactKind::Closing && c.status == ContactStatus::Done);
            if closing_held {
                return invalid("aftercare_rule.extend_after_closing");
            }
            let facts = tx.schedule_facts(&plan)?;
            let ext = aftercare::extension(cfg, &facts, plan.ends_on);
            let existing = contacts_of(tx.conn(), plan.id)?;
            let mut moved = false;
            for c in existing
                .iter()
                .filter(|c| c.kind == ContactKind::Closing && c.status == ContactStatus::Planned)
            {
                tx.update_contact(&AftercareContact {
                    planned_on: crate::domain::workdays::working_day(ext.ends_on),
                    ..c.clone()
                })?;
                moved = true;
            }
            let mut contact_ids = Vec::new();
            if !moved {
                let closing = AftercareContact::planned(
                    plan.id,
                    crate::domain::workdays::working_day(ext.ends_on),
                    ContactKind::Closing,
                    1,
                );
                contact_ids.push(tx.insert_contact(&closing)?);
            }
            for p in &ext.contacts {
                // Events are planned whenever they fall: one after the old end is there.
                let dup = existing.iter().any(|c| {
                    c.planned_on == p.on && c.kind == p.kind && c.status != ContactStatus::Cancelled
                });
                if !dup {
                    contact_ids.push(
                        tx.insert_contact(&AftercareContact::planned(plan.id, p.on, p.kind, 1))?,
                    );
                }
            }
            plan.ends_on = ext.ends_on;
            plan.extended = true;
            tx.update_aftercare_plan(&plan)?;
            Ok(Extended {
                ends_on: ext.ends_on,
                contact_ids,
            })
        })
    }

    /// Ends a running plan early (the client's wish, re-entry, moved, other) on a date not
    /// before its start; its planned contacts are cancelled and the client's phase becomes
    /// closed.
    pub fn end_aftercare(
        &mut self,
        plan_id: Id,
        reason: AftercareEndReason,
        on: NaiveDate,
    ) -> Result<()> {
        self.write(|tx| tx.end_aftercare(plan_id, reason, on))
    }
}
