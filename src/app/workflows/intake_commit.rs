//! Saving an intake: the person, the benefit period, the intake, the first assessment and
//! the plan's goals and agreements, in the host's one transaction.

use super::fields::{
    AGREEMENT_FOLLOW_UP, AGREEMENT_TEXT, AGREEMENT_WHO, GOAL_DATE, GOAL_TERM, GOAL_TEXT, assessment,
};
use super::intake::*;
use super::{Committed, Cx};
use crate::domain::codes::*;
use crate::domain::model::{Agreement, Episode, Goal, Id};
use crate::form::Form;
use crate::i18n::tf;
use crate::store::{StoreError, Tx};

fn goals(form: &Form, episode_id: Id) -> Vec<Goal> {
    GOALS
        .numbers()
        .filter(|n| !form.get(GOALS.at(*n, GOAL_TEXT)).is_empty())
        .map(|n| Goal {
            id: 0,
            episode_id,
            term: form.get(GOALS.at(n, GOAL_TERM)).unwrap_or(Term::Short),
            text: form.get(GOALS.at(n, GOAL_TEXT)),
            target_date: form.get(GOALS.at(n, GOAL_DATE)),
            done_on: None,
        })
        .collect()
}

fn agreements(form: &Form, episode_id: Id) -> Vec<Agreement> {
    AGREEMENTS
        .numbers()
        .filter(|n| !form.get(AGREEMENTS.at(*n, AGREEMENT_TEXT)).is_empty())
        .map(|n| Agreement {
            id: 0,
            episode_id,
            note_id: None,
            text: form.get(AGREEMENTS.at(n, AGREEMENT_TEXT)),
            who: form
                .get(AGREEMENTS.at(n, AGREEMENT_WHO))
                .unwrap_or(Who::Client),
            follow_up: form.get(AGREEMENTS.at(n, AGREEMENT_FOLLOW_UP)),
            done_on: None,
        })
        .collect()
}

/// Saves the intake of `flow` inside the host's transaction.
pub(super) fn commit(
    flow: &IntakeFlow,
    form: &Form,
    tx: &Tx,
    cx: &Cx,
) -> crate::store::Result<Committed> {
    let person = person(form).ok_or(StoreError::Invalid("bsn.err.elfproef"))?;
    let start = form
        .get(BENEFIT_START)
        .ok_or(StoreError::Invalid("form.required"))?;
    let benefit_type = form
        .get(BENEFIT_TYPE)
        .unwrap_or(BenefitType::Participatiewet);
    let on = form.get(INTAKE_DATE).unwrap_or(cx.today);
    let (client_id, episode_id) = match &flow.mode {
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
    tx.save_intake(&record(form, episode_id))?;
    if !matches!(flow.mode, IntakeMode::Edit { .. }) {
        tx.insert_assessment(&assessment(form, episode_id, on, AssessmentKind::Intake))?;
        for g in goals(form, episode_id) {
            tx.insert_goal(&g)?;
        }
        for a in agreements(form, episode_id) {
            tx.insert_agreement(&a)?;
        }
    }
    let name = typed_name(form);
    Ok(Committed::new(
        client_id,
        tf(cx.lang, "intake.saved", &[("name", &name)]),
    ))
}
