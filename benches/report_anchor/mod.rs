//! The anchor of the report's benchmark: the figures of `Store::report`, written by hand as
//! plain SQL (one straightforward query per table, no tuning), run on the same file. The
//! report is measured against it; the bench first checks that both count the same, and so
//! does a store test on a generated caseload (`tests/store/report_anchor.rs`).

use caseload::domain::Phase;
use caseload::domain::codes::{
    AftercareMode, Code, ContactOccasion, ContractType, ExitCategory, ExitReason, ReferralKind,
    Risk, TrajectoryResult,
};
use caseload::domain::date::add_months;
use caseload::domain::report::{
    AftercareFigures, AftercareGroup, BandRow, Exits, InstrumentFigures, Ladder, PremiumFigures,
    Report, ReportConfig,
};
use caseload::domain::report_period::Period;
use caseload::domain::risk::{RiskConfig, RiskFacts, assess};
use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, Row, params};
use std::collections::BTreeMap;

type R<T> = rusqlite::Result<T>;

fn n(r: &Row, i: usize) -> R<u64> {
    Ok(r.get::<_, Option<i64>>(i)?.unwrap_or(0) as u64)
}

fn code<C: Code>(s: Option<String>) -> Option<C> {
    s.as_deref().and_then(C::from_code)
}

/// The exits of the period that count (excluded reasons left out), with the start of the
/// client's next benefit period (`back`) and the last day of each band (`end1`..`end3`).
const COHORT: &str = "SELECT e.*, \
       (SELECT min(n.benefit_start) FROM episode n WHERE n.client_id = e.client_id \
          AND n.benefit_start >= e.exit_date AND n.id <> e.id) AS back, \
       date(e.exit_date, '+6 months', 'floor') AS end1, \
       date(e.exit_date, '+12 months', 'floor') AS end2, \
       date(e.exit_date, '+60 months', 'floor') AS end3 \
     FROM episode e WHERE e.exit_date >= ?1 AND e.exit_date <= ?2 \
       AND e.exit_reason NOT LIKE 'excluded.%'";

/// Per band: the exits observed by the report date (`?3`) and those back within it.
const BANDS: &str = "count(*), \
     sum(x.end1 <= ?3), sum(x.end1 <= ?3 AND x.back <= x.end1), \
     sum(x.end2 <= ?3), sum(x.end2 <= ?3 AND x.back <= x.end2), \
     sum(x.end3 <= ?3), sum(x.end3 <= ?3 AND x.back <= x.end3)";

/// The same for one exit, as 0 or 1 (NULL when its return is unknown: not back).
const ONE_EXIT: &str = "1, \
     x.end1 <= ?3, x.end1 <= ?3 AND x.back <= x.end1, \
     x.end2 <= ?3, x.end2 <= ?3 AND x.back <= x.end2, \
     x.end3 <= ?3, x.end3 <= ?3 AND x.back <= x.end3";

/// The band row of the columns [`BANDS`] or [`ONE_EXIT`] gives from column `at` on.
fn band_row(r: &Row, at: usize) -> R<BandRow> {
    let mut row = BandRow {
        exits: n(r, at)?,
        ..BandRow::default()
    };
    for (i, b) in row.bands.iter_mut().enumerate() {
        b.observed = n(r, at + 1 + 2 * i)?;
        b.reentered = n(r, at + 2 + 2 * i)?;
        b.under_observation = row.exits - b.observed;
    }
    Ok(row)
}

/// The exit interview `i` of the cohort's exit `x`.
const INTERVIEW: &str = "LEFT JOIN exit_interview i ON i.episode_id = x.id";

/// The last trajectory `t` started (or referred) on or before the exit `x`.
const LAST: &str = "LEFT JOIN trajectory t ON t.id = (SELECT l.id FROM trajectory l \
     WHERE l.episode_id = x.id AND coalesce(l.start_date, l.referred_on) <= x.exit_date \
     ORDER BY coalesce(l.start_date, l.referred_on) DESC, l.id DESC LIMIT 1)";

