//! Reading the list from the roster: the whole list in its order (the rows another
//! program left stale computed), the clients without a next step, and one client's row
//! computed.

use super::caseload::{CaseloadRow, sort_rows};
use super::roster::{KEPT_COLS, LIST_ORDER, computed_steps, kept, rule};
use super::roster_rows::one_sql;
use super::{Result, Store};
use crate::domain::agenda::{ItemKind, OpenItem};
use crate::domain::model::Id;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

impl Store {
    /// Every client with phase and next action, sorted by due date (none last), then name:
    /// the roster in its order, with the rows that are stale computed.
    pub fn caseload(&self, today: NaiveDate) -> Result<Vec<CaseloadRow>> {
        let days = self.casework.get().plan_within_days;
        let mut rows: Vec<CaseloadRow> =
            if let Some((mut rows, stale)) = self.kept_rows("1", LIST_ORDER, today)? {
                if stale {
                    sort_rows(&mut rows);
                }
                rows
            } else {
                let mut rows: Vec<CaseloadRow> = Vec::new();
                computed_steps(self.conn(), days, |_, step| {
                    rows.extend(step.into_iter().map(|r| r.on(today)));
                    Ok(())
                })?;
                sort_rows(&mut rows);
                rows
            };
        let mut risk: std::collections::HashMap<Id, _> = self.risk_facts()?.into_iter().collect();
        for r in &mut rows {
            r.risk = risk.remove(&r.client_id);
        }
        Ok(rows)
    }

    /// The clients who are not closed and have no open dated item, each as a "no next
    /// step" item dated the day of the last thing that happened: oldest first, then by
    /// name, as the list has them (the roster's rows of that kind; the stale ones computed).
    pub fn idle(&self) -> Result<Vec<(OpenItem, String)>> {
        // The day only decides the flag, which an idle item does not show.
        let day = NaiveDate::MIN;
        // Rows computed (stale ones, or all under another rule) are sorted in.
        let (rows, sort) =
            match self.kept_rows("r.kind = 'idle'", "r.due, r.sort_name, r.client_id", day)? {
                Some(kept) => kept,
                None => (self.caseload(day)?, true),
            };
        let mut idle: Vec<(OpenItem, String)> = rows
            .into_iter()
            .filter_map(|r| {
                let item = r.next.filter(|n| n.kind == ItemKind::Idle)?;
                Some((item, r.name))
            })
            .collect();
        if sort {
            idle.sort_by_cached_key(|(i, name)| (i.due, name.to_lowercase(), i.client_id));
        }
        Ok(idle)
    }

    /// The roster's rows that satisfy `which` (a condition on `r`) in `order`, then every
    /// stale client's row computed (whatever it is: the caller keeps what it wants), and
    /// whether there were such; `None` when the roster was kept by another rule.
    fn kept_rows(
        &self,
        which: &str,
        order: &str,
        today: NaiveDate,
    ) -> Result<Option<(Vec<CaseloadRow>, bool)>> {
        if rule(self.conn())? != Some(self.casework.get().plan_within_days) {
            return Ok(None);
        }
        let mut rows: Vec<CaseloadRow> = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {KEPT_COLS} FROM roster r JOIN client c ON c.id = r.client_id \
                 WHERE {which} AND r.client_id NOT IN (SELECT client_id FROM roster_stale) \
                 ORDER BY {order}"
            ))?
            .query_map([], kept)?
            .map(|r| r.map(|r| r.on(today)))
            .collect::<rusqlite::Result<_>>()?;
        let stale: Vec<Id> = self
            .conn()
            .prepare_cached("SELECT client_id FROM roster_stale")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let any = !stale.is_empty();
        for id in stale {
            rows.extend(self.caseload_row(id, today)?);
        }
        Ok(Some((rows, any)))
    }

    /// One client's row of the list, computed (after a save changed it).
    pub fn caseload_row(&self, client_id: Id, today: NaiveDate) -> Result<Option<CaseloadRow>> {
        let days = self.casework.get().plan_within_days;
        let Some(row) = self
            .conn()
            .prepare_cached(&one_sql(days))?
            .query_row(params![client_id], kept)
            .optional()?
        else {
            return Ok(None);
        };
        let mut row = row.on(today);
        row.risk = self.risk_facts_of(client_id)?;
        Ok(Some(row))
    }
}
