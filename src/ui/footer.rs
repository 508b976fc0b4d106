//! The status line and the key hints, generated from the keymap: what can be done for the
//! selected client in their phase first, `? Help` always last; a command of the screen
//! that does not apply to the selection is shown greyed.

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
    let enabled =
        |b: &Binding| state.layers.last().is_some() || availability(state, &b.action).is_ok();
    let all = || keymap::bindings(mode);
    let rest = || all().filter(|b| b.action != Action::ToggleHelp);
    // Most important first: the keys for the item under the cursor, what can be done for
    // the selected client in their phase (what does not apply is left out), the keys of
    // where the keyboard is, then what works everywhere; `? Help` always last.
    let help = all().find(|b| b.action == Action::ToggleHelp);
    let item_keys = rest().filter(|b| on_item(b) && enabled(b));
    // The three most important for the client's phase (the table's order), so the pane's
    // own keys keep their place.
    let journey = rest()
        .filter(|b| b.mode == Mode::Client && b.hint && enabled(b))
        .take(3);
    let own =
        rest().filter(|b| b.hint && !on_item(b) && !matches!(b.mode, Mode::Client | Mode::Global));
    let global = rest().filter(|b| b.hint && b.mode == Mode::Global);
    let hint = |b: &Binding| {
        let (key_style, text_style) = if enabled(b) {
            (theme::key(), theme::dim())
        } else {
            (theme::disabled(), theme::disabled())
        };
        [
            Span::styled(key_label(b.key), key_style),
            Span::styled(format!(" {}", t(state.lang, desc(state, b))), text_style),
        ]
    };
    let help_spans = help.map(hint);
    let help_w = help_spans
        .as_ref()
        .map_or(0, |s| s.iter().map(Span::width).sum::<usize>());
    let mut spans = vec![Span::raw(" ")];
    let mut room = usize::from(hints.width)
        .saturating_sub(1)
        .saturating_sub(help_w);
    let mut seen = Vec::new();
    for b in item_keys.chain(journey).chain(own).chain(global) {
        // One hint per action (Enter and its twin keys).
        if seen.contains(&(b.action.clone(), b.desc)) {
            continue;
        }
        seen.push((b.action.clone(), b.desc));
        let parts = hint(b);
        // A hint shows whole or not at all, with its gap.
        let width = parts.iter().map(Span::width).sum::<usize>() + 2;
        if width > room {
            continue;
        }
        room -= width;
        spans.extend(parts);
        spans.push(Span::raw("  "));
    }
    if let Some(h) = help_spans {
        spans.extend(h);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), hints);
}
