//! Opening a caseload file read-only, also where the caseworker may not write beside it.
//!
//! A WAL database needs its index (`<db>-shm`) even to be read, and SQLite creates it next
//! to the file. In a folder the caseworker may not write, that fails ("attempt to write a
//! readonly database") and nothing can be read. When no other connection has the file
//! open (no `-wal`, no `-shm` beside it), the file itself is the whole database, and it is
//! read as immutable: without an index, and without writing anything.

use super::connect::{connect, connect_as};
use super::errors::sqlite_kind;
use super::{ErrorKind, Result};
use crate::paths::with_suffix;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// Opens `path` read-only, reading it as immutable where the index cannot be made.
pub(super) fn open(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = connect(path, flags)?;
    // The first read sets up the index; other failures show on the first real use.
    let probe = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()));
    let alone = || !with_suffix(path, "-wal").exists() && !with_suffix(path, "-shm").exists();
    match probe {
        Err(e) if sqlite_kind(&e) == ErrorKind::ReadOnly && alone() => {
            drop(conn);
            connect_as(
                path,
                Path::new(&immutable_uri(path)),
                flags | OpenFlags::SQLITE_OPEN_URI,
            )
        }
        _ => Ok(conn),
    }
}

/// `file:<path>?immutable=1`, the path percent-encoded where a URI needs it.
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for &b in path.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_uri_keeps_the_path_and_escapes_what_a_uri_would_read() {
        assert_eq!(
            immutable_uri(Path::new("/data/my case?#%.db")),
            "file:/data/my%20case%3F%23%25.db?immutable=1"
        );
    }
}
