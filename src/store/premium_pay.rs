//! Paying exit-premium instalments: marking one paid on a date, recording its condition not
//! met (forfeited), taking a payment or forfeit recorded in error back, and what the pay
//! form and the take-back question need to know.

use super::exits::instalment_by_id;
use super::{Result, Store, StoreError, Tx};
use crate::domain::model::{Id, PremiumInstalment};
use crate::domain::premium_pay::{forfeit_problem, pay_problem, taken_back};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

/// An instalment with what the pay form shows and checks beside it.
#[derive(Clone, Debug, PartialEq)]
pub struct InstalmentContext {
    pub instalment: PremiumInstalment,
    pub client_id: Id,
    /// The exit of the benefit period the premium belongs to.
    pub exit_date: NaiveDate,
}

fn invalid<T>(key: &'static str) -> Result<T> {
    Err(StoreError::Invalid(key))
}

/// An instalment with its client and exit, on any connection.
fn context(conn: &rusqlite::Connection, id: Id) -> Result<Option<InstalmentContext>> {
    let Some(instalment) = instalment_by_id(conn, id)? else {
        return Ok(None);
    };
    let row = conn
        .prepare_cached("SELECT client_id, exit_date FROM episode WHERE id = ?1")?
        .query_row([instalment.episode_id], |r| {
            Ok((
                r.get::<_, Id>("client_id")?,
                r.get::<_, Option<NaiveDate>>("exit_date")?,
            ))
        })
        .optional()?;
    Ok(row.map(|(client_id, exit)| InstalmentContext {
        client_id,
        exit_date: exit.unwrap_or(instalment.due_on),
        instalment,
    }))
}

impl Tx<'_> {
    /// [`Store::mark_instalment_paid`] inside the caller's transaction.
    pub fn pay_instalment(&self, id: Id, on: NaiveDate) -> Result<()> {
        let Some(i) = instalment_by_id(self.conn(), id)? else {
            return invalid("exit_rule.instalment_unknown");
        };
        if let Some(key) = pay_problem(&i, on, None) {
            return invalid(key);
        }
        self.instalment_paid(id, on)
    }

    /// [`Store::forfeit_instalment`] inside the caller's transaction.
    pub fn forfeit_instalment(&self, id: Id, on: NaiveDate, reason: &str) -> Result<()> {
        let Some(cx) = context(self.conn(), id)? else {
            return invalid("exit_rule.instalment_unknown");
        };
        if let Some((_, key)) = forfeit_problem(&cx.instalment, cx.exit_date, on, reason, None) {
            return invalid(key);
        }
        self.update_instalment_state(&PremiumInstalment {
            forfeited_on: Some(on),
            forfeit_reason: reason.trim().to_owned(),
            ..cx.instalment
        })
    }
}

impl Store {
    /// Marks a premium instalment paid on a date (it leaves the agenda). Refused when it
    /// is not open, or the date lies before its due date.
    pub fn mark_instalment_paid(&mut self, id: Id, on: NaiveDate) -> Result<()> {
        self.write(|tx| tx.pay_instalment(id, on))
    }

    /// Records that the condition checked when paying was not met: the instalment is
    /// forfeited on a date, with a reason, and leaves the agenda unpaid. Refused when it is
    /// not open, without a reason, or before the exit.
    pub fn forfeit_instalment(&mut self, id: Id, on: NaiveDate, reason: &str) -> Result<()> {
        self.write(|tx| tx.forfeit_instalment(id, on, reason))
    }

    /// Takes back a payment or forfeit recorded in error: the instalment is open again
    /// (in the agenda), or cancelled on the day of the client's re-entry when they came
    /// back on benefit since. The audit log keeps the change (never the data). Returns the
    /// instalment as it now stands.
    pub fn take_back_instalment(&mut self, id: Id) -> Result<PremiumInstalment> {
        self.write(|tx| {
            let Some(i) = instalment_by_id(tx.conn(), id)? else {
                return invalid("exit_rule.instalment_unknown");
            };
            let reentry: Option<NaiveDate> = tx
                .conn()
                .prepare_cached(
                    "SELECT min(benefit_start) FROM episode WHERE previous_episode_id = ?1",
                )?
                .query_row([i.episode_id], |r| r.get(0))?;
            let back = match taken_back(&i, reentry) {
                Ok(b) => b,
                Err(key) => return invalid(key),
            };
            tx.update_instalment_state(&back)?;
            Ok(back)
        })
    }

    /// An instalment with its client and the exit it belongs to.
    pub fn instalment_context(&self, id: Id) -> Result<Option<InstalmentContext>> {
        context(self.conn(), id)
    }

    /// A client's open instalment due first (the one `P` pays), if any.
    pub fn next_open_instalment(&self, client_id: Id) -> Result<Option<Id>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT ref_id FROM open_premium WHERE client_id = ?1 \
                 ORDER BY due, CAST(detail AS INTEGER) LIMIT 1",
            )?
            .query_row([client_id], |r| r.get(0))
            .optional()?)
    }

    /// A client's instalments that were paid or forfeited (what can be taken back), the one
    /// recorded last first.
    pub fn settled_instalments(&self, client_id: Id) -> Result<Vec<PremiumInstalment>> {
        let ids: Vec<Id> = self
            .conn()
            .prepare_cached(
                "SELECT i.id FROM premium_instalment i JOIN episode e ON e.id = i.episode_id \
                 WHERE e.client_id = ?1 \
                 AND (i.paid_on IS NOT NULL OR i.forfeited_on IS NOT NULL) \
                 ORDER BY (SELECT max(l.at) FROM audit_log l \
                           WHERE l.entity = 'premium_instalment' AND l.entity_id = i.id) DESC, \
                          i.id DESC",
            )?
            .query_map(params![client_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for id in ids {
            out.extend(instalment_by_id(self.conn(), id)?);
        }
        Ok(out)
    }
}
