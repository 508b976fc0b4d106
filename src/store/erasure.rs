//! Erasure: destroying client files (under retention, or at request for a client recorded
//! in error) and debt-help records, in one transaction, with nothing left in the file.
//!
//! Every row of the client goes (the cascade from `client`), with their drafts, the audit
//! entries of their rows and every change-log row that holds one of their rows; the audit
//! log keeps one entry per client, `client_erased_retention` or `client_erased_request`
//! with the client's id (their client number), the time, and `delete`: no personal data,
//! not the reason given. The erasing connection has `secure_delete` on, and after the
//! transaction the file is vacuumed and the WAL checkpointed and truncated, so that neither
//! the database file nor its `-wal` keeps a freed page with the erased data.

use super::change_triggers::{client_of, quote, tables};
use super::retention::{DebtHelpKind, DueDebtHelp};
use super::{Result, Store, StoreError, Tx};
use crate::domain::model::Id;
use rusqlite::params;

/// Why a client file is erased; the audit log keeps this, and nothing else about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Erasure {
    /// The retention term is over.
    Retention,
    /// At request: recorded in error (the reason given is not kept).
    Request,
}

impl Erasure {
    /// The audit log's entity of the erasure of a client.
    pub fn audit_entity(self) -> &'static str {
        match self {
            Erasure::Retention => "client_erased_retention",
            Erasure::Request => "client_erased_request",
        }
    }
}

/// The table of the record a draft's form keeps its draft under (`note`, `episode`, …), or
/// `None` for a form whose draft is kept under the client: the app's forms know it
/// (`FormKind::record_table`), the store does not.
pub type DraftTable<'a> = &'a dyn Fn(&str) -> Option<&'static str>;

/// A JSON array of ids, for `IN (SELECT value FROM json_each(?))`.
fn json_ids(ids: &[Id]) -> String {
    let all: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
    format!("[{}]", all.join(","))
}

impl Store {
    /// Erases the client files `clients` and the debt-help records `debt_help` for good:
    /// all in one transaction (refused, with nothing changed, when a client has an open
    /// benefit period), then the freed pages are overwritten (see the module's text).
    pub fn erase(
        &mut self,
        clients: &[Id],
        debt_help: &[DueDebtHelp],
        why: Erasure,
        drafts: DraftTable,
    ) -> Result<()> {
        self.conn.pragma_update(None, "secure_delete", true)?;
        self.write(|tx| {
            tx.erase_clients(clients, why, drafts)?;
            tx.erase_debt_help(debt_help)
        })?;
        self.scrub()
    }

    /// Rewrites the file from what is in it (`VACUUM`, its temporary copy in memory) and
    /// folds the WAL into it, truncated to nothing.
    fn scrub(&self) -> Result<()> {
        // Unchanged where it is set already (the app's connection): temporary tables stay.
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        self.conn.execute_batch("VACUUM")?;
        if self.path.is_some() {
            self.checkpoint()?;
        }
        Ok(())
    }
}

