//! The exit interview, its checklist, and exit-premium instalments.

use super::convert::{code, d, date, oc, od, opt_code, opt_date, opt_hours};
use super::{Result, Store, StoreError, Tx};
use crate::domain::codes::Code;
use crate::domain::hours::Hours;
use crate::domain::model::{ChecklistEntry, ExitInterview, Id, PremiumInstalment};
use crate::domain::money::MAX_PREMIUM_CENTS;
use crate::domain::premium::PriorPremium;
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
        forfeited_on: opt_date(r, 8)?,
        forfeit_reason: r.get(9)?,
        uplift: r.get(10)?,
    })
}

/// The columns [`instalment_row`] reads.
const INSTALMENT_COLS: &str = "id, episode_id, scheme, seq, due_on, amount_cents, paid_on, \
     cancelled_on, forfeited_on, forfeit_reason, uplift";

impl Tx<'_> {
    /// Records the exit interview of an episode with its checklist.
    pub fn insert_exit_interview(&self, x: &ExitInterview) -> Result<()> {
        self.conn()
            .prepare_cached(
                "INSERT INTO exit_interview (episode_id, held_on, employer, job_title, \
                 contract_type, contract_end, hours_per_week_hundredths, independence, \
                 found_via, found_via_trajectory_id, first_work_day, study_end, \
                 aftercare_offer, aftercare_consent, premium_scheme, premium_granted, \
                 created_at, job_agreement, sanction_24_months) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, \
                 ?17, ?18, ?19)",
            )?
            .execute(params![
                x.episode_id,
                d(x.held_on),
                x.employer.trim(),
                x.job_title.trim(),
                oc(x.contract_type),
                od(x.contract_end),
                x.hours_per_week.map(Hours::hundredths),
                oc(x.independence),
                oc(x.found_via),
                x.found_via_trajectory_id,
                od(x.first_work_day),
                od(x.study_end),
                x.aftercare_offer.code(),
                x.aftercare_consent,
                x.premium_scheme,
                x.premium_granted,
                self.now,
                x.job_agreement,
                x.sanction_24_months
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
        if !(1..=MAX_PREMIUM_CENTS).contains(&p.amount_cents) {
            return Err(StoreError::Invalid("premium_rule.amount_range"));
        }
        self.conn()
            .prepare_cached(
                "INSERT INTO premium_instalment (episode_id, scheme, seq, due_on, amount_cents, \
                 paid_on, cancelled_on, created_at, forfeited_on, forfeit_reason, uplift) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                p.episode_id,
                p.scheme,
                p.seq,
                d(p.due_on),
                p.amount_cents,
                od(p.paid_on),
                od(p.cancelled_on),
                self.now,
                od(p.forfeited_on),
                p.forfeit_reason.trim(),
                p.uplift
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

    /// Writes what became of an instalment (paid, cancelled, forfeited or open again).
    pub(super) fn update_instalment_state(&self, p: &PremiumInstalment) -> Result<()> {
        self.conn()
            .prepare_cached(
                "UPDATE premium_instalment SET paid_on = ?2, cancelled_on = ?3, \
                 forfeited_on = ?4, forfeit_reason = ?5 WHERE id = ?1",
            )?
            .execute(params![
                p.id,
                od(p.paid_on),
                od(p.cancelled_on),
                od(p.forfeited_on),
                p.forfeit_reason.trim()
            ])?;
        self.audit("premium_instalment", p.id, "update")
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
                 AND paid_on IS NULL AND cancelled_on IS NULL AND forfeited_on IS NULL \
                 ORDER BY seq",
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
             hours_per_week_hundredths, independence, found_via, found_via_trajectory_id, \
             first_work_day, study_end, aftercare_offer, aftercare_consent, premium_scheme, \
             premium_granted, job_agreement, sanction_24_months \
             FROM exit_interview WHERE episode_id = ?1",
        )?
        .query_row([episode_id], |r| {
            Ok(ExitInterview {
                episode_id: r.get(0)?,
                held_on: date(r, 1)?,
                employer: r.get(2)?,
                job_title: r.get(3)?,
                contract_type: opt_code(r, 4)?,
                contract_end: opt_date(r, 5)?,
                hours_per_week: opt_hours(r, 6)?,
                independence: opt_code(r, 7)?,
                job_agreement: r.get(16)?,
                sanction_24_months: r.get(17)?,
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
    let mut st = conn.prepare_cached(&format!(
        "SELECT {INSTALMENT_COLS} FROM premium_instalment WHERE episode_id = ?1 ORDER BY seq"
    ))?;
    let rows = st
        .query_map([episode_id], instalment_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One premium instalment.
pub(super) fn instalment_by_id(conn: &Connection, id: Id) -> Result<Option<PremiumInstalment>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {INSTALMENT_COLS} FROM premium_instalment WHERE id = ?1"
        ))?
        .query_row([id], instalment_row)
        .optional()?)
}

/// What a client's benefit periods brought in premium: an instalment paid, a premium
/// granted but never paid (its instalments cancelled or forfeited), or none.
pub(super) fn prior_premium(conn: &Connection, client_id: Id) -> Result<PriorPremium> {
    let (granted, paid): (bool, bool) = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM episode e JOIN exit_interview x \
                            ON x.episode_id = e.id \
                            WHERE e.client_id = ?1 AND x.premium_granted = 1), \
                    EXISTS (SELECT 1 FROM episode e JOIN premium_instalment i \
                            ON i.episode_id = e.id \
                            WHERE e.client_id = ?1 AND i.paid_on IS NOT NULL)",
        )?
        .query_row([client_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(match (granted, paid) {
        (_, true) => PriorPremium::Paid,
        (true, false) => PriorPremium::GrantedUnpaid,
        (false, false) => PriorPremium::None,
    })
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

    /// Whether a client ever received an exit premium: an instalment paid on any of
    /// their benefit periods (one granted but never paid does not count).
    pub fn had_premium(&self, client_id: Id) -> Result<bool> {
        Ok(prior_premium(self.conn(), client_id)? == PriorPremium::Paid)
    }

    /// What a client's benefit periods brought in premium (see [`PriorPremium`]).
    pub fn prior_premium(&self, client_id: Id) -> Result<PriorPremium> {
        prior_premium(self.conn(), client_id)
    }
}
