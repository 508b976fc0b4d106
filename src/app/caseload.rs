//! The caseload screen's state: the rows, the live filter, the cursor and scroll.

use crate::domain::codes::Code;
use crate::i18n::Lang;
use crate::store::caseload::{CaseloadRow, sort_key};
use tui_input::Input;

/// The caseload list: all rows in memory, a filtered view of indices, one cursor.
#[derive(Debug, Default)]
pub struct CaseloadState {
    pub rows: Vec<CaseloadRow>,
    /// Indices into `rows` that match the filter, in list order.
    pub visible: Vec<usize>,
    /// Index into `visible`.
    pub selected: usize,
    /// First visible row on screen.
    pub offset: usize,
    pub filter: Input,
    /// Whether keys go to the filter.
    pub filtering: bool,
}

impl CaseloadState {
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

    /// The row under the cursor.
    pub fn selected_row(&self) -> Option<&CaseloadRow> {
        self.visible.get(self.selected).map(|&i| &self.rows[i])
    }

    /// Puts the cursor on a client, when visible.
    pub fn select_client(&mut self, client_id: i64) -> bool {
        match self
            .visible
            .iter()
            .position(|&i| self.rows[i].client_id == client_id)
        {
            Some(pos) => {
                self.selected = pos;
                true
            }
            None => false,
        }
    }

    /// Recomputes the visible rows: the filter matches name, BSN or phase.
    pub fn apply_filter(&mut self, lang: Lang) {
        let needle = self.filter.value().trim().to_lowercase();
        self.visible = if needle.is_empty() {
            (0..self.rows.len()).collect()
        } else {
            let digits: String = needle
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '.')
                .collect();
            let is_number = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
            self.rows
                .iter()
                .enumerate()
                .filter(|(_, r)| {
                    if is_number {
                        r.bsn.contains(&digits)
                    } else {
                        r.name.to_lowercase().contains(&needle)
                            || r.phase.label(lang).to_lowercase().starts_with(&needle)
                            || r.phase.code().starts_with(&needle)
                    }
                })
                .map(|(i, _)| i)
                .collect()
        };
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }

    /// Moves the cursor by `delta` rows and keeps it inside a viewport of `height` rows.
    pub fn move_by(&mut self, delta: isize, height: usize) {
        if self.visible.is_empty() {
            self.selected = 0;
            return;
        }
        let last = self.visible.len() - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.scroll_into_view(height);
    }

    /// Adjusts the offset so the cursor is on screen.
    pub fn scroll_into_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        let max_offset = self.visible.len().saturating_sub(height);
        self.offset = self.offset.min(max_offset);
    }
}
