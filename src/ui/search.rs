//! The search over everything: what is typed, and per result the client, what matched
//! (the client, or a note or agreement with its date) and the text around the words found.

use super::View;
use super::popup::{ListBox, list_box, popup_block};
use super::theme;
use crate::app::search::SearchView;
use crate::domain::date::fmt_date;
use crate::domain::display::{self, fit, pad, width};
use crate::domain::search::Needle;
use crate::i18n::t;
use crate::layout;
use crate::store::search::{Hit, HitKind};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// Cells of the name column and of the kind-and-date column.
const NAME_W: usize = 24;
const KIND_W: usize = 30;

/// The search over `area`: its box, and where its results are.
fn search_box(s: &SearchView, area: Rect) -> (Rect, Option<ListBox>) {
    let w = 110u16.min(area.width);
    let h = (s.hits.len() as u16 + 4).clamp(6, 24).min(area.height);
    let rect = layout::centered(area, w, h);
    (rect, list_box(rect, 0, 2, s.selected))
}

/// The result (an index into the hits) at the cell `(x, y)` of the search over `area`
/// (the mouse).
pub fn row_at(s: &SearchView, area: Rect, x: u16, y: u16) -> Option<usize> {
    let b = search_box(s, area).1?;
    layout::row_at(b.rows, b.offset, s.hits.len(), x, y)
}

/// Draws the search over `area`.
pub fn render(s: &SearchView, view: &View, frame: &mut Frame, area: Rect) {
    let (rect, laid) = search_box(s, area);
    frame.render_widget(Clear, rect);
    let block = popup_block(t(view.lang, "search.title"));
    frame.render_widget(block, rect);
    let Some(b) = laid else {
        return;
    };
    let inner = b.inner;
    if inner.width < 4 {
        return;
    }
    let line = Line::from(vec![
        Span::styled("/ ", theme::key()),
        Span::raw(s.input.value().to_owned()),
    ]);
    frame.render_widget(Paragraph::new(line), Rect { height: 1, ..inner });
    frame.set_cursor_position(Position::new(
        (inner.x + 2 + s.input.visual_cursor() as u16).min(inner.right().saturating_sub(1)),
        inner.y,
    ));
    let lines: Vec<Line> = if !s.searching() {
        vec![Line::styled(
            t(view.lang, "search.hint").to_owned(),
            theme::dim(),
        )]
    } else if s.hits.is_empty() {
        vec![Line::styled(
            t(view.lang, "search.none").to_owned(),
            theme::dim(),
        )]
    } else {
        s.hits
            .iter()
            .enumerate()
            .skip(b.offset)
            .take(usize::from(b.rows.height))
            .map(|(i, hit)| row(hit, &s.needle, i == s.selected, view, inner.width.into()))
            .collect()
    };
    frame.render_widget(Paragraph::new(lines), b.rows);
}

/// One result on one line of `w` cells: name, number, what it is, and the text around
/// the words found (marked).
fn row(hit: &Hit, needle: &Needle, selected: bool, view: &View, w: usize) -> Line<'static> {
    let base = if selected {
        theme::selected()
    } else {
        theme::text()
    };
    let mark =
        base.add_modifier(ratatui::style::Modifier::BOLD | ratatui::style::Modifier::UNDERLINED);
    let name_w = NAME_W.min(w / 3);
    let mut spans = Vec::new();
    let name = format!("{} ", fit(&hit.name, name_w.saturating_sub(1)));
    spans.push(Span::styled(pad(&name, name_w), base));
    let what = match hit.kind {
        HitKind::Client => t(view.lang, "search.kind.client").to_owned(),
        HitKind::Note(_) => t(view.lang, "search.kind.note").to_owned(),
        HitKind::Agreement(_) => t(view.lang, "search.kind.agreement").to_owned(),
    };
    let on = hit.on.map(fmt_date).unwrap_or_default();
    let kind = format!("{} {what} {on} ", hit.number);
    let kind_w = KIND_W.min(w.saturating_sub(name_w));
    spans.push(Span::styled(pad(&fit(&kind, kind_w), kind_w), base));
    let room = w.saturating_sub(name_w + kind_w);
    let text = display::line(&hit.text);
    let text = text.trim();
    // The text from a little before the words found, the words marked.
    let (head, found, tail) = match needle.find_in(text) {
        Some((i, j)) => {
            let before = &text[..i];
            // At most 16 characters before them, from the start of a word.
            let lead: Vec<char> = before.chars().rev().take(16).collect();
            let mut lead: String = lead.into_iter().rev().collect();
            if lead.len() < before.len()
                && let Some(space) = lead.find(' ')
            {
                lead = lead[space + 1..].to_owned();
            }
            let ellipsis = if lead.len() < before.len() { "…" } else { "" };
            (
                format!("{ellipsis}{lead}"),
                text[i..j].to_owned(),
                text[j..].to_owned(),
            )
        }
        None => (text.to_owned(), String::new(), String::new()),
    };
    let mut left = room;
    for (part, style) in [(head, base), (found, mark), (tail, base)] {
        if left == 0 || part.is_empty() {
            continue;
        }
        let cut = fit(&part, left).into_owned();
        left = left.saturating_sub(width(&cut));
        spans.push(Span::styled(cut, style));
    }
    if selected && left > 0 {
        spans.push(Span::styled(" ".repeat(left), base));
    }
    Line::from(spans)
}
