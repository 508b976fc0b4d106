//! The status line and the key hints, generated from the keymap.

use super::theme;
use crate::app::action::Action;
use crate::app::{App, StatusKind};
use crate::form::Kind;
use crate::i18n::t;
use crate::keymap::{self, Binding, Mode, key_label};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// What a key does here: Enter in a notes field starts a new line (the form moves on
/// with Tab), elsewhere the keymap's description.
fn desc(app: &App, b: &Binding) -> &'static str {
    let in_notes = app
        .form
        .as_ref()
        .is_some_and(|fs| fs.form.focused().kind == Kind::Notes);
    if b.mode == Mode::Form && b.action == Action::Enter && in_notes {
        "key.new_line"
    } else {
        b.desc
    }
}

/// Draws the status message and the hints of the current mode.
pub fn render(app: &App, frame: &mut Frame, status: Rect, hints: Rect) {
    if let Some((msg, kind)) = &app.status {
        let style = match kind {
            StatusKind::Info => theme::ok(),
            StatusKind::Error => theme::error(),
        };
        frame.render_widget(
            Paragraph::new(Span::styled(format!(" {msg}"), style)),
            status,
        );
    }
    let mut spans = vec![Span::raw(" ")];
    for b in keymap::bindings(app.mode()).filter(|b| b.hint) {
        spans.push(Span::styled(key_label(b.key), theme::key()));
        spans.push(Span::styled(
            format!(" {}  ", t(app.lang, desc(app, b))),
            theme::dim(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), hints);
}
