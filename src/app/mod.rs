//! The app state, and `update`: the one place where actions change it.

pub mod action;
pub mod aftercare;
pub mod agenda;
pub mod caseload;
pub mod confirm;
pub mod flows;
pub mod form_host;
pub mod journey;
pub mod listing;
pub mod loader;
pub mod navigate;
pub mod premium;
pub mod reports;

use crate::domain::date::fmt_date;
use crate::i18n::{Lang, t};
use crate::keymap::{self, Mode};
use crate::store::Store;
use crate::store::caseload::ClientFile;
use action::{Action, Screen};
use caseload::CaseloadState;
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

/// Which pane of the caseload screen has the focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    File,
}

/// How a status-line message looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Error,
}

/// The whole state of the app; rendering is a pure function of it.
pub struct App {
    pub store: Store,
    /// The data files: instrument catalogue and the like.
    pub assets: crate::assets::Assets,
    pub lang: Lang,
    /// The date the app treats as today (settable for tests and `--today`).
    pub today: NaiveDate,
    pub screen: Screen,
    pub focus: Focus,
    pub caseload: CaseloadState,
    /// The file of the client under the cursor.
    pub file: Option<ClientFile>,
    /// Scroll position of the client file.
    pub file_scroll: u16,
    pub help: bool,
    /// The first line of the help overlay shown.
    pub help_scroll: u16,
    pub status: Option<(String, StatusKind)>,
    /// Terminal size in cells (width, height).
    pub size: (u16, u16),
    pub should_quit: bool,
    /// The whole list, loading in the background (large caseloads).
    pub loader: Option<loader::Loader>,
    /// Clients saved while the background list was loading (refreshed when it arrives).
    pub saved_while_loading: Vec<i64>,
    /// The form being filled in.
    pub form: Option<form_host::FormState>,
    /// The question waiting for an answer.
    pub confirm: Option<confirm::Confirm>,
    /// The agenda screen's list.
    pub agenda: agenda::AgendaState,
    /// The Reports screen: its period and figures.
    pub reports: reports::ReportsState,
    /// How many open items are overdue (shown in the agenda's tab).
    pub overdue: usize,
    /// The overdue count being counted in the background at start (large caseloads).
    pub counting: Option<loader::Job<usize>>,
    /// The screen to go back to after a form opened from it (the agenda).
    pub return_to: Option<Screen>,
    /// The kind of entries the client's timeline shows (`None`: all).
    pub timeline_kind: Option<crate::domain::timeline::TimelineKind>,
    /// Problems reported by work in the background (the daily backup), shown on a tick.
    pub notices: Option<std::sync::mpsc::Receiver<String>>,
}

impl App {
    fn empty(store: Store, lang: Lang, today: NaiveDate, size: (u16, u16)) -> App {
        App {
            store,
            assets: crate::assets::Assets::builtin(),
            lang,
            today,
            screen: Screen::Caseload,
            focus: Focus::List,
            caseload: CaseloadState::default(),
            file: None,
            file_scroll: 0,
            help: false,
            help_scroll: 0,
            status: None,
            size,
            should_quit: false,
            loader: None,
            saved_while_loading: Vec::new(),
            form: None,
            confirm: None,
            agenda: agenda::AgendaState::default(),
            reports: reports::ReportsState::default(),
            overdue: 0,
            counting: None,
            return_to: None,
            timeline_kind: None,
            notices: None,
        }
    }

    /// A new app on an open store, with the whole list loaded.
    pub fn new(store: Store, lang: Lang, today: NaiveDate, size: (u16, u16)) -> App {
        let mut app = App::empty(store, lang, today, size);
        app.reload();
        app
    }

    /// The app as the terminal starts it: the first screen of the list at once, the
    /// rest loading in the background (on a file; in memory everything loads at once).
    pub fn start(store: Store, lang: Lang, today: NaiveDate, size: (u16, u16)) -> App {
        let Some(path) = store.path().map(|p| p.to_path_buf()) else {
            return App::new(store, lang, today, size);
        };
        let first = store.caseload_first_page(usize::from(size.1).max(60) * 2, today);
        let mut app = App::empty(store, lang, today, size);
        match (first, loader::Loader::spawn(&path, today)) {
            (Ok(rows), Ok(loader)) => {
                app.caseload.set_rows(rows, lang);
                app.loader = Some(loader);
                app.load_file();
                // The overdue count of the tab follows on a tick, counted beside the list.
                let count = loader::Job::start(
                    &path,
                    "caseload-overdue",
                    "the overdue items could not be counted",
                    move |s| s.overdue_count(today),
                );
                match count {
                    Ok(job) => app.counting = Some(job),
                    Err(_) => app.reload_agenda(),
                }
            }
            _ => app.reload(),
        }
        app
    }

