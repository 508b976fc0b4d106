//! The caseload list on screen: a window of rows over the list the database holds (a few
//! pages around the cursor), read a page at a time as the cursor nears its edges.

use super::listing::offset_showing;
use crate::domain::model::Id;
use crate::store::caseload::CaseloadRow;
use crate::store::roster_page::{ListKey, ListQuery};
use tui_input::Input;

/// The rows a page read holds at least; the window reads the next one when the cursor
/// comes within a page of its edge, and keeps at most [`KEPT`] pages.
const PAGE: usize = 100;

/// How many pages the window keeps at most.
const KEPT: usize = 4;

/// Where in the list a read looks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seek {
    /// Its first rows.
    First,
    /// Its last rows.
    Last,
    /// The rows after this one.
    After(ListKey),
    /// The rows before this one.
    Before(ListKey),
    /// The rows around a client (and the client's row, when it is in the list); where the
    /// client's row stood, when known (if the client has left the list since, the rows
    /// around that place).
    Client(Id, Option<ListKey>),
}

/// A read of rows of the list: which list, where, and how many.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageRead {
    pub query: ListQuery,
    pub seek: Seek,
    pub rows: usize,
    /// Every row of the list is read (for an order the database does not keep: the risk
    /// of re-entry, sorted when they come); the seek only puts the cursor.
    pub whole: bool,
}

/// What a read brought: the rows in list order, and how many of them come before the
/// place looked for (a [`Seek::Client`]: before the client's row or where it would be).
pub type Page = (Vec<CaseloadRow>, usize);

/// A run of the list's rows in order, the cursor and the first row on screen among them,
/// whether the run reaches the list's start and end, and the filter typed.
#[derive(Debug, Default)]
pub struct Window {
    pub rows: Vec<CaseloadRow>,
    /// Index into `rows`.
    pub selected: usize,
    /// First row on screen, an index into `rows`.
    pub offset: usize,
    pub at_start: bool,
    pub at_end: bool,
    pub filter: Input,
    /// How many rows the list has and the caseload has, for the list last counted.
    pub counted: Option<(ListQuery, usize, usize)>,
}

impl Window {
    /// The row under the cursor.
    pub fn selected_row(&self) -> Option<&CaseloadRow> {
        self.rows.get(self.selected)
    }

    /// How many rows a read takes, for a screen of `height` rows.
    pub fn page(height: usize) -> usize {
        PAGE.max(height * 2)
    }

    /// The read of the rows around a client, with where its row stands when it is in the
    /// window.
    pub fn around(&self, client_id: Id) -> Seek {
        let key = self.index_of(client_id).map(|i| ListKey::of(&self.rows[i]));
        Seek::Client(client_id, key)
    }

    /// Where a client's row is in the window.
    fn index_of(&self, client_id: Id) -> Option<usize> {
        self.rows.iter().position(|r| r.client_id == client_id)
    }

    /// Puts the cursor on a client's row, when in the window.
    pub fn select_client(&mut self, client_id: Id) -> bool {
        match self.index_of(client_id) {
            Some(at) => {
                self.selected = at;
                true
            }
            None => false,
        }
    }

    /// Takes the rows `read` brought (for the list shown); the cursor stays on its client
    /// where it can, a client looked for gets it. Rows that no longer join the window's
    /// edge are dropped (`false`).
    pub fn take(&mut self, read: &PageRead, (rows, before): Page, height: usize) -> bool {
        let full = rows.len() >= read.rows;
        let keep = self.selected_row().map(|r| r.client_id);
        if read.whole {
            self.rows = rows;
            (self.at_start, self.at_end) = (true, true);
            let last = self.rows.len().saturating_sub(1);
            self.selected = match &read.seek {
                Seek::First => 0,
                Seek::Last => last,
                // A client no longer in the list: the cursor stays at its place.
                Seek::Client(id, _) => self.index_of(*id).unwrap_or(self.selected.min(last)),
                _ => keep.and_then(|id| self.index_of(id)).unwrap_or(0),
            };
            self.scroll_into_view(height);
            return true;
        }
        match &read.seek {
            Seek::First => {
                self.rows = rows;
                (self.at_start, self.at_end) = (true, !full);
                (self.selected, self.offset) = (0, 0);
            }
            Seek::Last => {
                self.rows = rows;
                (self.at_start, self.at_end) = (!full, true);
                self.selected = self.rows.len().saturating_sub(1);
                self.offset = self.rows.len().saturating_sub(height.max(1));
            }
            Seek::After(k) => {
                if self.rows.last().map(ListKey::of).as_ref() != Some(k) {
                    return false;
                }
                self.at_end = !full;
                self.rows.extend(rows);
                let over = self.rows.len().saturating_sub(KEPT * read.rows);
                let over = over.min(self.offset).min(self.selected);
                if over > 0 {
                    self.rows.drain(..over);
                    self.at_start = false;
                    self.selected -= over;
                    self.offset -= over;
                }
            }
            Seek::Before(k) => {
                if self.rows.first().map(ListKey::of).as_ref() != Some(k) {
                    return false;
                }
                self.at_start = !full;
                let n = rows.len();
                self.rows.splice(0..0, rows);
                self.selected += n;
                self.offset += n;
                let keep_to = (KEPT * read.rows).max(self.offset + height);
                if self.rows.len() > keep_to {
                    self.rows.truncate(keep_to);
                    self.at_end = false;
                }
            }
            Seek::Client(id, _) => {
                // Read as `read.rows` before and as many from the client on.
                self.at_start = before < read.rows;
                self.at_end = rows.len() - before < read.rows;
                self.rows = rows;
                let at = self.index_of(*id);
                self.selected = at.unwrap_or(before).min(self.rows.len().saturating_sub(1));
                self.offset = self.selected.saturating_sub(height / 3);
            }
        }
        self.scroll_into_view(height);
        true
    }

    /// Moves the cursor by `delta` rows within the window; the read that brings the rows
    /// it could not reach (the list's start or end, when far), if any.
    pub fn move_by(&mut self, delta: isize, height: usize) -> Option<Seek> {
        let page = Self::page(height) as isize;
        let last = self.rows.len().saturating_sub(1);
        let to = self.selected as isize + delta;
        if to < 0 && !self.at_start && delta < -page {
            return Some(Seek::First);
        }
        if to > last as isize && !self.at_end && delta > page {
            return Some(Seek::Last);
        }
        self.selected = to.clamp(0, last as isize) as usize;
        self.scroll_into_view(height);
        None
    }

    /// The read that keeps a page beyond the cursor on both sides, if one is missing.
    pub fn refill(&self, height: usize) -> Option<Seek> {
        let page = Self::page(height);
        if !self.at_end && self.rows.len() < self.selected + page {
            return self.rows.last().map(|r| Seek::After(ListKey::of(r)));
        }
        if !self.at_start && self.selected < page {
            return self.rows.first().map(|r| Seek::Before(ListKey::of(r)));
        }
        None
    }

    /// Puts the cursor on the first row, at the top (a changed filter shows its first
    /// match); the window is read again from the start.
    pub fn to_top(&mut self) {
        self.selected = 0;
        self.offset = 0;
    }

    /// Adjusts the offset so the cursor is on screen.
    pub fn scroll_into_view(&mut self, height: usize) {
        self.offset = offset_showing(self.selected, self.offset, self.rows.len(), height);
    }
}
