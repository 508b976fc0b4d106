//! Ending aftercare early: a reason (the client's wish, re-entry, moved, other) and a date;
//! the planned contacts are cancelled and the client's phase becomes closed.

use super::fields::opts;
use super::{Cx, Saved};
use crate::domain::codes::{AftercareEndReason, Code};
use crate::domain::date::fmt_date;
use crate::domain::model::{AftercarePlan, Id};
use crate::form::{Field, Form, FormId, Kind, check};
use crate::i18n::{Lang, t, tf};
use crate::store::Store;
use chrono::NaiveDate;
use serde_json::json;

/// Ending a client's running aftercare plan.
pub struct EndFlow {
    pub client_id: Id,
    pub plan: AftercarePlan,
}

impl EndFlow {
    /// The form: reason, and the date (today).
    pub fn form(
        client_id: Id,
        plan: AftercarePlan,
        lang: Lang,
        today: NaiveDate,
    ) -> (Form, EndFlow) {
        let fields = vec![
            Field::new(
                "reason",
                t(lang, "checkin.end_reason"),
                Kind::Choice(opts::<AftercareEndReason>(lang)),
                0,
            )
            .required(),
            Field::new("ended_on", t(lang, "checkin.end_date"), Kind::Date, 0)
                .required()
                .placeholder(t(lang, "form.date_hint")),
        ];
        let title = t(lang, "checkin.end_title").to_owned();
        let mut form = Form::new(
            FormId {
                kind: "aftercare_end",
                subject: client_id,
            },
            title.clone(),
            vec![title],
            fields,
        );
        form.prefill("ended_on", json!(fmt_date(today)));
        (form, EndFlow { client_id, plan })
    }

    /// The date lies between the plan's start and today; re-entry points to `R`.
    pub fn refresh(&mut self, form: &mut Form, cx: &Cx) {
        let lang = cx.lang;
        check::basics(form, lang, cx.today);
        if let Some(on) = check::date(form, "ended_on", cx.today) {
            if on > cx.today {
                check::fail(form, "ended_on", t(lang, "intake.err.future").to_owned());
            } else if on < self.plan.starts_on {
                let msg = t(lang, "aftercare_rule.end_before_start").to_owned();
                check::fail(form, "ended_on", msg);
            }
        }
        let reentry = form.choice("reason").as_deref() == Some(AftercareEndReason::Reentry.code());
        form.set_note(
            "reason",
            reentry.then(|| t(lang, "checkin.end_reentry_hint").to_owned()),
        );
    }

    /// Ends the plan and throws the draft away, in one transaction.
    pub fn save(
        &self,
        form: &Form,
        store: &mut Store,
        lang: Lang,
        today: NaiveDate,
    ) -> Result<Saved, String> {
        let reason = form
            .choice("reason")
            .and_then(|c| AftercareEndReason::from_code(&c))
            .unwrap_or(AftercareEndReason::Other);
        let on = check::date(form, "ended_on", today).unwrap_or(today);
        let id = form.id.clone();
        let plan_id = self.plan.id;
        let result = store.write(|tx| {
            tx.end_aftercare(plan_id, reason, on)?;
            tx.delete_draft(id.kind, id.subject)
        });
        let message = tf(
            lang,
            "checkin.ended",
            &[("date", &fmt_date(on)), ("reason", &reason.label(lang))],
        );
        Saved::from_write(result, self.client_id, message, lang)
    }
}
