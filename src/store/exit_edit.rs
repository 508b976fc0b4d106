//! Correcting a saved exit (every field; premium instalments and aftercare computed again,
//! what was paid or held kept) and withdrawing an exit recorded in error (the period open
//! again), each one save.

use super::aftercare::{contacts_of, plan_of_episode};
use super::clients::episode_by_id;
use super::exit_flow::{
    ExitSaved, close_trajectories, context, due_dates, first_day, granted, insert_plan, interview,
    new_instalment, schedule_facts,
};
use super::exits::{instalments_of, prior_premium_except};
use super::trajectories::events_of;
use super::{Result, Store, StoreError, Tx};
use crate::assets::Assets;
use crate::domain::aftercare;
use crate::domain::codes::{
    AftercareMode, ContactKind, ContactStatus, PlanStatus, TrajectoryStatus,
};
use crate::domain::contact_rules;
use crate::domain::exit::{EXIT_STOP_REASON, ExitContext, ExitInput};
use crate::domain::model::{
    AftercareContact, AftercarePlan, Episode, Id, PremiumInstalment, Trajectory,
};
use crate::domain::premium;
use chrono::NaiveDate;
use rusqlite::Connection;

fn invalid<T>(key: &'static str) -> Result<T> {
    Err(StoreError::Invalid(key))
}

/// Whether a contact was held (reached or not): kept by a correction.
fn held(c: &AftercareContact) -> bool {
    matches!(c.status, ContactStatus::Done | ContactStatus::NotReached)
}

/// Whether an instalment was settled (paid or forfeited): kept by a correction.
fn settled(p: &PremiumInstalment) -> bool {
    p.paid_on.is_some() || p.forfeited_on.is_some()
}

/// The day a held contact or a settled instalment happened.
fn contact_day(c: &AftercareContact) -> NaiveDate {
    c.done_on.unwrap_or(c.planned_on)
}

fn settled_day(p: &PremiumInstalment) -> NaiveDate {
    p.paid_on.or(p.forfeited_on).unwrap_or(p.due_on)
}

/// A trajectory as it was before the exit on `exit_date` closed it (its last event is the
/// exit's: its note, on the day the exit closes it), with the status of the event before;
/// `None` when the exit did not close it (a stop typed by hand with the same words, on
/// another day, is the caseworker's own).
fn before_exit(
    conn: &Connection,
    t: &Trajectory,
    exit_date: NaiveDate,
) -> Result<Option<Trajectory>> {
    let events = events_of(conn, t.id)?;
    let Some((last, earlier)) = events.split_last() else {
        return Ok(None);
    };
    let closed_by_exit = last.note == EXIT_STOP_REASON
        && last.on_date == crate::domain::exit::closing_date(t, exit_date)
        && matches!(
            t.status,
            TrajectoryStatus::Completed | TrajectoryStatus::Stopped
        )
        && last.status == t.status;
    if !closed_by_exit {
        return Ok(None);
    }
    let status = match earlier.last() {
        Some(e) => e.status,
        None if t.start_date.is_some() => TrajectoryStatus::Started,
        None => TrajectoryStatus::Referred,
    };
    Ok(Some(Trajectory {
        status,
        result: None,
        ended_on: None,
        stop_reason: None,
        ..t.clone()
    }))
}

/// The exited period, the latest of its client (an earlier one has a later period that
/// starts from its exit), or the refused rule.
fn exited_latest(conn: &Connection, episode_id: Id) -> Result<Episode> {
    let Some(ep) = episode_by_id(conn, episode_id)? else {
        return invalid("exit_edit.gone");
    };
    if ep.exit_date.is_none() {
        return invalid("exit_edit.no_exit");
    }
    let later: bool = conn
        .prepare_cached(
            "SELECT count(*) > 0 FROM episode WHERE client_id = ?1 AND id <> ?2 \
             AND (benefit_start > ?3 OR (benefit_start = ?3 AND id > ?2))",
        )?
        .query_row(
            rusqlite::params![ep.client_id, ep.id, ep.benefit_start],
            |r| r.get(0),
        )?;
    if later {
        return invalid("exit_edit.later_period");
    }
    Ok(ep)
}

