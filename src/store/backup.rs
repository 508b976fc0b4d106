//! The SQL of backups: a consistent copy (`VACUUM INTO`), the WAL emptied before a file
//! is moved, and the inspection of a copy (ours? newer? sound?) before it is trusted.

use super::{APPLICATION_ID, Result, Store, StoreError, latest_version};
use rusqlite::OpenFlags;
use std::path::{Path, PathBuf};

impl Store {
    /// Writes a consistent, compact copy of the whole database into `dest`, which must be
    /// absent or empty. It reads in one transaction, so the app may go on writing.
    pub fn copy_into(&self, dest: &Path) -> Result<()> {
        let dest = dest
            .to_str()
            .ok_or_else(|| StoreError::Rule("the backup path is not valid text".into()))?;
        self.conn().execute("VACUUM INTO ?1", [dest])?;
        Ok(())
    }

    /// Moves everything from the write-ahead log into the main file and empties the log,
    /// so that the main file alone holds the whole database.
    pub fn checkpoint(&self) -> Result<()> {
        let busy: i64 = self
            .conn()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        if busy != 0 {
            return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                None,
            )));
        }
        Ok(())
    }
}

/// What a database file turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A caseload database that passed the check, at this schema version.
    Sound { version: i64 },
    /// Not a caseload database (another program's file, or not SQLite at all).
    NotOurs,
    /// A caseload database of a newer version.
    Newer { found: i64, known: i64 },
    /// Encrypted, and its key is not held (or its key file is not usable).
    Locked { why: String },
    /// Damaged: what SQLite found (messages about pages and tables, never data).
    Damaged { problems: Vec<String> },
}

/// Inspects a copy without changing it: ours, not newer, and `quick_check` (or, with
/// `full`, the slower `integrity_check`) finds nothing. A file in WAL mode needs a
/// writable folder; the `-wal` and `-shm` files SQLite makes for it are removed again.
pub fn inspect(path: &Path, full: bool) -> Result<Verdict> {
    let io = |source| StoreError::Io {
        path: path.to_owned(),
        source,
    };
    if std::fs::metadata(path).map_err(io)?.len() == 0 {
        return Ok(Verdict::NotOurs);
    }
    let sidecars: Vec<PathBuf> = ["-wal", "-shm"]
        .iter()
        .map(|s| {
            let mut p = path.as_os_str().to_owned();
            p.push(s);
            PathBuf::from(p)
        })
        .filter(|p| !p.exists())
        .collect();
    let verdict = inspect_open(path, full);
    for p in sidecars {
        // Made by this read-only look and empty: not part of the file.
        let _ = std::fs::remove_file(p);
    }
    Ok(verdict)
}

fn inspect_open(path: &Path, full: bool) -> Verdict {
    let damaged = |e: rusqlite::Error| Verdict::Damaged {
        problems: vec![e.to_string()],
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = match super::connect::connect(path, flags) {
        Ok(c) => c,
        Err(StoreError::Sqlite(e)) => return damaged(e),
        Err(e) => return Verdict::Locked { why: e.to_string() },
    };
    let header = conn.query_row("PRAGMA application_id", [], |r| r.get::<_, i32>(0));
    let app_id = match header {
        Ok(id) => id,
        // Not SQLite at all (asked of SQLite, never read with a descriptor of our own).
        Err(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::NotADatabase =>
        {
            return Verdict::NotOurs;
        }
        Err(e) => return damaged(e),
    };
    if app_id != APPLICATION_ID {
        return Verdict::NotOurs;
    }
    let found: i64 = match conn.query_row("PRAGMA user_version", [], |r| r.get(0)) {
        Ok(v) => v,
        Err(e) => return damaged(e),
    };
    let known = latest_version();
    if found > known {
        return Verdict::Newer { found, known };
    }
    let pragma = if full {
        "PRAGMA integrity_check"
    } else {
        "PRAGMA quick_check"
    };
    let lines = conn.prepare(pragma).and_then(|mut st| {
        st.query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()
    });
    match lines {
        Ok(lines) if lines == ["ok"] => Verdict::Sound { version: found },
        Ok(lines) => Verdict::Damaged { problems: lines },
        Err(e) => damaged(e),
    }
}

impl Store {
    /// Writes an encrypted copy of this plaintext database into `dest` (absent or empty),
    /// with `key`, schema version and id included (`sqlcipher_export` copies the rest).
    pub fn encrypted_copy(&self, dest: &Path, key: &crate::vault::DataKey) -> Result<()> {
        // The connection may not create files: the copy's file is made first, private.
        if std::fs::symlink_metadata(dest).is_err() {
            super::create_private(dest).map_err(|source| StoreError::Io {
                path: dest.to_owned(),
                source,
            })?;
        }
        let dest = dest
            .to_str()
            .ok_or_else(|| StoreError::Rule("the path is not valid text".into()))?;
        let version = self.schema_version()?;
        let conn = self.conn();
        conn.execute(
            &format!(
                "ATTACH DATABASE ?1 AS enc KEY {}",
                super::connect::raw_key(key).as_str()
            ),
            [dest],
        )?;
        let copied = conn
            .query_row("SELECT sqlcipher_export('enc')", [], |_| Ok(()))
            .and_then(|()| {
                conn.execute_batch(&format!(
                    "PRAGMA enc.user_version = {version}; \
                     PRAGMA enc.application_id = {APPLICATION_ID};"
                ))
            });
        let detached = conn.execute_batch("DETACH DATABASE enc");
        copied?;
        detached?;
        Ok(())
    }
}
