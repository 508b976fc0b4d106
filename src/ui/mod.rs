//! Rendering: a pure function of the app state, one file per pane or popup. Each pane gets
//! the slice of state it shows and a [`View`] (language, today, data files); rendering
//! returns what it measured ([`Drawn`]), which the loop hands back to the app.

pub mod agenda;
pub mod file;
pub mod file_aftercare;
pub mod footer;
pub mod form;
pub mod header;
pub mod help;
pub mod list;
pub mod popup;
pub mod reports;
pub mod theme;

use crate::app::action::Screen;
use crate::app::layer::{Layer, Target};
use crate::app::screens::caseload::Focus;
use crate::app::{Drawn, State};
use crate::assets::Assets;
use crate::i18n::{Lang, t};
use crate::layout;
use chrono::NaiveDate;
use ratatui::Frame;
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
    let area = frame.area();
    let view = View {
        lang: state.lang,
        today: state.today,
        assets: &state.assets,
    };
    let mut drawn = Drawn::default();
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
            Layer::Typing(_) => {}
        }
    }
    footer::render(state, frame, f.status, f.hints);
    drawn
}
