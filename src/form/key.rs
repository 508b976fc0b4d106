//! Typed handles on a form's fields: each field is named once, as a `Key` constant in its
//! workflow, and read and written through it with its own type (a date field gives an
//! `Option<NaiveDate>`, a code field the code). Repeatable rows (goals, agreements) are a
//! [`Group`] of columns. Names exist for drafts and tests only; code never spells them.

use super::field::{Field, Kind, Opt, Value};
use crate::domain::codes::Code as CodeList;
use crate::domain::date::{fmt_date, parse_date};
use crate::i18n::Lang;
use chrono::NaiveDate;
use serde_json::json;
use std::marker::PhantomData;

/// What a field's name is: a fixed name, or a column of a row in a group
/// (`agreement2_text`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Name {
    Fixed(&'static str),
    Row {
        group: &'static str,
        n: usize,
        col: &'static str,
    },
    /// One of a family of fields named after a code (`score_finances`).
    Of {
        prefix: &'static str,
        code: &'static str,
    },
}

impl Name {
    /// Whether a field of this name is `field`.
    pub fn is(&self, field: &str) -> bool {
        match *self {
            Name::Fixed(s) => s == field,
            Name::Row { group, n, col } => field
                .strip_prefix(group)
                .and_then(|r| r.strip_suffix(col))
                .and_then(|r| r.strip_suffix('_'))
                .is_some_and(|num| num.parse() == Ok(n)),
            Name::Of { prefix, code } => {
                field.strip_prefix(prefix).is_some_and(|rest| rest == code)
            }
        }
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Name::Fixed(s) => f.write_str(s),
            Name::Row { group, n, col } => write!(f, "{group}{n}_{col}"),
            Name::Of { prefix, code } => write!(f, "{prefix}{code}"),
        }
    }
}

/// A handle on one field of type `T`.
pub struct Key<T> {
    pub name: Name,
    _t: PhantomData<fn() -> T>,
}

impl<T> Clone for Key<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Key<T> {}

impl<T> std::fmt::Debug for Key<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Key({})", self.name)
    }
}

impl<T> Key<T> {
    /// The handle of the field called `name`.
    pub const fn new(name: &'static str) -> Key<T> {
        Key {
            name: Name::Fixed(name),
            _t: PhantomData,
        }
    }

    /// The handle of the field of a family named after a code (`score_` + `finances`).
    pub const fn of(prefix: &'static str, code: &'static str) -> Key<T> {
        Key::named(Name::Of { prefix, code })
    }

    const fn named(name: Name) -> Key<T> {
        Key {
            name,
            _t: PhantomData,
        }
    }

    /// A field for this handle, of `kind`, on `step`.
    fn make(self, label: String, kind: Kind, step: usize) -> Field {
        Field::new(self.name.to_string(), label, kind, step)
    }
}

/// Rows of fields that repeat (the plan's goals and agreements): `rows` of them, each
/// with the same columns.
#[derive(Clone, Copy, Debug)]
pub struct Group {
    pub name: &'static str,
    pub rows: usize,
}

/// A column of a [`Group`].
pub struct Col<T> {
    name: &'static str,
    _t: PhantomData<fn() -> T>,
}

impl<T> Clone for Col<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Col<T> {}

impl<T> Col<T> {
    /// The column called `name`.
    pub const fn new(name: &'static str) -> Col<T> {
        Col {
            name,
            _t: PhantomData,
        }
    }
}

impl Group {
    /// The group called `name` with `rows` rows.
    pub const fn new(name: &'static str, rows: usize) -> Group {
        Group { name, rows }
    }

    /// The handle of column `col` in row `n` (counted from 1).
    pub fn at<T>(&self, n: usize, col: Col<T>) -> Key<T> {
        Key::named(Name::Row {
            group: self.name,
            n,
            col: col.name,
        })
    }

    /// The row numbers, 1 to `rows`.
    pub fn numbers(&self) -> std::ops::RangeInclusive<usize> {
        1..=self.rows
    }
}

/// How a kind of field is read and written.
pub trait FieldType {
    /// What reading the field gives.
    type Out;
    /// What writing (prefilling) it takes.
    type In;
    fn read(field: &Field, today: NaiveDate) -> Self::Out;
    fn write(field: &mut Field, value: Self::In);
}

/// One line of text (read trimmed).
pub struct Text;
/// Several lines of text (read trimmed).
pub struct Notes;
/// A date, typed as the caseworker likes; reads `None` when empty or not a date.
pub struct Date;
/// A whole number within a range; reads `None` when empty or not a number.
pub struct Number;
/// One code of a code list.
pub struct One<C>(PhantomData<C>);
/// Several codes of a code list.
pub struct Many<C>(PhantomData<C>);
/// One of options that come from data (instruments, templates, trajectories).
pub struct Choice;
/// Yes or no (or not answered).
pub struct YesNo;
/// Information only: a note, no value.
pub struct Info;

fn line(text: &str) -> Value {
    Value::Line(tui_input::Input::new(text.to_owned()))
}

impl FieldType for Text {
    type Out = String;
    type In = String;
    fn read(field: &Field, _: NaiveDate) -> String {
        field.value.text().trim().to_owned()
    }
    fn write(field: &mut Field, value: String) {
        field.value.set_json(&json!(value), &field.kind);
    }
}

impl FieldType for Notes {
    type Out = String;
    type In = String;
    fn read(field: &Field, _: NaiveDate) -> String {
        field.value.text().trim().to_owned()
    }
    fn write(field: &mut Field, value: String) {
        field.value.set_json(&json!(value), &field.kind);
    }
}

