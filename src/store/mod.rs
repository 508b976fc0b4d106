//! The only place with SQL: opening the file, migrations, and typed reads and writes.
//!
//! Writes go through [`Store::write`], which runs a closure in one `IMMEDIATE`
//! transaction; the typed functions on [`Tx`] append to the audit log as they go.

mod changes;
mod connect;
mod convert;
mod errors;
mod found;
mod load;
mod migrations;
mod open;
mod opening;
mod read_only;
mod table;

pub mod aftercare;
pub mod aftercare_flow;
pub mod aftercare_unplanned;
pub mod aftercare_view;
pub mod agenda;
pub mod backup;
pub mod caseload;
pub mod casework;
mod change_triggers;
pub mod check;
pub mod clients;
pub mod constraints;
mod corrections;
pub use corrections::TrajectoryFix;
mod agenda_kept;
pub mod agenda_page;
pub mod drafts;
pub mod erasure;
mod erasure_debt;
mod erasure_logs;
pub mod exit_edit;
pub mod exit_flow;
pub mod exits;
mod grams;
pub mod handover;
pub mod import;
pub mod intake;
pub mod integrity;
pub mod journey;
pub mod letter_facts;
pub mod notes;
pub mod plan;
pub mod premium_pay;
pub mod report;
mod report_risk;
pub mod retention;
pub mod risk;
pub mod roster;
pub mod roster_page;
mod roster_read;
mod roster_rows;
pub mod rules;
mod rules_domain;
pub mod search;
pub mod timeline;
pub mod trajectories;
pub mod transfer;

use rusqlite::{Connection, TransactionBehavior};
use std::path::{Path, PathBuf};

pub use changes::{ChangeRow, ChangeSummary};
pub use connect::{is_encrypted, is_plaintext};
pub use errors::{ErrorKind, io_clause, io_kind};
pub use found::{Found, Unfit, found, openable};
pub use migrations::latest_version;

/// `PRAGMA application_id` of a caseload file ("CSLD").
pub const APPLICATION_ID: i32 = 0x4353_4c44;

