//! The numbered, append-only migrations (rusqlite_migration, version in `user_version`):
//! every `NNNN_name.sql` file in `sql/`, in the order of its number, listed at build time
//! (`src/build.rs`); a new migration is one new file.

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};
use std::collections::HashSet;
use std::sync::LazyLock;

/// Each migration's file name and SQL, in order.
const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

/// The migrations' SQL, in order of their numbers.
fn steps() -> Vec<&'static str> {
    FILES.iter().map(|(_, sql)| *sql).collect()
}

/// The migrations in order.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(steps().into_iter().map(M::up).collect())
}

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    steps().len() as i64
}

/// Brings the database to the latest schema.
pub fn migrate(conn: &mut Connection) -> Result<(), rusqlite_migration::Error> {
    migrations().to_latest(conn)
}

/// Every schema object (type and name) some version of caseload makes: a migration only
/// adds, or drops and makes again under the same name, so the latest schema holds them all.
fn known_objects() -> &'static HashSet<(String, String)> {
    static KNOWN: LazyLock<HashSet<(String, String)>> = LazyLock::new(|| {
        let objects = || -> rusqlite::Result<HashSet<(String, String)>> {
            let mut conn = Connection::open_in_memory()?;
            migrate(&mut conn).map_err(|e| match e {
                rusqlite_migration::Error::RusqliteError { err, .. } => err,
                _ => rusqlite::Error::InvalidQuery,
            })?;
            schema_objects(&conn)
        };
        objects().expect("the migrations run on an empty database in memory")
    });
    &KNOWN
}

/// The schema objects of a database, but SQLite's own (`sqlite_…`).
fn schema_objects(conn: &Connection) -> rusqlite::Result<HashSet<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

/// Whether the database holds a table, index, view or trigger caseload never makes.
pub fn foreign_objects(conn: &Connection) -> rusqlite::Result<bool> {
    let known = known_objects();
    Ok(schema_objects(conn)?.iter().any(|o| !known.contains(o)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_validate() {
        assert!(super::migrations().validate().is_ok());
    }

    #[test]
    fn every_file_is_numbered_in_order_without_gaps() {
        let names: Vec<&str> = super::FILES.iter().map(|(n, _)| *n).collect();
        for (i, n) in names.iter().enumerate() {
            assert!(n.starts_with(&format!("{:04}_", i + 1)), "{n}");
            assert!(n.ends_with(".sql"), "{n}");
        }
        assert_eq!(super::latest_version(), names.len() as i64);
    }
}
