//! The command palette (`:` or Ctrl-P): every action of where the keyboard is, from the
//! same keymap rows as the footer and the help, ranked as a picker ranks what is typed.
//! An action that does not apply now is greyed and says why; Enter does what its key does.

use super::action::Action;
use super::effect::Effect;
use super::layer::Layer;
use super::state::State;
use crate::form::{Opt, Picker};
use crate::i18n::t;
use crate::keymap::{self, Mode, key_label};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::backend::crossterm::EventHandler;

/// The palette over the screen.
pub struct Palette {
    /// Where the keyboard was when it opened (whose actions it lists).
    pub under: Mode,
    /// One per action: its description as the label, its key as the hint.
    pub options: Vec<Opt>,
    pub actions: Vec<Action>,
    /// Why an action does not apply now (an i18n key), per option.
    pub unavailable: Vec<Option<&'static str>>,
    pub picker: Picker,
}

/// Moving about is what the palette itself does: those rows are left out.
fn listed(action: &Action) -> bool {
    !matches!(
        action,
        Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom
            | Action::Palette
    )
}

impl State {
    /// Opens the palette over what has the keyboard now.
    pub(super) fn open_palette(&mut self) -> Vec<Effect> {
        let under = self.mode();
        let mut actions: Vec<Action> = Vec::new();
        let mut options = Vec::new();
        let mut unavailable = Vec::new();
        // Where the keyboard is first, then what works everywhere.
        let own = keymap::bindings(under).filter(|b| b.mode == under);
        let everywhere = keymap::bindings(under).filter(|b| b.mode != under);
        for b in own.chain(everywhere) {
            if !listed(&b.action) || actions.contains(&b.action) {
                continue;
            }
            let why = super::commands::availability(self, &b.action).err();
            options.push(Opt {
                code: actions.len().to_string(),
                label: t(self.lang, b.desc).to_owned(),
                hint: key_label(b.key),
            });
            unavailable.push(why);
            actions.push(b.action.clone());
        }
        let picker = Picker::new(&options, false, None);
        self.layers.push(Layer::Palette(Box::new(Palette {
            under,
            options,
            actions,
            unavailable,
            picker,
        })));
        Vec::new()
    }

    /// A key while the palette is open: typing ranks, Enter does the action under the
    /// cursor (or says why it does not apply), Esc closes.
    pub(super) fn act_palette(&mut self, action: Action) -> Vec<Effect> {
        let Some(Layer::Palette(p)) = self.layers.last_mut() else {
            return Vec::new();
        };
        match action {
            Action::Quit => return self.quit(),
            Action::Leave | Action::Palette => {
                self.layers.pop();
            }
            Action::Down => p.picker.move_by(1),
            Action::Up => p.picker.move_by(-1),
            Action::PageDown => p.picker.move_by(10),
            Action::PageUp => p.picker.move_by(-10),
            Action::Scroll(_, delta) => p.picker.move_by(delta),
            // A click on a row puts the cursor there; on the row under it, does it.
            Action::ClickRow(n) if n != p.picker.selected => {
                p.picker.selected = n.min(p.picker.visible.len().saturating_sub(1));
            }
            Action::ClickRow(_) => return self.act_palette(Action::Enter),
            Action::Input(key) => {
                p.picker.filter.handle_event(&Event::Key(key));
                p.picker.refilter(&p.options);
            }
            Action::Paste(text) => {
                for c in text.chars().filter(|c| !c.is_control()) {
                    p.picker
                        .filter
                        .handle_event(&Event::Key(KeyEvent::from(KeyCode::Char(c))));
                }
                p.picker.refilter(&p.options);
            }
            Action::Enter => {
                // Nothing matches what was typed: nothing is done, the palette stays.
                let Some(i) = p.picker.visible.get(p.picker.selected).copied() else {
                    return Vec::new();
                };
                let (chosen, why) = (p.actions[i].clone(), p.unavailable[i]);
                self.layers.pop();
                if let Some(why) = why {
                    self.error(t(self.lang, why));
                    return Vec::new();
                }
                return self.act(chosen);
            }
            _ => {}
        }
        Vec::new()
    }
}
