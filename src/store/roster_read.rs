//! Reading the list from the roster: the whole list in its order (the rows another
//! program left stale computed), its first page, and one client's row computed.

use super::caseload::{CaseloadRow, sort_rows};
use super::roster::{KEPT_COLS, LIST_ORDER, all_sql, computed, kept, one_sql, rule};
use super::{Result, Store};
use crate::domain::model::Id;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

impl Store {
    /// Every client with phase and next action, sorted by due date (none last), then name:
    /// the roster in its order, with the rows that are stale computed.
    pub fn caseload(&self, today: NaiveDate) -> Result<Vec<CaseloadRow>> {
        let days = self.casework.get().plan_within_days;
        let mut rows: Vec<CaseloadRow> = if rule(self.conn())? == Some(days) {
            let mut st = self.conn().prepare_cached(&format!(
                "SELECT {KEPT_COLS} FROM roster r JOIN client c ON c.id = r.client_id \
                 WHERE r.client_id NOT IN (SELECT client_id FROM roster_stale) \
                 ORDER BY {LIST_ORDER}"
            ))?;
            let mut rows: Vec<CaseloadRow> = st
                .query_map([], kept)?
                .map(|r| r.map(|r| r.on(today)))
                .collect::<rusqlite::Result<_>>()?;
            let stale: Vec<Id> = self
                .conn()
                .prepare_cached("SELECT client_id FROM roster_stale")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if !stale.is_empty() {
                for id in stale {
                    rows.extend(self.caseload_row(id, today)?);
                }
                sort_rows(&mut rows);
            }
            rows
        } else {
            let mut st = self.conn().prepare_cached(&all_sql(days))?;
            let mut rows: Vec<CaseloadRow> = st
                .query_map([], computed)?
                .map(|r| r.map(|r| r.on(today)))
                .collect::<rusqlite::Result<_>>()?;
            sort_rows(&mut rows);
            rows
        };
        let mut risk: std::collections::HashMap<Id, _> = self.risk_facts()?.into_iter().collect();
        for r in &mut rows {
            r.risk = risk.remove(&r.client_id);
        }
        Ok(rows)
    }

    /// The first `clients` rows of the list, in list order: enough for a first screen
    /// before the whole list is loaded (a stale row is computed where it was).
    pub fn caseload_first_page(
        &self,
        clients: usize,
        today: NaiveDate,
    ) -> Result<Vec<CaseloadRow>> {
        if rule(self.conn())? != Some(self.casework.get().plan_within_days) {
            let mut rows = self.caseload(today)?;
            rows.truncate(clients);
            return Ok(rows);
        }
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT r.client_id, r.client_id IN (SELECT client_id FROM roster_stale) \
             FROM roster r ORDER BY {LIST_ORDER} LIMIT ?1"
        ))?;
        let ids: Vec<(Id, bool)> = st
            .query_map([clients as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut rows = Vec::with_capacity(ids.len());
        for (id, stale) in ids {
            rows.extend(match stale {
                true => self.caseload_row(id, today)?,
                false => self.kept_row(id, today)?,
            });
        }
        sort_rows(&mut rows);
        Ok(rows)
    }

    /// One client's row as the roster keeps it (`None`: no row).
    fn kept_row(&self, client_id: Id, today: NaiveDate) -> Result<Option<CaseloadRow>> {
        let row = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {KEPT_COLS} FROM roster r JOIN client c ON c.id = r.client_id \
                 WHERE r.client_id = ?1"
            ))?
            .query_row([client_id], kept)
            .optional()?;
        let Some(row) = row else { return Ok(None) };
        let mut row = row.on(today);
        row.risk = self.risk_facts_of(client_id)?;
        Ok(Some(row))
    }

    /// One client's row of the list, computed (after a save changed it).
    pub fn caseload_row(&self, client_id: Id, today: NaiveDate) -> Result<Option<CaseloadRow>> {
        let days = self.casework.get().plan_within_days;
        let Some(row) = self
            .conn()
            .prepare_cached(&one_sql(days))?
            .query_row(params![client_id], computed)
            .optional()?
        else {
            return Ok(None);
        };
        let mut row = row.on(today);
        row.risk = self.risk_facts_of(client_id)?;
        Ok(Some(row))
    }
}
