//! Work on a second, read-only connection in the background, so that the screen never
//! waits for a large caseload (the list's count, the agenda, the overdue count, the report);
//! finished work comes back to `update` as a [`Got`] on the next tick. What was read last
//! holds until the file changes: the report is kept, the agenda and the overdue count on
//! screen are not read again, and the counts of the last filters typed are answered at once
//! (a letter erased, or the filter cleared, counts nothing again).

use super::effect::{Got, Job as Kind, Reported};
use super::screens::reports::Period;
use super::screens::window::{Page, PageRead};
use crate::assets::Assets;
use crate::store::agenda_page::AgendaQuery;
use crate::store::roster_page::ListQuery;
use crate::store::{DataStamp, Result, Store, StoreError};
use chrono::NaiveDate;
use std::path::Path;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// Work in progress in the background; dropping it interrupts its query.
pub struct Job<T> {
    rx: Receiver<Result<T>>,
    interrupt: rusqlite::InterruptHandle,
    /// What failed, when the work stopped without an answer.
    what: &'static str,
}

impl<T: Send + 'static> Job<T> {
    /// Runs `work` on its own read-only connection to `path`, in a thread named `name`;
    /// `what` says what failed if the thread ends without an answer.
    pub fn start(
        path: &Path,
        name: &str,
        what: &'static str,
        work: impl FnOnce(&Store) -> Result<T> + Send + 'static,
    ) -> Result<Job<T>> {
        let reader = Store::open_reader(path)?;
        let interrupt = reader.interrupt_handle();
        let (tx, rx) = channel();
        std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                let _ = tx.send(work(&reader));
            })
            .map_err(|e| StoreError::Rule(format!("cannot start {name}: {e}")))?;
        Ok(Job {
            rx,
            interrupt,
            what,
        })
    }

    /// The answer, once it is there.
    pub fn poll(&self) -> Option<Result<T>> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(StoreError::Rule(self.what.into()))),
        }
    }

    /// Waits for the answer (tests and benchmarks).
    pub fn wait(self) -> Result<T> {
        self.rx
            .recv()
            .unwrap_or_else(|_| Err(StoreError::Rule(self.what.into())))
    }
}

impl<T> Drop for Job<T> {
    fn drop(&mut self) {
        self.interrupt.interrupt();
    }
}

/// What a report was counted for: its period, the report date, and where the file stood
/// when counting began (`None`: unknown, so never counted again without counting).
pub type Counting = (Period, NaiveDate, Option<DataStamp>);

/// What the overdue count was read for: its day and where the file stood.
type Fresh = Option<(NaiveDate, DataStamp)>;

/// A count running for a query, begun with the file where it stood then.
type CountRunning<Q, T> = Option<((Q, Option<DataStamp>), Job<T>)>;

/// How many counts of lists (and of agendas) are kept.
const KEPT_COUNTS: usize = 16;

/// The counts of the queries counted last, each with where the file stood when counting
/// began: good while it stands there.
struct Recent<Q, T> {
    kept: std::collections::VecDeque<(Q, DataStamp, T)>,
}

impl<Q, T> Default for Recent<Q, T> {
    fn default() -> Self {
        Recent {
            kept: Default::default(),
        }
    }
}

impl<Q: PartialEq, T: Clone> Recent<Q, T> {
    /// The count of `q`, when it was counted with the file where it stands (`stamp`).
    fn get(&self, q: &Q, stamp: Option<DataStamp>) -> Option<T> {
        let stamp = stamp?;
        self.kept
            .iter()
            .find(|(k, s, _)| k == q && *s == stamp)
            .map(|(_, _, t)| t.clone())
    }

    /// Keeps the count of `q` made with the file at `stamp` (none when that is unknown),
    /// forgetting the oldest beyond [`KEPT_COUNTS`].
    fn keep(&mut self, q: Q, stamp: Option<DataStamp>, t: T) {
        let Some(stamp) = stamp else { return };
        self.kept.retain(|(k, _, _)| *k != q);
        self.kept.push_front((q, stamp, t));
        self.kept.truncate(KEPT_COUNTS);
    }
}

