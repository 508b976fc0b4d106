//! `caseload check`: SQLite's own checks and caseload's rules, as a readable report.
//! Exit code 0 when all is well, 1 otherwise. The report names clients by number only.

use crate::domain::model::client_number;
use crate::i18n::{Lang, t, tf, tn};
use crate::store::rules::Finding;
use crate::store::{Store, latest_version};
use anyhow::{Result, anyhow};
use std::fmt::Write;
use std::path::Path;
use std::process::ExitCode;

/// What the checks found.
#[derive(Debug, Default)]
pub struct Report {
    /// Lines from `integrity_check` and `foreign_key_check` (about pages and rows).
    pub sqlite: Vec<String>,
    /// Rows that break caseload's own rules.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Runs every check on a store.
    pub fn gather(store: &Store) -> crate::store::Result<Report> {
        Ok(Report {
            sqlite: store.sqlite_problems()?,
            findings: store.rule_findings()?,
        })
    }

    /// Whether nothing was found.
    pub fn is_clean(&self) -> bool {
        self.sqlite.is_empty() && self.findings.is_empty()
    }

    /// The report as text for the terminal.
    pub fn render(&self, db: &Path, lang: Lang) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}",
            tf(lang, "robust.check.title", &[("file", &db.display())])
        );
        let count = |n: usize| {
            if n == 0 {
                t(lang, "robust.check.ok").to_owned()
            } else {
                tf(lang, "robust.check.problems", &[("n", &n)])
            }
        };
        let _ = writeln!(
            out,
            "  {}: {}",
            t(lang, "robust.check.sqlite"),
            count(self.sqlite.len())
        );
        for line in &self.sqlite {
            let _ = writeln!(out, "    {line}");
        }
        let _ = writeln!(
            out,
            "  {}: {}",
            t(lang, "robust.check.rules"),
            count(self.findings.len())
        );
        for f in &self.findings {
            let text = tf(lang, f.rule.key(), &[("id", &f.row_id)]);
            let _ = writeln!(out, "    {}  {text}", client_number(f.client_id));
        }
        let total = self.sqlite.len() + self.findings.len();
        let end = if total == 0 {
            t(lang, "robust.check.all_well").to_owned()
        } else {
            tn(lang, "robust.check.found", total as u64, &[])
        };
        let _ = writeln!(out, "{end}");
        out
    }
}

/// Checks the database at `db` (read-only: it may run while the app is open).
pub fn run(db: &Path, lang: Lang) -> Result<ExitCode> {
    let read = |e: crate::store::StoreError| anyhow!(e.read_message(lang));
    let store = Store::open_read_only(db).map_err(read)?;
    if store.schema_version().map_err(read)? < latest_version() {
        return Err(anyhow!(tf(
            lang,
            "robust.check.older",
            &[("file", &db.display())]
        )));
    }
    let report = Report::gather(&store).map_err(read)?;
    print!("{}", report.render(db, lang));
    Ok(if report.is_clean() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
