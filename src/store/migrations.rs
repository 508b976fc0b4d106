//! The numbered, append-only migrations (rusqlite_migration, version in `user_version`):
//! every `NNNN_name.sql` file in `sql/`, in the order of its number, listed at build time
//! (`src/build.rs`); a new migration is one new file.

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

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
