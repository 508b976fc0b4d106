//! The mouse: a click or the wheel becomes the action it means, by what lies under the
//! pointer ([`crate::ui::hit`]), and goes through `update` as a key's action does. A click
//! on a tab shows its screen, on a row or an item puts the cursor there (on the one under
//! the cursor: opens it, as `Enter`), elsewhere in a pane focuses it, on a form's field
//! focuses that; the wheel moves the list or the text under the pointer.

use super::App;
use super::action::{Action, Pane, Screen};
use super::effect::Effect;
use super::layer::Layer;
use super::screens::caseload::{Focus, file_items};
use super::state::State;
use crate::ui::hit::{Hit, hit};
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

/// Rows (or lines) one notch of the wheel moves.
pub const WHEEL_ROWS: isize = 3;

/// Whether a mouse event can do anything: a left click or the wheel (moves, drags and
/// releases do nothing, and need no new frame).
pub fn acts(kind: MouseEventKind) -> bool {
    matches!(
        kind,
        MouseEventKind::Down(MouseButton::Left)
            | MouseEventKind::ScrollDown
            | MouseEventKind::ScrollUp
    )
}

/// The action a mouse event means now, if any.
pub fn action(state: &State, m: MouseEvent) -> Option<Action> {
    let delta = match m.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            return Some(match hit(state, m.column, m.row)? {
                Hit::Tab(screen) => Action::Show(screen),
                Hit::Row(n) => Action::ClickRow(n),
                Hit::Item(n) => Action::ClickItem(n),
                Hit::Field(i) => Action::FocusField(i),
                Hit::Pane(pane) => Action::FocusPane(pane),
            });
        }
        MouseEventKind::ScrollDown => WHEEL_ROWS,
        MouseEventKind::ScrollUp => -WHEEL_ROWS,
        _ => return None,
    };
    match state.layers.last() {
        // A popup list or text on top scrolls wherever the pointer is.
        Some(
            Layer::Picker(_)
            | Layer::Palette(_)
            | Layer::Search(_)
            | Layer::Help { .. }
            | Layer::History(_)
            | Layer::Summary(_),
        ) if !state.too_small() && state.locked.is_none() => {
            Some(Action::Scroll(Pane::List, delta))
        }
        _ => match hit(state, m.column, m.row)? {
            Hit::Row(_) | Hit::Pane(Pane::List) => Some(Action::Scroll(Pane::List, delta)),
            Hit::Item(_) | Hit::Pane(Pane::File) => Some(Action::Scroll(Pane::File, delta)),
            Hit::Tab(_) | Hit::Field(_) => None,
        },
    }
}

impl App {
    /// Handles a mouse event as the terminal delivers it: what it means goes through the
    /// same `update` as a key. A filter being typed is kept first (as `Enter` keeps it).
    pub fn handle_mouse(&mut self, m: MouseEvent) {
        if !self.state.mouse || !acts(m.kind) || self.lock_mouse() {
            return;
        }
        let Some(action) = action(&self.state, m) else {
            return;
        };
        // A message stands until the next key or click.
        self.state.status = None;
        if matches!(self.state.layers.last(), Some(Layer::Typing(_))) {
            self.dispatch(Action::AcceptFilter);
        }
        if !matches!(self.state.layers.last(), Some(Layer::Typing(_))) {
            self.dispatch(action);
        }
        self.draw_headless();
    }
}

impl State {
    /// The mouse's actions on a screen (no layer on top).
    pub(super) fn act_mouse(&mut self, action: Action) -> Vec<Effect> {
        let height = self.list_height();
        match (action, self.screen) {
            (Action::ClickRow(n), Screen::Agenda) => {
                if n == self.agenda.list.selected {
                    return self.act(Action::Open);
                }
                let delta = n as isize - self.agenda.list.selected as isize;
                self.agenda.move_cursor(delta, height)
            }
            (Action::ClickRow(n), Screen::Caseload) => {
                let c = &mut self.caseload;
                if n == c.list.selected && c.focus == Focus::List {
                    return self.act(Action::Open);
                }
                c.focus = Focus::List;
                let delta = n as isize - c.list.selected as isize;
                c.move_cursor(delta, height)
            }
            (Action::ClickItem(n), Screen::Caseload) => {
                let c = &mut self.caseload;
                if c.focus == Focus::File && c.file_cursor == Some(n) {
                    return self.act(Action::Open);
                }
                let items = c
                    .file
                    .as_ref()
                    .map_or(0, |f| file_items(f, c.timeline_kind).len());
                c.focus = Focus::File;
                if n < items {
                    c.file_cursor = Some(n);
                }
                Vec::new()
            }
            (Action::FocusPane(pane), Screen::Caseload) => {
                let c = &mut self.caseload;
                c.focus = match pane {
                    Pane::File if c.file.is_some() => Focus::File,
                    _ => Focus::List,
                };
                Vec::new()
            }
            (Action::Scroll(Pane::File, delta), Screen::Caseload) => {
                self.caseload.scroll_file(delta, self.drawn.file_overflow);
                Vec::new()
            }
            (Action::Scroll(Pane::List, delta), Screen::Caseload) => {
                self.caseload.move_cursor(delta, height)
            }
            (Action::Scroll(_, delta), Screen::Agenda) => self.agenda.move_cursor(delta, height),
            (Action::Scroll(_, delta), Screen::Reports) => {
                let rows = crate::layout::report_rows(self.size);
                self.reports.scroll_by(delta, rows);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
}
