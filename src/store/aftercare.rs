//! Aftercare plans, their contacts (check-ins) and referrals.

use super::convert::{code, d, date, oc, od, opt_code, opt_date};
use super::{Result, Store, Tx};
use crate::domain::codes::Code;
use crate::domain::model::{AftercareContact, AftercarePlan, Id};
use rusqlite::{Connection, OptionalExtension, Row, params};

const PLAN_COLS: &str = "id, episode_id, mode, consent, starts_on, ends_on, status, end_reason, \
     ended_on, extended, flagged";

fn plan_row(r: &Row) -> rusqlite::Result<AftercarePlan> {
    Ok(AftercarePlan {
        id: r.get(0)?,
        episode_id: r.get(1)?,
        mode: code(r, 2)?,
        consent: r.get(3)?,
        starts_on: date(r, 4)?,
        ends_on: date(r, 5)?,
        status: code(r, 6)?,
        end_reason: opt_code(r, 7)?,
        ended_on: opt_date(r, 8)?,
        extended: r.get(9)?,
        flagged: r.get(10)?,
    })
}

pub(super) const CONTACT_COLS: &str = "id, plan_id, planned_on, kind, status, attempt, done_on, channel, \
     how_is_work, running_into, can_i_help, still_working, hours_changed, balance_ok, risk, \
     risk_reason, contract_renewed";

pub(super) fn contact_row(r: &Row) -> rusqlite::Result<AftercareContact> {
    Ok(AftercareContact {
        id: r.get(0)?,
        plan_id: r.get(1)?,
        planned_on: date(r, 2)?,
        kind: code(r, 3)?,
        status: code(r, 4)?,
        attempt: r.get(5)?,
        done_on: opt_date(r, 6)?,
        channel: opt_code(r, 7)?,
        how_is_work: r.get(8)?,
        running_into: r.get(9)?,
        can_i_help: r.get(10)?,
        still_working: opt_code(r, 11)?,
        hours_changed: r.get(12)?,
        balance_ok: r.get(13)?,
        risk: opt_code(r, 14)?,
        risk_reason: r.get(15)?,
        contract_renewed: r.get(16)?,
        referrals: Vec::new(),
    })
}

impl Tx<'_> {
    /// Creates an aftercare plan.
    pub fn insert_aftercare_plan(&self, p: &AftercarePlan) -> Result<Id> {
        self.conn()
            .prepare_cached(
                "INSERT INTO aftercare_plan (episode_id, mode, consent, starts_on, ends_on, \
                 status, end_reason, ended_on, extended, flagged, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                p.episode_id,
                p.mode.code(),
                p.consent,
                d(p.starts_on),
                d(p.ends_on),
                p.status.code(),
                oc(p.end_reason),
                od(p.ended_on),
                p.extended,
                p.flagged,
                self.now
            ])?;
        let id = self.conn().last_insert_rowid();
        self.audit("aftercare_plan", id, "create")?;
        Ok(id)
    }

    /// Writes a plan's changed state (status, end, extension, flag).
    pub fn update_aftercare_plan(&self, p: &AftercarePlan) -> Result<()> {
        self.conn()
            .prepare_cached(
                "UPDATE aftercare_plan SET ends_on = ?2, status = ?3, end_reason = ?4, \
                 ended_on = ?5, extended = ?6, flagged = ?7 WHERE id = ?1",
            )?
            .execute(params![
                p.id,
                d(p.ends_on),
                p.status.code(),
                oc(p.end_reason),
                od(p.ended_on),
                p.extended,
                p.flagged
            ])?;
        self.audit("aftercare_plan", p.id, "update")
    }

    /// Adds a contact to a plan (planned, or already held).
    pub fn insert_contact(&self, c: &AftercareContact) -> Result<Id> {
        self.conn()
            .prepare_cached(
                "INSERT INTO aftercare_contact (plan_id, planned_on, kind, status, attempt, \
                 done_on, channel, how_is_work, running_into, can_i_help, still_working, \
                 hours_changed, balance_ok, risk, risk_reason, contract_renewed, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            )?
            .execute(params![
                c.plan_id,
                d(c.planned_on),
                c.kind.code(),
                c.status.code(),
                c.attempt,
                od(c.done_on),
                oc(c.channel),
                c.how_is_work,
                c.running_into,
                c.can_i_help,
                oc(c.still_working),
                c.hours_changed,
                c.balance_ok,
                oc(c.risk),
                c.risk_reason,
                c.contract_renewed,
                self.now
            ])?;
        let id = self.conn().last_insert_rowid();
        self.write_referrals(id, c)?;
        self.audit("aftercare_contact", id, "create")?;
        Ok(id)
    }

    /// Records what happened at a contact (status, content, referrals).
    pub fn update_contact(&self, c: &AftercareContact) -> Result<()> {
        self.conn()
            .prepare_cached(
                "UPDATE aftercare_contact SET planned_on = ?2, status = ?3, done_on = ?4, \
                 channel = ?5, how_is_work = ?6, running_into = ?7, can_i_help = ?8, \
                 still_working = ?9, hours_changed = ?10, balance_ok = ?11, risk = ?12, \
                 risk_reason = ?13, contract_renewed = ?14 WHERE id = ?1",
            )?
            .execute(params![
                c.id,
                d(c.planned_on),
                c.status.code(),
                od(c.done_on),
                oc(c.channel),
                c.how_is_work,
                c.running_into,
                c.can_i_help,
                oc(c.still_working),
                c.hours_changed,
                c.balance_ok,
                oc(c.risk),
                c.risk_reason,
                c.contract_renewed
            ])?;
        self.write_referrals(c.id, c)?;
        self.audit("aftercare_contact", c.id, "update")
    }

    fn write_referrals(&self, id: Id, c: &AftercareContact) -> Result<()> {
        self.conn()
            .prepare_cached("DELETE FROM referral WHERE contact_id = ?1")?
            .execute([id])?;
        let mut ins = self
            .conn()
            .prepare_cached("INSERT INTO referral (contact_id, kind) VALUES (?1, ?2)")?;
        for k in &c.referrals {
            ins.execute(params![id, k.code()])?;
        }
        Ok(())
    }
}

