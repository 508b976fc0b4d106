//! A form field: its kind (text, notes, date, number, choice, multiple choice, yes/no),
//! its value and editing, and its state (visible, touched, error, note).

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;
use serde_json::{Value as Json, json};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

/// One option of a choice.
#[derive(Clone, Debug, PartialEq)]
pub struct Opt {
    /// The stable code stored.
    pub code: String,
    /// What the caseworker reads.
    pub label: String,
    /// A longer explanation shown in the picker (may be empty).
    pub hint: String,
}

impl Opt {
    /// An option with a code and a label.
    pub fn new(code: impl Into<String>, label: impl Into<String>) -> Opt {
        Opt {
            code: code.into(),
            label: label.into(),
            hint: String::new(),
        }
    }

    /// The same option with a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Opt {
        self.hint = hint.into();
        self
    }
}

/// A notes editor without the underlined cursor line.
fn plain_area(mut area: TextArea<'static>) -> TextArea<'static> {
    area.set_cursor_line_style(ratatui::style::Style::default());
    area
}

/// What a field holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// One line of text.
    Text,
    /// Several lines of text.
    Notes,
    /// A date typed as the caseworker likes (`dd-mm-jjjj`, `+2w`, `vandaag`).
    Date,
    /// A whole number within a range.
    Number { min: i64, max: i64 },
    /// One of a list (picked in a filterable picker).
    Choice(Vec<Opt>),
    /// Several of a list.
    Multi(Vec<Opt>),
    /// Yes or no.
    YesNo,
    /// Information only (its note), not an input: the focus passes it by.
    Info,
}

/// The value being edited.
#[derive(Clone, Debug)]
pub enum Value {
    Line(Input),
    Notes(Box<TextArea<'static>>),
    Choice(Option<String>),
    Multi(Vec<String>),
    YesNo(Option<bool>),
}

impl Value {
    /// An empty value for a kind.
    pub fn empty(kind: &Kind) -> Value {
        match kind {
            Kind::Text | Kind::Date | Kind::Number { .. } => Value::Line(Input::default()),
            Kind::Notes => Value::Notes(Box::new(plain_area(TextArea::default()))),
            Kind::Choice(_) => Value::Choice(None),
            Kind::Multi(_) => Value::Multi(Vec::new()),
            Kind::YesNo => Value::YesNo(None),
            Kind::Info => Value::Choice(None),
        }
    }

    /// Whether nothing was entered.
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Line(i) => i.value().trim().is_empty(),
            Value::Notes(t) => t.lines().iter().all(|l| l.trim().is_empty()),
            Value::Choice(c) => c.is_none(),
            Value::Multi(m) => m.is_empty(),
            Value::YesNo(b) => b.is_none(),
        }
    }

    /// The text of a line or notes value.
    pub fn text(&self) -> String {
        match self {
            Value::Line(i) => i.value().to_owned(),
            Value::Notes(t) => t.lines().join("\n"),
            _ => String::new(),
        }
    }

    /// The chosen code.
    pub fn choice(&self) -> Option<&str> {
        match self {
            Value::Choice(c) => c.as_deref(),
            _ => None,
        }
    }

    /// The chosen codes.
    pub fn multi(&self) -> Vec<String> {
        match self {
            Value::Multi(m) => m.clone(),
            _ => Vec::new(),
        }
    }

    /// The yes/no answer.
    pub fn yes_no(&self) -> Option<bool> {
        match self {
            Value::YesNo(b) => *b,
            _ => None,
        }
    }

    /// The value as JSON (for drafts and prefills).
    pub fn to_json(&self) -> Json {
        match self {
            Value::Line(_) | Value::Notes(_) => json!(self.text()),
            Value::Choice(c) => json!(c),
            Value::Multi(m) => json!(m),
            Value::YesNo(b) => json!(b),
        }
    }

    /// Sets the value from JSON of the matching shape; anything else leaves it unchanged.
    pub fn set_json(&mut self, v: &Json, kind: &Kind) {
        match (self, v) {
            (Value::Line(i), Json::String(s)) => *i = Input::new(s.clone()),
            (Value::Line(i), Json::Number(n)) => *i = Input::new(n.to_string()),
            (Value::Notes(t), Json::String(s)) => {
                let mut area = plain_area(TextArea::new(s.lines().map(str::to_owned).collect()));
                area.move_cursor(ratatui_textarea::CursorMove::Bottom);
                area.move_cursor(ratatui_textarea::CursorMove::End);
                **t = area;
            }
            (Value::Choice(c), Json::String(s)) => {
                if let Kind::Choice(opts) = kind
                    && opts.iter().any(|o| &o.code == s)
                {
                    *c = Some(s.clone());
                }
            }
            (Value::Choice(c), Json::Null) => *c = None,
            (Value::Multi(m), Json::Array(a)) => {
                if let Kind::Multi(opts) = kind {
                    *m = a
                        .iter()
                        .filter_map(Json::as_str)
                        .filter(|s| opts.iter().any(|o| o.code == *s))
                        .map(str::to_owned)
                        .collect();
                }
            }
            (Value::YesNo(b), Json::Bool(x)) => *b = Some(*x),
            (Value::YesNo(b), Json::Null) => *b = None,
            _ => {}
        }
    }
}

