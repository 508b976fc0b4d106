//! Undo and redo of this session's changes: each save's change set (kept by the store) with
//! the words that say what it was ("agreement changed for Jan Jansen"), on two stacks.

use crate::domain::history;
use crate::domain::model::Id;
use crate::i18n::{Lang, tf};
use crate::store::ChangeSummary;

/// How many changes of a session can be undone.
pub const DEPTH: usize = 100;

/// One change of the session: its change set, what it was, and its client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub set: Id,
    pub what: String,
    pub client: Option<Id>,
}

/// The changes that can be undone (newest last) and those undone that can be redone.
#[derive(Debug, Default)]
pub struct Changes {
    pub undo: Vec<Change>,
    pub redo: Vec<Change>,
}

impl Changes {
    /// A new change: undoable, and what was undone can no longer be redone.
    pub fn made(&mut self, change: Change) {
        self.undo.push(change);
        if self.undo.len() > DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
    }
}

/// What a change set did, in the caseworker's words.
pub fn describe(s: &ChangeSummary, lang: Lang) -> String {
    let what = history::what(&s.table, &s.op, lang);
    match &s.client_name {
        Some(name) => tf(
            lang,
            "change.for_client",
            &[("what", &what), ("name", name)],
        ),
        None => what,
    }
}
