//! The agenda screen: every open dated item, overdue (red) first, then today, the next
//! seven days and later; the group is named on its first row. Only visible rows are built.

use super::{list::due_style, theme};
use crate::app::App;
use crate::domain::agenda::Urgency;
use crate::domain::codes::Code;
use crate::domain::date::fmt_date;
use crate::i18n::{t, tf};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table};

fn group_key(u: Urgency) -> &'static str {
    match u {
        Urgency::Overdue => "agenda.overdue",
        Urgency::Today => "agenda.today",
        Urgency::ThisWeek => "agenda.week",
        Urgency::Later => "agenda.later",
    }
}

/// Draws the agenda.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let state = &app.agenda;
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::focus_border(true))
        .title(Span::styled(
            format!(" {} ", t(lang, "agenda.title")),
            theme::title(),
        ))
        .title(
            Line::styled(
                format!(
                    " {} ",
                    tf(
                        lang,
                        "agenda.count",
                        &[
                            ("n", &state.visible.len()),
                            ("days", &crate::app::agenda::HORIZON_DAYS)
                        ]
                    )
                ),
                theme::dim(),
            )
            .right_aligned(),
        );
    if state.filtering || !state.filter.value().is_empty() {
        let cursor = if state.filtering { "▏" } else { "" };
        block = block.title_bottom(Span::styled(
            format!(" / {}{cursor} ", state.filter.value()),
            theme::key(),
        ));
    }
    if state.visible.is_empty() {
        let msg = if state.rows.is_empty() {
            "agenda.empty"
        } else {
            "list.no_match"
        };
        frame.render_widget(
            Paragraph::new(t(lang, msg))
                .style(theme::dim())
                .block(block),
            area,
        );
        return;
    }
    let height = usize::from(area.height.saturating_sub(3));
    let end = (state.offset + height).min(state.visible.len());
    let mut previous = state
        .offset
        .checked_sub(1)
        .and_then(|p| state.visible.get(p))
        .map(|&i| Urgency::of(state.rows[i].item.due, app.today));
    let rows = state.visible[state.offset..end]
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let r = &state.rows[i];
            let urgency = Urgency::of(r.item.due, app.today);
            let group = if previous != Some(urgency) {
                t(lang, group_key(urgency))
            } else {
                ""
            };
            previous = Some(urgency);
            let style = due_style(&r.item, app.today);
            let row = Row::new(vec![
                Line::styled(group, theme::label().patch(style)),
                Line::styled(fmt_date(r.item.due), style),
                Line::raw(r.client_name.clone()),
                Line::raw(r.item.kind.label(lang)),
                Line::raw(r.item.describe(lang, &app.assets.catalog)),
            ]);
            if state.offset + n == state.selected {
                row.style(theme::selected())
            } else {
                row
            }
        });
    let header = Row::new(vec![
        "",
        t(lang, "list.col.due"),
        t(lang, "list.col.name"),
        t(lang, "agenda.col.kind"),
        t(lang, "agenda.col.what"),
    ])
    .style(theme::label());
    let widths = [
        Constraint::Length(14),
        Constraint::Length(10),
        Constraint::Fill(2),
        Constraint::Length(18),
        Constraint::Fill(3),
    ];
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .column_spacing(1)
            .block(block),
        area,
    );
}
