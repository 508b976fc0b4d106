//! The aftercare check-in: date, channel, reached; when reached (and with the client's
//! consent) the three questions and what follows from them. Saved through
//! `Tx::record_check_in`; the outcome (new attempt, flag, completion) goes to the status line.

use super::fields::opts;
use super::{Cx, Prompt, Saved};
use crate::assets::Assets;
use crate::domain::checkin::CheckInInput;
use crate::domain::codes::{Channel, Code, ContactKind, ReferralKind, Risk, StillWorking};
use crate::domain::contact_rules::{ANSWERS, records_answers};
use crate::domain::date::fmt_date;
use crate::domain::model::{AftercareContact, AftercarePlan, Id};
use crate::form::{Field, Form, FormId, Kind, Opt, check};
use crate::i18n::{Lang, t, tf};
use crate::store::Store;
use crate::store::aftercare_flow::CheckInSaved;
use chrono::NaiveDate;
use serde_json::json;

/// Recording a check-in on one of a client's planned contacts.
pub struct CheckInFlow {
    pub client_id: Id,
    pub plan: AftercarePlan,
    /// The planned contacts, earliest first (the contact field chooses among them).
    planned: Vec<AftercareContact>,
    /// After the save: the contract was not renewed, assign a jobhunter? Taken once.
    pub prompt: Option<Prompt>,
}

/// "26-11-2026  New attempt (2)".
fn contact_label(c: &AftercareContact, lang: Lang) -> String {
    let mut s = format!("{}  {}", fmt_date(c.planned_on), c.kind.label(lang));
    if c.attempt > 1 {
        s.push_str(&format!(" ({})", c.attempt));
    }
    s
}

fn field(key: &str, lang: Lang, kind: Kind) -> Field {
    Field::new(key, t(lang, &format!("checkin.{key}")), kind, 0)
}

impl CheckInFlow {
    /// The form on `contact_id` (one of `planned`), date today, channel phone.
    pub fn form(
        client_id: Id,
        plan: AftercarePlan,
        planned: Vec<AftercareContact>,
        contact_id: Id,
        lang: Lang,
        today: NaiveDate,
    ) -> (Form, CheckInFlow) {
        let contacts: Vec<Opt> = planned
            .iter()
            .map(|c| Opt::new(c.id.to_string(), contact_label(c, lang)))
            .collect();
        let mut contact = field("contact", lang, Kind::Choice(contacts)).required();
        contact.visible = planned.len() > 1;
        let fields = vec![
            contact,
            field("on", lang, Kind::Date)
                .required()
                .placeholder(t(lang, "form.date_hint")),
            field("channel", lang, Kind::Choice(opts::<Channel>(lang))).required(),
            field("reached", lang, Kind::YesNo).required(),
            field("how_is_work", lang, Kind::Notes),
            field("running_into", lang, Kind::Notes),
            field("can_i_help", lang, Kind::Notes),
            field(
                "still_working",
                lang,
                Kind::Choice(opts::<StillWorking>(lang)),
            ),
            field("contract_renewed", lang, Kind::YesNo),
            field("hours_changed", lang, Kind::YesNo),
            field("balance_ok", lang, Kind::YesNo),
            field("referrals", lang, Kind::Multi(opts::<ReferralKind>(lang))),
            field("risk", lang, Kind::Choice(opts::<Risk>(lang))),
            field("risk_reason", lang, Kind::Text),
            field("next_contact", lang, Kind::Date).placeholder(t(lang, "form.date_hint")),
        ];
        let title = t(lang, "checkin.title").to_owned();
        let mut form = Form::new(
            FormId {
                kind: "checkin",
                subject: client_id,
            },
            title.clone(),
            vec![title],
            fields,
        );
        form.prefill("contact", json!(contact_id.to_string()));
        form.prefill("on", json!(fmt_date(today)));
        form.prefill("channel", json!(Channel::Phone.code()));
        // The first field to fill in is "reached" (date and channel are usually right).
        while form.focused().key != "reached" && form.next_field() {}
        (
            form,
            CheckInFlow {
                client_id,
                plan,
                planned,
                prompt: None,
            },
        )
    }

