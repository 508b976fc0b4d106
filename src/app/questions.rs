//! The form on the stack and the answers around it: form and picker keys, saving,
//! leaving and quitting (asking first when something changed), the draft written before,
//! and what each answer does. The questions themselves are in [`super::asking`].

use super::action::{Action, Answer, Then};
use super::confirm::Confirm;
use super::effect::{Effect, Op};
use super::form_layer::Step;
use super::layer::Layer;
use super::state::State;
use super::workflows::{FormKind, Start};
use crate::domain::model::Id;
use crate::i18n::{t, tf, tn};
use crate::store::ErrorKind;

impl State {
    /// A key of the form on top; `None` when it is not one (it goes to the screen).
    pub(super) fn act_form(&mut self, action: &Action) -> Option<Vec<Effect>> {
        if *action == Action::Quit {
            return Some(self.quit());
        }
        if *action == Action::Palette {
            return Some(self.open_palette());
        }
        let lang = self.lang;
        let assets = self.assets.clone();
        let cx = super::workflows::Cx {
            lang,
            today: self.today,
            assets: &assets,
        };
        let notes_width = crate::layout::form_values_on(self.size);
        let Some(Layer::Form(f)) = self.layers.last_mut() else {
            return None;
        };
        match f.act(action, &cx, notes_width) {
            Step::Pass => Some(Vec::new()),
            Step::Done(effects, prompt) => {
                let mut effects = effects;
                if let Some(p) = prompt {
                    effects.extend(self.ask(p));
                }
                Some(effects)
            }
            Step::Pick(picker) => {
                self.layers.push(Layer::Picker(picker));
                Some(Vec::new())
            }
            Step::Refused(n) => {
                self.error(&tn(lang, "form.errors", n as u64, &[]));
                Some(Vec::new())
            }
            Step::Save => Some(vec![Effect::Commit]),
            Step::Leave => Some(self.leave_form()),
        }
    }

    /// A key of the picker on top of the form.
    pub(super) fn act_picker(&mut self, action: Action) -> Vec<Effect> {
        if action == Action::Quit {
            return self.quit();
        }
        let assets = self.assets.clone();
        let cx = super::workflows::Cx {
            lang: self.lang,
            today: self.today,
            assets: &assets,
        };
        let Some(Layer::Picker(mut picker)) = self.layers.pop() else {
            return Vec::new();
        };
        let Some(f) = self.form_mut() else {
            return Vec::new();
        };
        match f.pick(&mut picker, &action, &cx) {
            Some((true, effects)) => effects,
            Some((false, effects)) => {
                self.layers.push(Layer::Picker(picker));
                effects
            }
            None => {
                self.layers.push(Layer::Picker(picker));
                Vec::new()
            }
        }
    }

    /// Leaves the form, asking first when something changed: whether to keep the draft,
    /// or, when no draft can be written, whether to leave and lose what was typed.
    pub(super) fn leave_form(&mut self) -> Vec<Effect> {
        match self.form() {
            None => Vec::new(),
            Some(f) if !f.form.dirty => self.close_form(true),
            Some(_) => self.before_the_form_goes(Then::LeaveDiscard),
        }
    }

    /// Quits, asking first when a changed form is open.
    pub(super) fn quit(&mut self) -> Vec<Effect> {
        if !self.form().is_some_and(|f| f.form.dirty) {
            self.should_quit = true;
            return Vec::new();
        }
        self.before_the_form_goes(Then::QuitDiscard)
    }

    /// The question before a changed form goes (leaving it, quitting): the draft is
    /// written first, and the question follows once it is (see [`State::draft_written`]).
    fn before_the_form_goes(&mut self, lose: Then) -> Vec<Effect> {
        self.flush(lose)
    }

    /// Writes the draft of the open form when it changed, then does `then` (at once
    /// when nothing was to be written).
    fn flush(&mut self, then: Then) -> Vec<Effect> {
        self.after_draft = Some(then);
        match self.write_draft() {
            Some(e) => vec![e],
            None => {
                let failed = self.form().and_then(|f| f.draft_failed);
                self.draft_written(failed)
            }
        }
    }

    /// The draft of the open form to write, when it changed since it was last written.
    pub(super) fn write_draft(&mut self) -> Option<Effect> {
        let f = self.form_mut()?;
        if !f.form.draft_pending {
            return None;
        }
        f.form.draft_pending = false;
        Some(Effect::WriteDraft {
            kind: f.kind(),
            subject: f.subject(),
            data: f.form.to_draft().to_string(),
        })
    }

