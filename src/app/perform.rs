//! Performing effects: the only place where the app reads and writes the store, starts
//! work in the background and writes letters. Each effect's answer is a [`Got`] for
//! `update`; a failure is one sentence (its kind logged, never data).

use super::App;
use super::effect::{Done, Effect, Got, Op, Read, UndoFailed, Undone};
use super::form_layer::FormLayer;
use super::undo::{Change, describe};
use super::workflows::{Answer, Cx, Query, Start};
use crate::domain::date::fmt_date;
use crate::domain::trajectory::Assignment;
use crate::i18n::{Lang, t, tf};
use crate::log::{self, Event};
use crate::store::StoreError;

/// The instrument offered when a contract is not renewed.
const JOBHUNTER: &str = "jobhunter";

/// A read that failed, as the sentence the status line shows (its kind logged).
pub fn read_failed(e: StoreError, lang: Lang) -> String {
    log::event(Event::Error {
        kind: e.kind().name(),
    });
    e.read_message(lang)
}

/// A write that failed, as the sentence the status line shows (its kind logged).
fn write_failed(e: StoreError, lang: Lang) -> String {
    log::event(Event::Error {
        kind: e.kind().name(),
    });
    e.save_message(lang)
}

/// The sentence for a write without a form (a mark, an undo): nothing typed to keep.
fn op_failed(e: StoreError, lang: Lang) -> String {
    log::event(Event::Error {
        kind: e.kind().name(),
    });
    e.user_message(lang)
}

impl App {
    /// Performs one effect; its answer, if it has one.
    pub(super) fn perform(&mut self, effect: Effect) -> Option<Got> {
        let (lang, today) = (self.state.lang, self.state.today);
        let read = |e| read_failed(e, lang);
        Some(match effect {
            Effect::Read(r) => self.read(r),
            Effect::Background(job) => {
                let assets = self.state.assets.clone();
                // The report counted last holds until something is written.
                let stamp = self.store.data_stamp().ok();
                if let super::effect::Job::Report(period) = job
                    && let Some(r) = self.jobs.counted((period, today, stamp))
                {
                    return Some(Got::Report(period, Ok(r)));
                }
                match self.store.path().map(|p| p.to_path_buf()) {
                    Some(path) => {
                        if let Err(e) = self.jobs.start(&job, &path, (today, stamp), &assets) {
                            return Some(Got::Notice(Err(read(e))));
                        }
                        return None;
                    }
                    None => self.now(job),
                }
            }
            Effect::OpenForm(start) => Got::FormOpened(self.open(&start).map(Box::new)),
            Effect::Commit => Got::Committed(self.commit()),
            Effect::WriteDraft {
                kind,
                subject,
                data,
            } => {
                let written = self.store.save_draft(kind.code(), subject, &data);
                if let Err(e) = &written {
                    log::event(Event::Error {
                        kind: e.kind().name(),
                    });
                }
                Got::DraftWritten(written.map_err(|e| e.kind()))
            }
            Effect::DiscardDraft { kind, subject } => Got::DraftDiscarded(
                self.store
                    .discard_draft(kind.code(), subject)
                    .map_err(|e| write_failed(e, lang)),
            ),
            Effect::ResumeDraft => {
                let f = self.state.form()?;
                let values = self
                    .store
                    .draft(f.kind().code(), f.subject())
                    .ok()
                    .flatten()
                    .and_then(|d| serde_json::from_str(&d.data).ok());
                Got::DraftValues(values)
            }
            Effect::Query(q) => match self.answer(&q) {
                Ok(a) => Got::Fact(q, a),
                Err(e) => Got::Notice(Err(read(e))),
            },
            Effect::Op(Op::Undo(set)) => Got::Undone(self.undo(set, false)),
            Effect::Op(Op::Redo(set)) => Got::Undone(self.undo(set, true)),
            Effect::Op(op) => Got::Done(self.op(op)),
            Effect::Letter(client) => Got::Notice(self.letter(client)),
        })
    }

