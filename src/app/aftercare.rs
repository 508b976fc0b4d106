//! Aftercare from the keyboard: the check-in form (`a`, or Enter on a check-in in the
//! agenda), extending (`E`) and ending (`X`) a plan, and the jobhunter offered when a
//! contract was not renewed.

use super::App;
use super::action::Action;
use super::confirm::Confirm;
use super::flows::Flow;
use super::flows::aftercare_end::EndFlow;
use super::flows::checkin::CheckInFlow;
use crate::domain::agenda::ItemKind;
use crate::domain::date::fmt_date;
use crate::domain::model::{AftercareContact, AftercarePlan, Id};
use crate::domain::trajectory::Assignment;
use crate::i18n::{t, tf};
use ratatui::crossterm::event::KeyCode;

/// The instrument offered when a contract is not renewed.
const JOBHUNTER: &str = "jobhunter";

impl App {
    /// The client whose file is shown: id and full name.
    fn file_client(&self) -> Option<(Id, String)> {
        let f = self.file.as_ref()?;
        Some((f.client.id, f.client.person.full_name()))
    }

    /// The running plan of a client with its planned contacts, or a polite refusal.
    fn running_plan(&mut self, client_id: Id) -> Option<(AftercarePlan, Vec<AftercareContact>)> {
        match self.store.running_aftercare(client_id) {
            Ok(Some(p)) => Some(p),
            Ok(None) => {
                self.info(t(self.lang, "checkin.no_plan"));
                None
            }
            Err(e) => {
                self.error(&e.user_message(self.lang));
                None
            }
        }
    }

    /// `a`: in the agenda, the check-in under the cursor; in the client file, the earliest
    /// planned contact.
    pub(super) fn check_in_key(&mut self) {
        if self.screen == super::action::Screen::Agenda {
            match self.agenda.selected_row().map(|r| r.item.kind) {
                Some(ItemKind::CheckIn | ItemKind::ContractEnd) => self.open_agenda_item(),
                Some(_) => self.info(t(self.lang, "checkin.not_a_check_in")),
                None => {}
            }
            return;
        }
        self.check_in(None);
    }

    /// Opens the check-in form of the client in the file, on `contact` or else on the
    /// earliest planned contact.
    pub(super) fn check_in(&mut self, contact: Option<Id>) {
        let Some((client_id, _)) = self.file_client() else {
            return;
        };
        let Some((plan, planned)) = self.running_plan(client_id) else {
            return;
        };
        let chosen = contact
            .filter(|id| planned.iter().any(|c| c.id == *id))
            .or(planned.first().map(|c| c.id));
        let Some(contact_id) = chosen else {
            self.info(t(self.lang, "checkin.none_planned"));
            return;
        };
        let (form, flow) =
            CheckInFlow::form(client_id, plan, planned, contact_id, self.lang, self.today);
        self.open_form(form, Flow::CheckIn(flow));
    }

    /// `E`: asks whether to extend the client's plan to the configured length.
    pub(super) fn extend_aftercare(&mut self) {
        let Some((client_id, name)) = self.file_client() else {
            return;
        };
        let Some((plan, _)) = self.running_plan(client_id) else {
            return;
        };
        let lang = self.lang;
        if plan.extended {
            self.info(t(lang, "aftercare_rule.already_extended"));
            return;
        }
        let months = self.assets.aftercare.extension_months;
        self.confirm = Some(
            Confirm::new(
                t(lang, "checkin.extend_title"),
                tf(
                    lang,
                    "checkin.extend_message",
                    &[
                        ("name", &name),
                        ("months", &months),
                        ("date", &fmt_date(plan.ends_on)),
                    ],
                ),
            )
            .choice(
                KeyCode::Enter,
                tf(lang, "checkin.extend_yes", &[("months", &months)]),
                Action::ConfirmExtend(plan.id),
            ),
        );
    }

    /// Extends the plan (the popup's answer).
    pub(super) fn confirm_extend(&mut self, plan_id: Id) {
        let client = self.file.as_ref().map(|f| f.client.id);
        match self
            .store
            .extend_aftercare(plan_id, &self.assets.aftercare.clone())
        {
            Ok(ext) => {
                if let Some(id) = client {
                    self.refresh_client(id);
                }
                self.info(&tf(
                    self.lang,
                    "aftercare_rule.extended",
                    &[("date", &fmt_date(ext.ends_on))],
                ));
            }
            Err(e) => self.error(&e.user_message(self.lang)),
        }
    }

    /// `X`: the form to end the client's plan early.
    pub(super) fn end_aftercare(&mut self) {
        let Some((client_id, _)) = self.file_client() else {
            return;
        };
        let Some((plan, _)) = self.running_plan(client_id) else {
            return;
        };
        let (form, flow) = EndFlow::form(client_id, plan, self.lang, self.today);
        self.open_form(form, Flow::AftercareEnd(flow));
    }

    /// After a check-in whose contract was not renewed: assign a jobhunter?
    pub(super) fn ask_jobhunter(&mut self, episode_id: Id) {
        let lang = self.lang;
        self.confirm = Some(
            Confirm::new(
                t(lang, "checkin.jobhunter_title"),
                t(lang, "aftercare_rule.propose_jobhunter"),
            )
            .choice(
                KeyCode::Char('j'),
                t(lang, "checkin.jobhunter_yes"),
                Action::AssignJobhunter(episode_id),
            ),
        );
    }

    /// Assigns a jobhunter (referred today) in a benefit period whose aftercare runs.
    pub(super) fn assign_jobhunter(&mut self, episode_id: Id) {
        let lang = self.lang;
        let Some(inst) = self.assets.catalog.get(JOBHUNTER).cloned() else {
            return self.error(t(lang, "checkin.no_jobhunter"));
        };
        let running = self.store.trajectories(episode_id).map(|ts| {
            ts.iter().any(|t| {
                t.instrument == JOBHUNTER
                    && matches!(
                        t.status,
                        crate::domain::TrajectoryStatus::Referred
                            | crate::domain::TrajectoryStatus::Started
                    )
            })
        });
        if let Ok(true) = running {
            return self.info(t(lang, "checkin.jobhunter_running"));
        }
        let a = Assignment::for_instrument(&inst, lang, self.today, None);
        match self.store.assign_trajectory(episode_id, &a) {
            Ok(_) => {
                if let Ok(Some(ep)) = self.store.episode(episode_id) {
                    self.refresh_client(ep.client_id);
                }
                self.info(&tf(
                    lang,
                    "checkin.jobhunter_assigned",
                    &[("date", &fmt_date(self.today))],
                ));
            }
            Err(e) => self.error(&e.user_message(lang)),
        }
    }
}
