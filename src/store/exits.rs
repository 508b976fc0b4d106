//! The exit interview, its checklist, and exit-premium instalments.

use super::convert::{day, maybe_day};
use super::table::{Params, Table};
use super::{Result, Store, StoreError, Tx};
use crate::domain::model::{ChecklistEntry, EmployerContact, ExitInterview, Id, PremiumInstalment};
use crate::domain::money::MAX_PREMIUM_CENTS;
use crate::domain::premium::PriorPremium;
use rusqlite::{Connection, OptionalExtension, Row, params};

/// The exit interview's columns (one per episode, found by `episode_id`; its checklist has
/// a table of its own).
const INTERVIEW: Table = Table {
    name: "exit_interview",
    key: "episode_id",
    cols: &[
        "held_on",
        "employer",
        "job_title",
        "contract_type",
        "contract_end",
        "hours_per_week_hundredths",
        "independence",
        "job_agreement",
        "sanction_24_months",
        "found_via",
        "found_via_trajectory_id",
        "first_work_day",
        "study_end",
        "aftercare_offer",
        "aftercare_consent",
        "premium_scheme",
        "premium_granted",
        "employer_contact_consent",
        "employer_contact_name",
        "employer_contact_phone",
        "move_consent",
    ],
    stamped: true,
};

/// An exit interview's values by column, every field named (texts trimmed).
fn interview_params<'a>(x: &'a ExitInterview, trimmed: &'a [String; 2]) -> Params<'a> {
    let ExitInterview {
        episode_id: _,
        held_on,
        employer: _,
        job_title: _,
        contract_type,
        contract_end,
        hours_per_week,
        independence,
        job_agreement,
        sanction_24_months,
        found_via,
        found_via_trajectory_id,
        first_work_day,
        study_end,
        aftercare_offer,
        aftercare_consent,
        premium_scheme,
        premium_granted,
        checklist: _,
        employer_contact,
        move_consent,
    } = x;
    vec![
        (":held_on", day(held_on)),
        (":employer", &trimmed[0]),
        (":job_title", &trimmed[1]),
        (":contract_type", contract_type),
        (":contract_end", maybe_day(contract_end)),
        (":hours_per_week_hundredths", hours_per_week),
        (":independence", independence),
        (":job_agreement", job_agreement),
        (":sanction_24_months", sanction_24_months),
        (":found_via", found_via),
        (":found_via_trajectory_id", found_via_trajectory_id),
        (":first_work_day", first_work_day),
        (":study_end", maybe_day(study_end)),
        (":aftercare_offer", aftercare_offer),
        (":aftercare_consent", aftercare_consent),
        (":premium_scheme", premium_scheme),
        (":premium_granted", premium_granted),
        (":employer_contact_consent", &employer_contact.consent),
        (":employer_contact_name", &employer_contact.name),
        (":employer_contact_phone", &employer_contact.phone),
        (":move_consent", move_consent),
    ]
}

/// An exit interview row, by column name (the checklist is read apart).
fn interview_row(r: &Row) -> rusqlite::Result<ExitInterview> {
    Ok(ExitInterview {
        episode_id: r.get("episode_id")?,
        held_on: r.get("held_on")?,
        employer: r.get("employer")?,
        job_title: r.get("job_title")?,
        contract_type: r.get("contract_type")?,
        contract_end: r.get("contract_end")?,
        hours_per_week: r.get("hours_per_week_hundredths")?,
        independence: r.get("independence")?,
        job_agreement: r.get("job_agreement")?,
        sanction_24_months: r.get("sanction_24_months")?,
        found_via: r.get("found_via")?,
        found_via_trajectory_id: r.get("found_via_trajectory_id")?,
        first_work_day: r.get("first_work_day")?,
        study_end: r.get("study_end")?,
        aftercare_offer: r.get("aftercare_offer")?,
        aftercare_consent: r.get("aftercare_consent")?,
        premium_scheme: r.get("premium_scheme")?,
        premium_granted: r.get("premium_granted")?,
        checklist: Vec::new(),
        employer_contact: EmployerContact {
            consent: r.get("employer_contact_consent")?,
            name: r.get("employer_contact_name")?,
            phone: r.get("employer_contact_phone")?,
        },
        move_consent: r.get("move_consent")?,
    })
}

/// The premium instalment's columns.
const INSTALMENT: Table = Table {
    name: "premium_instalment",
    key: "id",
    cols: &[
        "episode_id",
        "scheme",
        "seq",
        "due_on",
        "amount_cents",
        "paid_on",
        "cancelled_on",
        "forfeited_on",
        "forfeit_reason",
        "uplift",
    ],
    stamped: true,
};

