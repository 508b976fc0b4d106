//! Popups over the screen: the picker of a choice field and the confirmation question.

use super::View;
use super::theme;
use crate::app::action::{Action, Answer};
use crate::app::confirm::Confirm;
use crate::form::{Field, Picker};
use crate::i18n::t;
use crate::keymap::{self, Mode, key_label};
use crate::layout;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// Where a popup list stands: inside its border, the rows of its options, and the first
/// option shown.
pub(super) struct ListBox {
    pub(super) inner: Rect,
    pub(super) rows: Rect,
    pub(super) offset: usize,
}

/// The rows of a list under a line typed in and above `below` lines, inside `rect`'s
/// border, scrolled so that option `selected` shows; `None` when the border holds fewer
/// than `least` lines.
pub(super) fn list_box(rect: Rect, below: u16, least: u16, selected: usize) -> Option<ListBox> {
    let inner = Block::default().borders(Borders::ALL).inner(rect);
    if inner.height < least {
        return None;
    }
    let list_h = inner.height.saturating_sub(1 + below);
    let rows = Rect::new(inner.x, inner.y + 1, inner.width, list_h);
    let offset = selected.saturating_sub(usize::from(list_h).saturating_sub(1));
    Some(ListBox {
        inner,
        rows,
        offset,
    })
}

/// The border of a popup that has the keys, with its title.
pub(super) fn popup_block(title: &str) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme::focus_border(true))
        .title(Span::styled(format!(" {title} "), theme::title()))
}

/// The lines under a picker's options that explain the one under the cursor (when any
/// option has an explanation).
fn hint_height(field: &Field) -> u16 {
    if field.options().iter().any(|o| !o.hint.is_empty()) {
        3
    } else {
        0
    }
}

/// The picker of `field` over `area`: its box, and where its options are.
fn picker_box(field: &Field, p: &Picker, area: Rect) -> (Rect, Option<ListBox>) {
    let h = (field.options().len() as u16 + 4 + hint_height(field)).min(area.height);
    let rect = layout::centered(area, 64, h);
    (rect, list_box(rect, hint_height(field), 2, p.selected))
}

/// The option (an index into the picker's `visible`) at the cell `(x, y)` of the picker of
/// `field` over `area` (the mouse).
pub fn picker_row_at(field: &Field, p: &Picker, area: Rect, x: u16, y: u16) -> Option<usize> {
    let b = picker_box(field, p, area).1?;
    layout::row_at(b.rows, b.offset, p.visible.len(), x, y)
}

/// Draws the picker of `field`.
pub fn picker(field: &Field, p: &Picker, view: &View, frame: &mut Frame, area: Rect) {
    let opts = field.options();
    let hint_h = hint_height(field);
    let (rect, laid) = picker_box(field, p, area);
    frame.render_widget(Clear, rect);
    let block = popup_block(&field.label);
    frame.render_widget(block, rect);
    let Some(ListBox {
        inner,
        rows,
        offset,
        ..
    }) = laid
    else {
        return;
    };
    filter_row("/ ", &p.filter, frame, inner);
    let list_h = usize::from(rows.height);
    let chosen = field.value.multi();
    let current = field.value.choice();
    let lines: Vec<Line> = p
        .visible
        .iter()
        .enumerate()
        .skip(offset)
        .take(list_h)
        .map(|(pos, &i)| {
            let o = &opts[i];
            let mark = if p.multi {
                if chosen.contains(&o.code) {
                    "[x] "
                } else {
                    "[ ] "
                }
            } else if current == Some(o.code.as_str()) {
                "• "
            } else {
                "  "
            };
            let style = if pos == p.selected {
                theme::selected()
            } else {
                theme::text()
            };
            Line::styled(format!("{mark}{}", o.label), style)
        })
        .collect();
    let body = or_no_match(lines, view);
    frame.render_widget(Paragraph::new(body), rows);
    if hint_h > 0
        && let Some(o) = p.current(opts)
    {
        let r = Rect::new(
            inner.x,
            inner.y + inner.height - hint_h,
            inner.width,
            hint_h,
        );
        frame.render_widget(
            Paragraph::new(o.hint.clone())
                .style(theme::dim())
                .wrap(Wrap { trim: true }),
            r,
        );
    }
}

