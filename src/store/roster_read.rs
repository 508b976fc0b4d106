//! Reading the list from the roster: the whole list in its order (the rows another
//! program left stale computed), and one client's row computed.

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
