//! The client file pane: who the client is, where they stand, what is next, latest notes.

use super::View;
use super::{list, theme};
use crate::app::Drawn;
use crate::app::screens::caseload::{CaseloadScreen, timeline_item};
use crate::domain::assessment::rung_trend;
use crate::domain::catalog::Catalog;
use crate::domain::codes::Code;
use crate::domain::codes::Risk;
use crate::domain::date::{age_on, fmt_date};
use crate::domain::display::pad;
use crate::domain::risk::{Assessment, RiskConfig, assess};
use crate::domain::timeline::Scored;
use crate::domain::timeline::TimelineKind;
use crate::domain::timeline_text::TextContext;
use crate::i18n::{Lang, t, tf};
use crate::store::caseload::ClientFile;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the file of the client under the cursor; returns how far it can scroll and how
/// many of its lines fit.
pub fn render(
    screen: &CaseloadScreen,
    focused: bool,
    view: &View,
    frame: &mut Frame,
    area: Rect,
) -> Drawn {
    let block = theme::pane(focused).title(theme::pane_title(t(view.lang, "file.title"), focused));
    let Some(file) = &screen.file else {
        frame.render_widget(Paragraph::new("").block(block), area);
        return Drawn::default();
    };
    let laid = lay_out(screen, file, focused, view, area.width);
    let fits = usize::from(area.height.saturating_sub(2));
    let p = Paragraph::new(laid.body)
        .block(block)
        .scroll((screen.file_scroll, 0));
    frame.render_widget(p, area);
    Drawn {
        file_overflow: laid.rows.saturating_sub(fits),
        file_rows: fits,
        file_item_rows: laid.items.iter().map(|&i| laid.starts[i]).collect(),
        ..Drawn::default()
    }
}

/// The file's lines as laid out in a pane `width` wide: its rows (each line wrapped with a
/// hanging indent), the row each line starts on, the rows in all, and the line of each
/// item.
struct Laid {
    body: Vec<Line<'static>>,
    starts: Vec<usize>,
    rows: usize,
    items: Vec<usize>,
}

fn lay_out(
    screen: &CaseloadScreen,
    file: &ClientFile,
    focused: bool,
    view: &View,
    width: u16,
) -> Laid {
    // The cursor shows only while the file has the keys.
    let cursor = screen.file_cursor.filter(|_| focused);
    let (lines, items) = all_lines(view, screen.timeline_kind, file, width, cursor);
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let mut starts = Vec::with_capacity(lines.len());
    let mut body = Vec::with_capacity(lines.len());
    for l in &lines {
        starts.push(body.len());
        body.extend(super::hang::hang(l, inner));
    }
    Laid {
        rows: body.len(),
        body,
        starts,
        items,
    }
}

/// The item (see `file_items`) on the line at row `y` of the file drawn in `area` as
/// [`render`] draws it (the mouse); `None` off an item's line.
pub fn item_at(
    screen: &CaseloadScreen,
    focused: bool,
    view: &View,
    area: Rect,
    y: u16,
) -> Option<usize> {
    let file = screen.file.as_ref()?;
    let inner = theme::pane(focused).inner(area);
    if y < inner.y || y >= inner.bottom() {
        return None;
    }
    let row = usize::from(screen.file_scroll) + usize::from(y - inner.y);
    let laid = lay_out(screen, file, focused, view, area.width);
    laid.items.iter().position(|&line| {
        let end = laid.starts.get(line + 1).copied().unwrap_or(laid.rows);
        (laid.starts[line]..end).contains(&row)
    })
}

/// Everything the file shows in a pane `width` wide, with the line of each item.
fn all_lines(
    view: &View,
    kind: Option<TimelineKind>,
    file: &ClientFile,
    width: u16,
    cursor: Option<usize>,
) -> (Vec<Line<'static>>, Vec<usize>) {
    let wide = width >= 64;
    let catalog = &view.assets.catalog;
    let (mut body, mut items) = lines_at(
        file,
        view.lang,
        view.today,
        wide,
        (catalog, &view.assets.risk),
        cursor,
    );
    let here = cursor.and_then(|c| c.checked_sub(items.len()));
    items.extend(timeline_lines(view, kind, file, here, &mut body));
    (body, items)
}

fn field(lang: Lang, key: &str, value: String) -> Line<'static> {
    Line::from(vec![
        Span::styled(pad(t(lang, key), 14), theme::dim()),
        Span::raw(value),
    ])
}

pub(super) fn heading(lang: Lang, key: &str) -> Line<'static> {
    Line::styled(t(lang, key).to_owned(), theme::title())
}

/// "Label: value" under a heading, when there is a value.
fn item(lang: Lang, key: &str, value: String, out: &mut Vec<Line<'static>>) {
    if !value.is_empty() {
        out.push(Line::from(vec![
            Span::styled(format!("  {}: ", t(lang, key)), theme::dim()),
            Span::raw(value),
        ]));
    }
}

