//! Search over everything (Ctrl-F): what is typed is looked up in the search index at every
//! key (a client by number, BSN or name; a note or an agreement by a word in it), and
//! Enter opens the client's file at the item found.

use super::action::{Action, Screen};
use super::effect::{Effect, Read};
use super::layer::Layer;
use super::screens::caseload::Focus;
use super::state::State;
use crate::domain::search::Needle;
use crate::store::search::Hit;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

/// The search over the screen: what is typed, and what it found.
#[derive(Debug, Default)]
pub struct SearchView {
    pub input: Input,
    /// The words of what is typed (to mark them in the results).
    pub needle: Needle,
    /// What the index found for the text typed now.
    pub hits: Vec<Hit>,
    /// The result under the cursor.
    pub selected: usize,
}

impl SearchView {
    /// Whether enough is typed to search (two letters or digits).
    pub fn searching(&self) -> bool {
        self.needle.fts_query().is_some()
    }
}

impl State {
    /// Opens the search (from anywhere without a form).
    pub(super) fn open_search(&mut self) -> Vec<Effect> {
        self.layers.push(Layer::Search(Box::default()));
        Vec::new()
    }

    /// A key while the search is open: typing searches, the arrows choose, Enter opens the
    /// client at the item found, Esc closes.
    pub(super) fn act_search(&mut self, action: Action) -> Vec<Effect> {
        let Some(Layer::Search(s)) = self.layers.last_mut() else {
            return Vec::new();
        };
        let before = s.input.value().to_owned();
        match action {
            Action::Quit => return self.quit(),
            Action::Leave | Action::Search => {
                self.layers.pop();
                return Vec::new();
            }
            Action::Down => s.selected = (s.selected + 1).min(s.hits.len().saturating_sub(1)),
            Action::Up => s.selected = s.selected.saturating_sub(1),
            Action::PageDown => s.selected = (s.selected + 10).min(s.hits.len().saturating_sub(1)),
            Action::PageUp => s.selected = s.selected.saturating_sub(10),
            Action::Scroll(_, delta) => {
                let last = s.hits.len().saturating_sub(1);
                s.selected = s.selected.saturating_add_signed(delta).min(last);
            }
            // A click on a result puts the cursor there; on the one under it, opens it.
            Action::ClickRow(n) if n != s.selected => {
                s.selected = n.min(s.hits.len().saturating_sub(1))
            }
            Action::ClickRow(_) => return self.act_search(Action::Enter),
            Action::Input(key) => {
                s.input.handle_event(&Event::Key(key));
            }
            Action::Paste(text) => {
                // One line, without control characters, at most a sentence long.
                for c in text.chars().filter(|c| !c.is_control()).take(200) {
                    s.input
                        .handle_event(&Event::Key(KeyEvent::from(KeyCode::Char(c))));
                }
            }
            Action::Enter => {
                let Some(hit) = s.hits.get(s.selected).cloned() else {
                    return Vec::new();
                };
                self.layers.pop();
                return self.open_hit(&hit);
            }
            _ => {}
        }
        if s.input.value() == before {
            return Vec::new();
        }
        s.needle = Needle::new(s.input.value());
        s.selected = 0;
        if !s.searching() {
            s.hits.clear();
            return Vec::new();
        }
        vec![Effect::Read(Read::Search(s.input.value().to_owned()))]
    }

    /// What the index found for `typed`: kept when it is still what is typed.
    pub(super) fn got_found(&mut self, typed: &str, hits: Vec<Hit>) {
        if let Some(Layer::Search(s)) = self.layers.last_mut()
            && s.input.value() == typed
        {
            s.hits = hits;
            s.selected = 0;
        }
    }

    /// The client of a result, their file open at the note or agreement found.
    fn open_hit(&mut self, hit: &Hit) -> Vec<Effect> {
        self.screen = Screen::Caseload;
        self.return_to = None;
        let effects = self.open_client(hit.client_id);
        self.caseload.want(hit.kind);
        self.caseload.focus = Focus::File;
        effects
    }
}
