//! The passphrase screens as state: unlocking (passphrase or recovery key, three tries and
//! then a growing wait), and choosing a new passphrase (twice, with its strength), after
//! which the recovery key is shown once. Keys in, a [`Done`] out; drawn by `ui::vault`.

use super::strength::{MIN_CHARS, Strength, strength};
use super::{DataKey, Kdf, KeyFile};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::{Duration, Instant};
use zeroize::Zeroizing;

/// Which screen the prompt is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Unlock,
    NewFirst,
    NewRepeat,
    ShowRecovery,
}

/// How the prompt ended.
pub enum Done {
    Unlocked(DataKey),
    /// A new key file (not written yet) and its data key.
    Created(Box<KeyFile>, DataKey),
    Quit,
}

/// A message under the field: its i18n key and the number it names (seconds, tries).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Said {
    pub key: &'static str,
    pub n: u64,
}

/// The state of a passphrase screen.
pub struct Prompt {
    step: Step,
    typed: Zeroizing<String>,
    first: Zeroizing<String>,
    keys: Option<KeyFile>,
    created: Option<(KeyFile, DataKey)>,
    recovery: Option<Zeroizing<String>>,
    kdf: Kdf,
    failures: u32,
    wait_until: Option<Instant>,
    /// Enter was pressed: the slow part (Argon2id) runs once "Unlocking…" is on screen.
    pub pending: bool,
    pub said: Option<Said>,
    /// Unlocked with the recovery key (a new passphrase should be chosen).
    pub by_recovery: bool,
}

/// The wait after the `n`th wrong try: none for the first three, then 5 s doubling up to
/// five minutes.
pub fn wait_after(failures: u32) -> Duration {
    if failures < 3 {
        return Duration::ZERO;
    }
    let secs = 5u64.saturating_mul(1 << (failures - 3).min(6));
    Duration::from_secs(secs.min(300))
}

impl Prompt {
    /// Asks for the passphrase (or recovery key) that opens `keys`.
    pub fn unlock(keys: KeyFile) -> Prompt {
        Prompt::new(Step::Unlock, Some(keys), Kdf::DEFAULT)
    }

    /// Asks for a new passphrase, twice; `kdf`: how hard it is stretched.
    pub fn choose(kdf: Kdf) -> Prompt {
        Prompt::new(Step::NewFirst, None, kdf)
    }

    fn new(step: Step, keys: Option<KeyFile>, kdf: Kdf) -> Prompt {
        Prompt {
            step,
            typed: Zeroizing::new(String::new()),
            first: Zeroizing::new(String::new()),
            keys,
            created: None,
            recovery: None,
            kdf,
            failures: 0,
            wait_until: None,
            pending: false,
            said: None,
            by_recovery: false,
        }
    }

    pub fn step(&self) -> Step {
        self.step
    }

    /// How many characters are typed (shown as dots, never the characters).
    pub fn typed_len(&self) -> usize {
        self.typed.chars().count()
    }

    /// The strength of what is typed, while a new passphrase is chosen.
    pub fn strength(&self) -> Option<Strength> {
        (self.step == Step::NewFirst && !self.typed.is_empty()).then(|| strength(&self.typed))
    }

    /// The recovery key to write down (on its screen only).
    pub fn recovery(&self) -> Option<&str> {
        self.recovery.as_ref().map(|r| r.as_str())
    }

    /// What is typed on the recovery screen (the last four characters, not secret).
    pub fn typed_plain(&self) -> Option<&str> {
        (self.step == Step::ShowRecovery).then(|| self.typed.as_str())
    }

    /// Seconds left to wait before the next try, at `now`.
    pub fn waiting(&self, now: Instant) -> Option<u64> {
        let until = self.wait_until?;
        (until > now).then(|| {
            let left = until - now;
            left.as_secs() + u64::from(left.subsec_nanos() > 0)
        })
    }