/// One field of a form.
#[derive(Clone, Debug)]
pub struct Field {
    /// Stable key (drafts, prefills, errors).
    pub key: String,
    pub label: String,
    pub kind: Kind,
    pub required: bool,
    pub value: Value,
    /// The step (tab) of the form it belongs to.
    pub step: usize,
    /// Fields that depend on others can be hidden (e.g. a contract end for a permanent job).
    pub visible: bool,
    /// The caseworker has left it once (its errors show from then on).
    pub touched: bool,
    /// The message under the field, in the error colour.
    pub error: Option<String>,
    /// Information beside the value (the age for a birth date, the rung's text).
    pub note: Option<String>,
    /// Shown in dim text while empty (`dd-mm-jjjj`).
    pub placeholder: String,
    /// Earlier answers to complete from (→ at the end of the text takes the match).
    pub suggestions: Vec<String>,
    /// The most characters typing or pasting may bring the value to (see [`super::paste`]).
    pub max: usize,
    /// The last key or paste did not fit within `max` (a message says so at the field).
    pub cut: bool,
}

impl Field {
    /// A field of a kind on a step.
    pub fn new(key: impl Into<String>, label: impl Into<String>, kind: Kind, step: usize) -> Field {
        let max = super::paste::max_chars(&kind);
        Field {
            key: key.into(),
            label: label.into(),
            value: Value::empty(&kind),
            kind,
            required: false,
            step,
            visible: true,
            touched: false,
            error: None,
            note: None,
            placeholder: String::new(),
            suggestions: Vec::new(),
            max,
            cut: false,
        }
    }

    /// The same field, taking at most `n` characters.
    pub fn max_chars(mut self, n: usize) -> Field {
        self.max = n;
        self
    }

    /// The same field, completing from earlier answers.
    pub fn suggest(mut self, suggestions: Vec<String>) -> Field {
        self.suggestions = suggestions;
        self
    }

    /// The first earlier answer that starts with what is typed (and is longer).
    pub fn completion(&self) -> Option<&str> {
        let typed = self.value.text();
        if typed.trim().is_empty() {
            return None;
        }
        let lower = typed.to_lowercase();
        self.suggestions
            .iter()
            .find(|s| s.to_lowercase().starts_with(&lower) && s.len() > typed.len())
            .map(String::as_str)
    }

    /// Takes the completion; true when the value changed.
    pub fn complete(&mut self) -> bool {
        let Some(done) = self.completion().map(str::to_owned) else {
            return false;
        };
        self.value = Value::Line(Input::new(done));
        true
    }

