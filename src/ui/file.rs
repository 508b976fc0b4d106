//! The client file pane: who the client is, where they stand, what is next, latest notes.

use super::{list, theme};
use crate::app::{App, Focus};
use crate::domain::assessment::{domain_scores, rung_trend};
use crate::domain::catalog::Catalog;
use crate::domain::codes::{Code, score_label};
use crate::domain::date::{age_on, fmt_date};
use crate::domain::display::pad;
use crate::domain::timeline::{Scored, Trend};
use crate::domain::timeline_text::TextContext;
use crate::domain::trajectory::instrument_label;
use crate::i18n::{Lang, t, tf};
use crate::store::caseload::ClientFile;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// Draws the file of the client under the cursor.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let focused = app.focus == Focus::File && !app.help;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::focus_border(focused))
        .title(Span::styled(
            format!(" {} ", t(app.lang, "file.title")),
            theme::title(),
        ));
    let Some(file) = &app.file else {
        frame.render_widget(Paragraph::new("").block(block), area);
        return;
    };
    let body = all_lines(app, file, area.width);
    let p = Paragraph::new(body)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((app.file_scroll, 0));
    frame.render_widget(p, area);
}

/// Everything the file shows in a pane `width` wide.
fn all_lines(app: &App, file: &ClientFile, width: u16) -> Vec<Line<'static>> {
    let mut body = lines(file, app.lang, app.today, width >= 64, &app.assets.catalog);
    timeline_lines(app, file, &mut body);
    body
}

/// How far the file scrolls in a terminal of `size`: its wrapped lines beyond the pane.
pub fn overflow(app: &App) -> usize {
    let Some(file) = &app.file else { return 0 };
    let body = super::layout::frame(Rect::new(0, 0, app.size.0, app.size.1)).body;
    let (list, pane) = super::layout::panes(body, true);
    let pane = if pane.width == 0 { list } else { pane };
    let inner = usize::from(pane.width.saturating_sub(2)).max(1);
    let rows: usize = all_lines(app, file, pane.width)
        .iter()
        .map(|l| l.width().div_ceil(inner).max(1))
        .sum();
    rows.saturating_sub(usize::from(pane.height.saturating_sub(2)))
}

fn field(lang: Lang, key: &str, value: String) -> Line<'static> {
    Line::from(vec![
        Span::styled(pad(t(lang, key), 14), theme::dim()),
        Span::raw(value),
    ])
}

fn heading(lang: Lang, key: &str) -> Line<'static> {
    Line::styled(t(lang, key).to_owned(), theme::title())
}

/// The lines of the client file.
pub fn lines(
    file: &ClientFile,
    lang: Lang,
    today: chrono::NaiveDate,
    wide: bool,
    catalog: &Catalog,
) -> Vec<Line<'static>> {
    let p = &file.client.person;
    let mut out = vec![
        Line::from(vec![
            Span::styled(p.full_name(), theme::label()),
            Span::styled(
                format!("  {}", crate::domain::model::client_number(file.client.id)),
                theme::dim(),
            ),
        ]),
        field(lang, "file.bsn", p.bsn.masked()),
    ];
    if let Some(b) = p.birth_date {
        let age = tf(
            lang,
            "file.age_value",
            &[("age", &age_on(b, today)), ("born", &fmt_date(b))],
        );
        out.push(field(lang, "file.age", age));
    }
    out.push(field(lang, "file.phase", file.phase.label(lang).to_owned()));
    if let Some((rung, on)) = file.latest_rung {
        let trend = match rung_trend(&file.assessments) {
            Some((_, Some(prev))) => Scored {
                now: rung.number(),
                before: Some(prev.number()),
            }
            .trend()
            .symbol(),
            _ => "",
        };
        let v = format!(
            "{} {} {trend} ({})",
            rung.number(),
            rung.label(lang),
            fmt_date(on)
        );
        out.push(field(lang, "file.rung", v));
    }
    out.push(Line::raw(""));
    out.push(heading(lang, "file.episodes"));
    for e in file.episodes.iter().rev() {
        let mut s = format!("{} – ", fmt_date(e.benefit_start));
        if let Some(x) = e.exit_date {
            s.push_str(&fmt_date(x));
        } else {
            s.push_str(t(lang, "file.ongoing"));
        }
        s.push_str(&format!("  {}", e.benefit_type.label(lang)));
        if let Some(r) = e.exit_reason {
            s.push_str(&format!(" · {}", r.label(lang)));
        }
        out.push(Line::raw(format!("  {s}")));
    }
    if !file.open_items.is_empty() {
        out.push(Line::raw(""));
        out.push(heading(lang, "file.next"));
        for item in &file.open_items {
            let style = list::due_style(item, today);
            out.push(Line::from(vec![
                Span::styled(format!("  {} ", fmt_date(item.due)), style),
                Span::styled(
                    format!(
                        "{}: {}",
                        item.kind.label(lang),
                        item.describe(lang, catalog)
                    ),
                    style,
                ),
            ]));
        }
    }
    if let Some(a) = &file.aftercare {
        super::file_aftercare::lines(a, lang, today, wide, &mut out);
    }
    plan_lines(file, lang, today, &mut out);
    trajectory_lines(file, lang, today, catalog, &mut out);
    score_lines(file, lang, wide, &mut out);
    out
}

