//! The exit as one save (episode, interview, trajectories, aftercare plan, premium), the
//! form's context and preview, and re-entry.

use super::aftercare::plan_of_episode;
use super::exits::prior_premium;
use super::{Result, Store, StoreError, Tx};
use crate::assets::Assets;
use crate::domain::aftercare::{self, ScheduleFacts};
use crate::domain::codes::{
    AftercareEndReason, AftercareMode, FoundVia, PlanStatus, TrajectoryStatus,
};
use crate::domain::contradictions;
use crate::domain::date::months_between;
use crate::domain::exit::{self, EXIT_STOP_REASON, ExitContext, ExitInput, TrajectoryClosing};
use crate::domain::model::{AftercareContact, AftercarePlan, Episode, ExitInterview, Id, Intake};
use crate::domain::model::{PremiumInstalment, TrajectoryEvent};
use crate::domain::period_start;
use crate::domain::premium;
use chrono::NaiveDate;

/// What [`Store::record_exit`] wrote.
#[derive(Clone, Debug, PartialEq)]
pub struct ExitSaved {
    pub episode_id: Id,
    /// The trajectories closed, with what they became.
    pub closed: Vec<(Id, TrajectoryStatus)>,
    /// The aftercare plan (none when declined or not offered).
    pub plan_id: Option<Id>,
    /// The contacts planned, in date order.
    pub contact_ids: Vec<Id>,
    /// The premium instalments created, in order.
    pub instalment_ids: Vec<Id>,
}

/// What [`Store::re_enter`] did, and what the intake form can start from.
#[derive(Clone, Debug, PartialEq)]
pub struct ReEntry {
    /// The new episode (no intake yet: the client is back in the intake phase).
    pub episode_id: Id,
    pub previous_episode_id: Id,
    pub previous_exit: NaiveDate,
    /// Whole months between the previous exit and the new benefit start.
    pub months_off_benefit: u32,
    /// The aftercare plan ended with reason re-entry, if one was running.
    pub aftercare_ended: Option<Id>,
    /// The previous period's premium instalments cancelled unpaid.
    pub premium_cancelled: Vec<Id>,
    /// The previous episode's intake, offered as a starting point.
    pub previous_intake: Option<Intake>,
}

/// What a re-entry ended of the previous benefit period.
#[derive(Clone, Debug, PartialEq)]
pub struct Ended {
    /// The aftercare plan, if one was running.
    pub aftercare: Option<Id>,
    /// The premium instalments cancelled unpaid.
    pub premium: Vec<Id>,
}

fn invalid<T>(key: &'static str) -> Result<T> {
    Err(StoreError::Invalid(key))
}

/// The context of a client's exit, read inside a transaction or not.
pub(super) fn context(conn: &rusqlite::Connection, episode: Episode) -> Result<ExitContext> {
    let birth_date = conn
        .prepare_cached("SELECT birth_date FROM client WHERE id = ?1")?
        .query_row([episode.client_id], |r| r.get(0))?;
    Ok(ExitContext {
        trajectories: super::trajectories::trajectories(conn, episode.id)?,
        prior_premium: prior_premium(conn, episode.client_id)?,
        birth_date,
        episode,
    })
}

impl Store {
    /// What the exit form needs: the open episode, its trajectories (the found-via choices),
    /// and whether a premium was granted before. `None` when the client is not on benefit.
    pub fn exit_context(&self, client_id: Id) -> Result<Option<ExitContext>> {
        match self.latest_episode(client_id)? {
            Some(e) if e.exit_date.is_none() => Ok(Some(context(self.conn(), e)?)),
            _ => Ok(None),
        }
    }

    /// The open trajectories the exit will close and what each becomes (shown before saving).
    pub fn exit_closings(
        &self,
        client_id: Id,
        found_via: Option<Id>,
    ) -> Result<Vec<TrajectoryClosing>> {
        Ok(self
            .exit_context(client_id)?
            .map(|c| exit::closings(&c.trajectories, found_via))
            .unwrap_or_default())
    }

    /// Records an exit in one transaction: closes the episode; writes the interview and its
    /// checklist; closes every open trajectory (see [`exit::closings`]) with a status event;
    /// creates the premium instalments when a scheme is granted (it must be eligible); and
    /// creates the aftercare plan with its contacts unless aftercare is declined. A declined
    /// offer creates no plan (it is recorded as the interview's `aftercare_offer`), so the
    /// client's phase becomes closed; so does a non-work exit. Any refused rule is a
    /// [`StoreError::Invalid`] with its i18n key, and nothing is written.
    pub fn record_exit(&mut self, input: &ExitInput, assets: &Assets) -> Result<ExitSaved> {
        self.write(|tx| tx.record_exit(input, assets))
    }
}

