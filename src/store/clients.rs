//! Clients (persons, unique BSN) and their episodes (benefit periods).

use super::convert::{day, maybe_day};
use super::table::{Params, Table};
use super::{Result, Store, Tx};
use crate::domain::Bsn;
use crate::domain::model::{Client, Episode, Id, Person};
use rusqlite::{OptionalExtension, Row, params};

/// The client's columns.
const CLIENT: Table = Table {
    name: "client",
    key: "id",
    cols: &[
        "bsn",
        "first_name",
        "prefix",
        "last_name",
        "birth_date",
        "phone",
        "email",
        "address",
    ],
    stamped: true,
};

/// The next client's id: above every client's, and above every erased client's (their
/// audit entries, found through `audit_log_record`).
const NEXT_CLIENT_ID: &str = "SELECT max(\
     coalesce((SELECT max(id) FROM client), 0), \
     coalesce((SELECT max(entity_id) FROM audit_log \
               WHERE entity IN ('client_erased_retention', 'client_erased_request')), 0)) + 1";

/// A person's values by column (names trimmed), every field named.
fn person_params<'a>(p: &'a Person, names: &'a [String; 3]) -> Params<'a> {
    let Person {
        bsn,
        first_name: _,
        prefix: _,
        last_name: _,
        birth_date,
        phone,
        email,
        address,
    } = p;
    vec![
        (":bsn", bsn),
        (":first_name", &names[0]),
        (":prefix", &names[1]),
        (":last_name", &names[2]),
        (":birth_date", maybe_day(birth_date)),
        (":phone", phone),
        (":email", email),
        (":address", address),
    ]
}

/// The names as stored: without spaces around them.
fn trimmed(p: &Person) -> [String; 3] {
    [
        p.first_name.trim().to_owned(),
        p.prefix.trim().to_owned(),
        p.last_name.trim().to_owned(),
    ]
}

fn client_row(r: &Row) -> rusqlite::Result<Client> {
    Ok(Client {
        id: r.get("id")?,
        person: Person {
            // The column CHECK only allows nine digits; the elfproef is checked on the way in.
            bsn: r.get("bsn")?,
            first_name: r.get("first_name")?,
            prefix: r.get("prefix")?,
            last_name: r.get("last_name")?,
            birth_date: r.get("birth_date")?,
            phone: r.get("phone")?,
            email: r.get("email")?,
            address: r.get("address")?,
        },
    })
}

/// The episode's columns.
const EPISODE: Table = Table {
    name: "episode",
    key: "id",
    cols: &[
        "client_id",
        "benefit_start",
        "benefit_type",
        "exit_date",
        "last_payment_date",
        "exit_reason",
        "previous_episode_id",
    ],
    stamped: true,
};

/// An episode's values by column, every field named.
fn episode_params(e: &Episode) -> Params<'_> {
    let Episode {
        id: _,
        client_id,
        benefit_start,
        benefit_type,
        exit_date,
        last_payment_date,
        exit_reason,
        previous_episode_id,
    } = e;
    vec![
        (":client_id", client_id),
        (":benefit_start", day(benefit_start)),
        (":benefit_type", benefit_type),
        (":exit_date", maybe_day(exit_date)),
        (":last_payment_date", maybe_day(last_payment_date)),
        (":exit_reason", exit_reason),
        (":previous_episode_id", previous_episode_id),
    ]
}

fn episode_row(r: &Row) -> rusqlite::Result<Episode> {
    Ok(Episode {
        id: r.get("id")?,
        client_id: r.get("client_id")?,
        benefit_start: r.get("benefit_start")?,
        benefit_type: r.get("benefit_type")?,
        exit_date: r.get("exit_date")?,
        last_payment_date: r.get("last_payment_date")?,
        exit_reason: r.get("exit_reason")?,
        previous_episode_id: r.get("previous_episode_id")?,
    })
}

