//! The test façade: what a test needs to know, as a caseworker sees it (the screen, the
//! mode, the status line, the open form and question, a field's value or error by name,
//! the list, the file, the agenda, the report, the screen as text), and the keys it presses
//! to fill a form by field name, without reaching into the state's fields; and the app on
//! other data files than the built-in ones.

use super::App;
use super::action::Screen;
use super::confirm::Confirm;
use super::layer::Layer;
use super::screens::reports::Period;
use super::workflows::FormKind;
use crate::assets::Assets;
use crate::domain::model::Id;
use crate::domain::report::Report;
use crate::i18n::Lang;
use crate::keymap::Mode;
use crate::store::Store;
use crate::store::agenda::AgendaEntry;
use crate::store::caseload::{CaseloadRow, ClientFile};
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyEvent;

impl App {
    /// The app of [`App::new`] on other data files than the built-in ones (a
    /// municipality's overrides: its caseworker, its catalogue).
    pub fn with_assets(
        store: Store,
        assets: Assets,
        lang: Lang,
        today: NaiveDate,
        size: (u16, u16),
    ) -> App {
        let mut app = App::with(store, assets, lang, today, size);
        app.headless = Terminal::new(TestBackend::new(size.0, size.1)).ok();
        app.dispatch(super::action::Action::Resize(size.0, size.1));
        app.load_all();
        // On a file the counts come from the background: a test starts with them there.
        while app.jobs.busy() {
            std::thread::sleep(std::time::Duration::from_millis(2));
            app.take_jobs();
        }
        app
    }

    /// The screen (tab) shown.
    pub fn screen(&self) -> Screen {
        self.state.screen
    }

    /// The keymap mode now.
    pub fn mode(&self) -> Mode {
        self.state.mode()
    }

    /// The status line's message.
    pub fn status(&self) -> Option<&str> {
        self.state.status.as_ref().map(|(m, _)| m.as_str())
    }

    /// Which form is open (also under a picker or a question), and the client it is
    /// about (0: a new client).
    pub fn form(&self) -> Option<(FormKind, Id)> {
        self.state.form().map(|f| (f.kind(), f.subject()))
    }

    /// The title of the open form ("New benefit period: Anna van der Berg").
    pub fn form_title(&self) -> Option<&str> {
        self.state.form().map(|f| f.form.title.as_str())
    }

    /// The question on top of everything, waiting for an answer: its title, message
    /// and the answers it offers.
    pub fn question(&self) -> Option<&Confirm> {
        match self.state.layers.last() {
            Some(Layer::Confirm(c)) => Some(c),
            _ => None,
        }
    }

    /// The rows of the caseload list as shown (the filter applied), in list order.
    pub fn list(&self) -> Vec<&CaseloadRow> {
        self.state.caseload.list.rows.iter().collect()
    }

    /// The row under the list's cursor.
    pub fn selected_row(&self) -> Option<&CaseloadRow> {
        self.state.caseload.list.selected_row()
    }

    /// Where the list's cursor stands among the rows shown, and the first row on screen.
    pub fn list_cursor(&self) -> (usize, usize) {
        let l = &self.state.caseload.list;
        (l.selected, l.offset)
    }

    /// How many rows of a list fit on the screen now.
    pub fn list_height(&self) -> usize {
        self.state.list_height()
    }

    /// The text typed into the list's filter.
    pub fn list_filter(&self) -> &str {
        self.state.caseload.list.filter.value()
    }

    /// Whether the client file, not the list, has the keys (its border is lit).
    pub fn file_has_focus(&self) -> bool {
        self.state.caseload.focus == super::screens::caseload::Focus::File
    }

    /// How many lines the client file is scrolled down.
    pub fn file_scroll(&self) -> u16 {
        self.state.caseload.file_scroll
    }

    /// The client file shown.
    pub fn file(&self) -> Option<&ClientFile> {
        self.state.caseload.file.as_ref()
    }

    /// The agenda's items the screen holds (the filter applied: a window of a few pages
    /// around the cursor), in order.
    pub fn agenda_items(&self) -> Vec<&AgendaEntry> {
        self.state.agenda.list.rows.iter().collect()
    }

    /// How many items the agenda shown has (the filter applied), once counted.
    pub fn agenda_count(&self) -> Option<usize> {
        self.state.agenda.count()
    }

    /// The text typed into the agenda's filter.
    pub fn agenda_filter(&self) -> &str {
        self.state.agenda.list.filter.value()
    }

    /// How many open items are overdue (the agenda's tab says it).
    pub fn overdue(&self) -> usize {
        self.state.overdue
    }

    /// The agenda item under the cursor.
    pub fn selected_agenda_item(&self) -> Option<&AgendaEntry> {
        self.state.agenda.list.selected_row()
    }

    /// The period the Reports screen shows.
    pub fn report_period(&self) -> Option<Period> {
        self.state.reports.period
    }

    /// The figures the Reports screen shows (`None` while they are counted).
    pub fn report(&self) -> Option<&Report> {
        self.state.reports.report.as_ref().map(|(r, _)| r)
    }

    /// Whether the report for the period shown is being counted ("Counting…").
    pub fn report_pending(&self) -> bool {
        self.state.reports.pending
    }

