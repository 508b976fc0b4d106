//! What is due for destruction on a day under `retention.toml`: whole client files, and
//! debt-help records kept for a shorter term (see [`crate::domain::retention`]).

use super::convert::{d, date};
use super::{Result, Store};
use crate::domain::model::Id;
use crate::domain::retention::RetentionConfig;
pub use crate::domain::retention::{DebtHelpKind, DueClient, DueDebtHelp, RetentionDue};
use chrono::NaiveDate;

/// `date(x, '+N years')`: SQLite moves 29 February on to 1 March.
fn plus_years(col: &str, param: &str) -> String {
    format!("date({col}, '+' || {param} || ' years')")
}

impl Store {
    /// What is due for destruction on `today`: a client file when the client has no open
    /// benefit period and the last one ended `client_file_years` or more ago (the term
    /// ends on that anniversary, which is due); a debt-help record `debt_help_years` after
    /// it ended, even when the client's file is kept.
    pub fn retention_due(&self, today: NaiveDate, cfg: &RetentionConfig) -> Result<RetentionDue> {
        let today = d(today);
        let clients: Vec<DueClient> = self
            .conn()
            .prepare_cached(&format!(
                "SELECT client_id, max(exit_date) AS last_end, {} AS term_ended \
                   FROM episode GROUP BY client_id \
                 HAVING count(*) = count(exit_date) AND term_ended <= ?2 \
                  ORDER BY term_ended, client_id",
                plus_years("max(exit_date)", "?1")
            ))?
            .query_map(rusqlite::params![cfg.client_file_years, today], |r| {
                Ok(DueClient {
                    client_id: r.get(0)?,
                    last_end: date(r, 1)?,
                    term_ended: date(r, 2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        // A list of strings always serialises.
        let instruments =
            serde_json::to_string(&cfg.debt_help_instruments).unwrap_or_else(|_| "[]".into());
        let trajectories = format!(
            "SELECT e.client_id, 'trajectory', t.id, t.ended_on, {} AS term_ended \
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
        let due_files: std::collections::HashSet<Id> =
            clients.iter().map(|c| c.client_id).collect();
        let debt_help: Vec<DueDebtHelp> = self
            .conn()
            .prepare_cached(&format!(
                "{trajectories} UNION ALL {referrals} ORDER BY 5, 1, 2, 3"
            ))?
            .query_map(
                rusqlite::params![cfg.debt_help_years, today, instruments],
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
            .filter(|r| {
                r.as_ref()
                    .map_or(true, |r| !due_files.contains(&r.client_id))
            })
            .collect::<rusqlite::Result<_>>()?;
        Ok(RetentionDue { clients, debt_help })
    }
}
