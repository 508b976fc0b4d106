//! Destroying debt-help records whose term is over while the client's file is kept: a
//! debt-help trajectory with its status events and reviews, a referral to debt help.

use super::erasure::json_ids;
use super::retention::{DebtHelpKind, DueDebtHelp};
use super::{Result, Tx};
use crate::domain::model::Id;

/// A change-log row of a record by its key (`?1` the ids, `?2` the table, `?3` the key).
const BY_KEY: &str = "tbl = ?2 AND json_extract(coalesce(before, after), '$.' || ?3) \
                      IN (SELECT value FROM json_each(?1))";

impl Tx<'_> {
    /// Deletes the records `due` with everything below them, their audit entries and
    /// their rows in the change log (foreign keys are off: see `Store::erase`).
    pub(super) fn erase_debt_help(&self, due: &[DueDebtHelp]) -> Result<()> {
        let conn = self.conn();
        let of = |kind| -> (Vec<Id>, String) {
            let records = due.iter().filter(|d| d.kind == kind);
            let ids: Vec<Id> = records.clone().map(|d| d.record_id).collect();
            let owners: Vec<Id> = records.map(|d| d.client_id).collect();
            // Only the owners' rows: a key may have been another's record before.
            let owned = format!(
                "(client_id IS NULL OR client_id IN (SELECT value FROM json_each('{}')))",
                json_ids(&owners)
            );
            (ids, owned)
        };
        let (trajectories, owned) = of(DebtHelpKind::Trajectory);
        if !trajectories.is_empty() {
            let ids = json_ids(&trajectories);
            let filter = format!("{BY_KEY} AND {owned}");
            for table in ["trajectory_event", "review"] {
                let below: Vec<Id> = conn
                    .prepare(&format!(
                        "SELECT id FROM main.{table} \
                          WHERE trajectory_id IN (SELECT value FROM json_each(?1))"
                    ))?
                    .query_map([&ids], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                self.purge_audit(&[(table.to_owned(), "id".to_owned(), below)])?;
                conn.execute(
                    &format!(
                        "DELETE FROM main.{table} \
                          WHERE trajectory_id IN (SELECT value FROM json_each(?1))"
                    ),
                    [&ids],
                )?;
                self.purge_changes(&filter, &ids, Some((table, "trajectory_id")))?;
            }
            conn.execute(
                "UPDATE main.exit_interview SET found_via_trajectory_id = NULL \
                  WHERE found_via_trajectory_id IN (SELECT value FROM json_each(?1))",
                [&ids],
            )?;
            self.purge_audit(&[("trajectory".into(), "id".into(), trajectories.clone())])?;
            conn.execute(
                "DELETE FROM main.trajectory WHERE id IN (SELECT value FROM json_each(?1))",
                [&ids],
            )?;
            self.purge_changes(&filter, &ids, Some(("trajectory", "id")))?;
            for id in &trajectories {
                self.audit("trajectory", *id, "delete")?;
            }
        }
        let (contacts, owned) = of(DebtHelpKind::Referral);
        if !contacts.is_empty() {
            let ids = json_ids(&contacts);
            conn.execute(
                "DELETE FROM main.referral WHERE kind = 'debt_help' \
                   AND contact_id IN (SELECT value FROM json_each(?1))",
                [&ids],
            )?;
            let filter = format!(
                "{BY_KEY} AND {owned} AND json_extract(coalesce(before, after), '$.kind') = 'debt_help'"
            );
            self.purge_changes(&filter, &ids, Some(("referral", "contact_id")))?;
            for id in &contacts {
                self.audit("aftercare_contact", *id, "update")?;
            }
        }
        Ok(())
    }
}
