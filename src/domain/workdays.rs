//! Working days: weekends, Dutch public holidays (computed) and a municipality's own
//! closing days (`holidays.toml`). Every date the app plans lands on a working day.

use super::catalog::AssetError;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::sync::OnceLock;

/// The built-in `holidays.toml`.
pub const BUILTIN: &str = include_str!("../../assets/holidays.toml");

/// When Liberation Day (5 May) is a day off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Liberation {
    Always,
    /// Every fifth year (2025, 2030, …), as most collective agreements have it.
    Lustrum,
    Never,
}

/// The closing days of `holidays.toml`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holidays {
    pub good_friday: bool,
    pub liberation_day: Liberation,
    #[serde(default)]
    pub closed: Vec<NaiveDate>,
}

impl Default for Holidays {
    fn default() -> Holidays {
        Holidays::parse(BUILTIN).unwrap_or(Holidays {
            good_friday: false,
            liberation_day: Liberation::Lustrum,
            closed: Vec::new(),
        })
    }
}

/// Easter Sunday of a year (the anonymous Gregorian computus).
pub fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).unwrap_or_default()
}

impl Holidays {
    /// Parses a `holidays.toml`.
    pub fn parse(text: &str) -> Result<Holidays, AssetError> {
        toml::from_str(text).map_err(|e| AssetError::from_toml(text, &e))
    }

    /// Whether `d` is a public holiday or a closing day (weekends aside).
    pub fn is_holiday(&self, d: NaiveDate) -> bool {
        let y = d.year();
        let easter = easter(y);
        let from_easter = (d - easter).num_days();
        let fixed = |m, day| NaiveDate::from_ymd_opt(y, m, day) == Some(d);
        let kings_day = match NaiveDate::from_ymd_opt(y, 4, 27) {
            Some(k) if k.weekday() == Weekday::Sun => NaiveDate::from_ymd_opt(y, 4, 26),
            k => k,
        };
        let liberation = match self.liberation_day {
            Liberation::Always => true,
            Liberation::Lustrum => y % 5 == 0,
            Liberation::Never => false,
        };
        fixed(1, 1)
            || fixed(12, 25)
            || fixed(12, 26)
            || kings_day == Some(d)
            || (liberation && fixed(5, 5))
            || matches!(from_easter, 1 | 39 | 50)
            || (self.good_friday && from_easter == -2)
            || self.closed.contains(&d)
    }

    /// Whether `d` is a working day: not a weekend, holiday or closing day.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.is_holiday(d)
    }

    /// `d` when it is a working day, else the next one.
    pub fn on_or_after(&self, d: NaiveDate) -> NaiveDate {
        let mut day = d;
        // A year has far fewer closed days in a row than this.
        for _ in 0..60 {
            if self.is_working_day(day) {
                return day;
            }
            day = day + Days::new(1);
        }
        day
    }

    /// `n` working days after `d`.
    pub fn add_working_days(&self, d: NaiveDate, n: u32) -> NaiveDate {
        let mut day = d;
        for _ in 0..n {
            day = self.on_or_after(day + Days::new(1));
        }
        day
    }
}

static CURRENT: OnceLock<Holidays> = OnceLock::new();

/// The closing days in force: the municipality's `holidays.toml` once the app has read it
/// ([`set`]), else the built-in one.
pub fn current() -> &'static Holidays {
    CURRENT.get_or_init(Holidays::default)
}

/// Makes `h` the closing days in force for this process (once, at start).
pub fn set(h: Holidays) {
    let _ = CURRENT.set(h);
}

/// `d`, or the next working day (see [`current`]).
pub fn working_day(d: NaiveDate) -> NaiveDate {
    current().on_or_after(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_and_the_days_that_follow_it() {
        assert_eq!(easter(2024), d(2024, 3, 31));
        assert_eq!(easter(2026), d(2026, 4, 5));
        assert_eq!(easter(2027), d(2027, 3, 28));
        let h = Holidays::default();
        // 2026: Easter Monday 6 April, Ascension 14 May, Whit Monday 25 May.
        for day in [d(2026, 4, 6), d(2026, 5, 14), d(2026, 5, 25)] {
            assert!(h.is_holiday(day), "{day}");
        }
        // Good Friday is open by default.
        assert!(!h.is_holiday(d(2026, 4, 3)));
    }

    #[test]
    fn kings_day_moves_to_saturday_when_the_27th_is_a_sunday() {
        let h = Holidays::default();
        // 27 April 2025 is a Sunday: King's Day is Saturday 26 April.
        assert!(h.is_holiday(d(2025, 4, 26)));
        assert!(!h.is_holiday(d(2025, 4, 27)));
        assert!(h.is_holiday(d(2026, 4, 27)));
    }

    #[test]
    fn liberation_day_every_fifth_year_and_local_closing_days() {
        let h = Holidays::default();
        assert!(h.is_holiday(d(2025, 5, 5)));
        assert!(!h.is_holiday(d(2026, 5, 5)));
        let h = Holidays::parse(
            "good_friday = true\nliberation_day = \"always\"\nclosed = [\"2026-12-24\"]\n",
        )
        .unwrap();
        assert!(h.is_holiday(d(2026, 5, 5)));
        assert!(h.is_holiday(d(2026, 4, 3)));
        assert!(h.is_holiday(d(2026, 12, 24)));
    }

    #[test]
    fn the_next_working_day_skips_weekends_and_holidays() {
        let h = Holidays::default();
        // Christmas 2026 is a Friday: Friday, Saturday, Sunday, then Monday 28 December.
        assert_eq!(h.on_or_after(d(2026, 12, 25)), d(2026, 12, 28));
        // 1 January 2027 is a Friday.
        assert_eq!(h.on_or_after(d(2027, 1, 1)), d(2027, 1, 4));
        assert_eq!(h.on_or_after(d(2026, 12, 2)), d(2026, 12, 2));
        // Three working days after Wednesday 23 December 2026: 24, 28, 29.
        assert_eq!(h.add_working_days(d(2026, 12, 23), 3), d(2026, 12, 29));
    }

    #[test]
    fn every_day_of_2026_and_2027_has_a_working_day_on_or_after_it() {
        let h = Holidays::default();
        let mut day = d(2026, 1, 1);
        while day <= d(2027, 12, 31) {
            let w = h.on_or_after(day);
            assert!(
                h.is_working_day(w) && w >= day && (w - day).num_days() < 5,
                "{day}"
            );
            day = day + Days::new(1);
        }
    }
}
