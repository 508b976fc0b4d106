//! The client file's plan of action (goals and agreements, ticked when done), its
//! trajectories (with the lock-in flag) and its life-domain scores.

use super::file::heading;
use super::theme;
use crate::app::screens::caseload::{FileItem, file_items};
use crate::domain::assessment::domain_scores;
use crate::domain::catalog::Catalog;
use crate::domain::codes::{Code, score_label};
use crate::domain::date::fmt_date;
use crate::domain::display::pad;
use crate::domain::timeline::Trend;
use crate::domain::trajectory::instrument_label;
use crate::i18n::Lang;
use crate::store::caseload::ClientFile;
use ratatui::text::{Line, Span};

fn done_mark(done: bool) -> &'static str {
    if done { "[x]" } else { "[ ]" }
}

/// The plan of action: goals and agreements, done ones ticked, the one under the cursor
/// marked. Returns the line of each item, in the order of `file_items`.
pub(super) fn plan_lines(
    file: &ClientFile,
    lang: Lang,
    today: chrono::NaiveDate,
    cursor: Option<usize>,
    out: &mut Vec<Line<'static>>,
) -> Vec<usize> {
    let items: Vec<FileItem> = file_items(file, None)
        .into_iter()
        .filter(|i| matches!(i, FileItem::Goal(_) | FileItem::Agreement(_)))
        .collect();
    if items.is_empty() {
        return Vec::new();
    }
    out.push(Line::raw(""));
    out.push(heading(lang, "file.plan"));
    let mut at = Vec::with_capacity(items.len());
    for (n, item) in items.into_iter().enumerate() {
        let (done, mut spans) = match item {
            FileItem::Goal(i) => {
                let g = &file.goals[i];
                let target = g
                    .target_date
                    .map(|d| format!(" · {}", fmt_date(d)))
                    .unwrap_or_default();
                let text = format!("{} ({}){target}", g.text, g.term.label(lang));
                (g.done_on.is_some(), vec![Span::raw(text)])
            }
            FileItem::Agreement(i) => {
                let a = &file.agreements[i];
                let mut spans = vec![Span::raw(format!("{} · {}", a.text, a.who.label(lang)))];
                if let (Some(d), None) = (a.follow_up, a.done_on) {
                    let style = if d < today {
                        theme::error()
                    } else {
                        theme::text()
                    };
                    spans.push(Span::styled(format!(" · {}", fmt_date(d)), style));
                }
                (a.done_on.is_some(), spans)
            }
            _ => continue,
        };
        let base = if done { theme::dim() } else { theme::text() };
        let here = cursor == Some(n);
        let mark = if here { "▸ " } else { "  " };
        spans.insert(0, Span::raw(format!("{mark}{} ", done_mark(done))));
        let line = Line::from(spans).style(base);
        at.push(out.len());
        out.push(if here {
            line.patch_style(theme::selected())
        } else {
            line
        });
    }
    at
}

/// The trajectories of the current benefit period, newest first, the one under the cursor
/// (counted among them) marked. Returns the line of each.
pub(super) fn trajectory_lines(
    file: &ClientFile,
    lang: Lang,
    today: chrono::NaiveDate,
    catalog: &Catalog,
    cursor: Option<usize>,
    out: &mut Vec<Line<'static>>,
) -> Vec<usize> {
    if file.trajectories.is_empty() {
        return Vec::new();
    }
    out.push(Line::raw(""));
    out.push(heading(lang, "file.trajectories"));
    let mut at = Vec::with_capacity(file.trajectories.len());
    for (n, t) in file.trajectories.iter().rev().enumerate() {
        let running = crate::domain::trajectory::is_running(t.status);
        let overrun = running && t.planned_end.is_some_and(|d| d < today);
        let late_review = running && t.next_review.is_some_and(|d| d < today);
        let here = cursor == Some(n);
        let mut spans = vec![Span::styled(
            format!(
                "{}{} · {}",
                if here { "▸ " } else { "  " },
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
        at.push(out.len());
        let line = Line::from(spans);
        out.push(if here {
            line.patch_style(theme::selected())
        } else {
            line
        });
    }
    at
}

/// Each life domain's latest score with its change against the previous one.
pub(super) fn score_lines(file: &ClientFile, lang: Lang, wide: bool, out: &mut Vec<Line<'static>>) {
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
