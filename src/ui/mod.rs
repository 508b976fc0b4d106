//! Rendering: a pure function of the app state, one file per pane or popup.

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
use crate::i18n::t;
use ratatui::Frame;
use ratatui::layout::Alignment;
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the whole app into the frame.
pub fn render(app: &App, frame: &mut Frame) {
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
