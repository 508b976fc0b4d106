//! Aftercare plans, their contacts (check-ins) and referrals.

use super::convert::{day, maybe_day};
use super::table::{Params, Table};
use super::{Result, Store, Tx};
use crate::domain::model::{AftercareContact, AftercarePlan, Id};
use rusqlite::{Connection, OptionalExtension, Row, params};

/// The aftercare plan's columns.
const PLAN: Table = Table {
    name: "aftercare_plan",
    key: "id",
    cols: &[
        "episode_id",
        "mode",
        "consent",
        "starts_on",
        "ends_on",
        "status",
        "end_reason",
        "ended_on",
        "extended",
        "flagged",
    ],
    stamped: true,
};

/// A plan's values by column, every field named.
fn plan_params(p: &AftercarePlan) -> Params<'_> {
    let AftercarePlan {
        id: _,
        episode_id,
        mode,
        consent,
        starts_on,
        ends_on,
        status,
        end_reason,
        ended_on,
        extended,
        flagged,
    } = p;
    vec![
        (":episode_id", episode_id),
        (":mode", mode),
        (":consent", consent),
        (":starts_on", day(starts_on)),
        (":ends_on", day(ends_on)),
        (":status", status),
        (":end_reason", end_reason),
        (":ended_on", maybe_day(ended_on)),
        (":extended", extended),
        (":flagged", flagged),
    ]
}

fn plan_row(r: &Row) -> rusqlite::Result<AftercarePlan> {
    Ok(AftercarePlan {
        id: r.get("id")?,
        episode_id: r.get("episode_id")?,
        mode: r.get("mode")?,
        consent: r.get("consent")?,
        starts_on: r.get("starts_on")?,
        ends_on: r.get("ends_on")?,
        status: r.get("status")?,
        end_reason: r.get("end_reason")?,
        ended_on: r.get("ended_on")?,
        extended: r.get("extended")?,
        flagged: r.get("flagged")?,
    })
}

/// The aftercare contact's columns (its referrals have a table of their own).
pub(super) const CONTACT: Table = Table {
    name: "aftercare_contact",
    key: "id",
    cols: &[
        "plan_id",
        "planned_on",
        "kind",
        "status",
        "attempt",
        "done_on",
        "channel",
        "how_is_work",
        "running_into",
        "can_i_help",
        "still_working",
        "hours_changed",
        "balance_ok",
        "risk",
        "risk_reason",
        "contract_renewed",
        "occasion",
        "held_by",
    ],
    stamped: true,
};

/// A contact's values by column, every field named (the referrals are written apart).
fn contact_params(c: &AftercareContact) -> Params<'_> {
    let AftercareContact {
        id: _,
        plan_id,
        planned_on,
        kind,
        status,
        attempt,
        done_on,
        channel,
        how_is_work,
        running_into,
        can_i_help,
        still_working,
        hours_changed,
        balance_ok,
        risk,
        risk_reason,
        contract_renewed,
        referrals: _,
        occasion,
        held_by,
    } = c;
    vec![
        (":plan_id", plan_id),
        (":planned_on", day(planned_on)),
        (":kind", kind),
        (":status", status),
        (":attempt", attempt),
        (":done_on", maybe_day(done_on)),
        (":channel", channel),
        (":how_is_work", how_is_work),
        (":running_into", running_into),
        (":can_i_help", can_i_help),
        (":still_working", still_working),
        (":hours_changed", hours_changed),
        (":balance_ok", balance_ok),
        (":risk", risk),
        (":risk_reason", risk_reason),
        (":contract_renewed", contract_renewed),
        (":occasion", occasion),
        (":held_by", held_by),
    ]
}

/// A contact row, by column name (the referrals are read apart).
pub(super) fn contact_row(r: &Row) -> rusqlite::Result<AftercareContact> {
    Ok(AftercareContact {
        id: r.get("id")?,
        plan_id: r.get("plan_id")?,
        planned_on: r.get("planned_on")?,
        kind: r.get("kind")?,
        status: r.get("status")?,
        attempt: r.get("attempt")?,
        done_on: r.get("done_on")?,
        channel: r.get("channel")?,
        how_is_work: r.get("how_is_work")?,
        running_into: r.get("running_into")?,
        can_i_help: r.get("can_i_help")?,
        still_working: r.get("still_working")?,
        hours_changed: r.get("hours_changed")?,
        balance_ok: r.get("balance_ok")?,
        risk: r.get("risk")?,
        risk_reason: r.get("risk_reason")?,
        contract_renewed: r.get("contract_renewed")?,
        referrals: Vec::new(),
        occasion: r.get("occasion")?,
        held_by: r.get("held_by")?,
    })
}

