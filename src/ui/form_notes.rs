//! A notes field on screen: its text wrapped at words into rows ([`crate::domain::wrap`]),
//! every row of it shown while the field may grow; beyond that, with the focus the rows
//! around the cursor (the cursor's row always shows), without it the first rows with `…`
//! where the text goes on. Which rows show is computed from the cursor and the height
//! alone: drawing keeps no state.

use super::theme;
use crate::domain::wrap;
use crate::form::Field;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The most rows a notes field takes while it has the focus (fewer when the form is low).
pub const FOCUSED_MAX: u16 = 8;
/// The fewest rows a notes field takes while it has the focus: room to start writing.
pub const FOCUSED_MIN: u16 = 3;
/// The most rows a notes field takes without the focus.
pub const UNFOCUSED_MAX: u16 = 3;

/// The rows of a notes field's text in a value column `width` cells wide (0 for a field of
/// another kind).
pub fn row_count(field: &Field, width: u16) -> usize {
    field
        .notes_text()
        .map_or(0, |(text, _)| wrap::rows(&text, usize::from(width)).len())
}

/// The rows a notes field takes: with the focus all its rows, at least [`FOCUSED_MIN`], at
/// most [`FOCUSED_MAX`] or `room` (what the form has for it); else one to
/// [`UNFOCUSED_MAX`].
pub fn height(field: &Field, focused: bool, width: u16, room: u16) -> u16 {
    let rows = u16::try_from(row_count(field, width)).unwrap_or(u16::MAX);
    if focused {
        rows.clamp(FOCUSED_MIN, FOCUSED_MAX).min(room).max(1)
    } else {
        rows.clamp(1, UNFOCUSED_MAX)
    }
}

/// The first row shown of a field `height` rows high whose cursor is on row `cursor_row`:
/// the least scroll that shows the cursor's row (none while it is in the first `height`).
pub fn top(cursor_row: usize, height: usize) -> usize {
    (cursor_row + 1).saturating_sub(height.max(1))
}

/// Draws a notes field's value into `rect`; with the focus, puts the cursor at its cell.
pub fn draw(field: &Field, focused: bool, frame: &mut Frame, rect: Rect) {
    let Some((text, at)) = field.notes_text() else {
        return;
    };
    if rect.width == 0 || rect.height == 0 {
        return;
    }
    let width = usize::from(rect.width);
    let height = usize::from(rect.height);
    let rows = wrap::rows(&text, width);
    let shown = |r: &std::ops::Range<usize>| text[r.clone()].to_owned();
    if focused {
        let (row, col) = wrap::cursor_in(&text, &rows, at);
        let first = top(row, height);
        let lines: Vec<Line> = rows[first..]
            .iter()
            .take(height)
            .map(|r| Line::raw(shown(r)))
            .collect();
        frame.render_widget(Paragraph::new(lines), rect);
        let x = u16::try_from(col).unwrap_or(u16::MAX).min(rect.width - 1);
        let y = u16::try_from(row - first)
            .unwrap_or(u16::MAX)
            .min(rect.height - 1);
        frame.set_cursor_position(Position::new(rect.x + x, rect.y + y));
        return;
    }
    let more = rows.len() > height;
    let lines: Vec<Line> = rows
        .iter()
        .take(height)
        .enumerate()
        .map(|(n, r)| {
            if more && n + 1 == height {
                // Text takes at most width - 1 cells of a row: the mark fits after it.
                Line::from(vec![
                    Span::raw(text[r.clone()].trim_end().to_owned()),
                    Span::styled("…", theme::dim()),
                ])
            } else {
                Line::raw(shown(r))
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), rect);
}

#[cfg(test)]
mod tests {
    use super::top;

    #[test]
    fn the_cursor_row_always_shows() {
        for height in 1..=8 {
            for row in 0..200 {
                let first = top(row, height);
                assert!(first <= row && row - first < height);
            }
        }
        assert_eq!(top(2, 8), 0);
        assert_eq!(top(8, 8), 1);
    }
}