/// The context of an exit being corrected: the period as if still open, its trajectories
/// as they were before the exit closed them (those begun after it left out), and the
/// premium of the periods before it.
fn edit_context(conn: &Connection, episode_id: Id) -> Result<ExitContext> {
    let ep = exited_latest(conn, episode_id)?;
    let exit_date = ep.exit_date.unwrap_or(ep.benefit_start);
    let open = Episode {
        exit_date: None,
        last_payment_date: None,
        exit_reason: None,
        ..ep
    };
    let mut ctx = context(conn, open)?;
    let mut trajectories = Vec::new();
    for t in std::mem::take(&mut ctx.trajectories) {
        match before_exit(conn, &t, exit_date)? {
            Some(before) => trajectories.push(before),
            // Running now without the exit having closed it: begun after the exit (a
            // jobhunter during aftercare), no part of it.
            None if matches!(
                t.status,
                TrajectoryStatus::Referred | TrajectoryStatus::Started
            ) => {}
            None => trajectories.push(t),
        }
    }
    ctx.trajectories = trajectories;
    ctx.prior_premium = prior_premium_except(conn, ctx.episode.client_id, Some(episode_id))?;
    Ok(ctx)
}

/// Why the exit of a period cannot be withdrawn now (an i18n key), if it cannot: an
/// instalment paid or forfeited, or a check-in held.
fn withdraw_problem(conn: &Connection, episode_id: Id) -> Result<Option<&'static str>> {
    if instalments_of(conn, episode_id)?.iter().any(settled) {
        return Ok(Some("exit_withdraw.paid"));
    }
    if let Some(p) = plan_of_episode(conn, episode_id)?
        && contacts_of(conn, p.id)?.iter().any(held)
    {
        return Ok(Some("exit_withdraw.contacts_held"));
    }
    Ok(None)
}

impl Store {
    /// Why the exit of a period cannot be withdrawn (see [`Tx::withdraw_exit`]): the
    /// refused rule, or `None` when it can.
    pub fn exit_withdraw_problem(&self, episode_id: Id) -> Result<Option<&'static str>> {
        exited_latest(self.conn(), episode_id)?;
        withdraw_problem(self.conn(), episode_id)
    }

    /// What the correction of an exit needs (see [`Tx::correct_exit`]); the refused rule
    /// when the period has no exit or a later period follows it.
    pub fn exit_edit_context(&self, episode_id: Id) -> Result<ExitContext> {
        edit_context(self.conn(), episode_id)
    }
}

