//! What the state does with what came back from the store and the background: rows, files,
//! the agenda, the report, an opened or saved form, a written draft, a fact, a notice.

use super::effect::{Effect, Got};
use super::layer::Layer;
use super::screens::caseload::Focus;
use super::state::{State, StatusKind};
use crate::domain::model::Id;
use crate::i18n::{t, tf};

impl State {
    /// Takes an answer; returns what follows from it.
    pub(super) fn got(&mut self, got: Got) -> Vec<Effect> {
        let (lang, height) = (self.lang, self.list_height());
        match got {
            Got::Page(read, Ok(page)) => self.caseload.take_page(&read, page, height),
            Got::Counted(q, Ok((n, total))) => {
                self.caseload.take_count(q, n, total);
                Vec::new()
            }
            Got::File(id, Ok(file)) => {
                let wanted = self.caseload.focus == Focus::File;
                self.caseload.got_file(id, file, wanted);
                Vec::new()
            }
            Got::AgendaPage(read, Ok((page, risk))) => {
                self.agenda.take_page(&read, page, risk, height)
            }
            Got::AgendaCounted(q, Ok(n)) => {
                self.agenda.take_count(q, n);
                Vec::new()
            }
            Got::Overdue(Ok(n)) => {
                self.overdue = n;
                Vec::new()
            }
            Got::Report(period, result) => {
                let report = match result {
                    Ok(r) => Some(r),
                    Err(msg) => {
                        self.error(&msg);
                        None
                    }
                };
                self.reports.got(period, report, lang, &self.assets.catalog);
                let rows = crate::layout::report_rows(self.size);
                self.reports.scroll_by(0, rows);
                Vec::new()
            }
            Got::Drafts(Ok(drafts)) => self.reopen(drafts.first()),
            Got::Settled(client, Ok(done)) => {
                self.ask_take_back(client, &done);
                Vec::new()
            }
            Got::FormOpened(Ok(layer)) => self.form_opened(*layer),
            Got::DraftValues(values) => {
                let cx_assets = self.assets.clone();
                let cx = super::workflows::Cx {
                    lang,
                    today: self.today,
                    assets: &cx_assets,
                };
                let Some(f) = self.form_mut() else {
                    return Vec::new();
                };
                if let Some(v) = values {
                    f.form.restore_draft(&v);
                    f.form.draft_pending = false;
                }
                f.refresh(&cx).0
            }
            Got::Committed(Ok(c)) => {
                let mut effects = self.close_form(false);
                // The file shows the client just saved, also when the list's filter no
                // longer shows them (their phase changed); the list is read again around
                // them, and their file is read.
                if !self.is_shown(c.client_id) || self.caseload.focus != Focus::File {
                    self.caseload.focus_file();
                }
                self.caseload.focus = Focus::File;
                effects.extend(self.refresh_client(c.client_id));
                self.info(&c.message);
                if let Some(p) = c.then {
                    effects.extend(self.ask(p));
                }
                effects
            }
            Got::Committed(Err(msg)) => {
                // The form and everything in it stay; nothing was written. The draft is
                // written, and the reason stays in the status line.
                self.error(&msg);
                self.write_draft().into_iter().collect()
            }
            Got::DraftWritten(result) => {
                let failed = result.err();
                if let Some(f) = self.form_mut() {
                    f.draft_failed = failed;
                }
                if let Some(kind) = failed {
                    let standing = matches!(self.status, Some((_, StatusKind::Error)));
                    if !standing {
                        let msg = tf(
                            lang,
                            "robust.store.draft_failed",
                            &[("cause", &kind.cause(lang))],
                        );
                        self.error(&msg);
                    }
                }
                self.draft_written(failed)
            }
            Got::DraftDiscarded(Err(msg)) => {
                self.error(&msg);
                Vec::new()
            }
            Got::DraftDiscarded(Ok(())) => Vec::new(),
            Got::Fact(q, a) => {
                let assets = self.assets.clone();
                let cx = super::workflows::Cx {
                    lang,
                    today: self.today,
                    assets: &assets,
                };
                let prompt = self.form_mut().and_then(|f| f.got_fact(q, a, &cx));
                match prompt {
                    Some(p) => self.ask(p),
                    None => Vec::new(),
                }
            }
            Got::Done(Ok((msg, client))) => {
                self.info(&msg);
                match client {
                    Some(id) => self.refresh_client(id),
                    None => self.refresh_all(),
                }
            }
            Got::Notice(Ok(msg)) => {
                self.info(&msg);
                Vec::new()
            }
            Got::History(name, Ok(rows)) => {
                let entries = crate::domain::history::entries(&rows, self.lang);
                self.layers
                    .push(Layer::History(Box::new(super::layer::HistoryView {
                        title: tf(self.lang, "history.title", &[("name", &name)]),
                        empty: t(self.lang, "history.empty").to_owned(),
                        entries,
                        scroll: 0,
                    })));
                Vec::new()
            }
            Got::Found(typed, Ok(hits)) => {
                self.got_found(&typed, hits);
                Vec::new()
            }
            Got::Changed(change) => {
                self.changes.made(change);
                Vec::new()
            }
            Got::Undone(Ok(u)) => {
                let (from, to) = if u.redo {
                    (&mut self.changes.redo, &mut self.changes.undo)
                } else {
                    (&mut self.changes.undo, &mut self.changes.redo)
                };
                let what = match from.last() {
                    Some(c) if c.set == u.undid => from.pop().map(|c| c.what),
                    _ => None,
                }
                .unwrap_or_default();
                to.push(super::undo::Change {
                    set: u.by,
                    what: what.clone(),
                    client: u.client,
                });
                let key = if u.redo {
                    "change.redone"
                } else {
                    "change.undone"
                };
                self.info(&tf(self.lang, key, &[("what", &what)]));
                match u.client {
                    Some(id) => self.refresh_client(id),
                    None => self.refresh_all(),
                }
            }
            Got::Undone(Err(f)) => {
                // One that never can be done leaves its stack, so the next one is reachable.
                if f.never {
                    let stack = if f.redo {
                        &mut self.changes.redo
                    } else {
                        &mut self.changes.undo
                    };
                    if stack.last().is_some_and(|c| c.set == f.set) {
                        stack.pop();
                    }
                }
                self.error(&f.msg);
                Vec::new()
            }
            Got::Page(_, Err(msg))
            | Got::Counted(_, Err(msg))
            | Got::File(_, Err(msg))
            | Got::AgendaPage(_, Err(msg))
            | Got::AgendaCounted(_, Err(msg))
            | Got::Overdue(Err(msg))
            | Got::Drafts(Err(msg))
            | Got::Settled(_, Err(msg))
            | Got::FormOpened(Err(msg))
            | Got::Done(Err(msg))
            | Got::History(_, Err(msg))
            | Got::Found(_, Err(msg))
            | Got::Notice(Err(msg)) => {
                self.error(&msg);
                Vec::new()
            }
        }
    }

