//! The status line and the key hints, generated from the keymap; a command that does not
//! apply to the selection is shown greyed.

use super::theme;
use crate::app::action::Action;
use crate::app::commands::availability;
use crate::app::{State, StatusKind};
use crate::form::Kind;
use crate::i18n::t;
use crate::keymap::{self, Binding, Mode, key_label};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// What a key does here: Enter in a notes field starts a new line (the form moves on
/// with Tab), elsewhere the keymap's description.
pub fn desc(state: &State, b: &Binding) -> &'static str {
    let in_notes = state
        .form()
        .is_some_and(|f| f.form.focused().kind == Kind::Notes);
    if b.mode == Mode::Form && b.action == Action::Enter && in_notes {
        "key.new_line"
    } else {
        b.desc
    }
}

/// Draws the status message and the hints of the current mode.
pub fn render(state: &State, frame: &mut Frame, status: Rect, hints: Rect) {
    if let Some((msg, kind)) = &state.status {
        let style = match kind {
            StatusKind::Info => theme::ok(),
            StatusKind::Error => theme::error(),
        };
        frame.render_widget(
            Paragraph::new(Span::styled(format!(" {msg}"), style)),
            status,
        );
    }
    let mode = state.mode();
    let mut spans = vec![Span::raw(" ")];
    let mut room = usize::from(hints.width).saturating_sub(1);
    for b in keymap::bindings(mode).filter(|b| b.hint) {
        let enabled = state.layers.last().is_some() || availability(state, &b.action).is_ok();
        let (key_style, text_style) = if enabled {
            (theme::key(), theme::dim())
        } else {
            (theme::disabled(), theme::disabled())
        };
        let key = Span::styled(key_label(b.key), key_style);
        let what = Span::styled(format!(" {}", t(state.lang, desc(state, b))), text_style);
        // A hint shows whole or not at all (the table's order says which come first).
        let width = key.width() + what.width();
        if width > room {
            break;
        }
        room -= width;
        spans.extend([key, what]);
        if room >= 2 {
            spans.push(Span::raw("  "));
            room -= 2;
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), hints);
}
