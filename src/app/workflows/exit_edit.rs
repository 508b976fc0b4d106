//! Correcting a saved exit interview (`x` on a client whose latest period has ended):
//! the exit form, prefilled with every saved field and held to the same checks, plus the
//! rules a correction must keep (a payment or a check-in that is kept cannot fall before
//! the exit; a paid premium stays granted). Its draft is kept under the period.

use super::exit::*;
use super::fields::l;
use super::{Cx, Facts, Opened, Start, Workflow, read_failed};
use crate::domain::codes::{Code, ContactStatus};
use crate::domain::date::fmt_date;
use crate::domain::model::{ExitInterview, Id};
use crate::domain::money::fmt_euro;
use crate::form::Form;
use crate::i18n::tf;
use crate::store::Store;
use chrono::NaiveDate;

/// What a correction keeps, and the period it corrects.
pub struct Edit {
    pub episode_id: Id,
    /// The schemes and days of the instalments paid or forfeited.
    paid: Vec<(String, NaiveDate)>,
    /// The days of the check-ins held.
    held: Vec<NaiveDate>,
}

impl Edit {
    /// The rules of a correction, at the fields they are about.
    pub fn check(&self, form: &mut Form, cx: &Cx) {
        let lang = cx.lang;
        if let Some(x) = form.get(EXIT_DATE) {
            if self.paid.iter().any(|(_, d)| *d < x) {
                form.fail(EXIT_DATE, l(lang, "exit_edit.paid_before_exit"));
            }
            if self.held.iter().any(|d| *d < x) {
                form.fail(EXIT_DATE, l(lang, "exit_edit.contact_before_exit"));
            }
        }
        let premium = form.get(PREMIUM).filter(|p| p != "none");
        if self
            .paid
            .iter()
            .any(|(s, _)| premium.as_deref() != Some(s.as_str()))
        {
            form.fail(PREMIUM, l(lang, "exit_edit.premium_paid"));
        }
    }
}

/// The form on the period of the start (`None`: the client's latest), prefilled.
pub fn open(start: &Start, store: &Store, cx: &Cx) -> Result<Opened, String> {
    let lang = cx.lang;
    let read = |e| read_failed(e, lang);
    let episode_id = super::exited_period(start, store, lang)?;
    let ctx = store.exit_edit_context(episode_id).map_err(read)?;
    let episode = ctx.episode.clone();
    let saved = store
        .exit_interview(episode_id)
        .map_err(read)?
        .ok_or_else(|| l(lang, "exit_edit.no_exit"))?;
    let stored = store.episode(episode_id).map_err(read)?;
    let stored = stored.ok_or_else(|| l(lang, "exit_edit.gone"))?;
    let mut kept = Vec::new();
    let mut paid = Vec::new();
    for p in store.instalments(episode_id).map_err(read)? {
        let (key, on) = match (p.paid_on, p.forfeited_on) {
            (Some(d), _) => ("exit_edit.kept_paid", d),
            (None, Some(d)) => ("exit_edit.kept_forfeited", d),
            _ => continue,
        };
        kept.push(tf(
            lang,
            key,
            &[
                ("n", &p.seq),
                ("amount", &fmt_euro(p.amount_cents, lang)),
                ("date", &fmt_date(on)),
            ],
        ));
        paid.push((p.scheme.clone(), on));
    }
    let mut held = Vec::new();
    if let Some(plan) = store.aftercare_plan(episode_id).map_err(read)? {
        for c in store.contacts(plan.id).map_err(read)? {
            if matches!(c.status, ContactStatus::Done | ContactStatus::NotReached) {
                let on = c.done_on.unwrap_or(c.planned_on);
                kept.push(tf(
                    lang,
                    "exit_edit.kept_contact",
                    &[("date", &fmt_date(on)), ("status", &c.status.label(lang))],
                ));
                held.push(on);
            }
        }
    }
    let (mut form, mut flow) = build(episode.client_id, ctx, l(lang, "exit_edit.title"), cx);
    prefill(&mut form, &flow, &saved, cx);
    form.put(EXIT_DATE, stored.exit_date);
    form.put(LAST_PAYMENT, stored.last_payment_date);
    form.put(REASON, stored.exit_reason);
    // The premium's choices come from the rules, which look at what is prefilled.
    flow.check(&mut form, &Facts::default(), cx);
    form.put(
        PREMIUM,
        Some(saved.premium_scheme.unwrap_or_else(|| "none".to_owned())),
    );
    if !kept.is_empty() {
        form.show(KEPT, true);
        form.set_note(KEPT, Some(kept.join("\n")));
    }
    flow.edit = Some(Edit {
        episode_id,
        paid,
        held,
    });
    Ok(Opened {
        form,
        flow: Box::new(flow),
    })
}

/// Puts every saved field of the interview in the form.
fn prefill(form: &mut Form, flow: &ExitFlow, x: &ExitInterview, cx: &Cx) {
    form.put(HELD_ON, Some(x.held_on));
    form.put(EMPLOYER, x.employer.clone());
    form.put(JOB_TITLE, x.job_title.clone());
    form.put(CONTRACT_TYPE, x.contract_type);
    form.put(CONTRACT_END, x.contract_end);
    form.put(
        HOURS,
        x.hours_per_week
            .map(|h| h.show(cx.lang))
            .unwrap_or_default(),
    );
    form.put(INDEPENDENCE, x.independence);
    let found = match (x.found_via_trajectory_id, x.found_via) {
        (Some(id), _) => Some(id.to_string()),
        (None, Some(_)) => Some("own".to_owned()),
        (None, None) => None,
    };
    form.put(FOUND_VIA, found);
    form.put(FIRST_WORK_DAY, x.first_work_day);
    form.put(EMPLOYER_CONSENT, x.employer_contact.consent);
    form.put(MOVE_CONSENT, x.move_consent);
    form.put(EMPLOYER_NAME, x.employer_contact.name.clone());
    form.put(EMPLOYER_PHONE, x.employer_contact.phone.clone());
    form.put(STUDY_END, x.study_end);
    form.put(JOB_AGREEMENT, x.job_agreement);
    form.put(SANCTION_24_MONTHS, x.sanction_24_months);
    for (i, item) in cx.assets.checklist.items.iter().enumerate() {
        if let Some(c) = x.checklist.iter().find(|c| c.item == item.key) {
            form.put(flow.checklist.at(i + 1, DISCUSSED), Some(c.discussed));
            form.put(flow.checklist.at(i + 1, CHECK_NOTE), c.note.clone());
        }
    }
    form.put(AFTERCARE, Some(x.aftercare_offer));
    form.put(CONSENT, Some(x.aftercare_consent));
}
