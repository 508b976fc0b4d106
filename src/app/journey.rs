//! Starting the workflows from the list and the client file: intake, edit, re-assessment,
//! a new benefit period; the known-BSN question; quitting with a form open.

use super::action::Action;
use super::confirm::Confirm;
use super::flows::intake::{IntakeFlow, IntakeMode, ReassessFlow};
use super::flows::{Flow, Prompt};
use super::{App, Focus};
use crate::i18n::{t, tf};
use ratatui::crossterm::event::KeyCode;

impl App {
    /// The client whose file is shown, with their latest episode.
    fn current(&self) -> Option<(i64, crate::domain::model::Episode)> {
        let file = self.file.as_ref()?;
        let ep = file.episodes.last()?.clone();
        Some((file.client.id, ep))
    }

    pub(super) fn new_intake(&mut self) {
        let (form, flow) = IntakeFlow::form(IntakeMode::New, self.lang, self.today);
        self.open_form(form, Flow::Intake(flow));
    }

    pub(super) fn edit_intake(&mut self) {
        let Some((client_id, ep)) = self.current() else {
            return;
        };
        let (mut form, flow) = IntakeFlow::form(
            IntakeMode::Edit {
                client_id,
                episode_id: ep.id,
            },
            self.lang,
            self.today,
        );
        if let Some(file) = &self.file {
            let intake = self.store.intake(ep.id).ok().flatten();
            IntakeFlow::prefill_from(&mut form, &file.client.person, intake.as_ref());
            if let Some(i) = &intake {
                form.prefill(
                    "intake_date",
                    serde_json::json!(i.intake_date.map(crate::domain::date::fmt_date)),
                );
                form.prefill(
                    "plan_agreed_on",
                    serde_json::json!(i.plan_agreed_on.map(crate::domain::date::fmt_date)),
                );
            }
        }
        form.prefill(
            "benefit_start",
            serde_json::json!(crate::domain::date::fmt_date(ep.benefit_start)),
        );
        form.prefill(
            "benefit_type",
            serde_json::json!(crate::domain::codes::Code::code(ep.benefit_type)),
        );
        self.open_form(form, Flow::Intake(flow));
    }

    pub(super) fn reassess(&mut self) {
        let Some((client_id, ep)) = self.current() else {
            return;
        };
        if ep.exit_date.is_some() {
            self.error(t(self.lang, "reassess.closed"));
            return;
        }
        let (form, flow) = ReassessFlow::form(client_id, ep.id, &self.store, self.lang, self.today);
        self.open_form(form, Flow::Reassess(flow));
    }

    pub(super) fn edit_plan(&mut self) {
        let Some((client_id, ep)) = self.current() else {
            return;
        };
        if ep.exit_date.is_some() {
            self.error(t(self.lang, "reassess.closed"));
            return;
        }
        let (form, flow) =
            super::flows::plan::PlanFlow::form(client_id, ep.id, &self.store, self.lang);
        self.open_form(form, Flow::Plan(flow));
    }

    /// Continues a (new) intake as a new benefit period of a known client.
    pub(super) fn new_episode_for(&mut self, client_id: i64) {
        let Ok(Some(client)) = self.store.client(client_id) else {
            return;
        };
        let Ok(Some(prev)) = self.store.latest_episode(client_id) else {
            return;
        };
        if prev.exit_date.is_none() {
            self.error(t(self.lang, "intake.err.still_on_benefit"));
            return;
        }
        let previous_intake = self.store.intake(prev.id).ok().flatten();
        let mode = IntakeMode::NewEpisode {
            client_id,
            previous_episode_id: prev.id,
            bsn: client.person.bsn.as_str().to_owned(),
        };
        let (mut form, flow) = IntakeFlow::form(mode, self.lang, self.today);
        // Keep what was typed in the new intake; fill the rest from the known client.
        let typed = self.form.as_ref().map(|fs| fs.form.to_draft());
        IntakeFlow::prefill_from(&mut form, &client.person, previous_intake.as_ref());
        if let Some(d) = typed {
            form.restore_draft(&d);
        }
        self.form = None;
        self.open_form(form, Flow::Intake(flow));
        self.info(&tf(
            self.lang,
            "intake.new_episode",
            &[("name", &client.person.full_name())],
        ));
    }

