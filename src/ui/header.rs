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

/// Draws the tabs and the date.
pub fn render(state: &State, frame: &mut Frame, area: Rect) {
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
    }
    let tabs = Line::from(spans);
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
