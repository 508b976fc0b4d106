//! The report's figures as plain data (the store computes them with SQL aggregates), the
//! national re-entry bands, and the report settings file.

use super::catalog::AssetError;
use super::codes::{
    ContactOccasion, ContractType, ExitCategory, ExitReason, ReferralKind, TrajectoryResult,
};
use super::date::add_months;
use super::phase::Phase;
use super::report_period::Period;
use chrono::NaiveDate;

/// The built-in `report.toml`.
pub const BUILTIN: &str = include_str!("../../assets/report.toml");

/// The re-entry bands, in months after the exit (the national benchmark's).
pub const BANDS: [u32; 3] = [6, 12, 60];

/// The months within which an exit to work must last to count as sustainable.
pub const SUSTAINABLE_MONTHS: u32 = 6;

/// The months after a trajectory ends within which an exit to work is counted for it.
pub const WORK_AFTER_MONTHS: u32 = 3;

/// What a municipality may set for the reports (`report.toml`).
#[derive(Clone, Copy, Debug, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportConfig {
    /// The caseload size one caseworker is meant to carry.
    pub caseload_norm: u32,
    /// The national re-entry figures, in percent, for the bands of [`BANDS`].
    pub national_percent: [f64; 3],
    /// The rules of `risk.toml`, for re-entry by the risk at exit (set with the data
    /// files; the built-in ones when not).
    #[serde(skip)]
    pub risk: Option<crate::domain::risk::RiskConfig>,
}

impl ReportConfig {
    /// Parses and checks a `report.toml`.
    pub fn parse(text: &str) -> Result<ReportConfig, AssetError> {
        let c: ReportConfig = toml::from_str(text).map_err(|e| AssetError::from_toml(text, &e))?;
        if c.caseload_norm == 0 {
            return Err(AssetError::at(
                text,
                "caseload_norm",
                "caseload_norm must be at least 1".into(),
            ));
        }
        if c.national_percent
            .iter()
            .any(|p| !(0.0..=100.0).contains(p))
        {
            return Err(AssetError::at(
                text,
                "national_percent",
                "national_percent must lie between 0 and 100".into(),
            ));
        }
        Ok(c)
    }
}

/// A count out of a total; the share is shown with one decimal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Share {
    pub n: u64,
    pub of: u64,
}

impl Share {
    /// The percentage, rounded to one decimal; `None` when the total is zero.
    pub fn percent(self) -> Option<f64> {
        (self.of > 0).then(|| (self.n as f64 * 1000.0 / self.of as f64).round() / 10.0)
    }
}

/// One re-entry band of a group of exits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Band {
    /// Exits whose whole window has passed by the report date: the denominator.
    pub observed: u64,
    /// Of those, the exits followed by a new benefit period within the window.
    pub reentered: u64,
    /// Exits too recent for this band: not counted yet.
    pub under_observation: u64,
}

impl Band {
    /// The re-entered share of the observed exits.
    pub fn share(&self) -> Share {
        Share {
            n: self.reentered,
            of: self.observed,
        }
    }
}

/// The three bands of one group of exits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BandRow {
    /// Exits in the group (excluded reasons never among them).
    pub exits: u64,
    pub bands: [Band; 3],
}

impl BandRow {
    /// Adds the exits of another row.
    pub fn add(&mut self, other: &BandRow) {
        self.exits += other.exits;
        for (a, b) in self.bands.iter_mut().zip(other.bands.iter()) {
            a.observed += b.observed;
            a.reentered += b.reentered;
            a.under_observation += b.under_observation;
        }
    }
}

/// What the aftercare split groups exits to work by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum AftercareGroup {
    /// Active or passive aftercare accepted.
    Accepted,
    Declined,
    /// No exit interview recorded (e.g. imported history).
    NotRecorded,
}