impl FieldType for Date {
    type Out = Option<NaiveDate>;
    type In = Option<NaiveDate>;
    fn read(field: &Field, today: NaiveDate) -> Option<NaiveDate> {
        let text = field.value.text();
        let text = text.trim();
        (!text.is_empty())
            .then(|| parse_date(text, today).ok())
            .flatten()
    }
    fn write(field: &mut Field, value: Option<NaiveDate>) {
        field.value = line(&value.map(fmt_date).unwrap_or_default());
    }
}

impl FieldType for Number {
    type Out = Option<i64>;
    type In = Option<i64>;
    fn read(field: &Field, _: NaiveDate) -> Option<i64> {
        field.value.text().trim().parse().ok()
    }
    fn write(field: &mut Field, value: Option<i64>) {
        field.value = line(&value.map(|n| n.to_string()).unwrap_or_default());
    }
}

impl<C: CodeList> FieldType for One<C> {
    type Out = Option<C>;
    type In = Option<C>;
    fn read(field: &Field, _: NaiveDate) -> Option<C> {
        field.value.choice().and_then(C::from_code)
    }
    fn write(field: &mut Field, value: Option<C>) {
        field
            .value
            .set_json(&json!(value.map(CodeList::code)), &field.kind);
    }
}

impl<C: CodeList> FieldType for Many<C> {
    type Out = Vec<C>;
    type In = Vec<C>;
    fn read(field: &Field, _: NaiveDate) -> Vec<C> {
        field
            .value
            .multi()
            .iter()
            .filter_map(|c| C::from_code(c))
            .collect()
    }
    fn write(field: &mut Field, value: Vec<C>) {
        let codes: Vec<&str> = value.into_iter().map(CodeList::code).collect();
        field.value.set_json(&json!(codes), &field.kind);
    }
}

impl FieldType for Choice {
    type Out = Option<String>;
    type In = Option<String>;
    fn read(field: &Field, _: NaiveDate) -> Option<String> {
        field.value.choice().map(str::to_owned)
    }
    fn write(field: &mut Field, value: Option<String>) {
        field.value.set_json(&json!(value), &field.kind);
    }
}

impl FieldType for YesNo {
    type Out = Option<bool>;
    type In = Option<bool>;
    fn read(field: &Field, _: NaiveDate) -> Option<bool> {
        field.value.yes_no()
    }
    fn write(field: &mut Field, value: Option<bool>) {
        field.value.set_json(&json!(value), &field.kind);
    }
}

impl FieldType for Info {
    type Out = ();
    type In = ();
    fn read(_: &Field, _: NaiveDate) {}
    fn write(_: &mut Field, _: ()) {}
}

/// Options for a code list, labelled in the user's language.
pub fn code_options<C: CodeList>(lang: Lang) -> Vec<Opt> {
    C::all()
        .iter()
        .map(|c| Opt::new(c.code(), c.label(lang)))
        .collect()
}

impl Key<Text> {
    /// A one-line text field.
    pub fn field(self, label: String, step: usize) -> Field {
        self.make(label, Kind::Text, step)
    }
}

impl Key<Notes> {
    /// A text field of several lines.
    pub fn field(self, label: String, step: usize) -> Field {
        self.make(label, Kind::Notes, step)
    }
}

impl Key<Date> {
    /// A date field.
    pub fn field(self, label: String, step: usize) -> Field {
        self.make(label, Kind::Date, step)
    }
}

impl Key<Number> {
    /// A number field taking `min` to `max`.
    pub fn field(self, label: String, min: i64, max: i64, step: usize) -> Field {
        self.make(label, Kind::Number { min, max }, step)
    }
}

impl<C: CodeList> Key<One<C>> {
    /// A choice of one code of the list, labelled in `lang`.
    pub fn field(self, lang: Lang, label: String, step: usize) -> Field {
        self.make(label, Kind::Choice(code_options::<C>(lang)), step)
    }

    /// A choice of one of `options` (codes of the list, labelled another way).
    pub fn field_of(self, options: Vec<Opt>, label: String, step: usize) -> Field {
        self.make(label, Kind::Choice(options), step)
    }
}

impl<C: CodeList> Key<Many<C>> {
    /// A choice of several codes of the list, labelled in `lang`.
    pub fn field(self, lang: Lang, label: String, step: usize) -> Field {
        self.make(label, Kind::Multi(code_options::<C>(lang)), step)
    }
}

impl Key<Choice> {
    /// A choice of one of `options`.
    pub fn field(self, options: Vec<Opt>, label: String, step: usize) -> Field {
        self.make(label, Kind::Choice(options), step)
    }
}

impl Key<YesNo> {
    /// A yes/no field.
    pub fn field(self, label: String, step: usize) -> Field {
        self.make(label, Kind::YesNo, step)
    }
}

impl Key<Info> {
    /// Information shown as the field's note; the focus passes it by.
    pub fn field(self, label: String, step: usize) -> Field {
        self.make(label, Kind::Info, step)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_name_is_its_group_number_and_column() {
        const GOALS: Group = Group::new("goal", 3);
        const TERM: Col<Text> = Col::new("term");
        let k = GOALS.at(2, TERM);
        assert_eq!(k.name.to_string(), "goal2_term");
        assert!(k.name.is("goal2_term"));
        assert!(!k.name.is("goal12_term") && !k.name.is("goal2_text"));
        assert!(Key::<Text>::new("bsn").name.is("bsn"));
    }
}
