//! `caseload check`: SQLite's own checks and caseload's rules, as a readable report.
//! Exit code 0 when all is well, 1 otherwise. The report names clients by number only.

use crate::domain::model::client_number;
use crate::i18n::{Lang, t, tf, tn};
use crate::store::constraints::BrokenRow;
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
    /// Rows that break the schema's own constraints (CHECK, NOT NULL).
    pub broken: Vec<BrokenRow>,
    /// Rows that break caseload's own rules.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Runs every check on a store.
    pub fn gather(store: &Store) -> crate::store::Result<Report> {
        Ok(Report {
            sqlite: store.sqlite_problems()?,
            broken: store.broken_rows()?,
            findings: store.rule_findings()?,
        })
    }

    /// Whether nothing was found.
    pub fn is_clean(&self) -> bool {
        self.sqlite.is_empty() && self.broken.is_empty() && self.findings.is_empty()
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
            count(self.sqlite.len() + self.broken.len())
        );
        for line in &self.sqlite {
            let _ = writeln!(out, "    {line}");
        }
        for b in &self.broken {
            let _ = writeln!(out, "    {}", broken_line(b, lang));
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
        let total = self.sqlite.len() + self.broken.len() + self.findings.len();
        let end = if total == 0 {
            t(lang, "robust.check.all_well").to_owned()
        } else {
            tn(lang, "robust.check.found", total as u64, &[])
        };
        let _ = writeln!(out, "{end}");
        out
    }
}

/// A row that breaks a constraint, by its client's number, table and id (never a value).
pub fn broken_line(b: &BrokenRow, lang: Lang) -> String {
    let who = b.client_id.map_or_else(
        || t(lang, "robust.check.no_client").to_owned(),
        client_number,
    );
    let what = t(lang, &format!("robust.table.{}", b.table));
    let text = match b.row_id {
        Some(id) => tf(
            lang,
            "robust.check.broken_row",
            &[("what", &what), ("id", &id)],
        ),
        None => tf(lang, "robust.check.broken", &[("what", &what)]),
    };
    format!("{who}  {text}")
}

/// Checks the database at `db` (read-only: it may run while the app is open).
pub fn run(db: &Path, lang: Lang) -> Result<ExitCode> {
    let read = super::failed::store(super::failed::Doing::Check, lang);
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