    /// A key pressed at `now`. `Some` when the prompt is done.
    pub fn key(&mut self, key: KeyEvent, now: Instant) -> Option<Done> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('c') if ctrl => return Some(Done::Quit),
            KeyCode::Esc if self.step != Step::ShowRecovery => return Some(Done::Quit),
            KeyCode::Char('u') if ctrl => self.typed.clear(),
            KeyCode::Char(c) if !ctrl => {
                if self.wait_until.is_none_or(|u| u <= now) {
                    self.said = None;
                }
                // A huge paste would only be refused: the field holds 1,024 characters.
                if self.typed.len() < 1024 {
                    self.typed.push(c);
                }
            }
            KeyCode::Backspace => {
                self.typed.pop();
            }
            KeyCode::Enter => {
                if let Some(s) = self.waiting(now) {
                    self.said = Some(Said {
                        key: "vault.wrong_wait",
                        n: s,
                    });
                } else {
                    self.pending = true;
                    self.said = None;
                }
            }
            _ => {}
        }
        None
    }

    /// Pasted text, as typed characters (line breaks dropped).
    pub fn paste(&mut self, text: &str) {
        for c in text.chars().filter(|c| !c.is_control()) {
            if self.typed.len() >= 1024 {
                break;
            }
            self.typed.push(c);
        }
    }

    /// The work Enter asked for (the slow part is here), at `now`.
    pub fn work(&mut self, now: Instant) -> Option<Done> {
        if !std::mem::take(&mut self.pending) {
            return None;
        }
        let typed = std::mem::replace(&mut self.typed, Zeroizing::new(String::new()));
        match self.step {
            Step::Unlock => {
                let keys = self.keys.as_ref()?;
                match keys.unlock(&typed) {
                    Ok(key) => {
                        self.by_recovery = super::RecoveryKey::parse(&typed)
                            .is_some_and(|r| keys.unlock_recovery(&r).is_ok());
                        return Some(Done::Unlocked(key));
                    }
                    Err(_) => {
                        self.failures += 1;
                        let wait = wait_after(self.failures);
                        self.said = Some(if wait.is_zero() {
                            Said {
                                key: "vault.wrong_tries",
                                n: u64::from(self.failures),
                            }
                        } else {
                            self.wait_until = Some(now + wait);
                            Said {
                                key: "vault.wrong_wait",
                                n: wait.as_secs(),
                            }
                        });
                    }
                }
            }
            Step::NewFirst => {
                if strength(&typed) == Strength::Weak {
                    self.said = Some(Said {
                        key: "vault.too_weak",
                        n: MIN_CHARS as u64,
                    });
                } else {
                    self.first = typed;
                    self.step = Step::NewRepeat;
                }
            }
            Step::NewRepeat => {
                if *typed != *self.first {
                    self.first.clear();
                    self.step = Step::NewFirst;
                    self.said = Some(Said {
                        key: "vault.mismatch",
                        n: 0,
                    });
                } else {
                    let (file, key, recovery) = KeyFile::create(&typed, self.kdf);
                    self.first.clear();
                    self.recovery = Some(recovery.shown());
                    self.created = Some((file, key));
                    self.step = Step::ShowRecovery;
                }
            }
            Step::ShowRecovery => {
                let shown = self
                    .recovery
                    .as_ref()
                    .map(|r| r.as_str())
                    .unwrap_or_default();
                let last = &shown[shown.len().saturating_sub(4)..];
                if typed.trim().eq_ignore_ascii_case(last) {
                    self.recovery = None;
                    let (file, key) = self.created.take()?;
                    return Some(Done::Created(Box::new(file), key));
                }
                self.said = Some(Said {
                    key: "vault.recovery_confirm_wrong",
                    n: 0,
                });
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEvent;

    fn typed(p: &mut Prompt, text: &str, now: Instant) -> Option<Done> {
        p.paste(text);
        p.key(KeyEvent::from(KeyCode::Enter), now);
        p.work(now)
    }

    #[test]
    fn three_wrong_tries_then_a_wait_that_grows_and_the_right_one_opens() {
        let (file, key, _) = KeyFile::create("the right passphrase", Kdf::FOR_TESTS);
        let mut p = Prompt::unlock(file);
        let t0 = Instant::now();
        for n in 1..=2 {
            assert!(typed(&mut p, "wrong", t0).is_none());
            assert_eq!(p.said.unwrap().n, n);
            assert!(p.waiting(t0).is_none());
        }
        assert!(typed(&mut p, "wrong", t0).is_none());
        assert_eq!(p.waiting(t0), Some(5));
        // While waiting, even the right passphrase is not tried.
        assert!(typed(&mut p, "the right passphrase", t0).is_none());
        assert_eq!(p.said.unwrap().key, "vault.wrong_wait");
        let later = t0 + Duration::from_secs(5);
        assert!(typed(&mut p, "wrong", later).is_none());
        assert_eq!(p.said.unwrap().n, 10);
        let later = later + Duration::from_secs(10);
        match typed(&mut p, "the right passphrase", later) {
            Some(Done::Unlocked(k)) => assert_eq!(k.id(), key.id()),
            _ => panic!("not unlocked"),
        }
        assert_eq!(wait_after(20), Duration::from_secs(300));
    }

    #[test]
    fn a_new_passphrase_is_refused_when_weak_or_mistyped_and_the_recovery_key_confirmed() {
        let mut p = Prompt::choose(Kdf::FOR_TESTS);
        let t = Instant::now();
        assert!(typed(&mut p, "geheim", t).is_none());
        assert_eq!(p.said.unwrap().key, "vault.too_weak");
        assert_eq!(p.step(), Step::NewFirst);
        assert!(typed(&mut p, "fiets paraplu molen", t).is_none());
        assert_eq!(p.step(), Step::NewRepeat);
        assert!(typed(&mut p, "fiets paraplu mole", t).is_none());
        assert_eq!(p.said.unwrap().key, "vault.mismatch");
        assert_eq!(p.step(), Step::NewFirst);
        typed(&mut p, "fiets paraplu molen", t);
        assert!(typed(&mut p, "fiets paraplu molen", t).is_none());
        assert_eq!(p.step(), Step::ShowRecovery);
        let shown = p.recovery().unwrap().to_owned();
        assert!(typed(&mut p, "XXXX", t).is_none());
        assert_eq!(p.said.unwrap().key, "vault.recovery_confirm_wrong");
        match typed(&mut p, &shown[shown.len() - 4..].to_lowercase(), t) {
            Some(Done::Created(file, key)) => {
                assert_eq!(file.unlock("fiets paraplu molen").unwrap().id(), key.id());
                assert_eq!(file.unlock(&shown).unwrap().id(), key.id());
            }
            _ => panic!("not created"),
        }
    }
}
