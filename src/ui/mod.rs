//! Rendering: a pure function of the app state, one file per pane or popup. Whatever
//! a pane draws from data, the last step leaves out every character that would act on
//! the terminal or be drawn wider than laid out ([`crate::domain::display`]).

pub mod agenda;
pub mod file;
pub mod file_aftercare;
pub mod footer;
pub mod form;
pub mod header;
pub mod help;
pub mod layout;
pub mod list;
pub mod popup;
pub mod reports;
pub mod theme;

use crate::app::App;
use crate::app::action::Screen;
use crate::domain::display;
use crate::i18n::t;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Alignment;
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the whole app into the frame.
pub fn render(app: &App, frame: &mut Frame) {
    draw(app, frame);
    strip_hidden(frame.buffer_mut());
}

/// Leaves the hidden characters of [`display`] out of every cell: the one place where
/// the screen meets the terminal, so no pane, title, popup or form can forget it.
/// ratatui lays these characters out with no width of their own (control characters it
/// drops, format characters it appends to the cell before them), so the layout stays as
/// it was; a cell whose symbol would grow wider without them (a joined emoji sequence)
/// keeps what fits in the cells it was given.
fn strip_hidden(buf: &mut Buffer) {
    for cell in &mut buf.content {
        let symbol = cell.symbol();
        let std::borrow::Cow::Owned(clean) = display::strip(symbol) else {
            continue;
        };
        let room = display::width(symbol).max(1);
        let fits = display::fit_cells(&clean, room);
        cell.set_symbol(if fits.is_empty() { " " } else { fits });
    }
}

fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < layout::MIN_WIDTH || area.height < layout::MIN_HEIGHT {
        let msg = Paragraph::new(t(app.lang, "app.too_small"))
            .style(theme::warn())
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true });
        let h = area.height.min(2);
        frame.render_widget(msg, layout::centered(area, area.width, h));
        return;
    }
    let f = layout::frame(area);
    header::render(app, frame, f.header);
    match app.screen {
        _ if app.form.is_some() => {
            if let Some(fs) = &app.form {
                form::render(app, &fs.form, frame, f.body);
                if let Some(p) = &fs.picker {
                    popup::picker(app, fs.form.focused(), p, frame, f.body);
                }
            }
        }
        Screen::Caseload => {
            let (list_area, file_area) =
                layout::panes(f.body, app.focus == crate::app::Focus::File);
            let narrow = file_area.width == 0;
            if narrow && app.focus == crate::app::Focus::File {
                file::render(app, frame, list_area);
            } else {
                list::render(app, frame, list_area);
                if !narrow {
                    file::render(app, frame, file_area);
                }
            }
        }
        Screen::Agenda => agenda::render(app, frame, f.body),
        Screen::Reports => reports::render(app, frame, f.body),
    }
    footer::render(app, frame, f.status, f.hints);
    if app.help {
        help::render(app, frame, f.body);
    }
    if let Some(c) = &app.confirm {
        popup::confirm(app, c, frame, f.body);
    }
}

#[cfg(test)]
mod tests {
    use super::strip_hidden;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    #[test]
    fn hidden_characters_leave_every_cell_at_its_width() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        buf[(0, 0)].set_symbol("a\u{202e}");
        buf[(1, 0)].set_symbol("\u{200b}");
        // A joined emoji sequence was laid out two cells wide: without its joiner it
        // would take four, so it keeps what fits.
        buf[(2, 0)].set_symbol("👨\u{200d}👩");
        strip_hidden(&mut buf);
        let cells: Vec<&str> = buf.content.iter().map(|c| c.symbol()).collect();
        assert_eq!(cells, ["a", " ", "👨", " "]);
    }
}