/// The aftercare plan of an episode.
pub(super) fn plan_of_episode(conn: &Connection, episode_id: Id) -> Result<Option<AftercarePlan>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {PLAN_COLS} FROM aftercare_plan WHERE episode_id = ?1"
        ))?
        .query_row([episode_id], plan_row)
        .optional()?)
}

/// An aftercare plan by id.
pub(super) fn plan_by_id(conn: &Connection, id: Id) -> Result<Option<AftercarePlan>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {PLAN_COLS} FROM aftercare_plan WHERE id = ?1"
        ))?
        .query_row([id], plan_row)
        .optional()?)
}

/// The contacts of a plan, by planned date, each with its referrals.
pub(super) fn contacts_of(conn: &Connection, plan_id: Id) -> Result<Vec<AftercareContact>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {CONTACT_COLS} FROM aftercare_contact WHERE plan_id = ?1 \
         ORDER BY planned_on, id"
    ))?;
    let mut rows: Vec<AftercareContact> = st
        .query_map([plan_id], contact_row)?
        .collect::<rusqlite::Result<_>>()?;
    for c in &mut rows {
        c.referrals = referrals(conn, c.id)?;
    }
    Ok(rows)
}

/// One contact, with its referrals.
pub(super) fn contact_by_id(conn: &Connection, id: Id) -> Result<Option<AftercareContact>> {
    let c = conn
        .prepare_cached(&format!(
            "SELECT {CONTACT_COLS} FROM aftercare_contact WHERE id = ?1"
        ))?
        .query_row([id], contact_row)
        .optional()?;
    let Some(mut c) = c else { return Ok(None) };
    c.referrals = referrals(conn, id)?;
    Ok(Some(c))
}

fn referrals(conn: &Connection, contact_id: Id) -> Result<Vec<crate::domain::ReferralKind>> {
    let mut st = conn.prepare_cached("SELECT kind FROM referral WHERE contact_id = ?1")?;
    let mut kinds: Vec<crate::domain::ReferralKind> = st
        .query_map([contact_id], |r| code(r, 0))?
        .collect::<rusqlite::Result<_>>()?;
    kinds.sort();
    Ok(kinds)
}

impl Store {
    /// The aftercare plan of an episode.
    pub fn aftercare_plan(&self, episode_id: Id) -> Result<Option<AftercarePlan>> {
        plan_of_episode(self.conn(), episode_id)
    }

    /// An aftercare plan by id.
    pub fn aftercare_plan_by_id(&self, id: Id) -> Result<Option<AftercarePlan>> {
        plan_by_id(self.conn(), id)
    }

    /// The contacts of a plan, by planned date, each with its referrals.
    pub fn contacts(&self, plan_id: Id) -> Result<Vec<AftercareContact>> {
        contacts_of(self.conn(), plan_id)
    }

    /// One contact, with its referrals.
    pub fn contact(&self, id: Id) -> Result<Option<AftercareContact>> {
        contact_by_id(self.conn(), id)
    }
}
