//! The Reports screen: bar charts of the outflow and of re-entry against the national
//! figures and a sparkline of exits per month above, the report's tables below (scrolled).

use super::View;
use super::theme;
use crate::app::screens::reports::ReportsScreen;
use crate::domain::codes::{Code, ExitCategory};
use crate::domain::date::fmt_date;
use crate::domain::report::{BANDS, Report};
use crate::domain::report_table::{Table, aligned, fmt_percent, heading, period_label};
use crate::i18n::{Lang, t, tf, tn};
use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, Borders, Paragraph, Sparkline};

/// Draws the Reports screen.
pub fn render(screen: &ReportsScreen, typing: bool, view: &View, frame: &mut Frame, area: Rect) {
    let lang = view.lang;
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::focus_border(true))
        .title(Span::styled(
            format!(" {} ", t(lang, "report.title")),
            theme::title(),
        ));
    let Some((report, tables)) = &screen.report else {
        frame.render_widget(
            Paragraph::new(t(lang, "report.loading"))
                .style(theme::dim())
                .block(block),
            area,
        );
        return;
    };
    let mut right = period_label(report, lang);
    if screen.pending {
        right = format!("{} · {right}", t(lang, "report.loading"));
    }
    block = block.title(Line::styled(format!(" {right} "), theme::dim()).right_aligned());
    if typing {
        block = block.title_bottom(Line::from(vec![
            Span::styled(format!(" {} ", t(lang, "report.typed_hint")), theme::dim()),
            Span::styled(format!("/ {}▏ ", screen.input.value()), theme::key()),
        ]));
    }
    frame.render_widget(block, area);
    let (charts, text) = crate::layout::report_areas(area);
    if let Some(charts) = charts {
        let [outflow, reentry, months] = Layout::horizontal([
            Constraint::Ratio(1, 3),
            Constraint::Ratio(1, 3),
            Constraint::Ratio(1, 3),
        ])
        .areas(charts);
        outflow_chart(report, lang, frame, outflow);
        reentry_chart(report, lang, frame, reentry);
        months_chart(report, lang, frame, months);
    }
    let lines = figures(report, tables, lang);
    frame.render_widget(Paragraph::new(lines).scroll((screen.scroll, 0)), text);
}

/// The heading and every table, styled: titles, column headings, rows, notes.
fn figures<'a>(report: &Report, tables: &'a [Table], lang: Lang) -> Vec<Line<'a>> {
    let mut out = vec![
        Line::styled(heading(report, lang), theme::label()),
        Line::raw(""),
    ];
    for table in tables {
        out.push(Line::styled(table.title.as_str(), theme::title()));
        for (i, l) in aligned(table, lang).into_iter().enumerate() {
            let style = if i == 0 && !table.rows.is_empty() {
                theme::label()
            } else {
                theme::text()
            };
            out.push(Line::styled(l, style));
        }
        for note in &table.notes {
            out.push(Line::styled(format!("  {note}"), theme::dim()));
        }
        out.push(Line::raw(""));
    }
    out
}

fn chart_block(title: String) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme::dim())
        .title(Span::styled(format!(" {title} "), theme::label()))
}

/// Exits per category, and apart from them the excluded ones (never counted).
fn outflow_chart(r: &Report, lang: Lang, frame: &mut Frame, area: Rect) {
    let e = &r.exits;
    let mut bars: Vec<Bar> = [ExitCategory::Work, ExitCategory::Study, ExitCategory::Other]
        .into_iter()
        .map(|c| {
            Bar::default()
                .label(c.label(lang))
                .value(e.in_category(c))
                // A space between the number and its bar.
                .text_value(format!("{} ", e.in_category(c)))
                .style(theme::focus_border(true))
        })
        .collect();
    bars.push(
        Bar::default()
            .label(t(lang, "exit_category.excluded"))
            .value(e.excluded())
            .text_value(format!("{} ", e.excluded()))
            .style(theme::dim()),
    );
    let chart = BarChart::horizontal(bars)
        .block(chart_block(tn(
            lang,
            "report.chart.outflow",
            e.counted(),
            &[],
        )))
        .bar_width(1)
        .bar_gap(1);
    frame.render_widget(chart, area);
}

/// Re-entry of all counted exits per band, each next to the national figure.
fn reentry_chart(r: &Report, lang: Lang, frame: &mut Frame, area: Rect) {
    let total = r.exits.total();
    let mut bars = Vec::new();
    for ((months, band), national) in BANDS.iter().zip(total.bands).zip(r.national_percent) {
        let ours = band.share().percent();
        bars.push(
            Bar::default()
                .label(tf(lang, "report.chart.band", &[("m", months)]))
                .value(ours.map_or(0, |p| (p * 10.0) as u64))
                .text_value(format!("{} ", fmt_percent(ours, lang)))
                .style(theme::focus_border(true)),
        );
        bars.push(
            Bar::default()
                .label(t(lang, "report.chart.national"))
                .value((national * 10.0) as u64)
                .text_value(format!("{} ", fmt_percent(Some(national), lang)))
                .style(theme::dim()),
        );
    }
    let chart = BarChart::horizontal(bars)
        .block(chart_block(t(lang, "report.chart.reentry").to_owned()))
        .bar_width(1)
        .bar_gap(0);
    frame.render_widget(chart, area);
}

/// Counted exits per month of the period.
fn months_chart(r: &Report, lang: Lang, frame: &mut Frame, area: Rect) {
    let data: Vec<u64> = r.exits.per_month.iter().map(|(_, n)| *n).collect();
    let title = match (r.exits.per_month.first(), r.exits.per_month.last()) {
        (Some((a, _)), Some((b, _))) => tf(
            lang,
            "report.chart.months",
            &[
                ("from", &fmt_date(*a)[3..].to_owned()),
                ("to", &fmt_date(*b)[3..].to_owned()),
            ],
        ),
        _ => t(lang, "report.chart.no_months").to_owned(),
    };
    let block = chart_block(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let inner_w = usize::from(inner.width);
    // The latest months when the period has more than fit; each month as wide as fits.
    let from = data.len().saturating_sub(inner_w);
    let shown = &data[from..];
    let each = (inner_w / shown.len().max(1)).max(1);
    let wide: Vec<u64> = shown
        .iter()
        .flat_map(|n| std::iter::repeat_n(*n, each))
        .collect();
    // The bottom row names the months (their numbers), as many as fit apart.
    let (bars, labels) = if inner.height >= 3 {
        let [bars, labels] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
        (bars, Some(labels))
    } else {
        (inner, None)
    };
    let spark = Sparkline::default()
        .data(&wide)
        .style(theme::focus_border(true));
    frame.render_widget(spark, bars);
    if let Some(row) = labels {
        let mut text = String::new();
        for (i, (month, _)) in r.exits.per_month[from..].iter().enumerate() {
            let at = i * each;
            if at >= text.chars().count() + usize::from(!text.is_empty()) && at + 2 <= inner_w {
                text.push_str(&" ".repeat(at - text.chars().count()));
                text.push_str(&format!("{:02}", month.month()));
            }
        }
        frame.render_widget(Paragraph::new(Line::styled(text, theme::dim())), row);
    }
}
