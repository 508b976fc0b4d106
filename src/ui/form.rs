//! A form on screen: the steps as tabs, the fields of the current step with their values,
//! notes beside them and errors under them; the focused field keeps the cursor. Labels wrap
//! at words; a value cut at the edge ends in `…`; notes fields are drawn by
//! [`super::form_notes`].

use super::View;
use super::form_notes;
use super::theme;
use crate::domain::{display, wrap};
use crate::form::{Form, Kind, Value};
use crate::i18n::{Lang, t, tf};
use crate::layout::{form_label_width as label_width, form_value_width as value_width};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use std::borrow::Cow;

/// One field's lines on screen.
struct Slot {
    index: usize,
    height: u16,
}

/// The message under a field: that the last key or paste did not fit, else its error.
fn message(form: &Form, i: usize, lang: Lang) -> Option<Cow<'_, str>> {
    let f = &form.fields[i];
    if f.cut && f.visible {
        return Some(Cow::Owned(tf(lang, "form.too_long", &[("max", &f.max)])));
    }
    form.shown_error(i).map(Cow::Borrowed)
}

/// Lines the message takes in a value column of width `w` (messages wrap, never cut).
fn error_lines(form: &Form, i: usize, w: u16, lang: Lang) -> u16 {
    message(form, i, lang).map_or(0, |e| {
        let cells = display::width(&e) as u16 + 2;
        cells.div_ceil(w.max(10))
    })
}

/// A field's label with its required mark, wrapped at word boundaries into the label
/// column of `width` cells (a long checklist item is read whole, never cut). Each line
/// leaves the first cell free for the focus marker; an indented label stays indented.
fn label_lines(form: &Form, i: usize, width: u16) -> Vec<String> {
    let f = &form.fields[i];
    let star = if f.required { " *" } else { "" };
    let text = f.label.trim_start();
    let indent = " ".repeat(f.label.len() - text.len());
    let w = usize::from(width.max(2) - 1).saturating_sub(indent.len());
    wrap::words(&format!("{text}{star}"), w.max(1))
        .into_iter()
        .map(|l| format!("{indent}{l}"))
        .collect()
}

/// The rows of a field in a form whose inside is `width` × `room` cells.
fn field_height(form: &Form, i: usize, focused: bool, width: u16, room: u16, lang: Lang) -> u16 {
    let label = label_lines(form, i, label_width(width)).len() as u16;
    value_height(form, i, focused, value_width(width), room, lang).max(label)
}

/// The rows of a field's value and its message, in a value column `value_w` wide of a form
/// `room` rows high inside (a focused notes field leaves two of them for the context).
fn value_height(form: &Form, i: usize, focused: bool, value_w: u16, room: u16, lang: Lang) -> u16 {
    let f = &form.fields[i];
    if f.kind == Kind::Info {
        return f
            .note
            .as_ref()
            .map_or(1, |n| n.lines().count().max(1) as u16);
    }
    let error = error_lines(form, i, value_w, lang);
    let body = match &f.value {
        Value::Notes(_) => {
            let room = room.saturating_sub(2 + error);
            form_notes::height(f, focused, value_w, room)
        }
        _ => 1,
    };
    body + error
}

/// Spans cut to `w` cells, ending in `…` where something was cut (in the style of the span
/// cut).
fn fit_spans<'a>(spans: Vec<Span<'a>>, w: usize) -> Vec<Span<'a>> {
    let total: usize = spans.iter().map(|s| display::width(&s.content)).sum();
    if total <= w {
        return spans;
    }
    let mut room = w.saturating_sub(1);
    let mut out = Vec::new();
    for s in spans {
        let cells = display::width(&s.content);
        if cells <= room {
            room -= cells;
            out.push(s);
            continue;
        }
        let head = display::fit_cells(&s.content, room);
        out.push(Span::styled(format!("{head}…"), s.style));
        break;
    }
    out
}

