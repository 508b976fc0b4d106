//! Reading a parsed JSON value field by field: each getter checks one field and, when it
//! is wrong, notes the problem with its JSON path and goes on, so a file's problems are
//! all found in one pass. A problem never quotes the value: it may be personal data.
//!
//! Text holds no control characters (they would act on the terminal it is shown on): a
//! one-line field ([`Reader::string`], [`Reader::text`]) none at all, a multi-line one
//! ([`Reader::lines`], [`Reader::notes`]: the fields the app edits as notes) only line
//! breaks (`\n`, `\r\n`) and tabs.

use super::{Problem, Problems};
use crate::domain::codes::Code;
use crate::domain::date::parse_date;
use crate::domain::hours::{Hours, HoursError};
use crate::domain::templates::codes_of;
use chrono::NaiveDate;
use serde_json::{Map, Value};
use std::ops::RangeInclusive;

/// The field must be there (and not `null`).
pub const REQ: bool = true;
/// The field may be left out or `null`.
pub const OPT: bool = false;

/// One JSON object being read, with its path and the fields asked for so far.
pub struct Obj<'v> {
    map: &'v Map<String, Value>,
    pub path: String,
    seen: Vec<&'static str>,
    /// One of its own fields was wrong: the rules across its fields are not checked.
    pub bad: bool,
}

/// Reads values and collects every problem.
#[derive(Default)]
pub struct Reader {
    pub problems: Problems,
}