/// Draws the question and its answers.
pub fn confirm(c: &Confirm, view: &View, frame: &mut Frame, area: Rect) {
    let mut lines = vec![Line::raw(c.message.clone()), Line::raw("")];
    for ch in &c.choices {
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "  {:<7}",
                    keymap::key_for(Mode::Confirm, &Action::Answer(ch.answer))
                        .map(key_label)
                        .unwrap_or_default()
                ),
                theme::key(),
            ),
            Span::raw(ch.label.clone()),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled(
            format!(
                "  {:<7}",
                keymap::key_for(Mode::Confirm, &Action::Answer(Answer::Cancel))
                    .map_or_else(|| "Esc".to_owned(), key_label)
            ),
            theme::key(),
        ),
        Span::raw(t(view.lang, "key.cancel")),
    ]));
    let w = 64u16.min(area.width);
    let text_h = crate::domain::display::width(&c.message) as u16 / w.saturating_sub(4).max(1) + 1;
    let h = (text_h + c.choices.len() as u16 + 4).min(area.height);
    let rect = layout::centered(area, w, h);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::warn())
        .title(Span::styled(format!(" {} ", c.title), theme::title()));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
}

/// The palette over `area`: its box, and where its actions are.
fn palette_box(p: &crate::app::palette::Palette, area: Rect) -> (Rect, Option<ListBox>) {
    let h = (p.options.len() as u16 + 5).min(area.height).min(22);
    let w = 64u16.min(area.width);
    let rect = layout::centered(area, w, h);
    (rect, list_box(rect, 1, 3, p.picker.selected))
}

/// The action (an index into the palette's `visible`) at the cell `(x, y)` of the
/// palette over `area` (the mouse).
pub fn palette_row_at(
    p: &crate::app::palette::Palette,
    area: Rect,
    x: u16,
    y: u16,
) -> Option<usize> {
    let b = palette_box(p, area).1?;
    layout::row_at(b.rows, b.offset, p.picker.visible.len(), x, y)
}

/// Draws the command palette: what is typed, the actions ranked with their keys (those
/// that do not apply now greyed), and why the one under the cursor does not apply.
pub fn palette(p: &crate::app::palette::Palette, view: &View, frame: &mut Frame, area: Rect) {
    let (rect, laid) = palette_box(p, area);
    frame.render_widget(Clear, rect);
    let block = popup_block(t(view.lang, "palette.title"));
    frame.render_widget(block, rect);
    let Some(b) = laid else {
        return;
    };
    let (inner, offset) = (b.inner, b.offset);
    filter_row(": ", &p.picker.filter, frame, inner);
    let list_h = usize::from(b.rows.height);
    let key_w = 10usize;
    let label_w = (inner.width as usize).saturating_sub(key_w + 1);
    let lines: Vec<Line> = p
        .picker
        .visible
        .iter()
        .enumerate()
        .skip(offset)
        .take(list_h)
        .map(|(pos, &i)| {
            let o = &p.options[i];
            let style = match (pos == p.picker.selected, p.unavailable[i].is_some()) {
                (true, _) => theme::selected(),
                (false, true) => theme::disabled(),
                (false, false) => theme::text(),
            };
            let label = crate::domain::display::fit(&o.label, label_w);
            let pad = label_w.saturating_sub(crate::domain::display::width(&label));
            Line::from(vec![
                Span::styled(format!("{label}{} ", " ".repeat(pad)), style),
                Span::styled(o.hint.clone(), theme::key()),
            ])
        })
        .collect();
    let body = or_no_match(lines, view);
    frame.render_widget(Paragraph::new(body), b.rows);
    let why = p
        .picker
        .visible
        .get(p.picker.selected)
        .and_then(|&i| p.unavailable[i]);
    if let Some(why) = why {
        frame.render_widget(
            Paragraph::new(Line::styled(t(view.lang, why).to_owned(), theme::dim())),
            Rect::new(inner.x, inner.y + inner.height - 1, inner.width, 1),
        );
    }
}

/// The first row of a popup that is typed in: `prefix`, what is typed, and the cursor.
fn filter_row(prefix: &str, input: &tui_input::Input, frame: &mut Frame, inner: Rect) {
    let line = Line::from(vec![
        Span::styled(prefix.to_owned(), theme::key()),
        Span::raw(input.value().to_owned()),
    ]);
    frame.render_widget(
        Paragraph::new(line),
        Rect::new(inner.x, inner.y, inner.width, 1),
    );
    frame.set_cursor_position(Position::new(
        inner.x + prefix.chars().count() as u16 + input.visual_cursor() as u16,
        inner.y,
    ));
}

/// The rows of a popup list, or a line saying that nothing matches what was typed.
fn or_no_match(lines: Vec<Line<'static>>, view: &View) -> Vec<Line<'static>> {
    if lines.is_empty() {
        vec![Line::styled(
            t(view.lang, "form.no_match").to_owned(),
            theme::dim(),
        )]
    } else {
        lines
    }
}