/// Outflow and re-entry of the exits in the period, with their splits.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Exits {
    /// Every exit in the period per reason, excluded reasons too (never counted).
    pub by_reason: Vec<(ExitReason, u64)>,
    /// Exits to work per contract type (`None`: not recorded).
    pub by_contract: Vec<(Option<ContractType>, u64)>,
    /// Counted exits per month (first day of the month), every month of the period that
    /// has exits and the months between them.
    pub per_month: Vec<(NaiveDate, u64)>,
    /// Re-entry per exit category (work, study, other), in that order.
    pub by_category: Vec<(ExitCategory, BandRow)>,
    /// Re-entry of exits to work, by the aftercare offer.
    pub by_aftercare: Vec<(AftercareGroup, BandRow)>,
    /// Re-entry of all counted exits by the instrument of the last trajectory before the
    /// exit (key and name; `None`: no trajectory), most exits first.
    pub by_last_trajectory: Vec<(Option<(String, String)>, BandRow)>,
    /// Re-entry of all counted exits by the risk of re-entry at the exit, high first.
    pub by_risk: Vec<(crate::domain::codes::Risk, BandRow)>,
}

impl Exits {
    /// Counted exits (excluded reasons left out).
    pub fn counted(&self) -> u64 {
        self.by_reason
            .iter()
            .filter(|(r, _)| r.counts_as_exit())
            .map(|(_, n)| n)
            .sum()
    }

    /// Exits with an excluded reason: recorded, never counted.
    pub fn excluded(&self) -> u64 {
        self.by_reason
            .iter()
            .filter(|(r, _)| !r.counts_as_exit())
            .map(|(_, n)| n)
            .sum()
    }

    /// Counted exits of one category.
    pub fn in_category(&self, cat: ExitCategory) -> u64 {
        self.by_reason
            .iter()
            .filter(|(r, _)| r.category() == cat)
            .map(|(_, n)| n)
            .sum()
    }

    /// The share of counted exits that went to work.
    pub fn to_work(&self) -> Share {
        Share {
            n: self.in_category(ExitCategory::Work),
            of: self.counted(),
        }
    }

    /// Re-entry of all counted exits together.
    pub fn total(&self) -> BandRow {
        let mut t = BandRow::default();
        for (_, row) in &self.by_category {
            t.add(row);
        }
        t
    }

    /// Sustainable exit: of the exits to work at least six months before the report
    /// date, those without re-entry within six months; and how many are too recent.
    pub fn sustainable(&self) -> (Share, u64) {
        let at = BANDS
            .iter()
            .position(|m| *m == SUSTAINABLE_MONTHS)
            .unwrap_or(0);
        let band = self
            .by_category
            .iter()
            .find(|(c, _)| *c == ExitCategory::Work)
            .map(|(_, r)| r.bands[at])
            .unwrap_or_default();
        (
            Share {
                n: band.observed - band.reentered,
                of: band.observed,
            },
            band.under_observation,
        )
    }
}

/// One instrument's trajectories assigned in the period.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InstrumentFigures {
    pub instrument: String,
    /// The name stored with the trajectories (for instruments the catalogue lacks).
    pub name: String,
    /// Assigned (referred) in the period.
    pub assigned: u64,
    /// Of those, started.
    pub started: u64,
    /// Completed, per result.
    pub completed: Vec<(TrajectoryResult, u64)>,
    pub stopped: u64,
    /// Still referred or started.
    pub running: u64,
    /// Ended trajectories whose client left for work while it ran or within
    /// [`WORK_AFTER_MONTHS`] of its end.
    pub work_after: u64,
    /// Average calendar months from start to end of the ended trajectories.
    pub average_months: Option<f64>,
}

impl InstrumentFigures {
    /// All completed, whatever the result.
    pub fn completed_total(&self) -> u64 {
        self.completed.iter().map(|(_, n)| n).sum()
    }
}

/// Ladder rung at the first assessment against the latest, per client.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ladder {
    pub up: u64,
    pub same: u64,
    pub down: u64,
    /// Clients scored only once: no progress to tell yet.
    pub once: u64,
}

