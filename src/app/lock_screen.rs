//! The screen lock of an encrypted caseload: after a set time without a key the screen is
//! cleared and the passphrase (or recovery key) asked again. Everything underneath stays
//! as it was: an open form keeps its draft (ticks go on saving it), work in the background
//! goes on.

use super::App;
use crate::i18n::tn;
use crate::vault::prompt::{Done, Prompt};
use ratatui::crossterm::event::KeyEvent;
use std::time::{Duration, Instant};

/// When the screen locks.
pub(super) struct Guard {
    pub after: Duration,
    pub last_key: Instant,
}

impl App {
    /// Locks the screen after `after` without a key (an encrypted caseload; the app as the
    /// terminal starts it sets this from `casework.toml`).
    pub fn lock_after(&mut self, after: Duration) {
        self.guard = Some(Guard {
            after,
            last_key: Instant::now(),
        });
    }

    /// Whether the screen is locked.
    pub fn is_locked(&self) -> bool {
        self.state.locked.is_some()
    }

    /// A key while locked goes to the prompt; `false` when not locked (the key is the
    /// app's), and the time without keys starts again.
    pub(super) fn lock_key(&mut self, key: KeyEvent) -> bool {
        let now = Instant::now();
        if let Some(g) = self.guard.as_mut() {
            g.last_key = now;
        }
        let Some(prompt) = self.state.locked.as_mut() else {
            return false;
        };
        if let Some(Done::Quit) = prompt.key(key, now) {
            // Quitting from the lock saves the draft as quitting always does.
            self.state.locked = None;
            self.dispatch(super::action::Action::Quit);
        }
        true
    }

    /// A click or the wheel: the time without keys starts again; `true` while locked
    /// (the prompt takes no mouse, so it does nothing).
    pub(super) fn lock_mouse(&mut self) -> bool {
        if let Some(g) = self.guard.as_mut() {
            g.last_key = Instant::now();
        }
        self.state.locked.is_some()
    }

    /// Pasted text while locked goes to the prompt.
    pub(super) fn lock_paste(&mut self, text: &str) -> bool {
        match self.state.locked.as_mut() {
            Some(p) => {
                p.paste(text);
                true
            }
            None => false,
        }
    }

    /// On a tick: the passphrase typed is checked, or the screen locks when its time has
    /// come. The key file is read afresh (the passphrase may have been changed meanwhile).
    pub(super) fn lock_tick(&mut self) {
        let now = Instant::now();
        if let Some(prompt) = self.state.locked.as_mut() {
            match prompt.work(now) {
                Some(Done::Unlocked(key)) => {
                    let ours = self.store.key_file().ok().flatten();
                    if ours.is_some_and(|k| k.key_id == key.id()) {
                        self.state.locked = None;
                        if let Some(g) = self.guard.as_mut() {
                            g.last_key = now;
                        }
                    }
                }
                Some(Done::Quit) => {
                    self.state.locked = None;
                    self.dispatch(super::action::Action::Quit);
                }
                _ => {}
            }
            return;
        }
        let Some(g) = self.guard.as_ref() else {
            return;
        };
        if now.duration_since(g.last_key) < g.after {
            return;
        }
        let minutes = g.after.as_secs() / 60;
        if let Ok(Some(keys)) = self.store.key_file() {
            self.state.locked = Some(Prompt::unlock(keys));
            let lang = self.state.lang;
            self.state
                .info(&tn(lang, "vault.locked_idle", minutes, &[]));
        }
    }

    /// Whether the lock's prompt has work waiting (the loop then comes back soon).
    pub(super) fn lock_busy(&self) -> bool {
        self.state.locked.as_ref().is_some_and(|p| p.pending)
    }
}
