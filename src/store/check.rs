//! Whole-database checks: SQLite's integrity and foreign keys, and a content dump for tests.

use super::{Result, Store};

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

impl Store {
    /// Problems SQLite finds: `integrity_check` and `foreign_key_check` (empty when sound).
    pub fn sqlite_problems(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        let mut st = self.conn().prepare("PRAGMA integrity_check")?;
        for row in st.query_map([], |r| r.get::<_, String>(0))? {
            let line = row?;
            if line != "ok" {
                out.push(line);
            }
        }
        let mut st = self.conn().prepare("PRAGMA foreign_key_check")?;
        for row in st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })? {
            let (table, rowid, parent) = row?;
            out.push(format!("{table} row {rowid}: missing {parent}"));
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