impl Reader {
    /// Notes a problem at `path`.
    pub fn report(&mut self, path: String, key: &'static str, args: Vec<(&'static str, String)>) {
        self.problems.push(Problem { path, key, args });
    }

    /// Notes a problem at a field of `o` and marks `o` as bad.
    pub fn fail(&mut self, o: &mut Obj, name: &str, key: &'static str) {
        self.fail_with(o, name, key, Vec::new());
    }

    /// [`Reader::fail`] with arguments for the message.
    pub fn fail_with(
        &mut self,
        o: &mut Obj,
        name: &str,
        key: &'static str,
        args: Vec<(&'static str, String)>,
    ) {
        o.bad = true;
        self.report(o.at(name), key, args);
    }

    /// The value at `path` as an object to read from.
    pub fn object<'v>(&mut self, v: &'v Value, path: String) -> Option<Obj<'v>> {
        match v.as_object() {
            Some(map) => Some(Obj {
                map,
                path,
                seen: Vec::with_capacity(map.len()),
                bad: false,
            }),
            None => {
                self.report(path, "transfer.err.not_object", Vec::new());
                None
            }
        }
    }

    /// Ends reading `o`: fields nobody asked for are reported (named only when the name is
    /// plain: letters and `_`). Returns whether its own fields were all right.
    pub fn finish(&mut self, o: Obj) -> bool {
        for k in o.map.keys().filter(|k| !o.seen.contains(&k.as_str())) {
            let path = if is_plain(k) { o.at(k) } else { o.path.clone() };
            self.report(path, "transfer.err.unknown_field", Vec::new());
        }
        !o.bad
    }

    fn get<'v>(
        &mut self,
        o: &mut Obj<'v>,
        name: &'static str,
        required: bool,
    ) -> Option<&'v Value> {
        o.seen.push(name);
        match o.map.get(name) {
            None | Some(Value::Null) => {
                if required {
                    self.fail(o, name, "transfer.err.missing");
                }
                None
            }
            Some(v) => Some(v),
        }
    }

    /// A string field of one line: no control character at all.
    pub fn string(&mut self, o: &mut Obj, name: &'static str, required: bool) -> Option<String> {
        self.checked_string(o, name, required, false)
    }

    /// An optional string field of one line, empty when left out.
    pub fn text(&mut self, o: &mut Obj, name: &'static str) -> String {
        self.string(o, name, OPT).unwrap_or_default()
    }

    /// A string field of several lines: line breaks and tabs are its only controls.
    pub fn lines(&mut self, o: &mut Obj, name: &'static str, required: bool) -> Option<String> {
        self.checked_string(o, name, required, true)
    }

    /// An optional string field of several lines, empty when left out.
    pub fn notes(&mut self, o: &mut Obj, name: &'static str) -> String {
        self.lines(o, name, OPT).unwrap_or_default()
    }

    fn checked_string(
        &mut self,
        o: &mut Obj,
        name: &'static str,
        required: bool,
        multi_line: bool,
    ) -> Option<String> {
        let v = self.get(o, name, required)?;
        let Some(s) = v.as_str() else {
            self.fail(o, name, "transfer.err.not_string");
            return None;
        };
        if has_control(s, multi_line) {
            let key = if multi_line {
                "transfer.err.control_lines"
            } else {
                "transfer.err.control"
            };
            self.fail(o, name, key);
            return None;
        }
        Some(s.to_owned())
    }

    /// A required string field that is not blank.
    pub fn nonblank(&mut self, o: &mut Obj, name: &'static str) -> Option<String> {
        let s = self.string(o, name, REQ)?;
        if s.trim().is_empty() {
            self.fail(o, name, "transfer.err.blank");
            return None;
        }
        Some(s)
    }

    /// A date field, written `YYYY-MM-DD`; the domain's date rules decide what exists.
    pub fn date(&mut self, o: &mut Obj, name: &'static str, required: bool) -> Option<NaiveDate> {
        let s = self.string(o, name, required)?;
        let iso = s.len() == 10
            && s.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !iso {
            self.fail(o, name, "transfer.err.date_format");
            return None;
        }
        // Only the ISO form gets here, so the day `parse_date` counts from plays no part.
        match parse_date(&s, NaiveDate::MIN) {
            Ok(d) => Some(d),
            Err(e) => {
                self.fail(o, name, e.key());
                None
            }
        }
    }

    /// A stable code of domain.md.
    pub fn code<T: Code>(&mut self, o: &mut Obj, name: &'static str, required: bool) -> Option<T> {
        let s = self.string(o, name, required)?;
        let c = T::from_code(&s);
        if c.is_none() {
            self.fail_with(
                o,
                name,
                "transfer.err.code",
                vec![("codes", codes_of::<T>())],
            );
        }
        c
    }

    /// A list of distinct codes (left out: none).
    pub fn codes<T: Code>(&mut self, o: &mut Obj, name: &'static str) -> Vec<T> {
        let mut out: Vec<T> = Vec::new();
        for (i, v) in self.array(o, name) {
            let path = format!("{}.{name}[{i}]", o.path);
            match v.as_str().and_then(T::from_code) {
                Some(c) if out.contains(&c) => {
                    self.report(path, "transfer.err.repeated", Vec::new());
                }
                Some(c) => out.push(c),
                None => self.report(path, "transfer.err.code", vec![("codes", codes_of::<T>())]),
            }
        }
        out
    }

    /// An object of codes to whole numbers within `range` (`"scores": {"housing": 3}`).
    pub fn scores<T: Code>(
        &mut self,
        o: &mut Obj,
        name: &'static str,
        range: RangeInclusive<i64>,
    ) -> Vec<(T, u8)> {
        let Some(v) = self.get(o, name, OPT) else {
            return Vec::new();
        };
        let Some(map) = v.as_object() else {
            self.fail(o, name, "transfer.err.not_object");
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in map {
            let path = if is_plain(k) {
                format!("{}.{name}.{k}", o.path)
            } else {
                o.at(name)
            };
            let Some(code) = T::from_code(k) else {
                self.report(path, "transfer.err.code", vec![("codes", codes_of::<T>())]);
                continue;
            };
            match v.as_i64().filter(|n| range.contains(n)) {
                Some(n) => out.push((code, u8::try_from(n).unwrap_or(u8::MAX))),
                None => {
                    let args = vec![
                        ("min", range.start().to_string()),
                        ("max", range.end().to_string()),
                    ];
                    self.report(path, "transfer.err.range", args);
                }
            }
        }
        out
    }

    /// A `true`/`false` field.
    pub fn boolean(&mut self, o: &mut Obj, name: &'static str) -> Option<bool> {
        let v = self.get(o, name, OPT)?;
        let b = v.as_bool();
        if b.is_none() {
            self.fail(o, name, "transfer.err.not_bool");
        }
        b
    }

    /// A whole number within `range`.
    pub fn int(
        &mut self,
        o: &mut Obj,
        name: &'static str,
        range: RangeInclusive<i64>,
        required: bool,
    ) -> Option<i64> {
        let v = self.get(o, name, required)?;
        let Some(n) = v.as_i64() else {
            self.fail(o, name, "transfer.err.not_integer");
            return None;
        };
        if !range.contains(&n) {
            let args = vec![
                ("min", range.start().to_string()),
                ("max", range.end().to_string()),
            ];
            let key = if *range.end() == i64::MAX {
                "transfer.err.at_least"
            } else {
                "transfer.err.range"
            };
            self.fail_with(o, name, key, args);
            return None;
        }
        Some(n)
    }

    /// Hours per week: a number, whole or with at most two decimals, from 0 to `max`.
    pub fn hours(&mut self, o: &mut Obj, name: &'static str, max: u32) -> Option<Hours> {
        let v = self.get(o, name, OPT)?;
        let Some(x) = v.as_f64() else {
            self.fail(o, name, "transfer.err.not_number");
            return None;
        };
        match Hours::from_number(x) {
            Ok(h) if h <= Hours::whole(max) => Some(h),
            Err(HoursError::Precision) => {
                self.fail(o, name, "transfer.err.two_decimals");
                None
            }
            _ => {
                let args = vec![("min", "0".to_owned()), ("max", max.to_string())];
                self.fail_with(o, name, "transfer.err.range", args);
                None
            }
        }
    }

    /// A list field's items with their positions (left out: none).
    pub fn array<'v>(&mut self, o: &mut Obj<'v>, name: &'static str) -> Vec<(usize, &'v Value)> {
        let Some(v) = self.get(o, name, OPT) else {
            return Vec::new();
        };
        match v.as_array() {
            Some(items) => items.iter().enumerate().collect(),
            None => {
                self.fail(o, name, "transfer.err.not_array");
                Vec::new()
            }
        }
    }

    /// A list of objects, each with its position.
    pub fn objects<'v>(&mut self, o: &mut Obj<'v>, name: &'static str) -> Vec<(usize, Obj<'v>)> {
        let items = self.array(o, name);
        items
            .into_iter()
            .filter_map(|(i, v)| {
                let path = format!("{}.{name}[{i}]", o.path);
                self.object(v, path).map(|x| (i, x))
            })
            .collect()
    }

    /// An object field (left out or `null`: none).
    pub fn child<'v>(&mut self, o: &mut Obj<'v>, name: &'static str) -> Option<Obj<'v>> {
        let v = self.get(o, name, OPT)?;
        let path = format!("{}.{name}", o.path);
        self.object(v, path)
    }
}