/// The work running in the background: at most one of each kind (a newer one replaces,
/// and so interrupts, an older one).
#[derive(Default)]
pub struct Jobs {
    count: CountRunning<ListQuery, (usize, usize)>,
    whole: Option<(PageRead, Job<Page>)>,
    overdue: Option<(Fresh, Job<usize>)>,
    report: Option<(Counting, Job<Reported>)>,
    agenda_count: CountRunning<AgendaQuery, usize>,
    /// The lists counted last, and the agendas.
    counts: Recent<ListQuery, (usize, usize)>,
    agenda_counts: Recent<AgendaQuery, usize>,
    /// Counts answered from those, for the next poll.
    ready: Vec<Got>,
    /// The report counted last, kept until a write (see [`Store::data_stamp`]).
    counted: Option<(Counting, Reported)>,
    /// What the overdue count on screen was read for: asked for the same again while
    /// nothing was written, it is not counted again (the screen holds it).
    shown: Fresh,
}

impl Jobs {
    /// Starts work of a kind on the database at `path` (standing at `stamp`): a report
    /// already being counted for the same period, day and stamp goes on.
    pub fn start(
        &mut self,
        kind: &Kind,
        path: &Path,
        (today, stamp): (NaiveDate, Option<DataStamp>),
        assets: &Assets,
    ) -> Result<()> {
        match kind {
            Kind::Whole(read) => {
                let (r, rules) = (read.clone(), assets.casework);
                let job = Job::start(
                    path,
                    "caseload-whole",
                    "the list could not be read",
                    move |s| {
                        s.set_casework(rules);
                        super::reads::list_page(s, &r, today)
                    },
                )?;
                self.whole = Some((read.clone(), job));
            }
            Kind::Count(q) => {
                // Counted already with the file as it stands: answered at once (and a
                // count running for another list is older: it stops).
                if let Some(n) = self.counts.get(q, stamp) {
                    self.count = None;
                    self.ready.push(Got::Counted(q.clone(), Ok(n)));
                    return Ok(());
                }
                // The same list being counted goes on.
                if self
                    .count
                    .as_ref()
                    .is_some_and(|((running, _), _)| running == q)
                {
                    return Ok(());
                }
                let q2 = q.clone();
                let job = Job::start(
                    path,
                    "caseload-count",
                    "the list could not be counted",
                    move |s| super::reads::list_count(s, &q2),
                )?;
                self.count = Some(((q.clone(), stamp), job));
            }
            Kind::Overdue => {
                let fresh = stamp.map(|s| (today, s));
                if fresh.is_some() && Self::same(fresh, self.shown, &self.overdue) {
                    return Ok(());
                }
                let rules = assets.casework;
                let job = Job::start(
                    path,
                    "caseload-overdue",
                    "the overdue items could not be counted",
                    move |s| {
                        s.set_casework(rules);
                        s.overdue_count(today)
                    },
                )?;
                self.overdue = Some((fresh, job));
            }
            Kind::AgendaCount(q) => {
                if let Some(n) = self.agenda_counts.get(q, stamp) {
                    self.agenda_count = None;
                    self.ready.push(Got::AgendaCounted(q.clone(), Ok(n)));
                    return Ok(());
                }
                // The same agenda being counted goes on.
                if self
                    .agenda_count
                    .as_ref()
                    .is_some_and(|((running, _), _)| running == q)
                {
                    return Ok(());
                }
                let (q2, rules) = (q.clone(), assets.casework);
                let job = Job::start(
                    path,
                    "caseload-agenda-count",
                    "the agenda could not be counted",
                    move |s| {
                        s.set_casework(rules);
                        s.agenda_count(&q2)
                    },
                )?;
                self.agenda_count = Some(((q.clone(), stamp), job));
            }
            Kind::Report(period) => {
                let counting = (*period, today, stamp);
                if stamp.is_some() && self.report.as_ref().is_some_and(|(c, _)| *c == counting) {
                    return Ok(());
                }
                let (period, assets) = (*period, assets.clone());
                let job = Job::start(
                    path,
                    "caseload-report",
                    "the report could not be computed",
                    move |s| super::reads::report(s, period, today, &assets),
                )?;
                self.report = Some((counting, job));
            }
        }
        Ok(())
    }

    /// Whether what is `fresh` is shown already, or being read.
    fn same<T>(fresh: Fresh, shown: Fresh, running: &Option<(Fresh, Job<T>)>) -> bool {
        shown == fresh || running.as_ref().is_some_and(|(f, _)| *f == fresh)
    }

    /// The report counted last for `counting`, when the file has not changed since.
    pub fn counted(&self, counting: Counting) -> Option<Reported> {
        match &self.counted {
            Some((c, r)) if counting.2.is_some() && *c == counting => Some(r.clone()),
            _ => None,
        }
    }