/// The cohort's band rows grouped by `key` (SQL over `x`, the cohort, and what `joins`
/// brings), read by `read`.
fn cohort_split<K: Ord>(
    conn: &Connection,
    span: &[String; 3],
    (joins, filter, key): (&str, &str, &str),
    read: impl Fn(&Row) -> R<K>,
) -> R<BTreeMap<K, BandRow>> {
    let sql =
        format!("SELECT {BANDS}, {key} FROM ({COHORT}) x {joins} WHERE {filter} GROUP BY {key}");
    let mut st = conn.prepare(&sql)?;
    let mut rows = st.query(params![span[0], span[1], span[2]])?;
    let mut out = BTreeMap::new();
    while let Some(r) = rows.next()? {
        out.insert(read(r)?, band_row(r, 0)?);
    }
    Ok(out)
}

/// Per client, the phase of the latest benefit period (by start, then id); clients
/// without one are closed. Those handed over to a colleague are not counted.
fn phases(conn: &Connection) -> R<Vec<(Phase, u64)>> {
    let mut st = conn.prepare(
        "SELECT CASE WHEN e.exit_date IS NULL THEN CASE \
             WHEN EXISTS (SELECT 1 FROM trajectory t WHERE t.episode_id = e.id \
                          AND t.status IN ('referred', 'started')) THEN 'trajectory' \
             WHEN EXISTS (SELECT 1 FROM intake i WHERE i.episode_id = e.id \
                          AND i.plan_agreed_on IS NOT NULL) THEN 'plan' \
             ELSE 'intake' END \
           WHEN EXISTS (SELECT 1 FROM aftercare_plan p WHERE p.episode_id = e.id \
                        AND p.status = 'active') THEN 'aftercare' \
           ELSE 'closed' END, count(*) \
         FROM episode e WHERE e.id = (SELECT l.id FROM episode l \
           WHERE l.client_id = e.client_id ORDER BY l.benefit_start DESC, l.id DESC LIMIT 1) \
           AND e.client_id NOT IN (SELECT client_id FROM handed_over) GROUP BY 1 UNION ALL \
         SELECT 'closed', count(*) FROM client c \
         WHERE NOT EXISTS (SELECT 1 FROM episode e WHERE e.client_id = c.id) \
           AND c.id NOT IN (SELECT client_id FROM handed_over)",
    )?;
    let mut counts: BTreeMap<Phase, u64> = Phase::all().iter().map(|p| (*p, 0)).collect();
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let phase = code(r.get(0)?).expect("a phase");
        *counts.entry(phase).or_default() += n(r, 1)?;
    }
    Ok(counts.into_iter().collect())
}

