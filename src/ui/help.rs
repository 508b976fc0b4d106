//! The `?` overlay: every key of the current mode, grouped, generated from the keymap.

use super::theme;
use crate::app::State;
use crate::app::commands::availability;
use crate::i18n::t;
use crate::keymap::{self, Mode, key_label};
use crate::layout;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// A help group: its title key, and per description the keys bound to it and why the
/// command does not apply now (when it does not).
type Group = (
    &'static str,
    Vec<(&'static str, Vec<String>, Option<&'static str>)>,
);

/// The help lines for a mode: per group, each description with all its keys.
pub fn lines(state: &State, mode: Mode) -> Vec<Line<'static>> {
    let mut groups: Vec<Group> = Vec::new();
    for b in keymap::bindings(mode) {
        let gi = match groups.iter().position(|(g, _)| *g == b.group) {
            Some(i) => i,
            None => {
                groups.push((b.group, Vec::new()));
                groups.len() - 1
            }
        };
        let entries = &mut groups[gi].1;
        let desc = super::footer::desc(state, b);
        match entries.iter_mut().find(|(d, _, _)| *d == desc) {
            Some((_, keys, _)) => keys.push(key_label(b.key)),
            None => {
                let why = (state
                    .layers
                    .iter()
                    .all(|l| matches!(l, crate::app::layer::Layer::Help { .. })))
                .then(|| availability(state, &b.action).err())
                .flatten();
                entries.push((desc, vec![key_label(b.key)], why));
            }
        }
    }
    let mut out = Vec::new();
    for (group, entries) in groups {
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(
            t(state.lang, group).to_owned(),
            theme::title(),
        ));
        for (desc, keys, why) in entries {
            let mut spans = vec![
                Span::styled(format!("  {:<16}", keys.join(" ")), theme::key()),
                Span::raw(t(state.lang, desc).to_owned()),
            ];
            if let Some(why) = why {
                spans[0].style = theme::disabled();
                spans[1].style = theme::disabled();
                spans.push(Span::styled(
                    format!("  ({})", t(state.lang, why)),
                    theme::dim(),
                ));
            }
            out.push(Line::from(spans));
        }
    }
    out
}

/// The mode whose keys the overlay lists: the layer under it, else the screen (or pane).
fn under(state: &State) -> Mode {
    let below = state
        .layers
        .iter()
        .rev()
        .find(|l| !matches!(l, crate::app::layer::Layer::Help { .. }));
    match below {
        Some(l) => l.mode(),
        None => state.screen_mode(),
    }
}

/// What the mouse does, after the keys (while the app takes the mouse).
fn mouse_lines(lang: crate::i18n::Lang) -> Vec<Line<'static>> {
    let mut out = vec![
        Line::raw(""),
        Line::styled(t(lang, "help.mouse").to_owned(), theme::title()),
    ];
    for (key, desc) in [
        ("help.mouse_click_key", "help.mouse_click"),
        ("help.mouse_again_key", "help.mouse_again"),
        ("help.mouse_wheel_key", "help.mouse_wheel"),
    ] {
        out.push(Line::from(vec![
            Span::styled(format!("  {:<16}", t(lang, key)), theme::key()),
            Span::raw(t(lang, desc).to_owned()),
        ]));
    }
    out
}

/// The overlay inside the body `area`, and how many of its lines fit.
/// How wide the help and history popups are, at most.
pub(super) const POPUP_WIDTH: u16 = 60;

fn popup_area(area: Rect, width: u16, lines: usize) -> (Rect, usize) {
    let h = (lines as u16).saturating_add(2).min(area.height);
    (
        layout::centered(area, width, h),
        usize::from(h.saturating_sub(2)),
    )
}

/// Draws the overlay for the mode under it, scrolled to `scroll`; the bottom border says
/// when more lines follow. Returns how many lines do not fit (how far it scrolls).
pub fn render(state: &State, scroll: u16, frame: &mut Frame, area: Rect) -> usize {
    let mut body = lines(state, under(state));
    let lang = state.lang;
    if state.mouse {
        body.extend(mouse_lines(lang));
    }
    let title = t(lang, "help.title");
    let words = (t(lang, "help.more"), t(lang, "help.close"));
    scrolled(title, body, scroll, words, POPUP_WIDTH, frame, area)
}

/// A popup of `body` lines over `area`, scrolled to `scroll`, its bottom border saying how
/// to close it and (`words`: more, close) when more lines follow. Returns how many lines do
/// not fit (how far it scrolls).
pub(super) fn scrolled(
    title: &str,
    body: Vec<Line<'static>>,
    scroll: u16,
    words: (&str, &str),
    width: u16,
    frame: &mut Frame,
    area: Rect,
) -> usize {
    let (popup, fits) = popup_area(area, width, body.len());
    let overflow = body.len().saturating_sub(fits);
    let more = body.len() > fits + usize::from(scroll);
    frame.render_widget(Clear, popup);
    let (more_words, close) = words;
    let bottom = if more {
        format!(" {more_words} · {close} ")
    } else {
        format!(" {close} ")
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::focus_border(true))
        .title(Span::styled(format!(" {title} "), theme::title()))
        .title_bottom(Span::styled(bottom, theme::dim()));
    frame.render_widget(Paragraph::new(body).block(block).scroll((scroll, 0)), popup);
    overflow
}
