//! A distance in time as data files write it: `"1d"`, `"2w"`, `"3m"` (days, weeks, months).

use super::date::{add_days, add_months};
use chrono::NaiveDate;
use serde::Deserialize;

/// A calendar distance from an anchor date. Months follow the calendar
/// (31 January + 1 month = the last day of February).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum Offset {
    Days(u32),
    Weeks(u32),
    Months(u32),
}

impl Offset {
    /// Parses `"<n>d"`, `"<n>w"` or `"<n>m"` (n at most 3650 days / 520 weeks / 120 months).
    pub fn parse(s: &str) -> Result<Offset, String> {
        let s = s.trim();
        let bad = || format!("\"{s}\" is not a distance: use e.g. \"1d\", \"2w\", \"3m\"");
        let (n, unit) = s.split_at(s.len().saturating_sub(1));
        let n: u32 = n.parse().map_err(|_| bad())?;
        match unit {
            "d" if n <= 3650 => Ok(Offset::Days(n)),
            "w" if n <= 520 => Ok(Offset::Weeks(n)),
            "m" if n <= 120 => Ok(Offset::Months(n)),
            "d" | "w" | "m" => Err(format!("\"{s}\" is too far")),
            _ => Err(bad()),
        }
    }

    /// The date this far after `from`.
    pub fn after(self, from: NaiveDate) -> NaiveDate {
        match self {
            Offset::Days(n) => add_days(from, i64::from(n)),
            Offset::Weeks(n) => add_days(from, i64::from(n) * 7),
            Offset::Months(n) => add_months(from, n),
        }
    }
}

impl TryFrom<String> for Offset {
    type Error = String;
    fn try_from(s: String) -> Result<Offset, String> {
        Offset::parse(&s)
    }
}

impl std::fmt::Display for Offset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Offset::Days(n) => write!(f, "{n}d"),
            Offset::Weeks(n) => write!(f, "{n}w"),
            Offset::Months(n) => write!(f, "{n}m"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_and_applies() {
        assert_eq!(Offset::parse("1d"), Ok(Offset::Days(1)));
        assert_eq!(Offset::parse("2w"), Ok(Offset::Weeks(2)));
        assert_eq!(Offset::parse("3m"), Ok(Offset::Months(3)));
        assert!(Offset::parse("3").is_err());
        assert!(Offset::parse("m").is_err());
        assert!(Offset::parse("-1d").is_err());
        assert!(Offset::parse("121m").is_err());
        assert!(Offset::parse("3y").is_err());
        assert_eq!(Offset::Weeks(2).after(d(2026, 12, 25)), d(2027, 1, 8));
        assert_eq!(Offset::Months(1).after(d(2028, 1, 31)), d(2028, 2, 29));
        assert_eq!(Offset::Months(6).to_string(), "6m");
    }
}
