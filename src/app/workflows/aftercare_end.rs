//! Ending aftercare early: a reason (the client's wish, re-entry, moved, other) and a date;
//! the planned contacts are cancelled and the client's phase becomes closed.

use super::fields::l;
use super::{Committed, Cx, Facts, FormKind, Opened, Start, Workflow, running_plan};
use crate::domain::codes::{AftercareEndReason, Code};
use crate::domain::date::fmt_date;
use crate::domain::model::{AftercarePlan, Id};
use crate::form::key::{Date, One};
use crate::form::{Form, Key, check};
use crate::i18n::tf;
use crate::store::{Store, Tx};

const REASON: Key<One<AftercareEndReason>> = Key::new("reason");
const ENDED_ON: Key<Date> = Key::new("ended_on");

/// Ending a client's running aftercare plan.
pub struct EndFlow {
    client_id: Id,
    plan: AftercarePlan,
}

/// The form: reason, and the date (today).
pub fn open(start: &Start, store: &Store, cx: &Cx) -> Result<Opened, String> {
    let lang = cx.lang;
    let client_id = start.client(lang)?;
    let (plan, _) = running_plan(store, client_id, lang)?;
    let fields = vec![
        REASON
            .field(lang, l(lang, "checkin.end_reason"), 0)
            .required(),
        ENDED_ON
            .field(l(lang, "checkin.end_date"), 0)
            .required()
            .placeholder(l(lang, "form.date_hint")),
    ];
    let title = l(lang, "checkin.end_title");
    let mut form = Form::new(title.clone(), vec![title], fields, cx.today);
    form.put(ENDED_ON, Some(cx.today));
    Ok(Opened {
        form,
        flow: Box::new(EndFlow { client_id, plan }),
    })
}

impl Workflow for EndFlow {
    fn kind(&self) -> FormKind {
        FormKind::AftercareEnd
    }

    fn subject(&self) -> Id {
        self.client_id
    }

    /// The date lies between the plan's start and today; re-entry points to `R`.
    fn check(&mut self, form: &mut Form, _: &Facts, cx: &Cx) {
        let lang = cx.lang;
        check::basics(form, lang);
        if let Some(on) = form.get(ENDED_ON) {
            if on > cx.today {
                form.fail(ENDED_ON, l(lang, "intake.err.future"));
            } else if on < self.plan.starts_on {
                form.fail(ENDED_ON, l(lang, "aftercare_rule.end_before_start"));
            }
        }
        let reentry = form.get(REASON) == Some(AftercareEndReason::Reentry);
        form.set_note(REASON, reentry.then(|| l(lang, "checkin.end_reentry_hint")));
    }

    /// Ends the plan.
    fn commit(&self, form: &Form, tx: &Tx, cx: &Cx) -> crate::store::Result<Committed> {
        let lang = cx.lang;
        let reason = form.get(REASON).unwrap_or(AftercareEndReason::Other);
        let on = form.get(ENDED_ON).unwrap_or(cx.today);
        tx.end_aftercare(self.plan.id, reason, on)?;
        let message = tf(
            lang,
            "checkin.ended",
            &[("date", &fmt_date(on)), ("reason", &reason.label(lang))],
        );
        Ok(Committed::new(self.client_id, message))
    }
}