    /// A form opened: it goes on top (replacing the intake it continues), with the
    /// question about its waiting draft.
    fn form_opened(&mut self, layer: super::form_layer::FormLayer) -> Vec<Effect> {
        let lang = self.lang;
        let mut effects = Vec::new();
        let mut layer = layer;
        if let Some((kind, subject)) = layer.replaces {
            if let Some(pos) = self
                .layers
                .iter()
                .rposition(|l| matches!(l, Layer::Form(_)))
            {
                self.layers.truncate(pos);
            }
            if (kind, subject) != (layer.kind(), layer.subject()) {
                effects.push(Effect::DiscardDraft { kind, subject });
            }
            if layer.waiting_draft.is_none() {
                layer.form.changed();
            }
        }
        if layer.kind() == super::workflows::FormKind::Intake && layer.subject() != 0 {
            // A known client back on benefit: this intake starts a new benefit period.
            self.info(&tf(
                lang,
                "intake.new_episode",
                &[("name", &layer.client_name)],
            ));
        }
        let assets = self.assets.clone();
        let cx = super::workflows::Cx {
            lang,
            today: self.today,
            assets: &assets,
        };
        let (queries, _) = layer.refresh(&cx);
        effects.extend(queries);
        let waiting = layer.waiting_draft.clone();
        self.layers.retain(|l| !matches!(l, Layer::Help { .. }));
        self.layers.push(Layer::Form(Box::new(layer)));
        if let Some(when) = waiting {
            self.ask_draft(&when);
        }
        effects
    }

    /// Reopens the form of the newest draft (which then offers the draft).
    fn reopen(&mut self, draft: Option<&crate::store::drafts::Draft>) -> Vec<Effect> {
        let Some(d) = draft else {
            self.info(t(self.lang, "draft.none"));
            return Vec::new();
        };
        let Some(kind) = super::workflows::FormKind::from_code(&d.form) else {
            self.info(t(self.lang, "draft.none"));
            return Vec::new();
        };
        if kind.drafts_by_record() {
            // The form finds its client from the record.
            let start = super::workflows::Start::new(kind, None).on(Some(d.subject));
            return vec![Effect::OpenForm(start)];
        }
        let client: Option<Id> = (d.subject != 0).then_some(d.subject);
        let mut effects = Vec::new();
        if let Some(id) = client {
            effects.extend(self.open_client(id));
        }
        effects.push(Effect::OpenForm(super::workflows::Start::new(kind, client)));
        effects
    }
}
