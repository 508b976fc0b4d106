//! Paying a premium instalment (Enter on it in the agenda, `P` in the client file): the
//! instalment and the condition its scheme checks when paying are shown; it is paid on a
//! chosen date (today by default), or, when the condition was not met, forfeited on a date
//! with a reason.

use super::fields::l;
use super::{Committed, Cx, Facts, FormKind, Opened, Start, Workflow, read_failed};
use crate::domain::date::fmt_date;
use crate::domain::model::Id;
use crate::domain::money::fmt_euro;
use crate::domain::premium_pay::{forfeit_problem, not_open, pay_problem};
use crate::form::key::{Date, Info, Text, YesNo};
use crate::form::{Form, Key, check};
use crate::i18n::{t, tf};
use crate::store::premium_pay::InstalmentContext;
use crate::store::{Store, Tx};

const INSTALMENT: Key<Info> = Key::new("instalment");
const CONDITION_MET: Key<YesNo> = Key::new("condition_met");
const PAID_ON: Key<Date> = Key::new("paid_on");
const FORFEIT_REASON: Key<Text> = Key::new("forfeit_reason");
const FORFEITED_ON: Key<Date> = Key::new("forfeited_on");

/// Paying one instalment.
pub struct PayFlow {
    cx: InstalmentContext,
    /// Whether the scheme has a condition checked when paying (it can be forfeited).
    conditional: bool,
}

/// The form for the instalment of the start (from the agenda), else the client's open
/// instalment due first: what it is, its conditions (asked as yes/no when there are any),
/// and the date paid or the forfeit's date and reason.
pub fn open(start: &Start, store: &Store, cx: &Cx) -> Result<Opened, String> {
    let lang = cx.lang;
    let read = |e| read_failed(e, lang);
    let id = match start.item {
        Some(id) => id,
        None => store
            .next_open_instalment(start.client(lang)?)
            .map_err(read)?
            .ok_or_else(|| l(lang, "premium_pay.none_open"))?,
    };
    let ic = store
        .instalment_context(id)
        .map_err(read)?
        .ok_or_else(|| l(lang, "exit_rule.instalment_unknown"))?;
    if let Some(key) = not_open(&ic.instalment) {
        return Err(l(lang, key));
    }
    let i = &ic.instalment;
    let scheme = cx.assets.premium.scheme(&i.scheme);
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
    let date_hint = l(lang, "form.date_hint");
    let fields = vec![
        INSTALMENT.field(l(lang, "premium_pay.instalment"), 0),
        CONDITION_MET
            .field(l(lang, "premium_pay.condition_met"), 0)
            .required(),
        PAID_ON
            .field(l(lang, "premium_pay.paid_on"), 0)
            .required()
            .placeholder(date_hint.clone()),
        FORFEIT_REASON
            .field(l(lang, "premium_pay.forfeit_reason"), 0)
            .required(),
        FORFEITED_ON
            .field(l(lang, "premium_pay.forfeited_on"), 0)
            .required()
            .placeholder(date_hint),
    ];
    let title = l(lang, "premium_pay.title");
    let mut form = Form::new(title.clone(), vec![title], fields, cx.today);
    form.set_note(INSTALMENT, Some(what.join("\n")));
    form.put(PAID_ON, Some(cx.today));
    form.put(FORFEITED_ON, Some(cx.today));
    let flow = PayFlow {
        cx: ic,
        conditional,
    };
    // As `check` will show them, so that the focus starts on the first question asked.
    flow.show(&mut form);
    let first = if conditional {
        form.focus_on(CONDITION_MET)
    } else {
        form.focus_on(PAID_ON)
    };
    debug_assert!(first);
    Ok(Opened {
        form,
        flow: Box::new(flow),
    })
}

impl PayFlow {
    /// Whether the instalment is to be paid (no condition, or the condition met), or
    /// forfeited (`Some(false)`); `None` while the condition is not answered.
    fn paying(&self, form: &Form) -> Option<bool> {
        if self.conditional {
            form.get(CONDITION_MET)
        } else {
            Some(true)
        }
    }

    /// Shows the date paid or the forfeit's fields, as the condition was answered.
    fn show(&self, form: &mut Form) {
        let paying = self.paying(form);
        form.show(CONDITION_MET, self.conditional);
        form.show(PAID_ON, paying == Some(true));
        form.show(FORFEIT_REASON, paying == Some(false));
        form.show(FORFEITED_ON, paying == Some(false));
    }
}

impl Workflow for PayFlow {
    fn kind(&self) -> FormKind {
        FormKind::PremiumPay
    }

    fn subject(&self) -> Id {
        self.cx.client_id
    }

    /// Shows what applies; checks the dates (paid from the due date, forfeited from the
    /// exit, neither after today).
    fn check(&mut self, form: &mut Form, _: &Facts, cx: &Cx) {
        let lang = cx.lang;
        self.show(form);
        check::basics(form, lang);
        let paying = self.paying(form);
        let i = &self.cx.instalment;
        if let Some(on) = form.get(PAID_ON)
            && paying == Some(true)
            && let Some(key) = pay_problem(i, on, Some(cx.today))
        {
            let msg = match key {
                "premium_pay.before_due" => tf(lang, key, &[("due", &fmt_date(i.due_on))]),
                _ => t(lang, key).to_owned(),
            };
            form.fail(PAID_ON, msg);
        }
        if let Some(on) = form.get(FORFEITED_ON)
            && paying == Some(false)
        {
            let reason = form.get(FORFEIT_REASON);
            // A missing reason is said by the required field itself.
            let reason = if reason.is_empty() { "-" } else { &reason };
            if let Some((field, key)) =
                forfeit_problem(i, self.cx.exit_date, on, reason, Some(cx.today))
            {
                let msg = match key {
                    "premium_pay.forfeit_before_exit" => {
                        tf(lang, key, &[("exit", &fmt_date(self.cx.exit_date))])
                    }
                    _ => t(lang, key).to_owned(),
                };
                match field {
                    "reason" => form.fail(FORFEIT_REASON, msg),
                    _ => form.fail(FORFEITED_ON, msg),
                }
            }
        }
    }

    /// Pays or forfeits the instalment.
    fn commit(&self, form: &Form, tx: &Tx, cx: &Cx) -> crate::store::Result<Committed> {
        let i = &self.cx.instalment;
        let (date, key) = if self.paying(form).unwrap_or(true) {
            let on = form.get(PAID_ON).unwrap_or(cx.today);
            tx.pay_instalment(i.id, on)?;
            (on, "premium_pay.paid")
        } else {
            let on = form.get(FORFEITED_ON).unwrap_or(cx.today);
            tx.forfeit_instalment(i.id, on, &form.get(FORFEIT_REASON))?;
            (on, "premium_pay.forfeited")
        };
        let message = tf(cx.lang, key, &[("n", &i.seq), ("date", &fmt_date(date))]);
        Ok(Committed::new(self.cx.client_id, message))
    }
}
