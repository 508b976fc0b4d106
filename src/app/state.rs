//! The app's state and `update`, the one place where it changes: the top layer takes an
//! action first, else the screen. `update` never touches the store and never calls
//! itself: it returns the effects the program performs, whose answers come back as
//! messages ([`super::results`]). Questions and their answers are in [`super::questions`],
//! moving about in [`super::navigation`], typing into a filter in [`super::typing`], the
//! file cursor's items in [`super::file_item`].

use super::action::{Action, Msg, Screen, Then};
use super::commands;
use super::effect::{Effect, Job, Op, Read};
use super::layer::{Layer, Target};
use super::screens::agenda::AgendaScreen;
use super::screens::caseload::{CaseloadScreen, Focus};
use super::screens::reports::ReportsScreen;
use super::workflows::{Cx, FormKind, Start};
use crate::assets::Assets;
use crate::domain::date::fmt_date;
use crate::domain::model::Id;
use crate::i18n::{Lang, t};
use crate::keymap::Mode;
use chrono::NaiveDate;
use std::sync::Arc;

/// How a status-line message looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Error,
}

/// What the last frame measured: how far the panes that scroll can scroll.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drawn {
    /// Lines of the client file beyond its pane.
    pub file_overflow: usize,
    /// Lines of the help beyond its popup.
    pub help_overflow: usize,
    /// Lines of the client file that fit (a page).
    pub file_rows: usize,
    /// The row of each item of the client file (see `file_items`), from its top.
    pub file_item_rows: Vec<usize>,
}

/// The whole state of the app; rendering is a pure function of it.
pub struct State {
    /// The data files: instrument catalogue and the like.
    pub assets: Arc<Assets>,
    pub lang: Lang,
    /// The date the app treats as today (settable for tests and `--today`).
    pub today: NaiveDate,
    /// Terminal size in cells (width, height).
    pub size: (u16, u16),
    pub screen: Screen,
    pub caseload: CaseloadScreen,
    pub agenda: AgendaScreen,
    pub reports: ReportsScreen,
    /// What lies over the screen, bottom first.
    pub layers: Vec<Layer>,
    pub status: Option<(String, StatusKind)>,
    /// How many open items are overdue (shown in the agenda's tab).
    pub overdue: usize,
    /// The file is read-only: nothing can be saved.
    pub read_only: bool,
    pub should_quit: bool,
    /// What the last frame measured.
    pub drawn: Drawn,
    /// The screen to go back to from the file opened from it (the agenda).
    pub return_to: Option<Screen>,
    /// What to do once the draft that is being written is written (leaving, quitting).
    pub(super) after_draft: Option<Then>,
    /// This session's changes that can be undone, and redone.
    pub changes: super::undo::Changes,
    /// The last messages of the session, oldest first (`M` shows them).
    pub messages: std::collections::VecDeque<(String, StatusKind)>,
    /// The screen is locked: only the passphrase prompt is drawn (see `lock_screen`).
    pub locked: Option<crate::vault::prompt::Prompt>,
    /// A throwaway caseload of demo data (`--demo`): the header says so.
    pub demo: bool,
    /// The app takes the mouse (off with `--no-mouse`: the terminal keeps it for
    /// selecting text).
    pub mouse: bool,
}

impl State {
    /// A state on a caseload with nothing loaded yet.
    pub fn new(assets: Arc<Assets>, lang: Lang, today: NaiveDate, size: (u16, u16)) -> State {
        let risk = assets.risk;
        State {
            assets,
            lang,
            today,
            size,
            screen: Screen::Caseload,
            caseload: CaseloadScreen {
                risk: Some(risk),
                ..CaseloadScreen::default()
            },
            agenda: AgendaScreen::default(),
            reports: ReportsScreen::default(),
            layers: Vec::new(),
            status: None,
            overdue: 0,
            read_only: false,
            should_quit: false,
            drawn: Drawn::default(),
            return_to: None,
            after_draft: None,
            changes: super::undo::Changes::default(),
            messages: Default::default(),
            locked: None,
            demo: false,
            mouse: true,
        }
    }

