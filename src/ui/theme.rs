//! Colours and styles, in one place.

use ratatui::style::{Color, Modifier, Style};

pub const ACCENT: Color = Color::Cyan;
pub const ERROR: Color = Color::Red;
pub const WARN: Color = Color::Yellow;
pub const OK: Color = Color::Green;
pub const DIM: Color = Color::DarkGray;

/// Plain text.
pub fn text() -> Style {
    Style::default()
}

/// Secondary text.
pub fn dim() -> Style {
    Style::default().fg(DIM)
}

/// Titles and headings.
pub fn title() -> Style {
    Style::default().fg(ACCENT).add_modifier(Modifier::BOLD)
}

/// Column headers and labels.
pub fn label() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}

/// The row or field under the cursor.
pub fn selected() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}

/// Errors and overdue items.
pub fn error() -> Style {
    Style::default().fg(ERROR)
}

/// Due today, warnings.
pub fn warn() -> Style {
    Style::default().fg(WARN)
}

/// Done, passed, fine.
pub fn ok() -> Style {
    Style::default().fg(OK)
}

/// The border of the focused pane.
pub fn focus_border(focused: bool) -> Style {
    if focused {
        Style::default().fg(ACCENT)
    } else {
        dim()
    }
}

/// Keys in hints and help.
pub fn key() -> Style {
    Style::default().fg(ACCENT).add_modifier(Modifier::BOLD)
}

/// A command that does not apply to the selection now.
pub fn disabled() -> Style {
    Style::new().fg(Color::DarkGray)
}
