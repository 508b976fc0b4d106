//! A small form engine: fields of a few kinds, focus, steps, inline validation and drafts.
//! Each workflow declares its fields through typed [`key::Key`] handles and its rules;
//! the engine does the typing, moving, picking and draft (de)serialisation.

pub mod check;
pub mod field;
pub mod key;
pub mod notes;
pub mod paste;
pub mod picker;

pub use field::{Field, Kind, Opt, Value};
pub use key::{Col, FieldType, Group, Key, Name};
pub use picker::Picker;

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;
use serde_json::{Map, Value as Json, json};

/// A form being filled in.
pub struct Form {
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
    /// The day relative dates (`+2w`, `vandaag`) are read from.
    pub today: NaiveDate,
}

impl Form {
    /// A form with its fields; the focus starts on the first visible field.
    pub fn new(title: String, steps: Vec<String>, fields: Vec<Field>, today: NaiveDate) -> Form {
        let mut f = Form {
            title,
            steps,
            fields,
            focus: 0,
            dirty: false,
            draft_pending: false,
            show_all_errors: false,
            today,
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

    /// The index of the field of a handle. A handle whose field this form does not have
    /// is a programming error: it fails in tests, and reads as empty otherwise.
    fn index<T>(&self, key: Key<T>) -> Option<usize> {
        let i = self.fields.iter().position(|f| key.name.is(&f.key));
        debug_assert!(i.is_some(), "the form has no field {}", key.name);
        i
    }

    /// The field of a handle.
    pub fn field<T>(&self, key: Key<T>) -> Option<&Field> {
        self.index(key).map(|i| &self.fields[i])
    }

    /// The field of a handle, to change it.
    pub fn field_mut<T>(&mut self, key: Key<T>) -> Option<&mut Field> {
        self.index(key).map(|i| &mut self.fields[i])
    }

    /// A field by its name (drafts, and tests that fill forms by field name).
    pub fn named(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == name)
    }

    /// The value of a field, typed.
    pub fn get<T: FieldType>(&self, key: Key<T>) -> T::Out
    where
        T::Out: Default,
    {
        self.field(key)
            .map(|f| T::read(f, self.today))
            .unwrap_or_default()
    }

    /// Sets a field's value (a prefill or an automatic default), not marking a change.
    pub fn put<T: FieldType>(&mut self, key: Key<T>, value: T::In) {
        if let Some(f) = self.field_mut(key) {
            T::write(f, value);
        }
    }

    /// Whether a field is shown.
    pub fn is_visible<T>(&self, key: Key<T>) -> bool {
        self.field(key).is_some_and(|f| f.visible)
    }

    /// Shows or hides a field.
    pub fn show<T>(&mut self, key: Key<T>, visible: bool) {
        if let Some(f) = self.field_mut(key) {
            f.visible = visible;
        }
    }

    /// Makes a field required or not.
    pub fn require<T>(&mut self, key: Key<T>, required: bool) {
        if let Some(f) = self.field_mut(key) {
            f.required = required;
        }
    }

    /// Replaces the options of a choice field; a choice no longer offered is cleared.
    pub fn set_options<T>(&mut self, key: Key<T>, options: Vec<Opt>) {
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

    /// Sets the message under a field (an error) or clears it.
    pub fn set_error<T>(&mut self, key: Key<T>, msg: Option<String>) {
        if let Some(f) = self.field_mut(key) {
            f.error = msg;
        }
    }

    /// Sets an error on a field unless it already has one (or is hidden).
    pub fn fail<T>(&mut self, key: Key<T>, msg: String) {
        if let Some(f) = self.field_mut(key)
            && f.error.is_none()
            && f.visible
        {
            f.error = Some(msg);
        }
    }

    /// Whether a field has an error now.
    pub fn has_error<T>(&self, key: Key<T>) -> bool {
        self.field(key).is_some_and(|f| f.error.is_some())
    }

    /// Sets the note beside a field (age, rung text, a known client).
    pub fn set_note<T>(&mut self, key: Key<T>, note: Option<String>) {
        if let Some(f) = self.field_mut(key) {
            f.note = note;
        }
    }

    /// Whether the focus is on a field.
    pub fn is_focused<T>(&self, key: Key<T>) -> bool {
        key.name.is(&self.focused().key)
    }

    /// Whether nothing was entered in a field.
    pub fn is_empty<T>(&self, key: Key<T>) -> bool {
        self.field(key).is_none_or(|f| f.value.is_empty())
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

    /// Puts the focus on a field (as the form opens: nothing is marked touched).
    pub fn focus_on<T>(&mut self, key: Key<T>) -> bool {
        match self.index(key) {
            Some(i) if self.focusable(i) => {
                self.focus = i;
                true
            }
            _ => false,
        }
    }

    /// Puts the focus on field `i` (a click), when it can have it; the field it leaves is
    /// touched, as moving away by key touches it.
    pub fn focus_at(&mut self, i: usize) -> bool {
        let can = i < self.fields.len() && self.focusable(i);
        if can {
            self.set_focus(i);
        }
        can
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
            .and_then(|k| self.fields.iter().position(|f| f.key == k))
        {
            self.focus = i;
        }
        self.dirty = true;
    }
}
