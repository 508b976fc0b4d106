//! Hosting a form in the app: opening it (offering its draft), typing, the picker,
//! saving in one transaction, leaving, and writing the draft while typing.

use super::App;
use super::action::Action;
use super::confirm::Confirm;
use super::flows::{Cx, Flow};
use crate::form::{Field, Form, Kind, Picker, paste};
use crate::i18n::{Lang, t, tf};
use crate::store::ErrorKind;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::backend::crossterm::EventHandler;

/// Whether the cursor stands at the end of a text field.
fn at_end(field: &Field) -> bool {
    match &field.value {
        crate::form::Value::Line(i) => i.cursor() >= i.value().chars().count(),
        _ => false,
    }
}

/// A form on screen with the workflow it belongs to.
pub struct FormState {
    pub form: Form,
    pub flow: Flow,
    /// The picker of a choice field, when open.
    pub picker: Option<Picker>,
    /// Why the draft could not be written the last time it was tried: until a write
    /// succeeds, what is typed is not kept.
    pub draft_failed: Option<ErrorKind>,
}

/// A sentence about a draft that cannot be written, with the reason in it.
fn lost(lang: Lang, key: &str, kind: ErrorKind) -> String {
    tf(lang, key, &[("cause", &kind.cause(lang))])
}

impl App {
    /// What a workflow reads while building or checking its form.
    pub(super) fn flow_cx(&self) -> Cx<'_> {
        self.cx()
    }

    fn cx(&self) -> Cx<'_> {
        Cx {
            lang: self.lang,
            today: self.today,
            store: &self.store,
            assets: &self.assets,
        }
    }

    /// Opens a form, its title naming the client it is about; when a draft of it is
    /// waiting, asks whether to continue it.
    pub fn open_form(&mut self, mut form: Form, flow: Flow) {
        if form.id.subject != 0
            && let Ok(Some(client)) = self.store.client(form.id.subject)
        {
            form.title = tf(
                self.lang,
                "form.for_client",
                &[("form", &form.title), ("name", &client.person.full_name())],
            );
        }
        let mut state = FormState {
            form,
            flow,
            picker: None,
            draft_failed: None,
        };
        state.flow.refresh(&mut state.form, &self.cx());
        let id = state.form.id.clone();
        self.form = Some(state);
        self.help = false;
        match self.store.draft(id.kind, id.subject) {
            Ok(Some(d)) => {
                let when = crate::domain::date::fmt_stamp(&d.updated_at);
                let lang = self.lang;
                self.confirm = Some(
                    Confirm::new(
                        t(lang, "draft.title"),
                        tf(lang, "draft.waiting", &[("when", &when)]),
                    )
                    .choice(KeyCode::Enter, t(lang, "draft.resume"), Action::ResumeDraft)
                    .choice(
                        KeyCode::Char('n'),
                        t(lang, "draft.fresh"),
                        Action::FreshForm,
                    )
                    // Cancel leaves the form; the draft waits on.
                    .on_cancel(Action::LeaveKeepDraft),
                );
            }
            Ok(None) => {}
            Err(e) => self.read_failed(&e),
        }
    }

    /// Re-runs the workflow's rules (notes, visibility, errors) after a change.
    fn refresh_form(&mut self) {
        let cx = Cx {
            lang: self.lang,
            today: self.today,
            store: &self.store,
            assets: &self.assets,
        };
        if let Some(fs) = self.form.as_mut() {
            fs.flow.refresh(&mut fs.form, &cx);
        }
    }

    /// Handles a form action; returns false when the action is not a form action.
    pub(super) fn update_form(&mut self, action: &Action) -> bool {
        let Some(fs) = self.form.as_mut() else {
            return false;
        };
        if fs.picker.is_some() {
            return self.update_picker(action);
        }
        match action {
            Action::NextField => {
                fs.form.next_field();
            }
            Action::PrevField => fs.form.prev_field(),
            Action::Down => {
                let f = fs.form.focused();
                if matches!(f.kind, Kind::Notes) && !f.notes_edge().1 {
                    fs.form.type_key(KeyEvent::from(KeyCode::Down));
                } else {
                    fs.form.next_field();
                }
            }
            Action::Up => {
                let f = fs.form.focused();
                if matches!(f.kind, Kind::Notes) && !f.notes_edge().0 {
                    fs.form.type_key(KeyEvent::from(KeyCode::Up));
                } else {
                    fs.form.prev_field();
                }
            }
            Action::NextStep => fs.form.next_step(),
            Action::PrevStep => fs.form.prev_step(),
            Action::Enter => match fs.form.focused().kind {
                Kind::Choice(_) | Kind::Multi(_) => self.open_picker(None),
                Kind::Notes => {
                    fs.form.type_key(KeyEvent::from(KeyCode::Enter));
                }
                _ => {
                    fs.form.next_field();
                }
            },
            Action::Toggle => self.open_picker(None),
            Action::Save => self.save_form(),
            Action::Leave => self.leave_form(),
            Action::Input(key) => self.type_in_form(*key),
            Action::Paste(text) => self.paste_in_form(text),
            _ => return false,
        }
        self.refresh_form();
        true
    }

    fn type_in_form(&mut self, key: KeyEvent) {
        let Some(fs) = self.form.as_mut() else { return };
        let field: &Field = fs.form.focused();
        match (&field.kind, key.code) {
            (Kind::Choice(_) | Kind::Multi(_), KeyCode::Char(' ')) => self.open_picker(None),
            (Kind::Choice(_) | Kind::Multi(_), KeyCode::Char(c)) if Field::is_plain(&key) => {
                self.open_picker(Some(c))
            }
            (Kind::Text, KeyCode::Right | KeyCode::End)
                if field.completion().is_some() && at_end(field) =>
            {
                let i = fs.form.focus;
                if fs.form.fields[i].complete() {
                    fs.form.changed();
                }
            }
            _ => {
                fs.form.type_key(key);
            }
        }
    }

    /// A paste into the focused field, in one go; on a choice it opens the picker with
    /// the text as its filter.
    fn paste_in_form(&mut self, text: &str) {
        let Some(fs) = self.form.as_mut() else { return };
        if matches!(fs.form.focused().kind, Kind::Choice(_) | Kind::Multi(_)) {
            self.open_picker(None);
            return self.paste_in_picker(text);
        }
        let i = fs.form.focus;
        if fs.form.fields[i].paste(text).changed {
            fs.form.changed();
        }
    }

    /// A paste into the open picker's filter.
    fn paste_in_picker(&mut self, text: &str) {
        let Some(fs) = self.form.as_mut() else { return };
        let options = fs.form.focused().options();
        if let Some(picker) = fs.picker.as_mut()
            && paste::into_input(&mut picker.filter, text, paste::FILTER_MAX).changed
        {
            picker.refilter(options);
        }
    }

    fn open_picker(&mut self, first: Option<char>) {
        let Some(fs) = self.form.as_mut() else { return };
        let field = fs.form.focused();
        let multi = matches!(field.kind, Kind::Multi(_));
        let mut picker = Picker::new(field.options(), multi, field.value.choice());
        if let Some(c) = first {
            picker
                .filter
                .handle_event(&Event::Key(KeyEvent::from(KeyCode::Char(c))));
            picker.refilter(field.options());
        }
        fs.picker = Some(picker);
    }

    fn update_picker(&mut self, action: &Action) -> bool {
        let Some(fs) = self.form.as_mut() else {
            return false;
        };
        let Some(picker) = fs.picker.as_mut() else {
            return false;
        };
        let options = fs.form.focused().options().to_vec();
        match action {
            Action::Down => picker.move_by(1),
            Action::Up => picker.move_by(-1),
            Action::PageDown => picker.move_by(10),
            Action::PageUp => picker.move_by(-10),
            Action::Toggle if !picker.multi => {
                picker
                    .filter
                    .handle_event(&Event::Key(KeyEvent::from(KeyCode::Char(' '))));
                picker.refilter(&options);
            }
            Action::Toggle => {
                if let Some(code) = picker.current(&options).map(|o| o.code.clone()) {
                    let i = fs.form.focus;
                    fs.form.fields[i].pick(&code);
                    fs.form.changed();
                }
            }
            Action::Enter => {
                let code = picker.current(&options).map(|o| o.code.clone());
                let multi = picker.multi;
                fs.picker = None;
                if let Some(code) = code.filter(|_| !multi) {
                    let i = fs.form.focus;
                    fs.form.fields[i].pick(&code);
                    fs.form.changed();
                    // The choice may show fields (a child's age): refresh before moving on.
                    self.refresh_form();
                    if let Some(fs) = self.form.as_mut() {
                        fs.form.next_field();
                    }
                }
            }
            Action::Leave => fs.picker = None,
            Action::Paste(text) => self.paste_in_picker(text),
            Action::Input(key) => {
                if key.code == KeyCode::Char(' ') && picker.multi {
                    return self.update_picker(&Action::Toggle);
                }
                picker.filter.handle_event(&Event::Key(*key));
                picker.refilter(&options);
            }
            _ => return false,
        }
        self.refresh_form();
        true
    }

    fn save_form(&mut self) {
        let lang = self.lang;
        let Some(mut fs) = self.form.take() else {
            return;
        };
        fs.form.show_all_errors = true;
        fs.flow.refresh(&mut fs.form, &self.cx());
        let errors = fs.form.error_count();
        if errors > 0 {
            fs.form.focus_first_error();
            self.form = Some(fs);
            self.error(&tf(lang, "form.errors", &[("n", &errors)]));
            return;
        }
        let cx_lang = self.lang;
        let today = self.today;
        let assets = self.assets.clone();
        match fs
            .flow
            .save(&fs.form, &mut self.store, cx_lang, today, &assets)
        {
            Ok(saved) => {
                self.refresh_client(saved.client_id);
                // The file stays on the client just saved, also when the list's filter
                // no longer shows them (their phase changed).
                self.show_file(saved.client_id);
                self.info(&saved.message);
                if let Some(screen) = self.return_to.take() {
                    // Back where the caseworker came from; the done item has left it.
                    self.update(Action::Show(screen));
                }
                if let Some(prompt) = fs.flow.take_prompt() {
                    self.show_prompt(prompt);
                }
            }
            Err(msg) => {
                // The form and everything in it stay; nothing was written. The draft goes
                // first, so that no tick covers the reason with a sentence of its own.
                self.form = Some(fs);
                self.flush_draft();
                self.error(&msg);
            }
        }
    }

    /// Leaves the form, asking first when something changed: whether to keep the draft,
    /// or, when no draft can be written, whether to leave and lose what was typed (Esc
    /// stays; Enter does nothing there).
    fn leave_form(&mut self) {
        let Some(fs) = self.form.as_ref() else { return };
        if !fs.form.dirty {
            self.close_form(true);
            return;
        }
        let lang = self.lang;
        let kept = Confirm::new(t(lang, "leave.title"), t(lang, "leave.message"))
            .choice(
                KeyCode::Enter,
                t(lang, "leave.keep"),
                Action::LeaveKeepDraft,
            )
            .choice(
                KeyCode::Char('d'),
                t(lang, "leave.discard"),
                Action::LeaveDiscard,
            );
        let lost = ["robust.store.leave_lost", "robust.store.leave_lose"];
        self.ask_before_the_form_goes(kept, lost, Action::LeaveDiscard);
    }

    /// The question before a changed form goes (leaving it, quitting). The draft is
    /// written first: when that fails, the question says that what was typed is lost
    /// (`lost`: the sentence and the answer) and only `d` goes on, to `lose` (Esc stays,
    /// Enter does nothing); else it is `kept`.
    pub(super) fn ask_before_the_form_goes(
        &mut self,
        kept: Confirm,
        lost: [&str; 2],
        lose: Action,
    ) {
        self.flush_draft();
        let lang = self.lang;
        self.confirm = Some(match self.draft_failed() {
            Some(kind) => Confirm::new(kept.title, self::lost(lang, lost[0], kind)).choice(
                KeyCode::Char('d'),
                t(lang, lost[1]),
                lose,
            ),
            None => kept,
        });
    }

    /// Why the open form's draft cannot be written, when it cannot.
    pub(super) fn draft_failed(&self) -> Option<ErrorKind> {
        self.form.as_ref().and_then(|fs| fs.draft_failed)
    }

    /// Closes the form; its draft is thrown away when `discard`.
    pub(super) fn close_form(&mut self, discard: bool) {
        let Some(fs) = self.form.take() else { return };
        if discard {
            if let Err(e) = self
                .store
                .discard_draft(fs.form.id.kind, fs.form.id.subject)
            {
                self.save_failed(&e);
            }
        } else {
            self.form = Some(fs);
            self.flush_draft();
            if self.draft_failed().is_some() {
                // Not kept after all: the form stays, and the question is asked again.
                return self.leave_form();
            }
            self.form = None;
            self.info(t(self.lang, "draft.kept"));
        }
        if let Some(screen) = self.return_to.take() {
            // Back where the form was opened from (the agenda), as after a save.
            let status = self.status.take();
            self.update(Action::Show(screen));
            self.status = status;
        }
    }

    /// Continues the waiting draft of the open form.
    pub(super) fn resume_draft(&mut self) {
        let Some(fs) = self.form.as_mut() else { return };
        if let Ok(Some(d)) = self.store.draft(fs.form.id.kind, fs.form.id.subject)
            && let Ok(json) = serde_json::from_str(&d.data)
        {
            fs.form.restore_draft(&json);
            fs.form.draft_pending = false;
        }
        self.refresh_form();
    }

    /// Writes the draft of the open form when it changed since the last write. When that
    /// fails, the status line says that what is typed is not kept; the next change tries
    /// again (there may be room by then).
    pub fn flush_draft(&mut self) {
        let Some(fs) = self.form.as_mut() else { return };
        if !fs.form.draft_pending {
            return;
        }
        let data = fs.form.to_draft().to_string();
        let written = self
            .store
            .save_draft(fs.form.id.kind, fs.form.id.subject, &data);
        fs.form.draft_pending = false;
        fs.draft_failed = written.as_ref().err().map(|e| e.kind());
        if let Some(kind) = fs.draft_failed {
            crate::log::event(crate::log::Event::Error { kind: kind.name() });
            let lang = self.lang;
            self.error(&lost(lang, "robust.store.draft_failed", kind));
        }
    }
}