/// The aftercare offered at the exits to work of the period, and the contacts planned in it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AftercareFigures {
    pub active: u64,
    pub passive: u64,
    pub declined: u64,
    /// Contacts planned in the period, whatever became of them.
    pub planned: u64,
    pub done: u64,
    pub not_reached: u64,
    /// Still open, and their date has passed.
    pub overdue: u64,
    /// Still open, due from today on.
    pub ahead: u64,
    pub cancelled: u64,
    /// Referrals made at contacts held in the period.
    pub referrals: Vec<(ReferralKind, u64)>,
    /// Contacts outside the schedule held in the period, by what they were (every
    /// occasion, in order).
    pub unplanned: Vec<(ContactOccasion, u64)>,
}

/// Exit-premium instalments due in the period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PremiumFigures {
    pub due: u64,
    pub due_cents: i64,
    pub paid: u64,
    pub paid_cents: i64,
    /// Not paid: the condition checked when paying was not met.
    pub forfeited: u64,
    pub forfeited_cents: i64,
    /// Unpaid (and not forfeited) with their due date passed.
    pub overdue: u64,
    pub overdue_cents: i64,
}

/// The whole report on one day, for one period.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The report date: windows and overdue items are judged on it.
    pub today: NaiveDate,
    pub period: Period,
    pub norm: u32,
    pub national_percent: [f64; 3],
    /// Clients per phase now, in phase order.
    pub phases: Vec<(Phase, u64)>,
    pub exits: Exits,
    pub trajectories: Vec<InstrumentFigures>,
    pub ladder: Ladder,
    pub aftercare: AftercareFigures,
    pub premium: PremiumFigures,
}

impl Report {
    /// The caseload's size: every client not closed.
    pub fn caseload_size(&self) -> u64 {
        self.phases
            .iter()
            .filter(|(p, _)| *p != Phase::Closed)
            .map(|(_, n)| n)
            .sum()
    }

    /// The caseload against the norm.
    pub fn against_norm(&self) -> Share {
        Share {
            n: self.caseload_size(),
            of: u64::from(self.norm),
        }
    }
}

/// Whether an exit on `exit` is observed for a band of `months` on `today`, and whether a
/// return on `back` lies within it. (The store counts the same in SQL; this is the rule.)
pub fn in_band(
    exit: NaiveDate,
    back: Option<NaiveDate>,
    months: u32,
    today: NaiveDate,
) -> (bool, bool) {
    let end = add_months(exit, months);
    let observed = end <= today;
    (observed, observed && back.is_some_and(|b| b <= end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_builtin_settings_parse() {
        let c = ReportConfig::parse(BUILTIN).unwrap();
        assert_eq!(c.caseload_norm, 70);
        assert_eq!(c.national_percent, [14.0, 20.0, 35.0]);
        assert!(
            ReportConfig::parse("caseload_norm = 0\nnational_percent = [1.0, 2.0, 3.0]").is_err()
        );
        assert!(ReportConfig::parse("caseload_norm = 5").is_err());
    }

    #[test]
    fn shares_round_to_one_decimal_and_never_divide_by_zero() {
        assert_eq!(Share { n: 9, of: 155 }.percent(), Some(5.8));
        assert_eq!(Share { n: 3, of: 18 }.percent(), Some(16.7));
        assert_eq!(Share { n: 0, of: 0 }.percent(), None);
    }

    #[test]
    fn band_edges() {
        let exit = d(2025, 8, 31);
        // The window ends on 28 February 2026 (calendar months).
        assert_eq!(
            in_band(exit, Some(d(2026, 2, 28)), 6, d(2026, 2, 28)),
            (true, true)
        );
        assert_eq!(
            in_band(exit, Some(d(2026, 3, 1)), 6, d(2026, 6, 1)),
            (true, false)
        );
        assert_eq!(
            in_band(exit, Some(d(2026, 1, 1)), 6, d(2026, 2, 27)),
            (false, false)
        );
    }
}