impl Tx<'_> {
    /// [`Store::record_exit`] inside a transaction the caller holds (to remove the form's
    /// draft in the same one).
    pub fn record_exit(&self, input: &ExitInput, assets: &Assets) -> Result<ExitSaved> {
        let tx = self;
        {
            let Some(episode) = tx
                .latest_episode(input.client_id)?
                .filter(|e| e.exit_date.is_none())
            else {
                return invalid("exit_rule.no_open_episode");
            };
            let ctx = context(tx.conn(), episode)?;
            let (scheme, uplifts) = granted(input, &ctx, assets)?;
            let ep = &ctx.episode;
            tx.close_episode(&Episode {
                exit_date: Some(input.exit_date),
                last_payment_date: input.last_payment_date,
                exit_reason: Some(input.reason),
                ..ep.clone()
            })?;
            tx.insert_exit_interview(&interview(input, ep.id, scheme.map(|s| s.key.clone())))?;
            let closed = close_trajectories(tx, input, &ctx)?;
            let dues = scheme
                .map(|s| premium::instalments(s, input.exit_date, first_day(input), &uplifts))
                .unwrap_or_default();
            let mut instalment_ids = Vec::new();
            for due in &dues {
                instalment_ids.push(tx.insert_instalment(&new_instalment(ep.id, scheme, due))?);
            }
            let facts = schedule_facts(input, due_dates(&dues));
            let (plan_id, contact_ids) = match aftercare::schedule(&assets.aftercare, &facts) {
                Some(s) => {
                    let (plan_id, ids) = insert_plan(tx, ep.id, input, &s)?;
                    (Some(plan_id), ids)
                }
                None => (None, Vec::new()),
            };
            Ok(ExitSaved {
                episode_id: ep.id,
                closed,
                plan_id,
                contact_ids,
                instalment_ids,
            })
        }
    }
}

impl Store {
    /// A client who left comes back on benefit: a new episode from `benefit_start` (same
    /// benefit type), linked to the previous one; an aftercare plan still running ends with
    /// reason re-entry and its planned contacts are cancelled; premium instalments still
    /// unpaid are cancelled (the premium rewards leaving benefit), kept on record; a
    /// trajectory started during aftercare (a jobhunter) continues in the new period. One
    /// transaction.
    pub fn re_enter(&mut self, client_id: Id, benefit_start: NaiveDate) -> Result<ReEntry> {
        let (episode_id, prev, ended) =
            self.write(|tx| tx.re_enter(client_id, benefit_start, None))?;
        let previous_exit = prev.exit_date.unwrap_or(benefit_start);
        Ok(ReEntry {
            episode_id,
            previous_episode_id: prev.id,
            previous_exit,
            months_off_benefit: months_between(previous_exit, benefit_start),
            aftercare_ended: ended.aftercare,
            premium_cancelled: ended.premium,
            previous_intake: self.intake(prev.id)?,
        })
    }
}

impl Tx<'_> {
    /// [`Store::re_enter`] inside the caller's transaction (the intake of the new period is
    /// saved with it); `benefit_type` defaults to the previous period's. Returns the new
    /// episode, the previous one, and what of the previous period it ended.
    pub fn re_enter(
        &self,
        client_id: Id,
        benefit_start: NaiveDate,
        benefit_type: Option<crate::domain::codes::BenefitType>,
    ) -> Result<(Id, Episode, Ended)> {
        let Some(prev) = self.latest_episode(client_id)? else {
            return invalid("exit_rule.reentry_no_episode");
        };
        let Some(exit_date) = prev.exit_date else {
            return invalid("exit_rule.reentry_on_benefit");
        };
        if let Some(p) = period_start::problem(benefit_start, Some(exit_date)) {
            return invalid(p.key());
        }
        let episode_id = self.insert_episode(&Episode::open(
            client_id,
            benefit_start,
            benefit_type.unwrap_or(prev.benefit_type),
            Some(prev.id),
        ))?;
        let mut ended = Ended {
            aftercare: None,
            premium: self.cancel_unpaid_instalments(prev.id, benefit_start)?,
        };
        if let Some(plan) =
            plan_of_episode(self.conn(), prev.id)?.filter(|p| p.status == PlanStatus::Active)
        {
            self.end_plan(&plan, AftercareEndReason::Reentry, benefit_start)?;
            ended.aftercare = Some(plan.id);
        }
        self.carry_running_trajectories(prev.id, episode_id)?;
        Ok((episode_id, prev, ended))
    }
}

/// The checks every saved exit keeps (the form's rules, contradictions, the premium's
/// eligibility): the scheme granted and its uplifts, or the refused rule's i18n key.
pub(super) fn granted<'a>(
    input: &ExitInput,
    ctx: &ExitContext,
    assets: &'a Assets,
) -> Result<(Option<&'a premium::Scheme>, Vec<String>)> {
    if let Some(p) = input.problems(ctx, &assets.checklist).first() {
        return invalid(p.key);
    }
    if let Some((_, c)) = contradictions::exit(input, ctx).first() {
        return invalid(c.key());
    }
    match &input.premium {
        Some(key) => {
            let Some(s) = assets.premium.scheme(key) else {
                return invalid("exit_rule.premium_unknown");
            };
            let ev = premium::evaluate(s, &input.premium_facts(ctx));
            if !ev.eligible() {
                return invalid("exit_rule.premium_not_eligible");
            }
            Ok((Some(s), ev.granted_uplifts()))
        }
        None => Ok((None, Vec::new())),
    }
}