    /// Re-reads one client's row and file after a save.
    pub fn refresh_client(&mut self, client_id: i64) {
        if self.loader.is_some() {
            self.saved_while_loading.push(client_id);
        }
        match self.store.caseload_row(client_id, self.today) {
            Ok(row) => self.caseload.upsert_row(client_id, row, self.lang),
            Err(e) => self.read_failed(&e),
        }
        let height = self.list_height();
        self.caseload.scroll_into_view(height);
        self.file = None;
        self.load_file();
        self.reload_agenda();
    }

    /// The keymap mode the keyboard is in now.
    pub fn mode(&self) -> Mode {
        if self.confirm.is_some() {
            Mode::Confirm
        } else if let Some(fs) = &self.form {
            if fs.picker.is_some() {
                Mode::Picker
            } else {
                Mode::Form
            }
        } else if self.help {
            Mode::Help
        } else if self.screen == Screen::Reports {
            if self.reports.typing {
                Mode::Period
            } else {
                Mode::Reports
            }
        } else if self.screen == Screen::Agenda {
            if self.agenda.filtering {
                Mode::Filter
            } else {
                Mode::Agenda
            }
        } else if self.caseload.filtering {
            Mode::Filter
        } else if self.focus == Focus::File && self.screen == Screen::Caseload {
            Mode::File
        } else {
            Mode::List
        }
    }

