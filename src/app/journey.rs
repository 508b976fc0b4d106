//! Starting the workflows from the list and the client file: intake, edit, re-assessment,
//! a new benefit period; the known-BSN question; quitting with a form open.

use super::action::Action;
use super::confirm::Confirm;
use super::flows::exit::ExitFlow;
use super::flows::intake::{IntakeFlow, IntakeMode};
use super::flows::note::NoteFlow;
use super::flows::reassess::ReassessFlow;
use super::flows::review::ReviewFlow;
use super::flows::trajectory::{AssignFlow, StatusFlow};
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

    /// The plan of action's form, on the agreement `focus` when given.
    pub(super) fn edit_plan(&mut self, focus: Option<i64>) {
        let Some((client_id, ep)) = self.current() else {
            return;
        };
        if ep.exit_date.is_some() {
            self.error(t(self.lang, "reassess.closed"));
            return;
        }
        let (form, flow) =
            super::flows::plan::PlanFlow::form(client_id, ep.id, &self.store, self.lang, focus);
        self.open_form(form, Flow::Plan(flow));
    }

    /// The client's current episode when still on benefit, or a message why not.
    fn on_benefit(&mut self) -> Option<(i64, crate::domain::model::Episode)> {
        let (client_id, ep) = self.current()?;
        if ep.exit_date.is_some() {
            self.error(t(self.lang, "reassess.closed"));
            return None;
        }
        Some((client_id, ep))
    }

    pub(super) fn assign_trajectory(&mut self) {
        let Some((client_id, ep)) = self.on_benefit() else {
            return;
        };
        let (form, flow) = AssignFlow::form(client_id, ep.id, &self.flow_cx());
        self.open_form(form, Flow::Assign(flow));
    }

    pub(super) fn trajectory_status(&mut self, trajectory: Option<i64>) {
        let Some((client_id, ep)) = self.current() else {
            return;
        };
        match StatusFlow::form(client_id, ep.id, trajectory, &self.flow_cx()) {
            Some((form, flow)) => self.open_form(form, Flow::Status(flow)),
            None => self.error(t(self.lang, "trajectory.none_running")),
        }
    }

    pub(super) fn review_trajectory(&mut self, trajectory: Option<i64>) {
        let Some((client_id, ep)) = self.current() else {
            return;
        };
        match ReviewFlow::form(client_id, ep.id, trajectory, &self.flow_cx()) {
            Some((form, flow)) => self.open_form(form, Flow::Review(flow)),
            None => self.error(t(self.lang, "trajectory.none_running")),
        }
    }

    pub(super) fn add_note(&mut self) {
        let Some((client_id, ep)) = self.current() else {
            return;
        };
        let (form, flow) = NoteFlow::form(client_id, ep.id, &self.flow_cx());
        self.open_form(form, Flow::Note(flow));
    }

    pub(super) fn exit_interview(&mut self) {
        let Some((client_id, _)) = self.on_benefit() else {
            return;
        };
        match ExitFlow::form(client_id, &self.flow_cx()) {
            Some((form, flow)) => self.open_form(form, Flow::Exit(flow)),
            None => self.error(t(self.lang, "reassess.closed")),
        }
    }

    /// Writes the exit letter of the client's latest exit into the letters folder.
    pub(super) fn write_letter(&mut self) {
        let Some(client_id) = self.file.as_ref().map(|f| f.client.id) else {
            return;
        };
        let lang = self.lang;
        let Some(db) = self.store.path().map(|p| p.to_path_buf()) else {
            self.error(t(lang, "letter.no_file"));
            return;
        };
        let text = match crate::letters::exit_letter(
            &self.store,
            &self.assets,
            client_id,
            self.today,
            lang,
        ) {
            Ok(text) => text,
            Err(e) => return self.error(&e.user_message(lang)),
        };
        match crate::letters::write_exit_letter(&db, self.today, client_id, &text) {
            Ok(path) => self.info(&tf(lang, "letter.written", &[("path", &path.display())])),
            Err(e) => self.error(&tf(lang, "letter.failed", &[("why", &e.kind())])),
        }
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
        let typed = self
            .form
            .as_ref()
            .map(|fs| (fs.form.id.clone(), fs.form.to_draft()));
        IntakeFlow::prefill_from(&mut form, &client.person, previous_intake.as_ref());
        if let Some((_, d)) = &typed {
            form.restore_draft(d);
        }
        self.form = None;
        let id = form.id.clone();
        self.open_form(form, Flow::Intake(flow));
        // What was typed moves to this form's draft: the new intake's draft goes (else it
        // waits with a half-typed BSN after this form is discarded).
        if let Some((old, _)) = typed.filter(|(old, _)| *old != id) {
            if let Err(e) = self.store.discard_draft(old.kind, old.subject) {
                self.error(&e.to_string());
            }
            if self.confirm.is_none()
                && let Some(fs) = self.form.as_mut()
            {
                fs.form.changed();
            }
        }
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
        self.show_file(client_id);
    }

    /// Shows a client's file with the focus on it; the list's cursor follows when the
    /// client is in the (filtered, loaded) list.
    pub(super) fn show_file(&mut self, client_id: i64) {
        if self.caseload.select_client(client_id) {
            let height = self.list_height();
            self.caseload.scroll_into_view(height);
        }
        self.file_scroll = 0;
        match self.store.client_file(client_id) {
            Ok(file) => self.file = file,
            Err(e) => self.read_failed(&e),
        }
        if self.file.is_some() {
            self.focus = Focus::File;
        }
    }

    /// Says on start what the caseworker should know first: that the file is read-only
    /// (nothing can be saved) before anything else; that a draft is waiting (D reopens
    /// it) unless the status line already has a message.
    pub fn announce_start(&mut self) {
        if self.store.is_read_only() {
            return self.error(t(self.lang, "robust.store.read_only_start"));
        }
        if self.status.is_none()
            && let Ok(drafts) = self.store.drafts()
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
            "plan" => self.edit_plan(None),
            "trajectory" => self.assign_trajectory(),
            "trajectory_status" => self.trajectory_status(None),
            "review" => self.review_trajectory(None),
            "note" => self.add_note(),
            "exit" => self.exit_interview(),
            "checkin" => self.check_in(None),
            "aftercare_end" => self.end_aftercare(),
            "premium_pay" => self.pay_premium(None),
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
                let cancel = c.cancel.clone();
                self.confirm = None;
                if let Some(action) = cancel {
                    self.update(action);
                }
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
        if !self.form.as_ref().is_some_and(|fs| fs.form.dirty) {
            self.should_quit = true;
            return;
        }
        let lang = self.lang;
        let kept = Confirm::new(t(lang, "quit.title"), t(lang, "quit.message")).choice(
            KeyCode::Enter,
            t(lang, "quit.yes"),
            Action::QuitNow,
        );
        let lost = ["robust.store.quit_lost", "robust.store.quit_lose"];
        self.ask_before_the_form_goes(kept, lost, Action::QuitDiscard);
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // A form's last keystrokes reach the draft even when the app ends without a tick.
        self.flush_draft();
    }
}
