//! The agenda's read model: every open dated item of the caseload with the client's name.

use super::caseload::{ITEM_COLS, open_item};
use super::convert::d;
use super::{Result, Store};
use crate::domain::agenda::OpenItem;
use crate::domain::model::{Id, client_number, list_name};
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

impl Store {
    /// Every open dated item due on or before `until` (overdue ones included), oldest first,
    /// then by client name, kind and id.
    pub fn agenda(&self, until: NaiveDate) -> Result<Vec<AgendaEntry>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {ITEM_COLS}, c.first_name, c.prefix, c.last_name \
             FROM open_item o JOIN client c ON c.id = o.client_id \
             WHERE o.due <= ?1 \
             ORDER BY o.due, c.sort_name, o.client_id, o.kind, o.ref_id"
        ))?;
        let rows = st
            .query_map([d(until)], |r| {
                let first: String = r.get(6)?;
                let prefix: String = r.get(7)?;
                let last: String = r.get(8)?;
                Ok(open_item(r, 0)?.map(|item| AgendaEntry {
                    item,
                    client_name: list_name(&first, &prefix, &last),
                }))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows.into_iter().flatten().collect())
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
                let (f, p, l): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
                out.push((*id, list_name(&f, &p, &l)));
            }
        }
        Ok(out)
    }
}
