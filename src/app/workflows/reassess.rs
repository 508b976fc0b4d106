//! The re-assessment: a dated ladder rung and life-domain scores, added to the history.

use super::fields::{RUNG, assessment, assessment_fields, l, score};
use super::{Committed, Cx, Facts, FormKind, Opened, Start, Workflow, latest_episode, read_failed};
use crate::domain::codes::AssessmentKind;
use crate::domain::model::Id;
use crate::form::key::Date;
use crate::form::{Form, Key, check};
use crate::store::{Store, Tx};

const ASSESSED_ON: Key<Date> = Key::new("assessed_on");

/// Re-assessing a client's current episode.
pub struct ReassessFlow {
    client_id: Id,
    episode_id: Id,
}

/// The form, prefilled with the latest rung and scores so only changes need typing.
pub fn open(start: &Start, store: &Store, cx: &Cx) -> Result<Opened, String> {
    let lang = cx.lang;
    let client_id = start.client(lang)?;
    let episode = latest_episode(store, client_id, lang)?;
    let mut fields = vec![ASSESSED_ON.field(l(lang, "reassess.date"), 0).required()];
    fields.extend(assessment_fields(lang, 0, false));
    let title = l(lang, "reassess.title");
    let mut form = Form::new(title.clone(), vec![title], fields, cx.today);
    form.put(ASSESSED_ON, Some(cx.today));
    let list = store
        .assessments(episode.id)
        .map_err(|e| read_failed(e, lang))?;
    if let Some(r) = list.iter().rev().find_map(|a| a.rung) {
        form.put(RUNG, Some(r.number().to_string()));
    }
    for a in &list {
        for (d, s) in &a.scores {
            form.put(score(*d), Some(s.to_string()));
        }
    }
    Ok(Opened {
        form,
        flow: Box::new(ReassessFlow {
            client_id,
            episode_id: episode.id,
        }),
    })
}

impl Workflow for ReassessFlow {
    fn kind(&self) -> FormKind {
        FormKind::Reassess
    }

    fn subject(&self) -> Id {
        self.client_id
    }

    /// Checks the date (not in the future).
    fn check(&mut self, form: &mut Form, _: &Facts, cx: &Cx) {
        check::basics(form, cx.lang);
        if form.get(ASSESSED_ON).is_some_and(|on| on > cx.today) {
            form.fail(ASSESSED_ON, l(cx.lang, "intake.err.future"));
        }
    }

    /// Adds the assessment (history is kept).
    fn commit(&self, form: &Form, tx: &Tx, cx: &Cx) -> crate::store::Result<Committed> {
        let on = form.get(ASSESSED_ON).unwrap_or(cx.today);
        tx.insert_assessment(&assessment(
            form,
            self.episode_id,
            on,
            AssessmentKind::Reassessment,
        ))?;
        Ok(Committed::new(self.client_id, l(cx.lang, "reassess.saved")))
    }
}
