//! Re-entry of the exits of a period split by the risk of re-entry at each exit (gross
//! figures, as the other splits): the facts as they stood when the period ended (see
//! [`super::risk::fact_cols`]) weighed by `risk.toml`, the bands counted as the report
//! counts them. The exits are walked in id order (see [`EXITS_BY_ID`]).

use super::report::{EXITS_BY_ID, cohort_params};
use super::risk::{fact_cols, facts};
use super::{Result, Store};
use crate::domain::codes::Risk;
use crate::domain::report::BandRow;
use crate::domain::report_period::Period;
use crate::domain::risk::{RiskConfig, assess};
use chrono::NaiveDate;

impl Store {
    /// Re-entry per risk level at the exit, high first, for the counted exits of `period`
    /// on `today` (`cfg`: the rules; the built-in ones when `None`).
    pub fn reentry_by_risk(
        &self,
        period: Period,
        today: NaiveDate,
        cfg: Option<RiskConfig>,
    ) -> Result<Vec<(Risk, BandRow)>> {
        let cfg = match cfg {
            Some(c) => c,
            None => RiskConfig::parse(crate::domain::risk::BUILTIN)
                .expect("the built-in risk.toml parses"),
        };
        let band = |p: usize| {
            format!(
                "date(e.exit_date, ?{p}, 'floor') <= ?3 AS observed{p}, \
                 (date(e.exit_date, ?{p}, 'floor') <= ?3 AND back IS NOT NULL \
                  AND back <= date(e.exit_date, ?{p}, 'floor')) AS back{p}"
            )
        };
        let sql = format!(
            "SELECT {}, {}, {}, {} FROM (SELECT e.*, \
               (SELECT min(n.benefit_start) FROM episode n WHERE n.client_id = e.client_id \
                  AND n.benefit_start >= e.exit_date AND n.id <> e.id) AS back \
               FROM {EXITS_BY_ID} k JOIN episode e ON e.id = k.id \
               WHERE e.exit_reason NOT LIKE 'excluded.%') e \
             JOIN client c ON c.id = e.client_id",
            fact_cols(true),
            band(4),
            band(5),
            band(6)
        );
        let mut st = self.conn().prepare_cached(&sql)?;
        let rows = st.query_map(
            rusqlite::params_from_iter(cohort_params(period, today)),
            |r| {
                let (_, f) = facts(r)?;
                let mut one = BandRow {
                    exits: 1,
                    ..BandRow::default()
                };
                for (i, b) in one.bands.iter_mut().enumerate() {
                    let observed: bool = r.get(format!("observed{}", 4 + i).as_str())?;
                    let back: bool = r.get(format!("back{}", 4 + i).as_str())?;
                    b.observed = u64::from(observed);
                    b.reentered = u64::from(back);
                    b.under_observation = u64::from(!observed);
                }
                Ok((f, one))
            },
        )?;
        let mut by: Vec<(Risk, BandRow)> = [Risk::High, Risk::Medium, Risk::Low]
            .into_iter()
            .map(|r| (r, BandRow::default()))
            .collect();
        for row in rows {
            let (f, one) = row?;
            let level = assess(&f, &cfg).level;
            if let Some((_, total)) = by.iter_mut().find(|(l, _)| *l == level) {
                total.add(&one);
            }
        }
        Ok(by)
    }
}
