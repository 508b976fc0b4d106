//! A small form engine: fields of a few kinds, focus, steps, inline validation and drafts.
//! Each workflow (intake, trajectory, note, exit, check-in) declares its fields and rules;
//! the engine does the typing, moving, picking and draft (de)serialisation.

pub mod check;
pub mod field;
pub mod paste;
pub mod picker;

pub use field::{Field, Kind, Opt, Value};
pub use picker::Picker;

use ratatui::crossterm::event::KeyEvent;
use serde_json::{Map, Value as Json, json};

/// Which form, for which subject (a client, a contact; 0 for a new intake).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormId {
    pub kind: &'static str,
    pub subject: i64,
}

/// A form being filled in.
pub struct Form {
    pub id: FormId,
    pub title: String,
    /// Step titles; a form of one step has one.
    pub steps: Vec<String>,
    pub fields: Vec<Field>,
    /// Index of the focused field.
    pub focus: usize,
    /// Changed since it was opened (leaving asks first).
    pub dirty: bool,
    /// Changed since the draft was last written.
    pub draft_pending: bool,
    /// Show every error, also of untouched fields (after a refused save).
    pub show_all_errors: bool,
}

impl Form {
    /// A form with its fields; the focus starts on the first visible field.
    pub fn new(id: FormId, title: String, steps: Vec<String>, fields: Vec<Field>) -> Form {
        let mut f = Form {
            id,
            title,
            steps,
            fields,
            focus: 0,
            dirty: false,
            draft_pending: false,
            show_all_errors: false,
        };
        f.focus = f.first_visible_from(0).unwrap_or(0);
        f
    }

    /// The focused field.
    pub fn focused(&self) -> &Field {
        &self.fields[self.focus]
    }

    /// The step the focus is in.
    pub fn step(&self) -> usize {
        self.fields.get(self.focus).map_or(0, |f| f.step)
    }

