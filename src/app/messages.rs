//! The status line and the session's messages: what `error` and `info` say stands until
//! the next key, and the last [`MESSAGES`] of the session stay for `M`.

use super::effect::Effect;
use super::layer::Layer;
use super::state::{State, StatusKind};
use crate::i18n::t;

/// How many messages of a session `M` can show.
pub const MESSAGES: usize = 50;

impl State {
    /// Shows an error in the status line.
    pub fn error(&mut self, msg: &str) {
        self.say(msg, StatusKind::Error);
    }

    /// Shows information in the status line.
    pub fn info(&mut self, msg: &str) {
        self.say(msg, StatusKind::Info);
    }

    /// Shows a message in the status line and keeps it for `M`.
    pub(super) fn say(&mut self, msg: &str, kind: StatusKind) {
        self.status = Some((msg.to_owned(), kind));
        if self.messages.len() == MESSAGES {
            self.messages.pop_front();
        }
        self.messages.push_back((msg.to_owned(), kind));
    }

    /// `M`: the session's messages, newest first, over the screen.
    pub(super) fn show_messages(&mut self) -> Vec<Effect> {
        let entries = self
            .messages
            .iter()
            .rev()
            .map(|(msg, kind)| crate::domain::history::Entry {
                when: match kind {
                    StatusKind::Error => "✗".to_owned(),
                    StatusKind::Info => "·".to_owned(),
                },
                what: msg.clone(),
                details: Vec::new(),
            })
            .collect();
        self.layers
            .push(Layer::History(Box::new(super::layer::HistoryView {
                title: t(self.lang, "messages.title").to_owned(),
                empty: t(self.lang, "messages.empty").to_owned(),
                entries,
                scroll: 0,
            })));
        Vec::new()
    }
}
