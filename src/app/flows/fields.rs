//! What several forms share: choice options for the code lists, the ladder and the life
//! domains, and the assessment's fields (the intake's step 2 and the re-assessment).

use crate::domain::codes::*;
use crate::form::{Field, Kind, Opt};
use crate::i18n::{Lang, t};

/// Options for a code list, labelled in the user's language.
pub fn opts<T: Code>(lang: Lang) -> Vec<Opt> {
    T::all()
        .iter()
        .map(|c| Opt::new(c.code(), c.label(lang)))
        .collect()
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

/// The field key of a life domain's score.
pub fn score_key(d: LifeDomain) -> String {
    format!("score_{}", d.code())
}

/// A catalogue text as an owned string (field labels).
pub fn l(lang: Lang, key: &str) -> String {
    t(lang, key).to_owned()
}

/// The ladder and life-domain fields (intake step 2, and the re-assessment).
pub fn assessment_fields(lang: Lang, step: usize, rung_required: bool) -> Vec<Field> {
    let mut rung = Field::new(
        "rung",
        l(lang, "intake.rung"),
        Kind::Choice(rung_opts(lang)),
        step,
    );
    if rung_required {
        rung = rung.required();
    }
    let mut out = vec![rung];
    for d in LifeDomain::all() {
        out.push(Field::new(
            score_key(*d),
            d.label(lang),
            Kind::Choice(score_opts(lang)),
            step,
        ));
    }
    out
}