    /// Handles a key exactly as the terminal delivers it: keymap first, then text input.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        // A message stands until the next key.
        self.status = None;
        let mode = self.mode();
        match keymap::lookup(mode, key) {
            Some(action) => self.update(action),
            None if matches!(
                mode,
                Mode::Filter | Mode::Form | Mode::Picker | Mode::Confirm | Mode::Period
            ) =>
            {
                self.update(Action::Input(key))
            }
            None => {}
        }
    }

    /// Handles a paste as the terminal delivers it (bracketed): one text, inserted where
    /// typing goes, in one go; elsewhere (a list, a popup) it does nothing, so that no
    /// pasted letter runs a command.
    pub fn handle_paste(&mut self, text: String) {
        self.status = None;
        if matches!(
            self.mode(),
            Mode::Filter | Mode::Form | Mode::Picker | Mode::Period
        ) {
            self.update(Action::Paste(text));
        }
    }

    /// Applies one action to the state.
    pub fn update(&mut self, action: Action) {
        if self.confirm.is_some() && self.update_confirm(&action) {
            return;
        }
        if self.update_form(&action) {
            self.ask_prompt();
            return;
        }
        match action {
            Action::Quit => self.quit(),
            Action::QuitNow => {
                self.flush_draft();
                if self.draft_failed().is_some() {
                    // The draft was not kept after all: ask again, saying so.
                    self.quit();
                } else {
                    self.should_quit = true;
                }
            }
            Action::QuitDiscard => self.should_quit = true,
            Action::NewIntake => self.new_intake(),
            Action::EditIntake => self.edit_intake(),
            Action::Reassess => self.reassess(),
            Action::EditPlan => self.edit_plan(None),
            Action::OpenDraft => self.open_draft(),
            Action::AssignTrajectory => self.assign_trajectory(),
            Action::TrajectoryStatus => self.trajectory_status(None),
            Action::ReviewTrajectory => self.review_trajectory(None),
            Action::AddNote => self.add_note(),
            Action::ExitInterview => self.exit_interview(),
            Action::Letter => self.write_letter(),
            Action::TimelineFilter => {
                use crate::domain::codes::Code;
                use crate::domain::timeline::TimelineKind;
                let kinds = TimelineKind::all();
                self.timeline_kind = match self.timeline_kind {
                    None => kinds.first().copied(),
                    Some(k) => kinds
                        .iter()
                        .position(|x| *x == k)
                        .and_then(|i| kinds.get(i + 1))
                        .copied(),
                };
            }
            Action::CheckIn => self.check_in_key(),
            Action::ExtendAftercare => self.extend_aftercare(),
            Action::EndAftercare => self.end_aftercare(),
            Action::ConfirmExtend(plan) => self.confirm_extend(plan),
            Action::PayPremium => self.pay_premium(None),
            Action::TakeBackPremium => self.ask_take_back(),
            Action::TakeBack(id) => self.take_back(id),
            Action::AssignJobhunter(episode) => self.assign_jobhunter(episode),
            Action::ReEnter => {
                if let Some(id) = self.file.as_ref().map(|f| f.client.id) {
                    self.new_episode_for(id);
                }
            }
            Action::LeaveKeepDraft => self.close_form(false),
            Action::LeaveDiscard => self.close_form(true),
            Action::ResumeDraft => self.resume_draft(),
            Action::FreshForm => {
                if let Some(fs) = &self.form {
                    let id = fs.form.id.clone();
                    if let Err(e) = self.store.discard_draft(id.kind, id.subject) {
                        self.save_failed(&e);
                    }
                }
            }
            Action::OpenClient(id) => self.open_client(id),
            Action::NewEpisodeFor(id) => self.new_episode_for(id),
            Action::NextField | Action::PrevField | Action::NextStep | Action::PrevStep => {}
            Action::Enter | Action::Toggle | Action::Save | Action::Leave => {}
            Action::Show(screen) => {
                self.screen = screen;
                self.help = false;
                self.return_to = None;
                match screen {
                    Screen::Agenda => self.reload_agenda(),
                    Screen::Reports => self.reload_report(),
                    Screen::Caseload => {}
                }
            }
            Action::Down => self.move_cursor(1),
            Action::Up => self.move_cursor(-1),
            Action::PageDown => self.move_cursor(self.list_height() as isize),
            Action::PageUp => self.move_cursor(-(self.list_height() as isize)),
            Action::Top => self.move_cursor(isize::MIN / 2),
            Action::Bottom => self.move_cursor(isize::MAX / 2),
            Action::NextPane | Action::PrevPane => {
                self.focus = match self.focus {
                    Focus::List if self.file.is_some() => Focus::File,
                    _ => Focus::List,
                };
            }
            Action::Open if self.screen == Screen::Agenda => self.open_agenda_item(),
            Action::Open => {
                if self.file.is_some() {
                    self.focus = Focus::File;
                    self.file_scroll = 0;
                }
            }
            Action::Back => match self.return_to.take() {
                Some(screen) => self.update(Action::Show(screen)),
                None => self.focus = Focus::List,
            },
            Action::StartFilter => self.start_filter(),
            Action::AcceptFilter => self.accept_filter(),
            Action::ClearFilter => self.clear_filter(),
            Action::ToggleHelp => {
                self.help = !self.help;
                self.help_scroll = 0;
            }
            Action::ReportPeriod => self.next_report_period(),
            Action::ReportEarlier => self.shift_report_period(true),
            Action::ReportLater => self.shift_report_period(false),
            Action::Input(key) => self.type_into_filter(key),
            Action::Paste(text) => self.paste_into_filter(&text),
            Action::Resize(w, h) => {
                self.size = (w, h);
                let height = self.list_height();
                self.caseload.scroll_into_view(height);
            }
            Action::Tick => {
                self.poll_loader();
                self.poll_report();
                self.poll_overdue();
                self.flush_draft();
                self.poll_notices();
            }
        }
    }

    /// Rows of the list that fit on screen now.
    pub fn list_height(&self) -> usize {
        crate::ui::layout::list_rows(self.size)
    }

    /// Reloads the list from the store (after a save) and the selected client's file.
    pub fn reload(&mut self) {
        match self.store.caseload(self.today) {
            Ok(rows) => self.caseload.set_rows(rows, self.lang),
            Err(e) => self.read_failed(&e),
        }
        let height = self.list_height();
        self.caseload.scroll_into_view(height);
        self.file = None;
        self.load_file();
        self.reload_agenda();
    }

    /// Loads the file of the client under the cursor.
    pub(super) fn load_file(&mut self) {
        let Some(id) = self.caseload.selected_row().map(|r| r.client_id) else {
            self.file = None;
            return;
        };
        if self.file.as_ref().is_some_and(|f| f.client.id == id) {
            return;
        }
        self.file_scroll = 0;
        match self.store.client_file(id) {
            Ok(file) => self.file = file,
            Err(e) => {
                self.file = None;
                self.read_failed(&e);
            }
        }
    }

    /// A save failed: says so in the status line in one sentence (full disk, read-only
    /// file, busy, ...) and logs its kind. The caller keeps the form and its content.
    pub fn save_failed(&mut self, e: &crate::store::StoreError) {
        crate::log::event(crate::log::Event::Error {
            kind: e.kind().name(),
        });
        self.error(&e.user_message(self.lang));
    }

    /// A read failed: says so in the status line in one sentence, and logs its kind.
    pub fn read_failed(&mut self, e: &crate::store::StoreError) {
        crate::log::event(crate::log::Event::Error {
            kind: e.kind().name(),
        });
        self.error(&e.read_message(self.lang));
    }

    /// Shows an error in the status line.
    pub fn error(&mut self, msg: &str) {
        self.status = Some((msg.to_owned(), StatusKind::Error));
    }

    /// Shows information in the status line.
    pub fn info(&mut self, msg: &str) {
        self.status = Some((msg.to_owned(), StatusKind::Info));
    }

    /// Today as shown.
    pub fn today_label(&self) -> String {
        format!("{} {}", t(self.lang, "app.today"), fmt_date(self.today))
    }
}