/// The timeline: everything that happened, newest first, of the chosen kind.
fn timeline_lines(app: &App, file: &ClientFile, out: &mut Vec<Line<'static>>) {
    let lang = app.lang;
    let cx = TextContext {
        lang,
        catalog: &app.assets.catalog,
        templates: &app.assets.templates,
    };
    let shown = match app.timeline_kind {
        Some(k) => k.label(lang).to_owned(),
        None => crate::i18n::t(lang, "file.timeline_all").to_owned(),
    };
    out.push(Line::raw(""));
    out.push(Line::from(vec![
        Span::styled(
            crate::i18n::t(lang, "file.timeline").to_owned(),
            theme::title(),
        ),
        Span::styled(format!("  ({shown} · f)"), theme::dim()),
    ]));
    let entries: Vec<_> = file
        .timeline
        .iter()
        .filter(|e| app.timeline_kind.is_none_or(|k| e.kind() == k))
        .collect();
    if entries.is_empty() {
        out.push(Line::styled(
            format!("  {}", crate::i18n::t(lang, "file.timeline_empty")),
            theme::dim(),
        ));
    }
    for e in entries {
        out.push(Line::from(vec![
            Span::styled(format!("  {} ", fmt_date(e.on)), theme::dim()),
            Span::raw(e.headline(&cx)),
        ]));
        if let Some(detail) = e.detail(&cx) {
            for l in detail.lines().filter(|l| !l.trim().is_empty()).take(3) {
                out.push(Line::styled(format!("      {l}"), theme::dim()));
            }
        }
    }
}

fn done_mark(done: bool) -> &'static str {
    if done { "[x]" } else { "[ ]" }
}

/// The plan of action: goals and agreements, done ones ticked.
fn plan_lines(
    file: &ClientFile,
    lang: Lang,
    today: chrono::NaiveDate,
    out: &mut Vec<Line<'static>>,
) {
    if file.goals.is_empty() && file.agreements.is_empty() {
        return;
    }
    out.push(Line::raw(""));
    out.push(heading(lang, "file.plan"));
    for g in &file.goals {
        let target = g
            .target_date
            .map(|d| format!(" · {}", fmt_date(d)))
            .unwrap_or_default();
        let style = if g.done_on.is_some() {
            theme::dim()
        } else {
            theme::text()
        };
        out.push(Line::styled(
            format!(
                "  {} {} ({}){target}",
                done_mark(g.done_on.is_some()),
                g.text,
                g.term.label(lang)
            ),
            style,
        ));
    }
    for a in &file.agreements {
        let mut spans = vec![Span::styled(
            format!(
                "  {} {} · {}",
                done_mark(a.done_on.is_some()),
                a.text,
                a.who.label(lang)
            ),
            if a.done_on.is_some() {
                theme::dim()
            } else {
                theme::text()
            },
        )];
        if let (Some(d), None) = (a.follow_up, a.done_on) {
            let style = if d < today {
                theme::error()
            } else {
                theme::text()
            };
            spans.push(Span::styled(format!(" · {}", fmt_date(d)), style));
        }
        out.push(Line::from(spans));
    }
}

/// The trajectories of the current benefit period.
fn trajectory_lines(
    file: &ClientFile,
    lang: Lang,
    today: chrono::NaiveDate,
    catalog: &Catalog,
    out: &mut Vec<Line<'static>>,
) {
    if file.trajectories.is_empty() {
        return;
    }
    out.push(Line::raw(""));
    out.push(heading(lang, "file.trajectories"));
    for t in file.trajectories.iter().rev() {
        let running = matches!(
            t.status,
            crate::domain::TrajectoryStatus::Referred | crate::domain::TrajectoryStatus::Started
        );
        let overrun = running && t.planned_end.is_some_and(|d| d < today);
        let late_review = running && t.next_review.is_some_and(|d| d < today);
        let mut spans = vec![Span::styled(
            format!(
                "  {} · {}",
                instrument_label(t, catalog, lang),
                t.status.label(lang)
            ),
            if running { theme::text() } else { theme::dim() },
        )];
        if let Some(r) = t.result {
            spans.push(Span::styled(format!(" · {}", r.label(lang)), theme::dim()));
        }
        if !t.provider.is_empty() {
            spans.push(Span::styled(format!(" · {}", t.provider), theme::dim()));
        }
        if overrun || late_review {
            spans.push(Span::styled(
                format!("  ⚑ {}", crate::i18n::t(lang, "file.lock_in")),
                theme::error(),
            ));
        }
        out.push(Line::from(spans));
    }
}

/// Each life domain's latest score with its change against the previous one.
fn score_lines(file: &ClientFile, lang: Lang, wide: bool, out: &mut Vec<Line<'static>>) {
    let scores = domain_scores(&file.assessments);
    if scores.is_empty() {
        return;
    }
    out.push(Line::raw(""));
    out.push(heading(lang, "file.domains"));
    for s in scores {
        let trend = s.trend();
        let style = match trend {
            Trend::Up => theme::ok(),
            Trend::Down => theme::error(),
            _ => theme::text(),
        };
        let was = s
            .previous
            .map(|p| format!(" ({} {p})", crate::i18n::t(lang, "file.was")))
            .unwrap_or_default();
        let mut spans = vec![
            Span::styled(format!("  {}", pad(s.domain.label(lang), 31)), theme::dim()),
            Span::styled(format!("{} {}", s.latest, trend.symbol()), style),
        ];
        if wide {
            spans.push(Span::styled(
                format!(" {}{was}", score_label(s.latest, lang)),
                theme::dim(),
            ));
        } else {
            spans.push(Span::styled(was, theme::dim()));
        }
        out.push(Line::from(spans));
    }
}
