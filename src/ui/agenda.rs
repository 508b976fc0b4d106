//! The agenda screen: the clients without a next step, then every open dated item, overdue
//! (red) first, then today, the next seven days and later; the group is named on its first
//! row. Only visible rows are built.

use super::View;
use super::{list::due_style, theme};
use crate::app::screens::agenda::{AgendaScreen, HORIZON_DAYS};
use crate::domain::agenda::Urgency;
use crate::domain::codes::Code;
use crate::domain::date::fmt_date;
use crate::domain::display::fit;
use crate::i18n::{t, tn};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table};

/// The width of the group column: its longest name.
fn group_width(lang: crate::i18n::Lang) -> u16 {
    [
        Urgency::Idle,
        Urgency::Overdue,
        Urgency::Today,
        Urgency::ThisWeek,
        Urgency::Later,
    ]
    .iter()
    .map(|u| crate::domain::display::width(t(lang, group_key(*u))) as u16)
    .max()
    .unwrap_or(0)
}

fn group_key(u: Urgency) -> &'static str {
    match u {
        Urgency::Idle => "agenda.idle",
        Urgency::Overdue => "agenda.overdue",
        Urgency::Today => "agenda.today",
        Urgency::ThisWeek => "agenda.week",
        Urgency::Later => "agenda.later",
    }
}

/// Draws the agenda.
pub fn render(screen: &AgendaScreen, typing: bool, view: &View, frame: &mut Frame, area: Rect) {
    let lang = view.lang;
    let state = &screen.list;
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::focus_border(true))
        .title(Span::styled(
            format!(" {} ", t(lang, "agenda.title")),
            theme::title(),
        ))
        .title(Span::styled(
            if screen.overdue_only {
                format!("· {} ", t(lang, "agenda.overdue_only"))
            } else {
                String::new()
            },
            theme::key(),
        ))
        .title(
            Line::styled(
                format!(
                    " {} ",
                    match screen.count() {
                        Some(n) => tn(lang, "agenda.count", n as u64, &[("days", &HORIZON_DAYS)]),
                        None => "…".to_owned(),
                    }
                ),
                theme::dim(),
            )
            .right_aligned(),
        );
    if typing || !state.filter.value().is_empty() {
        let cursor = if typing { "▏" } else { "" };
        block = block.title_bottom(Span::styled(
            format!(" / {}{cursor} ", state.filter.value()),
            theme::key(),
        ));
    }
    if state.rows.is_empty() {
        let msg = if !screen.loaded {
            "agenda.loading"
        } else if state.filter.value().is_empty() && !screen.overdue_only {
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
    let height = usize::from(crate::layout::table_rows(area).height);
    // Narrow: the kind goes in front of what to do, so that the name keeps its room.
    let wide = area.width >= 100;
    let end = (state.offset + height).min(state.rows.len());
    let mut previous = state
        .offset
        .checked_sub(1)
        .and_then(|p| state.rows.get(p))
        .map(|r| r.item.urgency(view.today));
    let mut header = vec![
        "",
        t(lang, "list.col.due"),
        t(lang, "list.col.name"),
        t(
            lang,
            if wide {
                "agenda.col.kind"
            } else {
                "agenda.col.what"
            },
        ),
    ];
    let mut widths = vec![
        Constraint::Length(group_width(lang)),
        Constraint::Length(10),
        Constraint::Fill(2),
        Constraint::Length(18),
        Constraint::Fill(3),
    ];
    if wide {
        header.push(t(lang, "agenda.col.what"));
    } else {
        widths.remove(3);
        widths[3] = Constraint::Fill(3);
    }
    // Names and what to do cut to their columns with `…`.
    let cols = crate::layout::table_columns(&widths, area);
    let (name_w, what_w) = (cols[2], cols[cols.len() - 1]);
    let rows = state.rows[state.offset..end]
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let urgency = r.item.urgency(view.today);
            let group = if previous != Some(urgency) {
                t(lang, group_key(urgency))
            } else {
                ""
            };
            previous = Some(urgency);
            let style = due_style(&r.item, view.today);
            let mut cells = vec![
                Line::styled(group, theme::label().patch(style)),
                Line::styled(fmt_date(r.item.due), style),
                Line::raw(
                    fit(
                        &match screen.risk.get(&r.item.client_id) {
                            Some(level) => {
                                format!("{} {}", risk_marker(*level, lang), r.client_name)
                            }
                            None => r.client_name.clone(),
                        },
                        name_w,
                    )
                    .into_owned(),
                ),
            ];
            if wide {
                cells.push(Line::raw(r.item.kind.label(lang)));
                let what = r.item.describe(lang, &view.assets.catalog);
                cells.push(Line::raw(fit(&what, what_w).into_owned()));
            } else {
                let what = format!(
                    "{}: {}",
                    r.item.kind.label(lang),
                    r.item.describe(lang, &view.assets.catalog)
                );
                cells.push(Line::raw(fit(&what, what_w).into_owned()));
            }
            let row = Row::new(cells);
            if state.offset + n == state.selected {
                row.style(theme::selected())
            } else {
                row
            }
        });
    let header = Row::new(header).style(theme::label());
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .column_spacing(1)
            .block(block),
        area,
    );
}

/// The marker of a medium or high risk of re-entry before a name (as in the list).
fn risk_marker(level: crate::domain::codes::Risk, lang: crate::i18n::Lang) -> &'static str {
    match level {
        crate::domain::codes::Risk::High => t(lang, "reentry.marker_high"),
        crate::domain::codes::Risk::Medium => t(lang, "reentry.marker_medium"),
        crate::domain::codes::Risk::Low => "",
    }
}
