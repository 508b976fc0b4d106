//! The days a report covers: the presets of the Reports screen, a period typed as a year,
//! years or dates, and moving a period by a year.

use super::date::{add_days, add_months};
use chrono::{Datelike, NaiveDate};

/// The days a report covers, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The periods the Reports screen offers with one key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Preset {
    /// The twelve months up to today.
    #[default]
    Last12Months,
    /// This calendar year up to today.
    ThisYear,
    /// The whole previous calendar year.
    LastYear,
    /// Every exit ever recorded, up to today.
    Everything,
}

/// The first day "everything" starts from: before any benefit the app can hold.
pub const EVERYTHING_FROM: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

impl Preset {
    /// The presets in the order the key cycles through them.
    pub const ALL: [Preset; 4] = [
        Preset::Last12Months,
        Preset::ThisYear,
        Preset::LastYear,
        Preset::Everything,
    ];

    /// The preset after this one.
    pub fn next(self) -> Preset {
        let i = Preset::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Preset::ALL[(i + 1) % Preset::ALL.len()]
    }

    /// The period of the preset on `today`.
    pub fn period(self, today: NaiveDate) -> Period {
        let jan1 = |y| NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(today);
        match self {
            Preset::Last12Months => Period::last_12_months(today),
            Preset::ThisYear => Period {
                from: jan1(today.year()),
                to: today,
            },
            Preset::LastYear => Period {
                from: jan1(today.year() - 1),
                to: add_days(jan1(today.year()), -1),
            },
            Preset::Everything => Period {
                from: EVERYTHING_FROM,
                to: today,
            },
        }
    }
}

impl Period {
    /// The default period: the twelve months up to and including `today`.
    pub fn last_12_months(today: NaiveDate) -> Period {
        let year_ago = today
            .checked_sub_months(chrono::Months::new(12))
            .unwrap_or(today);
        Period {
            from: add_days(year_ago, 1),
            to: today,
        }
    }

    /// A period as typed: a year (`2014`), two years (`2014 2016`: both whole), one date
    /// (from it up to today) or two dates (`1-1-2014 30-6-2014`, any date form that fields
    /// take); the answer is an i18n key when the text is not a period.
    pub fn parse(text: &str, today: NaiveDate) -> Result<Period, &'static str> {
        let year = |w: &str| {
            (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
                .then(|| w.parse::<i32>().ok())
                .flatten()
                .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
        };
        let date = |w: &str| super::date::parse_date(w, today).map_err(|e| e.key());
        // "2014-2016" is two years.
        let spaced = match text.trim().split_once('-') {
            Some((a, b)) if year(a).is_some() && year(b).is_some() => format!("{a} {b}"),
            _ => text.to_owned(),
        };
        let words: Vec<&str> = spaced
            .split(|c: char| c.is_whitespace() || c == '–')
            .filter(|w| !w.is_empty())
            .collect();
        let period = match words.as_slice() {
            [a] if year(a).is_some() => {
                let from = year(a).unwrap_or(today);
                Period {
                    from,
                    to: add_days(add_months(from, 12), -1),
                }
            }
            [a, b] if year(a).is_some() && year(b).is_some() => Period {
                from: year(a).unwrap_or(today),
                to: add_days(add_months(year(b).unwrap_or(today), 12), -1),
            },
            [a] => Period {
                from: date(a)?,
                to: today,
            },
            [a, b] => Period {
                from: date(a)?,
                to: date(b)?,
            },
            _ => return Err("report.err.typed"),
        };
        if period.from > period.to {
            return Err("report.err.typed_order");
        }
        Ok(period)
    }

    /// The period as far as the report date reaches: nothing after it has happened yet.
    pub fn up_to(self, today: NaiveDate) -> Period {
        Period {
            from: self.from,
            to: self.to.min(today),
        }
    }

    /// Whether the period starts at the beginning of everything.
    pub fn is_everything(&self) -> bool {
        self.from <= EVERYTHING_FROM
    }

    /// The same period a year earlier (`back`) or later; "everything" keeps its start.
    pub fn shifted(&self, back: bool) -> Period {
        let year = chrono::Months::new(12);
        let step = |d: NaiveDate| {
            if back {
                d.checked_sub_months(year)
            } else {
                d.checked_add_months(year)
            }
            .unwrap_or(d)
        };
        // Shift the day after the end, so that 29 February and month ends stay whole.
        let to = add_days(step(add_days(self.to, 1)), -1);
        let from = if self.is_everything() {
            self.from
        } else {
            step(self.from)
        };
        Period { from, to }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn presets_and_shifts() {
        let today = d(2026, 12, 2);
        assert_eq!(
            Preset::Last12Months.period(today),
            Period {
                from: d(2025, 12, 3),
                to: today
            }
        );
        let last = Preset::LastYear.period(today);
        assert_eq!((last.from, last.to), (d(2025, 1, 1), d(2025, 12, 31)));
        let before = last.shifted(true);
        assert_eq!((before.from, before.to), (d(2024, 1, 1), d(2024, 12, 31)));
        let p = Preset::Last12Months.period(today).shifted(true);
        assert_eq!((p.from, p.to), (d(2024, 12, 3), d(2025, 12, 2)));
        assert_eq!(Preset::Everything.next(), Preset::Last12Months);
    }

    #[test]
    fn typed_periods() {
        let today = d(2026, 12, 2);
        let p = |s| Period::parse(s, today).map(|p| (p.from, p.to));
        assert_eq!(p("2014"), Ok((d(2014, 1, 1), d(2014, 12, 31))));
        assert_eq!(p(" 2014  2016 "), Ok((d(2014, 1, 1), d(2016, 12, 31))));
        assert_eq!(p("2014-2016"), Ok((d(2014, 1, 1), d(2016, 12, 31))));
        assert_eq!(p("2014–2016"), Ok((d(2014, 1, 1), d(2016, 12, 31))));
        assert_eq!(p("1-7-2025"), Ok((d(2025, 7, 1), today)));
        assert_eq!(
            p("01-01-2025 – 30-06-2025"),
            Ok((d(2025, 1, 1), d(2025, 6, 30)))
        );
        assert_eq!(p("2025-01-01 -3m"), Ok((d(2025, 1, 1), d(2026, 9, 2))));
        assert_eq!(p("31-02-2025"), Err("date.err.impossible"));
        assert_eq!(p("2016 2014"), Err("report.err.typed_order"));
        assert_eq!(p(""), Err("report.err.typed"));
        assert_eq!(p("a b c"), Err("report.err.typed"));
    }
}
