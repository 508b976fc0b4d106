//! Reviewing a running trajectory: progress, maybe a new ladder rung, the next review; one
//! form and one transaction.

use super::fields::{l, rung_opts};
use super::trajectory::{chosen, running, trajectory_opt};
use super::{Cx, Saved};
use crate::domain::catalog::Catalog;
use crate::domain::codes::Rung;
use crate::domain::date::fmt_date;
use crate::domain::model::{Id, Trajectory};
use crate::domain::trajectory::{ReviewInput, instrument_label};
use crate::form::{Field, Form, FormId, Kind, check};
use crate::i18n::{Lang, tf, tn};
use crate::store::Store;
use chrono::NaiveDate;
use serde_json::json;

/// Reviewing a running trajectory: progress, maybe a new rung, the next review.
pub struct ReviewFlow {
    pub client_id: Id,
    list: Vec<Trajectory>,
    /// The next review the form proposed (replaced while untouched).
    auto_next: String,
}

impl ReviewFlow {
    /// The form; `preselect` picks the trajectory, else the only running one.
    pub fn form(
        client_id: Id,
        episode_id: Id,
        preselect: Option<Id>,
        cx: &Cx,
    ) -> Option<(Form, ReviewFlow)> {
        let lang = cx.lang;
        let list = running(cx.store, episode_id);
        if list.is_empty() {
            return None;
        }
        let fields = vec![
            Field::new(
                "trajectory",
                l(lang, "trajectory.which"),
                Kind::Choice(list.iter().map(|t| trajectory_opt(t, cx)).collect()),
                0,
            )
            .required(),
            Field::new("on", l(lang, "trajectory.review_on"), Kind::Date, 0).required(),
            Field::new("progress", l(lang, "trajectory.progress"), Kind::Notes, 0).required(),
            Field::new(
                "rung",
                l(lang, "trajectory.new_rung"),
                Kind::Choice(rung_opts(lang)),
                0,
            ),
            Field::new(
                "next_review",
                l(lang, "trajectory.next_review"),
                Kind::Date,
                0,
            )
            .required(),
        ];
        let title = l(lang, "trajectory.title_review");
        let mut form = Form::new(
            FormId {
                kind: "review",
                subject: client_id,
            },
            title.clone(),
            vec![title],
            fields,
        );
        form.prefill("on", json!(fmt_date(cx.today)));
        let pick = preselect
            .filter(|id| list.iter().any(|t| t.id == *id))
            .or((list.len() == 1).then(|| list[0].id));
        if let Some(id) = pick {
            form.prefill("trajectory", json!(id.to_string()));
            form.next_field();
        }
        Some((
            form,
            ReviewFlow {
                client_id,
                list,
                auto_next: String::new(),
            },
        ))
    }

    /// Proposes the next review one interval after this one, then checks the fields (so
    /// the proposal is never reported missing).
    pub fn refresh(&mut self, form: &mut Form, cx: &Cx) {
        let lang = cx.lang;
        let t = chosen(form, &self.list);
        if let (Some(t), Some(on)) = (&t, check::date(form, "on", cx.today)) {
            let next = fmt_date(ReviewInput::new(t, on).next_review);
            let current = form.text("next_review");
            if (current.is_empty() || current == self.auto_next)
                && form.focused().key != "next_review"
            {
                form.set_text("next_review", &next);
                self.auto_next = next;
            }
            form.set_note(
                "next_review",
                Some(tn(
                    lang,
                    "trajectory.interval",
                    t.review_interval_months,
                    &[],
                )),
            );
        }
        check::basics(form, lang, cx.today);
        if let (Some(on), Some(next)) = (
            check::date(form, "on", cx.today),
            check::date(form, "next_review", cx.today),
        ) && next <= on
        {
            check::fail(form, "next_review", l(lang, "trajectory.err.next_after"));
        }
    }

    /// Records the review (and the new rung as a dated assessment).
    pub fn save(
        &self,
        form: &Form,
        store: &mut Store,
        lang: Lang,
        today: NaiveDate,
        catalog: &Catalog,
    ) -> Result<Saved, String> {
        let t = chosen(form, &self.list).ok_or_else(|| l(lang, "form.required"))?;
        let on = check::date(form, "on", today).unwrap_or(today);
        let mut input = ReviewInput::new(&t, on);
        input.progress = form.text("progress");
        input.new_rung = form
            .choice("rung")
            .and_then(|r| r.parse().ok())
            .and_then(Rung::from_number);
        input.next_review = check::date(form, "next_review", today).unwrap_or(input.next_review);
        let id = form.id.clone();
        let result = store.write(|tx| {
            tx.record_review(t.id, &input)?;
            tx.delete_draft(id.kind, id.subject)
        });
        Saved::from_write(
            result,
            self.client_id,
            tf(
                lang,
                "trajectory.reviewed",
                &[("name", &instrument_label(&t, catalog, lang))],
            ),
            lang,
        )
    }
}
