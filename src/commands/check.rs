//! `caseload check`: SQLite's own checks and caseload's rules, as a readable report.
//! Exit code 0 when all is well, 1 otherwise. The report names clients by number only.

use crate::domain::model::client_number;
use crate::i18n::{Lang, t, tf, tn};
use crate::store::ErrorKind;
use crate::store::check::SqliteProblem;
use crate::store::constraints::BrokenRow;
use crate::store::integrity::{Damage, Object};
use crate::store::rules::{Finding, Rule};
use crate::store::{Store, latest_version};
use anyhow::{Result, anyhow};
use std::fmt::Write;
use std::path::Path;
use std::process::ExitCode;

/// What the checks found.
#[derive(Debug, Default)]
pub struct Report {
    /// What `integrity_check` and `foreign_key_check` found (about pages and rows), and
    /// the tables damage kept from being read.
    pub sqlite: Vec<SqliteProblem>,
    /// Rows that break the schema's own constraints (CHECK, NOT NULL).
    pub broken: Vec<BrokenRow>,
    /// Rows that break caseload's own rules.
    pub findings: Vec<Finding>,
    /// Whether damage kept caseload's rules from being checked.
    pub rules_unchecked: bool,
}

impl Report {
    /// Runs every check on a store.
    pub fn gather(store: &Store) -> crate::store::Result<Report> {
        let mut sqlite = store.sqlite_problems()?;
        let scan = store.scan_rows()?;
        for table in scan.unreadable {
            let damage = Damage::Unreadable {
                table: table.to_owned(),
            };
            sqlite.push(SqliteProblem::Damage(damage));
        }
        let (findings, rules_unchecked) = match store.rule_findings() {
            Ok(f) => (f, false),
            Err(e) if e.kind() == ErrorKind::Corrupt => (Vec::new(), true),
            Err(e) => return Err(e),
        };
        Ok(Report {
            sqlite,
            broken: scan.broken,
            findings,
            rules_unchecked,
        })
    }

    /// Whether nothing was found.
    pub fn is_clean(&self) -> bool {
        self.problems() == 0
    }

    /// How many problems were found.
    fn problems(&self) -> usize {
        self.sqlite.len()
            + self.broken.len()
            + self.findings.len()
            + usize::from(self.rules_unchecked)
    }

    /// Whether the file itself is damaged (a backup is the way back).
    fn damaged(&self) -> bool {
        self.rules_unchecked
            || self
                .sqlite
                .iter()
                .any(|p| matches!(p, SqliteProblem::Damage(_)))
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
        for p in &self.sqlite {
            let _ = writeln!(out, "    {}", sqlite_line(p, lang));
        }
        for b in &self.broken {
            let _ = writeln!(out, "    {}", broken_line(b, lang));
        }
        let _ = writeln!(
            out,
            "  {}: {}",
            t(lang, "robust.check.rules"),
            count(self.findings.len() + usize::from(self.rules_unchecked))
        );
        if self.rules_unchecked {
            let _ = writeln!(out, "    {}", t(lang, "robust.damage.rules_unchecked"));
        }
        for f in &self.findings {
            // A rule on the client's own record is said by the client number alone; the
            // others name their row.
            let text = match f.rule {
                Rule::EmailWithoutDomain
                | Rule::PhoneWithLetters
                | Rule::RosterBehind
                | Rule::AgendaBehind => t(lang, f.rule.key()).to_owned(),
                _ => tf(lang, f.rule.key(), &[("id", &f.row_id)]),
            };
            let _ = writeln!(out, "    {}  {text}", client_number(f.client_id));
        }
        let total = self.problems();
        let end = if total == 0 {
            t(lang, "robust.check.all_well").to_owned()
        } else {
            tn(lang, "robust.check.found", total as u64, &[])
        };
        let _ = writeln!(out, "{end}");
        if self.damaged() {
            let _ = writeln!(out, "{}", t(lang, "robust.damage.advice"));
        }
        out
    }
}

/// A table or an index, by its name in the file.
fn object(o: &Object, lang: Lang) -> String {
    match o {
        Object::Table(n) => tf(lang, "robust.damage.table", &[("name", n)]),
        Object::Index(n) => tf(lang, "robust.damage.index_name", &[("name", n)]),
    }
}

/// One of SQLite's findings as a line: pages, tables and indexes, never a value.
pub fn sqlite_line(p: &SqliteProblem, lang: Lang) -> String {
    let d = match p {
        SqliteProblem::MissingParent { table, row, parent } => {
            let row = row.map(|r| format!(" {r}")).unwrap_or_default();
            return tf(
                lang,
                "robust.damage.missing_parent",
                &[("table", table), ("row", &row), ("parent", parent)],
            );
        }
        SqliteProblem::Damage(d) => d,
    };
    match d {
        Damage::Page {
            page,
            object: Some(o),
        } => tf(
            lang,
            "robust.damage.page_of",
            &[("page", page), ("object", &object(o, lang))],
        ),
        Damage::Page { page, object: None } => tf(lang, "robust.damage.page", &[("page", page)]),
        Damage::PageTwice { page } => tf(lang, "robust.damage.twice", &[("page", page)]),
        Damage::PageUnused { page } => tf(lang, "robust.damage.unused", &[("page", page)]),
        Damage::Freelist => t(lang, "robust.damage.freelist").to_owned(),
        Damage::Index { index } => tf(lang, "robust.damage.index", &[("index", index)]),
        Damage::Order { object: Some(o) } => {
            tf(lang, "robust.damage.order", &[("object", &object(o, lang))])
        }
        Damage::Order { object: None } => t(lang, "robust.damage.order_unknown").to_owned(),
        Damage::Unreadable { table } => tf(lang, "robust.damage.unreadable", &[("table", table)]),
        Damage::Header => t(lang, "robust.damage.header").to_owned(),
        Damage::Other { page: Some(page) } => {
            tf(lang, "robust.damage.other_page", &[("page", page)])
        }
        Damage::Other { page: None } => t(lang, "robust.damage.other").to_owned(),
        Damage::Stopped => t(lang, "robust.damage.stopped").to_owned(),
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
