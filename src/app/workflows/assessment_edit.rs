//! Correcting a saved assessment (`Enter` on it in the client file's timeline): its ladder
//! rung and life-domain scores, prefilled, and the date of a re-assessment (an intake's or a
//! review's assessment keeps the date of its intake or review).

use super::fields::{assessment, assessment_fields, l, prefill_assessment};
use super::{Committed, Cx, Facts, FormKind, Opened, Start, Workflow, read_failed};
use crate::domain::codes::{AssessmentKind, Code};
use crate::domain::date::fmt_date;
use crate::domain::model::{Assessment, Id};
use crate::form::key::{Date, Info};
use crate::form::{Form, Key, check};
use crate::i18n::tf;
use crate::store::{Store, Tx};

const WHAT: Key<Info> = Key::new("what");
const ASSESSED_ON: Key<Date> = Key::new("assessed_on");

/// Correcting one assessment.
pub struct EditFlow {
    client_id: Id,
    saved: Assessment,
}

/// The form on the assessment of the start, prefilled.
pub fn open(start: &Start, store: &Store, cx: &Cx) -> Result<Opened, String> {
    let lang = cx.lang;
    let id = start.item.ok_or_else(|| l(lang, "reassess.which_edit"))?;
    let saved = store
        .assessment(id)
        .map_err(|e| read_failed(e, lang))?
        .ok_or_else(|| l(lang, "void.gone"))?;
    let dated = saved.kind == AssessmentKind::Reassessment;
    let mut fields = vec![
        WHAT.field(l(lang, "reassess.what"), 0),
        ASSESSED_ON.field(l(lang, "reassess.date"), 0),
    ];
    fields.extend(assessment_fields(lang, 0, false));
    let title = l(lang, "reassess.title_edit");
    let mut form = Form::new(title.clone(), vec![title], fields, cx.today);
    let what = tf(
        lang,
        "reassess.what_value",
        &[
            ("kind", &saved.kind.label(lang)),
            ("date", &fmt_date(saved.assessed_on)),
        ],
    );
    form.set_note(WHAT, Some(what));
    form.put(ASSESSED_ON, Some(saved.assessed_on));
    form.show(ASSESSED_ON, dated);
    form.require(ASSESSED_ON, dated);
    prefill_assessment(&mut form, &saved);
    form.next_field();
    Ok(Opened {
        form,
        flow: Box::new(EditFlow {
            client_id: start.client(lang)?,
            saved,
        }),
    })
}

impl Workflow for EditFlow {
    fn kind(&self) -> FormKind {
        FormKind::AssessmentEdit
    }

    /// The draft is the assessment's.
    fn subject(&self) -> Id {
        self.saved.id
    }

    /// The checks of a re-assessment: the date not in the future.
    fn check(&mut self, form: &mut Form, _: &Facts, cx: &Cx) {
        check::basics(form, cx.lang);
        if form.get(ASSESSED_ON).is_some_and(|on| on > cx.today) {
            form.fail(ASSESSED_ON, l(cx.lang, "intake.err.future"));
        }
    }

    fn commit(&self, form: &Form, tx: &Tx, cx: &Cx) -> crate::store::Result<Committed> {
        let on = form.get(ASSESSED_ON).unwrap_or(self.saved.assessed_on);
        let fixed = Assessment {
            id: self.saved.id,
            ..assessment(form, self.saved.episode_id, on, self.saved.kind)
        };
        tx.correct_assessment(&fixed)?;
        Ok(Committed::new(
            self.client_id,
            l(cx.lang, "reassess.corrected"),
        ))
    }
}
