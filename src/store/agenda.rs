//! The agenda's read model: every open dated item of the caseload with the client's name,
//! from the kept agenda (`agenda_kept`) or computed from the records.

use super::agenda_page::AgendaKey;
use super::caseload::{ITEM_COLS, ITEM_TRAJECTORY, NOT_HANDED_OVER, list_name_of, open_item};
use super::{Result, Store};
use crate::domain::agenda::OpenItem;
use crate::domain::codes::Code;
use crate::domain::model::{Id, client_number};
use chrono::NaiveDate;

/// One line of the agenda: an open item and whose it is.
#[derive(Clone, Debug, PartialEq)]
pub struct AgendaEntry {
    pub item: OpenItem,
    /// "Berg, Jan van der".
    pub client_name: String,
}

impl AgendaEntry {
    /// The client number shown next to the name ("K000123").
    pub fn client_number(&self) -> String {
        client_number(self.item.client_id)
    }
}

/// The columns of a kept row `o` of the agenda, as [`open_item`] reads them.
pub(super) const KEPT_ITEM_COLS: &str = "o.client_id AS client_id, o.due AS due, o.kind AS kind, \
     o.ref_id AS ref_id, o.detail AS detail, o.instrument AS instrument";

/// An agenda row: an open item's columns (as [`open_item`] reads them) with the client's
/// name; `None` without an item.
pub(super) fn entry(r: &rusqlite::Row) -> rusqlite::Result<Option<AgendaEntry>> {
    let name = list_name_of(r)?;
    Ok(open_item(r)?.map(|item| AgendaEntry {
        item,
        client_name: name,
    }))
}

impl Store {
    /// The clients without a next step (see [`Store::idle`]), then every open dated item
    /// due on or before `until` (overdue ones included), oldest first, then by client name,
    /// kind and id: read from the kept agenda, computed when another program left it
    /// behind.
    pub fn agenda(&self, until: NaiveDate) -> Result<Vec<AgendaEntry>> {
        let mut all = Vec::new();
        self.agenda_by_page(until, usize::MAX, &mut |page| {
            all.extend(page);
            true
        })?;
        Ok(all)
    }

    /// [`Store::agenda`], `n` entries at a time: `take` is handed each page in turn, and
    /// stops the reading by giving back `false`. Read from the kept agenda a page at a
    /// time (a seek from the last row of the page before), so that memory stays flat
    /// however long the agenda is; computed from the records all at once when another
    /// program left the kept agenda behind.
    pub fn agenda_by_page(
        &self,
        until: NaiveDate,
        n: usize,
        take: &mut dyn FnMut(Vec<AgendaEntry>) -> bool,
    ) -> Result<()> {
        if !self.roster_fits()? {
            take(self.agenda_computed(until)?);
            return Ok(());
        }
        let all = super::agenda_page::AgendaQuery {
            words: Vec::new(),
            until,
            late_on: None,
        };
        let mut from = None;
        loop {
            let page = self.agenda_page(&all, from.as_ref(), true, n)?;
            let (full, last) = (page.len() >= n, page.last().map(AgendaKey::of));
            if !take(page) || !full {
                return Ok(());
            }
            from = last;
        }
    }

    /// [`Store::agenda`] computed from the records.
    pub fn agenda_computed(&self, until: NaiveDate) -> Result<Vec<AgendaEntry>> {
        // The clients without a next step come first.
        let mut out: Vec<AgendaEntry> = self
            .idle()?
            .into_iter()
            .map(|(item, client_name)| AgendaEntry { item, client_name })
            .collect();
        out.extend(self.dated_agenda(until)?);
        Ok(out)
    }

    /// [`Store::agenda`] without the clients without a next step.
    fn dated_agenda(&self, until: NaiveDate) -> Result<Vec<AgendaEntry>> {
        let items = super::caseload::items(self.casework.get().plan_within_days);
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {ITEM_COLS}, c.first_name AS first_name, c.prefix AS prefix, \
             c.last_name AS last_name \
             FROM ({items}) o JOIN client c ON c.id = o.client_id {ITEM_TRAJECTORY} \
             WHERE o.due <= ?1 AND o.client_id {NOT_HANDED_OVER}"
        ))?;
        let rows = st
            .query_map([until], entry)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut rows: Vec<AgendaEntry> = rows.into_iter().flatten().collect();
        // As the kept agenda sorts them: by the list name in lower case (the roster's).
        rows.sort_by_cached_key(|e| {
            let i = &e.item;
            (
                i.due,
                e.client_name.to_lowercase(),
                i.client_id,
                i.kind.code(),
                i.ref_id,
            )
        });
        Ok(rows)
    }

    /// The list names ("Berg, Jan van der") of some clients, in the order asked; unknown
    /// ids are left out.
    pub fn client_names(&self, ids: &[Id]) -> Result<Vec<(Id, String)>> {
        let mut st = self
            .conn()
            .prepare_cached("SELECT first_name, prefix, last_name FROM client WHERE id = ?1")?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let mut rows = st.query([id])?;
            if let Some(r) = rows.next()? {
                out.push((*id, list_name_of(r)?));
            }
        }
        Ok(out)
    }
}