/// The first working day of a work exit.
pub(super) fn first_day(input: &ExitInput) -> Option<NaiveDate> {
    input.work.as_ref().and_then(|w| w.first_work_day)
}

/// One contact per due date: an uplift paid with an instalment adds none.
pub(super) fn due_dates(dues: &[premium::Due]) -> Vec<NaiveDate> {
    let mut out: Vec<NaiveDate> = dues.iter().map(|d| d.due_on).collect();
    out.sort();
    out.dedup();
    out
}

/// A new, open instalment of a granted scheme.
pub(super) fn new_instalment(
    episode_id: Id,
    scheme: Option<&premium::Scheme>,
    due: &premium::Due,
) -> PremiumInstalment {
    PremiumInstalment {
        id: 0,
        episode_id,
        scheme: scheme.map(|s| s.key.clone()).unwrap_or_default(),
        seq: due.seq,
        due_on: due.due_on,
        amount_cents: due.amount_cents,
        paid_on: None,
        cancelled_on: None,
        forfeited_on: None,
        forfeit_reason: String::new(),
        uplift: due.uplift.clone(),
    }
}

/// Creates the running aftercare plan of an exit with its planned contacts.
pub(super) fn insert_plan(
    tx: &Tx,
    episode_id: Id,
    input: &ExitInput,
    s: &aftercare::Schedule,
) -> Result<(Id, Vec<Id>)> {
    let plan_id = tx.insert_aftercare_plan(&AftercarePlan {
        id: 0,
        episode_id,
        mode: input.aftercare,
        consent: input.consent,
        starts_on: s.starts_on,
        ends_on: s.ends_on,
        status: PlanStatus::Active,
        end_reason: None,
        ended_on: None,
        extended: false,
        flagged: false,
    })?;
    let mut ids = Vec::new();
    for c in &s.contacts {
        ids.push(tx.insert_contact(&AftercareContact::planned(plan_id, c.on, c.kind, 1))?);
    }
    Ok((plan_id, ids))
}

/// The interview row of an exit input.
pub(super) fn interview(
    input: &ExitInput,
    episode_id: Id,
    scheme: Option<String>,
) -> ExitInterview {
    let w = input.work.clone().unwrap_or_default();
    let declined = input.aftercare == AftercareMode::Declined;
    ExitInterview {
        episode_id,
        held_on: input.held_on,
        employer: w.employer,
        job_title: w.job_title,
        contract_type: w.contract_type,
        contract_end: w.contract_end,
        hours_per_week: w.hours_per_week,
        independence: w.independence,
        job_agreement: w.job_agreement,
        sanction_24_months: w.sanction_24_months,
        found_via: w.found_via.map(|f| match f {
            exit::JobSource::Trajectory(_) => FoundVia::Trajectory,
            exit::JobSource::OwnEffort => FoundVia::OwnEffort,
        }),
        found_via_trajectory_id: input.found_via_trajectory(),
        first_work_day: w.first_work_day,
        study_end: input.study_end,
        aftercare_offer: input.aftercare,
        aftercare_consent: input.consent && !declined,
        premium_granted: scheme.is_some(),
        premium_scheme: scheme,
        checklist: input.checklist.clone(),
        employer_contact: w.employer_contact.kept(),
        move_consent: input
            .move_consent
            .filter(|_| input.reason == crate::domain::codes::ExitReason::OtherMoved),
    }
}

/// What the schedule of an exit depends on.
pub(super) fn schedule_facts(input: &ExitInput, instalments: Vec<NaiveDate>) -> ScheduleFacts {
    let w = input.work.as_ref();
    ScheduleFacts {
        exit_date: input.exit_date,
        first_work_day: w.and_then(|w| w.first_work_day),
        mode: input.aftercare,
        category: input.reason.category(),
        contract_type: w.and_then(|w| w.contract_type),
        contract_end: w.and_then(|w| w.contract_end),
        study_end: input.study_end,
        instalments,
    }
}

/// Closes the open trajectories of the exit, each with a status event.
pub(super) fn close_trajectories(
    tx: &Tx,
    input: &ExitInput,
    ctx: &ExitContext,
) -> Result<Vec<(Id, TrajectoryStatus)>> {
    let mut out = Vec::new();
    for c in exit::closings(&ctx.trajectories, input.found_via_trajectory()) {
        let mut t = c.trajectory;
        let on = exit::closing_date(&t, input.exit_date);
        t.status = c.becomes;
        t.result = c.result;
        t.ended_on = Some(on);
        if c.becomes == TrajectoryStatus::Stopped {
            t.stop_reason = Some(EXIT_STOP_REASON.to_owned());
        }
        tx.update_trajectory(&t)?;
        tx.insert_trajectory_event(&TrajectoryEvent {
            id: 0,
            trajectory_id: t.id,
            on_date: on,
            status: c.becomes,
            note: EXIT_STOP_REASON.to_owned(),
        })?;
        out.push((t.id, c.becomes));
    }
    Ok(out)
}
