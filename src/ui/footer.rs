//! The status line and the key hints, generated from the keymap.

use super::theme;
use crate::app::{App, StatusKind};
use crate::i18n::t;
use crate::keymap::{self, key_label};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

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
            format!(" {}  ", t(app.lang, b.desc)),
            theme::dim(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), hints);
}
