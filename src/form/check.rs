//! The engine's own checks, run on every change: required fields, dates, numbers, and
//! showing a date the one way (`dd-mm-jjjj`) once the caseworker has left it. Rules across
//! fields come after, per workflow.

use super::{Form, Kind};
use crate::domain::date::{fmt_date, parse_date};
use crate::i18n::{Lang, t, tf};

/// Checks every visible field on its own.
pub fn basics(form: &mut Form, lang: Lang) {
    let focus = form.focus;
    let today = form.today;
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
