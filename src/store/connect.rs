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

/// Every connection keeps its temporary tables and sorts in memory (nothing of the
/// caseload lands in a plaintext temporary file), and knows the functions the roster's
/// rows are computed with.
pub(super) fn in_memory(conn: Connection) -> Result<Connection> {
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    super::roster_rows::register(&conn)?;
    Ok(conn)
}

/// Sets what SQLite keeps for the whole process, once, before its first connection: no
/// count of the memory it holds (each of its allocations took a lock to keep it, and the
/// app never asks for it).
pub(super) fn configure() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: called before SQLite is initialised (or refused with SQLITE_MISUSE, and
        // nothing changes), with the one integer argument this option takes.
        #[allow(unsafe_code)]
        unsafe {
            rusqlite::ffi::sqlite3_config(
                rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS,
                0 as std::ffi::c_int,
            );
        }
    });
}

/// Opens `target` (a path or a URI) as the database at `db`: keyed by `db`'s key file.
///
/// A key file beside a plaintext file is what `caseload encrypt` leaves when it is stopped
/// after writing the key file and before the encrypted copy took the file's place: the
/// file is read as what it is, and `encrypt` can run again.
pub(super) fn connect_as(db: &Path, target: &Path, flags: OpenFlags) -> Result<Connection> {
    configure();
    let keys = KeyFile::read(db)?;
    let conn = Connection::open_with_flags(target, flags)?;
    let Some(keys) = keys else {
        return in_memory(conn);
    };
    let plaintext =
        |c: &Connection| probe(c).is_ok() && std::fs::metadata(db).is_ok_and(|m| m.len() > 0);
    let Some(key) = held::get(&keys.key_id) else {
        return match plaintext(&conn) {
            true => in_memory(conn),
            false => Err(StoreError::Locked {
                path: db.to_owned(),
            }),
        };
    };
    let statement = zeroize::Zeroizing::new(format!("PRAGMA key = {};", raw_key(&key).as_str()));
    conn.execute_batch(&statement)?;
    if not_a_database(probe(&conn)) {
        let plain = Connection::open_with_flags(target, flags)?;
        if plaintext(&plain) {
            return in_memory(plain);
        }
    }
    in_memory(conn)
}

/// `key` as SQLCipher reads a raw key (no key stretching): `"x'<64 hex digits>'"`.
pub(super) fn raw_key(key: &crate::vault::DataKey) -> zeroize::Zeroizing<String> {
    zeroize::Zeroizing::new(format!("\"x'{}'\"", key.hex().as_str()))
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

/// Whether the database at `db` is encrypted (a key file is beside it).
pub fn is_encrypted(db: &Path) -> bool {
    crate::vault::key_path(db).symlink_metadata().is_ok()
}
