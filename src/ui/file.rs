//! The client file pane: who the client is, where they stand, what is next, latest notes.

use super::{list, theme};
use crate::app::{App, Focus};
use crate::domain::codes::Code;
use crate::domain::date::{age_on, fmt_date};
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
    let p = Paragraph::new(lines(file, app.lang, app.today))
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((app.file_scroll, 0));
    frame.render_widget(p, area);
}

fn field(lang: Lang, key: &str, value: String) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{:<14}", t(lang, key)), theme::dim()),
        Span::raw(value),
    ])
}

fn heading(lang: Lang, key: &str) -> Line<'static> {
    Line::styled(t(lang, key).to_owned(), theme::title())
}

/// The lines of the client file.
pub fn lines(file: &ClientFile, lang: Lang, today: chrono::NaiveDate) -> Vec<Line<'static>> {
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
        let v = format!("{} {} ({})", rung.number(), rung.label(lang), fmt_date(on));
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
                    format!("{}: {}", item.kind.label(lang), item.describe(lang)),
                    style,
                ),
            ]));
        }
    }
    out.push(Line::raw(""));
    out.push(heading(lang, "file.notes"));
    if file.notes.is_empty() {
        out.push(Line::styled(
            format!("  {}", t(lang, "file.no_notes")),
            theme::dim(),
        ));
    }
    for n in &file.notes {
        out.push(Line::from(vec![
            Span::styled(format!("  {} ", fmt_date(n.noted_on)), theme::dim()),
            Span::styled(n.channel.label(lang).to_owned(), theme::dim()),
        ]));
        for l in n.summary.lines().take(3) {
            out.push(Line::raw(format!("    {l}")));
        }
    }
    out
}
