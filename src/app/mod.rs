//! The app as a program: its [`State`] (changed only by `update`), the store, and the work
//! in the background. A key goes through the keymap to an action; `update` returns
//! effects; [`App`] performs them ([`perform`]) and feeds each answer back, until
//! nothing follows. The test façade at the bottom drives it the same way.

pub mod action;
mod asking;
pub mod commands;
pub mod confirm;
pub mod effect;
mod facade;
mod file_item;
pub mod form_layer;
pub mod jobs;
pub mod layer;
mod lock_screen;
mod messages;
pub mod mouse;
mod navigation;
pub mod palette;
mod perform;
mod questions;
mod reads;
mod results;
pub mod screens;
pub mod search;
pub mod state;
mod typing;
pub mod undo;
pub mod workflows;

use crate::assets::Assets;
use crate::i18n::{Lang, t, tf, tn};
use crate::keymap;
use crate::store::Store;
use action::{Action, Msg};
use chrono::NaiveDate;
use effect::{Effect, Got};
pub use messages::MESSAGES;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind};
pub use state::{Drawn, State, StatusKind};
use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::mpsc::Receiver;

/// The running app: the state, the store it reads and writes, and its background work.
pub struct App {
    state: State,
    store: Store,
    jobs: jobs::Jobs,
    /// Problems reported by work in the background (the daily backup).
    notices: Option<Receiver<String>>,
    /// Without a terminal (tests, benchmarks): a screen in memory, drawn after every key as
    /// the terminal loop draws, so what the screen measures is known the same way.
    headless: Option<Terminal<TestBackend>>,
    /// When the screen of an encrypted caseload locks (see [`lock_screen`]).
    guard: Option<lock_screen::Guard>,
}

impl App {
    /// A new app on an open store with the built-in data files, the list's first page read,
    /// drawing on a screen in memory (tests, benchmarks).
    pub fn new(store: Store, lang: Lang, today: NaiveDate, size: (u16, u16)) -> App {
        App::with_assets(store, Assets::builtin(), lang, today, size)
    }

    /// The app as the terminal starts it: the first page of the list at once, the counts
    /// in the background; in memory everything at once.
    pub fn start(
        store: Store,
        assets: Assets,
        lang: Lang,
        today: NaiveDate,
        size: (u16, u16),
    ) -> App {
        let mut app = App::with(store, assets, lang, today, size);
        app.load_all();
        app
    }

    fn with(
        mut store: Store,
        assets: Assets,
        lang: Lang,
        today: NaiveDate,
        size: (u16, u16),
    ) -> App {
        store.set_casework(assets.casework);
        // Rows another program (or another rule of casework) left behind are computed
        // again once, before the list's pages are read from them. A file that may only be
        // read keeps them as they are: its pages show the rows the roster holds.
        if let Err(e) = store.fit_roster() {
            crate::log::event(crate::log::Event::Error {
                kind: e.kind().name(),
            });
        }
        let mut state = State::new(Arc::new(assets), lang, today, size);
        state.read_only = store.is_read_only();
        // Every save of the app can be undone (and is in the client's history); without
        // the log, saves still work, only undo has nothing to offer.
        if let Err(e) = store.log_changes() {
            crate::log::event(crate::log::Event::Error {
                kind: e.kind().name(),
            });
        }
        App {
            state,
            store,
            jobs: jobs::Jobs::default(),
            notices: None,
            headless: None,
            guard: None,
        }
    }

    /// Reads the list's first page and its first client's file now; counts the list and
    /// the overdue items in the background (on a file).
    fn load_all(&mut self) {
        let effects = self.state.start_loading();
        self.run(effects);
    }

    /// The state, for drawing.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The store (tests look at what was saved).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The store, to change it behind the app's back (tests).
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// Marks the app as running on throwaway demo data (the header says DEMO).
    pub fn mark_demo(&mut self) {
        self.state.demo = true;
    }

    /// Whether the app takes the mouse (the terminal loop reports it; `--no-mouse` turns
    /// it off, and clicks then do nothing).
    pub fn set_mouse(&mut self, on: bool) {
        self.state.mouse = on;
    }

    /// Problems reported by work in the background, shown once they come.
    pub fn set_notices(&mut self, rx: Receiver<String>) {
        self.notices = Some(rx);
    }

    /// Whether the app is done.
    pub fn should_quit(&self) -> bool {
        self.state.should_quit
    }

    /// Whether background work is running (the loop then looks for it often).
    pub fn busy(&self) -> bool {
        self.jobs.busy() || self.lock_busy()
    }

