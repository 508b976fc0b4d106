//! The audit log and the change log of erased records: their entries go, so that nothing
//! of an erased client stays in either (the erasure's own entry aside).

use super::erasure::json_ids;
use super::{Result, StoreError, Tx};
use crate::domain::model::Id;

impl Tx<'_> {
    /// Removes the audit entries of the rows `keys` names (table, key column, ids).
    pub(super) fn purge_audit(&self, keys: &[(String, String, Vec<Id>)]) -> Result<()> {
        for (table, _, ids) in keys {
            self.conn().execute(
                "DELETE FROM main.audit_log WHERE entity = ?1 \
                   AND entity_id IN (SELECT value FROM json_each(?2))",
                rusqlite::params![table, json_ids(ids)],
            )?;
        }
        Ok(())
    }

    /// Checks every foreign key of the file (they are off while erasing).
    pub(super) fn keys_hold(&self) -> Result<()> {
        let broken: i64 =
            self.conn()
                .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })?;
        if broken > 0 {
            return Err(StoreError::Invalid("erase.broken_keys"));
        }
        Ok(())
    }

    /// Removes the change-log rows that `filter` picks (`?1` a JSON array of ids; with
    /// `table`, `?2` and `?3` are a table and its key column); a change set left without rows goes, one that keeps
    /// rows of others loses its reason (said of the rows that went).
    pub(super) fn purge_changes(
        &self,
        filter: &str,
        ids: &str,
        table: Option<(&str, &str)>,
    ) -> Result<()> {
        let conn = self.conn();
        let by_client = [&ids as &dyn rusqlite::ToSql];
        let by_key;
        let args: &[&dyn rusqlite::ToSql] = match &table {
            Some((tbl, pk)) => {
                by_key = [&ids as &dyn rusqlite::ToSql, tbl, pk];
                &by_key
            }
            None => &by_client,
        };
        let mut sets: Vec<Id> = conn
            .prepare(&format!(
                "SELECT DISTINCT set_id FROM main.change_row WHERE {filter}"
            ))?
            .query_map(args, |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        // The set of this save (when logged) stays open for the rows still to come; it
        // goes at its end when they were all purged.
        if self.logged()? {
            let current: Id =
                conn.query_row("SELECT id FROM temp.current_set", [], |r| r.get(0))?;
            sets.retain(|s| *s != current);
        }
        if sets.is_empty() {
            return Ok(());
        }
        conn.execute(&format!("DELETE FROM main.change_row WHERE {filter}"), args)?;
        if sets.is_empty() {
            return Ok(());
        }
        let sets = json_ids(&sets);
        conn.execute(
            "UPDATE main.change_set SET reason = NULL WHERE id IN (SELECT value FROM json_each(?1))",
            [&sets],
        )?;
        let empty = "SELECT s.value FROM json_each(?1) s WHERE NOT EXISTS \
                     (SELECT 1 FROM main.change_row r WHERE r.set_id = s.value)";
        conn.execute(
            &format!("UPDATE main.change_set SET undoes = NULL WHERE undoes IN ({empty})"),
            [&sets],
        )?;
        conn.execute(
            &format!("DELETE FROM main.change_set WHERE id IN ({empty})"),
            [&sets],
        )?;
        Ok(())
    }
}
