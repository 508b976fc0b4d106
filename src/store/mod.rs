//! The only place with SQL: opening the file, migrations, and typed reads and writes.
//!
//! Writes go through [`Store::write`], which runs a closure in one `IMMEDIATE`
//! transaction; the typed functions on [`Tx`] append to the audit log as they go.

mod changes;
mod connect;
mod convert;
mod errors;
mod found;
mod migrations;
mod opening;
mod read_only;
mod table;

pub mod aftercare;
pub mod aftercare_flow;
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
pub mod drafts;
pub mod erasure;
mod erasure_debt;
mod erasure_logs;
pub mod exit_edit;
pub mod exit_flow;
pub mod exits;
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
pub mod rules;
mod rules_domain;
pub mod timeline;
pub mod trajectories;
pub mod transfer;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};
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
}

/// SQLite's page cache of the app's own connection, in KiB (negative: a size, not pages):
/// 16 MB keeps a caseload's hot pages; more only held memory (issue measurements: 64 MB a
/// connection grew the app to 200 MB idle at 100,000 clients).
const MAIN_CACHE_KIB: i64 = -16_384;

/// The page cache of a background reader (the list, counts, the report): its queries read
/// each page about once, so a small cache costs no time.
const READER_CACHE_KIB: i64 = -2_048;

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
    now: String,
}

impl Store {
    /// Opens (or creates, mode 0600) the caseload file at `path`: refuses a file that is
    /// not ours or is newer, sets the pragmas, and migrates to the latest schema.
    pub fn open(path: &Path) -> Result<Store> {
        // Whether an existing file is ours is asked of SQLite itself: this process never
        // opens the database with a descriptor of its own, because closing one would drop
        // SQLite's POSIX locks on the file (see `caseload check`'s WAL test). The file
        // system is asked only what is there (stat).
        let found = found::openable(path)?;
        opening::companions(path)?;
        Self::open_found(path, found).map_err(|e| opening::failed(path, e))
    }

