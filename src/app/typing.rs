//! Keys while text is typed into a filter or the report's period: the text changes and
//! what it filters follows; Enter or Esc ends the typing.

use super::action::Action;
use super::effect::Effect;
use super::layer::Target;
use super::state::State;
use crate::i18n::t;
use ratatui::crossterm::event::Event;
use tui_input::backend::crossterm::EventHandler;

impl State {
    /// Keys while typing into a filter or the report's period.
    pub(super) fn act_typing(&mut self, target: Target, action: Action) -> Vec<Effect> {
        let (lang, height) = (self.lang, self.list_height());
        match action {
            Action::AcceptFilter if target == Target::Period => {
                match self.reports.apply_typed(self.today) {
                    Ok(effects) => {
                        self.layers.pop();
                        effects
                    }
                    Err(key) => {
                        self.error(t(lang, key));
                        Vec::new()
                    }
                }
            }
            Action::AcceptFilter => {
                self.layers.pop();
                Vec::new()
            }
            Action::ClearFilter => {
                self.layers.pop();
                match target {
                    Target::Period => {
                        self.reports.input.reset();
                        Vec::new()
                    }
                    Target::AgendaFilter => {
                        let cx = (lang, &self.assets.catalog, self.today);
                        self.agenda.clear_filter(cx, height)
                    }
                    Target::CaseloadFilter => self.caseload.clear_filter(lang, self.today, height),
                }
            }
            Action::Quit => self.quit(),
            Action::Down | Action::Up if target == Target::CaseloadFilter => {
                let delta = if action == Action::Down { 1 } else { -1 };
                self.caseload.move_cursor(delta, height)
            }
            Action::Down | Action::Up if target == Target::AgendaFilter => {
                let delta = if action == Action::Down { 1 } else { -1 };
                self.agenda.move_cursor(delta, height)
            }
            Action::Input(key) => self.type_into(target, Event::Key(key)),
            Action::Paste(text) => self.type_into(target, Event::Paste(text)),
            _ => Vec::new(),
        }
    }

    /// Text typed or pasted into a target; a changed filter shows its first match.
    pub(super) fn type_into(&mut self, target: Target, event: Event) -> Vec<Effect> {
        let lang = self.lang;
        let input = match target {
            Target::Period => &mut self.reports.input,
            Target::AgendaFilter => &mut self.agenda.list.filter,
            Target::CaseloadFilter => &mut self.caseload.list.filter,
        };
        let changed = match event {
            Event::Paste(text) => {
                crate::form::paste::into_input(input, &text, crate::form::paste::FILTER_MAX).changed
            }
            event => input.handle_event(&event).is_some(),
        };
        if !changed {
            return Vec::new();
        }
        match target {
            Target::Period => Vec::new(),
            Target::AgendaFilter => {
                let height = self.list_height();
                let cx = (lang, &self.assets.catalog, self.today);
                self.agenda.filtered(cx, height)
            }
            Target::CaseloadFilter => {
                let height = self.list_height();
                self.caseload.filtered(lang, self.today, height)
            }
        }
    }
}
