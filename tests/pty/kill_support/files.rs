//! What a kill may leave on disk, looked at without changing it: a database's integrity
//! and content (read-only connections, so the next start is the first to recover a killed
//! writer's log), `caseload check`, and the folders backups are written into.

use rusqlite::{Connection, OpenFlags};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many hot rollback journals [`read_only`] found and had rolled back.
pub static ROLLED_BACK: AtomicUsize = AtomicUsize::new(0);

/// A read-only connection: it never checkpoints nor removes the log on close. A file a
/// kill left with a hot rollback journal (killed while it was switched to WAL) cannot be
/// read without rolling that back first, which the next start of the binary would do:
/// a read-write connection does it here.
pub fn read_only(db: &Path) -> Connection {
    let open = || {
        Connection::open_with_flags(
            db,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .unwrap_or_else(|e| panic!("{}: cannot open read-only: {e}", db.display()))
    };
    let conn = open();
    match conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(())) {
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.extended_code == rusqlite::ffi::SQLITE_READONLY_ROLLBACK =>
        {
            drop(conn);
            let rw = Connection::open(db).unwrap();
            rw.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))
                .unwrap();
            rw.close().unwrap();
            ROLLED_BACK.fetch_add(1, Ordering::Relaxed);
            open()
        }
        _ => conn,
    }
}

/// A connection to a file nothing writes (a backup): no locks, no `-wal` or `-shm` made.
fn immutable(file: &Path) -> Connection {
    let uri = format!("file:{}?immutable=1", file.display());
    Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
    )
    .unwrap_or_else(|e| panic!("{}: cannot open: {e}", file.display()))
}

/// What `PRAGMA integrity_check` says, line by line (`["ok"]` when all is well).
pub fn integrity(conn: &Connection) -> Vec<String> {
    let mut st = conn.prepare("PRAGMA integrity_check").unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// Panics unless the database passes `integrity_check` and the real `caseload check`.
pub fn assert_sound(db: &Path, when: &str) {
    let problems = integrity(&read_only(db));
    assert_eq!(
        problems,
        ["ok"],
        "{when}: integrity_check of {}",
        db.display()
    );
    let out = Command::new(env!("CARGO_BIN_EXE_caseload"))
        .arg("--db")
        .arg(db)
        .args(["--lang", "en", "check"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{when}: caseload check exited with {}:\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every row of every table, each as text, sorted: equal for equal content.
pub fn content(conn: &Connection) -> Vec<String> {
    let mut rows = Vec::new();
    for table in tables(conn) {
        let mut st = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let n = st.column_count();
        let mut q = st.query([]).unwrap();
        while let Some(r) = q.next().unwrap() {
            let values: Vec<rusqlite::types::Value> = (0..n).map(|i| r.get(i).unwrap()).collect();
            rows.push(format!("{table}: {values:?}"));
        }
    }
    rows.sort();
    rows
}

/// The content of a file nothing writes (a backup).
pub fn content_of_file(file: &Path) -> Vec<String> {
    content(&immutable(file))
}

/// How many rows each table has.
pub fn shape(conn: &Connection) -> Vec<(String, i64)> {
    tables(conn)
        .into_iter()
        .map(|t| {
            let n = conn
                .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))
                .unwrap();
            (t, n)
        })
        .collect()
}

fn tables(conn: &Connection) -> Vec<String> {
    let mut st = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             ORDER BY name",
        )
        .unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn sha256(file: &Path) -> String {
    let bytes = std::fs::read(file).unwrap();
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What a folder that backups are written into holds after a kill.
#[derive(Debug, Default)]
pub struct Folder {
    /// Backups whose checksum beside them matches.
    pub checksummed: Vec<PathBuf>,
    /// Temporary files of a backup or restore that was killed.
    pub temps: Vec<PathBuf>,
    /// Complete backups (integrity ok) whose checksum was not written yet.
    pub unsummed: Vec<PathBuf>,
    /// Checksums whose backup was removed (rotation killed between the two).
    pub orphan_sums: Vec<PathBuf>,
}

/// Looks at every file in `dir` (missing: empty): a `.db` is a complete backup, checked
/// against its `.sha256` (or, when the kill came before that was written, by SQLite); a
/// `.caseload-*` file is a temporary one; the database itself and its companions may be
/// there too (`caseload backup FILE` writes beside it). Anything else fails.
pub fn assert_backups(dir: &Path, when: &str) -> Folder {
    let mut found = Folder::default();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    let names: Vec<String> = entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for name in &names {
        let path = dir.join(name);
        if name.starts_with(".caseload-") {
            found.temps.push(path);
        } else if let Some(db) = name.strip_suffix(".sha256") {
            if names.iter().any(|n| n == db) {
                let text = std::fs::read_to_string(&path).unwrap();
                assert_eq!(
                    text,
                    format!("{}  {db}\n", sha256(&dir.join(db))),
                    "{when}: the checksum of {db} does not match"
                );
                found.checksummed.push(dir.join(db));
            } else {
                found.orphan_sums.push(path);
            }
        } else if name.ends_with(".db") {
            if !names.contains(&format!("{name}.sha256")) {
                let problems = integrity(&immutable(&path));
                assert_eq!(
                    problems,
                    ["ok"],
                    "{when}: {name} has no checksum and is damaged"
                );
                found.unsummed.push(path);
            }
        } else {
            let companion = ["-wal", "-shm", ".lock"].iter().any(|s| {
                name.strip_suffix(s)
                    .is_some_and(|db| names.iter().any(|n| n == db))
            });
            assert!(
                companion,
                "{when}: unexpected file {name} in {}",
                dir.display()
            );
        }
    }
    found
}