impl Tx<'_> {
    /// Registers a person; the BSN must be new.
    /// Its id (the client number) is never one an erased client had: erasure leaves only
    /// the audit entry that names the number, and a new client must not be mistaken for
    /// the erased one.
    pub fn insert_client(&self, p: &Person) -> Result<Id> {
        let id = match self.next_client.get() {
            Some(id) => id,
            None => self.next_client_id()?,
        };
        self.insert_client_as(p, id)?;
        Ok(id)
    }

    /// The id the next new client gets (see [`Tx::insert_client`]); a writer of many new
    /// clients asks once, and counts on from it.
    pub(super) fn next_client_id(&self) -> Result<Id> {
        Ok(self
            .conn()
            .prepare_cached(NEXT_CLIENT_ID)?
            .query_row([], |r| r.get(0))?)
    }

    /// Registers a person as client `id`, which [`Tx::next_client_id`] gave (or one above
    /// a client written after it).
    pub(super) fn insert_client_as(&self, p: &Person, id: Id) -> Result<()> {
        let names = trimmed(p);
        self.insert_keyed(&CLIENT, (":id", &id), person_params(p, &names))?;
        // A bulk load writes new clients only, each after the last: the next one is the
        // one after (the ids of clients erased before all lie below).
        if !self.audited {
            self.next_client.set(Some(id + 1));
        }
        self.audit(CLIENT.name, id, "create")
    }

    /// Changes a person's details (the BSN included, when corrected).
    pub fn update_client(&self, id: Id, p: &Person) -> Result<()> {
        let names = trimmed(p);
        self.update_row(&CLIENT, id, person_params(p, &names))
    }

    /// Starts a benefit period for a client.
    pub fn insert_episode(&self, e: &Episode) -> Result<Id> {
        self.insert_row(&EPISODE, episode_params(e))
    }

    /// Changes an episode's start and benefit type.
    pub fn update_episode_start(&self, e: &Episode) -> Result<()> {
        self.conn()
            .prepare_cached(
                "UPDATE episode SET benefit_start = ?2, benefit_type = ?3 WHERE id = ?1",
            )?
            .execute(params![e.id, e.benefit_start, e.benefit_type])?;
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
                e.exit_date,
                e.last_payment_date,
                e.exit_reason
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
        .query_row([bsn], |r| r.get(0))
        .optional()?)
}

pub(super) fn latest_episode(
    conn: &rusqlite::Connection,
    client_id: Id,
) -> Result<Option<Episode>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {} FROM episode WHERE client_id = ?1 \
             ORDER BY benefit_start DESC, id DESC LIMIT 1",
            EPISODE.select("")
        ))?
        .query_row([client_id], episode_row)
        .optional()?)
}

/// A client's episodes, oldest first, on any connection (a transaction's included).
pub(super) fn episodes_of(conn: &rusqlite::Connection, client_id: Id) -> Result<Vec<Episode>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {} FROM episode WHERE client_id = ?1 ORDER BY benefit_start, id",
        EPISODE.select("")
    ))?;
    let rows = st
        .query_map([client_id], episode_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// An episode by id.
pub(super) fn episode_by_id(conn: &rusqlite::Connection, id: Id) -> Result<Option<Episode>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {} FROM episode WHERE id = ?1",
            EPISODE.select("")
        ))?
        .query_row([id], episode_row)
        .optional()?)
}

impl Store {
    /// A client by id.
    pub fn client(&self, id: Id) -> Result<Option<Client>> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {} FROM client WHERE id = ?1",
                CLIENT.select("")
            ))?
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::codes::BenefitType;

    #[test]
    fn the_params_name_every_column() {
        let p = Person {
            bsn: crate::domain::Bsn::parse("111222333").unwrap(),
            first_name: "A".into(),
            prefix: String::new(),
            last_name: "B".into(),
            birth_date: None,
            phone: String::new(),
            email: String::new(),
            address: String::new(),
        };
        let names = trimmed(&p);
        assert!(CLIENT.covers(&person_params(&p, &names)));
        let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let e = Episode::open(1, day, BenefitType::Ioaw, None);
        assert!(EPISODE.covers(&episode_params(&e)));
    }
}
