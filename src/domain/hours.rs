//! Hours per week, exact to the hundredth: typed `15,5` or `15.5`, compared exactly
//! (15.5 is less than 16), stored as whole hundredths, written as a JSON number.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// The most hours a week a job can have.
pub const MAX_HOURS: u32 = 80;

/// Hours per week in hundredths of an hour (15.5 hours = 1550): exact, unlike a float.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hours(u32);

/// Why typed text is not a number of hours; each maps to an i18n message key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HoursError {
    /// Not a number (`abc`, `1.2.3`, `-4`).
    Format,
    /// More than two decimals (`15.125`).
    Precision,
}

impl HoursError {
    /// The i18n key of the message shown at the field.
    pub fn key(self) -> &'static str {
        match self {
            HoursError::Format => "hours.err_format",
            HoursError::Precision => "hours.err_precision",
        }
    }
}

impl Hours {
    /// Whole hours.
    pub const fn whole(h: u32) -> Hours {
        Hours(h * 100)
    }

    /// From hundredths of an hour (how the store keeps them).
    pub const fn from_hundredths(n: u32) -> Hours {
        Hours(n)
    }

    /// In hundredths of an hour.
    pub const fn hundredths(self) -> u32 {
        self.0
    }

    /// Parses hours as a caseworker types them: `16`, `15,5`, `15.5`, `15,75` (a comma or
    /// a point before at most two decimals; no sign, no thousands separator).
    pub fn parse(text: &str) -> Result<Hours, HoursError> {
        let s = text.trim();
        let (int, frac) = match s.split_once([',', '.']) {
            Some((i, f)) => (i, f),
            None => (s, ""),
        };
        let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() && frac.is_empty()
            || !digits(int)
            || !digits(frac)
            || (s.contains([',', '.']) && frac.is_empty())
        {
            return Err(HoursError::Format);
        }
        if frac.len() > 2 {
            return Err(HoursError::Precision);
        }
        // Six digits of whole hours are far beyond any range check, and fit a u32.
        if int.len() > 6 {
            return Err(HoursError::Format);
        }
        let whole: u32 = if int.is_empty() {
            0
        } else {
            int.parse().map_err(|_| HoursError::Format)?
        };
        let cents: u32 = match frac.len() {
            0 => 0,
            1 => frac.parse::<u32>().map_err(|_| HoursError::Format)? * 10,
            _ => frac.parse().map_err(|_| HoursError::Format)?,
        };
        Ok(Hours(whole * 100 + cents))
    }

    /// From a JSON or TOML number: a whole number, or one with at most two decimals.
    pub fn from_number(x: f64) -> Result<Hours, HoursError> {
        if !x.is_finite() || !(0.0..=1_000_000.0).contains(&x) {
            return Err(HoursError::Format);
        }
        let scaled = x * 100.0;
        let n = scaled.round();
        if (scaled - n).abs() > 1e-6 {
            return Err(HoursError::Precision);
        }
        Ok(Hours(n as u32))
    }

    /// As a number (for JSON): exact for every value of two decimals, and written back as
    /// the shortest decimal (`15.5`), so a file reads back to the same hundredths.
    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 100.0
    }

    /// Within 1 to `MAX_HOURS` hours (what a job can have).
    pub fn in_job_range(self) -> bool {
        (100..=MAX_HOURS * 100).contains(&self.0)
    }

    /// Shown in a language: `15,5` in Dutch, `15.5` in English, `16` for whole hours.
    pub fn show(self, lang: Lang) -> String {
        let whole = self.0 / 100;
        let frac = self.0 % 100;
        if frac == 0 {
            return whole.to_string();
        }
        let sep = match lang {
            Lang::Nl => ',',
            Lang::En => '.',
        };
        let digits = format!("{frac:02}");
        format!("{whole}{sep}{}", digits.trim_end_matches('0'))
    }
}

impl rusqlite::types::ToSql for Hours {
    /// Stored as hundredths of an hour.
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(i64::from(self.0).into())
    }
}

impl rusqlite::types::FromSql for Hours {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        u32::column_result(v).map(Hours::from_hundredths)
    }
}

impl Serialize for Hours {
    /// A whole number of hours as an integer (`24`), else a decimal (`15.5`).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.is_multiple_of(100) {
            s.serialize_u32(self.0 / 100)
        } else {
            s.serialize_f64(self.as_f64())
        }
    }
}

impl<'de> Deserialize<'de> for Hours {
    /// A number in a data file (`hours = 16` or `hours = 15.5`).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Hours, D::Error> {
        let x = f64::deserialize(d)?;
        Hours::from_number(x).map_err(|_| {
            serde::de::Error::custom("hours must be a number with at most two decimals")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_with_a_comma_or_a_point() {
        let ok: &[(&str, u32)] = &[
            ("16", 1600),
            ("15,5", 1550),
            ("15.5", 1550),
            (" 15,75 ", 1575),
            ("15,05", 1505),
            ("0,5", 50),
            (",5", 50),
            ("80", 8000),
        ];
        for (text, want) in ok {
            assert_eq!(Hours::parse(text), Ok(Hours(*want)), "{text:?}");
        }
        for bad in [
            "", "abc", "-4", "15,", "1.2.3", "15 5", "1,5e1", "+3", "1234567",
        ] {
            assert_eq!(Hours::parse(bad), Err(HoursError::Format), "{bad:?}");
        }
        assert_eq!(Hours::parse("15,125"), Err(HoursError::Precision));
    }

    #[test]
    fn compared_exactly_and_shown_per_language() {
        assert!(Hours::parse("15,5").unwrap() < Hours::whole(16));
        assert!(Hours::parse("16,0").unwrap() >= Hours::whole(16));
        assert_eq!(Hours(1550).show(Lang::Nl), "15,5");
        assert_eq!(Hours(1550).show(Lang::En), "15.5");
        assert_eq!(Hours(1505).show(Lang::Nl), "15,05");
        assert_eq!(Hours(1600).show(Lang::En), "16");
        assert!(!Hours(50).in_job_range() && Hours(100).in_job_range());
        assert!(!Hours(8001).in_job_range());
    }

    #[test]
    fn numbers_round_trip_through_json() {
        for n in [
            0u32, 1, 50, 1505, 1510, 1550, 1575, 1599, 1600, 3333, 7999, 8000,
        ] {
            let h = Hours(n);
            let text = serde_json::to_string(&h).unwrap();
            let x: f64 = serde_json::from_str(&text).unwrap();
            assert_eq!(Hours::from_number(x), Ok(h), "{text}");
        }
        assert_eq!(serde_json::to_string(&Hours(2400)).unwrap(), "24");
        assert_eq!(serde_json::to_string(&Hours(1550)).unwrap(), "15.5");
        assert_eq!(Hours::from_number(15.125), Err(HoursError::Precision));
        assert_eq!(Hours::from_number(-1.0), Err(HoursError::Format));
    }
}
