//! Column conversions between SQLite values and domain types, in one place.

use crate::domain::codes::Code;
use crate::domain::date::{from_iso, to_iso};
use chrono::NaiveDate;
use rusqlite::Row;
use rusqlite::types::{FromSqlError, Type};

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
