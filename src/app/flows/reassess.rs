//! The re-assessment: a dated ladder rung and life-domain scores, added to the history.

use super::fields::{assessment_fields, score_key};
use super::intake_save::assessment;
use super::{Cx, Saved};
use crate::domain::codes::AssessmentKind;
use crate::domain::date::fmt_date;
use crate::domain::model::Id;
use crate::form::{Field, Form, FormId, Kind, check};
use crate::i18n::{Lang, t};
use crate::store::Store;
use chrono::NaiveDate;
use serde_json::json;

/// Re-assessing a client's current episode.
pub struct ReassessFlow {
    pub client_id: Id,
    pub episode_id: Id,
}

impl ReassessFlow {
    /// The form, prefilled with the latest scores so only changes need typing.
    pub fn form(
        client_id: Id,
        episode_id: Id,
        store: &Store,
        lang: Lang,
        today: NaiveDate,
    ) -> (Form, ReassessFlow) {
        let mut fields =
            vec![Field::new("assessed_on", t(lang, "reassess.date"), Kind::Date, 0).required()];
        fields.extend(assessment_fields(lang, 0, false));
        let mut form = Form::new(
            FormId {
                kind: "reassess",
                subject: client_id,
            },
            t(lang, "reassess.title").to_owned(),
            vec![t(lang, "reassess.title").to_owned()],
            fields,
        );
        form.prefill("assessed_on", json!(fmt_date(today)));
        if let Ok(list) = store.assessments(episode_id) {
            if let Some(r) = list.iter().rev().find_map(|a| a.rung) {
                form.prefill("rung", json!(r.number().to_string()));
            }
            for a in list.iter() {
                for (d, s) in &a.scores {
                    form.prefill(&score_key(*d), json!(s.to_string()));
                }
            }
        }
        (
            form,
            ReassessFlow {
                client_id,
                episode_id,
            },
        )
    }

    /// Checks the date; at least one score or the rung must be given.
    pub fn refresh(&mut self, form: &mut Form, cx: &Cx) {
        check::basics(form, cx.lang, cx.today);
        if let Some(on) = check::date(form, "assessed_on", cx.today)
            && on > cx.today
        {
            check::fail(
                form,
                "assessed_on",
                t(cx.lang, "intake.err.future").to_owned(),
            );
        }
    }

    /// Adds the assessment (history is kept).
    pub fn save(
        &self,
        form: &Form,
        store: &mut Store,
        lang: Lang,
        today: NaiveDate,
    ) -> Result<Saved, String> {
        let on = check::date(form, "assessed_on", today).unwrap_or(today);
        let a = assessment(form, self.episode_id, on, AssessmentKind::Reassessment);
        let id = form.id.clone();
        let result = store.write(|tx| {
            tx.insert_assessment(&a)?;
            tx.delete_draft(id.kind, id.subject)
        });
        Saved::from_write(
            result,
            self.client_id,
            t(lang, "reassess.saved").to_owned(),
            lang,
        )
    }
}