    /// The draft was written (or not): the question waiting for it now shows. It says
    /// that what was typed is lost when no draft could be written (only `d` goes on).
    pub(super) fn draft_written(&mut self, failed: Option<ErrorKind>) -> Vec<Effect> {
        let lang = self.lang;
        let Some(then) = self.after_draft.take() else {
            return Vec::new();
        };
        let quitting = matches!(then, Then::QuitDiscard | Then::QuitNow);
        match (then, failed) {
            (Then::QuitNow, None) => {
                self.should_quit = true;
                Vec::new()
            }
            (Then::LeaveKeepDraft, None) => {
                let effects = self.close_form(false);
                self.info(t(lang, "draft.kept"));
                effects
            }
            (_, Some(kind)) => {
                let (title, message, answer) = if quitting {
                    (
                        "quit.title",
                        "robust.store.quit_lost",
                        "robust.store.quit_lose",
                    )
                } else {
                    (
                        "leave.title",
                        "robust.store.leave_lost",
                        "robust.store.leave_lose",
                    )
                };
                let lose = if quitting {
                    Then::QuitDiscard
                } else {
                    Then::LeaveDiscard
                };
                let message = tf(lang, message, &[("cause", &kind.cause(lang))]);
                self.layers.push(Layer::Confirm(
                    Confirm::new(t(lang, title), message).choice(
                        Answer::Discard,
                        t(lang, answer),
                        lose,
                    ),
                ));
                Vec::new()
            }
            (_, None) if quitting => {
                self.layers.push(Layer::Confirm(
                    Confirm::new(t(lang, "quit.title"), t(lang, "quit.message")).choice(
                        Answer::Yes,
                        t(lang, "quit.yes"),
                        Then::QuitNow,
                    ),
                ));
                Vec::new()
            }
            (_, None) => {
                self.layers.push(Layer::Confirm(
                    Confirm::new(t(lang, "leave.title"), t(lang, "leave.message"))
                        .choice(Answer::Yes, t(lang, "leave.keep"), Then::LeaveKeepDraft)
                        .choice(
                            Answer::Discard,
                            t(lang, "leave.discard"),
                            Then::LeaveDiscard,
                        ),
                ));
                Vec::new()
            }
        }
    }

    /// Closes the form on top; its draft is thrown away when `discard`. Back where the
    /// form was opened from (the agenda).
    pub(super) fn close_form(&mut self, discard: bool) -> Vec<Effect> {
        let Some(pos) = self
            .layers
            .iter()
            .rposition(|l| matches!(l, Layer::Form(_)))
        else {
            return Vec::new();
        };
        let Layer::Form(f) = self.layers.remove(pos) else {
            return Vec::new();
        };
        self.layers.truncate(pos);
        let mut effects = Vec::new();
        if discard {
            effects.push(Effect::DiscardDraft {
                kind: f.kind(),
                subject: f.subject(),
            });
        }
        if let Some(screen) = f.from {
            // The status line says what happened; showing the screen keeps it.
            let status = self.status.take();
            effects.extend(self.show(screen));
            self.status = status;
        }
        effects
    }

    /// Answers the question on top.
    pub(super) fn answer(&mut self, action: Action) -> Vec<Effect> {
        let answer = match action {
            Action::Answer(a) => a,
            Action::Leave | Action::Back => Answer::Cancel,
            Action::Quit => {
                self.layers.pop();
                return self.quit();
            }
            _ => return Vec::new(),
        };
        let Some(Layer::Confirm(c)) = self.layers.last() else {
            return Vec::new();
        };
        let Some(then) = c.answer(answer) else {
            return Vec::new();
        };
        self.layers.pop();
        self.then(then)
    }

    /// Does what an answer means.
    fn then(&mut self, then: Then) -> Vec<Effect> {
        match then {
            Then::Nothing => Vec::new(),
            Then::LeaveKeepDraft | Then::QuitNow => self.flush(then),
            Then::LeaveDiscard => self.close_form(true),
            Then::QuitDiscard => {
                self.should_quit = true;
                Vec::new()
            }
            Then::ResumeDraft => vec![Effect::ResumeDraft],
            Then::FreshForm => match self.form() {
                Some(f) => vec![Effect::DiscardDraft {
                    kind: f.kind(),
                    subject: f.subject(),
                }],
                None => Vec::new(),
            },
            Then::OpenClient(id) => {
                let mut effects = Vec::new();
                if self.form().is_some() {
                    effects = self.flush(Then::LeaveKeepDraft);
                }
                effects.extend(self.open_client(id));
                effects
            }
            Then::NewEpisodeFor(id) => {
                let carry = self
                    .form()
                    .map(|f| (f.form.to_draft(), f.kind(), f.subject()));
                let mut start = Start::new(FormKind::Intake, Some(id));
                start.carry = carry;
                vec![Effect::OpenForm(start)]
            }
            Then::Extend(plan) => match self.caseload.file_client() {
                Some(client) => vec![Effect::Op(Op::Extend { plan, client })],
                None => Vec::new(),
            },
            Then::TakeBack(id) => vec![Effect::Op(Op::TakeBack(id))],
            Then::Undo(set) => vec![Effect::Op(Op::Undo(set))],
            Then::AssignJobhunter(episode) => vec![Effect::Op(Op::AssignJobhunter(episode))],
        }
    }

    /// Whether a client is the one whose file is shown.
    pub(super) fn is_shown(&self, client_id: Id) -> bool {
        self.caseload.file_client() == Some(client_id)
    }
}
