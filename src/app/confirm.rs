//! The one question popup: a title, a message and the answers it offers, each an
//! [`Answer`] (a keymap row) with its label and what it does.

use super::action::{Answer, Then};

/// One answer of a question.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub answer: Answer,
    /// Shown after the key ("leave, keep the draft").
    pub label: String,
    pub then: Then,
}

/// A question waiting for an answer; Esc closes it, doing what `cancel` says (nothing,
/// unless set: the draft question leaves the form, the draft kept).
#[derive(Clone, Debug, PartialEq)]
pub struct Confirm {
    pub title: String,
    pub message: String,
    pub choices: Vec<Choice>,
    pub cancel: Then,
}

impl Confirm {
    /// A question without answers yet.
    pub fn new(title: impl Into<String>, message: impl Into<String>) -> Confirm {
        Confirm {
            title: title.into(),
            message: message.into(),
            choices: Vec::new(),
            cancel: Then::Nothing,
        }
    }

    /// What Esc does besides closing the question.
    pub fn on_cancel(mut self, then: Then) -> Confirm {
        self.cancel = then;
        self
    }

    /// Adds an answer.
    pub fn choice(mut self, answer: Answer, label: impl Into<String>, then: Then) -> Confirm {
        self.choices.push(Choice {
            answer,
            label: label.into(),
            then,
        });
        self
    }

    /// What an answer does: `None` when this question does not offer it.
    pub fn answer(&self, answer: Answer) -> Option<Then> {
        if answer == Answer::Cancel {
            return Some(self.cancel.clone());
        }
        self.choices
            .iter()
            .find(|c| c.answer == answer)
            .map(|c| c.then.clone())
    }
}
