//! The `?` overlay: every key of the current mode, grouped, generated from the keymap.

use super::{layout, theme};
use crate::app::App;
use crate::i18n::t;
use crate::keymap::{self, Mode, key_label};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// A help group: its title key, and per description the keys bound to it.
type Group = (&'static str, Vec<(&'static str, Vec<String>)>);

/// The help lines for a mode: per group, each description with all its keys.
pub fn lines(app: &App, mode: Mode) -> Vec<Line<'static>> {
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
        match entries.iter_mut().find(|(d, _)| *d == b.desc) {
            Some((_, keys)) => keys.push(key_label(b.key)),
            None => entries.push((b.desc, vec![key_label(b.key)])),
        }
    }
    let mut out = Vec::new();
    for (group, entries) in groups {
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(t(app.lang, group).to_owned(), theme::title()));
        for (desc, keys) in entries {
            out.push(Line::from(vec![
                Span::styled(format!("  {:<16}", keys.join(" ")), theme::key()),
                Span::raw(t(app.lang, desc).to_owned()),
            ]));
        }
    }
    out
}

/// The mode whose keys the overlay lists: the screen (or pane) under it.
fn under(app: &App) -> Mode {
    use crate::app::action::Screen;
    match app.screen {
        Screen::Agenda => Mode::Agenda,
        Screen::Reports => Mode::Reports,
        Screen::Caseload if app.focus == crate::app::Focus::File => Mode::File,
        Screen::Caseload => Mode::List,
    }
}

/// The overlay inside the body `area`, and how many of its lines fit.
fn popup_area(area: Rect, lines: usize) -> (Rect, usize) {
    let h = (lines as u16).saturating_add(2).min(area.height);
    (
        layout::centered(area, 60, h),
        usize::from(h.saturating_sub(2)),
    )
}

/// How many lines of the overlay do not fit in the terminal now (how far it scrolls).
pub fn overflow(app: &App) -> usize {
    let body = layout::frame(Rect::new(0, 0, app.size.0, app.size.1)).body;
    let n = lines(app, under(app)).len();
    n.saturating_sub(popup_area(body, n).1)
}

/// Draws the overlay for the mode under it, scrolled to `help_scroll`; the bottom border
/// says when more lines follow.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let body = lines(app, under(app));
    let (popup, fits) = popup_area(area, body.len());
    let more = body.len() > fits + usize::from(app.help_scroll);
    frame.render_widget(Clear, popup);
    let bottom = if more {
        format!(
            " {} · {} ",
            t(app.lang, "help.more"),
            t(app.lang, "help.close")
        )
    } else {
        format!(" {} ", t(app.lang, "help.close"))
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::focus_border(true))
        .title(Span::styled(
            format!(" {} ", t(app.lang, "help.title")),
            theme::title(),
        ))
        .title_bottom(Span::styled(bottom, theme::dim()));
    frame.render_widget(
        Paragraph::new(body)
            .block(block)
            .scroll((app.help_scroll, 0)),
        popup,
    );
}
