//! Work on a second, read-only connection in the background, so that the screen never
//! waits for a large caseload (the whole caseload list, the overdue count, the report),
//! and what the app takes from it on a tick.

use crate::store::caseload::CaseloadRow;
use crate::store::{Result, Store, StoreError};
use std::path::Path;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// Work in progress in the background; dropping it interrupts its query.
pub struct Job<T> {
    rx: Receiver<Result<T>>,
    interrupt: rusqlite::InterruptHandle,
    /// What failed, when the work stopped without an answer.
    what: &'static str,
}

impl<T> std::fmt::Debug for Job<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Job")
    }
}

/// The caseload list loading.
pub type Loader = Job<Vec<CaseloadRow>>;

impl Loader {
    /// Starts loading the list of the database at `path`.
    pub fn spawn(path: &Path, today: chrono::NaiveDate) -> Result<Loader> {
        Job::start(
            path,
            "caseload-list",
            "the list could not be loaded",
            move |s| s.caseload(today),
        )
    }
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

impl super::App {
    /// Takes the background list when it has arrived.
    pub(super) fn poll_loader(&mut self) {
        let Some(result) = self.loader.as_ref().and_then(|l| l.poll()) else {
            return;
        };
        self.loader = None;
        match result {
            Ok(rows) => {
                self.caseload.set_rows(rows, self.lang);
                for id in std::mem::take(&mut self.saved_while_loading) {
                    self.refresh_client(id);
                }
                let height = self.list_height();
                self.caseload.scroll_into_view(height);
                self.load_file();
            }
            Err(e) => self.read_failed(&e),
        }
    }

    /// Takes the overdue count counted at start, unless a save has counted it since.
    pub(super) fn poll_overdue(&mut self) {
        let Some(result) = self.counting.as_ref().and_then(|j| j.poll()) else {
            return;
        };
        self.counting = None;
        match result {
            Ok(n) => self.overdue = n,
            Err(e) => self.read_failed(&e),
        }
    }

    /// Shows what background work reported, once it has.
    pub(super) fn poll_notices(&mut self) {
        use std::sync::mpsc::TryRecvError;
        match self.notices.as_ref().map(|rx| rx.try_recv()) {
            Some(Ok(msg)) => self.error(&msg),
            Some(Err(TryRecvError::Disconnected)) => self.notices = None,
            _ => {}
        }
    }
}
