//! Paying a premium instalment (Enter on it in the agenda, `P` in the client file): the
//! instalment and the condition its scheme checks when paying are shown; it is paid on a
//! chosen date (today by default), or, when the condition was not met, forfeited on a date
//! with a reason. One transaction.

use super::fields::l;
use super::{Cx, Saved};
use crate::domain::date::fmt_date;
use crate::domain::model::Id;
use crate::domain::money::fmt_euro;
use crate::domain::premium_pay::{forfeit_problem, pay_problem};
use crate::form::{Field, Form, FormId, Kind, check};
use crate::i18n::{Lang, tf};
use crate::store::Store;
use crate::store::premium_pay::InstalmentContext;
use chrono::NaiveDate;
use serde_json::json;

/// Paying one instalment.
pub struct PayFlow {
    pub client_id: Id,
    cx: InstalmentContext,
    /// Whether the scheme has a condition checked when paying (it can be forfeited).
    conditional: bool,
}

impl PayFlow {
    /// The form for an instalment: what it is, its conditions (asked as yes/no when there
    /// are any), and the date paid or the forfeit's date and reason.
    pub fn form(cx: InstalmentContext, flow_cx: &Cx) -> (Form, PayFlow) {
        let (lang, today) = (flow_cx.lang, flow_cx.today);
        let i = &cx.instalment;
        let scheme = flow_cx.assets.premium.scheme(&i.scheme);
        let conditions = scheme
            .map(|s| s.conditions_at_payment(i.uplift.as_deref(), lang))
            .unwrap_or_default();
        let mut what = vec![tf(
            lang,
            "premium_pay.what",
            &[
                ("n", &i.seq),
                ("amount", &fmt_euro(i.amount_cents, lang)),
                ("due", &fmt_date(i.due_on)),
            ],
        )];
        if let Some(s) = scheme {
            what.push(s.name(lang).to_owned());
        }
        if let Some(u) = i.uplift.as_deref() {
            let name = scheme.and_then(|s| s.uplift(u)).map_or(u, |x| x.name(lang));
            what.push(tf(lang, "premium_pay.uplift", &[("name", &name)]));
        }
        let conditional = !conditions.is_empty();
        if conditional {
            let c = conditions.join("; ");
            what.push(tf(lang, "premium_pay.condition", &[("condition", &c)]));
        }
        let mut fields = vec![
            Field::new(
                "instalment",
                l(lang, "premium_pay.instalment"),
                Kind::Info,
                0,
            ),
            Field::new(
                "condition_met",
                l(lang, "premium_pay.condition_met"),
                Kind::YesNo,
                0,
            )
            .required(),
            Field::new("paid_on", l(lang, "premium_pay.paid_on"), Kind::Date, 0)
                .required()
                .placeholder(l(lang, "form.date_hint")),
            Field::new(
                "forfeit_reason",
                l(lang, "premium_pay.forfeit_reason"),
                Kind::Text,
                0,
            )
            .required(),
            Field::new(
                "forfeited_on",
                l(lang, "premium_pay.forfeited_on"),
                Kind::Date,
                0,
            )
            .required()
            .placeholder(l(lang, "form.date_hint")),
        ];
        fields[0].note = Some(what.join("\n"));
        // As `refresh` will show them, so the focus starts on the first question asked.
        fields[1].visible = conditional;
        fields[2].visible = !conditional;
        fields[3].visible = false;
        fields[4].visible = false;
        let title = l(lang, "premium_pay.title");
        let mut form = Form::new(
            FormId {
                kind: "premium_pay",
                subject: cx.client_id,
            },
            title.clone(),
            vec![title],
            fields,
        );
        form.prefill("paid_on", json!(fmt_date(today)));
        form.prefill("forfeited_on", json!(fmt_date(today)));
        let flow = PayFlow {
            client_id: cx.client_id,
            cx,
            conditional,
        };
        (form, flow)
    }

    /// Whether the instalment is to be paid (no condition, or the condition met), or
    /// forfeited (`Some(false)`); `None` while the condition is not answered.
    fn paying(&self, form: &Form) -> Option<bool> {
        if self.conditional {
            form.yes_no("condition_met")
        } else {
            Some(true)
        }
    }

    /// Shows the date paid or the forfeit's fields, as the condition was answered; checks
    /// the dates (paid from the due date, forfeited from the exit, neither after today).
    pub fn refresh(&mut self, form: &mut Form, cx: &Cx) {
        let (lang, today) = (cx.lang, cx.today);
        let paying = self.paying(form);
        form.set_visible("condition_met", self.conditional);
        form.set_visible("paid_on", paying == Some(true));
        form.set_visible("forfeit_reason", paying == Some(false));
        form.set_visible("forfeited_on", paying == Some(false));
        check::basics(form, lang, today);
        let i = &self.cx.instalment;
        if let Some(on) = check::date(form, "paid_on", today)
            && paying == Some(true)
            && let Some(key) = pay_problem(i, on, Some(today))
        {
            let msg = tf(lang, key, &[("due", &fmt_date(i.due_on))]);
            check::fail(form, "paid_on", msg);
        }
        if let Some(on) = check::date(form, "forfeited_on", today)
            && paying == Some(false)
        {
            let reason = form.text("forfeit_reason");
            // A missing reason is said by the required field itself.
            let reason = if reason.trim().is_empty() {
                "-"
            } else {
                &reason
            };
            if let Some((field, key)) =
                forfeit_problem(i, self.cx.exit_date, on, reason, Some(today))
            {
                let field = if field == "on" { "forfeited_on" } else { field };
                let msg = tf(lang, key, &[("exit", &fmt_date(self.cx.exit_date))]);
                check::fail(form, field, msg);
            }
        }
    }

    /// Pays or forfeits the instalment and throws the draft away, in one transaction.
    pub fn save(
        &self,
        form: &Form,
        store: &mut Store,
        lang: Lang,
        today: NaiveDate,
    ) -> Result<Saved, String> {
        let id = self.cx.instalment.id;
        let seq = self.cx.instalment.seq;
        let draft = form.id.clone();
        let paying = self.paying(form).unwrap_or(true);
        let (key, on) = if paying {
            ("paid_on", "premium_pay.paid")
        } else {
            ("forfeited_on", "premium_pay.forfeited")
        };
        let date = check::date(form, key, today).unwrap_or(today);
        let reason = form.text("forfeit_reason");
        let result = store.write(|tx| {
            if paying {
                tx.pay_instalment(id, date)?;
            } else {
                tx.forfeit_instalment(id, date, &reason)?;
            }
            tx.delete_draft(draft.kind, draft.subject)
        });
        let message = tf(lang, on, &[("n", &seq), ("date", &fmt_date(date))]);
        Saved::from_write(result, self.client_id, message, lang)
    }
}
