//! Clients (persons, unique BSN) and their episodes (benefit periods).

use super::convert::{code, d, date, od, opt_code, opt_date};
use super::{Result, Store, Tx};
use crate::domain::Bsn;
use crate::domain::codes::Code;
use crate::domain::model::{Client, Episode, Id, Person};
use rusqlite::{OptionalExtension, Row, params};

const CLIENT_COLS: &str =
    "id, bsn, first_name, prefix, last_name, birth_date, phone, email, address";

fn client_row(r: &Row) -> rusqlite::Result<Client> {
    let bsn: String = r.get(1)?;
    Ok(Client {
        id: r.get(0)?,
        person: Person {
            // The column CHECK only allows nine digits; the elfproef is checked on the way in.
            bsn: Bsn::parse(&bsn).map_err(|_| {
                rusqlite::Error::FromSqlConversionFailure(
                    1,
                    rusqlite::types::Type::Text,
                    "invalid bsn".into(),
                )
            })?,
            first_name: r.get(2)?,
            prefix: r.get(3)?,
            last_name: r.get(4)?,
            birth_date: opt_date(r, 5)?,
            phone: r.get(6)?,
            email: r.get(7)?,
            address: r.get(8)?,
        },
    })
}

const EPISODE_COLS: &str = "id, client_id, benefit_start, benefit_type, exit_date, \
     last_payment_date, exit_reason, previous_episode_id";

fn episode_row(r: &Row) -> rusqlite::Result<Episode> {
    Ok(Episode {
        id: r.get(0)?,
        client_id: r.get(1)?,
        benefit_start: date(r, 2)?,
        benefit_type: code(r, 3)?,
        exit_date: opt_date(r, 4)?,
        last_payment_date: opt_date(r, 5)?,
        exit_reason: opt_code(r, 6)?,
        previous_episode_id: r.get(7)?,
    })
}

impl Tx<'_> {
    /// Registers a person; the BSN must be new.
    pub fn insert_client(&self, p: &Person) -> Result<Id> {
        self.conn()
            .prepare_cached(
                "INSERT INTO client (bsn, first_name, prefix, last_name, birth_date, phone, \
                 email, address, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                p.bsn.as_str(),
                p.first_name.trim(),
                p.prefix.trim(),
                p.last_name.trim(),
                od(p.birth_date),
                p.phone,
                p.email,
                p.address,
                self.now
            ])?;
        let id = self.conn().last_insert_rowid();
        self.audit("client", id, "create")?;
        Ok(id)
    }

    /// Changes a person's details (the BSN included, when corrected).
    pub fn update_client(&self, id: Id, p: &Person) -> Result<()> {
        self.conn()
            .prepare_cached(
                "UPDATE client SET bsn = ?2, first_name = ?3, prefix = ?4, last_name = ?5, \
                 birth_date = ?6, phone = ?7, email = ?8, address = ?9 WHERE id = ?1",
            )?
            .execute(params![
                id,
                p.bsn.as_str(),
                p.first_name.trim(),
                p.prefix.trim(),
                p.last_name.trim(),
                od(p.birth_date),
                p.phone,
                p.email,
                p.address
            ])?;
        self.audit("client", id, "update")
    }

    /// Starts a benefit period for a client.
    pub fn insert_episode(&self, e: &Episode) -> Result<Id> {
        self.conn()
            .prepare_cached(
                "INSERT INTO episode (client_id, benefit_start, benefit_type, exit_date, \
                 last_payment_date, exit_reason, previous_episode_id, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                e.client_id,
                d(e.benefit_start),
                e.benefit_type.code(),
                od(e.exit_date),
                od(e.last_payment_date),
                e.exit_reason.map(Code::code),
                e.previous_episode_id,
                self.now
            ])?;
        let id = self.conn().last_insert_rowid();
        self.audit("episode", id, "create")?;
        Ok(id)
    }

    /// Changes an episode's start and benefit type.
    pub fn update_episode_start(&self, e: &Episode) -> Result<()> {
        self.conn()
            .prepare_cached(
                "UPDATE episode SET benefit_start = ?2, benefit_type = ?3 WHERE id = ?1",
            )?
            .execute(params![e.id, d(e.benefit_start), e.benefit_type.code()])?;
        self.audit("episode", e.id, "update")
    }

    /// Ends an episode: exit date, last payment and reason.
    pub fn close_episode(&self, e: &Episode) -> Result<()> {
        self.conn()
            .prepare_cached(
                "UPDATE episode SET exit_date = ?2, last_payment_date = ?3, exit_reason = ?4 \
                 WHERE id = ?1",
            )?
            .execute(params![
                e.id,
                od(e.exit_date),
                od(e.last_payment_date),
                e.exit_reason.map(Code::code)
            ])?;
        self.audit("episode", e.id, "update")
    }

    /// The client id for a BSN, inside this transaction.
    pub fn client_id_by_bsn(&self, bsn: &Bsn) -> Result<Option<Id>> {
        client_id_by_bsn(self.conn(), bsn)
    }

    /// The latest episode of a client, inside this transaction.
    pub fn latest_episode(&self, client_id: Id) -> Result<Option<Episode>> {
        latest_episode(self.conn(), client_id)
    }
}

