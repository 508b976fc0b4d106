//! The numbered, append-only migrations (rusqlite_migration, version in `user_version`).

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

const STEPS: &[&str] = &[
    include_str!("sql/0001_schema.sql"),
    include_str!("sql/0002_report_indexes.sql"),
    include_str!("sql/0003_cancelled_premium_audit_lookup.sql"),
    include_str!("sql/0004_premium_edges.sql"),
];

/// The migrations in order.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(STEPS.iter().map(|s| M::up(s)).collect())
}

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    STEPS.len() as i64
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
}
