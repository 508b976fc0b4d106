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
    } else if b.mode == Mode::File && b.action == Action::Open {
        state.open_item_desc().unwrap_or(b.desc)
    } else {
        b.desc
    }
}

/// Whether a key acts on the item under the client file's cursor (shown first, and only
/// when it applies to that item).
fn on_item(b: &Binding) -> bool {
    b.mode == Mode::File && matches!(b.action, Action::Open | Action::Void | Action::ToggleDone)
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
    let enabled =
        |b: &Binding| state.layers.last().is_some() || availability(state, &b.action).is_ok();
    // The keys for the item under the cursor first, then the table's hints.
    let item_keys = keymap::bindings(mode).filter(|b| on_item(b) && enabled(b));
    let rest = keymap::bindings(mode).filter(|b| b.hint && !on_item(b));
    let mut seen = Vec::new();
    for b in item_keys.chain(rest) {
        // One hint per action (Enter and its twin keys).
        if seen.contains(&(b.action.clone(), b.desc)) {
            continue;
        }
        seen.push((b.action.clone(), b.desc));
        let enabled = enabled(b);
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