fn client_id_by_bsn(conn: &rusqlite::Connection, bsn: &Bsn) -> Result<Option<Id>> {
    Ok(conn
        .prepare_cached("SELECT id FROM client WHERE bsn = ?1")?
        .query_row([bsn.as_str()], |r| r.get(0))
        .optional()?)
}

fn latest_episode(conn: &rusqlite::Connection, client_id: Id) -> Result<Option<Episode>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {EPISODE_COLS} FROM episode WHERE client_id = ?1 \
             ORDER BY benefit_start DESC, id DESC LIMIT 1"
        ))?
        .query_row([client_id], episode_row)
        .optional()?)
}

/// A client's episodes, oldest first, on any connection (a transaction's included).
pub(super) fn episodes_of(conn: &rusqlite::Connection, client_id: Id) -> Result<Vec<Episode>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {EPISODE_COLS} FROM episode WHERE client_id = ?1 ORDER BY benefit_start, id"
    ))?;
    let rows = st
        .query_map([client_id], episode_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// An episode by id.
pub(super) fn episode_by_id(conn: &rusqlite::Connection, id: Id) -> Result<Option<Episode>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {EPISODE_COLS} FROM episode WHERE id = ?1"))?
        .query_row([id], episode_row)
        .optional()?)
}

impl Store {
    /// A client by id.
    pub fn client(&self, id: Id) -> Result<Option<Client>> {
        Ok(self
            .conn()
            .prepare_cached(&format!("SELECT {CLIENT_COLS} FROM client WHERE id = ?1"))?
            .query_row([id], client_row)
            .optional()?)
    }

    /// The client id registered under a BSN.
    pub fn client_id_by_bsn(&self, bsn: &Bsn) -> Result<Option<Id>> {
        client_id_by_bsn(self.conn(), bsn)
    }

    /// The number of clients.
    pub fn client_count(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT count(*) FROM client", [], |r| r.get(0))?)
    }

    /// Every client id, in id order.
    pub fn client_ids(&self) -> Result<Vec<Id>> {
        let mut st = self
            .conn()
            .prepare_cached("SELECT id FROM client ORDER BY id")?;
        let ids = st
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// An episode by id.
    pub fn episode(&self, id: Id) -> Result<Option<Episode>> {
        episode_by_id(self.conn(), id)
    }

    /// A client's episodes, oldest first.
    pub fn episodes_of(&self, client_id: Id) -> Result<Vec<Episode>> {
        episodes_of(self.conn(), client_id)
    }

    /// The latest episode of a client.
    pub fn latest_episode(&self, client_id: Id) -> Result<Option<Episode>> {
        latest_episode(self.conn(), client_id)
    }
}
