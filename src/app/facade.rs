//! The test façade: what a test needs to know (the mode, the status line, the focused
//! field, a field's value or error by name, the screen as text) and the keys it presses to
//! fill a form by field name, without reaching into the state's fields.

use super::App;
use crate::keymap::Mode;
use ratatui::crossterm::event::KeyEvent;

impl App {
    /// The keymap mode now.
    pub fn mode(&self) -> Mode {
        self.state.mode()
    }

    /// The status line's message.
    pub fn status(&self) -> Option<&str> {
        self.state.status.as_ref().map(|(m, _)| m.as_str())
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

    /// The error shown under a field of the open form, by name.
    pub fn field_error(&self, name: &str) -> Option<String> {
        let form = &self.state.form()?.form;
        let i = form.fields.iter().position(|f| f.key == name)?;
        form.shown_error(i).map(str::to_owned)
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
