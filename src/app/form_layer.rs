//! A form on the layer stack: the form, its workflow, the facts it asked for, and its
//! draft's state; what the form keys do to it (typing, moving, steps, the picker), and
//! re-running its rules after each change.

use super::action::{Action, Screen};
use super::effect::Effect;
use super::workflows::{Cx, Facts, FormKind, Opened, Prompt, Query, Workflow};
use crate::domain::model::Id;
use crate::form::{Field, Form, Kind, Picker, Value, paste};
use crate::store::ErrorKind;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use std::collections::HashSet;
use tui_input::backend::crossterm::EventHandler;

/// A form on screen with the workflow it belongs to.
pub struct FormLayer {
    pub form: Form,
    pub flow: Box<dyn Workflow>,
    /// What the store answered to the form's queries.
    pub facts: Facts,
    /// Queries asked already (each once).
    asked: HashSet<Query>,
    /// Why the draft could not be written the last time it was tried: until a write
    /// succeeds, what is typed is not kept.
    pub draft_failed: Option<ErrorKind>,
    /// When the draft that waits for this form was written (asked about once it shows).
    pub waiting_draft: Option<String>,
    /// The screen the form was opened from: back there after it.
    pub from: Option<Screen>,
    /// The form this one replaces (its draft goes once this one is open).
    pub replaces: Option<(FormKind, Id)>,
    /// The name of the client the form is about (empty for a new client).
    pub client_name: String,
}

impl std::fmt::Debug for FormLayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FormLayer({:?}, {})", self.kind(), self.subject())
    }
}

/// What a form key did, for the state to finish.
pub enum Step {
    /// Handled; these effects follow, and maybe a question.
    Done(Vec<Effect>, Option<Prompt>),
    /// Open this picker over the form.
    Pick(Picker),
    /// Save: every field is right.
    Save,
    /// The save is refused: this many errors (the focus is on the first).
    Refused(usize),
    /// Leave the form (asking first when it changed).
    Leave,
    /// Not a key of the form.
    Pass,
}

/// Whether the cursor stands at the end of a text field.
fn at_end(field: &Field) -> bool {
    match &field.value {
        Value::Line(i) => i.cursor() >= i.value().chars().count(),
        _ => false,
    }
}

impl FormLayer {
    /// A form just opened.
    pub fn new(opened: Opened) -> FormLayer {
        FormLayer {
            form: opened.form,
            flow: opened.flow,
            facts: Facts::default(),
            asked: HashSet::new(),
            draft_failed: None,
            waiting_draft: None,
            from: None,
            replaces: None,
            client_name: String::new(),
        }
    }

    /// Which form this is.
    pub fn kind(&self) -> FormKind {
        self.flow.kind()
    }

    /// The client it is about (0: a new client): with the kind, the key of its draft.
    pub fn subject(&self) -> Id {
        self.flow.subject()
    }

    /// Re-runs the workflow's rules; returns the queries not asked yet, and a question.
    pub fn refresh(&mut self, cx: &Cx) -> (Vec<Effect>, Option<Prompt>) {
        self.flow.check(&mut self.form, &self.facts, cx);
        let effects = self
            .flow
            .queries(&self.form)
            .into_iter()
            .filter(|q| self.asked.insert(q.clone()))
            .map(Effect::Query)
            .collect();
        (effects, self.flow.prompt())
    }

    /// Takes the store's answer to a query and re-runs the rules.
    pub fn got_fact(&mut self, q: Query, a: super::workflows::Answer, cx: &Cx) -> Option<Prompt> {
        self.facts.insert(q, a);
        self.refresh(cx).1
    }

    /// What a form key does; a notes field wraps at `notes_width` cells (see
    /// [`crate::layout::form_values_on`]).
    pub fn act(&mut self, action: &Action, cx: &Cx, notes_width: u16) -> Step {
        let form = &mut self.form;
        match action {
            Action::NextField => {
                form.next_field();
            }
            Action::PrevField => form.prev_field(),
            // In notes: a row down or up as the text wraps, past the last or first row
            // to the next or previous field.
            Action::Down => {
                let i = form.focus;
                if !form.fields[i].notes_move(true, usize::from(notes_width)) {
                    form.next_field();
                }
            }
            Action::Up => {
                let i = form.focus;
                if !form.fields[i].notes_move(false, usize::from(notes_width)) {
                    form.prev_field();
                }
            }
            // A click on a field focuses it; on the focused choice, opens its picker.
            Action::FocusField(i) if *i == form.focus => {
                if matches!(form.focused().kind, Kind::Choice(_) | Kind::Multi(_)) {
                    return Step::Pick(self.picker(None));
                }
            }
            Action::FocusField(i) => {
                form.focus_at(*i);
            }
            Action::NextStep => form.next_step(),
            Action::PrevStep => form.prev_step(),
            Action::Enter => match form.focused().kind {
                Kind::Choice(_) | Kind::Multi(_) => return Step::Pick(self.picker(None)),
                Kind::Notes => {
                    form.type_key(KeyEvent::from(KeyCode::Enter));
                }
                _ => {
                    form.next_field();
                }
            },
            Action::Toggle => return Step::Pick(self.picker(None)),
            Action::Save => return self.save(cx),
            Action::Leave => return Step::Leave,
            Action::Input(key) => {
                if let Some(p) = self.type_key(*key) {
                    return Step::Pick(p);
                }
            }
            Action::Paste(text) => {
                // On a choice the paste is the picker's filter.
                if matches!(form.focused().kind, Kind::Choice(_) | Kind::Multi(_)) {
                    let mut picker = self.picker(None);
                    let options = self.form.focused().options().to_vec();
                    if paste::into_input(&mut picker.filter, text, paste::FILTER_MAX).changed {
                        picker.refilter(&options);
                    }
                    return Step::Pick(picker);
                }
                let i = self.form.focus;
                if self.form.fields[i].paste(text).changed {
                    self.form.changed();
                }
            }
            _ => return Step::Pass,
        }
        let (effects, prompt) = self.refresh(cx);
        Step::Done(effects, prompt)
    }

