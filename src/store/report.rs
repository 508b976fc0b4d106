//! The report's figures, computed with SQL aggregates over indexed columns: the caseload
//! per phase, the exits of a period with their re-entry bands and splits, trajectories per
//! instrument, ladder progress, aftercare and premium.
//!
//! Re-entry: an exit is followed by re-entry when the same client has another benefit
//! period starting on or after the exit date; within N months when it starts on or before
//! the exit date plus N calendar months (SQLite's `floor` modifier: 31 August + 6 months =
//! 28 February, as [`crate::domain::date::add_months`]). An exit counts for a band only
//! once that day is on or before the report date. Nothing after the report date counts:
//! a period reaching past it ends on it.

use super::caseload::{LATEST_EPISODE, NOT_HANDED_OVER};
use super::convert::{code, count, d, opt_code};
use super::{Result, Store};
use crate::domain::Phase;
use crate::domain::codes::{
    AftercareMode, Code, ContactOccasion, ContractType, ExitCategory, ExitReason, ReferralKind,
    TrajectoryResult,
};
use crate::domain::date::from_iso;
use crate::domain::report::{
    AftercareFigures, AftercareGroup, BANDS, BandRow, Exits, InstrumentFigures, Ladder,
    PremiumFigures, Report, ReportConfig, WORK_AFTER_MONTHS,
};
use crate::domain::report_period::Period;
use chrono::{Datelike, NaiveDate};
use rusqlite::params;
use std::collections::BTreeMap;

/// The parameters of a cohort's query: the period (`?1`, `?2`), the report date (`?3`)
/// and the months of the three bands (`?4`..`?6`).
pub(super) fn cohort_params(period: Period, today: NaiveDate) -> [String; 6] {
    [
        d(period.from),
        d(period.to),
        d(today),
        months(BANDS[0]),
        months(BANDS[1]),
        months(BANDS[2]),
    ]
}

/// `date(x, '+N months', 'floor')` for the band of `months`.
fn months(n: u32) -> String {
    format!("+{n} months")
}

/// The ids of the episodes whose exit lies in the period (`?1`..`?2`), found through the
/// exit-date index and handed on in id order (the `LIMIT` keeps the `ORDER BY`), so that
/// what is looked up per exit (its episode, intake, interview, scores, trajectories) is
/// read page after page, not each on a random page.
pub(super) const EXITS_BY_ID: &str = "(SELECT id FROM episode \
     WHERE exit_date >= ?1 AND exit_date <= ?2 ORDER BY id LIMIT -1)";

/// The exits of the period (`?1`..`?2`), each with the start of the client's next benefit
/// period (`back`), the exit interview's contract and aftercare offer, and the
/// instrument of the last trajectory of the episode.
fn cohort() -> String {
    format!(
        "SELECT e.exit_date AS exit_date, e.exit_reason AS reason, \
           (SELECT min(n.benefit_start) FROM episode n \
             WHERE n.client_id = e.client_id AND n.benefit_start >= e.exit_date \
               AND n.id <> e.id) AS back, \
           i.contract_type AS contract, i.aftercare_offer AS offer, \
           (i.episode_id IS NOT NULL) AS interviewed, \
           (SELECT t.id FROM trajectory t WHERE t.episode_id = e.id \
               AND coalesce(t.start_date, t.referred_on) <= e.exit_date \
             ORDER BY coalesce(t.start_date, t.referred_on) DESC, t.id DESC LIMIT 1) AS last_t \
         FROM {EXITS_BY_ID} k JOIN episode e ON e.id = k.id \
         LEFT JOIN exit_interview i ON i.episode_id = e.id"
    )
}

/// Calendar months from a trajectory's start to its end, with the days left over as a
/// fraction of 30: 15 January to 15 July is 6.0, 1 to 31 January 1.0.
const MONTHS_BETWEEN: &str = "(CAST(strftime('%Y', t.ended_on) AS INTEGER) * 12 \
     + CAST(strftime('%m', t.ended_on) AS INTEGER) \
     - CAST(strftime('%Y', t.start_date) AS INTEGER) * 12 \
     - CAST(strftime('%m', t.start_date) AS INTEGER)) \
     + (CAST(strftime('%d', t.ended_on) AS INTEGER) \
        - CAST(strftime('%d', t.start_date) AS INTEGER)) / 30.0";

