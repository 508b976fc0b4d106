//! Whole-database checks: SQLite's integrity and foreign keys, and a content dump for tests.

use super::errors::sqlite_kind;
use super::integrity::Damage;
use super::{ErrorKind, Result, Store};

/// The tables of the schema, in dependency order.
pub const TABLES: &[&str] = &[
    "client",
    "episode",
    "intake",
    "barrier",
    "assessment",
    "domain_score",
    "goal",
    "note",
    "agreement",
    "trajectory",
    "trajectory_event",
    "review",
    "exit_interview",
    "exit_checklist",
    "aftercare_plan",
    "aftercare_contact",
    "referral",
    "premium_instalment",
    "draft",
    "audit_log",
];

/// What SQLite's own checks find: damage (`integrity_check`), or a row whose parent is
/// missing (`foreign_key_check`). Never a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SqliteProblem {
    Damage(Damage),
    /// A row of `table` (by rowid, where the table has one) points at a missing `parent`.
    MissingParent {
        table: String,
        row: Option<i64>,
        parent: String,
    },
}

impl Store {
    /// Problems SQLite finds: `integrity_check` and `foreign_key_check` (empty when sound).
    /// Damage that stops a check ends it, with what it found so far.
    pub fn sqlite_problems(&self) -> Result<Vec<SqliteProblem>> {
        let mut out: Vec<SqliteProblem> = self
            .damage()?
            .into_iter()
            .map(SqliteProblem::Damage)
            .collect();
        let mut st = match self.conn().prepare("PRAGMA foreign_key_check") {
            Err(e) if sqlite_kind(&e) == ErrorKind::Corrupt => return Ok(out),
            st => st?,
        };
        let mut rows = st.query([])?;
        loop {
            match rows.next() {
                Ok(Some(r)) => out.push(SqliteProblem::MissingParent {
                    table: r.get(0)?,
                    row: r.get(1)?,
                    parent: r.get(2)?,
                }),
                Ok(None) => break,
                // Reported by the integrity check already.
                Err(e) if sqlite_kind(&e) == ErrorKind::Corrupt => break,
                Err(e) => return Err(e.into()),
            }
        }
        Ok(out)
    }

    /// Rows per table.
    pub fn table_counts(&self) -> Result<Vec<(&'static str, i64)>> {
        TABLES
            .iter()
            .map(|t| {
                let n = self
                    .conn()
                    .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?;
                Ok((*t, n))
            })
            .collect()
    }

    /// Every row of every table as text, without timestamps (for determinism tests).
    pub fn dump(&self) -> Result<String> {
        let mut out = String::new();
        for t in TABLES
            .iter()
            .filter(|t| !matches!(**t, "audit_log" | "draft"))
        {
            let mut st = self
                .conn()
                .prepare(&format!("SELECT * FROM {t} ORDER BY 1, 2"))?;
            let names: Vec<String> = st.column_names().iter().map(|s| s.to_string()).collect();
            let keep: Vec<usize> = (0..names.len())
                .filter(|&i| names[i] != "created_at")
                .collect();
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                out.push_str(t);
                for &i in &keep {
                    let v: rusqlite::types::Value = r.get(i)?;
                    out.push_str(&format!("|{v:?}"));
                }
                out.push('\n');
            }
        }
        Ok(out)
    }
}