/// What can go wrong in the store; the text never contains personal data.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: not a caseload database; choose another file with --db")]
    NotOurs { path: PathBuf },
    #[error(
        "{path}: written by a newer version of caseload (schema {found}, this version knows {known}); update caseload"
    )]
    Newer {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    /// What is at the path is not a file caseload may open (empty, a device, another
    /// user's, a link to nothing): refused before anything is opened.
    #[error("{path}: refused ({why:?})")]
    Unfit { path: PathBuf, why: Unfit },
    /// The file could not be opened, set up or migrated (a full disk, a damaged file):
    /// said of the file, by kind.
    #[error("{path}: cannot be opened ({kind:?})")]
    Open { path: PathBuf, kind: ErrorKind },
    /// The file was found damaged since it was opened: nothing more is written into it.
    #[error("the database file is damaged; not written")]
    Damaged,
    #[error("{path}: cannot open: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is encrypted and its key has not been unlocked in this process.
    #[error("{path}: encrypted; unlock it first")]
    Locked { path: PathBuf },
    /// The key file beside an encrypted database could not be used.
    #[error("{0}")]
    Keys(#[from] crate::vault::VaultError),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("{0}")]
    Rule(String),
    /// A trajectory change the domain rules refuse (the reason has an i18n key).
    #[error("refused: {0}")]
    Trajectory(#[from] crate::domain::trajectory::TrajectoryError),
    /// A note, agreement or goal the domain rules refuse (the reason has an i18n key).
    #[error("refused: {0}")]
    Plan(#[from] crate::domain::notes::PlanError),
    /// A rule of the domain refused the input: the i18n key of the message to show.
    #[error("{0}")]
    Invalid(&'static str),
}

impl StoreError {
    /// The caseworker's sentence when the domain rules refused a save (`None` for other
    /// errors, which are not the caseworker's to fix).
    pub fn refusal(&self, lang: crate::i18n::Lang) -> Option<String> {
        match self {
            StoreError::Trajectory(e) => Some(e.message(lang)),
            StoreError::Plan(e) => Some(e.message(lang)),
            _ => None,
        }
    }
}

/// Result of store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open caseload database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// The time stamped on rows and audit entries (the wall clock, or one a test sets).
    clock: Clock,
    /// Whether saves are logged for undo and history, and the last one's change set.
    changes: changes::Log,
    /// Set when a check in the background found the file damaged: nothing more is
    /// written into it (see [`Store::damage_flag`]).
    damaged: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// The municipality's rules of casework that the read models follow (when the plan
    /// of action is due).
    casework: std::cell::Cell<crate::domain::casework::CaseworkConfig>,
    /// Below how many rows found through the list's trigram index a page of the list is
    /// made of those rows (see `roster_page`); `None`: as many as the roster's size says.
    rare: std::cell::Cell<Option<usize>>,
}

/// SQLite's page cache of the app's own connection, in KiB (negative: a size, not pages):
/// 16 MB keeps a caseload's hot pages; more only held memory (issue measurements: 64 MB a
/// connection grew the app to 200 MB idle at 100,000 clients).
const MAIN_CACHE_KIB: i64 = -16_384;

/// The page cache of a background reader (the list, counts, the report): its queries read
/// each page about once, so a small cache costs no time.
const READER_CACHE_KIB: i64 = -2_048;

/// Where the file stood when it was read (see [`Store::data_stamp`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DataStamp(i64, u64);

/// Where the time of a write comes from.
pub type Clock = std::sync::Arc<dyn Fn() -> chrono::NaiveDateTime + Send + Sync>;

/// The wall clock, in local time.
fn wall_clock() -> Clock {
    std::sync::Arc::new(|| chrono::Local::now().naive_local())
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

/// A write transaction; every typed write on it also appends to the audit log.
pub struct Tx<'a> {
    tx: rusqlite::Transaction<'a>,
    /// The connection of `tx`, for the statements the transaction holds.
    conn: &'a Connection,
    /// The statements of the typed writes this transaction ran (see [`table::Prepared`]).
    /// Declared after `tx`: they go back to the connection's cache after it ends.
    prepared: table::Prepared<'a>,
    now: String,
    /// Whether each typed write appends to the audit log (a bulk load audits its clients
    /// at its end: see [`Store::bulk_load`]).
    audited: bool,
    /// In a bulk load, once a client was written: the id the next new client gets (see
    /// [`Tx::insert_client`]). Each save asks the database.
    next_client: std::cell::Cell<Option<crate::domain::model::Id>>,
}

impl Store {
    /// The key file of this database: `None` when it is plaintext (or in memory).
    pub fn key_file(&self) -> Result<Option<crate::vault::KeyFile>> {
        match &self.path {
            Some(p) => Ok(crate::vault::KeyFile::read(p)?),
            None => Ok(None),
        }
    }

    /// The schema version of this database (`user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Where the file stands, as far as this connection can tell: the stamp moves with
    /// every row this connection wrote (`total_changes`) and with every write another
    /// connection committed (`PRAGMA data_version`). The same stamp twice: nothing was
    /// written in between, so what was counted then still holds.
    pub fn data_stamp(&self) -> Result<DataStamp> {
        let version = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok(DataStamp(version, self.conn.total_changes()))
    }

    /// Caps the file at `pages` pages (`PRAGMA max_page_count`, for this connection): a
    /// quota. A write past it fails as a full disk does, which is how the tests make one.
    pub fn set_page_limit(&self, pages: u64) -> Result<()> {
        self.conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))?;
        Ok(())
    }

    /// Closes the connection and reports a failure (dropping a store ignores it).
    pub fn close(self) -> Result<()> {
        self.conn.close().map_err(|(_, e)| StoreError::Sqlite(e))
    }

    /// A handle that can interrupt a long query on this connection from another thread.
    pub fn interrupt_handle(&self) -> rusqlite::InterruptHandle {
        self.conn.get_interrupt_handle()
    }

    /// Sets where the time of a write comes from (tests: a clock that moves on by a
    /// second at every write, so that nothing has to wait for a distinct time).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// The file this store lives in (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether the file was opened read-only (it may not be written): nothing can be
    /// saved, drafts neither.
    pub fn is_read_only(&self) -> bool {
        self.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false)
    }

    /// The flag that, once set (by a check in the background that found the file
    /// damaged), makes every write refuse with [`StoreError::Damaged`]: a write into a
    /// damaged file could spread the damage.
    pub fn damage_flag(&self) -> std::sync::Arc<std::sync::atomic::AtomicBool> {
        self.damaged.clone()
    }

    /// Runs `f` in one `IMMEDIATE` transaction: all of it is written, or nothing. The rows
    /// of the roster it made stale are computed again before it commits.
    pub fn write<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        self.write_as(false, f)
    }

    /// [`Store::write`]; a `bulk` write (see [`Store::bulk_load`]) neither audits each
    /// typed write nor makes a change set.
    fn write_as<T>(&mut self, bulk: bool, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        if self.damaged.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(StoreError::Damaged);
        }
        let rollback = bulk && load::rollback_journal(&self.conn);
        let unchecked = bulk && load::checks(&self.conn, false).is_ok();
        let out = self.write_in(bulk, rollback, f);
        if rollback {
            load::back_to_wal(&self.conn);
        }
        if unchecked {
            load::checks(&self.conn, true)?;
        }
        out
    }

    /// [`Store::write_as`], in an exclusive transaction when the file has a rollback
    /// journal for a bulk load.
    fn write_in<T>(
        &mut self,
        bulk: bool,
        exclusive: bool,
        f: impl FnOnce(&Tx) -> Result<T>,
    ) -> Result<T> {
        let conn = &self.conn;
        let tx = rusqlite::Transaction::new_unchecked(
            conn,
            match exclusive {
                true => TransactionBehavior::Exclusive,
                false => TransactionBehavior::Immediate,
            },
        )?;
        let w = Tx {
            tx,
            conn,
            prepared: table::Prepared::default(),
            now: stamp((self.clock)()),
            audited: !bulk,
            next_client: std::cell::Cell::new(None),
        };
        let days = self.casework.get().plan_within_days;
        if bulk {
            let out = f(&w)?;
            roster::refresh(&w.tx, days)?;
            w.tx.commit()?;
            self.changes.unlogged();
            return Ok(out);
        }
        let set = changes::begin(&w.tx, &self.changes, &w.now)?;
        let out = f(&w)?;
        roster::refresh(&w.tx, days)?;
        let kept = changes::end(&w.tx, set)?;
        w.tx.commit()?;
        self.changes.committed(kept);
        Ok(out)
    }

    /// The connection, for the read functions of this module.
    fn conn(&self) -> &Connection {
        &self.conn
    }
}

impl<'a> Tx<'a> {
    /// Appends to the audit log: entity, id, action, time; never the data itself.
    fn audit(&self, entity: &str, id: i64, action: &str) -> Result<()> {
        if !self.audited {
            return Ok(());
        }
        self.tx
            .prepare_cached(
                "INSERT INTO audit_log (at, entity, entity_id, action) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(rusqlite::params![self.now, entity, id, action])?;
        Ok(())
    }

    /// The connection of this transaction, for as long as the transaction's borrow of it
    /// (the statements it holds live that long).
    fn conn(&self) -> &'a Connection {
        self.conn
    }
}

/// A time as stamped on rows and audit entries.
fn stamp(at: chrono::NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Creates a new, empty file readable by its owner only (mode 0600; missing folders 0700)
/// and returns it open for writing. Use it for everything that holds personal data:
/// the database, backups, letters, exports. It refuses to replace an existing file.
pub fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_private_dir(dir)?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)
}

/// Creates a folder (and its parents) readable by its owner only.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}