/// One group of the cohort: its keys and its band counts.
struct CohortGroup {
    reason: ExitReason,
    contract: Option<ContractType>,
    offer: Option<AftercareMode>,
    instrument: Option<(String, String)>,
    row: BandRow,
}

impl Store {
    /// The whole report for `period`, judged on `today`.
    pub fn report(&self, period: Period, today: NaiveDate, cfg: &ReportConfig) -> Result<Report> {
        let period = period.up_to(today);
        Ok(Report {
            today,
            period,
            norm: cfg.caseload_norm,
            national_percent: cfg.national_percent,
            phases: self.phase_counts()?,
            exits: Exits {
                by_risk: self.reentry_by_risk(period, today, cfg.risk)?,
                ..self.exits_report(period, today)?
            },
            trajectories: self.instrument_figures(period)?,
            ladder: self.ladder_progress()?,
            aftercare: self.aftercare_figures(period, today)?,
            premium: self.premium_figures(period, today)?,
        })
    }

    /// Clients per phase now, every phase listed (not those handed over to a colleague,
    /// who are in the colleague's caseload now).
    ///
    /// The phase is decided in SQL as [`Phase::derive`] decides it from the facts, looking
    /// up only the facts that decide it (a plan only without a running trajectory,
    /// aftercare only after the exit). The clients are walked in id order (`NOT INDEXED`:
    /// the planner would walk the smaller name index), so their episodes, intakes and
    /// trajectories are read page after page instead of each on a random page.
    pub fn phase_counts(&self) -> Result<Vec<(Phase, u64)>> {
        let sql = format!(
            "SELECT CASE \
               WHEN e.id IS NULL THEN 'closed' \
               WHEN e.exit_date IS NULL THEN CASE \
                 WHEN EXISTS (SELECT 1 FROM trajectory t WHERE t.episode_id = e.id \
                              AND t.status IN ('referred', 'started')) THEN 'trajectory' \
                 WHEN (SELECT plan_agreed_on IS NOT NULL FROM intake WHERE episode_id = e.id) \
                   THEN 'plan' \
                 ELSE 'intake' END \
               WHEN EXISTS (SELECT 1 FROM aftercare_plan p WHERE p.episode_id = e.id \
                            AND p.status = 'active') THEN 'aftercare' \
               ELSE 'closed' END, count(*) \
             FROM client c NOT INDEXED {LATEST_EPISODE} \
             WHERE c.id {NOT_HANDED_OVER} GROUP BY 1"
        );
        let mut counts: BTreeMap<Phase, u64> = Phase::all().iter().map(|p| (*p, 0)).collect();
        let mut st = self.conn().prepare_cached(&sql)?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            *counts.entry(code(r, 0)?).or_default() += count(r, 1)?;
        }
        Ok(counts.into_iter().collect())
    }

    fn cohort_groups(&self, period: Period, today: NaiveDate) -> Result<Vec<CohortGroup>> {
        let band = |i: usize| {
            let p = 4 + i;
            format!(
                "sum(date(exit_date, ?{p}, 'floor') <= ?3), \
                 sum(date(exit_date, ?{p}, 'floor') <= ?3 \
                     AND back IS NOT NULL AND back <= date(exit_date, ?{p}, 'floor'))"
            )
        };
        let sql = format!(
            "WITH x AS ({}) \
             SELECT reason, contract, CASE WHEN interviewed THEN offer END, \
                    t.instrument, t.instrument_name, count(*), {}, {}, {} \
             FROM x LEFT JOIN trajectory t ON t.id = x.last_t \
             GROUP BY 1, 2, 3, 4",
            cohort(),
            band(0),
            band(1),
            band(2)
        );
        let mut st = self.conn().prepare_cached(&sql)?;
        let rows = st.query_map(
            rusqlite::params_from_iter(cohort_params(period, today)),
            |r| {
                let instrument: Option<String> = r.get(3)?;
                let name: Option<String> = r.get(4)?;
                let exits = count(r, 5)?;
                let mut row = BandRow {
                    exits,
                    ..BandRow::default()
                };
                for (i, b) in row.bands.iter_mut().enumerate() {
                    b.observed = count(r, 6 + 2 * i)?;
                    b.reentered = count(r, 7 + 2 * i)?;
                    b.under_observation = exits - b.observed;
                }
                Ok(CohortGroup {
                    reason: code(r, 0)?,
                    contract: opt_code(r, 1)?,
                    offer: opt_code(r, 2)?,
                    instrument: instrument.map(|k| (k, name.unwrap_or_default())),
                    row,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Outflow and re-entry of the exits whose exit date lies in the period.
    pub fn exits_report(&self, period: Period, today: NaiveDate) -> Result<Exits> {
        let groups = self.cohort_groups(period, today)?;
        let mut by_reason: BTreeMap<ExitReason, u64> = BTreeMap::new();
        let mut by_contract: BTreeMap<Option<ContractType>, u64> = BTreeMap::new();
        let mut by_category: BTreeMap<ExitCategory, BandRow> =
            [ExitCategory::Work, ExitCategory::Study, ExitCategory::Other]
                .into_iter()
                .map(|c| (c, BandRow::default()))
                .collect();
        let mut by_aftercare: BTreeMap<AftercareGroup, BandRow> = BTreeMap::new();
        let mut by_last: BTreeMap<Option<(String, String)>, BandRow> = BTreeMap::new();
        for g in &groups {
            *by_reason.entry(g.reason).or_default() += g.row.exits;
            let cat = g.reason.category();
            if cat == ExitCategory::Excluded {
                continue;
            }
            by_category.entry(cat).or_default().add(&g.row);
            by_last.entry(g.instrument.clone()).or_default().add(&g.row);
            if cat == ExitCategory::Work {
                *by_contract.entry(g.contract).or_default() += g.row.exits;
                let group = match g.offer {
                    None => AftercareGroup::NotRecorded,
                    Some(AftercareMode::Declined) => AftercareGroup::Declined,
                    Some(_) => AftercareGroup::Accepted,
                };
                by_aftercare.entry(group).or_default().add(&g.row);
            }
        }
        let mut by_last_trajectory: Vec<_> = by_last.into_iter().collect();
        // Most exits first; "no trajectory" last among equals.
        by_last_trajectory.sort_by(|a, b| b.1.exits.cmp(&a.1.exits).then(b.0.cmp(&a.0)));
        let by_contract = {
            let mut v: Vec<_> = by_contract.into_iter().collect();
            // Recorded contract types first, in code order; "not recorded" last.
            v.sort_by_key(|(c, _)| (c.is_none(), *c));
            v
        };
        Ok(Exits {
            by_reason: by_reason.into_iter().collect(),
            by_contract,
            per_month: self.exits_per_month(period)?,
            by_category: by_category.into_iter().collect(),
            by_aftercare: by_aftercare.into_iter().collect(),
            by_last_trajectory,
            by_risk: Vec::new(),
        })
    }

    /// Counted exits per month, from the first month with an exit to the period's end.
    fn exits_per_month(&self, period: Period) -> Result<Vec<(NaiveDate, u64)>> {
        let mut st = self.conn().prepare_cached(
            "SELECT substr(exit_date, 1, 7) || '-01', exit_reason, count(*) FROM episode \
             WHERE exit_date >= ?1 AND exit_date <= ?2 GROUP BY 1, 2",
        )?;
        let mut months: BTreeMap<NaiveDate, u64> = BTreeMap::new();
        let mut rows = st.query(params![d(period.from), d(period.to)])?;
        while let Some(r) = rows.next()? {
            let month = from_iso(&r.get::<_, String>(0)?);
            let reason: ExitReason = code(r, 1)?;
            if let (Some(m), true) = (month, reason.counts_as_exit()) {
                *months.entry(m).or_default() += count(r, 2)?;
            }
        }
        let Some(&first) = months.keys().next() else {
            return Ok(Vec::new());
        };
        // Every month of the period (for everything: from the first exit), also those
        // without exits.
        let first = if period.is_everything() {
            first
        } else {
            period.from.with_day(1).unwrap_or(first)
        };
        let mut out = Vec::new();
        let mut m = first;
        while m <= period.to {
            out.push((m, months.get(&m).copied().unwrap_or(0)));
            m = crate::domain::date::add_months(m, 1);
        }
        Ok(out)
    }

    /// Trajectories assigned in the period, per instrument, most assigned first.
    pub fn instrument_figures(&self, period: Period) -> Result<Vec<InstrumentFigures>> {
        let results: Vec<String> = TrajectoryResult::all()
            .iter()
            .map(|r| format!("sum(t.status = 'completed' AND t.result = '{}')", r.code()))
            .collect();
        let sql = format!(
            "SELECT t.instrument, max(t.instrument_name), count(*), \
                    sum(t.start_date IS NOT NULL), sum(t.status = 'stopped'), \
                    sum(t.status IN ('referred', 'started')), \
                    sum(t.ended_on IS NOT NULL AND EXISTS (SELECT 1 FROM episode e \
                        WHERE e.id = t.episode_id AND e.exit_reason LIKE 'work.%' \
                          AND e.exit_date >= coalesce(t.start_date, t.referred_on) \
                          AND e.exit_date <= date(t.ended_on, ?3, 'floor'))), \
                    avg(CASE WHEN t.ended_on IS NOT NULL AND t.start_date IS NOT NULL \
                        THEN {MONTHS_BETWEEN} END), {} \
             FROM trajectory t WHERE t.referred_on >= ?1 AND t.referred_on <= ?2 \
             GROUP BY t.instrument ORDER BY count(*) DESC, t.instrument",
            results.join(", ")
        );
        let mut st = self.conn().prepare_cached(&sql)?;
        let rows = st.query_map(
            params![d(period.from), d(period.to), months(WORK_AFTER_MONTHS)],
            |r| {
                let mut completed = Vec::new();
                for (i, res) in TrajectoryResult::all().iter().enumerate() {
                    completed.push((*res, count(r, 8 + i)?));
                }
                Ok(InstrumentFigures {
                    instrument: r.get(0)?,
                    name: r.get(1)?,
                    assigned: count(r, 2)?,
                    started: count(r, 3)?,
                    stopped: count(r, 4)?,
                    running: count(r, 5)?,
                    work_after: count(r, 6)?,
                    average_months: r.get(7)?,
                    completed,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Each client's rung at the first assessment against the latest: per client, in one
    /// pass over the episodes in client order, the rungs in date order as a string (a
    /// rung is one digit, 1 to 6), its first digit against its last.
    pub fn ladder_progress(&self) -> Result<Ladder> {
        let mut st = self.conn().prepare_cached(
            "WITH r AS (SELECT group_concat(a.rung, '' ORDER BY a.assessed_on, a.id) AS s \
                FROM episode e JOIN assessment a ON a.episode_id = e.id \
                WHERE a.rung IS NOT NULL GROUP BY e.client_id) \
             SELECT coalesce(sum(length(s) > 1 AND substr(s, -1) > substr(s, 1, 1)), 0), \
                    coalesce(sum(length(s) > 1 AND substr(s, -1) = substr(s, 1, 1)), 0), \
                    coalesce(sum(length(s) > 1 AND substr(s, -1) < substr(s, 1, 1)), 0), \
                    coalesce(sum(length(s) = 1), 0) \
             FROM r",
        )?;
        Ok(st.query_row([], |r| {
            Ok(Ladder {
                up: count(r, 0)?,
                same: count(r, 1)?,
                down: count(r, 2)?,
                once: count(r, 3)?,
            })
        })?)
    }

    /// The aftercare offered at the period's exits to work, the contacts planned in it
    /// (walked in id order, as the exits: see [`EXITS_BY_ID`]), and the referrals made at
    /// contacts held in it.
    pub fn aftercare_figures(&self, period: Period, today: NaiveDate) -> Result<AftercareFigures> {
        let span = params![d(period.from), d(period.to)];
        let mut f = AftercareFigures::default();
        let mut st = self.conn().prepare_cached(
            "SELECT i.aftercare_offer, count(*) FROM episode e \
             JOIN exit_interview i ON i.episode_id = e.id \
             WHERE e.exit_date >= ?1 AND e.exit_date <= ?2 AND e.exit_reason LIKE 'work.%' \
             GROUP BY 1",
        )?;
        let mut rows = st.query(span)?;
        while let Some(r) = rows.next()? {
            let n = count(r, 1)?;
            match code::<AftercareMode>(r, 0)? {
                AftercareMode::Active => f.active = n,
                AftercareMode::Passive => f.passive = n,
                AftercareMode::Declined => f.declined = n,
            }
        }
        let mut st = self.conn().prepare_cached(
            "SELECT count(*), coalesce(sum(status = 'done'), 0), \
                    coalesce(sum(status = 'not_reached'), 0), \
                    coalesce(sum(status = 'planned' AND planned_on < ?3), 0), \
                    coalesce(sum(status = 'planned' AND planned_on >= ?3), 0), \
                    coalesce(sum(status = 'cancelled'), 0) \
             FROM (SELECT id FROM aftercare_contact \
                   WHERE planned_on >= ?1 AND planned_on <= ?2 ORDER BY id LIMIT -1) k \
             JOIN aftercare_contact c ON c.id = k.id WHERE c.occasion IS NULL",
        )?;
        st.query_row(params![d(period.from), d(period.to), d(today)], |r| {
            f.planned = count(r, 0)?;
            f.done = count(r, 1)?;
            f.not_reached = count(r, 2)?;
            f.overdue = count(r, 3)?;
            f.ahead = count(r, 4)?;
            f.cancelled = count(r, 5)?;
            Ok(())
        })?;
        let mut st = self.conn().prepare_cached(
            "SELECT r.kind, count(*) FROM aftercare_contact c \
             JOIN referral r ON r.contact_id = c.id \
             WHERE c.done_on >= ?1 AND c.done_on <= ?2 GROUP BY 1",
        )?;
        let counts: BTreeMap<ReferralKind, u64> = st
            .query_map(span, |r| Ok((code(r, 0)?, count(r, 1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        f.referrals = ReferralKind::all()
            .iter()
            .map(|k| (*k, counts.get(k).copied().unwrap_or(0)))
            .collect();
        let mut st = self.conn().prepare_cached(
            "SELECT occasion, count(*) FROM aftercare_contact \
             WHERE done_on >= ?1 AND done_on <= ?2 AND occasion IS NOT NULL GROUP BY 1",
        )?;
        let counts: BTreeMap<ContactOccasion, u64> = st
            .query_map(span, |r| Ok((code(r, 0)?, count(r, 1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        f.unplanned = ContactOccasion::all()
            .iter()
            .map(|k| (*k, counts.get(k).copied().unwrap_or(0)))
            .collect();
        Ok(f)
    }

    /// Exit-premium instalments due in the period: due, paid, forfeited (the condition
    /// checked when paying not met), still open past their date (those cancelled with a
    /// re-entry are no longer due and left out). Amounts are summed with `total`, which
    /// never overflows (`sum` of integers raises an error past `i64::MAX`); exact far
    /// beyond any real caseload (2^53 cents), and saturating past `i64::MAX`.
    pub fn premium_figures(&self, period: Period, today: NaiveDate) -> Result<PremiumFigures> {
        let mut st = self.conn().prepare_cached(
            "SELECT count(*), CAST(total(amount_cents) AS INTEGER), \
                    coalesce(sum(paid_on IS NOT NULL), 0), \
                    CAST(total(CASE WHEN paid_on IS NOT NULL THEN amount_cents END) AS INTEGER), \
                    coalesce(sum(forfeited_on IS NOT NULL), 0), \
                    CAST(total(CASE WHEN forfeited_on IS NOT NULL THEN amount_cents END) \
                         AS INTEGER), \
                    coalesce(sum(paid_on IS NULL AND forfeited_on IS NULL AND due_on < ?3), 0), \
                    CAST(total(CASE WHEN paid_on IS NULL AND forfeited_on IS NULL \
                                 AND due_on < ?3 THEN amount_cents END) AS INTEGER) \
             FROM premium_instalment WHERE due_on >= ?1 AND due_on <= ?2 \
             AND cancelled_on IS NULL",
        )?;
        Ok(
            st.query_row(params![d(period.from), d(period.to), d(today)], |r| {
                Ok(PremiumFigures {
                    due: count(r, 0)?,
                    due_cents: r.get(1)?,
                    paid: count(r, 2)?,
                    paid_cents: r.get(3)?,
                    forfeited: count(r, 4)?,
                    forfeited_cents: r.get(5)?,
                    overdue: count(r, 6)?,
                    overdue_cents: r.get(7)?,
                })
            })?,
        )
    }
}