    fn index(&self, key: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.key == key)
    }

    /// A field by key.
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.index(key).map(|i| &self.fields[i])
    }

    /// A field by key, to change it.
    pub fn field_mut(&mut self, key: &str) -> Option<&mut Field> {
        self.index(key).map(|i| &mut self.fields[i])
    }

    /// The trimmed text of a text, date, number or notes field ("" when absent).
    pub fn text(&self, key: &str) -> String {
        self.field(key)
            .map(|f| f.value.text().trim().to_owned())
            .unwrap_or_default()
    }

    /// The chosen code of a choice field.
    pub fn choice(&self, key: &str) -> Option<String> {
        self.field(key)
            .and_then(|f| f.value.choice().map(str::to_owned))
    }

    /// The chosen codes of a multiple-choice field.
    pub fn multi(&self, key: &str) -> Vec<String> {
        self.field(key).map(|f| f.value.multi()).unwrap_or_default()
    }

    /// The answer of a yes/no field.
    pub fn yes_no(&self, key: &str) -> Option<bool> {
        self.field(key).and_then(|f| f.value.yes_no())
    }

    /// Sets a field's value from its draft form (prefill), without marking the form changed.
    pub fn prefill(&mut self, key: &str, value: Json) {
        if let Some(f) = self.field_mut(key) {
            f.value.set_json(&value, &f.kind);
        }
    }

    /// Replaces the options of a choice field; a choice no longer offered is cleared.
    pub fn set_options(&mut self, key: &str, options: Vec<Opt>) {
        if let Some(f) = self.field_mut(key)
            && let Kind::Choice(_) = f.kind
        {
            if let Value::Choice(Some(c)) = &f.value
                && !options.iter().any(|o| &o.code == c)
            {
                f.value = Value::Choice(None);
            }
            f.kind = Kind::Choice(options);
        }
    }

    /// Sets the text of a text or date field (an automatic default), not marking a change.
    pub fn set_text(&mut self, key: &str, text: &str) {
        if let Some(f) = self.field_mut(key)
            && let Value::Line(_) = f.value
        {
            f.value = Value::Line(tui_input::Input::new(text.to_owned()));
        }
    }

    /// Shows or hides a field; the focus leaves a field that disappears.
    pub fn set_visible(&mut self, key: &str, visible: bool) {
        if let Some(i) = self.index(key) {
            self.fields[i].visible = visible;
        }
    }

    /// Sets the message under a field (an error) or clears it.
    pub fn set_error(&mut self, key: &str, msg: Option<String>) {
        if let Some(f) = self.field_mut(key) {
            f.error = msg;
        }
    }

    /// Sets the note beside a field (age, rung text, a known client).
    pub fn set_note(&mut self, key: &str, note: Option<String>) {
        if let Some(f) = self.field_mut(key) {
            f.note = note;
        }
    }

    /// Errors that are shown now: of touched fields, or all after a refused save.
    pub fn shown_error(&self, i: usize) -> Option<&str> {
        let f = &self.fields[i];
        if !f.visible {
            return None;
        }
        match &f.error {
            Some(e) if self.show_all_errors || f.touched || !f.value.is_empty() => Some(e),
            _ => None,
        }
    }

    /// How many visible fields have an error.
    pub fn error_count(&self) -> usize {
        self.fields
            .iter()
            .filter(|f| f.visible && f.error.is_some())
            .count()
    }

    /// Puts the focus on the field `key` (as the form opens: nothing is marked touched).
    pub fn focus_on(&mut self, key: &str) -> bool {
        match self.fields.iter().position(|f| f.key == key) {
            Some(i) if self.focusable(i) => {
                self.focus = i;
                true
            }
            _ => false,
        }
    }

    /// Puts the focus on the first visible field with an error.
    pub fn focus_first_error(&mut self) -> bool {
        match self
            .fields
            .iter()
            .position(|f| f.visible && f.error.is_some())
        {
            Some(i) => {
                self.set_focus(i);
                true
            }
            None => false,
        }
    }

    /// A field the focus can stand on: visible and not information only.
    fn focusable(&self, j: usize) -> bool {
        self.fields[j].visible && self.fields[j].kind != Kind::Info
    }

    fn first_visible_from(&self, i: usize) -> Option<usize> {
        (i..self.fields.len()).find(|&j| self.focusable(j))
    }

    fn set_focus(&mut self, i: usize) {
        if i != self.focus {
            if let Some(f) = self.fields.get_mut(self.focus) {
                f.touched = true;
            }
            self.focus = i;
        }
    }

    /// Moves to the next visible field; returns false at the end of the form.
    pub fn next_field(&mut self) -> bool {
        match self.first_visible_from(self.focus + 1) {
            Some(i) => {
                self.set_focus(i);
                true
            }
            None => {
                self.fields[self.focus].touched = true;
                false
            }
        }
    }

    /// Moves to the previous visible field.
    pub fn prev_field(&mut self) {
        if let Some(i) = (0..self.focus).rev().find(|&j| self.focusable(j)) {
            self.set_focus(i);
        }
    }

    /// Moves to the first field of the next step (or stays on the last step).
    pub fn next_step(&mut self) {
        let step = self.step();
        if let Some(i) =
            (0..self.fields.len()).find(|&j| self.focusable(j) && self.fields[j].step > step)
        {
            self.set_focus(i);
        }
    }

    /// Moves to the first field of the previous step.
    pub fn prev_step(&mut self) {
        let step = self.step();
        if step == 0 {
            return;
        }
        if let Some(i) = self
            .fields
            .iter()
            .position(|f| f.visible && f.step == step - 1)
        {
            self.set_focus(i);
        }
    }

    /// Types a key into the focused field; true when its value changed.
    pub fn type_key(&mut self, key: KeyEvent) -> bool {
        let changed = self.fields[self.focus].type_key(key);
        if changed {
            self.changed();
        }
        changed
    }

    /// Marks the form changed (for leaving and for the draft).
    pub fn changed(&mut self) {
        self.dirty = true;
        self.draft_pending = true;
    }

    /// The draft: every field's value, the focus and the step, as JSON.
    pub fn to_draft(&self) -> Json {
        let mut values = Map::new();
        for f in &self.fields {
            if !f.value.is_empty() {
                values.insert(f.key.clone(), f.value.to_json());
            }
        }
        json!({ "focus": self.fields[self.focus].key, "values": values })
    }

    /// Restores a draft written by [`Form::to_draft`]; unknown keys are ignored.
    pub fn restore_draft(&mut self, draft: &Json) {
        if let Some(values) = draft.get("values").and_then(Json::as_object) {
            for f in &mut self.fields {
                if let Some(v) = values.get(&f.key) {
                    f.value.set_json(v, &f.kind);
                    f.touched = true;
                }
            }
        }
        if let Some(i) = draft
            .get("focus")
            .and_then(Json::as_str)
            .and_then(|k| self.index(k))
        {
            self.focus = i;
        }
        self.dirty = true;
    }
}
