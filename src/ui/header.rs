//! The top line: the screens as tabs (with the keys that show them), and today's date.

use super::theme;
use crate::app::State;
use crate::app::action::{Action, Screen};
use crate::i18n::t;
use crate::keymap::{self, Mode, key_label};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::ops::Range;

/// The tabs' line, and the columns (from the line's start) each tab takes.
fn tabs(state: &State) -> (Line<'static>, Vec<(Screen, Range<u16>)>) {
    let tabs = [
        (Screen::Caseload, "tab.caseload"),
        (Screen::Agenda, "tab.agenda"),
        (Screen::Reports, "tab.reports"),
    ];
    let mut spans = vec![Span::styled(" caseload ", theme::title())];
    if state.demo {
        spans.push(Span::styled(
            format!(" {} ", t(state.lang, "vault.demo")),
            theme::warn(),
        ));
    }
    let mut columns = Vec::with_capacity(tabs.len());
    let width = |spans: &[Span]| spans.iter().map(Span::width).sum::<usize>() as u16;
    for (screen, label) in tabs {
        let style = if state.screen == screen {
            theme::selected()
        } else {
            theme::text()
        };
        let key = keymap::key_for(Mode::Global, &Action::Show(screen))
            .map(key_label)
            .unwrap_or_default();
        spans.push(Span::raw(" "));
        let start = width(&spans);
        spans.push(Span::styled(
            format!(" {key} {} ", t(state.lang, label)),
            style,
        ));
        if screen == Screen::Agenda && state.overdue > 0 {
            // The overdue count is always in view.
            spans.push(Span::styled(
                format!("({}) ", state.overdue),
                theme::error(),
            ));
        }
        columns.push((screen, start..width(&spans)));
    }
    (Line::from(spans), columns)
}

/// The tab at column `x` of the header line `area` (the mouse).
pub fn tab_at(state: &State, area: Rect, x: u16) -> Option<Screen> {
    let (_, columns) = tabs(state);
    let x = x.checked_sub(area.x)?;
    columns
        .into_iter()
        .find(|(_, range)| range.contains(&x))
        .map(|(screen, _)| screen)
}

/// Draws the tabs and the date.
pub fn render(state: &State, frame: &mut Frame, area: Rect) {
    let (tabs, _) = tabs(state);
    let used = tabs.width() as u16;
    frame.render_widget(Paragraph::new(tabs), area);
    let today = state.today_label();
    let w = crate::domain::display::width(&today) as u16 + 1;
    // The date only where it does not cover a tab.
    if area.width > used + w {
        let right = Rect::new(area.x + area.width - w, area.y, w, 1);
        frame.render_widget(Paragraph::new(Span::styled(today, theme::dim())), right);
    }
}