/// What the intake recorded about the client's situation. Every field of the intake is
/// named here, so a new one is not forgotten.
fn intake_lines(i: &crate::domain::model::Intake, lang: Lang, out: &mut Vec<Line<'static>>) {
    let crate::domain::model::Intake {
        episode_id: _,
        intake_date,
        household,
        youngest_child_age,
        statushouder,
        driving_licence,
        language_level,
        education,
        work_experience,
        distance,
        barriers,
        motivation,
        why_not_working,
        strengths,
        pitfalls,
        plan_agreed_on: _,
    } = i;
    let label = |c: Option<&'static str>| c.map(str::to_owned).unwrap_or_default();
    let first = |s: &str| list::first_line(s).to_owned();
    out.push(Line::raw(""));
    let mut head = vec![Span::styled(
        t(lang, "file.intake").to_owned(),
        theme::title(),
    )];
    if let Some(on) = intake_date {
        head.push(Span::styled(format!("  {}", fmt_date(*on)), theme::dim()));
    }
    out.push(Line::from(head));
    let mut home = label(household.map(|h| h.label(lang)));
    if let Some(age) = youngest_child_age {
        home.push_str(&format!(
            " ({})",
            tf(lang, "file.youngest", &[("age", age)])
        ));
    }
    item(lang, "intake.household", home, out);
    if *statushouder {
        item(
            lang,
            "intake.statushouder",
            t(lang, "form.yes").to_owned(),
            out,
        );
    }
    let licence = match driving_licence {
        Some(true) => "form.yes",
        Some(false) => "form.no",
        None => "intake.unknown",
    };
    item(
        lang,
        "intake.driving_licence",
        t(lang, licence).to_owned(),
        out,
    );
    item(
        lang,
        "intake.language_level",
        label(language_level.map(|l| l.label(lang))),
        out,
    );
    item(
        lang,
        "intake.education",
        label(education.map(|e| e.label(lang))),
        out,
    );
    item(lang, "intake.work_experience", first(work_experience), out);
    item(
        lang,
        "intake.distance",
        label(distance.map(|d| d.label(lang))),
        out,
    );
    let barriers: Vec<&str> = barriers.iter().map(|b| b.label(lang)).collect();
    item(lang, "intake.barriers", barriers.join(", "), out);
    item(lang, "intake.motivation", first(motivation), out);
    item(lang, "intake.why_not_working", first(why_not_working), out);
    item(lang, "intake.strengths", first(strengths), out);
    item(lang, "intake.pitfalls", first(pitfalls), out);
}

/// The lines of the client file.
pub fn lines(
    file: &ClientFile,
    lang: Lang,
    today: chrono::NaiveDate,
    wide: bool,
    catalog: &Catalog,
) -> Vec<Line<'static>> {
    let risk = crate::assets::Assets::builtin().risk;
    lines_at(file, lang, today, wide, (catalog, &risk), None).0
}

/// [`lines`] with the file's cursor on an item (see `file_items`), and the line of each item;
/// the risk of re-entry weighed by the rules of `risk.toml`.
pub fn lines_at(
    file: &ClientFile,
    lang: Lang,
    today: chrono::NaiveDate,
    wide: bool,
    (catalog, risk): (&Catalog, &RiskConfig),
    cursor: Option<usize>,
) -> (Vec<Line<'static>>, Vec<usize>) {
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
    if let Some(f) = &file.risk {
        risk_lines(&assess(f, risk), risk, lang, &mut out);
    }
    // The cursor among the items of a section, once those before it are counted.
    let past = |before: usize| cursor.and_then(|c| c.checked_sub(before));
    let mut items = match &file.aftercare {
        Some(a) => super::file_aftercare::lines(a, lang, today, wide, cursor, &mut out),
        None => Vec::new(),
    };
    let plan = super::file_plan::plan_lines(file, lang, today, past(items.len()), &mut out);
    items.extend(plan);
    let trajectories =
        super::file_plan::trajectory_lines(file, lang, today, catalog, past(items.len()), &mut out);
    items.extend(trajectories);
    super::file_plan::score_lines(file, lang, wide, &mut out);
    // What the intake recorded: background, below what needs doing now.
    if let Some(i) = &file.intake {
        intake_lines(i, lang, &mut out);
    }
    (out, items)
}

/// The risk of re-entry: the level, then factor by factor what made it (as the premium's
/// rules are explained).
fn risk_lines(a: &Assessment, cfg: &RiskConfig, lang: Lang, out: &mut Vec<Line<'static>>) {
    out.push(Line::raw(""));
    out.push(heading(lang, "reentry.title"));
    let mut lines = a.lines(cfg, lang).into_iter();
    if let Some(verdict) = lines.next() {
        let style = match a.level {
            Risk::High => theme::error(),
            Risk::Medium => theme::warn(),
            Risk::Low => theme::label(),
        };
        out.push(Line::styled(format!("  {verdict}"), style));
    }
    out.extend(lines.map(|l| Line::raw(format!("  {l}"))));
}

/// The timeline: everything that happened, newest first, of the chosen kind; the item
/// under the cursor (counted among the notes, assessments and exits shown) marked. Returns
/// the line of each of those.
fn timeline_lines(
    view: &View,
    kind: Option<TimelineKind>,
    file: &ClientFile,
    cursor: Option<usize>,
    out: &mut Vec<Line<'static>>,
) -> Vec<usize> {
    let lang = view.lang;
    let cx = TextContext {
        lang,
        catalog: &view.assets.catalog,
        templates: &view.assets.templates,
    };
    let shown = match kind {
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
        .filter(|e| kind.is_none_or(|k| e.kind() == k))
        .collect();
    if entries.is_empty() {
        out.push(Line::styled(
            format!("  {}", crate::i18n::t(lang, "file.timeline_empty")),
            theme::dim(),
        ));
    }
    let mut items = Vec::new();
    for e in entries {
        let is_item = timeline_item(e.kind(), 0).is_some();
        let here = is_item && cursor == Some(items.len());
        if is_item {
            items.push(out.len());
        }
        let line = Line::from(vec![
            Span::styled(
                format!("{}{} ", if here { "▸ " } else { "  " }, fmt_date(e.on)),
                theme::dim(),
            ),
            Span::raw(e.headline(&cx)),
        ]);
        out.push(if here {
            line.patch_style(theme::selected())
        } else {
            line
        });
        if let Some(detail) = e.detail(&cx) {
            for l in detail.lines().filter(|l| !l.trim().is_empty()).take(3) {
                out.push(Line::styled(format!("      {l}"), theme::dim()));
            }
        }
    }
    items
}