impl Tx<'_> {
    fn erase_clients(&self, clients: &[Id], why: Erasure, drafts: DraftTable) -> Result<()> {
        if clients.is_empty() {
            return Ok(());
        }
        let conn = self.conn();
        let ids = json_ids(clients);
        let open: i64 = conn.query_row(
            "SELECT count(*) FROM episode WHERE exit_date IS NULL \
               AND client_id IN (SELECT value FROM json_each(?1))",
            [&ids],
            |r| r.get(0),
        )?;
        if open > 0 {
            return Err(StoreError::Invalid("erase.open_period"));
        }
        // The keys of every row of the clients, now or in the change log, by table.
        let all = tables(conn)?;
        let mut keys: Vec<(String, String, Vec<Id>)> = Vec::new();
        for t in &all {
            let [pk] = t.pk.as_slice() else { continue };
            let mut found: Vec<Id> = Vec::new();
            if let Some(client) = client_of(conn, &all, &t.name, "r", 0) {
                let mut st = conn.prepare(&format!(
                    "SELECT r.{pk} FROM main.{table} r \
                      WHERE {client} IN (SELECT value FROM json_each(?1))",
                    pk = quote(pk),
                    table = quote(&t.name)
                ))?;
                for id in st.query_map([&ids], |r| r.get::<_, Option<Id>>(0))? {
                    found.extend(id?);
                }
            }
            let mut st = conn.prepare(
                "SELECT json_extract(coalesce(before, after), '$.' || ?2) FROM main.change_row \
                  WHERE tbl = ?1 AND client_id IN (SELECT value FROM json_each(?3))",
            )?;
            for id in st.query_map(params![t.name, pk, ids], |r| r.get::<_, Option<Id>>(0))? {
                found.extend(id?);
            }
            found.sort_unstable();
            found.dedup();
            if !found.is_empty() {
                keys.push((t.name.clone(), pk.clone(), found));
            }
        }
        self.erase_drafts(clients, &keys, drafts)?;
        for (table, _, found) in &keys {
            conn.execute(
                "DELETE FROM main.audit_log WHERE entity = ?1 \
                   AND entity_id IN (SELECT value FROM json_each(?2))",
                params![table, json_ids(found)],
            )?;
        }
        conn.execute(
            "DELETE FROM main.client WHERE id IN (SELECT value FROM json_each(?1))",
            [&ids],
        )?;
        // After the delete: a logged save has just logged the rows it deleted.
        self.purge_changes("client_id IN (SELECT value FROM json_each(?1))", &ids, None)?;
        for (table, pk, found) in &keys {
            self.purge_changes(
                "tbl = ?2 AND json_extract(coalesce(before, after), '$.' || ?3) \
                 IN (SELECT value FROM json_each(?1))",
                &json_ids(found),
                Some((table, pk)),
            )?;
        }
        for id in clients {
            self.audit(why.audit_entity(), *id, "delete")?;
        }
        Ok(())
    }

    /// The drafts of the clients: under the client, or under one of their records.
    fn erase_drafts(
        &self,
        clients: &[Id],
        keys: &[(String, String, Vec<Id>)],
        drafts: DraftTable,
    ) -> Result<()> {
        let conn = self.conn();
        let all: Vec<(String, Id)> = conn
            .prepare("SELECT form, subject FROM main.draft")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (form, subject) in all {
            let theirs = match drafts(&form) {
                Some(table) => keys
                    .iter()
                    .any(|(t, _, ids)| t == table && ids.binary_search(&subject).is_ok()),
                None => clients.contains(&subject),
            };
            if theirs {
                self.delete_draft(&form, subject)?;
            }
        }
        Ok(())
    }

    /// Removes the change-log rows that `filter` picks (`?1` a JSON array of ids; with
    /// `table`, `?2` and `?3` are a table and its key column); a change set left without rows goes, one that keeps
    /// rows of others loses its reason (said of the rows that went).
    fn purge_changes(&self, filter: &str, ids: &str, table: Option<(&str, &str)>) -> Result<()> {
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

    /// Destroys debt-help records whose term is over: trajectories (with their events and
    /// reviews) and referrals to debt help.
    fn erase_debt_help(&self, due: &[DueDebtHelp]) -> Result<()> {
        let conn = self.conn();
        let of = |kind| -> Vec<Id> {
            due.iter()
                .filter(|d| d.kind == kind)
                .map(|d| d.record_id)
                .collect()
        };
        let trajectories = of(DebtHelpKind::Trajectory);
        if !trajectories.is_empty() {
            let ids = json_ids(&trajectories);
            for (table, key) in [
                ("trajectory_event", "trajectory_id"),
                ("review", "trajectory_id"),
            ] {
                let below: Vec<Id> = conn
                    .prepare(&format!(
                        "SELECT id FROM main.{table} WHERE {key} IN (SELECT value FROM json_each(?1))"
                    ))?
                    .query_map([&ids], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                conn.execute(
                    "DELETE FROM main.audit_log WHERE entity = ?1 \
                       AND entity_id IN (SELECT value FROM json_each(?2))",
                    params![table, json_ids(&below)],
                )?;
                self.purge_changes(
                    "tbl = ?2 AND json_extract(coalesce(before, after), '$.' || ?3) \
                     IN (SELECT value FROM json_each(?1))",
                    &ids,
                    Some((table, key)),
                )?;
            }
            conn.execute(
                "DELETE FROM main.audit_log WHERE entity = 'trajectory' \
                   AND entity_id IN (SELECT value FROM json_each(?1))",
                [&ids],
            )?;
            conn.execute(
                "DELETE FROM main.trajectory WHERE id IN (SELECT value FROM json_each(?1))",
                [&ids],
            )?;
            self.purge_changes(
                "tbl = ?2 AND json_extract(coalesce(before, after), '$.' || ?3) \
                 IN (SELECT value FROM json_each(?1))",
                &ids,
                Some(("trajectory", "id")),
            )?;
            for id in &trajectories {
                self.audit("trajectory", *id, "delete")?;
            }
        }
        let contacts = of(DebtHelpKind::Referral);
        if !contacts.is_empty() {
            let ids = json_ids(&contacts);
            conn.execute(
                "DELETE FROM main.referral WHERE kind = 'debt_help' \
                   AND contact_id IN (SELECT value FROM json_each(?1))",
                [&ids],
            )?;
            self.purge_changes(
                "tbl = ?2 AND json_extract(coalesce(before, after), '$.kind') = 'debt_help' \
                 AND json_extract(coalesce(before, after), '$.' || ?3) \
                 IN (SELECT value FROM json_each(?1))",
                &ids,
                Some(("referral", "contact_id")),
            )?;
            for id in &contacts {
                self.audit("aftercare_contact", *id, "update")?;
            }
        }
        Ok(())
    }
}
