//! Opening a caseload file: what is at the path checked first, the connection made (keyed
//! when encrypted), the file's id and version checked, the pragmas set and the schema
//! migrated; the read-only and background connections; a fresh database in memory.

use super::found::{self, Found};
use super::{
    APPLICATION_ID, ErrorKind, MAIN_CACHE_KIB, READER_CACHE_KIB, Result, Store, StoreError, Unfit,
    changes, connect, create_private, latest_version, migrations, opening, read_only, wall_clock,
};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

impl Store {
    /// Lets SQLite refresh the statistics its query planner uses where they are missing or
    /// stale (`PRAGMA optimize`, every table checked, each sampled at most 400 rows: about
    /// 0.25 s at 100,000 clients), so that the first page of a large caseload is planned
    /// well from the next start on (its first frame 1.30 → 0.82 s at 100,000 clients).
    /// Only the statistics table (`sqlite_stat1`) is written, never client data; a failure
    /// is of no consequence.
    pub fn optimize(&self) {
        let _ = self
            .conn()
            .execute_batch("PRAGMA analysis_limit = 400; PRAGMA optimize = 0x10002;");
    }

    /// Opens (or creates, mode 0600) the caseload file at `path`: refuses a file that is
    /// not ours or is newer, sets the pragmas, and migrates to the latest schema.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_made(path).map(|(store, _)| store)
    }

    /// [`Store::open`], and whether it made the file: nothing was at `path`, and the file
    /// it made there is its own (made only where none is).
    pub fn open_made(path: &Path) -> Result<(Store, bool)> {
        // Whether an existing file is ours is asked of SQLite itself: this process never
        // opens the database with a descriptor of its own, because closing one would drop
        // SQLite's POSIX locks on the file (see `caseload check`'s WAL test). The file
        // system is asked only what is there (stat).
        let found = found::openable(path)?;
        opening::companions(path)?;
        Self::open_found(path, found).map_err(|e| opening::failed(path, e))
    }

    /// [`Store::open_made`] once what is at the path is known to be fit.
    fn open_found(path: &Path, found: Found) -> Result<(Store, bool)> {
        let io_err = |source| StoreError::Io {
            path: path.to_owned(),
            source,
        };
        let created = match found {
            Found::Nothing => {
                create_private(path).map_err(io_err)?;
                true
            }
            Found::Empty | Found::File => false,
        };
        let opened = Self::open_file(path, created);
        if created && opened.is_err() {
            // The file made here holds nothing yet: left, the next open would refuse it as
            // an empty file.
            let _ = std::fs::remove_file(path);
        }
        opened.map(|store| (store, created))
    }

    /// Opens the file at `path` (made just now by this process: `created`) and sets it up.
    fn open_file(path: &Path, created: bool) -> Result<Store> {
        let not_ours = || StoreError::NotOurs {
            path: path.to_owned(),
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
            rare: Default::default(),
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

    /// A fresh database in memory, for tests.
    pub fn open_in_memory() -> Result<Store> {
        super::connect::configure();
        let conn = super::connect::in_memory(Connection::open_in_memory()?)?;
        Self::prepare(conn, None, true)
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
                rare: Default::default(),
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
            rare: Default::default(),
        })
    }
}
