//! A client's history over the file: every change set of the change log in words, newest
//! first (see `domain::history`); the session's messages (`M`) are shown the same way.

use super::theme;
use crate::app::layer::HistoryView;
use crate::i18n::{Lang, t};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// The history's lines, `width` wide: per change set when and what (wrapped at words,
/// under itself), then its details.
fn lines(view: &HistoryView, width: usize) -> Vec<Line<'static>> {
    if view.entries.is_empty() {
        return vec![Line::styled(view.empty.clone(), theme::dim())];
    }
    let mut out = Vec::new();
    for e in &view.entries {
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        let when = format!("{}  ", e.when);
        let indent = crate::domain::display::width(&when);
        let wrapped = textwrap::wrap(&e.what, width.saturating_sub(indent).max(8));
        for (i, part) in wrapped.iter().enumerate() {
            let lead = if i == 0 {
                when.clone()
            } else {
                " ".repeat(indent)
            };
            out.push(Line::from(vec![
                Span::styled(lead, theme::dim()),
                Span::styled(part.to_string(), theme::title()),
            ]));
        }
        for d in &e.details {
            for part in textwrap::wrap(d, width.saturating_sub(2).max(8)) {
                out.push(Line::raw(format!("  {part}")));
            }
        }
    }
    out
}

/// Draws the history over `area`; returns how far it scrolls.
pub fn render(view: &HistoryView, lang: Lang, frame: &mut Frame, area: Rect) -> usize {
    let words = (t(lang, "history.more"), t(lang, "history.close"));
    let width = usize::from(super::help::POPUP_WIDTH.min(area.width).saturating_sub(2));
    super::help::scrolled(
        &view.title,
        lines(view, width),
        view.scroll,
        words,
        super::help::POPUP_WIDTH,
        frame,
        area,
    )
}

/// The widest a summary's popup gets.
const SUMMARY_WIDTH: u16 = 100;

/// Draws a client's summary: each section's heading, and its lines wrapped under it.
pub fn summary(
    view: &crate::app::layer::SummaryView,
    lang: Lang,
    frame: &mut Frame,
    area: Rect,
) -> usize {
    // A summary is read as a whole: wider than the other popups, up to 100 columns.
    let popup_w = area.width.min(SUMMARY_WIDTH);
    let width = usize::from(popup_w.saturating_sub(2)).max(8);
    let mut body: Vec<Line<'static>> = Vec::new();
    for (heading, lines) in &view.sections {
        if !body.is_empty() {
            body.push(Line::raw(""));
        }
        body.push(Line::styled(heading.clone(), super::theme::title()));
        let opts = textwrap::Options::new(width)
            .initial_indent("  ")
            .subsequent_indent("    ");
        for l in lines {
            for w in textwrap::wrap(l, &opts) {
                body.push(Line::raw(w.into_owned()));
            }
        }
    }
    let words = (t(lang, "history.more"), t(lang, "history.close"));
    super::help::scrolled(&view.title, body, view.scroll, words, popup_w, frame, area)
}