/// Draws the form into `area`.
pub fn render(form: &Form, has_keys: bool, view: &View, frame: &mut Frame, area: Rect) {
    let lang = view.lang;
    let step = form.step();
    let mut tabs: Vec<Span> = Vec::new();
    if form.steps.len() > 1 {
        for (i, s) in form.steps.iter().enumerate() {
            let style = if i == step {
                theme::selected()
            } else {
                theme::dim()
            };
            tabs.push(Span::styled(format!(" {} {} ", i + 1, s), style));
            tabs.push(Span::raw(" "));
        }
    }
    // The title and the step tabs share the top border: when both do not fit, the tabs
    // name the current step alone ("2/3 Checklist"), and the title is cut with `…`.
    let room = usize::from(area.width.saturating_sub(2));
    let title_w = display::width(&form.title) + 2;
    let mut tabs_w: usize = tabs.iter().map(Span::width).sum();
    if title_w + tabs_w > room && form.steps.len() > 1 {
        let now = format!(" {}/{} {} ", step + 1, form.steps.len(), form.steps[step]);
        tabs = vec![Span::styled(now, theme::selected()), Span::raw(" ")];
        tabs_w = tabs.iter().map(Span::width).sum();
    }
    let title = display::fit(&form.title, room.saturating_sub(tabs_w + 2));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::focus_border(true))
        .title(Span::styled(format!(" {title} "), theme::title()))
        .title(Line::from(tabs).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    for (i, rect) in field_rects(form, inner, lang) {
        draw_field(has_keys, form, i, frame, rect, inner.height, lang);
    }
}

/// Where each field of the current step shown is drawn inside the form's border `inner`:
/// scrolled so that the focused field is on screen, with a little context below it.
fn field_rects(form: &Form, inner: Rect, lang: Lang) -> Vec<(usize, Rect)> {
    if inner.height == 0 || inner.width < 10 {
        return Vec::new();
    }
    let step = form.step();
    let slots: Vec<Slot> = form
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.visible && f.step == step)
        .map(|(i, _)| Slot {
            index: i,
            height: field_height(form, i, i == form.focus, inner.width, inner.height, lang),
        })
        .collect();
    // Scroll so the focused field is on screen, with a little context below it; a field
    // higher than the form shows from its top.
    let mut top = 0u16;
    let mut focus_end = 0u16;
    for s in &slots {
        if s.index == form.focus {
            focus_end = top + s.height;
            break;
        }
        top += s.height;
    }
    let offset = (focus_end + 2).saturating_sub(inner.height).min(top);
    let mut y: i32 = -i32::from(offset);
    let mut rects = Vec::with_capacity(slots.len());
    for s in &slots {
        let h = s.height;
        if y + i32::from(h) > 0 && y < i32::from(inner.height) && y >= 0 {
            let rect = Rect::new(
                inner.x,
                inner.y + y as u16,
                inner.width,
                h.min(inner.height - y as u16),
            );
            rects.push((s.index, rect));
        }
        y += i32::from(h);
    }
    rects
}

/// The field at the cell `(x, y)` of a form drawn in `area` as [`render`] draws it (the
/// mouse).
pub fn field_at(form: &Form, lang: Lang, area: Rect, x: u16, y: u16) -> Option<usize> {
    let inner = Block::default().borders(Borders::ALL).inner(area);
    field_rects(form, inner, lang)
        .into_iter()
        .find(|(_, r)| r.contains(Position::new(x, y)))
        .map(|(i, _)| i)
}