    /// Keeps a report just counted for `counting` (the one kept before goes).
    pub fn keep(&mut self, counting: Counting, reported: &Result<Reported>) {
        self.counted = match reported {
            Ok(r) if counting.2.is_some() => Some((counting, r.clone())),
            _ => None,
        };
    }

    /// An overdue count counted now makes the one in the background older: it goes.
    pub fn forget_overdue(&mut self) {
        self.overdue = None;
        self.shown = None;
    }

    /// Whether work is running.
    pub fn busy(&self) -> bool {
        !self.ready.is_empty()
            || self.count.is_some()
            || self.whole.is_some()
            || self.overdue.is_some()
            || self.report.is_some()
            || self.agenda_count.is_some()
    }

    /// The work that has finished, as answers (`sentence` turns an error into words).
    pub fn poll(&mut self, sentence: impl Fn(StoreError) -> String) -> Vec<Got> {
        let mut out = std::mem::take(&mut self.ready);
        if let Some(((q, stamp), r)) = self
            .count
            .as_ref()
            .and_then(|(q, j)| Some((q.clone(), j.poll()?)))
        {
            self.count = None;
            if let Ok(n) = &r {
                self.counts.keep(q.clone(), stamp, *n);
            }
            out.push(Got::Counted(q, r.map_err(&sentence)));
        }
        if let Some((read, r)) = self
            .whole
            .as_ref()
            .and_then(|(q, j)| Some((q.clone(), j.poll()?)))
        {
            self.whole = None;
            out.push(Got::Page(read, r.map_err(&sentence)));
        }
        if let Some(((q, stamp), r)) = self
            .agenda_count
            .as_ref()
            .and_then(|(q, j)| Some((q.clone(), j.poll()?)))
        {
            self.agenda_count = None;
            if let Ok(n) = &r {
                self.agenda_counts.keep(q.clone(), stamp, *n);
            }
            out.push(Got::AgendaCounted(q, r.map_err(&sentence)));
        }
        if let Some((fresh, r)) = self
            .overdue
            .as_ref()
            .and_then(|(f, j)| Some((*f, j.poll()?)))
        {
            self.overdue = None;
            self.shown = fresh.filter(|_| r.is_ok());
            out.push(Got::Overdue(r.map_err(&sentence)));
        }
        if let Some((counting, r)) = self
            .report
            .as_ref()
            .and_then(|(c, j)| j.poll().map(|r| (*c, r)))
        {
            self.report = None;
            self.keep(counting, &r);
            out.push(Got::Report(counting.0, r.map_err(&sentence)));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::roster_page::ListWord;

    /// Polls until the background has answered.
    fn answers(jobs: &mut Jobs) -> Vec<Got> {
        let mut out = Vec::new();
        while jobs.busy() {
            std::thread::sleep(std::time::Duration::from_millis(2));
            out.extend(jobs.poll(|e| e.to_string()));
        }
        out
    }

    #[test]
    fn a_list_counted_before_is_answered_at_once_until_the_file_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let mut store = Store::open(&path).unwrap();
        crate::demo::generate(&mut store, 30, 7, today).unwrap();
        let assets = Assets::builtin();
        let q = ListQuery {
            words: vec![ListWord::Text {
                folded: "e".into(),
                phases: Vec::new(),
            }],
            ..ListQuery::default()
        };
        let want = store.list_count(&q).unwrap();
        let mut jobs = Jobs::default();
        let count = |jobs: &mut Jobs, store: &Store| {
            let stamp = store.data_stamp().ok();
            jobs.start(&Kind::Count(q.clone()), &path, (today, stamp), &assets)
                .unwrap();
            let running = jobs.count.is_some();
            let got = answers(jobs);
            assert!(
                matches!(&got[..], [Got::Counted(k, Ok((n, 30)))] if *k == q && *n == want),
                "{got:?}"
            );
            running
        };
        assert!(count(&mut jobs, &store), "counted in the background");
        assert!(!count(&mut jobs, &store), "answered from the count kept");
        // A write (here another client) makes the kept count old: counted again.
        crate::demo::generate(&mut store, 1, 8, today).unwrap();
        let stamp = store.data_stamp().ok();
        jobs.start(&Kind::Count(q.clone()), &path, (today, stamp), &assets)
            .unwrap();
        assert!(jobs.count.is_some(), "counted again after the write");
        answers(&mut jobs);
    }
}
