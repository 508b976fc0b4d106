//! What lies under a cell of the screen, for the mouse: worked out from the state and the
//! terminal's size by the same layout functions the panes draw with (never read back from
//! a frame), so rendering stays a pure function of the state.

use super::View;
use crate::app::State;
use crate::app::action::{Pane, Screen};
use crate::app::layer::Layer;
use crate::app::screens::caseload::Focus;
use crate::layout;
use ratatui::layout::{Position, Rect};

/// What a cell of the screen shows, as far as a click or the wheel cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// A screen's tab in the header.
    Tab(Screen),
    /// A row of the screen's list (the caseload or the agenda; an index into its rows
    /// shown), or of the picker or the palette on top.
    Row(usize),
    /// An item of the client file (an index into `file_items`).
    Item(usize),
    /// A field of the form on top (an index into its fields).
    Field(usize),
    /// Elsewhere in a pane of the screen.
    Pane(Pane),
}

/// What lies at the cell `(x, y)`. While a layer that has the keys lies on top, only that
/// layer is seen; behind "window too small" and the lock, nothing is.
pub fn hit(state: &State, x: u16, y: u16) -> Option<Hit> {
    let (w, h) = state.size;
    let area = Rect::new(0, 0, w, h);
    if state.locked.is_some() || state.too_small() || !area.contains(Position::new(x, y)) {
        return None;
    }
    let f = layout::frame(area);
    match state.layers.last() {
        Some(Layer::Picker(p)) => {
            let field = state.form()?.form.focused();
            super::popup::picker_row_at(field, p, f.body, x, y).map(Hit::Row)
        }
        Some(Layer::Palette(p)) => super::popup::palette_row_at(p, f.body, x, y).map(Hit::Row),
        Some(Layer::Search(s)) => super::search::row_at(s, f.body, x, y).map(Hit::Row),
        Some(Layer::Form(fl)) => {
            super::form::field_at(&fl.form, state.lang, f.body, x, y).map(Hit::Field)
        }
        Some(Layer::Typing(_)) | None if y == f.header.y => {
            super::header::tab_at(state, f.header, x).map(Hit::Tab)
        }
        Some(Layer::Typing(_)) | None if f.body.contains(Position::new(x, y)) => {
            screen(state, f.body, x, y)
        }
        _ => None,
    }
}

/// What lies at `(x, y)` in the screen drawn in `body`.
fn screen(state: &State, body: Rect, x: u16, y: u16) -> Option<Hit> {
    match state.screen {
        Screen::Caseload => caseload(state, body, x, y),
        Screen::Agenda => {
            let list = &state.agenda.list;
            let rows = layout::table_rows(body);
            let row = layout::row_at(rows, list.offset, list.rows.len(), x, y);
            Some(row.map_or(Hit::Pane(Pane::List), Hit::Row))
        }
        Screen::Reports => Some(Hit::Pane(Pane::List)),
    }
}

/// The list or the file of the caseload screen, as `ui::draw` lays them out.
fn caseload(state: &State, body: Rect, x: u16, y: u16) -> Option<Hit> {
    let c = &state.caseload;
    let file_focused = c.focus == Focus::File;
    let (list_area, file_area) = layout::panes(body, file_focused);
    let narrow = file_area.width == 0;
    let at = Position::new(x, y);
    let file_area = if narrow && file_focused {
        list_area
    } else if list_area.contains(at) {
        let rows = layout::table_rows(list_area);
        let row = layout::row_at(rows, c.list.offset, c.list.rows.len(), x, y);
        return Some(row.map_or(Hit::Pane(Pane::List), Hit::Row));
    } else {
        file_area
    };
    if !file_area.contains(at) || c.file.is_none() {
        return None;
    }
    let view = View {
        lang: state.lang,
        today: state.today,
        assets: &state.assets,
    };
    let item = super::file::item_at(c, file_focused, &view, file_area, y);
    Some(item.map_or(Hit::Pane(Pane::File), Hit::Item))
}
