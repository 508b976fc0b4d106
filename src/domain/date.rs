//! Dates as caseworkers type them (`dd-mm-jjjj`, `+2w`, `vandaag`) and as they are shown.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// Why typed text is not a date; each maps to an i18n message key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("not a date")]
    Format,
    #[error("this day does not exist")]
    Impossible,
    #[error("too far from today")]
    OutOfRange,
}

impl DateError {
    /// The i18n key of the message shown at the field.
    pub fn key(&self) -> &'static str {
        match self {
            DateError::Format => "date.err.format",
            DateError::Impossible => "date.err.impossible",
            DateError::OutOfRange => "date.err.range",
        }
    }
}

/// Parses `dd-mm-jjjj`, `d-m-jj`, `dd/mm/jjjj`, `dd.mm.jjjj`, ISO `jjjj-mm-dd`,
/// `vandaag`/`today`/`morgen`/`tomorrow`/`gisteren`/`yesterday`, and relative
/// `+3d`, `-2w`, `+3m`, `+1j`/`+1y` (from `today`). Two-digit years are taken within
/// 80 years back and 20 years ahead of today.
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let s = input.trim().to_lowercase();
    match s.as_str() {
        "vandaag" | "today" | "nu" | "now" => return Ok(today),
        "morgen" | "tomorrow" => return today.succ_opt().ok_or(DateError::OutOfRange),
        "gisteren" | "yesterday" => return today.pred_opt().ok_or(DateError::OutOfRange),
        _ => {}
    }
    if let Some(rest) = s
        .strip_prefix('+')
        .map(|r| (1i64, r))
        .or(s.strip_prefix('-').map(|r| (-1, r)))
    {
        return relative(rest.0, rest.1, today);
    }
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(DateError::Format);
    }
    let num = |p: &str| p.parse::<u32>().map_err(|_| DateError::Format);
    let (y, m, d) = if parts[0].len() == 4 {
        (num(parts[0])? as i32, num(parts[1])?, num(parts[2])?)
    } else if parts[2].len() == 4 {
        (num(parts[2])? as i32, num(parts[1])?, num(parts[0])?)
    } else if parts[2].len() <= 2 && parts[0].len() <= 2 {
        (
            expand_year(num(parts[2])? as i32, today),
            num(parts[1])?,
            num(parts[0])?,
        )
    } else {
        return Err(DateError::Format);
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(DateError::Impossible);
    }
    if !(1900..=2200).contains(&y) {
        return Err(DateError::OutOfRange);
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or(DateError::Impossible)
}

fn relative(sign: i64, rest: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let unit_at = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let (n, unit) = rest.split_at(unit_at);
    let n: u32 = n.parse().map_err(|_| DateError::Format)?;
    if n > 3650 {
        return Err(DateError::OutOfRange);
    }
    let res = match (unit, sign) {
        ("" | "d", 1) => today.checked_add_days(Days::new(n.into())),
        ("" | "d", _) => today.checked_sub_days(Days::new(n.into())),
        ("w", 1) => today.checked_add_days(Days::new(u64::from(n) * 7)),
        ("w", _) => today.checked_sub_days(Days::new(u64::from(n) * 7)),
        ("m", 1) => today.checked_add_months(Months::new(n)),
        ("m", _) => today.checked_sub_months(Months::new(n)),
        ("j" | "y", 1) => today.checked_add_months(Months::new(n * 12)),
        ("j" | "y", _) => today.checked_sub_months(Months::new(n * 12)),
        _ => return Err(DateError::Format),
    };
    res.ok_or(DateError::OutOfRange)
}

fn expand_year(yy: i32, today: NaiveDate) -> i32 {
    let century = today.year() / 100 * 100;
    let candidate = century + yy;
    if candidate > today.year() + 20 {
        candidate - 100
    } else {
        candidate
    }
}

/// The one way a date is shown: `dd-mm-jjjj`.
pub fn fmt_date(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// A row's time stamp (`2026-12-02T12:33:11`, as the store writes it) shown the one way,
/// `02-12-2026 12:33`; a stamp in another form is shown as it is.
pub fn fmt_stamp(stamp: &str) -> String {
    chrono::NaiveDateTime::parse_from_str(stamp, "%Y-%m-%dT%H:%M:%S")
        .map(|t| t.format("%d-%m-%Y %H:%M").to_string())
        .unwrap_or_else(|_| stamp.to_owned())
}

/// An optional date shown, or empty.
pub fn fmt_opt(d: Option<NaiveDate>) -> String {
    d.map(fmt_date).unwrap_or_default()
}

/// Calendar month arithmetic: 31 January + 1 month = the last day of February.
pub fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// Adds days, saturating at the end of the calendar.
pub fn add_days(d: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        d.checked_add_days(Days::new(days.unsigned_abs()))
            .unwrap_or(NaiveDate::MAX)
    } else {
        d.checked_sub_days(Days::new(days.unsigned_abs()))
            .unwrap_or(NaiveDate::MIN)
    }
}

/// Adds working days (Monday to Friday).
pub fn add_working_days(d: NaiveDate, n: u32) -> NaiveDate {
    let mut day = d;
    let mut left = n;
    while left > 0 {
        day = add_days(day, 1);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    day
}

/// Full years from `birth` to `on`.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    on.years_since(birth).map_or(0, |y| y as i32)
}

