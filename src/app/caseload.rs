//! The caseload screen's state: the client rows in list order, filtered by name, BSN or phase.

use super::listing::Listing;
use crate::domain::codes::Code;
use crate::domain::search::{Needle, fold};
use crate::i18n::Lang;
use crate::store::caseload::{CaseloadRow, sort_key};

/// The caseload list.
pub type CaseloadState = Listing<CaseloadRow>;

impl Listing<CaseloadRow> {
    /// Replaces the rows, keeping the cursor on the same client when it is still there.
    pub fn set_rows(&mut self, rows: Vec<CaseloadRow>, lang: Lang) {
        let keep = self.selected_row().map(|r| r.client_id);
        self.rows = rows;
        self.apply_filter(lang);
        if let Some(id) = keep {
            self.select_client(id);
        }
    }

    /// Replaces one client's row (after a save), at its place in list order.
    pub fn upsert_row(&mut self, client_id: i64, row: Option<CaseloadRow>, lang: Lang) {
        let keep = self.selected_row().map(|r| r.client_id);
        self.rows.retain(|r| r.client_id != client_id);
        if let Some(row) = row {
            let key = sort_key(&row);
            let at = self.rows.partition_point(|r| sort_key(r) < key);
            self.rows.insert(at, row);
        }
        self.apply_filter(lang);
        if let Some(id) = keep {
            self.select_client(id);
        }
    }

    /// Puts the cursor on a client, when visible.
    pub fn select_client(&mut self, client_id: i64) -> bool {
        self.select_where(|r| r.client_id == client_id)
    }

    /// Recomputes the visible rows: every typed word matches the name (accents and case
    /// ignored), the start of the phase, or, when it is digits, part of the BSN; in any
    /// combination ("jansen nazorg", "celik 111").
    pub fn apply_filter(&mut self, lang: Lang) {
        let needle = Needle::new(self.filter.value());
        if needle.is_empty() {
            return self.filter_by(|_| true);
        }
        self.filter_by(|r| {
            let name = fold(&r.name);
            let phase = fold(r.phase.label(lang));
            needle.all(|w| {
                let digits: String = w.chars().filter(|c| *c != '.').collect();
                if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
                    r.bsn.contains(&digits)
                } else {
                    name.contains(w) || phase.starts_with(w) || r.phase.code().starts_with(w)
                }
            })
        });
    }
}
