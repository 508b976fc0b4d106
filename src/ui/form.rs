//! A form on screen: the steps as tabs, the fields of the current step with their values,
//! notes beside them and errors under them; the focused field keeps the cursor.

use super::theme;
use crate::app::App;
use crate::form::{Form, Kind, Value};
use crate::i18n::{Lang, t};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

const LABEL: u16 = 32;

/// One field's lines on screen.
struct Slot {
    index: usize,
    height: u16,
}

/// Lines an error takes in a value column of width `w` (errors wrap, never cut).
fn error_lines(form: &Form, i: usize, w: u16) -> u16 {
    form.shown_error(i).map_or(0, |e| {
        let chars = e.chars().count() as u16 + 2;
        chars.div_ceil(w.max(10))
    })
}

fn field_height(form: &Form, i: usize, focused: bool, value_w: u16) -> u16 {
    let f = &form.fields[i];
    if f.kind == Kind::Info {
        return f
            .note
            .as_ref()
            .map_or(1, |n| n.lines().count().max(1) as u16);
    }
    let body = match &f.value {
        Value::Notes(t) => {
            let lines = t.lines().len() as u16;
            if focused {
                lines.clamp(3, 8)
            } else {
                lines.clamp(1, 3)
            }
        }
        _ => 1,
    };
    body + error_lines(form, i, value_w)
}

/// The width of the value column in a form of `width` cells.
fn value_width(width: u16) -> u16 {
    width.saturating_sub(LABEL.min(width / 2) + 1)
}

/// Draws the form into `area`.
pub fn render(app: &App, form: &Form, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
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
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::focus_border(true))
        .title(Span::styled(format!(" {} ", form.title), theme::title()))
        .title(Line::from(tabs).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width < 10 {
        return;
    }
    let slots: Vec<Slot> = form
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.visible && f.step == step)
        .map(|(i, _)| Slot {
            index: i,
            height: field_height(form, i, i == form.focus, value_width(inner.width)),
        })
        .collect();
    // Scroll so the focused field is on screen, with a little context below it.
    let mut top = 0u16;
    let mut focus_end = 0u16;
    for s in &slots {
        if s.index == form.focus {
            focus_end = top + s.height;
            break;
        }
        top += s.height;
    }
    let offset = (focus_end + 2).saturating_sub(inner.height);
    let mut y: i32 = -i32::from(offset);
    for s in &slots {
        let h = s.height;
        if y + i32::from(h) > 0 && y < i32::from(inner.height) && y >= 0 {
            let rect = Rect::new(
                inner.x,
                inner.y + y as u16,
                inner.width,
                h.min(inner.height - y as u16),
            );
            draw_field(app, form, s.index, frame, rect, lang);
        }
        y += i32::from(h);
    }
}

fn draw_field(app: &App, form: &Form, i: usize, frame: &mut Frame, rect: Rect, lang: Lang) {
    let f = &form.fields[i];
    let focused = i == form.focus && app.confirm.is_none();
    let marker = if focused { "›" } else { " " };
    let star = if f.required { " *" } else { "" };
    let label_style = if focused {
        theme::title()
    } else {
        theme::label()
    };
    let label = format!("{marker}{}{star}", f.label);
    let label_w = LABEL.min(rect.width / 2);
    frame.render_widget(
        Paragraph::new(Span::styled(
            truncate(&label, label_w as usize),
            label_style,
        )),
        Rect::new(rect.x, rect.y, label_w, 1),
    );
    let vx = rect.x + label_w + 1;
    let vw = rect.width.saturating_sub(label_w + 1);
    let error_h = error_lines(form, i, rect.width.saturating_sub(label_w + 1));
    let value_h = rect.height.saturating_sub(error_h).max(1);
    let value_rect = Rect::new(vx, rect.y, vw, value_h);
    if f.kind == Kind::Info {
        let lines: Vec<Line> = f
            .note
            .as_deref()
            .unwrap_or("")
            .lines()
            .map(|l| Line::raw(l.to_owned()))
            .collect();
        frame.render_widget(Paragraph::new(lines), value_rect);
        return;
    }
    match &f.value {
        Value::Notes(area) if focused => frame.render_widget(&**area, value_rect),
        Value::Line(input) => {
            let text = input.value();
            let scroll = input.visual_scroll(vw.saturating_sub(1) as usize);
            let mut spans = if text.is_empty() && !f.placeholder.is_empty() && focused {
                vec![Span::styled(f.placeholder.clone(), theme::dim())]
            } else {
                vec![Span::raw(text.chars().skip(scroll).collect::<String>())]
            };
            if let Some(done) = f.completion().filter(|_| focused) {
                let rest: String = done.chars().skip(text.chars().count()).collect();
                spans.push(Span::styled(format!("{rest}  (→)"), theme::dim()));
            }
            if let Some(note) = &f.note {
                spans.push(Span::styled(format!("   {note}"), theme::dim()));
            }
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
                (Kind::Notes, false) => {
                    let lines: Vec<Line> = shown
                        .lines()
                        .take(value_h as usize)
                        .map(|l| Line::raw(l.to_owned()))
                        .collect();
                    frame.render_widget(Paragraph::new(lines), value_rect);
                    return draw_error(form, i, frame, rect, vx, vw);
                }
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
            frame.render_widget(Paragraph::new(Line::from(spans)), value_rect);
        }
    }
    draw_error(form, i, frame, rect, vx, vw);
}

fn draw_error(form: &Form, i: usize, frame: &mut Frame, rect: Rect, vx: u16, vw: u16) {
    let h = error_lines(form, i, vw);
    if let Some(e) = form.shown_error(i)
        && h > 0
        && rect.height > h
    {
        let r = Rect::new(vx, rect.y + rect.height - h, vw, h);
        let p = Paragraph::new(Span::styled(format!("↳ {e}"), theme::error()))
            .wrap(Wrap { trim: true });
        frame.render_widget(p, r);
    }
}

fn truncate(s: &str, w: usize) -> String {
    if s.chars().count() <= w {
        s.to_owned()
    } else {
        s.chars().take(w.saturating_sub(1)).chain(['…']).collect()
    }
}
