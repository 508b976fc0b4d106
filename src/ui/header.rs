//! The top line: the screens as tabs, and today's date.

use super::theme;
use crate::app::App;
use crate::app::action::Screen;
use crate::i18n::t;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the tabs and the date.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let tabs = [
        (Screen::Caseload, "1", "tab.caseload"),
        (Screen::Agenda, "2", "tab.agenda"),
        (Screen::Reports, "3", "tab.reports"),
    ];
    let mut spans = vec![Span::styled(" caseload ", theme::title())];
    for (screen, key, label) in tabs {
        let style = if app.screen == screen {
            theme::selected()
        } else {
            theme::text()
        };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            format!(" {key} {} ", t(app.lang, label)),
            style,
        ));
        if screen == Screen::Agenda && app.overdue > 0 {
            // The overdue count is always in view.
            spans.push(Span::styled(format!("({}) ", app.overdue), theme::error()));
        }
    }
    let tabs = Line::from(spans);
    let used = tabs.width() as u16;
    frame.render_widget(Paragraph::new(tabs), area);
    let today = app.today_label();
    let w = crate::domain::display::width(&today) as u16 + 1;
    // The date only where it does not cover a tab.
    if area.width > used + w {
        let right = Rect::new(area.x + area.width - w, area.y, w, 1);
        frame.render_widget(Paragraph::new(Span::styled(today, theme::dim())), right);
    }
}
