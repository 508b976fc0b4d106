//! The engine's own checks, run on every change: required fields, dates, numbers, and
//! showing a date the one way (`dd-mm-jjjj`) once the caseworker has left it.

use super::{Form, Kind};
use crate::domain::date::{fmt_date, parse_date};
use crate::i18n::{Lang, t, tf};
use chrono::NaiveDate;

/// Checks every visible field on its own; cross-field rules come after, per workflow.
pub fn basics(form: &mut Form, lang: Lang, today: NaiveDate) {
    let focus = form.focus;
    for (i, f) in form.fields.iter_mut().enumerate() {
        f.error = None;
        if !f.visible {
            continue;
        }
        if f.value.is_empty() {
            if f.required {
                f.error = Some(t(lang, "form.required").to_owned());
            }
            continue;
        }
        match &f.kind {
            Kind::Date => match parse_date(&f.value.text(), today) {
                Ok(d) => {
                    if i != focus && f.value.text().trim() != fmt_date(d) {
                        f.value = super::Value::Line(tui_input::Input::new(fmt_date(d)));
                    }
                }
                Err(e) => f.error = Some(t(lang, e.key()).to_owned()),
            },
            Kind::Number { min, max } => match f.value.text().trim().parse::<i64>() {
                Ok(n) if (*min..=*max).contains(&n) => {}
                _ => {
                    f.error = Some(tf(lang, "form.number", &[("min", min), ("max", max)]));
                }
            },
            _ => {}
        }
    }
}

/// The date in a date field, when it parses.
pub fn date(form: &Form, key: &str, today: NaiveDate) -> Option<NaiveDate> {
    let text = form.text(key);
    if text.is_empty() {
        None
    } else {
        parse_date(&text, today).ok()
    }
}

/// The number in a number field, when it parses.
pub fn number(form: &Form, key: &str) -> Option<i64> {
    form.text(key).parse().ok()
}

/// Sets an error on a field unless it already has one.
pub fn fail(form: &mut Form, key: &str, msg: String) {
    if form
        .field(key)
        .is_some_and(|f| f.error.is_none() && f.visible)
    {
        form.set_error(key, Some(msg));
    }
}