fn exits(conn: &Connection, period: Period, span: &[String; 3], risk: &RiskConfig) -> R<Exits> {
    let (from, to) = (&span[0], &span[1]);
    let mut st = conn.prepare(
        "SELECT exit_reason, count(*) FROM episode \
         WHERE exit_date >= ?1 AND exit_date <= ?2 GROUP BY 1",
    )?;
    let by_reason: BTreeMap<ExitReason, u64> = st
        .query_map(params![from, to], |r| {
            Ok((code(r.get(0)?).expect("a reason"), n(r, 1)?))
        })?
        .collect::<R<_>>()?;
    let mut st = conn.prepare(
        "SELECT i.contract_type, count(*) FROM episode e \
         LEFT JOIN exit_interview i ON i.episode_id = e.id \
         WHERE e.exit_date >= ?1 AND e.exit_date <= ?2 AND e.exit_reason LIKE 'work.%' \
         GROUP BY 1",
    )?;
    let mut by_contract: Vec<(Option<ContractType>, u64)> = st
        .query_map(params![from, to], |r| Ok((code(r.get(0)?), n(r, 1)?)))?
        .collect::<R<_>>()?;
    by_contract.sort_by_key(|(c, _)| (c.is_none(), *c));
    let mut st = conn.prepare(
        "SELECT substr(exit_date, 1, 7) || '-01', count(*) FROM episode \
         WHERE exit_date >= ?1 AND exit_date <= ?2 AND exit_reason NOT LIKE 'excluded.%' \
         GROUP BY 1",
    )?;
    let months: BTreeMap<NaiveDate, u64> = st
        .query_map(params![from, to], |r| {
            let m: String = r.get(0)?;
            Ok((m.parse().expect("a month"), n(r, 1)?))
        })?
        .collect::<R<_>>()?;
    let mut per_month = Vec::new();
    if let Some(&first) = months.keys().next() {
        let mut m = if period.is_everything() {
            first
        } else {
            period.from.with_day(1).expect("a first day")
        };
        while m <= period.to {
            per_month.push((m, months.get(&m).copied().unwrap_or(0)));
            m = add_months(m, 1);
        }
    }
    let mut by_category: BTreeMap<ExitCategory, BandRow> =
        [ExitCategory::Work, ExitCategory::Study, ExitCategory::Other]
            .into_iter()
            .map(|c| (c, BandRow::default()))
            .collect();
    let cat = "CASE WHEN x.exit_reason LIKE 'work.%' THEN 'work' \
               WHEN x.exit_reason = 'study' THEN 'study' ELSE 'other' END";
    by_category.extend(cohort_split(conn, span, ("", "1", cat), |r| {
        Ok(code::<ExitCategory>(r.get(7)?).expect("a category"))
    })?);
    let group = "CASE WHEN i.episode_id IS NULL THEN 2 \
                 WHEN i.aftercare_offer = 'declined' THEN 1 ELSE 0 END";
    let work = "x.exit_reason LIKE 'work.%'";
    let by_aftercare = cohort_split(conn, span, (INTERVIEW, work, group), |r| {
        Ok(match r.get::<_, i64>(7)? {
            0 => AftercareGroup::Accepted,
            1 => AftercareGroup::Declined,
            _ => AftercareGroup::NotRecorded,
        })
    })?;
    let last = cohort_split(
        conn,
        span,
        (LAST, "1", "t.instrument, t.instrument_name"),
        |r| {
            let key: Option<String> = r.get(7)?;
            Ok(key.map(|k| (k, r.get::<_, String>(8).unwrap_or_default())))
        },
    )?;
    let mut by_last_trajectory: Vec<_> = last.into_iter().collect();
    by_last_trajectory.sort_by(|a, b| b.1.exits.cmp(&a.1.exits).then(b.0.cmp(&a.0)));
    Ok(Exits {
        by_reason: by_reason.into_iter().collect(),
        by_contract,
        per_month,
        by_category: by_category.into_iter().collect(),
        by_aftercare: by_aftercare.into_iter().collect(),
        by_last_trajectory,
        by_risk: by_risk(conn, span, risk)?,
    })
}

/// Re-entry by the risk at the exit: the facts of each counted exit as they stood when it
/// ended, weighed in Rust by the same rules.
fn by_risk(conn: &Connection, span: &[String; 3], cfg: &RiskConfig) -> R<Vec<(Risk, BandRow)>> {
    let sql = format!(
        "SELECT {ONE_EXIT}, \
           EXISTS (SELECT 1 FROM barrier b WHERE b.episode_id = x.id AND b.code = 'debts'), \
           (SELECT group_concat(s.score) FROM domain_score s WHERE s.assessment_id = \
              (SELECT a.id FROM assessment a WHERE a.episode_id = x.id \
                 AND EXISTS (SELECT 1 FROM domain_score d WHERE d.assessment_id = a.id) \
               ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1)), \
           coalesce(i.statushouder, 0), \
           (SELECT v.contract_type FROM exit_interview v WHERE v.episode_id = x.id), \
           EXISTS (SELECT 1 FROM episode p JOIN barrier b ON b.episode_id = p.id \
                   WHERE p.client_id = x.client_id AND b.code = 'mental_health' \
                     AND p.benefit_start <= x.benefit_start), \
           coalesce(i.household = 'single_with_children', 0), \
           x.exit_reason = 'study', \
           EXISTS (SELECT 1 FROM episode p WHERE p.client_id = x.client_id \
                   AND p.benefit_start < x.benefit_start AND p.exit_date IS NOT NULL \
                   AND p.exit_reason NOT LIKE 'excluded.%') \
         FROM ({COHORT}) x LEFT JOIN intake i ON i.episode_id = x.id"
    );
    let mut by: Vec<(Risk, BandRow)> = [Risk::High, Risk::Medium, Risk::Low]
        .into_iter()
        .map(|r| (r, BandRow::default()))
        .collect();
    let mut st = conn.prepare(&sql)?;
    let mut rows = st.query(params![span[0], span[1], span[2]])?;
    while let Some(r) = rows.next()? {
        let scores: Option<String> = r.get(8)?;
        let facts = RiskFacts {
            debts: r.get(7)?,
            domain_scores: scores
                .unwrap_or_default()
                .split(',')
                .filter_map(|s| s.parse().ok())
                .collect(),
            statushouder: r.get(9)?,
            contract: code(r.get(10)?),
            mental_health: r.get(11)?,
            single_parent: r.get(12)?,
            study_exit: r.get(13)?,
            earlier_reentry: r.get(14)?,
            checkin: None,
        };
        let level = assess(&facts, cfg).level;
        let row = band_row(r, 0)?;
        if let Some((_, total)) = by.iter_mut().find(|(l, _)| *l == level) {
            total.add(&row);
        }
    }
    Ok(by)
}