/// Whether `s` holds a control character not allowed in its field: in a multi-line field
/// a line feed, a tab and a carriage return before a line feed are allowed.
fn has_control(s: &str, multi_line: bool) -> bool {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let allowed = multi_line
            && match c {
                '\n' | '\t' => true,
                '\r' => chars.peek() == Some(&'\n'),
                _ => false,
            };
        if c.is_control() && !allowed {
            return true;
        }
    }
    false
}

/// Whether a key from the file may be shown in a path: a short plain identifier (any other
/// key could be text someone typed, so it is left out).
/// A key that can be named in a message: lower-case letters and `_` only, like the
/// format's own fields (never digits, so no BSN or date ends up in the output).
pub(super) fn is_plain(k: &str) -> bool {
    !k.is_empty() && k.len() <= 40 && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

impl<'v> Obj<'v> {
    /// A field's raw value, for looking ahead (how many items a list has); it does not
    /// count as read.
    pub fn peek(&self, name: &str) -> Option<&'v Value> {
        self.map.get(name)
    }

    /// Counts a field as read without reading it (one the import leaves aside).
    pub fn pass(&mut self, name: &'static str) {
        self.seen.push(name);
    }

    /// The path of one of its fields.
    pub fn at(&self, name: &str) -> String {
        format!("{}.{name}", self.path)
    }
}