/// An instalment's values by column, every field named (the reason trimmed).
fn instalment_params<'a>(p: &'a PremiumInstalment, reason: &'a &'a str) -> Params<'a> {
    let PremiumInstalment {
        id: _,
        episode_id,
        scheme,
        seq,
        due_on,
        amount_cents,
        paid_on,
        cancelled_on,
        forfeited_on,
        forfeit_reason: _,
        uplift,
    } = p;
    vec![
        (":episode_id", episode_id),
        (":scheme", scheme),
        (":seq", seq),
        (":due_on", day(due_on)),
        (":amount_cents", amount_cents),
        (":paid_on", maybe_day(paid_on)),
        (":cancelled_on", maybe_day(cancelled_on)),
        (":forfeited_on", maybe_day(forfeited_on)),
        (":forfeit_reason", reason),
        (":uplift", uplift),
    ]
}

fn instalment_row(r: &Row) -> rusqlite::Result<PremiumInstalment> {
    Ok(PremiumInstalment {
        id: r.get("id")?,
        episode_id: r.get("episode_id")?,
        scheme: r.get("scheme")?,
        seq: r.get("seq")?,
        due_on: r.get("due_on")?,
        amount_cents: r.get("amount_cents")?,
        paid_on: r.get("paid_on")?,
        cancelled_on: r.get("cancelled_on")?,
        forfeited_on: r.get("forfeited_on")?,
        forfeit_reason: r.get("forfeit_reason")?,
        uplift: r.get("uplift")?,
    })
}

impl Tx<'_> {
    /// Records the exit interview of an episode with its checklist.
    pub fn insert_exit_interview(&self, x: &ExitInterview) -> Result<()> {
        let trimmed = [x.employer.trim().to_owned(), x.job_title.trim().to_owned()];
        self.insert_keyed(
            &INTERVIEW,
            (":episode_id", &x.episode_id),
            interview_params(x, &trimmed),
        )?;
        let mut ins = self.conn().prepare_cached(
            "INSERT INTO exit_checklist (episode_id, item, discussed, note) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for c in &x.checklist {
            ins.execute(params![x.episode_id, c.item, c.discussed, c.note])?;
        }
        self.audit("exit_interview", x.episode_id, "create")
    }

    /// Corrects the exit interview of an episode with its checklist (every column; an item
    /// no longer in the list goes).
    pub fn update_exit_interview(&self, x: &ExitInterview) -> Result<()> {
        let trimmed = [x.employer.trim().to_owned(), x.job_title.trim().to_owned()];
        self.update_row(&INTERVIEW, x.episode_id, interview_params(x, &trimmed))?;
        let items: Vec<&str> = x.checklist.iter().map(|c| c.item.as_str()).collect();
        let old: Vec<String> = self
            .conn()
            .prepare_cached("SELECT item FROM exit_checklist WHERE episode_id = ?1")?
            .query_map([x.episode_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for gone in old.iter().filter(|o| !items.contains(&o.as_str())) {
            self.conn()
                .prepare_cached("DELETE FROM exit_checklist WHERE episode_id = ?1 AND item = ?2")?
                .execute(params![x.episode_id, gone])?;
        }
        let mut up = self.conn().prepare_cached(
            "INSERT INTO exit_checklist (episode_id, item, discussed, note) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (episode_id, item) DO UPDATE SET discussed = excluded.discussed, \
             note = excluded.note",
        )?;
        for c in &x.checklist {
            up.execute(params![x.episode_id, c.item, c.discussed, c.note])?;
        }
        Ok(())
    }

    /// Removes an open instalment (an exit corrected plans it anew).
    pub(super) fn delete_instalment(&self, id: Id) -> Result<()> {
        self.conn()
            .prepare_cached("DELETE FROM premium_instalment WHERE id = ?1")?
            .execute([id])?;
        self.audit("premium_instalment", id, "delete")
    }

    /// Creates a premium instalment.
    pub fn insert_instalment(&self, p: &PremiumInstalment) -> Result<Id> {
        if !(1..=MAX_PREMIUM_CENTS).contains(&p.amount_cents) {
            return Err(StoreError::Invalid("premium_rule.amount_range"));
        }
        let reason = p.forfeit_reason.trim();
        self.insert_row(&INSTALMENT, instalment_params(p, &reason))
    }

    /// Marks an instalment paid on a date.
    pub fn instalment_paid(&self, id: Id, on: chrono::NaiveDate) -> Result<()> {
        self.conn()
            .prepare_cached("UPDATE premium_instalment SET paid_on = ?2 WHERE id = ?1")?
            .execute(params![id, on])?;
        self.audit("premium_instalment", id, "update")
    }

    /// Writes what became of an instalment (paid, cancelled, forfeited or open again).
    pub(super) fn update_instalment_state(&self, p: &PremiumInstalment) -> Result<()> {
        let reason = p.forfeit_reason.trim();
        self.update_row(&INSTALMENT, p.id, instalment_params(p, &reason))
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
                .execute(params![id, on])?;
            self.audit("premium_instalment", *id, "update")?;
        }
        Ok(ids)
    }
}

