//! Reviewing a running trajectory: progress, maybe a new ladder rung, the next review.

use super::fields::{RUNG, l, rung, rung_opts};
use super::trajectory::{chosen, preselect, running, which};
use super::{Committed, Cx, Facts, FormKind, Opened, Start, Workflow};
use crate::domain::model::{Id, Trajectory};
use crate::domain::trajectory::{ReviewInput, instrument_label};
use crate::form::key::{Choice, Date, Notes};
use crate::form::{Form, Key, check};
use crate::i18n::{tf, tn};
use crate::store::{Store, StoreError, Tx};
use chrono::NaiveDate;

const TRAJECTORY: Key<Choice> = Key::new("trajectory");
const ON: Key<Date> = Key::new("on");
const PROGRESS: Key<Notes> = Key::new("progress");
const NEXT_REVIEW: Key<Date> = Key::new("next_review");

/// Reviewing a running trajectory: progress, maybe a new rung, the next review.
pub struct ReviewFlow {
    client_id: Id,
    list: Vec<Trajectory>,
    /// The next review the form proposed (replaced while untouched).
    auto_next: Option<NaiveDate>,
}

/// The form on the trajectory of the start (from the agenda), else the only running one.
pub fn open(start: &Start, store: &Store, cx: &Cx) -> Result<Opened, String> {
    let lang = cx.lang;
    let client_id = start.client(lang)?;
    let list = running(store, start, lang)?;
    let fields = vec![
        which(TRAJECTORY, &list, cx),
        ON.field(l(lang, "trajectory.review_on"), 0).required(),
        PROGRESS.field(l(lang, "trajectory.progress"), 0).required(),
        RUNG.field(rung_opts(lang), l(lang, "trajectory.new_rung"), 0),
        NEXT_REVIEW
            .field(l(lang, "trajectory.next_review"), 0)
            .required(),
    ];
    let title = l(lang, "trajectory.title_review");
    let mut form = Form::new(title.clone(), vec![title], fields, cx.today);
    form.put(ON, Some(cx.today));
    preselect(&mut form, TRAJECTORY, start, &list);
    Ok(Opened {
        form,
        flow: Box::new(ReviewFlow {
            client_id,
            list,
            auto_next: None,
        }),
    })
}

impl Workflow for ReviewFlow {
    fn kind(&self) -> FormKind {
        FormKind::Review
    }

    fn subject(&self) -> Id {
        self.client_id
    }

    /// Proposes the next review one interval after this one, then checks the fields (so
    /// the proposal is never reported missing).
    fn check(&mut self, form: &mut Form, _: &Facts, cx: &Cx) {
        let lang = cx.lang;
        let t = chosen(form, TRAJECTORY, &self.list);
        if let (Some(t), Some(on)) = (&t, form.get(ON)) {
            let next = ReviewInput::new(t, on).next_review;
            let untouched = form.is_empty(NEXT_REVIEW)
                || (self.auto_next.is_some() && form.get(NEXT_REVIEW) == self.auto_next);
            if untouched && !form.is_focused(NEXT_REVIEW) {
                form.put(NEXT_REVIEW, Some(next));
                self.auto_next = Some(next);
            }
            form.set_note(
                NEXT_REVIEW,
                Some(tn(
                    lang,
                    "trajectory.interval",
                    t.review_interval_months,
                    &[],
                )),
            );
        }
        check::basics(form, lang);
        if let (Some(on), Some(next)) = (form.get(ON), form.get(NEXT_REVIEW))
            && next <= on
        {
            form.fail(NEXT_REVIEW, l(lang, "trajectory.err.next_after"));
        }
    }

    /// Records the review (and the new rung as a dated assessment).
    fn commit(&self, form: &Form, tx: &Tx, cx: &Cx) -> crate::store::Result<Committed> {
        let lang = cx.lang;
        let t = chosen(form, TRAJECTORY, &self.list).ok_or(StoreError::Invalid("form.required"))?;
        let on = form.get(ON).unwrap_or(cx.today);
        let mut input = ReviewInput::new(&t, on);
        input.progress = form.get(PROGRESS);
        input.new_rung = rung(form);
        input.next_review = form.get(NEXT_REVIEW).unwrap_or(input.next_review);
        tx.record_review(t.id, &input)?;
        Ok(Committed::new(
            self.client_id,
            tf(
                lang,
                "trajectory.reviewed",
                &[("name", &instrument_label(&t, &cx.assets.catalog, lang))],
            ),
        ))
    }
}