    /// A read on the main connection.
    fn read(&mut self, r: Read) -> Got {
        let (lang, today) = (self.state.lang, self.state.today);
        let read = |e| read_failed(e, lang);
        match r {
            Read::Page(want) => {
                let page = super::reads::list_page(&self.store, &want, today).map_err(read);
                Got::Page(want, page)
            }
            Read::AgendaPage(want) => {
                let risk = &self.state.assets.risk;
                let page = super::reads::agenda_page(&self.store, &want, risk).map_err(read);
                Got::AgendaPage(want, page)
            }
            Read::File(id) => Got::File(id, self.store.client_file(id).map_err(read)),
            Read::History(id) => {
                let name = match self.store.client(id) {
                    Ok(Some(c)) => c.person.full_name(),
                    _ => String::new(),
                };
                Got::History(name, self.store.client_changes(id).map_err(read))
            }
            Read::Overdue => {
                // Counted now: a count still coming from the start is older.
                self.jobs.forget_overdue();
                Got::Overdue(self.store.overdue_count(today).map_err(read))
            }
            Read::Drafts => Got::Drafts(self.store.drafts().map_err(read)),
            Read::Settled(id) => Got::Settled(id, self.store.settled_instalments(id).map_err(read)),
            Read::Search(typed) => {
                let needle = crate::domain::search::Needle::new(&typed);
                Got::Found(typed, self.store.search(&needle).map_err(read))
            }
        }
    }

    /// Background work done at once (a database in memory has no second connection).
    fn now(&mut self, job: super::effect::Job) -> Got {
        let (lang, today) = (self.state.lang, self.state.today);
        let read = |e| read_failed(e, lang);
        match job {
            super::effect::Job::Whole(want) => {
                let page = super::reads::list_page(&self.store, &want, today).map_err(read);
                Got::Page(want, page)
            }
            super::effect::Job::Count(q) => {
                let counted = super::reads::list_count(&self.store, &q).map_err(read);
                Got::Counted(q, counted)
            }
            super::effect::Job::Overdue => {
                Got::Overdue(self.store.overdue_count(today).map_err(read))
            }
            super::effect::Job::AgendaCount(q) => {
                Got::AgendaCounted(q.clone(), self.store.agenda_count(&q).map_err(read))
            }
            super::effect::Job::Report(period) => {
                let stamp = self.store.data_stamp().ok();
                let reported = super::reads::report(&self.store, period, today, &self.state.assets);
                self.jobs.keep((period, today, stamp), &reported);
                Got::Report(period, reported.map_err(read))
            }
        }
    }

    /// Opens a form: the workflow prefills it from the store; its title names the client;
    /// a waiting draft is looked up.
    fn open(&mut self, start: &Start) -> Result<FormLayer, String> {
        let assets = self.state.assets.clone();
        let lang = self.state.lang;
        let cx = Cx {
            lang,
            today: self.state.today,
            assets: &assets,
        };
        let opened = start.kind.open(start, &self.store, &cx)?;
        let mut layer = FormLayer::new(opened);
        layer.from = start.from;
        layer.replaces = start
            .carry
            .as_ref()
            .map(|(_, kind, subject)| (*kind, *subject));
        if let Some(id) = start.client {
            let client = self.store.client(id).map_err(|e| read_failed(e, lang))?;
            if let Some(c) = client {
                layer.client_name = c.person.full_name();
                layer.form.title = tf(
                    lang,
                    "form.for_client",
                    &[("form", &layer.form.title), ("name", &layer.client_name)],
                );
            }
        }
        let draft = self
            .store
            .draft(layer.kind().code(), layer.subject())
            .map_err(|e| read_failed(e, lang))?;
        layer.waiting_draft = draft.map(|d| d.updated_at);
        Ok(layer)
    }

    /// Saves the form on top in one transaction, its draft removed in the same one.
    fn commit(&mut self) -> Result<super::workflows::Committed, String> {
        let lang = self.state.lang;
        let cx = Cx {
            lang,
            today: self.state.today,
            assets: &self.state.assets,
        };
        let Some(f) = self.state.form() else {
            return Err(t(lang, "form.no_client").to_owned());
        };
        let (kind, subject) = (f.kind(), f.subject());
        self.store
            .write(|tx| {
                let done = f.flow.commit(&f.form, tx, &cx)?;
                tx.delete_draft(kind.code(), subject)?;
                Ok(done)
            })
            .map_err(|e| write_failed(e, lang))
    }

    /// The store's answer to a form's query.
    fn answer(&self, q: &Query) -> crate::store::Result<Answer> {
        match q {
            Query::ClientByBsn(bsn) => Ok(Answer::Client(super::workflows::intake::known_client(
                &self.store,
                bsn,
            )?)),
        }
    }