    /// The contact chosen (the first planned one when the choice is empty).
    fn contact<'a>(&'a self, form: &Form) -> Option<&'a AftercareContact> {
        let chosen = form.choice("contact").and_then(|c| c.parse::<Id>().ok());
        self.planned
            .iter()
            .find(|c| Some(c.id) == chosen)
            .or(self.planned.first())
    }

    /// Shows the content only when reached and consented; the renewal question only at a
    /// contract end; notes on what saving will do; the date and reason rules.
    pub fn refresh(&mut self, form: &mut Form, cx: &Cx) {
        let lang = cx.lang;
        let (kind, attempt) = self
            .contact(form)
            .map_or((ContactKind::Scheduled, 1), |c| (c.kind, c.attempt));
        let reached = form.yes_no("reached");
        let content = reached == Some(true) && records_answers(self.plan.mode, self.plan.consent);
        // The answers, recorded only with the client's consent and only when reached.
        for key in ANSWERS {
            form.set_visible(key, content);
        }
        form.set_visible(
            "contract_renewed",
            content && kind == ContactKind::ContractEnd,
        );
        form.set_visible(
            "next_contact",
            reached == Some(true) && kind != ContactKind::Closing,
        );
        let risky = matches!(
            form.choice("risk").and_then(|r| Risk::from_code(&r)),
            Some(Risk::Medium | Risk::High)
        );
        if let Some(f) = form.field_mut("risk_reason") {
            f.required = risky;
        }
        check::basics(form, lang, cx.today);
        let on = check::date(form, "on", cx.today);
        if let Some(on) = on {
            if on > cx.today {
                check::fail(form, "on", t(lang, "intake.err.future").to_owned());
            } else if on < self.plan.starts_on {
                check::fail(form, "on", t(lang, "aftercare_rule.before_plan").to_owned());
            }
        }
        if let (Some(on), Some(next)) = (on, check::date(form, "next_contact", cx.today))
            && next <= on
        {
            let msg = t(lang, "aftercare_rule.next_not_after").to_owned();
            check::fail(form, "next_contact", msg);
        }
        let cfg = &cx.assets.aftercare;
        let reached_note = match reached {
            Some(false) if attempt >= cfg.flag_after_failed => {
                Some(t(lang, "checkin.will_flag").to_owned())
            }
            Some(false) => {
                let retry = fmt_date(cfg.retry_on(on.unwrap_or(cx.today)));
                Some(tf(lang, "checkin.will_retry", &[("date", &retry)]))
            }
            _ if !records_answers(self.plan.mode, self.plan.consent) => {
                Some(t(lang, "checkin.no_consent").to_owned())
            }
            Some(true) if kind == ContactKind::Closing => {
                Some(t(lang, "checkin.will_complete").to_owned())
            }
            _ => None,
        };
        form.set_note("reached", reached_note);
        let debt_help = form
            .multi("referrals")
            .iter()
            .any(|r| r == ReferralKind::DebtHelp.code());
        form.set_note(
            "balance_ok",
            (form.yes_no("balance_ok") == Some(false) && !debt_help)
                .then(|| t(lang, "checkin.offer_debt_help").to_owned()),
        );
        form.set_note(
            "contract_renewed",
            (form.yes_no("contract_renewed") == Some(false))
                .then(|| t(lang, "checkin.jobhunter_after").to_owned()),
        );
    }

    /// What the form holds, as the store takes it (content only where shown).
    fn input(&self, form: &Form, today: NaiveDate) -> CheckInInput {
        let on = check::date(form, "on", today).unwrap_or(today);
        let channel = form
            .choice("channel")
            .and_then(|c| Channel::from_code(&c))
            .unwrap_or(Channel::Phone);
        let reached = form.yes_no("reached") == Some(true);
        let mut input = CheckInInput::new(on, channel, reached);
        let shown = |k: &str| form.field(k).is_some_and(|f| f.visible);
        if shown("next_contact") {
            input.next_contact = check::date(form, "next_contact", today);
        }
        if !shown("how_is_work") {
            return input;
        }
        input.how_is_work = form.text("how_is_work");
        input.running_into = form.text("running_into");
        input.can_i_help = form.text("can_i_help");
        input.still_working = form
            .choice("still_working")
            .and_then(|c| StillWorking::from_code(&c));
        input.hours_changed = form.yes_no("hours_changed");
        input.balance_ok = form.yes_no("balance_ok");
        input.referrals = form
            .multi("referrals")
            .iter()
            .filter_map(|c| ReferralKind::from_code(c))
            .collect();
        input.risk = form.choice("risk").and_then(|c| Risk::from_code(&c));
        input.risk_reason = form.text("risk_reason");
        if shown("contract_renewed") {
            input.contract_renewed = form.yes_no("contract_renewed");
        }
        input
    }

    /// Records the check-in and throws the draft away, in one transaction.
    pub fn save(
        &mut self,
        form: &Form,
        store: &mut Store,
        lang: Lang,
        today: NaiveDate,
        assets: &Assets,
    ) -> Result<Saved, String> {
        let Some(contact_id) = self.contact(form).map(|c| c.id) else {
            return Err(t(lang, "checkin.none_planned").to_owned());
        };
        let input = self.input(form, today);
        let id = form.id.clone();
        let cfg = &assets.aftercare;
        let result = store.write(|tx| {
            let out = tx.record_check_in(contact_id, &input, cfg)?;
            tx.delete_draft(id.kind, id.subject)?;
            Ok(out)
        });
        let out = match result {
            Ok(out) => out,
            Err(e) => {
                return Saved::from_write(Err::<(), _>(e), self.client_id, String::new(), lang);
            }
        };
        if out.propose_jobhunter {
            self.prompt = Some(Prompt::Jobhunter {
                client_id: self.client_id,
                episode_id: self.plan.episode_id,
            });
        }
        Ok(Saved {
            client_id: self.client_id,
            message: outcome(&out, &input, cfg.flag_after_failed, lang),
        })
    }
}

/// The status line after a check-in: what was saved and what happens next.
pub fn outcome(out: &CheckInSaved, input: &CheckInInput, flag_after: u32, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !input.reached {
        match out.retry {
            Some((_, on)) => {
                parts.push(tf(lang, "aftercare_rule.retry", &[("date", &fmt_date(on))]))
            }
            None => parts.push(t(lang, "checkin.not_reached").to_owned()),
        }
        if out.flagged {
            parts.push(tf(lang, "aftercare_rule.flagged", &[("n", &flag_after)]));
        }
        return parts.join(" ");
    }
    parts.push(t(lang, "checkin.saved").to_owned());
    if out.plan_completed {
        parts.push(t(lang, "aftercare_rule.completed").to_owned());
    }
    if let Some((_, on)) = out.extra {
        parts.push(tf(lang, "checkin.extra", &[("date", &fmt_date(on))]));
    }
    if !out.content_saved {
        parts.push(t(lang, "aftercare_rule.no_consent").to_owned());
    } else if !input.referrals.is_empty() {
        let names: Vec<&str> = input.referrals.iter().map(|r| r.label(lang)).collect();
        parts.push(tf(lang, "checkin.referred", &[("to", &names.join(", "))]));
    }
    if out.suggest_debt_help {
        parts.push(t(lang, "aftercare_rule.suggest_debt_help").to_owned());
    }
    parts.join(" ")
}
