//! The one confirmation popup: a question and a few choices, each a key that fires an action.

use super::action::Action;
use ratatui::crossterm::event::KeyCode;

/// One answer of a confirmation.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub key: KeyCode,
    /// Shown after the key ("leave, keep the draft").
    pub label: String,
    pub action: Action,
}

/// A question waiting for an answer; Esc closes it, without acting unless `cancel` says
/// what closing means (the draft dialog: leave the form, the draft kept).
#[derive(Clone, Debug, PartialEq)]
pub struct Confirm {
    pub title: String,
    pub message: String,
    pub choices: Vec<Choice>,
    pub cancel: Option<Action>,
}

impl Confirm {
    /// A question with its choices.
    pub fn new(title: impl Into<String>, message: impl Into<String>) -> Confirm {
        Confirm {
            title: title.into(),
            message: message.into(),
            choices: Vec::new(),
            cancel: None,
        }
    }

    /// What Esc does besides closing the question.
    pub fn on_cancel(mut self, action: Action) -> Confirm {
        self.cancel = Some(action);
        self
    }

    /// Adds a choice.
    pub fn choice(mut self, key: KeyCode, label: impl Into<String>, action: Action) -> Confirm {
        self.choices.push(Choice {
            key,
            label: label.into(),
            action,
        });
        self
    }

    /// The action of the choice bound to `key`.
    pub fn answer(&self, key: KeyCode) -> Option<Action> {
        let norm = |k: KeyCode| match k {
            KeyCode::Char(c) => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        self.choices
            .iter()
            .find(|c| norm(c.key) == norm(key))
            .map(|c| c.action.clone())
    }
}
