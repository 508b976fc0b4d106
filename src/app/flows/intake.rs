//! The intake: person, assessment and plan of action, in three steps; also its edit and
//! a new benefit period of a known client.

use super::fields::{assessment_fields, l, opts};
use super::{Cx, Prompt};
use crate::domain::codes::*;
use crate::domain::contradictions;
use crate::domain::date::{age_on, fmt_date};
use crate::domain::model::{Id, Intake, Person, display_name};
use crate::domain::{Bsn, Phase};
use crate::form::paste::NAME_MAX;
use crate::form::{Field, Form, FormId, Kind, check};
use crate::i18n::{Lang, t, tf};
use serde_json::json;

/// How many goals and agreements the intake's plan step offers.
pub const GOALS: usize = 3;
pub const AGREEMENTS: usize = 4;

/// Which intake this is.
#[derive(Clone, Debug, PartialEq)]
pub enum IntakeMode {
    /// A new client.
    New,
    /// A known client back on benefit: a new episode after `previous_episode_id`.
    NewEpisode {
        client_id: Id,
        previous_episode_id: Id,
        bsn: String,
    },
    /// Correcting the intake of a client's current episode.
    Edit { client_id: Id, episode_id: Id },
}

/// The intake workflow.
pub struct IntakeFlow {
    pub mode: IntakeMode,
    /// A question for the host (a known BSN), taken once.
    pub prompt: Option<Prompt>,
    /// The BSN last asked about, so the question comes once per BSN.
    asked_bsn: Option<String>,
}

impl IntakeFlow {
    /// The form for a mode, with its steps and fields.
    pub fn form(mode: IntakeMode, lang: Lang, today: chrono::NaiveDate) -> (Form, IntakeFlow) {
        let (kind, subject, title) = match &mode {
            IntakeMode::New => ("intake", 0, l(lang, "intake.title_new")),
            IntakeMode::NewEpisode { client_id, .. } => {
                ("intake", *client_id, l(lang, "intake.title_episode"))
            }
            IntakeMode::Edit { client_id, .. } => {
                ("intake_edit", *client_id, l(lang, "intake.title_edit"))
            }
        };
        let edit = matches!(mode, IntakeMode::Edit { .. });
        let mut fields = vec![
            Field::new("bsn", l(lang, "intake.bsn"), Kind::Text, 0)
                .required()
                .placeholder("123456782"),
            Field::new("first_name", l(lang, "intake.first_name"), Kind::Text, 0)
                .required()
                .max_chars(NAME_MAX),
            Field::new("prefix", l(lang, "intake.prefix"), Kind::Text, 0)
                .placeholder("van der")
                .max_chars(NAME_MAX),
            Field::new("last_name", l(lang, "intake.last_name"), Kind::Text, 0)
                .required()
                .max_chars(NAME_MAX),
            Field::new("birth_date", l(lang, "intake.birth_date"), Kind::Date, 0)
                .required()
                .placeholder(l(lang, "form.date_hint")),
            Field::new("phone", l(lang, "intake.phone"), Kind::Text, 0),
            Field::new("email", l(lang, "intake.email"), Kind::Text, 0),
            Field::new("address", l(lang, "intake.address"), Kind::Text, 0),
            Field::new(
                "household",
                l(lang, "intake.household"),
                Kind::Choice(opts::<Household>(lang)),
                0,
            )
            .required(),
            Field::new(
                "youngest_child_age",
                l(lang, "intake.youngest_child_age"),
                Kind::Number { min: 0, max: 25 },
                0,
            ),
            Field::new(
                "statushouder",
                l(lang, "intake.statushouder"),
                Kind::YesNo,
                0,
            ),
            Field::new(
                "language_level",
                l(lang, "intake.language_level"),
                Kind::Choice(opts::<LanguageLevel>(lang)),
                0,
            ),
            Field::new(
                "education",
                l(lang, "intake.education"),
                Kind::Choice(opts::<Education>(lang)),
                0,
            ),
            Field::new(
                "work_experience",
                l(lang, "intake.work_experience"),
                Kind::Text,
                0,
            ),
            Field::new(
                "benefit_start",
                l(lang, "intake.benefit_start"),
                Kind::Date,
                0,
            )
            .required()
            .placeholder(l(lang, "form.date_hint")),
            Field::new(
                "benefit_type",
                l(lang, "intake.benefit_type"),
                Kind::Choice(opts::<BenefitType>(lang)),
                0,
            )
            .required(),
            Field::new("intake_date", l(lang, "intake.intake_date"), Kind::Date, 1).required(),
            Field::new(
                "distance",
                l(lang, "intake.distance"),
                Kind::Choice(opts::<Distance>(lang)),
                1,
            )
            .required(),
        ];
        if !edit {
            fields.extend(assessment_fields(lang, 1, true));
        }
        fields.extend([
            Field::new(
                "barriers",
                l(lang, "intake.barriers"),
                Kind::Multi(opts::<Barrier>(lang)),
                1,
            ),
            Field::new("motivation", l(lang, "intake.motivation"), Kind::Notes, 1),
            Field::new(
                "why_not_working",
                l(lang, "intake.why_not_working"),
                Kind::Notes,
                1,
            ),
            Field::new("strengths", l(lang, "intake.strengths"), Kind::Notes, 1),
            Field::new("pitfalls", l(lang, "intake.pitfalls"), Kind::Notes, 1),
        ]);
        if !edit {
            for n in 1..=GOALS {
                fields.push(Field::new(
                    format!("goal{n}_text"),
                    tf(lang, "intake.goal", &[("n", &n)]),
                    Kind::Text,
                    2,
                ));
                fields.push(Field::new(
                    format!("goal{n}_term"),
                    l(lang, "intake.goal_term"),
                    Kind::Choice(opts::<Term>(lang)),
                    2,
                ));
                fields.push(Field::new(
                    format!("goal{n}_date"),
                    l(lang, "intake.goal_date"),
                    Kind::Date,
                    2,
                ));
            }
            for n in 1..=AGREEMENTS {
                fields.push(Field::new(
                    format!("agreement{n}_text"),
                    tf(lang, "intake.agreement", &[("n", &n)]),
                    Kind::Text,
                    2,
                ));
                fields.push(Field::new(
                    format!("agreement{n}_who"),
                    l(lang, "intake.agreement_who"),
                    Kind::Choice(opts::<Who>(lang)),
                    2,
                ));
                fields.push(Field::new(
                    format!("agreement{n}_follow_up"),
                    l(lang, "intake.agreement_follow_up"),
                    Kind::Date,
                    2,
                ));
            }
        }
        fields.push(Field::new(
            "plan_agreed_on",
            l(lang, "intake.plan_agreed_on"),
            Kind::Date,
            2,
        ));
        let steps = vec![
            l(lang, "intake.step_person"),
            l(lang, "intake.step_assessment"),
            l(lang, "intake.step_plan"),
        ];
        let mut form = Form::new(FormId { kind, subject }, title, steps, fields);
        form.prefill("benefit_type", json!(BenefitType::Participatiewet.code()));
        form.prefill("intake_date", json!(fmt_date(today)));
        (
            form,
            IntakeFlow {
                mode,
                prompt: None,
                asked_bsn: None,
            },
        )
    }

