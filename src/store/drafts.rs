//! Drafts of forms in progress (JSON), written while typing so nothing is lost.

use super::{Result, Store};
use rusqlite::{OptionalExtension, Row, params};

/// A saved draft: which form, for which subject (0 = none), and its content.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub form: String,
    pub subject: i64,
    pub data: String,
    pub updated_at: String,
}

/// A draft's columns, as [`draft_row`] reads them. (Its key is two columns, form and
/// subject, so it has no [`super::table::Table`].)
const DRAFT_COLS: &str = "form, subject, data, updated_at";

fn draft_row(r: &Row) -> rusqlite::Result<Draft> {
    Ok(Draft {
        form: r.get("form")?,
        subject: r.get("subject")?,
        data: r.get("data")?,
        updated_at: r.get("updated_at")?,
    })
}

impl Store {
    /// Writes (or replaces) the draft of a form. Drafts are not audited: they are
    /// the caseworker's scratch space, not the record.
    pub fn save_draft(&mut self, form: &str, subject: i64, data: &str) -> Result<()> {
        self.write(|tx| {
            tx.conn()
                .prepare_cached(
                    "INSERT INTO draft (form, subject, data, updated_at) VALUES (?1, ?2, ?3, ?4) \
                     ON CONFLICT (form, subject) DO UPDATE SET data = excluded.data, \
                     updated_at = excluded.updated_at",
                )?
                .execute(params![form, subject, data, tx.now])?;
            Ok(())
        })
    }

    /// The draft of a form, if one is waiting.
    pub fn draft(&self, form: &str, subject: i64) -> Result<Option<Draft>> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {DRAFT_COLS} FROM draft WHERE form = ?1 AND subject = ?2"
            ))?
            .query_row(params![form, subject], draft_row)
            .optional()?)
    }

    /// The client of a record a correction's draft is kept under (`note`, `trajectory`,
    /// `assessment` or `aftercare_contact`, by id); `None` when the record is gone or the
    /// table is none of these.
    pub fn client_of_record(&self, table: &str, id: i64) -> Result<Option<i64>> {
        let sql = match table {
            "note" | "trajectory" | "assessment" => format!(
                "SELECT e.client_id FROM {table} r JOIN episode e ON e.id = r.episode_id \
                 WHERE r.id = ?1"
            ),
            "episode" => "SELECT client_id FROM episode WHERE id = ?1".to_owned(),
            "aftercare_contact" => "SELECT e.client_id FROM aftercare_contact c \
                 JOIN aftercare_plan p ON p.id = c.plan_id \
                 JOIN episode e ON e.id = p.episode_id WHERE c.id = ?1"
                .to_owned(),
            _ => return Ok(None),
        };
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    /// Every waiting draft, newest first.
    pub fn drafts(&self) -> Result<Vec<Draft>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {DRAFT_COLS} FROM draft ORDER BY updated_at DESC"
        ))?;
        let rows = st
            .query_map([], draft_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

impl super::Tx<'_> {
    /// Removes a draft, in the same transaction as the save that makes it obsolete.
    pub fn delete_draft(&self, form: &str, subject: i64) -> Result<()> {
        self.conn()
            .prepare_cached("DELETE FROM draft WHERE form = ?1 AND subject = ?2")?
            .execute(params![form, subject])?;
        Ok(())
    }
}

impl Store {
    /// Discards a draft; writes nothing when there is none (so leaving a form on a
    /// read-only file never fails).
    pub fn discard_draft(&mut self, form: &str, subject: i64) -> Result<()> {
        if self.draft(form, subject)?.is_none() {
            return Ok(());
        }
        self.write(|tx| tx.delete_draft(form, subject))
    }
}
