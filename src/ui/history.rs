//! A client's history over the file: every change set of the change log in words, newest
//! first (see `domain::history`); the session's messages (`M`) are shown the same way.

use super::theme;
use crate::app::layer::HistoryView;
use crate::i18n::{Lang, t};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// The history's lines: per change set when and what, then its details.
fn lines(view: &HistoryView) -> Vec<Line<'static>> {
    if view.entries.is_empty() {
        return vec![Line::styled(view.empty.clone(), theme::dim())];
    }
    let mut out = Vec::new();
    for e in &view.entries {
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.push(Line::from(vec![
            Span::styled(format!("{}  ", e.when), theme::dim()),
            Span::styled(e.what.clone(), theme::title()),
        ]));
        for d in &e.details {
            out.push(Line::raw(format!("  {d}")));
        }
    }
    out
}

/// Draws the history over `area`; returns how far it scrolls.
pub fn render(view: &HistoryView, lang: Lang, frame: &mut Frame, area: Rect) -> usize {
    let words = (t(lang, "history.more"), t(lang, "history.close"));
    super::help::scrolled(&view.title, lines(view), view.scroll, words, frame, area)
}