    /// Re-runs the intake's rules.
    pub fn refresh(&mut self, form: &mut Form, cx: &Cx) {
        let (lang, today) = (cx.lang, cx.today);
        let with_children = matches!(
            form.choice("household").as_deref(),
            Some("single_with_children" | "couple_with_children")
        );
        form.set_visible("youngest_child_age", with_children);
        for n in 1..=GOALS {
            let filled = !form.text(&format!("goal{n}_text")).is_empty();
            if let Some(f) = form.field_mut(&format!("goal{n}_term")) {
                f.required = filled;
            }
        }
        check::basics(form, lang, today);
        self.check_bsn(form, cx);
        let birth = check::date(form, "birth_date", today);
        // The age beside a date of birth that can be one (a future date is refused below).
        form.set_note(
            "birth_date",
            birth
                .filter(|b| *b <= today)
                .map(|b| tf(lang, "intake.age_note", &[("age", &age_on(b, today))])),
        );
        self.check_birth(form, cx, birth);
        if let Some(b) = birth {
            if b > today {
                check::fail(form, "birth_date", l(lang, "intake.err.birth_future"));
            } else if age_on(b, today) > 110 || age_on(b, today) < 15 {
                check::fail(form, "birth_date", l(lang, "intake.err.birth_implausible"));
            }
        }
        if let Some(start) = check::date(form, "benefit_start", today) {
            if birth.is_some_and(|b| start <= b) {
                check::fail(
                    form,
                    "benefit_start",
                    l(lang, "intake.err.benefit_before_birth"),
                );
            } else if start > crate::domain::date::add_months(today, 12) {
                check::fail(form, "benefit_start", l(lang, "intake.err.benefit_far"));
            }
            self.check_start(form, cx, start);
        }
        if let Some(c) = contradictions::phone(&form.text("phone")) {
            check::fail(form, "phone", l(lang, c.key()));
        }
        if let Some(c) = contradictions::email(&form.text("email")) {
            check::fail(form, "email", l(lang, c.key()));
        }
        if let Some(on) = check::date(form, "plan_agreed_on", today)
            && on > today
        {
            check::fail(form, "plan_agreed_on", l(lang, "intake.err.future"));
        }
        if let (Some(age), Some(b)) = (check::number(form, "youngest_child_age"), birth)
            && age > i64::from(age_on(b, today)) - 12
        {
            check::fail(form, "youngest_child_age", l(lang, "intake.err.child_age"));
        }
        let rung = form
            .choice("rung")
            .and_then(|r| r.parse().ok())
            .and_then(Rung::from_number);
        form.set_note(
            "rung",
            rung.map(|r| tf(lang, "intake.rung_note", &[("n", &r.number())])),
        );
    }