/// Whole months from `from` to `to` (0 when `to` is earlier).
pub fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    if to < from {
        return 0;
    }
    let mut m = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if to.day() < from.day() && add_months(from, m as u32) > to {
        m -= 1;
    }
    m.max(0) as u32
}

/// Parses a stored ISO date.
pub fn from_iso(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The stored form of a date: `YYYY-MM-DD`. Written digit by digit (chrono's formatting
/// reads its pattern again at every call), as chrono writes it for a year beyond four
/// digits.
pub fn to_iso(d: NaiveDate) -> String {
    let (y, m, day) = (d.year(), d.month(), d.day());
    let y = match u32::try_from(y) {
        Ok(y) if y <= 9999 => y,
        _ => return d.format("%Y-%m-%d").to_string(),
    };
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let text = [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(day / 10),
        digit(day),
    ];
    String::from_utf8_lossy(&text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_stored_as_chrono_writes_it() {
        let mut d = NaiveDate::from_ymd_opt(-3, 1, 1).unwrap();
        let samples = (0..400).map(|_| {
            let day = d;
            d = d.checked_add_days(chrono::Days::new(1_009)).unwrap();
            day
        });
        let edges = [
            (1, 1, 1),
            (999, 12, 31),
            (2024, 2, 29),
            (9999, 12, 31),
            (10_000, 1, 1),
        ];
        let edges = edges.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
        for day in samples.chain(edges).chain([NaiveDate::MIN, NaiveDate::MAX]) {
            assert_eq!(to_iso(day), day.format("%Y-%m-%d").to_string());
            if (0..=9999).contains(&day.year()) {
                assert_eq!(from_iso(&to_iso(day)), Some(day));
            }
        }
    }

    #[test]
    fn stamps_are_shown_day_first_to_the_minute() {
        assert_eq!(fmt_stamp("2026-12-02T12:33:11"), "02-12-2026 12:33");
        assert_eq!(fmt_stamp("yesterday"), "yesterday");
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn formats_table() {
        let today = d(2026, 11, 23);
        let cases: &[(&str, Result<NaiveDate, DateError>)] = &[
            ("23-11-2026", Ok(d(2026, 11, 23))),
            ("3-1-26", Ok(d(2026, 1, 3))),
            ("03/01/2026", Ok(d(2026, 1, 3))),
            ("3.1.2026", Ok(d(2026, 1, 3))),
            ("2026-01-03", Ok(d(2026, 1, 3))),
            ("vandaag", Ok(today)),
            ("Today", Ok(today)),
            ("morgen", Ok(d(2026, 11, 24))),
            ("+3d", Ok(d(2026, 11, 26))),
            ("+3", Ok(d(2026, 11, 26))),
            ("+2w", Ok(d(2026, 12, 7))),
            ("+3m", Ok(d(2027, 2, 23))),
            ("-1m", Ok(d(2026, 10, 23))),
            ("+1j", Ok(d(2027, 11, 23))),
            ("1-1-60", Ok(d(1960, 1, 1))),
            ("1-1-46", Ok(d(2046, 1, 1))),
            ("31-02-2026", Err(DateError::Impossible)),
            ("29-02-2025", Err(DateError::Impossible)),
            ("29-02-2024", Ok(d(2024, 2, 29))),
            ("13-13-2026", Err(DateError::Impossible)),
            ("0-1-2026", Err(DateError::Impossible)),
            ("", Err(DateError::Format)),
            ("next week", Err(DateError::Format)),
            ("+3x", Err(DateError::Format)),
            ("1-2-3-4", Err(DateError::Format)),
            ("12345-1-1", Err(DateError::Format)),
            ("1-1-0099", Err(DateError::OutOfRange)),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date(input, today), *want, "input {input:?}");
        }
    }

    #[test]
    fn month_ends_follow_the_calendar() {
        assert_eq!(add_months(d(2026, 1, 31), 1), d(2026, 2, 28));
        assert_eq!(add_months(d(2024, 1, 31), 1), d(2024, 2, 29));
        assert_eq!(add_months(d(2026, 8, 31), 6), d(2027, 2, 28));
    }

    #[test]
    fn ages_and_months() {
        assert_eq!(age_on(d(1990, 11, 24), d(2026, 11, 23)), 35);
        assert_eq!(age_on(d(1990, 11, 23), d(2026, 11, 23)), 36);
        assert_eq!(months_between(d(2024, 1, 31), d(2024, 2, 29)), 1);
        assert_eq!(months_between(d(2024, 1, 15), d(2026, 1, 14)), 23);
        assert_eq!(months_between(d(2024, 1, 15), d(2026, 1, 15)), 24);
        assert_eq!(months_between(d(2026, 1, 15), d(2024, 1, 15)), 0);
    }

    #[test]
    fn working_days_skip_weekends() {
        // 2026-11-20 is a Friday
        assert_eq!(add_working_days(d(2026, 11, 20), 3), d(2026, 11, 25));
    }

    #[test]
    fn shown_as_dd_mm_jjjj() {
        assert_eq!(fmt_date(d(2026, 1, 3)), "03-01-2026");
    }
}
