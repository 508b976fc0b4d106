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

/// Every schema object (type and name) some version of caseload makes: the union of the
/// schemas after each migration (a later one may drop what an earlier one made, and a file
/// of that earlier version still holds it), one `type name` a line. Kept in a file rather
/// than made at each start (every migration run in memory cost each start 30 ms); a test
/// makes it from the migrations and says what the file should hold.
const KNOWN_OBJECTS: &str = include_str!("known_objects.txt");

/// [`KNOWN_OBJECTS`] as a set.
fn known_objects() -> &'static HashSet<(String, String)> {
    static KNOWN: LazyLock<HashSet<(String, String)>> = LazyLock::new(|| {
        KNOWN_OBJECTS
            .lines()
            .filter_map(|l| l.trim().split_once(' '))
            .map(|(t, n)| (t.to_owned(), n.to_owned()))
            .collect()
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
    use rusqlite::Connection;

    #[test]
    fn the_known_objects_are_those_of_every_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        let mut all = std::collections::BTreeSet::new();
        for version in 1..=super::latest_version() {
            super::migrations()
                .to_version(&mut conn, version as usize)
                .unwrap();
            all.extend(super::schema_objects(&conn).unwrap());
        }
        let made: String = all.iter().map(|(t, n)| format!("{t} {n}\n")).collect();
        assert!(
            made == super::KNOWN_OBJECTS,
            "src/store/known_objects.txt should hold:\n{made}"
        );
    }

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

    #[test]
    fn a_file_of_every_earlier_version_is_ours_and_brought_to_the_latest() {
        let dir = tempfile::tempdir().unwrap();
        for version in 1..super::latest_version() {
            let path = dir.path().join(format!("v{version}.db"));
            let mut conn = rusqlite::Connection::open(&path).unwrap();
            super::migrations()
                .to_version(&mut conn, version as usize)
                .unwrap();
            conn.pragma_update(None, "application_id", crate::store::APPLICATION_ID)
                .unwrap();
            assert!(!super::foreign_objects(&conn).unwrap(), "version {version}");
            drop(conn);
            let store = crate::store::Store::open(&path)
                .unwrap_or_else(|e| panic!("version {version}: {e:?}"));
            drop(store);
        }
    }
}
