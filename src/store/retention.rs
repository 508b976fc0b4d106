//! What is due for destruction on a day under `retention.toml`: whole client files, and
//! debt-help records kept for a shorter term (see [`crate::domain::retention`]).

use super::convert::{count, d, date};
use super::{Result, Store};
use crate::domain::retention::RetentionConfig;
pub use crate::domain::retention::{DebtHelpKind, DueClient, DueDebtHelp, RetentionDue};
use chrono::NaiveDate;

/// `date(x, '+N years')`: SQLite moves 29 February on to 1 March.
fn plus_years(col: &str, param: &str) -> String {
    format!("date({col}, '+' || {param} || ' years')")
}

/// The client files due (`?1`: the term in years, `?2`: the day), oldest term first.
fn due_files() -> String {
    format!(
        "SELECT client_id, max(exit_date) AS last_end, {} AS term_ended \
           FROM episode GROUP BY client_id \
         HAVING count(*) = count(exit_date) AND term_ended <= ?2 \
          ORDER BY term_ended, client_id",
        plus_years("max(exit_date)", "?1")
    )
}

/// The debt-help records due (`?1`: the term in years, `?2`: the day, `?3`: the debt-help
/// instruments as JSON, `?4`: the client-file term) of clients whose file is kept (a due
/// file goes as a whole), oldest term first.
fn due_debt_help() -> String {
    let trajectories = format!(
        "SELECT e.client_id AS client_id, 'trajectory', t.id, t.ended_on, {} AS term_ended \
           FROM trajectory t JOIN episode e ON e.id = t.episode_id \
          WHERE t.ended_on IS NOT NULL \
            AND t.instrument IN (SELECT value FROM json_each(?3)) \
            AND term_ended <= ?2",
        plus_years("t.ended_on", "?1")
    );
    let referrals = format!(
        "SELECT e.client_id, 'referral', c.id, c.done_on, {} AS term_ended \
           FROM referral r JOIN aftercare_contact c ON c.id = r.contact_id \
           JOIN aftercare_plan p ON p.id = c.plan_id \
           JOIN episode e ON e.id = p.episode_id \
          WHERE r.kind = 'debt_help' AND c.done_on IS NOT NULL AND term_ended <= ?2",
        plus_years("c.done_on", "?1")
    );
    let file_due = format!(
        "(SELECT count(*) = count(exit_date) AND {} <= ?2 \
            FROM episode WHERE client_id = x.client_id)",
        plus_years("max(exit_date)", "?4")
    );
    format!(
        "SELECT * FROM ({trajectories} UNION ALL {referrals}) x \
          WHERE NOT coalesce({file_due}, 0) ORDER BY 5, 1, 2, 3"
    )
}

impl Store {
    /// What is due for destruction on `today`: a client file when the client has no open
    /// benefit period and the last one ended `client_file_years` or more ago (the term
    /// ends on that anniversary, which is due); a debt-help record `debt_help_years` after
    /// it ended, even when the client's file is kept.
    pub fn retention_due(&self, today: NaiveDate, cfg: &RetentionConfig) -> Result<RetentionDue> {
        self.retention_first(today, cfg, usize::MAX)
    }

    /// The first `first` client files and debt-help records due on `today` (oldest term
    /// first), with how many of each are due in all: what the Reports screen shows, in
    /// memory that does not grow with the file.
    pub fn retention_first(
        &self,
        today: NaiveDate,
        cfg: &RetentionConfig,
        first: usize,
    ) -> Result<RetentionDue> {
        let today = d(today);
        let limit = i64::try_from(first).unwrap_or(-1);
        let files = due_files();
        let clients: Vec<DueClient> = self
            .conn()
            .prepare_cached(&format!("{files} LIMIT ?3"))?
            .query_map(
                rusqlite::params![cfg.client_file_years, today, limit],
                |r| {
                    Ok(DueClient {
                        client_id: r.get(0)?,
                        last_end: date(r, 1)?,
                        term_ended: date(r, 2)?,
                    })
                },
            )?
            .collect::<rusqlite::Result<_>>()?;
        let files_due = match clients.len() < first {
            true => clients.len() as u64,
            false => self.conn().query_row(
                &format!("SELECT count(*) FROM ({files})"),
                rusqlite::params![cfg.client_file_years, today],
                |r| count(r, 0),
            )?,
        };
        // A list of strings always serialises.
        let instruments =
            serde_json::to_string(&cfg.debt_help_instruments).unwrap_or_else(|_| "[]".into());
        let debt = due_debt_help();
        let terms = rusqlite::params![
            cfg.debt_help_years,
            today,
            instruments,
            cfg.client_file_years
        ];
        let debt_help: Vec<DueDebtHelp> = self
            .conn()
            .prepare_cached(&format!("{debt} LIMIT ?5"))?
            .query_map(
                rusqlite::params![
                    cfg.debt_help_years,
                    today,
                    instruments,
                    cfg.client_file_years,
                    limit
                ],
                |r| {
                    let kind: String = r.get(1)?;
                    Ok(DueDebtHelp {
                        client_id: r.get(0)?,
                        kind: if kind == "trajectory" {
                            DebtHelpKind::Trajectory
                        } else {
                            DebtHelpKind::Referral
                        },
                        record_id: r.get(2)?,
                        ended: date(r, 3)?,
                        term_ended: date(r, 4)?,
                    })
                },
            )?
            .collect::<rusqlite::Result<_>>()?;
        let debt_due = match debt_help.len() < first {
            true => debt_help.len() as u64,
            false => {
                self.conn()
                    .query_row(&format!("SELECT count(*) FROM ({debt})"), terms, |r| {
                        count(r, 0)
                    })?
            }
        };
        Ok(RetentionDue {
            clients,
            debt_help,
            files_due,
            debt_due,
        })
    }
}