    /// A key typed into the focused field; a letter on a choice opens its picker.
    fn type_key(&mut self, key: KeyEvent) -> Option<Picker> {
        let form = &mut self.form;
        let field: &Field = form.focused();
        match (&field.kind, key.code) {
            (Kind::Choice(_) | Kind::Multi(_), KeyCode::Char(' ')) => Some(self.picker(None)),
            (Kind::Choice(_) | Kind::Multi(_), KeyCode::Char(c)) if Field::is_plain(&key) => {
                Some(self.picker(Some(c)))
            }
            (Kind::Text, KeyCode::Right | KeyCode::End)
                if field.completion().is_some() && at_end(field) =>
            {
                let i = form.focus;
                if form.fields[i].complete() {
                    form.changed();
                }
                None
            }
            _ => {
                form.type_key(key);
                None
            }
        }
    }

    /// The picker of the focused field, filtered by a first letter typed.
    fn picker(&self, first: Option<char>) -> Picker {
        let field = self.form.focused();
        let multi = matches!(field.kind, Kind::Multi(_));
        let mut picker = Picker::new(field.options(), multi, field.value.choice());
        if let Some(c) = first {
            picker
                .filter
                .handle_event(&Event::Key(KeyEvent::from(KeyCode::Char(c))));
            picker.refilter(field.options());
        }
        picker
    }

    /// Checks everything; `Save` when nothing is wrong, else the errors with the focus
    /// on the first.
    fn save(&mut self, cx: &Cx) -> Step {
        self.form.show_all_errors = true;
        self.flow.check(&mut self.form, &self.facts, cx);
        match self.form.error_count() {
            0 => Step::Save,
            n => {
                self.form.focus_first_error();
                Step::Refused(n)
            }
        }
    }

    /// What a picker key does to the picker and the form under it; `true` when the
    /// picker closes.
    pub fn pick(
        &mut self,
        picker: &mut Picker,
        action: &Action,
        cx: &Cx,
    ) -> Option<(bool, Vec<Effect>)> {
        let options = self.form.focused().options().to_vec();
        let mut close = false;
        // A click on an option puts the cursor there; on the one under it, takes it (a
        // multiple choice: ticks it) as `Enter` (`Space`) does.
        let action = match action {
            Action::ClickRow(n) if *n != picker.selected => {
                picker.selected = (*n).min(picker.visible.len().saturating_sub(1));
                return Some((false, Vec::new()));
            }
            Action::ClickRow(_) if picker.multi => &Action::Toggle,
            Action::ClickRow(_) => &Action::Enter,
            action => action,
        };
        match action {
            Action::Down => picker.move_by(1),
            Action::Up => picker.move_by(-1),
            Action::PageDown => picker.move_by(10),
            Action::PageUp => picker.move_by(-10),
            Action::Scroll(_, delta) => picker.move_by(*delta),
            Action::Toggle
            | Action::Input(KeyEvent {
                code: KeyCode::Char(' '),
                ..
            }) if picker.multi => {
                if let Some(code) = picker.current(&options).map(|o| o.code.clone()) {
                    let i = self.form.focus;
                    self.form.fields[i].pick(&code);
                    self.form.changed();
                }
            }
            Action::Toggle => {
                picker
                    .filter
                    .handle_event(&Event::Key(KeyEvent::from(KeyCode::Char(' '))));
                picker.refilter(&options);
            }
            Action::Enter => {
                let code = picker.current(&options).map(|o| o.code.clone());
                // Nothing matches what was typed: nothing is chosen, the picker stays.
                close = picker.multi || code.is_some();
                if let Some(code) = code.filter(|_| !picker.multi) {
                    let i = self.form.focus;
                    self.form.fields[i].pick(&code);
                    self.form.changed();
                    // The choice may show fields (a child's age): check before moving on.
                    self.refresh(cx);
                    self.form.next_field();
                }
            }
            Action::Leave => close = true,
            Action::Input(key) => {
                picker.filter.handle_event(&Event::Key(*key));
                picker.refilter(&options);
            }
            Action::Paste(text) => {
                if paste::into_input(&mut picker.filter, text, paste::FILTER_MAX).changed {
                    picker.refilter(&options);
                }
            }
            _ => return None,
        }
        let (effects, _) = self.refresh(cx);
        Some((close, effects))
    }
}
