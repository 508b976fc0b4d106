//! Between the intake form and the records: a known person (and their previous intake)
//! put into the form, and the person and intake read from what was typed.

use super::intake::*;
use crate::domain::Bsn;
use crate::domain::model::{Id, Intake, Person, display_name};
use crate::form::Form;

/// Fills the form with a person (a known client) and, optionally, a previous intake.
pub fn prefill_from(form: &mut Form, person: &Person, intake: Option<&Intake>) {
    form.put(BSN, person.bsn.as_str().to_owned());
    form.put(FIRST_NAME, person.first_name.clone());
    form.put(PREFIX, person.prefix.clone());
    form.put(LAST_NAME, person.last_name.clone());
    form.put(BIRTH_DATE, person.birth_date);
    form.put(PHONE, person.phone.clone());
    form.put(EMAIL, person.email.clone());
    form.put(ADDRESS, person.address.clone());
    let Some(i) = intake else { return };
    // Every field of the intake is named, so a new one cannot be forgotten here; the
    // date and the agreed plan belong to the benefit period, not to the person.
    let Intake {
        episode_id: _,
        intake_date: _,
        household,
        youngest_child_age,
        statushouder,
        driving_licence,
        language_level,
        education,
        work_experience,
        distance,
        barriers,
        motivation,
        why_not_working,
        strengths,
        pitfalls,
        plan_agreed_on: _,
    } = i;
    form.put(HOUSEHOLD, *household);
    form.put(YOUNGEST_CHILD_AGE, youngest_child_age.map(i64::from));
    form.put(STATUSHOUDER, Some(*statushouder));
    form.put(DRIVING_LICENCE, *driving_licence);
    form.put(LANGUAGE_LEVEL, *language_level);
    form.put(EDUCATION, *education);
    form.put(WORK_EXPERIENCE, work_experience.clone());
    form.put(DISTANCE, *distance);
    form.put(BARRIERS, barriers.clone());
    form.put(MOTIVATION, motivation.clone());
    form.put(WHY_NOT_WORKING, why_not_working.clone());
    form.put(STRENGTHS, strengths.clone());
    form.put(PITFALLS, pitfalls.clone());
}

/// The intake record as typed.
pub(super) fn record(form: &Form, episode_id: Id) -> Intake {
    Intake {
        episode_id,
        intake_date: form.get(INTAKE_DATE),
        household: form.get(HOUSEHOLD),
        youngest_child_age: form
            .get(YOUNGEST_CHILD_AGE)
            .filter(|_| form.is_visible(YOUNGEST_CHILD_AGE))
            .and_then(|n| u8::try_from(n).ok()),
        statushouder: form.get(STATUSHOUDER).unwrap_or(false),
        driving_licence: form.get(DRIVING_LICENCE),
        language_level: form.get(LANGUAGE_LEVEL),
        education: form.get(EDUCATION),
        work_experience: form.get(WORK_EXPERIENCE),
        distance: form.get(DISTANCE),
        barriers: form.get(BARRIERS),
        motivation: form.get(MOTIVATION),
        why_not_working: form.get(WHY_NOT_WORKING),
        strengths: form.get(STRENGTHS),
        pitfalls: form.get(PITFALLS),
        plan_agreed_on: form.get(PLAN_AGREED_ON),
    }
}

/// The person as typed (call only on a form without errors).
pub fn person(form: &Form) -> Option<Person> {
    Some(Person {
        bsn: Bsn::parse(&form.get(BSN)).ok()?,
        first_name: form.get(FIRST_NAME),
        prefix: form.get(PREFIX),
        last_name: form.get(LAST_NAME),
        birth_date: form.get(BIRTH_DATE),
        phone: form.get(PHONE),
        email: form.get(EMAIL),
        address: form.get(ADDRESS),
    })
}

/// The name as typed, for messages.
pub fn typed_name(form: &Form) -> String {
    display_name(
        &form.get(FIRST_NAME),
        &form.get(PREFIX),
        &form.get(LAST_NAME),
    )
}
