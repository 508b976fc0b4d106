//! How long records are kept (`retention.toml`): the client file for some years after the
//! end of the last benefit period, debt-help records for fewer years after they ended.
//!
//! A **debt-help record** is a trajectory whose instrument is one of
//! `debt_help_instruments` (by default `debt_help`, "Schuldhulpverlening"), ended when it was
//! completed or stopped, with its status events and reviews; and a referral of kind
//! `debt_help` made at an aftercare contact, ended on the day of that contact. The barrier
//! "debts" of an intake is not debt help: it is part of the client file.

use super::catalog::AssetError;
use super::model::{Id, client_number};
use super::report_table::{Table, Value};
use crate::i18n::{Lang, t, tf, tn};
use chrono::NaiveDate;

/// The built-in `retention.toml`.
pub const BUILTIN: &str = include_str!("../../assets/retention.toml");

/// The terms of `retention.toml`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetentionConfig {
    /// Years the client file is kept after the end of the last benefit period.
    pub client_file_years: u32,
    /// Years a debt-help record is kept after it ended.
    pub debt_help_years: u32,
    /// The instrument keys that are debt help.
    pub debt_help_instruments: Vec<String>,
}

impl Default for RetentionConfig {
    fn default() -> RetentionConfig {
        RetentionConfig {
            client_file_years: 10,
            debt_help_years: 5,
            debt_help_instruments: vec!["debt_help".to_owned()],
        }
    }
}

impl RetentionConfig {
    /// Parses a `retention.toml`; terms outside 1 to 100 years are refused.
    pub fn parse(text: &str) -> Result<RetentionConfig, AssetError> {
        let c: RetentionConfig =
            toml::from_str(text).map_err(|e| AssetError::from_toml(text, &e))?;
        for (key, years) in [
            ("client_file_years", c.client_file_years),
            ("debt_help_years", c.debt_help_years),
        ] {
            if !(1..=100).contains(&years) {
                return Err(AssetError::at(text, key, format!("{key}: 1 to 100")));
            }
        }
        Ok(c)
    }
}

/// A client whose file is due: no benefit period is open, and the term after the end of
/// the last one is over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueClient {
    pub client_id: Id,
    /// The exit date of the last benefit period.
    pub last_end: NaiveDate,
    /// The day the term ended (the last exit date plus the term).
    pub term_ended: NaiveDate,
}

/// What kind of debt-help record is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DebtHelpKind {
    /// A debt-help trajectory (by its id), with its status events and reviews.
    Trajectory,
    /// A referral to debt help made at an aftercare contact (by the contact's id).
    Referral,
}

/// A debt-help record that is due while the client's file is kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueDebtHelp {
    pub client_id: Id,
    pub kind: DebtHelpKind,
    /// The trajectory's id, or the aftercare contact's.
    pub record_id: Id,
    /// The day the debt help ended.
    pub ended: NaiveDate,
    pub term_ended: NaiveDate,
}

/// How many client files and debt-help records due the Reports screen lists (the oldest
/// terms); the rest it counts, and `caseload retention` lists them all.
pub const LISTED: usize = 200;

/// Everything due on a day (or the first of it), oldest term first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RetentionDue {
    pub clients: Vec<DueClient>,
    /// Debt-help records of clients whose file is kept (a due file goes as a whole).
    pub debt_help: Vec<DueDebtHelp>,
    /// How many client files are due: more than listed when only the first were read.
    pub files_due: u64,
    /// How many debt-help records are due: more than listed when only the first were read.
    pub debt_due: u64,
}

impl RetentionDue {
    /// Nothing is due.
    pub fn is_empty(&self) -> bool {
        self.files_due == 0 && self.debt_due == 0
    }
}

/// The Reports screen's section: per client file and debt-help record due, the client
/// number and the day its term ended (never a name or BSN).
pub fn table(due: &RetentionDue, lang: Lang) -> Table {
    let mut table = Table::new("retention", lang, &["term_ended"]);
    for c in &due.clients {
        let label = format!(
            "{}  {}",
            client_number(c.client_id),
            t(lang, "retention.tui_client")
        );
        table.row("client_file", label, vec![Value::Date(c.term_ended)]);
    }
    for d in &due.debt_help {
        let label = format!(
            "{}  {}",
            client_number(d.client_id),
            t(lang, "retention.tui_debt")
        );
        table.row("debt_help", label, vec![Value::Date(d.term_ended)]);
    }
    let listed = (due.clients.len() + due.debt_help.len()) as u64;
    let more = (due.files_due + due.debt_due).saturating_sub(listed);
    if more > 0 {
        table.notes.push(tn(lang, "retention.tui_more", more, &[]));
    }
    if !due.is_empty() {
        let files = tn(lang, "retention.files", due.files_due, &[]);
        let debt = tn(lang, "retention.debt", due.debt_due, &[]);
        let args: [(&str, &dyn std::fmt::Display); 2] = [("files", &files), ("debt", &debt)];
        table.notes.push(tf(lang, "retention.tui_note", &args));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_file_says_ten_and_five_years_and_bounds_hold() {
        assert_eq!(
            RetentionConfig::parse(BUILTIN).unwrap(),
            RetentionConfig::default()
        );
        let own = BUILTIN.replace("client_file_years = 10", "client_file_years = 7");
        assert_eq!(RetentionConfig::parse(&own).unwrap().client_file_years, 7);
        let zero = BUILTIN.replace("debt_help_years = 5", "debt_help_years = 0");
        let e = RetentionConfig::parse(&zero).unwrap_err().to_string();
        assert!(e.contains("debt_help_years"), "{e}");
        assert!(RetentionConfig::parse("years = 3\n").is_err());
    }

    #[test]
    fn the_screen_lists_what_was_read_and_counts_the_rest() {
        let day = NaiveDate::from_ymd_opt(2016, 1, 4).unwrap();
        let due = RetentionDue {
            clients: vec![DueClient {
                client_id: 7,
                last_end: day,
                term_ended: day,
            }],
            debt_help: Vec::new(),
            files_due: 3,
            debt_due: 0,
        };
        let table = table(&due, Lang::En);
        assert_eq!(table.rows.len(), 1);
        assert_eq!(
            table.notes,
            vec![
                "… and 2 more: caseload retention lists them all.".to_owned(),
                "3 client files, 0 debt-help records: caseload erase --due destroys them for good."
                    .to_owned()
            ]
        );
    }
}
