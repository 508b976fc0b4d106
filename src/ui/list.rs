//! The caseload list pane: only the rows that fit are built.

use super::View;
use super::theme;
use crate::app::screens::caseload::{CaseloadScreen, ListSort};
use crate::domain::agenda::{OpenItem, Urgency};
use crate::domain::codes::{Code, Risk};
use crate::domain::date::fmt_date;
use crate::domain::display::fit;
use crate::domain::risk::assess;
use crate::i18n::{t, tf, tn};
use crate::store::caseload::CaseloadRow;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table};

/// The style of a due date: red when overdue, yellow today.
pub fn due_style(item: &OpenItem, today: chrono::NaiveDate) -> Style {
    match item.urgency(today) {
        Urgency::Idle | Urgency::Overdue => theme::error(),
        Urgency::Today => theme::warn(),
        _ => theme::text(),
    }
}

/// Draws the list with its filter in the bottom border.
pub fn render(
    screen: &CaseloadScreen,
    focused: bool,
    typing: bool,
    view: &View,
    frame: &mut Frame,
    area: Rect,
) {
    let state = &screen.list;
    let lang = view.lang;
    let narrowed = !screen.query.words.is_empty() || screen.query.flagged_on.is_some();
    let count = match screen.count() {
        None => "…".to_owned(),
        Some((n, total)) if n == total => tn(lang, "list.count", n as u64, &[]),
        Some((n, total)) => tf(lang, "list.count_of", &[("n", &n), ("total", &total)]),
    };
    // How the list is shown, when not as it starts: sorted otherwise, only the flagged.
    let mut how = Vec::new();
    if screen.sort != ListSort::Due {
        how.push(t(lang, screen.sort.label_key()));
    }
    if screen.flagged_only {
        how.push(t(lang, "list.flagged_only"));
    }
    let how = if how.is_empty() {
        String::new()
    } else {
        format!("· {} ", how.join(" · "))
    };
    let mut block = theme::pane(focused)
        .title(theme::pane_title(t(lang, "list.title"), focused))
        .title(Span::styled(how, theme::key()))
        .title(Line::styled(format!(" {count} "), theme::dim()).right_aligned());
    let filter = state.filter.value();
    if typing || !filter.is_empty() {
        let cursor = if typing { "▏" } else { "" };
        block = block.title_bottom(Line::from(vec![
            Span::styled(format!(" / {filter}"), theme::key()),
            Span::styled(format!("{cursor} "), theme::key()),
        ]));
    }
    if state.rows.is_empty() && !narrowed {
        let p = Paragraph::new(t(lang, "list.empty"))
            .style(theme::dim())
            .block(block);
        frame.render_widget(p, area);
        return;
    }
    if state.rows.is_empty() {
        let p = Paragraph::new(t(lang, "list.no_match"))
            .style(theme::dim())
            .block(block);
        frame.render_widget(p, area);
        return;
    }
    let height = usize::from(crate::layout::table_rows(area).height);
    let end = (state.offset + height).min(state.rows.len());
    // Every column from 64 wide; narrower the phase goes (the file beside it shows it),
    // and a narrow list (the file has the focus) keeps only the name and the date.
    let full = area.width >= 64;
    let next_col = area.width >= 50;
    let mut header = vec![t(lang, "list.col.name")];
    let mut widths = vec![Constraint::Fill(3)];
    if full {
        header.push(t(lang, "list.col.phase"));
        widths.push(Constraint::Length(11));
    }
    header.push(t(lang, "list.col.due"));
    widths.push(Constraint::Length(10));
    if next_col {
        header.push(t(lang, "list.col.next"));
        widths.push(Constraint::Fill(2));
    }
    // The columns' widths as the table lays them out, so that a value cut ends in `…`.
    let cols = crate::layout::table_columns(&widths, area);
    let (name_w, next_w) = (cols[0], cols[cols.len() - 1]);
    let rows = state.rows[state.offset..end]
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (due, what, style) = match &r.next {
                Some(item) => (
                    fmt_date(item.due),
                    format!(
                        "{}: {}",
                        item.kind.label(lang),
                        item.describe(lang, &view.assets.catalog)
                    ),
                    due_style(item, view.today),
                ),
                None => (String::new(), String::new(), theme::dim()),
            };
            let mut name = Vec::with_capacity(3);
            if r.flagged {
                name.push(Span::styled("⚑ ", theme::error()));
            }
            name.extend(risk_marker(r, view));
            let marks: usize = name.iter().map(Span::width).sum();
            name.push(Span::raw(
                fit(&r.name, name_w.saturating_sub(marks)).into_owned(),
            ));
            let mut cells = vec![Line::from(name)];
            if full {
                cells.push(Line::raw(r.phase.label(lang)));
            }
            cells.push(Line::styled(due, style));
            if next_col {
                cells.push(Line::styled(fit(&what, next_w).into_owned(), style));
            }
            let row = Row::new(cells);
            if state.offset + i == state.selected {
                row.style(if focused {
                    theme::selected()
                } else {
                    theme::label()
                })
            } else {
                row
            }
        });
    let header = Row::new(header).style(theme::label());
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .block(block);
    frame.render_widget(table, area);
}

/// The short mark of a client's risk of re-entry before the name: `!H ` for high, `M ` for
/// medium, nothing for low or when not computed.
fn risk_marker(r: &CaseloadRow, view: &View) -> Option<Span<'static>> {
    let a = assess(r.risk.as_ref()?, &view.assets.risk);
    let style = match a.level {
        Risk::High => theme::error(),
        Risk::Medium => theme::warn(),
        Risk::Low => return None,
    };
    Some(Span::styled(format!("{} ", a.marker(view.lang)), style))
}

/// The first line of a text, for one-line cells.
pub fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}