    fn check_bsn(&mut self, form: &mut Form, cx: &Cx) {
        let lang = cx.lang;
        let typed = form.text("bsn");
        if typed.is_empty() {
            return;
        }
        let bsn = match Bsn::parse(&typed) {
            Ok(b) => b,
            Err(e) => {
                form.set_error("bsn", Some(t(lang, e.key()).to_owned()));
                return;
            }
        };
        // Shown as stored once left: nine digits (an 8-digit number gets its leading zero).
        if form.focused().key != "bsn" && typed != bsn.as_str() {
            form.set_text("bsn", bsn.as_str());
        }
        let known = cx.store.client_id_by_bsn(&bsn).ok().flatten();
        match (&self.mode, known) {
            (IntakeMode::New, Some(id)) => {
                let name = cx
                    .store
                    .client(id)
                    .ok()
                    .flatten()
                    .map(|c| c.person.full_name())
                    .unwrap_or_default();
                let number = crate::domain::model::client_number(id);
                form.set_error(
                    "bsn",
                    Some(tf(
                        lang,
                        "intake.err.known",
                        &[("name", &name), ("number", &number)],
                    )),
                );
                if self.asked_bsn.as_deref() != Some(bsn.as_str()) {
                    self.asked_bsn = Some(bsn.as_str().to_owned());
                    let on_benefit = cx
                        .store
                        .phase(id)
                        .map(|p| !matches!(p, Phase::Aftercare | Phase::Closed))
                        .unwrap_or(true);
                    self.prompt = Some(Prompt::KnownClient {
                        client_id: id,
                        name,
                        on_benefit,
                    });
                }
            }
            (IntakeMode::NewEpisode { bsn: own, .. }, _) if own != bsn.as_str() => {
                form.set_error("bsn", Some(l(lang, "intake.err.bsn_locked")));
            }
            (IntakeMode::Edit { client_id, .. }, Some(id)) if id != *client_id => {
                form.set_error("bsn", Some(l(lang, "intake.err.bsn_taken")));
            }
            _ => {}
        }
    }

    /// Fills the form with a person (a known client) and, optionally, a previous intake.
    pub fn prefill_from(form: &mut Form, person: &Person, intake: Option<&Intake>) {
        form.prefill("bsn", json!(person.bsn.as_str()));
        form.prefill("first_name", json!(person.first_name));
        form.prefill("prefix", json!(person.prefix));
        form.prefill("last_name", json!(person.last_name));
        form.prefill(
            "birth_date",
            json!(person.birth_date.map(fmt_date).unwrap_or_default()),
        );
        form.prefill("phone", json!(person.phone));
        form.prefill("email", json!(person.email));
        form.prefill("address", json!(person.address));
        let Some(i) = intake else { return };
        form.prefill("household", json!(i.household.map(Code::code)));
        form.prefill(
            "youngest_child_age",
            json!(
                i.youngest_child_age
                    .map(|a| a.to_string())
                    .unwrap_or_default()
            ),
        );
        form.prefill("statushouder", json!(i.statushouder));
        form.prefill("language_level", json!(i.language_level.map(Code::code)));
        form.prefill("education", json!(i.education.map(Code::code)));
        form.prefill("work_experience", json!(i.work_experience));
        form.prefill("distance", json!(i.distance.map(Code::code)));
        form.prefill(
            "barriers",
            json!(i.barriers.iter().map(|b| b.code()).collect::<Vec<_>>()),
        );
        form.prefill("motivation", json!(i.motivation));
        form.prefill("why_not_working", json!(i.why_not_working));
        form.prefill("strengths", json!(i.strengths));
        form.prefill("pitfalls", json!(i.pitfalls));
    }

    /// The person as typed (call only on a form without errors).
    pub fn person(form: &Form, today: chrono::NaiveDate) -> Option<Person> {
        Some(Person {
            bsn: Bsn::parse(&form.text("bsn")).ok()?,
            first_name: form.text("first_name"),
            prefix: form.text("prefix"),
            last_name: form.text("last_name"),
            birth_date: check::date(form, "birth_date", today),
            phone: form.text("phone"),
            email: form.text("email"),
            address: form.text("address"),
        })
    }

    /// The name as typed, for messages.
    pub fn typed_name(form: &Form) -> String {
        display_name(
            &form.text("first_name"),
            &form.text("prefix"),
            &form.text("last_name"),
        )
    }
}
