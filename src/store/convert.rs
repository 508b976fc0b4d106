//! Column conversions between SQLite values and domain types, in one place.

use crate::domain::codes::Code;
use crate::domain::date::{from_iso, to_iso};
use chrono::NaiveDate;
use rusqlite::Row;
use rusqlite::types::{FromSqlError, ToSql, ToSqlOutput, Type};

fn bad(idx: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        idx,
        Type::Text,
        Box::new(FromSqlError::Other(what.into())),
    )
}

/// A NOT NULL date column.
pub fn date(row: &Row, idx: usize) -> rusqlite::Result<NaiveDate> {
    let s: String = row.get(idx)?;
    from_iso(&s).ok_or_else(|| bad(idx, "bad date"))
}

/// A nullable date column.
pub fn opt_date(row: &Row, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let s: Option<String> = row.get(idx)?;
    s.map(|s| from_iso(&s).ok_or_else(|| bad(idx, "bad date")))
        .transpose()
}

/// A NOT NULL code column.
pub fn code<T: Code>(row: &Row, idx: usize) -> rusqlite::Result<T> {
    let s: String = row.get(idx)?;
    T::from_code(&s).ok_or_else(|| bad(idx, "unknown code"))
}

/// A nullable code column.
pub fn opt_code<T: Code>(row: &Row, idx: usize) -> rusqlite::Result<Option<T>> {
    let s: Option<String> = row.get(idx)?;
    s.map(|s| T::from_code(&s).ok_or_else(|| bad(idx, "unknown code")))
        .transpose()
}

/// A count (an aggregate, never negative).
pub fn count(row: &Row, idx: usize) -> rusqlite::Result<u64> {
    let n: i64 = row.get(idx)?;
    u64::try_from(n).map_err(|_| bad(idx, "negative count"))
}

/// A date for a parameter.
pub fn d(date: NaiveDate) -> String {
    to_iso(date)
}

/// A date borrowed as a parameter, bound in its stored form ([`to_iso`]): rusqlite binds a
/// `NaiveDate` through chrono's formatting, which reads its pattern again for every value
/// (5% of the instructions of a demo load went to it).
#[derive(ref_cast::RefCast)]
#[repr(transparent)]
pub struct Day(NaiveDate);

/// [`Day`], for a date that may be absent (bound as NULL).
#[derive(ref_cast::RefCast)]
#[repr(transparent)]
pub struct MaybeDay(Option<NaiveDate>);

/// `d` as a parameter.
pub fn day(d: &NaiveDate) -> &Day {
    ref_cast::RefCast::ref_cast(d)
}

/// `d` as a parameter (NULL when absent).
pub fn maybe_day(d: &Option<NaiveDate>) -> &MaybeDay {
    ref_cast::RefCast::ref_cast(d)
}

impl ToSql for Day {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(to_iso(self.0)))
    }
}

impl ToSql for MaybeDay {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        match self.0 {
            Some(d) => Ok(ToSqlOutput::from(to_iso(d))),
            None => Ok(ToSqlOutput::Owned(rusqlite::types::Value::Null)),
        }
    }
}
