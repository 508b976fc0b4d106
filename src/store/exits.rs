//! The exit interview, its checklist, and exit-premium instalments.

use super::convert::{code, d, date, oc, od, opt_code, opt_date};
use super::{Result, Store, Tx};
use crate::domain::codes::Code;
use crate::domain::model::{ChecklistEntry, ExitInterview, Id, PremiumInstalment};
use rusqlite::{Connection, OptionalExtension, Row, params};

fn instalment_row(r: &Row) -> rusqlite::Result<PremiumInstalment> {
    Ok(PremiumInstalment {
        id: r.get(0)?,
        episode_id: r.get(1)?,
        scheme: r.get(2)?,
        seq: r.get(3)?,
        due_on: date(r, 4)?,
        amount_cents: r.get(5)?,
        paid_on: opt_date(r, 6)?,
        cancelled_on: opt_date(r, 7)?,
    })
}

impl Tx<'_> {
    /// Records the exit interview of an episode with its checklist.
    pub fn insert_exit_interview(&self, x: &ExitInterview) -> Result<()> {
        self.conn()
            .prepare_cached(
                "INSERT INTO exit_interview (episode_id, held_on, employer, job_title, \
                 contract_type, contract_end, hours_per_week, independence, found_via, \
                 found_via_trajectory_id, first_work_day, study_end, aftercare_offer, \
                 aftercare_consent, premium_scheme, premium_granted, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            )?
            .execute(params![
                x.episode_id,
                d(x.held_on),
                x.employer.trim(),
                x.job_title.trim(),
                oc(x.contract_type),
                od(x.contract_end),
                x.hours_per_week,
                oc(x.independence),
                oc(x.found_via),
                x.found_via_trajectory_id,
                od(x.first_work_day),
                od(x.study_end),
                x.aftercare_offer.code(),
                x.aftercare_consent,
                x.premium_scheme,
                x.premium_granted,
                self.now
            ])?;
        let mut ins = self.conn().prepare_cached(
            "INSERT INTO exit_checklist (episode_id, item, discussed, note) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for c in &x.checklist {
            ins.execute(params![x.episode_id, c.item, c.discussed, c.note])?;
        }
        self.audit("exit_interview", x.episode_id, "create")
    }

    /// Creates a premium instalment.
    pub fn insert_instalment(&self, p: &PremiumInstalment) -> Result<Id> {
        self.conn()
            .prepare_cached(
                "INSERT INTO premium_instalment (episode_id, scheme, seq, due_on, amount_cents, \
                 paid_on, cancelled_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                p.episode_id,
                p.scheme,
                p.seq,
                d(p.due_on),
                p.amount_cents,
                od(p.paid_on),
                od(p.cancelled_on),
                self.now
            ])?;
        let id = self.conn().last_insert_rowid();
        self.audit("premium_instalment", id, "create")?;
        Ok(id)
    }

    /// Marks an instalment paid on a date.
    pub fn instalment_paid(&self, id: Id, on: chrono::NaiveDate) -> Result<()> {
        self.conn()
            .prepare_cached("UPDATE premium_instalment SET paid_on = ?2 WHERE id = ?1")?
            .execute(params![id, d(on)])?;
        self.audit("premium_instalment", id, "update")
    }

    /// Cancels the unpaid instalments of an episode on a date (the client came back on
    /// benefit); returns them. Paid ones stay as they are.
    pub fn cancel_unpaid_instalments(
        &self,
        episode_id: Id,
        on: chrono::NaiveDate,
    ) -> Result<Vec<Id>> {
        let ids: Vec<Id> = self
            .conn()
            .prepare_cached(
                "SELECT id FROM premium_instalment WHERE episode_id = ?1 \
                 AND paid_on IS NULL AND cancelled_on IS NULL ORDER BY seq",
            )?
            .query_map([episode_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in &ids {
            self.conn()
                .prepare_cached("UPDATE premium_instalment SET cancelled_on = ?2 WHERE id = ?1")?
                .execute(params![id, d(on)])?;
            self.audit("premium_instalment", *id, "update")?;
        }
        Ok(ids)
    }
}

/// The exit interview of an episode, with its checklist.
pub(super) fn interview(conn: &Connection, episode_id: Id) -> Result<Option<ExitInterview>> {
    let x = conn
        .prepare_cached(
            "SELECT episode_id, held_on, employer, job_title, contract_type, contract_end, \
             hours_per_week, independence, found_via, found_via_trajectory_id, \
             first_work_day, study_end, aftercare_offer, aftercare_consent, premium_scheme, \
             premium_granted FROM exit_interview WHERE episode_id = ?1",
        )?
        .query_row([episode_id], |r| {
            Ok(ExitInterview {
                episode_id: r.get(0)?,
                held_on: date(r, 1)?,
                employer: r.get(2)?,
                job_title: r.get(3)?,
                contract_type: opt_code(r, 4)?,
                contract_end: opt_date(r, 5)?,
                hours_per_week: r.get(6)?,
                independence: opt_code(r, 7)?,
                found_via: opt_code(r, 8)?,
                found_via_trajectory_id: r.get(9)?,
                first_work_day: opt_date(r, 10)?,
                study_end: opt_date(r, 11)?,
                aftercare_offer: code(r, 12)?,
                aftercare_consent: r.get(13)?,
                premium_scheme: r.get(14)?,
                premium_granted: r.get(15)?,
                checklist: Vec::new(),
            })
        })
        .optional()?;
    let Some(mut x) = x else { return Ok(None) };
    let mut st = conn.prepare_cached(
        "SELECT item, discussed, note FROM exit_checklist WHERE episode_id = ?1 \
         ORDER BY rowid",
    )?;
    x.checklist = st
        .query_map([episode_id], |r| {
            Ok(ChecklistEntry {
                item: r.get(0)?,
                discussed: r.get(1)?,
                note: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(x))
}

/// The premium instalments of an episode, in order.
pub(super) fn instalments_of(conn: &Connection, episode_id: Id) -> Result<Vec<PremiumInstalment>> {
    let mut st = conn.prepare_cached(
        "SELECT id, episode_id, scheme, seq, due_on, amount_cents, paid_on, cancelled_on \
         FROM premium_instalment WHERE episode_id = ?1 ORDER BY seq",
    )?;
    let rows = st
        .query_map([episode_id], instalment_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One premium instalment.
pub(super) fn instalment_by_id(conn: &Connection, id: Id) -> Result<Option<PremiumInstalment>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, episode_id, scheme, seq, due_on, amount_cents, paid_on, cancelled_on \
             FROM premium_instalment WHERE id = ?1",
        )?
        .query_row([id], instalment_row)
        .optional()?)
}

/// Whether a client ever had a premium granted (on any episode).
pub(super) fn had_premium(conn: &Connection, client_id: Id) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM episode e JOIN exit_interview x ON x.episode_id = e.id \
             WHERE e.client_id = ?1 AND x.premium_granted = 1",
        )?
        .exists([client_id])?)
}

impl Store {
    /// The exit interview of an episode, with its checklist.
    pub fn exit_interview(&self, episode_id: Id) -> Result<Option<ExitInterview>> {
        interview(self.conn(), episode_id)
    }

    /// The premium instalments of an episode, in order.
    pub fn instalments(&self, episode_id: Id) -> Result<Vec<PremiumInstalment>> {
        instalments_of(self.conn(), episode_id)
    }

    /// One premium instalment.
    pub fn instalment(&self, id: Id) -> Result<Option<PremiumInstalment>> {
        instalment_by_id(self.conn(), id)
    }

    /// Whether a client ever had a premium granted (on any episode).
    pub fn had_premium(&self, client_id: Id) -> Result<bool> {
        had_premium(self.conn(), client_id)
    }
}
