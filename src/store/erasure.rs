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

use super::change_triggers::{Table, client_of, quote, tables};
use super::retention::DueDebtHelp;
use super::{Result, Store, StoreError, Tx};
use crate::domain::model::Id;
use rusqlite::{Connection, params};

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
pub(super) fn json_ids(ids: &[Id]) -> String {
    let all: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
    format!("[{}]", all.join(","))
}

/// The keys of a table's rows: the table, its key column, the ids (sorted).
type Keys = (String, String, Vec<Id>);

/// The keys of the rows of the clients `ids` (a JSON array), by table with a one-column
/// key: those on file, and those of their rows deleted earlier that the change log names
/// and no row on file has now (a key taken again is another's record).
fn keys(conn: &Connection, all: &[Table], ids: &str) -> Result<(Vec<Keys>, Vec<Keys>)> {
    let (mut live, mut gone) = (Vec::new(), Vec::new());
    for t in all {
        let [pk] = t.pk.as_slice() else { continue };
        let (table, key) = (quote(&t.name), quote(pk));
        let mut on_file: Vec<Id> = Vec::new();
        if let Some(client) = client_of(conn, all, &t.name, "r", 0) {
            let mut st = conn.prepare(&format!(
                "SELECT r.{key} FROM main.{table} r \
                  WHERE {client} IN (SELECT value FROM json_each(?1))"
            ))?;
            for id in st.query_map([ids], |r| r.get::<_, Option<Id>>(0))? {
                on_file.extend(id?);
            }
        }
        let logged = "json_extract(coalesce(c.before, c.after), '$.' || ?2)";
        let mut st = conn.prepare(&format!(
            "SELECT DISTINCT {logged} FROM main.change_row c \
              WHERE c.tbl = ?1 AND c.client_id IN (SELECT value FROM json_each(?3)) \
                AND NOT EXISTS (SELECT 1 FROM main.{table} x WHERE x.{key} = {logged})"
        ))?;
        let mut earlier: Vec<Id> = Vec::new();
        for id in st.query_map(params![t.name, pk, ids], |r| r.get::<_, Option<Id>>(0))? {
            earlier.extend(id?);
        }
        for (found, out) in [(on_file, &mut live), (earlier, &mut gone)] {
            let mut found = found;
            found.sort_unstable();
            found.dedup();
            if !found.is_empty() {
                out.push((t.name.clone(), pk.clone(), found));
            }
        }
    }
    Ok((live, gone))
}

/// The tables in an order to delete from: a table after every table that refers to it.
fn children_first<'a>(conn: &Connection, all: &'a [Table]) -> Result<Vec<&'a Table>> {
    let mut parents: Vec<Vec<String>> = Vec::with_capacity(all.len());
    for t in all {
        let mut st = conn.prepare("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)")?;
        let names = st.query_map([&t.name], |r| r.get::<_, String>(0))?;
        parents.push(
            names
                .collect::<rusqlite::Result<Vec<_>>>()?
                .into_iter()
                .filter(|p| *p != t.name)
                .collect(),
        );
    }
    let mut left: Vec<usize> = (0..all.len()).collect();
    let mut out = Vec::with_capacity(all.len());
    while !left.is_empty() {
        let referred = |i: usize| left.iter().any(|&j| parents[j].contains(&all[i].name));
        let Some(pos) = left.iter().position(|&i| !referred(i)) else {
            return Err(StoreError::Invalid("erase.broken_keys"));
        };
        out.push(&all[left.remove(pos)]);
    }
    Ok(out)
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
        // Deleting a row that a column without an index refers to (a note, which its
        // agreements name) makes SQLite scan that table for every row deleted: hours for
        // thousands of clients. Foreign keys are off instead, the rows deleted table by
        // table, and every key checked once before the transaction ends.
        self.conn.pragma_update(None, "foreign_keys", false)?;
        let done = self.write(|tx| {
            tx.erase_clients(clients, why, drafts)?;
            tx.erase_debt_help(debt_help)?;
            tx.keys_hold()
        });
        self.conn.pragma_update(None, "foreign_keys", true)?;
        done?;
        self.scrub()
    }

    /// Rewrites the file from what is in it (`VACUUM`, its temporary copy in memory) and
    /// folds the WAL into it, truncated to nothing.
    fn scrub(&self) -> Result<()> {
        // Unchanged where it is set already (the app's connection): temporary tables stay.
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        // A search index keeps a deleted word until its segments are merged: merged into
        // one, nothing erased is left in it (nor in the trigrams of the list and agenda).
        self.conn.execute_batch(
            "INSERT INTO search (search) VALUES ('optimize'); \
             INSERT INTO roster_search (roster_search) VALUES ('optimize'); \
             INSERT INTO agenda_search (agenda_search) VALUES ('optimize');",
        )?;
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
        let all = tables(conn)?;
        let (live, gone) = keys(conn, &all, &ids)?;
        self.erase_drafts(clients, &live, drafts)?;
        self.purge_audit(&live)?;
        self.purge_audit(&gone)?;
        // Table by table, the rows below first, while the rows above still lead to the
        // client (see `Store::erase` on why not by the cascade).
        for t in children_first(conn, &all)? {
            if let Some(client) = client_of(conn, &all, &t.name, "r", 0) {
                conn.execute(
                    &format!(
                        "DELETE FROM main.{} AS r WHERE {client} \
                         IN (SELECT value FROM json_each(?1))",
                        quote(&t.name)
                    ),
                    [&ids],
                )?;
            }
        }
        // After the deletes: a logged save has just logged the rows it deleted.
        self.purge_changes("client_id IN (SELECT value FROM json_each(?1))", &ids, None)?;
        for (table, pk, found) in &live {
            self.purge_changes(
                "tbl = ?2 AND client_id IS NULL \
                 AND json_extract(coalesce(before, after), '$.' || ?3) \
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
}
