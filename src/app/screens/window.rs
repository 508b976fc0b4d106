//! A list on screen as a window of rows over the list the database holds (a few pages
//! around the cursor), read a page at a time as the cursor nears its edges: the caseload
//! list and the agenda.

use crate::domain::model::Id;
use crate::store::agenda::AgendaEntry;
use crate::store::agenda_page::AgendaKey;
use crate::store::caseload::CaseloadRow;
use crate::store::roster_page::{ListKey, ListQuery};
use tui_input::Input;

/// A row of a list read a page at a time: where it stands in the list's order, and whose
/// it is.
pub trait Paged {
    type Key: Clone + PartialEq + std::fmt::Debug;
    fn key(&self) -> Self::Key;
    fn client_id(&self) -> Id;
}

impl Paged for CaseloadRow {
    type Key = ListKey;
    fn key(&self) -> ListKey {
        ListKey::of(self)
    }
    fn client_id(&self) -> Id {
        self.client_id
    }
}

impl Paged for AgendaEntry {
    type Key = AgendaKey;
    fn key(&self) -> AgendaKey {
        AgendaKey::of(self)
    }
    fn client_id(&self) -> Id {
        self.item.client_id
    }
}

/// The rows a page read holds at least; the window reads the next one when the cursor
/// comes within a page of its edge, and keeps at most [`KEPT`] pages.
const PAGE: usize = 100;

/// How many pages the window keeps at most.
const KEPT: usize = 4;

/// Where in a list (whose rows stand by keys `K`) a read looks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seek<K = ListKey> {
    /// Its first rows.
    First,
    /// Its last rows.
    Last,
    /// The rows after this one.
    After(K),
    /// The rows before this one.
    Before(K),
    /// The rows around a client (and the client's row, when it is in the list); where the
    /// row under the cursor stood, when known (if it has left the list since, the rows
    /// around that place; when it is still there, the cursor goes back to it).
    Client(Id, Option<K>),
}

/// A read of rows of the caseload list: which list, where, and how many.
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
pub type Page<R = CaseloadRow> = (Vec<R>, usize);

/// How many rows a read takes, for a screen of `height` rows.
pub fn page(height: usize) -> usize {
    PAGE.max(height * 2)
}

/// A run of the list's rows in order, the cursor and the first row on screen among them,
/// whether the run reaches the list's start and end, and the filter typed.
#[derive(Debug)]
pub struct Window<R: Paged = CaseloadRow> {
    pub rows: Vec<R>,
    /// Index into `rows`.
    pub selected: usize,
    /// First row on screen, an index into `rows`.
    pub offset: usize,
    pub at_start: bool,
    pub at_end: bool,
    pub filter: Input,
}

impl<R: Paged> Default for Window<R> {
    fn default() -> Self {
        Window {
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            at_start: false,
            at_end: false,
            filter: Input::default(),
        }
    }
}

impl<R: Paged> Window<R> {
    /// The row under the cursor.
    pub fn selected_row(&self) -> Option<&R> {
        self.rows.get(self.selected)
    }

    /// The read of the rows around a client, with where its row stands when it is in the
    /// window.
    pub fn around(&self, client_id: Id) -> Seek<R::Key> {
        let at = match self.selected_row() {
            Some(r) if r.client_id() == client_id => Some(self.selected),
            _ => self.index_of(client_id),
        };
        Seek::Client(client_id, at.map(|i| self.rows[i].key()))
    }

    /// Where a client's (first) row is in the window.
    fn index_of(&self, client_id: Id) -> Option<usize> {
        self.rows.iter().position(|r| r.client_id() == client_id)
    }

    /// Where the row at `key` is in the window.
    fn index_of_key(&self, key: &R::Key) -> Option<usize> {
        self.rows.iter().position(|r| r.key() == *key)
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

    /// Takes the rows a read at `seek` of `wanted` rows brought (for the list shown; all of
    /// it when `whole`); the cursor stays on its client where it can, a client looked for
    /// gets it. Rows that no longer join the window's edge are dropped (`false`).
    pub fn take(
        &mut self,
        (seek, wanted, whole): (&Seek<R::Key>, usize, bool),
        (rows, before): Page<R>,
        height: usize,
    ) -> bool {
        let full = rows.len() >= wanted;
        let keep = self.selected_row().map(|r| r.client_id());
        if whole {
            self.rows = rows;
            (self.at_start, self.at_end) = (true, true);
            let last = self.rows.len().saturating_sub(1);
            self.selected = match seek {
                Seek::First => 0,
                Seek::Last => last,
                // A client no longer in the list: the cursor stays at its place.
                Seek::Client(id, _) => self.index_of(*id).unwrap_or(self.selected.min(last)),
                _ => keep.and_then(|id| self.index_of(id)).unwrap_or(0),
            };
            self.scroll_into_view(height);
            return true;
        }
        match seek {
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
                if self.rows.last().map(R::key).as_ref() != Some(k) {
                    return false;
                }
                self.at_end = !full;
                self.rows.extend(rows);
                let over = self.rows.len().saturating_sub(KEPT * wanted);
                let over = over.min(self.offset).min(self.selected);
                if over > 0 {
                    self.rows.drain(..over);
                    self.at_start = false;
                    self.selected -= over;
                    self.offset -= over;
                }
            }
            Seek::Before(k) => {
                if self.rows.first().map(R::key).as_ref() != Some(k) {
                    return false;
                }
                self.at_start = !full;
                let n = rows.len();
                self.rows.splice(0..0, rows);
                self.selected += n;
                self.offset += n;
                let keep_to = (KEPT * wanted).max(self.offset + height);
                if self.rows.len() > keep_to {
                    self.rows.truncate(keep_to);
                    self.at_end = false;
                }
            }
            Seek::Client(id, was) => {
                // Read as `wanted` before and as many from the client on.
                self.at_start = before < wanted;
                self.at_end = rows.len() - before < wanted;
                self.rows = rows;
                let at = was
                    .as_ref()
                    .and_then(|k| self.index_of_key(k))
                    .or_else(|| self.index_of(*id));
                self.selected = at.unwrap_or(before).min(self.rows.len().saturating_sub(1));
                self.offset = self.selected.saturating_sub(height / 3);
            }
        }
        self.scroll_into_view(height);
        true
    }

    /// Moves the cursor by `delta` rows within the window; the read that brings the rows
    /// it could not reach (the list's start or end, when far), if any.
    pub fn move_by(&mut self, delta: isize, height: usize) -> Option<Seek<R::Key>> {
        let page = page(height) as isize;
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
    pub fn refill(&self, height: usize) -> Option<Seek<R::Key>> {
        let page = page(height);
        if !self.at_end && self.rows.len() < self.selected + page {
            return self.rows.last().map(|r| Seek::After(r.key()));
        }
        if !self.at_start && self.selected < page {
            return self.rows.first().map(|r| Seek::Before(r.key()));
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

/// The first row on screen of a list of `len` rows, `height` high, that shows the row at
/// `selected`, moved as little as it can from `offset`.
fn offset_showing(selected: usize, offset: usize, len: usize, height: usize) -> usize {
    let height = height.max(1);
    let offset = if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    };
    offset.min(len.saturating_sub(height))
}
