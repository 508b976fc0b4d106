//! What several forms share: the columns of the plan's goals and agreements, and the
//! assessment's fields (ladder rung and life-domain scores: the intake's step 2, the
//! re-assessment, the review).

use crate::domain::codes::*;
use crate::domain::model::{Assessment, Id};
use crate::form::key::{Choice, Date, One, Text};
use crate::form::{Col, Field, Form, Group, Key, Opt};
use crate::i18n::{Lang, t};
use chrono::NaiveDate;

/// An agreement's text, who carries it out, and its follow-up date.
pub const AGREEMENT_TEXT: Col<Text> = Col::new("text");
pub const AGREEMENT_WHO: Col<One<Who>> = Col::new("who");
pub const AGREEMENT_FOLLOW_UP: Col<Date> = Col::new("follow_up");

/// A goal's text, term and target date.
pub const GOAL_TEXT: Col<Text> = Col::new("text");
pub const GOAL_TERM: Col<One<Term>> = Col::new("term");
pub const GOAL_DATE: Col<Date> = Col::new("date");

/// The fields of agreement `n` of `group` on `step`: text, who, follow-up date.
pub fn agreement_row(lang: Lang, group: Group, n: usize, label: String, step: usize) -> [Field; 3] {
    [
        group.at(n, AGREEMENT_TEXT).field(label, step),
        group
            .at(n, AGREEMENT_WHO)
            .field(lang, l(lang, "intake.agreement_who"), step),
        group
            .at(n, AGREEMENT_FOLLOW_UP)
            .field(l(lang, "intake.agreement_follow_up"), step),
    ]
}

/// The fields of goal `n` of `group` on `step`: text, term, target date.
pub fn goal_row(lang: Lang, group: Group, n: usize, label: String, step: usize) -> [Field; 3] {
    [
        group.at(n, GOAL_TEXT).field(label, step),
        group
            .at(n, GOAL_TERM)
            .field(lang, l(lang, "intake.goal_term"), step),
        group
            .at(n, GOAL_DATE)
            .field(l(lang, "intake.goal_date"), step),
    ]
}

/// The ladder rung, as its number ("1" to "6").
pub const RUNG: Key<Choice> = Key::new("rung");

/// The score field of a life domain.
pub fn score(d: LifeDomain) -> Key<Choice> {
    Key::of("score_", d.code())
}

/// The ladder rungs as options: "3  Taking part in organised activities".
pub fn rung_opts(lang: Lang) -> Vec<Opt> {
    Rung::all()
        .iter()
        .map(|r| {
            Opt::new(
                r.number().to_string(),
                format!("{}  {}", r.number(), r.label(lang)),
            )
        })
        .collect()
}

/// The life-domain scores as options: "3  Barely self-sufficient".
pub fn score_opts(lang: Lang) -> Vec<Opt> {
    (1..=5u8)
        .map(|s| Opt::new(s.to_string(), format!("{s}  {}", score_label(s, lang))))
        .collect()
}

/// A catalogue text as an owned string (field labels).
pub fn l(lang: Lang, key: &str) -> String {
    t(lang, key).to_owned()
}

/// The ladder and life-domain fields on `step`.
pub fn assessment_fields(lang: Lang, step: usize, rung_required: bool) -> Vec<Field> {
    let mut rung = RUNG.field(rung_opts(lang), l(lang, "intake.rung"), step);
    if rung_required {
        rung = rung.required();
    }
    let mut out = vec![rung];
    for d in LifeDomain::all() {
        out.push(score(*d).field(score_opts(lang), d.label(lang).to_owned(), step));
    }
    out
}

/// The rung chosen.
pub fn rung(form: &Form) -> Option<Rung> {
    form.get(RUNG)
        .and_then(|r| r.parse().ok())
        .and_then(Rung::from_number)
}

/// Prefills the rung and scores of an assessment.
pub fn prefill_assessment(form: &mut Form, a: &Assessment) {
    form.put(RUNG, a.rung.map(|r| r.number().to_string()));
    for (d, s) in &a.scores {
        form.put(score(*d), Some(s.to_string()));
    }
}

/// The assessment as typed (ladder rung and the scored domains).
pub fn assessment(form: &Form, episode_id: Id, on: NaiveDate, kind: AssessmentKind) -> Assessment {
    Assessment {
        id: 0,
        episode_id,
        assessed_on: on,
        kind,
        rung: rung(form),
        scores: LifeDomain::all()
            .iter()
            .filter_map(|d| {
                form.get(score(*d))
                    .and_then(|s| s.parse().ok())
                    .map(|s| (*d, s))
            })
            .collect(),
    }
}

/// Checks a trajectory's cost as typed: an amount, within the maximum.
pub fn check_cost_field(form: &mut Form, key: Key<Text>, lang: Lang) {
    let cost = form.get(key);
    match crate::domain::money::parse_euro(&cost) {
        None if !cost.is_empty() => form.fail(key, l(lang, "trajectory.err.cost")),
        Some(cents) => {
            if let Err(e) = crate::domain::assignment::check_cost(Some(cents)) {
                form.fail(key, e.message(lang));
            }
        }
        None => {}
    }
}