impl Tx<'_> {
    /// Creates an aftercare plan.
    pub fn insert_aftercare_plan(&self, p: &AftercarePlan) -> Result<Id> {
        self.insert_row(&PLAN, plan_params(p))
    }

    /// Writes a plan as given (status, end, extension, flag).
    pub fn update_aftercare_plan(&self, p: &AftercarePlan) -> Result<()> {
        self.update_row(&PLAN, p.id, plan_params(p))
    }

    /// Adds a contact to a plan (planned, or already held).
    pub fn insert_contact(&self, c: &AftercareContact) -> Result<Id> {
        let id = self.insert_row(&CONTACT, contact_params(c))?;
        self.write_referrals(id, c)?;
        Ok(id)
    }

    /// Records what happened at a contact (status, content, referrals).
    pub fn update_contact(&self, c: &AftercareContact) -> Result<()> {
        self.update_row(&CONTACT, c.id, contact_params(c))?;
        self.write_referrals(c.id, c)
    }

    /// Removes a plan with its contacts (an exit corrected to one without aftercare).
    pub(super) fn delete_plan(&self, id: Id) -> Result<()> {
        self.conn()
            .prepare_cached("DELETE FROM aftercare_plan WHERE id = ?1")?
            .execute([id])?;
        self.audit("aftercare_plan", id, "delete")
    }

    /// Removes a planned contact (an exit corrected plans it anew).
    pub(super) fn delete_contact(&self, id: Id) -> Result<()> {
        self.conn()
            .prepare_cached("DELETE FROM aftercare_contact WHERE id = ?1")?
            .execute([id])?;
        self.audit("aftercare_contact", id, "delete")
    }

    fn write_referrals(&self, id: Id, c: &AftercareContact) -> Result<()> {
        self.conn()
            .prepare_cached("DELETE FROM referral WHERE contact_id = ?1")?
            .execute([id])?;
        let mut ins = self
            .conn()
            .prepare_cached("INSERT INTO referral (contact_id, kind) VALUES (?1, ?2)")?;
        for k in &c.referrals {
            ins.execute(params![id, k])?;
        }
        Ok(())
    }
}

/// The aftercare plan of an episode.
pub(super) fn plan_of_episode(conn: &Connection, episode_id: Id) -> Result<Option<AftercarePlan>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {} FROM aftercare_plan WHERE episode_id = ?1",
            PLAN.select("")
        ))?
        .query_row([episode_id], plan_row)
        .optional()?)
}

/// An aftercare plan by id.
pub(super) fn plan_by_id(conn: &Connection, id: Id) -> Result<Option<AftercarePlan>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {} FROM aftercare_plan WHERE id = ?1",
            PLAN.select("")
        ))?
        .query_row([id], plan_row)
        .optional()?)
}

/// The contacts of a plan, by planned date, each with its referrals.
pub(super) fn contacts_of(conn: &Connection, plan_id: Id) -> Result<Vec<AftercareContact>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {} FROM aftercare_contact WHERE plan_id = ?1 ORDER BY planned_on, id",
        CONTACT.select("")
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
            "SELECT {} FROM aftercare_contact WHERE id = ?1",
            CONTACT.select("")
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
        .query_map([contact_id], |r| r.get(0))?
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::codes::{AftercareMode, ContactKind, PlanStatus};

    #[test]
    fn the_params_name_every_column() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let p = AftercarePlan {
            id: 0,
            episode_id: 1,
            mode: AftercareMode::Active,
            consent: true,
            starts_on: day,
            ends_on: day,
            status: PlanStatus::Active,
            end_reason: None,
            ended_on: None,
            extended: false,
            flagged: false,
        };
        assert!(PLAN.covers(&plan_params(&p)));
        let c = AftercareContact::planned(1, day, ContactKind::Scheduled, 1);
        assert!(CONTACT.covers(&contact_params(&c)));
    }
}
