//! Every connection to a caseload file is made here: a file with a key file beside it is
//! encrypted, and gets the data key this process holds for it (see [`crate::vault`]); one
//! whose key is not held is locked.

use super::{Result, StoreError};
use crate::vault::{KeyFile, held};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// Opens `path` with `flags`, keyed when it is encrypted.
pub(super) fn connect(path: &Path, flags: OpenFlags) -> Result<Connection> {
    connect_as(path, path, flags)
}

/// Opens `target` (a path or a URI) as the database at `db`: keyed by `db`'s key file.
pub(super) fn connect_as(db: &Path, target: &Path, flags: OpenFlags) -> Result<Connection> {
    let key = key_of(db)?;
    let conn = Connection::open_with_flags(target, flags)?;
    let Some(key) = key else {
        return Ok(conn);
    };
    conn.execute_batch(&key.pragma())?;
    if not_a_database(probe(&conn)) {
        // A key file beside a plaintext file: `caseload encrypt` stopped after writing the
        // key file and before the encrypted copy took the file's place. The file is read
        // as what it is; `encrypt` can run again.
        let plain = Connection::open_with_flags(target, flags)?;
        if probe(&plain).is_ok() {
            return Ok(plain);
        }
    }
    Ok(conn)
}

/// The first read of a connection (SQLCipher checks the key on it).
fn probe(conn: &Connection) -> rusqlite::Result<()> {
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))
}

fn not_a_database(r: rusqlite::Result<()>) -> bool {
    matches!(r, Err(rusqlite::Error::SqliteFailure(f, _))
        if f.code == rusqlite::ErrorCode::NotADatabase)
}

/// Whether the file at `db` is plaintext even though a key file may be beside it (asked
/// of SQLite, never read with a descriptor of our own).
pub fn is_plaintext(db: &Path) -> bool {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(db, flags).is_ok_and(|c| probe(&c).is_ok())
}

/// The data key of the database at `db`: `None` when it is plaintext (no key file).
fn key_of(db: &Path) -> Result<Option<crate::vault::DataKey>> {
    let Some(file) = KeyFile::read(db)? else {
        return Ok(None);
    };
    match held::get(&file.key_id) {
        Some(key) => Ok(Some(key)),
        None => Err(StoreError::Locked {
            path: db.to_owned(),
        }),
    }
}

/// Whether the database at `db` is encrypted (a key file is beside it).
pub fn is_encrypted(db: &Path) -> bool {
    crate::vault::key_path(db).symlink_metadata().is_ok()
}
