//! Rendering: a pure function of the app state, one file per pane or popup. Each pane gets
//! the slice of state it shows and a [`View`] (language, today, data files); rendering
//! returns what it measured ([`Drawn`]), which the loop hands back to the app. Whatever a
//! pane draws from data, the last step leaves out every character that would act on the
//! terminal or be drawn wider than laid out ([`crate::domain::display`]).

pub mod agenda;
pub mod file;
pub mod file_aftercare;
mod file_plan;
pub mod footer;
pub mod form;
pub mod form_notes;
mod hang;
pub mod header;
pub mod help;
pub mod history;
pub mod hit;
pub mod list;
pub mod popup;
pub mod reports;
pub mod search;
pub mod theme;
pub mod vault;

use crate::app::action::Screen;
use crate::app::layer::{Layer, Target};
use crate::app::screens::caseload::Focus;
use crate::app::{Drawn, State};
use crate::assets::Assets;
use crate::domain::display;
use crate::i18n::{Lang, t};
use crate::layout;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Alignment;
use ratatui::widgets::{Paragraph, Wrap};

/// What every pane may need besides its own state.
pub struct View<'a> {
    pub lang: Lang,
    pub today: NaiveDate,
    pub assets: &'a Assets,
}

/// Draws the whole app into the frame; returns what it measured.
pub fn render(state: &State, frame: &mut Frame) -> Drawn {
    let drawn = draw(state, frame);
    strip_hidden(frame.buffer_mut());
    drawn
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

fn draw(state: &State, frame: &mut Frame) -> Drawn {
    let area = frame.area();
    let view = View {
        lang: state.lang,
        today: state.today,
        assets: &state.assets,
    };
    let mut drawn = Drawn::default();
    // Locked: nothing of the caseload is drawn, only the prompt.
    if let Some(prompt) = &state.locked {
        vault::render(prompt, state.lang, std::time::Instant::now(), frame);
        return drawn;
    }
    if area.width < layout::MIN_WIDTH || area.height < layout::MIN_HEIGHT {
        let msg = Paragraph::new(t(state.lang, "app.too_small"))
            .style(theme::warn())
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true });
        let h = area.height.min(2);
        frame.render_widget(msg, layout::centered(area, area.width, h));
        return drawn;
    }
    let f = layout::frame(area);
    header::render(state, frame, f.header);
    let help = state.help().is_some();
    // A form takes the place of the screen.
    let under_form = state.form().is_some();
    match state.screen {
        _ if under_form => {}
        Screen::Caseload => {
            let c = &state.caseload;
            let file_focused = c.focus == Focus::File;
            let (list_area, file_area) = layout::panes(f.body, file_focused);
            let narrow = file_area.width == 0;
            let typing = state.typing(Target::CaseloadFilter);
            if narrow && file_focused {
                drawn = file::render(c, !help, &view, frame, list_area);
            } else {
                list::render(c, !file_focused && !help, typing, &view, frame, list_area);
                if !narrow {
                    drawn = file::render(c, file_focused && !help, &view, frame, file_area);
                }
            }
        }
        Screen::Agenda => {
            let typing = state.typing(Target::AgendaFilter);
            agenda::render(&state.agenda, typing, &view, frame, f.body);
        }
        Screen::Reports => {
            let typing = state.typing(Target::Period);
            reports::render(&state.reports, typing, &view, frame, f.body);
        }
    }
    let questioned = matches!(state.layers.last(), Some(Layer::Confirm(_)));
    for (i, layer) in state.layers.iter().enumerate() {
        match layer {
            Layer::Form(fl) => {
                let on_top = i + 1 == state.layers.len();
                form::render(&fl.form, on_top || !questioned, &view, frame, f.body);
            }
            Layer::Picker(p) => {
                if let Some(fl) = state.form() {
                    popup::picker(fl.form.focused(), p, &view, frame, f.body);
                }
            }
            Layer::Confirm(c) => popup::confirm(c, &view, frame, f.body),
            Layer::Help { scroll } => {
                drawn.help_overflow = help::render(state, *scroll, frame, f.body);
            }
            Layer::History(view) => {
                drawn.help_overflow = history::render(view, state.lang, frame, f.body);
            }
            Layer::Typing(_) => {}
            Layer::Palette(p) => popup::palette(p, &view, frame, f.body),
            Layer::Search(s) => search::render(s, &view, frame, f.body),
            Layer::Summary(s) => {
                drawn.help_overflow = history::summary(s, state.lang, frame, f.body);
            }
        }
    }
    footer::render(state, frame, f.status, f.hints);
    drawn
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