    /// [`Store::open`] once what is at the path is known to be fit.
    fn open_found(path: &Path, found: Found) -> Result<Store> {
        let io_err = |source| StoreError::Io {
            path: path.to_owned(),
            source,
        };
        let not_ours = || StoreError::NotOurs {
            path: path.to_owned(),
        };
        let created = match found {
            Found::Nothing => {
                create_private(path).map_err(io_err)?;
                true
            }
            Found::Empty | Found::File => false,
        };
        // A file without write permission is opened read-only, even where the OS would
        // allow writing (root): the caseworker can read it, and a save says why it fails.
        let writable = std::fs::metadata(path)
            .map(|m| !m.permissions().readonly())
            .unwrap_or(true);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = match writable.then(|| connect::connect(path, flags)) {
            // SQLite opens a file the process may not write read-only by itself.
            Some(Ok(c)) if !c.is_readonly(rusqlite::MAIN_DB).unwrap_or(true) => Ok(c),
            Some(Err(e)) => Err(e),
            _ => read_only::open(path),
        };
        let conn = conn.map_err(|e| match e {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(ref f, _))
                if f.code == rusqlite::ErrorCode::NotADatabase =>
            {
                not_ours()
            }
            other => other,
        })?;
        Self::prepare(conn, Some(path.to_owned()), created)
    }

    /// A second, read-only connection to the same file, for loading in the background.
    pub fn open_reader(path: &Path) -> Result<Store> {
        let conn = read_only::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.set_prepared_statement_cache_capacity(128);
        conn.pragma_update(None, "cache_size", READER_CACHE_KIB)?;
        Ok(Store {
            conn,
            path: Some(path.to_owned()),
            clock: wall_clock(),
            changes: changes::Log::default(),
            damaged: Default::default(),
            casework: Default::default(),
        })
    }

    /// Opens an existing caseload file read-only, for the commands that only read (backup,
    /// check) and may run next to the app: refuses a missing, foreign or newer file and
    /// never writes to it.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if found::openable(path)? == Found::Nothing {
            return Err(StoreError::Unfit {
                path: path.to_owned(),
                why: Unfit::Missing,
            });
        }
        opening::companions(path)?;
        Self::read_only_found(path).map_err(|e| opening::failed(path, e))
    }

    /// [`Store::open_read_only`] once the file is known to be there.
    fn read_only_found(path: &Path) -> Result<Store> {
        let not_ours = || StoreError::NotOurs {
            path: path.to_owned(),
        };
        let unreadable = |e| opening::unreadable(Some(path), path, e);
        let store = Self::open_reader(path).map_err(|e| match e {
            StoreError::Sqlite(e) => unreadable(e),
            other => other,
        })?;
        let app_id: i32 = store
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(unreadable)?;
        if app_id != APPLICATION_ID {
            return Err(not_ours());
        }
        let found: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let known = latest_version();
        if found > known {
            return Err(StoreError::Newer {
                path: path.to_owned(),
                found,
                known,
            });
        }
        if migrations::foreign_objects(&store.conn)? {
            return Err(not_ours());
        }
        Ok(store)
    }

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

    /// A fresh database in memory, for tests.
    pub fn open_in_memory() -> Result<Store> {
        Self::prepare(Connection::open_in_memory()?, None, true)
    }

    /// Checks that the file is ours and not newer, then sets it up and migrates it.
    /// `created`: the file was made empty by this process just now (or is in memory), the
    /// only kind that is set up as a new caseload; any other must be one already.
    fn prepare(mut conn: Connection, path: Option<PathBuf>, created: bool) -> Result<Store> {
        let shown = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.set_prepared_statement_cache_capacity(128);
        // Read-only checks first, so a foreign or newer file is left untouched.
        let not_ours = || StoreError::NotOurs {
            path: shown.clone(),
        };
        let app_id: i32 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| opening::unreadable(path.as_deref(), &shown, e))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        let new = created && app_id == 0 && tables == 0;
        if app_id != APPLICATION_ID && !new {
            return Err(not_ours());
        }
        let known = latest_version();
        if version > known {
            return Err(StoreError::Newer {
                path: shown,
                found: version,
                known,
            });
        }
        // Caseload's id on a file with tables caseload never makes is not a caseload.
        if migrations::foreign_objects(&conn)? {
            return Err(not_ours());
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            // Nothing may be written: readable as it is, or not at all.
            if app_id != APPLICATION_ID || version < known {
                return Err(StoreError::Open {
                    path: shown,
                    kind: ErrorKind::ReadOnly,
                });
            }
            return Ok(Store {
                conn,
                path,
                clock: wall_clock(),
                changes: changes::Log::default(),
                damaged: Default::default(),
                casework: Default::default(),
            });
        }
        // A new file is marked as caseload's first: killed before the rest, it is found
        // again as a caseload (set up and migrated then), not as a stranger's file.
        if new {
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        if path.is_some() {
            conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "cache_size", MAIN_CACHE_KIB)?;
        migrations::migrate(&mut conn)?;
        Ok(Store {
            conn,
            path,
            clock: wall_clock(),
            changes: changes::Log::default(),
            damaged: Default::default(),
            casework: Default::default(),
        })
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

    /// Runs `f` in one `IMMEDIATE` transaction: all of it is written, or nothing.
    pub fn write<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        if self.damaged.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(StoreError::Damaged);
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let w = Tx {
            tx,
            now: stamp((self.clock)()),
        };
        let set = changes::begin(&w.tx, &self.changes, &w.now)?;
        let out = f(&w)?;
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

impl Tx<'_> {
    /// Appends to the audit log: entity, id, action, time; never the data itself.
    fn audit(&self, entity: &str, id: i64, action: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO audit_log (at, entity, entity_id, action) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(rusqlite::params![self.now, entity, id, action])?;
        Ok(())
    }

    /// The connection of this transaction.
    fn conn(&self) -> &Connection {
        &self.tx
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
