//! The cursor of a notes field: where it stands in the text, moving it a row up or down as
//! the field wraps the text (see [`crate::domain::wrap`]), and putting it where a
//! prefilled template asks to be written.

use super::field::{Field, Value};
use crate::domain::wrap;
use ratatui_textarea::CursorMove;

/// A line and character index as the editor counts them (saturating at its limit).
fn jump(line: usize, ch: usize) -> CursorMove {
    let n = |x: usize| u16::try_from(x).unwrap_or(u16::MAX);
    CursorMove::Jump(n(line), n(ch))
}

impl Field {
    /// A notes field's text (its lines joined by `\n`) and its cursor as a byte index in
    /// that text; `None` for a field of another kind.
    pub fn notes_text(&self) -> Option<(String, usize)> {
        let Value::Notes(area) = &self.value else {
            return None;
        };
        let ratatui_textarea::DataCursor(row, col) = area.cursor();
        let lines = area.lines();
        let before: usize = lines.iter().take(row).map(|l| l.len() + 1).sum();
        let line = lines.get(row).map_or("", String::as_str);
        let within = line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
        Some((lines.join("\n"), before + within))
    }

    /// Moves the cursor of a notes field one row down (or up) as the text wraps in a field
    /// `width` cells wide, keeping its cell where the row is long enough. False when the
    /// cursor is on the last (first) row already, or the field holds no notes.
    pub fn notes_move(&mut self, down: bool, width: usize) -> bool {
        let Some((text, at)) = self.notes_text() else {
            return false;
        };
        let rows = wrap::rows(&text, width);
        let (row, col) = wrap::cursor_in(&text, &rows, at);
        let target = if down {
            row + 1
        } else {
            match row.checked_sub(1) {
                Some(r) => r,
                None => return false,
            }
        };
        if target >= rows.len() {
            return false;
        }
        let to = wrap::byte_at(&text, &rows, target, col);
        let line = text[..to].matches('\n').count();
        let line_start = text[..to].rfind('\n').map_or(0, |i| i + 1);
        let ch = text[line_start..to].chars().count();
        let Value::Notes(area) = &mut self.value else {
            return false;
        };
        area.move_cursor(jump(line, ch));
        true
    }

    /// Puts the cursor of a notes field where a prefilled text asks to be written: after
    /// the first "label:" line, else on the first empty line under a heading, else at the end.
    pub fn cursor_to_first_blank(&mut self) {
        let Value::Notes(area) = &mut self.value else {
            return;
        };
        let lines = area.lines().to_vec();
        let spot = lines
            .iter()
            .position(|l| l.trim_end().ends_with(':'))
            .map(|r| (r, lines[r].chars().count()))
            .or_else(|| {
                (1..lines.len())
                    .find(|&r| {
                        lines[r].trim().is_empty()
                            && !lines[r - 1].trim().is_empty()
                            && !lines[r - 1].trim_end().ends_with('.')
                    })
                    .map(|r| (r, 0))
            });
        if let Some((row, col)) = spot {
            area.move_cursor(jump(row, col));
            if col > 0 {
                area.insert_char(' ');
            }
        }
    }
}