    /// The same field, required.
    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    /// The same field with a placeholder.
    pub fn placeholder(mut self, p: impl Into<String>) -> Field {
        self.placeholder = p.into();
        self
    }

    /// The options of a choice or multiple-choice field.
    pub fn options(&self) -> &[Opt] {
        match &self.kind {
            Kind::Choice(o) | Kind::Multi(o) => o,
            _ => &[],
        }
    }

    /// The value as shown: the label of a choice, the labels of a multiple choice, yes/no.
    pub fn shown(&self, yes: &str, no: &str) -> String {
        let label = |code: &str| {
            self.options()
                .iter()
                .find(|o| o.code == code)
                .map(|o| o.label.clone())
                .unwrap_or_default()
        };
        match &self.value {
            Value::Line(i) => i.value().to_owned(),
            Value::Notes(t) => t.lines().join("\n"),
            Value::Choice(c) => c.as_deref().map(label).unwrap_or_default(),
            Value::Multi(m) => m.iter().map(|c| label(c)).collect::<Vec<_>>().join(", "),
            Value::YesNo(Some(true)) => yes.to_owned(),
            Value::YesNo(Some(false)) => no.to_owned(),
            Value::YesNo(None) => String::new(),
        }
    }

    /// Types a key into the field; true when the value changed. A key that would add a
    /// character to a full field adds nothing and marks it [`Field::cut`].
    pub fn type_key(&mut self, key: KeyEvent) -> bool {
        if self.takes_text() {
            let adds = match key.code {
                KeyCode::Char(_) => Field::is_plain(&key),
                KeyCode::Enter | KeyCode::Tab => matches!(self.value, Value::Notes(_)),
                _ => false,
            };
            self.cut = adds && self.chars() >= self.max;
            if self.cut {
                return false;
            }
        }
        match &mut self.value {
            Value::Line(input) => {
                let before = input.value().to_owned();
                input.handle_event(&Event::Key(key));
                input.value() != before
            }
            Value::Notes(area) => {
                let before = area.lines().to_vec();
                if key.code == KeyCode::Enter {
                    area.insert_newline();
                } else {
                    area.input(key);
                }
                area.lines() != before.as_slice()
            }
            Value::YesNo(b) => {
                let new = match key.code {
                    KeyCode::Char('j' | 'J' | 'y' | 'Y') => Some(true),
                    KeyCode::Char('n' | 'N') => Some(false),
                    KeyCode::Char(' ') => Some(!b.unwrap_or(false)),
                    KeyCode::Backspace | KeyCode::Delete => None,
                    _ => return false,
                };
                let changed = *b != new;
                *b = new;
                changed
            }
            Value::Choice(c) => {
                if matches!(key.code, KeyCode::Backspace | KeyCode::Delete) && c.is_some() {
                    *c = None;
                    return true;
                }
                false
            }
            Value::Multi(_) => false,
        }
    }

    /// Chooses an option (choice) or toggles it (multiple choice).
    pub fn pick(&mut self, code: &str) {
        let order: Vec<String> = self.options_codes();
        match &mut self.value {
            Value::Choice(c) => *c = Some(code.to_owned()),
            Value::Multi(m) => {
                if let Some(pos) = m.iter().position(|x| x == code) {
                    m.remove(pos);
                } else {
                    m.push(code.to_owned());
                    // Keep the order of the options.
                    m.sort_by_key(|x| order.iter().position(|o| o == x));
                }
            }
            _ => {}
        }
    }

    fn options_codes(&self) -> Vec<String> {
        self.options().iter().map(|o| o.code.clone()).collect()
    }

    /// Whether typing goes into this field as text.
    pub fn takes_text(&self) -> bool {
        matches!(self.value, Value::Line(_) | Value::Notes(_))
    }

    /// Keys that typing would not expect: modifiers other than Shift.
    pub fn is_plain(key: &KeyEvent) -> bool {
        !key.modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    }
}