fn trajectories(conn: &Connection, span: &[String; 3]) -> R<Vec<InstrumentFigures>> {
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
                 AND e.exit_date <= date(t.ended_on, '+3 months', 'floor'))), \
           avg(CASE WHEN t.ended_on IS NOT NULL AND t.start_date IS NOT NULL THEN \
             (CAST(strftime('%Y', t.ended_on) AS INTEGER) * 12 \
              + CAST(strftime('%m', t.ended_on) AS INTEGER) \
              - CAST(strftime('%Y', t.start_date) AS INTEGER) * 12 \
              - CAST(strftime('%m', t.start_date) AS INTEGER)) \
             + (CAST(strftime('%d', t.ended_on) AS INTEGER) \
                - CAST(strftime('%d', t.start_date) AS INTEGER)) / 30.0 END), {} \
         FROM trajectory t WHERE t.referred_on >= ?1 AND t.referred_on <= ?2 \
         GROUP BY t.instrument ORDER BY count(*) DESC, t.instrument",
        results.join(", ")
    );
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map(params![span[0], span[1]], |r| {
        let mut completed = Vec::new();
        for (i, res) in TrajectoryResult::all().iter().enumerate() {
            completed.push((*res, n(r, 8 + i)?));
        }
        Ok(InstrumentFigures {
            instrument: r.get(0)?,
            name: r.get(1)?,
            assigned: n(r, 2)?,
            started: n(r, 3)?,
            stopped: n(r, 4)?,
            running: n(r, 5)?,
            work_after: n(r, 6)?,
            average_months: r.get(7)?,
            completed,
        })
    })?;
    rows.collect()
}

fn ladder(conn: &Connection) -> R<Ladder> {
    conn.query_row(
        "WITH r AS (SELECT e.client_id AS c, a.rung AS rung, \
             row_number() OVER (PARTITION BY e.client_id ORDER BY a.assessed_on, a.id) AS k, \
             count(*) OVER (PARTITION BY e.client_id) AS n \
           FROM assessment a JOIN episode e ON e.id = a.episode_id WHERE a.rung IS NOT NULL), \
         p AS (SELECT max(CASE WHEN k = 1 THEN rung END) AS first, \
                      max(CASE WHEN k = n THEN rung END) AS last, max(n) AS n \
               FROM r GROUP BY c) \
         SELECT sum(n > 1 AND last > first), sum(n > 1 AND last = first), \
                sum(n > 1 AND last < first), sum(n = 1) FROM p",
        [],
        |r| {
            Ok(Ladder {
                up: n(r, 0)?,
                same: n(r, 1)?,
                down: n(r, 2)?,
                once: n(r, 3)?,
            })
        },
    )
}