    /// How many lines the report is scrolled down.
    pub fn report_scroll(&self) -> u16 {
        self.state.reports.scroll
    }

    /// The name of the focused field of the open form.
    pub fn focused_field(&self) -> Option<&str> {
        self.state.form().map(|f| f.form.focused().key.as_str())
    }

    /// The value of a field of the open form as typed (a choice: its code), by name.
    pub fn field(&self, name: &str) -> Option<String> {
        let f = self.state.form()?.form.named(name)?;
        Some(match &f.value {
            crate::form::Value::Choice(c) => c.clone().unwrap_or_default(),
            crate::form::Value::Multi(m) => m.join(","),
            crate::form::Value::YesNo(b) => b.map(|b| b.to_string()).unwrap_or_default(),
            v => v.text(),
        })
    }

    /// The options a choice field of the open form offers, by name, as its picker lists
    /// them.
    pub fn field_options(&self, name: &str) -> Option<&[crate::form::Opt]> {
        Some(self.state.form()?.form.named(name)?.options())
    }

    /// The error shown under a field of the open form, by name.
    pub fn field_error(&self, name: &str) -> Option<String> {
        let form = &self.state.form()?.form;
        let i = form.fields.iter().position(|f| f.key == name)?;
        form.shown_error(i).map(str::to_owned)
    }

    /// Every error shown under a field of the open form, as (field name, message).
    pub fn field_errors(&self) -> Vec<(String, String)> {
        let Some(f) = self.state.form() else {
            return Vec::new();
        };
        let form = &f.form;
        (0..form.fields.len())
            .filter_map(|i| {
                form.shown_error(i)
                    .map(|e| (form.fields[i].key.clone(), e.to_owned()))
            })
            .collect()
    }

    /// Whether a field of the open form is shown, by name (`None`: the form has no such
    /// field).
    pub fn field_shown(&self, name: &str) -> Option<bool> {
        Some(self.state.form()?.form.named(name)?.visible)
    }

    /// Whether the last key or paste into a field of the open form did not fit (a message
    /// at the field says it takes no more), by name.
    pub fn field_cut(&self, name: &str) -> Option<bool> {
        Some(self.state.form()?.form.named(name)?.cut)
    }

    /// Whether the open form holds changes (leaving it asks first; its draft follows on the
    /// next tick).
    pub fn form_changed(&self) -> Option<bool> {
        self.state.form().map(|f| f.form.dirty)
    }

    /// The text typed into the open picker's filter.
    pub fn picker_filter(&self) -> Option<&str> {
        match self.state.layers.last() {
            Some(Layer::Picker(p)) => Some(p.filter.value()),
            _ => None,
        }
    }

    /// The note shown beside a field of the open form (an age, a hint), by name.
    pub fn field_note(&self, name: &str) -> Option<String> {
        self.state.form()?.form.named(name)?.note.clone()
    }

    /// Moves the focus of the open form to a field by name, with the keys a caseworker
    /// would press (Tab, Shift-Tab, steps); panics when it cannot get there.
    pub fn focus(&mut self, name: &str) {
        use ratatui::crossterm::event::{KeyCode, KeyModifiers};
        for _ in 0..400 {
            let Some(form) = self.state.form().map(|f| &f.form) else {
                panic!("no form is open");
            };
            if form.focused().key == name {
                return;
            }
            let target = form
                .fields
                .iter()
                .position(|f| f.key == name)
                .unwrap_or_else(|| panic!("the form has no field {name}"));
            assert!(form.fields[target].visible, "the field {name} is hidden");
            let key = if target > form.focus {
                KeyCode::Tab
            } else {
                KeyCode::BackTab
            };
            self.handle_key(KeyEvent::new(key, KeyModifiers::NONE));
        }
        panic!("the focus does not reach {name}");
    }

    /// Types text into a field by name (one key per character), as a caseworker would.
    pub fn fill(&mut self, name: &str, text: &str) {
        use ratatui::crossterm::event::{KeyCode, KeyModifiers};
        self.focus(name);
        for c in text.chars() {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            self.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        }
    }

    /// Reads a client's row, file and the agenda again, as after a save: for a test that
    /// changed the store behind the app's back ([`App::store_mut`]).
    pub fn reload_client(&mut self, client_id: Id) {
        let effects = self.state.refresh_client(client_id);
        self.run(effects);
        self.draw_headless();
    }

    /// Sets how many characters a field of the open form takes, by name (benchmarks: a
    /// paste measured as if the field had no maximum); panics when there is no such field.
    pub fn set_field_max(&mut self, name: &str, max: usize) {
        let form = &mut self.state.form_mut().expect("a form is open").form;
        let i = form
            .fields
            .iter()
            .position(|f| f.key == name)
            .unwrap_or_else(|| panic!("the form has no field {name}"));
        form.fields[i].max = max;
    }

    /// The screen as text lines, as drawn now.
    pub fn screen_text(&mut self) -> String {
        self.draw_headless();
        let Some(term) = self.headless.as_ref() else {
            return String::new();
        };
        let buf = term.backend().buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                out.push_str(buf[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }
}
