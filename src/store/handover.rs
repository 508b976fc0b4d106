//! Handing clients over to a colleague and receiving them (table `handover`): a client
//! handed over leaves the list and the agenda and stays on record; the handover can be
//! undone until the colleague's receipt is confirmed. One transaction each.

use super::{Result, Store, StoreError, Tx};
use crate::domain::codes::Who;
use crate::domain::model::{Agreement, Id};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

/// One handover of a client, as the timeline shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Handover {
    pub id: Id,
    pub client_id: Id,
    /// Handed over to `person` (`true`), or received from them.
    pub out: bool,
    pub person: String,
    pub on: NaiveDate,
    pub receipt: String,
    pub confirmed_on: Option<NaiveDate>,
}

fn invalid<T>(key: &'static str) -> Result<T> {
    Err(StoreError::Invalid(key))
}

fn handover_row(r: &rusqlite::Row) -> rusqlite::Result<Handover> {
    Ok(Handover {
        id: r.get("id")?,
        client_id: r.get("client_id")?,
        out: r.get::<_, String>("direction")? == "out",
        person: r.get("person")?,
        on: r.get("on_date")?,
        receipt: r.get("receipt")?,
        confirmed_on: r.get("confirmed_on")?,
    })
}

impl Tx<'_> {
    fn insert_handover(
        &self,
        client_id: Id,
        out: bool,
        person: &str,
        on: NaiveDate,
        receipt: &str,
    ) -> Result<Id> {
        self.conn()
            .prepare_cached(
                "INSERT INTO handover (client_id, direction, person, on_date, receipt, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                client_id,
                if out { "out" } else { "in" },
                person.trim(),
                on,
                receipt,
                self.now
            ])?;
        let id = self.conn().last_insert_rowid();
        self.audit("handover", id, "create")?;
        Ok(id)
    }

    /// Marks clients as handed over to `to` on `on` with the bundle's `receipt`; refused
    /// for a client handed over already, or an empty name.
    pub fn hand_over(&self, clients: &[Id], to: &str, on: NaiveDate, receipt: &str) -> Result<()> {
        if to.trim().is_empty() {
            return invalid("handover.err.no_name");
        }
        for &id in clients {
            if handed_over(self.conn(), id)? {
                return invalid("handover.err.already");
            }
            self.insert_handover(id, true, to, on, receipt)?;
        }
        Ok(())
    }

    /// A client handed over from here comes back in a colleague's bundle: what this
    /// caseload held of them makes way for the bundle's record (their benefit periods with
    /// everything in them go; the client number, the handovers and the change log stay),
    /// with the person's details as the bundle has them.
    pub fn clear_for_return(
        &self,
        client_id: Id,
        person: &crate::domain::model::Person,
    ) -> Result<()> {
        self.update_client(client_id, person)?;
        let episodes: Vec<Id> = self
            .conn()
            .prepare_cached("SELECT id FROM episode WHERE client_id = ?1 ORDER BY id DESC")?
            .query_map([client_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        self.conn()
            .prepare_cached("DELETE FROM episode WHERE client_id = ?1")?
            .execute([client_id])?;
        for id in episodes {
            self.audit("episode", id, "delete")?;
        }
        Ok(())
    }

    /// Marks clients just imported as received from `from` on `on`, and gives each whose
    /// benefit period runs a first agreement, `introduce`, due `due`: the three-way talk
    /// in which the new caseworker introduces themselves.
    pub fn receive(
        &self,
        clients: &[Id],
        from: &str,
        on: NaiveDate,
        receipt: &str,
        introduce: &str,
        due: NaiveDate,
    ) -> Result<()> {
        for &id in clients {
            self.insert_handover(id, false, from, on, receipt)?;
            if let Some(ep) = self.latest_episode(id)?.filter(|e| e.exit_date.is_none()) {
                self.insert_agreement(&Agreement {
                    id: 0,
                    episode_id: ep.id,
                    note_id: None,
                    text: introduce.to_owned(),
                    who: Who::Both,
                    follow_up: Some(due),
                    done_on: None,
                })?;
            }
        }
        Ok(())
    }
}

/// Whether a client's latest handover gave them to a colleague.
pub(super) fn handed_over(conn: &rusqlite::Connection, client_id: Id) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM handed_over WHERE client_id = ?1")?
        .query_row([client_id], |_| Ok(()))
        .optional()?
        .is_some())
}