    /// Handles a key exactly as the terminal delivers it: keymap first, then text input.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        if self.lock_key(key) {
            self.draw_headless();
            return;
        }
        // A message stands until the next key.
        self.state.status = None;
        // Behind "window too small" nothing is seen, so nothing but quitting is done.
        if self.state.too_small() {
            use ratatui::crossterm::event::{KeyCode, KeyModifiers};
            let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers == KeyModifiers::CONTROL;
            if key.code == KeyCode::Char('q') || ctrl_c {
                self.dispatch(Action::Quit);
            }
            self.draw_headless();
            return;
        }
        let mode = self.state.mode();
        match keymap::lookup(mode, key) {
            Some(action) => self.dispatch(action),
            None if mode.takes_text() => self.dispatch(Action::Input(key)),
            // A key of another screen or pane says where it works, instead of nothing.
            None => {
                if let Some(msg) = commands::elsewhere(mode, key, self.state.lang) {
                    self.state.error(&msg);
                }
            }
        }
        self.draw_headless();
    }

    /// An event as the terminal delivers it: a key, a click or the wheel, a paste, a new
    /// size (the terminal loop and the tests feed events here alike).
    pub fn handle_event(&mut self, event: Event) {
        match event {
            Event::Key(key) => self.handle_key(key),
            Event::Mouse(m) => self.handle_mouse(m),
            Event::Paste(text) => self.paste(text),
            Event::Resize(w, h) => self.dispatch(Action::Resize(w, h)),
            Event::FocusGained | Event::FocusLost => {}
        }
    }

    /// Text pasted into the terminal, as one event.
    pub fn paste(&mut self, text: String) {
        if self.lock_paste(&text) {
            return self.draw_headless();
        }
        self.state.status = None;
        if self.state.mode().takes_text() && !self.state.too_small() {
            self.dispatch(Action::Paste(text));
        }
        self.draw_headless();
    }

    /// Takes in the background work that has finished.
    fn take_jobs(&mut self) {
        let lang = self.state.lang;
        for got in self.jobs.poll(|e| perform::read_failed(e, lang)) {
            self.dispatch(got);
        }
    }

    /// Time passed: the draft is written, work that finished in the background is taken.
    pub fn tick(&mut self) {
        self.dispatch(Action::Tick);
        self.take_jobs();
        self.poll_notices();
        self.lock_tick();
    }

    /// What the frame just drawn measured; whether to draw again (the file scrolled to
    /// an item put under its cursor from elsewhere, now that the frame says where it is).
    pub fn drawn(&mut self, drawn: Drawn) -> bool {
        let d = &drawn;
        let again =
            self.state
                .caseload
                .reveal_item(&d.file_item_rows, d.file_rows, d.file_overflow);
        self.state.drawn = drawn;
        again
    }

    /// Applies a message and performs what follows, until nothing does.
    pub fn dispatch(&mut self, msg: impl Into<Msg>) {
        let effects = self.state.update(msg);
        self.run(effects);
    }

    fn run(&mut self, effects: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            if let Some(got) = self.perform(effect) {
                queue.extend(self.state.update(got));
            }
            // A save made a change: it can be undone.
            if let Some(change) = self.take_change() {
                queue.extend(self.state.update(Got::Changed(change)));
            }
        }
    }

    fn poll_notices(&mut self) {
        use std::sync::mpsc::TryRecvError;
        match self.notices.as_ref().map(|rx| rx.try_recv()) {
            Some(Ok(msg)) => self.state.error(&msg),
            Some(Err(TryRecvError::Disconnected)) => self.notices = None,
            _ => {}
        }
    }

    /// Says something in the status line (and the session's messages).
    pub fn announce(&mut self, msg: &str) {
        self.state.info(msg);
    }

    /// Says on start what the caseworker should know first: that the file is read-only
    /// (nothing can be saved) before anything else; that a draft is waiting (D reopens it)
    /// unless the status line already has a message; a data file that was broken.
    pub fn announce_start(&mut self) {
        let lang = self.state.lang;
        if let Some(w) = self.state.assets.warnings.first().cloned() {
            self.state.error(&w);
        }
        if self.state.read_only {
            // Its roster could not be brought up to date when another program wrote.
            let key = match self.store.roster_fits() {
                Ok(false) => "robust.store.read_only_behind",
                _ => "robust.store.read_only_start",
            };
            return self.state.error(t(lang, key));
        }
        if self.state.status.is_none()
            && let Ok(drafts) = self.store.drafts()
            && let Some(newest) = drafts.first()
        {
            let what = self.draft_label(newest);
            self.state.info(&tn(
                lang,
                "draft.on_start",
                drafts.len() as u64,
                &[("what", &what)],
            ));
        }
    }

    /// What a draft is, for the sentence that says it waits: its form and, when known, its
    /// client ("Contact note for Jan de Vries").
    fn draft_label(&self, draft: &crate::store::drafts::Draft) -> String {
        use workflows::FormKind;
        let lang = self.state.lang;
        let Some(kind) = FormKind::from_code(&draft.form) else {
            return t(lang, "draft.some_form").to_owned();
        };
        let form = match kind {
            FormKind::Intake if draft.subject != 0 => t(lang, "intake.title_episode"),
            _ => t(lang, kind.title_key()),
        };
        let client = match kind.record_table() {
            Some(table) => self
                .store
                .client_of_record(table, draft.subject)
                .ok()
                .flatten(),
            None => (draft.subject != 0).then_some(draft.subject),
        };
        let name = client
            .and_then(|id| self.store.client(id).ok().flatten())
            .map(|c| c.person.full_name());
        match name {
            Some(name) => tf(
                lang,
                "draft.for_client",
                &[("form", &form), ("name", &name)],
            ),
            None => form.to_owned(),
        }
    }

    pub(super) fn draw_headless(&mut self) {
        let Some(term) = self.headless.as_mut() else {
            return;
        };
        let (w, h) = self.state.size;
        if term.size().is_ok_and(|s| (s.width, s.height) != (w, h)) {
            term.backend_mut().resize(w, h);
        }
        for _ in 0..2 {
            let mut drawn = Drawn::default();
            let Some(term) = self.headless.as_mut() else {
                return;
            };
            if term
                .draw(|f| drawn = crate::ui::render(&self.state, f))
                .is_err()
                || !self.drawn(drawn)
            {
                return;
            }
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // A form's last keystrokes reach the draft even when the app ends without a tick.
        if let Some(e) = self.state.write_draft() {
            self.perform(e);
        }
    }
}