    /// A write without a form: what to say, and the client to refresh.
    fn op(&mut self, op: Op) -> Result<(String, Option<i64>), String> {
        let (lang, today) = (self.state.lang, self.state.today);
        let failed = |e| op_failed(e, lang);
        match op {
            Op::Extend { plan, client } => {
                let cfg = self.state.assets.aftercare.clone();
                let ext = self.store.extend_aftercare(plan, &cfg).map_err(failed)?;
                let msg = tf(
                    lang,
                    "aftercare_rule.extended",
                    &[("date", &fmt_date(ext.ends_on))],
                );
                Ok((msg, Some(client)))
            }
            Op::TakeBack(id) => {
                let client = self
                    .store
                    .instalment_context(id)
                    .ok()
                    .flatten()
                    .map(|c| c.client_id);
                let back = self.store.take_back_instalment(id).map_err(failed)?;
                let key = if back.cancelled_on.is_some() {
                    "premium_pay.taken_back_cancelled"
                } else {
                    "premium_pay.taken_back"
                };
                Ok((tf(lang, key, &[("n", &back.seq)]), client))
            }
            Op::SetDone { item, client } => {
                let key = match item {
                    Done::Goal(id, on) => {
                        self.store.set_goal_done(id, on).map_err(failed)?;
                        if on.is_some() {
                            "file.goal_done"
                        } else {
                            "file.goal_open"
                        }
                    }
                    Done::Agreement(id, on) => {
                        self.store.set_agreement_done(id, on).map_err(failed)?;
                        if on.is_some() {
                            "file.agreement_done"
                        } else {
                            "file.agreement_open"
                        }
                    }
                };
                Ok((t(lang, key).to_owned(), Some(client)))
            }
            // Done by `undo`, which says who the change was of.
            Op::Undo(_) | Op::Redo(_) => Err(t(lang, "change.nothing").to_owned()),
            Op::AssignJobhunter(episode_id) => {
                let inst = self
                    .state
                    .assets
                    .catalog
                    .get(JOBHUNTER)
                    .cloned()
                    .ok_or_else(|| t(lang, "checkin.no_jobhunter").to_owned())?;
                let running = self.store.trajectories(episode_id).map(|ts| {
                    ts.iter().any(|t| {
                        t.instrument == JOBHUNTER && crate::domain::trajectory::is_running(t.status)
                    })
                });
                if let Ok(true) = running {
                    return Ok((t(lang, "checkin.jobhunter_running").to_owned(), None));
                }
                let a = Assignment::for_instrument(&inst, lang, today, None);
                self.store
                    .assign_trajectory(episode_id, &a)
                    .map_err(failed)?;
                let client = self
                    .store
                    .episode(episode_id)
                    .ok()
                    .flatten()
                    .map(|e| e.client_id);
                let msg = tf(
                    lang,
                    "checkin.jobhunter_assigned",
                    &[("date", &fmt_date(today))],
                );
                Ok((msg, client))
            }
        }
    }

    /// Undoes a change set (a redo undoes an undo): the set that did it, and the client.
    fn undo(&mut self, set: crate::domain::model::Id, redo: bool) -> Result<Undone, UndoFailed> {
        let lang = self.state.lang;
        let failed = |msg, never| UndoFailed {
            msg,
            set,
            redo,
            never,
        };
        let client = self
            .store
            .change_summary(set)
            .map_err(|e| failed(read_failed(e, lang), false))?
            .and_then(|s| s.client_id);
        let by = self.store.undo(set);
        // The undo's own change set is not a new change to undo.
        self.store.take_last_change();
        let by = by.map_err(|e| {
            // Refused by the data (changed since, nothing left): it never can be done.
            let never = matches!(e, StoreError::Invalid(_));
            failed(op_failed(e, lang), never)
        })?;
        Ok(Undone {
            undid: set,
            by,
            redo,
            client,
        })
    }

    /// The change the last save made, in words, to undo (`None`: it made none).
    pub(super) fn take_change(&mut self) -> Option<Change> {
        let set = self.store.take_last_change()?;
        let summary = self.store.change_summary(set).ok().flatten()?;
        Some(Change {
            set,
            what: describe(&summary, self.state.lang),
            client: summary.client_id,
        })
    }

    /// Writes the exit letter of a client's latest exit into the letters folder.
    fn letter(&mut self, client_id: i64) -> Result<String, String> {
        let (lang, today) = (self.state.lang, self.state.today);
        let db = self
            .store
            .path()
            .map(|p| p.to_path_buf())
            .ok_or_else(|| t(lang, "letter.no_file").to_owned())?;
        let assets = self.state.assets.clone();
        let text = crate::letters::exit_letter(&self.store, &assets, client_id, today, lang)
            .map_err(|e| e.user_message(lang))?;
        match crate::letters::write_exit_letter(&db, today, client_id, &text) {
            Ok(path) => Ok(tf(lang, "letter.written", &[("path", &path.display())])),
            Err(e) => Err(tf(lang, "letter.failed", &[("why", &e.kind())])),
        }
    }
}