/// The exit interview of an episode, with its checklist.
pub(super) fn interview(conn: &Connection, episode_id: Id) -> Result<Option<ExitInterview>> {
    let x = conn
        .prepare_cached(&format!(
            "SELECT {} FROM exit_interview WHERE episode_id = ?1",
            INTERVIEW.select("")
        ))?
        .query_row([episode_id], interview_row)
        .optional()?;
    let Some(mut x) = x else { return Ok(None) };
    let mut st = conn.prepare_cached(
        "SELECT item, discussed, note FROM exit_checklist WHERE episode_id = ?1 \
         ORDER BY rowid",
    )?;
    x.checklist = st
        .query_map([episode_id], |r| {
            Ok(ChecklistEntry {
                item: r.get("item")?,
                discussed: r.get("discussed")?,
                note: r.get("note")?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(x))
}

/// The premium instalments of an episode, in order.
pub(super) fn instalments_of(conn: &Connection, episode_id: Id) -> Result<Vec<PremiumInstalment>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {} FROM premium_instalment WHERE episode_id = ?1 ORDER BY seq",
        INSTALMENT.select("")
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
            "SELECT {} FROM premium_instalment WHERE id = ?1",
            INSTALMENT.select("")
        ))?
        .query_row([id], instalment_row)
        .optional()?)
}

/// What a client's benefit periods brought in premium: an instalment paid, a premium
/// granted but never paid (its instalments cancelled or forfeited), or none.
pub(super) fn prior_premium(conn: &Connection, client_id: Id) -> Result<PriorPremium> {
    prior_premium_except(conn, client_id, None)
}

/// [`prior_premium`] of every benefit period but `except` (an exit being corrected looks
/// at the periods before it, not at its own premium).
pub(super) fn prior_premium_except(
    conn: &Connection,
    client_id: Id,
    except: Option<Id>,
) -> Result<PriorPremium> {
    let (granted, paid): (bool, bool) = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM episode e JOIN exit_interview x \
                            ON x.episode_id = e.id \
                            WHERE e.client_id = ?1 AND x.premium_granted = 1 \
                            AND e.id IS NOT ?2), \
                    EXISTS (SELECT 1 FROM episode e JOIN premium_instalment i \
                            ON i.episode_id = e.id \
                            WHERE e.client_id = ?1 AND i.paid_on IS NOT NULL \
                            AND e.id IS NOT ?2)",
        )?
        .query_row(params![client_id, except], |r| Ok((r.get(0)?, r.get(1)?)))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_params_name_every_column() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let x = ExitInterview {
            episode_id: 1,
            held_on: day,
            employer: String::new(),
            job_title: String::new(),
            contract_type: None,
            contract_end: None,
            hours_per_week: None,
            independence: None,
            job_agreement: None,
            sanction_24_months: None,
            found_via: None,
            found_via_trajectory_id: None,
            first_work_day: None,
            study_end: None,
            aftercare_offer: crate::domain::codes::AftercareMode::Declined,
            aftercare_consent: false,
            premium_scheme: None,
            premium_granted: false,
            checklist: Vec::new(),
            employer_contact: EmployerContact::default(),
            move_consent: None,
        };
        let t = [String::new(), String::new()];
        assert!(INTERVIEW.covers(&interview_params(&x, &t)));
        let i = PremiumInstalment {
            id: 0,
            episode_id: 1,
            scheme: "s".into(),
            seq: 1,
            due_on: day,
            amount_cents: 1,
            paid_on: None,
            cancelled_on: None,
            forfeited_on: None,
            forfeit_reason: String::new(),
            uplift: None,
        };
        let r = "";
        assert!(INSTALMENT.covers(&instalment_params(&i, &r)));
    }
}