impl Tx<'_> {
    /// Puts back the trajectories the exit closed as they were (their exit event goes).
    fn reopen_closed_by_exit(&self, episode_id: Id) -> Result<()> {
        let Some(exit_date) = episode_by_id(self.conn(), episode_id)?.and_then(|e| e.exit_date)
        else {
            return Ok(());
        };
        for t in super::trajectories::trajectories(self.conn(), episode_id)? {
            if let Some(before) = before_exit(self.conn(), &t, exit_date)? {
                self.conn()
                    .prepare_cached(
                        "DELETE FROM trajectory_event WHERE id = (SELECT id FROM \
                         trajectory_event WHERE trajectory_id = ?1 \
                         ORDER BY on_date DESC, id DESC LIMIT 1)",
                    )?
                    .execute([t.id])?;
                self.update_trajectory(&before)?;
            }
        }
        Ok(())
    }

    /// Corrects the exit of the client's latest period with every field of `input`, under
    /// the same rules as a new exit. The trajectories it closed are closed again (on the
    /// new date, found-via as corrected); the premium instalments and the aftercare plan are
    /// computed again: a paid or forfeited instalment and a held contact are kept, open
    /// ones planned anew. Refused (nothing written) when a kept payment or contact would
    /// fall before the new exit date, when a paid premium would no longer be granted as it
    /// was, or when held contacts would lose their plan or consent.
    pub fn correct_exit(
        &self,
        episode_id: Id,
        input: &ExitInput,
        assets: &Assets,
    ) -> Result<ExitSaved> {
        let ctx = edit_context(self.conn(), episode_id)?;
        if input.client_id != ctx.episode.client_id {
            return invalid("exit_edit.gone");
        }
        let (scheme, uplifts) = granted(input, &ctx, assets)?;
        let old = instalments_of(self.conn(), episode_id)?;
        let kept: Vec<&PremiumInstalment> = old.iter().filter(|p| settled(p)).collect();
        if kept.iter().any(|p| settled_day(p) < input.exit_date) {
            return invalid("exit_edit.paid_before_exit");
        }
        if kept
            .iter()
            .any(|p| scheme.is_none_or(|s| s.key != p.scheme))
        {
            return invalid("exit_edit.premium_paid");
        }
        // The context holds the trajectories as they are now written back.
        self.reopen_closed_by_exit(episode_id)?;
        self.close_episode(&Episode {
            exit_date: Some(input.exit_date),
            last_payment_date: input.last_payment_date,
            exit_reason: Some(input.reason),
            ..ctx.episode.clone()
        })?;
        self.update_exit_interview(&interview(input, episode_id, scheme.map(|s| s.key.clone())))?;
        let closed = close_trajectories(self, input, &ctx)?;
        // Open instalments go; the new ones take the places the kept ones leave.
        for p in old.iter().filter(|p| !settled(p)) {
            self.delete_instalment(p.id)?;
        }
        let dues = scheme
            .map(|s| premium::instalments(s, input.exit_date, first_day(input), &uplifts))
            .unwrap_or_default();
        let mut instalment_ids = Vec::new();
        for due in dues.iter().filter(|d| kept.iter().all(|k| k.seq != d.seq)) {
            instalment_ids.push(self.insert_instalment(&new_instalment(episode_id, scheme, due))?);
        }
        let facts = schedule_facts(input, due_dates(&dues));
        let (plan_id, contact_ids) = self.replan(episode_id, input, &facts, assets)?;
        Ok(ExitSaved {
            episode_id,
            closed,
            plan_id,
            contact_ids,
            instalment_ids,
        })
    }

    /// The aftercare plan of a corrected exit: held contacts kept, planned ones planned
    /// again after the last held one (a plan that has ended keeps its contacts).
    fn replan(
        &self,
        episode_id: Id,
        input: &ExitInput,
        facts: &aftercare::ScheduleFacts,
        assets: &Assets,
    ) -> Result<(Option<Id>, Vec<Id>)> {
        let cfg = &assets.aftercare;
        let plan = plan_of_episode(self.conn(), episode_id)?;
        let contacts = match &plan {
            Some(p) => contacts_of(self.conn(), p.id)?,
            None => Vec::new(),
        };
        let kept: Vec<&AftercareContact> = contacts.iter().filter(|c| held(c)).collect();
        let Some(s) = aftercare::schedule(cfg, facts) else {
            // Declined still: the contacts the client sought stay, on the exit's day.
            if let Some(p) = plan.clone().filter(|p| p.mode == AftercareMode::Declined) {
                if kept.iter().any(|c| contact_day(c) < input.exit_date) {
                    return invalid("exit_edit.contact_before_exit");
                }
                let on = Some(input.exit_date);
                self.update_aftercare_plan(&AftercarePlan {
                    starts_on: input.exit_date,
                    ends_on: input.exit_date,
                    ended_on: on,
                    ..p
                })?;
                return Ok((Some(p.id), Vec::new()));
            }
            if !kept.is_empty() {
                return invalid("exit_edit.contacts_held");
            }
            if let Some(p) = plan {
                self.delete_plan(p.id)?;
            }
            return Ok((None, Vec::new()));
        };
        if kept.iter().any(|c| contact_day(c) < input.exit_date) {
            return invalid("exit_edit.contact_before_exit");
        }
        for c in &kept {
            if let Some((_, rule)) =
                contact_rules::problems(input.aftercare, input.consent, c).first()
            {
                return invalid(rule.key());
            }
        }
        let Some(mut plan) = plan else {
            let (id, ids) = insert_plan(self, episode_id, input, &s)?;
            return Ok((Some(id), ids));
        };
        if plan.mode == AftercareMode::Declined {
            // Aftercare accepted after all: the plan that held the contacts the client
            // sought runs now, on the schedule.
            plan.status = PlanStatus::Active;
            plan.ended_on = None;
            plan.end_reason = None;
        }
        let (mut ends_on, mut planned) = (s.ends_on, s.contacts.clone());
        if plan.extended {
            let ext = aftercare::extension(cfg, facts, s.ends_on);
            planned.retain(|c| c.kind != ContactKind::Closing);
            planned.extend(ext.contacts);
            planned.push(aftercare::PlannedContact {
                on: crate::domain::workdays::working_day(ext.ends_on),
                kind: ContactKind::Closing,
            });
            ends_on = ext.ends_on;
        }
        if plan.ended_on.is_some_and(|d| d < input.exit_date) {
            return invalid("exit_edit.contact_before_exit");
        }
        let last_held = kept.iter().map(|c| contact_day(c)).max();
        let mut ids = Vec::new();
        if plan.status == PlanStatus::Active {
            // Only what the schedule planned is planned again: a new try after a failed
            // one and a next contact a check-in asked for stay (on or after the exit).
            let own =
                |c: &&AftercareContact| matches!(c.kind, ContactKind::Retry | ContactKind::Extra);
            if contacts
                .iter()
                .filter(|c| c.status == ContactStatus::Planned)
                .filter(own)
                .any(|c| c.planned_on < input.exit_date)
            {
                return invalid("exit_edit.contact_before_exit");
            }
            for c in contacts
                .iter()
                .filter(|c| c.status == ContactStatus::Planned)
                .filter(|c| !own(c))
            {
                self.delete_contact(c.id)?;
            }
            // A closing held (the plan open for events after it) is not planned again.
            let closing_held = kept
                .iter()
                .any(|c| c.kind == ContactKind::Closing && c.status == ContactStatus::Done);
            for c in planned.iter().filter(|c| match c.kind {
                ContactKind::Closing => !closing_held,
                _ => last_held.is_none_or(|d| c.on > d),
            }) {
                ids.push(
                    self.insert_contact(&AftercareContact::planned(plan.id, c.on, c.kind, 1))?,
                );
            }
        }
        plan.mode = input.aftercare;
        plan.consent = input.consent;
        plan.starts_on = s.starts_on;
        plan.ends_on = ends_on.max(last_held.unwrap_or(ends_on));
        // The closing was held and no event is still to come: the plan is complete.
        let closing_done = kept
            .iter()
            .filter(|c| c.kind == ContactKind::Closing && c.status == ContactStatus::Done)
            .filter_map(|c| c.done_on)
            .max();
        let left = contacts_of(self.conn(), plan.id)?
            .iter()
            .any(|c| c.status == ContactStatus::Planned);
        if plan.status == PlanStatus::Active
            && let Some(done) = closing_done
            && !left
        {
            plan.status = PlanStatus::Completed;
            plan.ended_on = Some(done.max(plan.starts_on));
            plan.flagged = false;
        }
        self.update_aftercare_plan(&plan)?;
        Ok((Some(plan.id), ids))
    }

    /// Withdraws the exit of the client's latest period as recorded in error: the period
    /// is open again (exit date, last payment and reason cleared), the trajectories the exit
    /// closed run again, and the interview goes with its checklist, aftercare plan, planned
    /// contacts and open instalments; `reason` is kept in the change log. Refused while an
    /// instalment is paid or forfeited (take it back first) or a check-in was held.
    pub fn withdraw_exit(&self, episode_id: Id, reason: &str) -> Result<()> {
        let ep = exited_latest(self.conn(), episode_id)?;
        if let Some(key) = withdraw_problem(self.conn(), episode_id)? {
            return invalid(key);
        }
        self.reopen_closed_by_exit(episode_id)?;
        // The checklist is read in the order it was written: removed last row first, so
        // that an undo (which writes back newest first) writes it in that order again.
        let rows: Vec<i64> = self
            .conn()
            .prepare_cached(
                "SELECT rowid FROM exit_checklist WHERE episode_id = ?1 ORDER BY rowid DESC",
            )?
            .query_map([episode_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for row in rows {
            self.conn()
                .prepare_cached("DELETE FROM exit_checklist WHERE rowid = ?1")?
                .execute([row])?;
        }
        // The plan, its contacts and the instalments go with the interview.
        self.conn()
            .prepare_cached("DELETE FROM exit_interview WHERE episode_id = ?1")?
            .execute([episode_id])?;
        self.audit("exit_interview", episode_id, "delete")?;
        self.close_episode(&Episode {
            exit_date: None,
            last_payment_date: None,
            exit_reason: None,
            ..ep
        })?;
        self.change_reason(reason)
    }
}