    /// What a workflow may read while checking.
    pub fn cx(&self) -> Cx<'_> {
        Cx {
            lang: self.lang,
            today: self.today,
            assets: &self.assets,
        }
    }

    /// The keymap mode: the top layer's, else the screen's.
    pub fn mode(&self) -> Mode {
        match self.layers.last() {
            Some(layer) => layer.mode(),
            None => self.screen_mode(),
        }
    }

    /// The mode of the screen under the layers.
    pub fn screen_mode(&self) -> Mode {
        match self.screen {
            Screen::Caseload => self.caseload.mode(),
            Screen::Agenda => Mode::Agenda,
            Screen::Reports => Mode::Reports,
        }
    }

    /// The form on the stack (the one under a picker or a question), if any.
    pub fn form(&self) -> Option<&super::form_layer::FormLayer> {
        self.layers.iter().rev().find_map(|l| match l {
            Layer::Form(f) => Some(&**f),
            _ => None,
        })
    }

    /// The form on the stack, to change it.
    pub(super) fn form_mut(&mut self) -> Option<&mut super::form_layer::FormLayer> {
        self.layers.iter_mut().rev().find_map(|l| match l {
            Layer::Form(f) => Some(&mut **f),
            _ => None,
        })
    }

    /// Whether typing goes into a target now.
    pub fn typing(&self, target: Target) -> bool {
        matches!(self.layers.last(), Some(Layer::Typing(t)) if *t == target)
    }

    /// Whether the help overlay is open.
    pub fn help(&self) -> Option<u16> {
        self.layers.iter().find_map(|l| match l {
            Layer::Help { scroll } => Some(*scroll),
            _ => None,
        })
    }

    /// Rows of a list that fit on screen now.
    pub fn list_height(&self) -> usize {
        crate::layout::list_rows(self.size)
    }

    /// Applies a message; returns what the program must do next.
    pub fn update(&mut self, msg: impl Into<Msg>) -> Vec<Effect> {
        match msg.into() {
            Msg::Got(g) => self.got(*g),
            Msg::Act(a) => self.act(a),
        }
    }

    pub(super) fn act(&mut self, action: Action) -> Vec<Effect> {
        match &action {
            Action::Tick => return self.tick(),
            Action::Resize(w, h) => {
                self.size = (*w, *h);
                let height = self.list_height();
                // A taller list may want more rows beyond the cursor.
                let mut effects = self.agenda.move_cursor(0, height);
                effects.extend(self.caseload.move_cursor(0, height));
                return effects;
            }
            _ => {}
        }
        match self.layers.last() {
            Some(Layer::Confirm(_)) => return self.answer(action),
            Some(Layer::Picker(_)) => return self.act_picker(action),
            Some(Layer::Form(_)) => {
                if let Some(effects) = self.act_form(&action) {
                    return effects;
                }
            }
            Some(Layer::Help { .. }) => return self.act_popup(action, Action::ToggleHelp),
            Some(Layer::History(_) | Layer::Summary(_)) => {
                return self.act_popup(action, Action::Back);
            }
            Some(Layer::Typing(t)) => return self.act_typing(*t, action),
            Some(Layer::Palette(_)) => return self.act_palette(action),
            Some(Layer::Search(_)) => return self.act_search(action),
            None => {}
        }
        if let Err(reason) = commands::availability(self, &action) {
            self.error(t(self.lang, reason));
            return Vec::new();
        }
        self.act_screen(action)
    }

    /// Time passed: the draft of the open form is written when it changed.
    fn tick(&mut self) -> Vec<Effect> {
        self.write_draft().into_iter().collect()
    }

    /// The actions of the screens and of the app as a whole.
    fn act_screen(&mut self, action: Action) -> Vec<Effect> {
        let height = self.list_height();
        let lang = self.lang;
        match action {
            Action::Quit => self.quit(),
            Action::Show(screen) => self.show(screen),
            Action::Down => self.move_cursor(1),
            Action::Up => self.move_cursor(-1),
            Action::PageDown => self.move_cursor(self.page()),
            Action::PageUp => self.move_cursor(-self.page()),
            Action::Top => self.move_cursor(isize::MIN / 2),
            Action::Bottom => self.move_cursor(isize::MAX / 2),
            Action::NextPane | Action::PrevPane => {
                let c = &mut self.caseload;
                c.focus = match c.focus {
                    Focus::List if c.file.is_some() => Focus::File,
                    _ => Focus::List,
                };
                Vec::new()
            }
            Action::Open if self.screen == Screen::Agenda => self.open_agenda_item(),
            Action::Open if self.caseload.focus == Focus::File => self.open_item(),
            Action::NextItem | Action::PrevItem => {
                let delta = if action == Action::NextItem { 1 } else { -1 };
                let d = &self.drawn;
                let (fits, max) = (d.file_rows, d.file_overflow);
                self.caseload.move_item(delta, &d.file_item_rows, fits, max);
                Vec::new()
            }
            Action::ToggleDone => self.toggle_done(),
            Action::Void => self.void_item(),
            Action::Undo => self.ask_undo(),
            Action::History => self
                .caseload
                .file_client()
                .map(|id| vec![Effect::Read(Read::History(id))])
                .unwrap_or_default(),
            Action::Redo => match self.changes.redo.last() {
                Some(c) => vec![Effect::Op(Op::Redo(c.set))],
                None => {
                    self.error(t(self.lang, "change.nothing_to_redo"));
                    Vec::new()
                }
            },
            Action::Open => {
                if self.caseload.file.is_some() {
                    self.caseload.focus = Focus::File;
                    self.caseload.file_scroll = 0;
                }
                Vec::new()
            }
            Action::Back => match self.return_to.take() {
                Some(screen) => self.show(screen),
                None => {
                    self.caseload.focus = Focus::List;
                    Vec::new()
                }
            },
            Action::StartFilter => {
                let target = match self.screen {
                    Screen::Reports => Target::Period,
                    Screen::Agenda => Target::AgendaFilter,
                    Screen::Caseload => {
                        self.caseload.focus = Focus::List;
                        Target::CaseloadFilter
                    }
                };
                self.layers.push(Layer::Typing(target));
                Vec::new()
            }
            Action::ClearFilter if self.screen == Screen::Agenda => {
                let cx = (lang, &self.assets.catalog, self.today);
                self.agenda.clear_filter(cx, height)
            }
            Action::ClearFilter => self.caseload.clear_filter(lang, self.today, height),
            Action::FlaggedOnly if self.screen == Screen::Agenda => {
                let cx = (lang, &self.assets.catalog, self.today);
                self.agenda.toggle_overdue(cx, height)
            }
            Action::FlaggedOnly => self.caseload.toggle_flagged(lang, self.today, height),
            Action::Palette => self.open_palette(),
            Action::Search => self.open_search(),
            Action::Summary => {
                if let Some(f) = &self.caseload.file {
                    let sections = crate::summary::sections(
                        f,
                        self.lang,
                        self.today,
                        (&self.assets.catalog, &self.assets.risk),
                    );
                    self.layers
                        .push(Layer::Summary(Box::new(super::layer::SummaryView {
                            title: f.client.person.full_name(),
                            sections,
                            scroll: 0,
                        })));
                }
                Vec::new()
            }
            Action::SortList => self.caseload.next_sort(lang, self.today, height),
            Action::Messages => self.show_messages(),
            Action::ToggleHelp => {
                self.layers.push(Layer::Help { scroll: 0 });
                Vec::new()
            }
            Action::Form(kind) => self.open_form(kind),
            Action::ReEnter => self
                .caseload
                .file_client()
                .map(|id| vec![Effect::OpenForm(Start::new(FormKind::Intake, Some(id)))])
                .unwrap_or_default(),
            Action::OpenDraft => vec![Effect::Read(Read::Drafts)],
            Action::TimelineFilter => {
                self.caseload.next_timeline_kind();
                // The notes shown change, and with them the items.
                self.caseload.file_cursor = None;
                Vec::new()
            }
            Action::Letter => self
                .caseload
                .file_client()
                .map(|id| vec![Effect::Letter(id)])
                .unwrap_or_default(),
            Action::ExtendAftercare => self.ask_extend(),
            Action::TakeBackPremium => self
                .caseload
                .file_client()
                .map(|id| vec![Effect::Read(Read::Settled(id))])
                .unwrap_or_default(),
            Action::ReportPeriod => self.reports.next_period(self.today),
            Action::ReportEarlier => self.reports.shift(true, self.today),
            Action::ReportLater => self.reports.shift(false, self.today),
            Action::ClickRow(_)
            | Action::ClickItem(_)
            | Action::FocusPane(_)
            | Action::Scroll(..) => self.act_mouse(action),
            _ => Vec::new(),
        }
    }

    /// Keys while the help or a client's history is open: scroll, or close it (`close`:
    /// the action that does).
    fn act_popup(&mut self, action: Action, close: Action) -> Vec<Effect> {
        if action == close {
            self.layers.pop();
            return Vec::new();
        }
        let delta = match action {
            Action::Quit => return self.quit(),
            Action::Down => 1,
            Action::Up => -1,
            Action::PageDown => 10,
            Action::PageUp => -10,
            Action::Scroll(_, delta) => delta,
            _ => return Vec::new(),
        };
        let max = self.drawn.help_overflow as isize;
        let scroll = match self.layers.last_mut() {
            Some(Layer::Help { scroll }) => scroll,
            Some(Layer::History(view)) => &mut view.scroll,
            Some(Layer::Summary(view)) => &mut view.scroll,
            _ => return Vec::new(),
        };
        *scroll = (*scroll as isize)
            .saturating_add(delta)
            .clamp(0, max.max(0)) as u16;
        Vec::new()
    }

    /// The reads that follow a save for a client: their row, their file, the agenda and
    /// the overdue count.
    pub(super) fn refresh_client(&mut self, client_id: Id) -> Vec<Effect> {
        let (lang, today, height) = (self.lang, self.today, self.list_height());
        let mut effects = self.caseload.reread(Some(client_id), lang, today, height);
        effects.extend([
            Effect::Read(Read::File(client_id)),
            Effect::Background(Job::Overdue),
        ]);
        effects.extend(self.refresh_agenda());
        effects
    }

    /// The reads that follow a write not for one client: the agenda and the overdue count.
    pub(super) fn refresh_all(&mut self) -> Vec<Effect> {
        let mut effects = self.refresh_agenda();
        effects.push(Effect::Background(Job::Overdue));
        effects
    }

    /// The agenda read again when it is shown (else it is read when it is shown next).
    fn refresh_agenda(&mut self) -> Vec<Effect> {
        if self.screen != Screen::Agenda {
            return Vec::new();
        }
        let height = self.list_height();
        let cx = (self.lang, &self.assets.catalog, self.today);
        self.agenda.reread(cx, height)
    }

    /// The list's first page, its count and the overdue count (in the background, on a
    /// file).
    pub fn start_loading(&mut self) -> Vec<Effect> {
        let (lang, today, height) = (self.lang, self.today, self.list_height());
        let mut effects =
            self.caseload
                .requery(super::screens::window::Seek::First, lang, today, height);
        effects.push(Effect::Background(Job::Overdue));
        effects
    }

    /// Whether the terminal is too small to show anything but "window too small".
    pub fn too_small(&self) -> bool {
        self.size.0 < crate::layout::MIN_WIDTH || self.size.1 < crate::layout::MIN_HEIGHT
    }

    /// Today as shown.
    pub fn today_label(&self) -> String {
        format!("{} {}", t(self.lang, "app.today"), fmt_date(self.today))
    }
}