fn aftercare(conn: &Connection, span: &[String; 3]) -> R<AftercareFigures> {
    let mut f = AftercareFigures::default();
    let mut st = conn.prepare(
        "SELECT i.aftercare_offer, count(*) FROM episode e \
         JOIN exit_interview i ON i.episode_id = e.id \
         WHERE e.exit_date >= ?1 AND e.exit_date <= ?2 AND e.exit_reason LIKE 'work.%' \
         GROUP BY 1",
    )?;
    let mut rows = st.query(params![span[0], span[1]])?;
    while let Some(r) = rows.next()? {
        let count = n(r, 1)?;
        match code(r.get(0)?).expect("an offer") {
            AftercareMode::Active => f.active = count,
            AftercareMode::Passive => f.passive = count,
            AftercareMode::Declined => f.declined = count,
        }
    }
    conn.query_row(
        "SELECT count(*), sum(status = 'done'), sum(status = 'not_reached'), \
                sum(status = 'planned' AND planned_on < ?3), \
                sum(status = 'planned' AND planned_on >= ?3), sum(status = 'cancelled') \
         FROM aftercare_contact \
         WHERE planned_on >= ?1 AND planned_on <= ?2 AND occasion IS NULL",
        params![span[0], span[1], span[2]],
        |r| {
            f.planned = n(r, 0)?;
            f.done = n(r, 1)?;
            f.not_reached = n(r, 2)?;
            f.overdue = n(r, 3)?;
            f.ahead = n(r, 4)?;
            f.cancelled = n(r, 5)?;
            Ok(())
        },
    )?;
    let mut st = conn.prepare(
        "SELECT r.kind, count(*) FROM aftercare_contact c \
         JOIN referral r ON r.contact_id = c.id \
         WHERE c.done_on >= ?1 AND c.done_on <= ?2 GROUP BY 1",
    )?;
    let referrals: BTreeMap<ReferralKind, u64> = st
        .query_map(params![span[0], span[1]], |r| {
            Ok((code(r.get(0)?).expect("a kind"), n(r, 1)?))
        })?
        .collect::<R<_>>()?;
    f.referrals = ReferralKind::all()
        .iter()
        .map(|k| (*k, referrals.get(k).copied().unwrap_or(0)))
        .collect();
    let mut st = conn.prepare(
        "SELECT occasion, count(*) FROM aftercare_contact \
         WHERE done_on >= ?1 AND done_on <= ?2 AND occasion IS NOT NULL GROUP BY 1",
    )?;
    let unplanned: BTreeMap<ContactOccasion, u64> = st
        .query_map(params![span[0], span[1]], |r| {
            Ok((code(r.get(0)?).expect("an occasion"), n(r, 1)?))
        })?
        .collect::<R<_>>()?;
    f.unplanned = ContactOccasion::all()
        .iter()
        .map(|k| (*k, unplanned.get(k).copied().unwrap_or(0)))
        .collect();
    Ok(f)
}

fn premium(conn: &Connection, span: &[String; 3]) -> R<PremiumFigures> {
    conn.query_row(
        "SELECT count(*), total(amount_cents), \
           sum(paid_on IS NOT NULL), total(CASE WHEN paid_on IS NOT NULL THEN amount_cents END), \
           sum(forfeited_on IS NOT NULL), \
           total(CASE WHEN forfeited_on IS NOT NULL THEN amount_cents END), \
           sum(paid_on IS NULL AND forfeited_on IS NULL AND due_on < ?3), \
           total(CASE WHEN paid_on IS NULL AND forfeited_on IS NULL AND due_on < ?3 \
                 THEN amount_cents END) \
         FROM premium_instalment \
         WHERE due_on >= ?1 AND due_on <= ?2 AND cancelled_on IS NULL",
        params![span[0], span[1], span[2]],
        |r| {
            let cents = |i| r.get::<_, f64>(i).map(|c| c as i64);
            Ok(PremiumFigures {
                due: n(r, 0)?,
                due_cents: cents(1)?,
                paid: n(r, 2)?,
                paid_cents: cents(3)?,
                forfeited: n(r, 4)?,
                forfeited_cents: cents(5)?,
                overdue: n(r, 6)?,
                overdue_cents: cents(7)?,
            })
        },
    )
}

/// The whole report for `period` on `today`, by hand.
pub fn report(
    conn: &Connection,
    period: Period,
    today: NaiveDate,
    cfg: &ReportConfig,
) -> R<Report> {
    let period = period.up_to(today);
    let span = [period.from, period.to, today].map(|d| d.to_string());
    let risk = cfg.risk.unwrap_or_else(|| {
        RiskConfig::parse(caseload::domain::risk::BUILTIN).expect("the built-in rules")
    });
    Ok(Report {
        today,
        period,
        norm: cfg.caseload_norm,
        national_percent: cfg.national_percent,
        phases: phases(conn)?,
        exits: exits(conn, period, &span, &risk)?,
        trajectories: trajectories(conn, &span)?,
        ladder: ladder(conn)?,
        aftercare: aftercare(conn, &span)?,
        premium: premium(conn, &span)?,
    })
}
