//! Colours and styles, in one place. With `NO_COLOR` set (no-color.org) there are no
//! colours: weight, dimness and reverse video carry the meaning alone.

use ratatui::style::{Color, Modifier, Style};
use std::sync::OnceLock;

/// Whether colours are off (`NO_COLOR` set and not empty), read once.
fn no_color() -> bool {
    static OFF: OnceLock<bool> = OnceLock::new();
    *OFF.get_or_init(|| std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()))
}

/// Text in a colour, or without it when colours are off.
fn fg(c: Color) -> Style {
    if no_color() {
        Style::default()
    } else {
        Style::default().fg(c)
    }
}

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
    if no_color() {
        Style::default().add_modifier(Modifier::DIM)
    } else {
        fg(DIM)
    }
}

/// Titles and headings.
pub fn title() -> Style {
    fg(ACCENT).add_modifier(Modifier::BOLD)
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
    // Bold too, so an error stands out without colour.
    fg(ERROR).add_modifier(Modifier::BOLD)
}

/// Due today, warnings.
pub fn warn() -> Style {
    fg(WARN)
}

/// Done, passed, fine.
pub fn ok() -> Style {
    fg(OK)
}

/// The border of the focused pane: bold as well as coloured, so focus shows without colour.
pub fn focus_border(focused: bool) -> Style {
    if focused {
        fg(ACCENT).add_modifier(Modifier::BOLD)
    } else {
        dim()
    }
}

/// A pane of the screen: bordered; the focused one with a thick, bold border, so focus
/// shows without colour.
pub fn pane(focused: bool) -> ratatui::widgets::Block<'static> {
    use ratatui::widgets::{Block, BorderType, Borders};
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(focus_border(focused))
}

/// A pane's title, marked `▶` when the pane has the keys.
pub fn pane_title(text: &str, focused: bool) -> ratatui::text::Span<'static> {
    let mark = if focused { "▶ " } else { "" };
    ratatui::text::Span::styled(format!(" {mark}{text} "), title())
}

/// Keys in hints and help.
pub fn key() -> Style {
    fg(ACCENT).add_modifier(Modifier::BOLD)
}

/// A command that does not apply to the selection now.
pub fn disabled() -> Style {
    dim()
}