/// Draws field `i` into `rect`, in a form `room` rows high inside.
fn draw_field(
    has_keys: bool,
    form: &Form,
    i: usize,
    frame: &mut Frame,
    rect: Rect,
    room: u16,
    lang: Lang,
) {
    let f = &form.fields[i];
    let focused = i == form.focus && has_keys;
    let marker = if focused { "›" } else { " " };
    let label_style = if focused {
        theme::title()
    } else {
        theme::label()
    };
    let label_w = label_width(rect.width);
    let label: Vec<Line> = label_lines(form, i, label_w)
        .into_iter()
        .enumerate()
        .map(|(n, l)| {
            let lead = if n == 0 { marker } else { " " };
            Line::styled(format!("{lead}{l}"), label_style)
        })
        .collect();
    frame.render_widget(
        Paragraph::new(label),
        Rect::new(rect.x, rect.y, label_w, rect.height),
    );
    let vx = rect.x + label_w + 1;
    let vw = rect.width.saturating_sub(label_w + 1);
    let error_h = error_lines(form, i, vw, lang);
    let value_h = value_height(form, i, focused, vw, room, lang)
        .saturating_sub(error_h)
        .min(rect.height.saturating_sub(error_h))
        .max(1);
    let value_rect = Rect::new(vx, rect.y, vw, value_h);
    if f.kind == Kind::Info {
        let lines: Vec<Line> = f
            .note
            .as_deref()
            .unwrap_or("")
            .lines()
            .map(|l| Line::raw(display::fit(l, usize::from(vw)).into_owned()))
            .collect();
        frame.render_widget(Paragraph::new(lines), value_rect);
        return;
    }
    match &f.value {
        Value::Notes(_) if focused || !f.value.text().is_empty() => {
            form_notes::draw(f, focused, frame, value_rect);
        }
        Value::Line(input) => {
            let text = input.value();
            // Scrolled sideways to the cursor while typing; from its start otherwise.
            let scroll = if focused {
                input.visual_scroll(vw.saturating_sub(1) as usize)
            } else {
                0
            };
            let mut spans = if text.is_empty() && !f.placeholder.is_empty() && focused {
                vec![Span::styled(f.placeholder.clone(), theme::dim())]
            } else {
                vec![Span::raw(display::skip_width(text, scroll))]
            };
            if let Some(done) = f.completion().filter(|_| focused) {
                let rest: String = done.chars().skip(text.chars().count()).collect();
                spans.push(Span::styled(format!("{rest}  (→)"), theme::dim()));
            }
            if let Some(note) = &f.note {
                spans.push(Span::styled(format!("   {note}"), theme::dim()));
            }
            let spans = fit_spans(spans, usize::from(vw));
            frame.render_widget(Paragraph::new(Line::from(spans)), value_rect);
            if focused {
                let x = (input.visual_cursor().saturating_sub(scroll)) as u16;
                frame.set_cursor_position(Position::new(vx + x.min(vw.saturating_sub(1)), rect.y));
            }
        }
        _ => {
            let shown = f.shown(t(lang, "form.yes"), t(lang, "form.no"));
            let mut spans = vec![];
            match (&f.kind, shown.is_empty()) {
                (Kind::Choice(_) | Kind::Multi(_), true) if focused => {
                    spans.push(Span::styled(
                        t(lang, "form.pick_hint").to_owned(),
                        theme::dim(),
                    ));
                }
                (Kind::YesNo, true) if focused => spans.push(Span::styled(
                    t(lang, "form.yes_no_hint").to_owned(),
                    theme::dim(),
                )),
                (_, true) => {}
                _ => spans.push(Span::styled(
                    shown,
                    if focused {
                        theme::selected()
                    } else {
                        theme::text()
                    },
                )),
            }
            if let Some(note) = &f.note {
                spans.push(Span::styled(format!("   {note}"), theme::dim()));
            }
            let spans = fit_spans(spans, usize::from(vw));
            frame.render_widget(Paragraph::new(Line::from(spans)), value_rect);
        }
    }
    draw_error(form, i, frame, rect, value_rect, lang);
}

/// The message under the value of a field drawn in `rect`, when it fits.
fn draw_error(form: &Form, i: usize, frame: &mut Frame, rect: Rect, value: Rect, lang: Lang) {
    let h = error_lines(form, i, value.width, lang);
    if let Some(e) = message(form, i, lang)
        && h > 0
        && value.bottom() + h <= rect.bottom()
    {
        let r = Rect::new(value.x, value.bottom(), value.width, h);
        let p = Paragraph::new(Span::styled(format!("↳ {e}"), theme::error()))
            .wrap(Wrap { trim: true });
        frame.render_widget(p, r);
    }
}

#[cfg(test)]
mod tests {
    use super::fit_spans;
    use ratatui::text::Span;

    #[test]
    fn a_value_cut_at_the_edge_ends_in_an_ellipsis() {
        let text = |spans: Vec<Span<'static>>| -> String {
            spans.iter().map(|s| s.content.as_ref()).collect()
        };
        let spans = || vec![Span::raw("Werk en inkomen"), Span::raw("   (note)")];
        assert_eq!(text(fit_spans(spans(), 40)), "Werk en inkomen   (note)");
        assert_eq!(text(fit_spans(spans(), 10)), "Werk en i…");
        assert_eq!(text(fit_spans(spans(), 16)), "Werk en inkomen…");
        assert_eq!(text(fit_spans(vec![Span::raw("中文字")], 4)), "中…");
    }
}
