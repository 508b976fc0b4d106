//! Saving an intake: the whole of it in one transaction, or nothing.

use super::Saved;
use super::fields::score_key;
use super::intake::{AGREEMENTS, GOALS, IntakeFlow, IntakeMode};
use crate::domain::codes::*;
use crate::domain::model::{Agreement, Assessment, Episode, Goal, Id, Intake};
use crate::form::{Form, check};
use crate::i18n::{Lang, t, tf};
use crate::store::Store;
use chrono::NaiveDate;

fn code<T: Code>(form: &Form, key: &str) -> Option<T> {
    form.choice(key).and_then(|c| T::from_code(&c))
}

/// The intake record as typed.
fn intake(form: &Form, episode_id: Id, today: NaiveDate) -> Intake {
    Intake {
        episode_id,
        intake_date: check::date(form, "intake_date", today),
        household: code(form, "household"),
        youngest_child_age: check::number(form, "youngest_child_age")
            .filter(|_| form.field("youngest_child_age").is_some_and(|f| f.visible))
            .and_then(|n| u8::try_from(n).ok()),
        statushouder: form.yes_no("statushouder").unwrap_or(false),
        language_level: code(form, "language_level"),
        education: code(form, "education"),
        work_experience: form.text("work_experience"),
        distance: code(form, "distance"),
        barriers: form
            .multi("barriers")
            .iter()
            .filter_map(|c| Barrier::from_code(c))
            .collect(),
        motivation: form.text("motivation"),
        why_not_working: form.text("why_not_working"),
        strengths: form.text("strengths"),
        pitfalls: form.text("pitfalls"),
        plan_agreed_on: check::date(form, "plan_agreed_on", today),
    }
}

/// The assessment as typed (ladder rung and the scored domains).
pub fn assessment(form: &Form, episode_id: Id, on: NaiveDate, kind: AssessmentKind) -> Assessment {
    Assessment {
        id: 0,
        episode_id,
        assessed_on: on,
        kind,
        rung: form
            .choice("rung")
            .and_then(|r| r.parse().ok())
            .and_then(Rung::from_number),
        scores: LifeDomain::all()
            .iter()
            .filter_map(|d| {
                form.choice(&score_key(*d))
                    .and_then(|s| s.parse().ok())
                    .map(|s| (*d, s))
            })
            .collect(),
    }
}

fn goals(form: &Form, episode_id: Id, today: NaiveDate) -> Vec<Goal> {
    (1..=GOALS)
        .filter(|n| !form.text(&format!("goal{n}_text")).is_empty())
        .map(|n| Goal {
            id: 0,
            episode_id,
            term: code(form, &format!("goal{n}_term")).unwrap_or(Term::Short),
            text: form.text(&format!("goal{n}_text")),
            target_date: check::date(form, &format!("goal{n}_date"), today),
            done_on: None,
        })
        .collect()
}

fn agreements(form: &Form, episode_id: Id, today: NaiveDate) -> Vec<Agreement> {
    (1..=AGREEMENTS)
        .filter(|n| !form.text(&format!("agreement{n}_text")).is_empty())
        .map(|n| Agreement {
            id: 0,
            episode_id,
            note_id: None,
            text: form.text(&format!("agreement{n}_text")),
            who: code(form, &format!("agreement{n}_who")).unwrap_or(Who::Client),
            follow_up: check::date(form, &format!("agreement{n}_follow_up"), today),
            done_on: None,
        })
        .collect()
}

impl IntakeFlow {
    /// Saves the intake in one transaction (and removes its draft in the same one).
    pub fn save(
        &self,
        form: &Form,
        store: &mut Store,
        lang: Lang,
        today: NaiveDate,
    ) -> Result<Saved, String> {
        let person = IntakeFlow::person(form, today)
            .ok_or_else(|| t(lang, "bsn.err.elfproef").to_owned())?;
        let start = check::date(form, "benefit_start", today)
            .ok_or_else(|| t(lang, "form.required").to_owned())?;
        let benefit_type = code(form, "benefit_type").unwrap_or(BenefitType::Participatiewet);
        let on = check::date(form, "intake_date", today).unwrap_or(today);
        let id = form.id.clone();
        let mode = self.mode.clone();
        let result = store.write(|tx| {
            let (client_id, episode_id) = match &mode {
                IntakeMode::New => {
                    let c = tx.insert_client(&person)?;
                    let e = tx.insert_episode(&Episode::open(c, start, benefit_type, None))?;
                    (c, e)
                }
                IntakeMode::NewEpisode { client_id, .. } => {
                    // Re-entry: linked to the previous period; running aftercare ends.
                    tx.correct_person(*client_id, &person)?;
                    let (e, _, _) = tx.re_enter(*client_id, start, Some(benefit_type))?;
                    (*client_id, e)
                }
                IntakeMode::Edit {
                    client_id,
                    episode_id,
                } => {
                    tx.correct_person(*client_id, &person)?;
                    tx.move_episode_start(&Episode {
                        id: *episode_id,
                        ..Episode::open(*client_id, start, benefit_type, None)
                    })?;
                    (*client_id, *episode_id)
                }
            };
            tx.save_intake(&intake(form, episode_id, today))?;
            if !matches!(mode, IntakeMode::Edit { .. }) {
                tx.insert_assessment(&assessment(form, episode_id, on, AssessmentKind::Intake))?;
                for g in goals(form, episode_id, today) {
                    tx.insert_goal(&g)?;
                }
                for a in agreements(form, episode_id, today) {
                    tx.insert_agreement(&a)?;
                }
            }
            tx.delete_draft(id.kind, id.subject)?;
            Ok(client_id)
        });
        let name = IntakeFlow::typed_name(form);
        let client_id = *result.as_ref().unwrap_or(&0);
        Saved::from_write(
            result,
            client_id,
            tf(lang, "intake.saved", &[("name", &name)]),
            lang,
        )
    }
}
