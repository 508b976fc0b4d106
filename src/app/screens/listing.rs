//! A list on screen: all rows in memory, a filtered view of them, one cursor, a scroll
//! offset and a live filter. The caseload and the agenda are both listings.

use tui_input::Input;

/// Rows, the indices that match the filter, the cursor and the first row on screen.
#[derive(Debug)]
pub struct Listing<T> {
    pub rows: Vec<T>,
    /// Indices into `rows` that match the filter, in list order.
    pub visible: Vec<usize>,
    /// Index into `visible`.
    pub selected: usize,
    /// First visible row on screen.
    pub offset: usize,
    pub filter: Input,
}

impl<T> Default for Listing<T> {
    fn default() -> Self {
        Listing {
            rows: Vec::new(),
            visible: Vec::new(),
            selected: 0,
            offset: 0,
            filter: Input::default(),
        }
    }
}

impl<T> Listing<T> {
    /// The row under the cursor.
    pub fn selected_row(&self) -> Option<&T> {
        self.visible.get(self.selected).map(|&i| &self.rows[i])
    }

    /// Puts the cursor on the first visible row that satisfies `is`.
    pub fn select_where(&mut self, is: impl Fn(&T) -> bool) -> bool {
        match self.visible.iter().position(|&i| is(&self.rows[i])) {
            Some(pos) => {
                self.selected = pos;
                true
            }
            None => false,
        }
    }

    /// Keeps the rows for which `keep` holds (the filter). The cursor stays on the same
    /// row while it is still visible (clearing a filter never moves it to another client),
    /// else it stays within range.
    pub fn filter_by(&mut self, keep: impl Fn(&T) -> bool) {
        let rows = &self.rows;
        let visible = (0..rows.len()).filter(|&i| keep(&rows[i])).collect();
        self.set_visible(visible);
    }

    /// [`Listing::filter_by`], by the rows' indices.
    pub fn filter_by_index(&mut self, keep: impl Fn(usize) -> bool) {
        let visible = (0..self.rows.len()).filter(|&i| keep(i)).collect();
        self.set_visible(visible);
    }

    /// The rows shown now; the cursor stays on its row while shown.
    fn set_visible(&mut self, visible: Vec<usize>) {
        let current = self.visible.get(self.selected).copied();
        self.visible = visible;
        self.selected = current
            .and_then(|c| self.visible.iter().position(|&i| i == c))
            .unwrap_or_else(|| self.selected.min(self.visible.len().saturating_sub(1)));
    }

    /// Puts the cursor on the first row, at the top (a changed filter shows its first match).
    pub fn to_top(&mut self) {
        self.selected = 0;
        self.offset = 0;
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
        self.offset = offset_showing(self.selected, self.offset, self.visible.len(), height);
    }
}

/// The first row on screen of a list of `len` rows, `height` high, that shows the row at
/// `selected`, moved as little as it can from `offset`.
pub fn offset_showing(selected: usize, offset: usize, len: usize, height: usize) -> usize {
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
