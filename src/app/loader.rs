//! Loads the whole caseload list on a second connection in the background, so the first
//! frame never waits for a large caseload.

use crate::store::Store;
use crate::store::caseload::CaseloadRow;
use std::path::Path;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// A list load in progress; dropping it interrupts the query.
pub struct Loader {
    rx: Receiver<Result<Vec<CaseloadRow>, String>>,
    interrupt: rusqlite::InterruptHandle,
}

impl std::fmt::Debug for Loader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Loader")
    }
}

impl Loader {
    /// Starts loading the list of the database at `path`.
    pub fn spawn(path: &Path, today: chrono::NaiveDate) -> crate::store::Result<Loader> {
        let reader = Store::open_reader(path)?;
        let interrupt = reader.interrupt_handle();
        let (tx, rx) = channel();
        std::thread::Builder::new()
            .name("caseload-list".into())
            .spawn(move || {
                let rows = reader.caseload(today).map_err(|e| e.to_string());
                let _ = tx.send(rows);
            })
            .map_err(|e| crate::store::StoreError::Rule(format!("cannot start loading: {e}")))?;
        Ok(Loader { rx, interrupt })
    }

    /// The loaded list, once it is there.
    pub fn poll(&self) -> Option<Result<Vec<CaseloadRow>, String>> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err("the list could not be loaded".into())),
        }
    }

    /// Waits for the list (tests and benchmarks).
    pub fn wait(self) -> Result<Vec<CaseloadRow>, String> {
        self.rx
            .recv()
            .unwrap_or_else(|_| Err("the list could not be loaded".into()))
    }
}

impl Drop for Loader {
    fn drop(&mut self) {
        self.interrupt.interrupt();
    }
}