impl Store {
    /// Marks clients as handed over in one transaction (see [`Tx::hand_over`]).
    pub fn hand_over(
        &mut self,
        clients: &[Id],
        to: &str,
        on: NaiveDate,
        receipt: &str,
    ) -> Result<()> {
        self.write(|tx| tx.hand_over(clients, to, on, receipt))
    }

    /// Whether the client was handed over to a colleague (and not taken back).
    pub fn is_handed_over(&self, client_id: Id) -> Result<bool> {
        handed_over(self.conn(), client_id)
    }

    /// The handovers of a client, oldest first.
    pub fn handovers_of(&self, client_id: Id) -> Result<Vec<Handover>> {
        let mut st = self.conn().prepare_cached(
            "SELECT id, client_id, direction, person, on_date, receipt, confirmed_on \
             FROM handover WHERE client_id = ?1 ORDER BY id",
        )?;
        let rows = st.query_map([client_id], handover_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The handovers out with a receipt code (any case, with or without its dash).
    fn handed_with(&self, receipt: &str) -> Result<Vec<Handover>> {
        let mut st = self.conn().prepare_cached(
            "SELECT id, client_id, direction, person, on_date, receipt, confirmed_on \
             FROM handover WHERE receipt = ?1 AND direction = 'out' ORDER BY id",
        )?;
        let rows = st.query_map([normal_receipt(receipt)], handover_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The handovers not yet confirmed: receipt code, to whom, on which day, how many
    /// clients; oldest first.
    pub fn pending_handovers(&self) -> Result<Vec<(String, String, NaiveDate, u64)>> {
        let mut st = self.conn().prepare_cached(
            "SELECT receipt, person, on_date, count(*) FROM handover \
             WHERE direction = 'out' AND confirmed_on IS NULL \
             GROUP BY receipt, person, on_date ORDER BY min(id)",
        )?;
        let rows = st.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, i64>(3)? as u64))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The colleague confirmed the import: the handover with this receipt is final.
    /// Returns how many clients it holds; `Invalid` for an unknown receipt.
    pub fn confirm_handover(&mut self, receipt: &str, on: NaiveDate) -> Result<usize> {
        let found = self.handed_with(receipt)?;
        if found.is_empty() {
            return invalid("handover.err.unknown_receipt");
        }
        self.write(|tx| {
            for h in found.iter().filter(|h| h.confirmed_on.is_none()) {
                tx.conn()
                    .prepare_cached("UPDATE handover SET confirmed_on = ?1 WHERE id = ?2")?
                    .execute(params![on, h.id])?;
                tx.audit("handover", h.id, "update")?;
            }
            Ok(found.len())
        })
    }

    /// Takes back the handover with this receipt: its clients are in the list and the
    /// agenda again. Refused once confirmed (the colleague has them), or for an unknown
    /// receipt. Returns how many clients came back.
    pub fn undo_handover(&mut self, receipt: &str) -> Result<usize> {
        let found = self.handed_with(receipt)?;
        if found.is_empty() {
            return invalid("handover.err.unknown_receipt");
        }
        if found.iter().any(|h| h.confirmed_on.is_some()) {
            return invalid("handover.err.confirmed");
        }
        self.write(|tx| {
            for h in &found {
                tx.conn()
                    .prepare_cached("DELETE FROM handover WHERE id = ?1")?
                    .execute([h.id])?;
                tx.audit("handover", h.id, "delete")?;
            }
            Ok(found.len())
        })
    }
}

/// A receipt code as stored: upper case, its dash where it belongs ("K7QM-2XD9").
pub fn normal_receipt(code: &str) -> String {
    // Crockford's base32 reads O as 0 and I and L as 1 (typed as heard).
    let plain: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    match plain.len() {
        8 => format!("{}-{}", &plain[..4], &plain[4..]),
        _ => plain,
    }
}

/// A new receipt code: eight random characters of Crockford's base32, "K7QM-2XD9".
pub fn new_receipt() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut rng = rand::rng();
    let plain: String = (0..8)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    normal_receipt(&plain)
}