    /// Shows a client's file (leaving any form; its draft is kept).
    pub(super) fn open_client(&mut self, client_id: i64) {
        if self.form.is_some() {
            self.close_form(false);
        }
        self.caseload.filter.reset();
        self.caseload.filtering = false;
        self.caseload.apply_filter(self.lang);
        if self.caseload.select_client(client_id) {
            let height = self.list_height();
            self.caseload.scroll_into_view(height);
            self.file = None;
            self.load_file();
        } else {
            // Not in the list yet (still loading): show the file all the same.
            self.file = self.store.client_file(client_id).ok().flatten();
        }
        if self.file.is_some() {
            self.focus = Focus::File;
        }
    }

    /// Says on start when a draft is waiting (D reopens it).
    pub fn announce_drafts(&mut self) {
        if let Ok(drafts) = self.store.drafts()
            && !drafts.is_empty()
        {
            self.info(&tf(self.lang, "draft.on_start", &[("n", &drafts.len())]));
        }
    }

    /// Reopens the form of the newest draft (which then offers the draft).
    pub(super) fn open_draft(&mut self) {
        let Ok(drafts) = self.store.drafts() else {
            return;
        };
        let Some(d) = drafts.first() else {
            self.info(t(self.lang, "draft.none"));
            return;
        };
        let (kind, subject) = (d.form.clone(), d.subject);
        if subject != 0 {
            self.open_client(subject);
        }
        match kind.as_str() {
            "intake" if subject == 0 => self.new_intake(),
            "intake" => self.new_episode_for(subject),
            "intake_edit" => self.edit_intake(),
            "reassess" => self.reassess(),
            "plan" => self.edit_plan(),
            "checkin" => self.check_in(None),
            "aftercare_end" => self.end_aftercare(),
            _ => self.open_form_for_draft(&kind, subject),
        }
    }

    /// Forms of later workflows (hook for their drafts).
    fn open_form_for_draft(&mut self, _kind: &str, _subject: i64) {
        self.info(t(self.lang, "draft.none"));
    }

    /// Turns the open workflow's question into a popup.
    pub(super) fn ask_prompt(&mut self) {
        if let Some(prompt) = self.form.as_mut().and_then(|fs| fs.flow.take_prompt()) {
            self.show_prompt(prompt);
        }
    }

    /// Shows a workflow's question as a popup.
    pub(super) fn show_prompt(&mut self, prompt: Prompt) {
        let lang = self.lang;
        match prompt {
            Prompt::KnownClient {
                client_id,
                name,
                on_benefit,
            } => {
                let number = crate::domain::model::client_number(client_id);
                let mut c = Confirm::new(
                    t(lang, "known.title"),
                    tf(
                        lang,
                        "known.message",
                        &[("name", &name), ("number", &number)],
                    ),
                )
                .choice(
                    KeyCode::Char('o'),
                    t(lang, "known.open"),
                    Action::OpenClient(client_id),
                );
                if !on_benefit {
                    c = c.choice(
                        KeyCode::Char('e'),
                        t(lang, "known.new_episode"),
                        Action::NewEpisodeFor(client_id),
                    );
                }
                self.confirm = Some(c);
            }
            Prompt::Jobhunter { episode_id, .. } => self.ask_jobhunter(episode_id),
        }
    }

    /// Answers the popup; true when the action was for it.
    pub(super) fn update_confirm(&mut self, action: &Action) -> bool {
        let Some(c) = &self.confirm else { return false };
        match action {
            Action::Leave | Action::Back => {
                self.confirm = None;
                true
            }
            Action::Input(key) => {
                if let Some(answer) = c.answer(key.code) {
                    self.confirm = None;
                    self.update(answer);
                }
                true
            }
            Action::Enter => {
                if let Some(answer) = c.answer(KeyCode::Enter) {
                    self.confirm = None;
                    self.update(answer);
                }
                true
            }
            Action::Quit => {
                self.confirm = None;
                self.quit();
                true
            }
            _ => true,
        }
    }

    /// Quits, asking first when a changed form is open.
    pub(super) fn quit(&mut self) {
        if self.form.as_ref().is_some_and(|fs| fs.form.dirty) {
            let lang = self.lang;
            self.confirm = Some(
                Confirm::new(t(lang, "quit.title"), t(lang, "quit.message")).choice(
                    KeyCode::Enter,
                    t(lang, "quit.yes"),
                    Action::QuitNow,
                ),
            );
        } else {
            self.should_quit = true;
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // A form's last keystrokes reach the draft even when the app ends without a tick.
        self.flush_draft();
    }
}
