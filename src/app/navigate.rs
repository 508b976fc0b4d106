//! Moving through what is on screen: the cursor and scrolling of every list and pane, and
//! the filters (the list's, the agenda's, the report's typed period) as keys reach them.

use super::action::Screen;
use super::{App, Focus};
use crate::keymap::Mode;
use ratatui::crossterm::event::{Event, KeyEvent};
use tui_input::backend::crossterm::EventHandler;

impl App {
    /// Moves the cursor of what has the keys (the help, the report, the agenda, the file,
    /// the list) by `delta` rows, within its length.
    pub(super) fn move_cursor(&mut self, delta: isize) {
        if self.help {
            let max = crate::ui::help::overflow(self);
            let at = (self.help_scroll as isize)
                .saturating_add(delta)
                .clamp(0, max as isize);
            self.help_scroll = at as u16;
            return;
        }
        if self.screen == Screen::Reports {
            return self.scroll_report(delta);
        }
        if self.screen == Screen::Agenda {
            let height = self.list_height();
            self.agenda.move_by(delta, height);
            return;
        }
        if self.focus == Focus::File && self.mode() == Mode::File {
            // Within the file: its last line stays on screen.
            let max = crate::ui::file::overflow(self) as isize;
            let at = (self.file_scroll as isize)
                .saturating_add(delta)
                .clamp(0, max);
            self.file_scroll = at as u16;
            return;
        }
        let before = self.caseload.selected;
        let height = self.list_height();
        self.caseload.move_by(delta, height);
        if self.caseload.selected != before {
            self.load_file();
        }
    }

    /// Re-applies the list's filter, keeping the client under the cursor when visible.
    pub(super) fn refilter(&mut self) {
        self.caseload.apply_filter(self.lang);
        let height = self.list_height();
        self.caseload.scroll_into_view(height);
        self.load_file();
    }

    /// `/`: the keys go to the filter of the screen (on Reports: the typed period).
    pub(super) fn start_filter(&mut self) {
        if self.screen == Screen::Reports {
            self.reports.typing = true;
        } else if self.screen == Screen::Agenda {
            self.agenda.filtering = true;
        } else {
            self.caseload.filtering = true;
            self.focus = Focus::List;
        }
    }

    /// Enter in a filter: keep it and give the keys back (on Reports: show the period).
    pub(super) fn accept_filter(&mut self) {
        if self.reports.typing {
            return self.apply_typed_period();
        }
        self.caseload.filtering = false;
        self.agenda.filtering = false;
    }

    /// Esc in a filter (or on a list): clear it; the cursor stays on its row.
    pub(super) fn clear_filter(&mut self) {
        if self.reports.typing {
            self.reports.typing = false;
            self.reports.input.reset();
        } else if self.screen == Screen::Agenda {
            self.agenda.filtering = false;
            self.agenda.filter.reset();
            self.filter_agenda();
        } else {
            self.caseload.filtering = false;
            self.caseload.filter.reset();
            self.refilter();
        }
    }

    /// A key typed into the filter that has the keys; a changed filter shows its first match.
    /// Pastes text into the filter being typed (or the Reports period) in one go.
    pub(super) fn paste_into_filter(&mut self, text: &str) {
        use crate::form::paste::{FILTER_MAX, into_input};
        if self.reports.typing {
            into_input(&mut self.reports.input, text, FILTER_MAX);
        } else if self.screen == Screen::Agenda && self.agenda.filtering {
            if into_input(&mut self.agenda.filter, text, FILTER_MAX).changed {
                self.filter_agenda();
                self.agenda.to_top();
            }
        } else if self.caseload.filtering
            && into_input(&mut self.caseload.filter, text, FILTER_MAX).changed
        {
            self.caseload.apply_filter(self.lang);
            self.caseload.to_top();
            self.load_file();
        }
    }

    pub(super) fn type_into_filter(&mut self, key: KeyEvent) {
        if self.reports.typing {
            self.reports.input.handle_event(&Event::Key(key));
        } else if self.screen == Screen::Agenda && self.agenda.filtering {
            if self.agenda.filter.handle_event(&Event::Key(key)).is_some() {
                self.filter_agenda();
                self.agenda.to_top();
            }
        } else if self.caseload.filtering
            && self
                .caseload
                .filter
                .handle_event(&Event::Key(key))
                .is_some()
        {
            self.caseload.apply_filter(self.lang);
            self.caseload.to_top();
            self.load_file();
        }
    }
}
