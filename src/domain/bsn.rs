//! The burgerservicenummer: nine digits passing the elfproef, shown masked.

use std::fmt;

/// A valid BSN: exactly nine digits, passes the elfproef, not `000000000`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Bsn(String);

/// Why a typed BSN is not valid (the text never contains the digits).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BsnError {
    #[error("empty")]
    Empty,
    #[error("only digits allowed")]
    NotDigits,
    #[error("needs 9 digits, has {0}")]
    Length(usize),
    #[error("fails the elfproef")]
    Elfproef,
}

impl BsnError {
    /// The i18n key of the message shown at the field.
    pub fn key(&self) -> &'static str {
        match self {
            BsnError::Empty => "bsn.err.empty",
            BsnError::NotDigits => "bsn.err.digits",
            BsnError::Length(_) => "bsn.err.length",
            BsnError::Elfproef => "bsn.err.elfproef",
        }
    }
}

impl rusqlite::types::ToSql for Bsn {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.0.as_str().into())
    }
}

impl rusqlite::types::FromSql for Bsn {
    /// A stored BSN passed the elfproef on its way in; one that does not is an error
    /// (never shown: it names no digits).
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        Bsn::parse(v.as_str()?)
            .map_err(|_| rusqlite::types::FromSqlError::Other("invalid bsn".into()))
    }
}

impl Bsn {
    /// Parses typed input: spaces and dots are ignored, eight digits get a leading zero.
    pub fn parse(input: &str) -> Result<Bsn, BsnError> {
        let digits: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '.')
            .collect();
        if digits.is_empty() {
            return Err(BsnError::Empty);
        }
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(BsnError::NotDigits);
        }
        let digits = match digits.len() {
            8 => format!("0{digits}"),
            9 => digits,
            n => return Err(BsnError::Length(n)),
        };
        if !elfproef(&digits) {
            return Err(BsnError::Elfproef);
        }
        Ok(Bsn(digits))
    }

    /// The nine digits, for storage and identification only.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form shown in lists: `******333`.
    pub fn masked(&self) -> String {
        format!("******{}", &self.0[6..])
    }
}

/// 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11, and not all zeros.
fn elfproef(digits: &str) -> bool {
    let d: Vec<i64> = digits.bytes().map(|b| i64::from(b - b'0')).collect();
    if d.len() != 9 || d.iter().all(|&x| x == 0) {
        return false;
    }
    let sum: i64 = (0..8).map(|i| (9 - i as i64) * d[i]).sum::<i64>() - d[8];
    sum % 11 == 0
}

/// Debug never shows the number: it may end up in a panic message.
impl fmt::Debug for Bsn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bsn({})", self.masked())
    }
}

impl fmt::Display for Bsn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_from_the_domain() {
        for ok in ["111222333", "123456782", "999993653", "249566758"] {
            assert!(Bsn::parse(ok).is_ok(), "{ok} should be valid");
        }
        for bad in ["123456789", "999993654", "000000000"] {
            assert!(Bsn::parse(bad).is_err(), "{bad} should be invalid");
        }
    }

    #[test]
    fn eight_digits_get_a_leading_zero_and_spacing_is_ignored() {
        // 012345672: 0*9+1*8+2*7+3*6+4*5+5*4+6*3+7*2-2 = 110
        assert_eq!(Bsn::parse("12345672").unwrap().as_str(), "012345672");
        assert_eq!(Bsn::parse("1234.56.782").unwrap().as_str(), "123456782");
        assert_eq!(Bsn::parse(" 123 456 782 ").unwrap().as_str(), "123456782");
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(Bsn::parse(""), Err(BsnError::Empty));
        assert_eq!(Bsn::parse("12a456782"), Err(BsnError::NotDigits));
        assert_eq!(Bsn::parse("1234567"), Err(BsnError::Length(7)));
        assert_eq!(Bsn::parse("123456789"), Err(BsnError::Elfproef));
    }

    #[test]
    fn masked_and_debug_hide_the_number() {
        let b = Bsn::parse("111222333").unwrap();
        assert_eq!(b.masked(), "******333");
        assert_eq!(format!("{b:?}"), "Bsn(******333)");
        assert_eq!(format!("{b}"), "******333");
    }
}
