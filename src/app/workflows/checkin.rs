//! The aftercare check-in: date, channel, reached; when reached (and with the client's
//! consent) the three questions and what follows from them. Saved through
//! `Tx::record_check_in`; the outcome (new attempt, flag, completion) goes to the status line.
//! The same form corrects a recorded check-in (`Enter` on it in the client file): its date,
//! channel and answers, prefilled; another outcome is recorded anew (see
//! `Tx::correct_check_in`).

use super::fields::l;
use super::{Committed, Cx, Facts, FormKind, Opened, Prompt, Start, Workflow, running_plan};
use crate::domain::checkin::CheckInInput;
use crate::domain::codes::{
    Channel, Code, ContactKind, ContactStatus, ReferralKind, Risk, StillWorking,
};
use crate::domain::contact_rules::records_answers;
use crate::domain::date::fmt_date;
use crate::domain::model::{AftercareContact, AftercarePlan, Id};
use crate::form::key::{Choice, Date, Many, Notes, One, Text, YesNo};
use crate::form::{Field, Form, Key, Opt, check};
use crate::i18n::{Lang, t, tf, tn};
use crate::store::aftercare_flow::CheckInSaved;
use crate::store::{Store, StoreError, Tx};

/// The planned contact recorded (its id).
const CONTACT: Key<Choice> = Key::new("contact");
pub(super) const ON: Key<Date> = Key::new("on");
pub(super) const CHANNEL: Key<One<Channel>> = Key::new("channel");
const REACHED: Key<YesNo> = Key::new("reached");
const HOW_IS_WORK: Key<Notes> = Key::new("how_is_work");
const RUNNING_INTO: Key<Notes> = Key::new("running_into");
const CAN_I_HELP: Key<Notes> = Key::new("can_i_help");
const STILL_WORKING: Key<One<StillWorking>> = Key::new("still_working");
const CONTRACT_RENEWED: Key<YesNo> = Key::new("contract_renewed");
const HOURS_CHANGED: Key<YesNo> = Key::new("hours_changed");
const BALANCE_OK: Key<YesNo> = Key::new("balance_ok");
const REFERRALS: Key<Many<ReferralKind>> = Key::new("referrals");
const RISK: Key<One<Risk>> = Key::new("risk");
const RISK_REASON: Key<Text> = Key::new("risk_reason");
pub(super) const NEXT_CONTACT: Key<Date> = Key::new("next_contact");

/// Recording a check-in on one of a client's planned contacts.
pub struct CheckInFlow {
    client_id: Id,
    plan: AftercarePlan,
    /// The planned contacts, earliest first (the contact field chooses among them).
    planned: Vec<AftercareContact>,
    /// A correction: the contact as recorded.
    editing: Option<AftercareContact>,
    /// How many tries failed in a row before this one (over all the plan's contacts).
    failed_before: u32,
    /// The closing contact was held: the plan is open only for the events to come.
    closing_held: bool,
}

/// "26-11-2026  New attempt (2)".
fn contact_label(c: &AftercareContact, lang: Lang) -> String {
    let mut s = format!("{}  {}", fmt_date(c.planned_on), c.kind.label(lang));
    if c.attempt > 1 {
        s.push_str(&format!(" ({})", c.attempt));
    }
    s
}

/// The label of a check-in field: `checkin.<name>`.
pub(super) fn label<T>(lang: Lang, key: Key<T>) -> String {
    t(lang, &format!("checkin.{}", key.name)).to_owned()
}

/// The form on the contact of the start (from the agenda), else the earliest planned
/// one; date today, channel phone.
pub fn open(kind: FormKind, start: &Start, store: &Store, cx: &Cx) -> Result<Opened, String> {
    let lang = cx.lang;
    let client_id = start.client(lang)?;
    if kind == FormKind::CheckInEdit {
        return open_recorded(start, store, cx);
    }
    let (plan, planned) = running_plan(store, client_id, lang)?;
    let contact_id = start
        .item
        .filter(|id| planned.iter().any(|c| c.id == *id))
        .or(planned.first().map(|c| c.id))
        .ok_or_else(|| l(lang, "checkin.none_planned"))?;
    let all = store
        .contacts(plan.id)
        .map_err(|e| super::read_failed(e, lang))?;
    let failed_before = crate::domain::checkin::failed_in_a_row(&all);
    let closing_held = all
        .iter()
        .any(|c| c.kind == ContactKind::Closing && c.status == ContactStatus::Done);
    let mut form = fields(planned.clone(), l(lang, "checkin.title"), cx);
    form.put(CONTACT, Some(contact_id.to_string()));
    form.put(ON, Some(cx.today));
    form.put(CHANNEL, Some(Channel::Phone));
    // The first field to fill in is "reached" (date and channel are usually right).
    form.focus_on(REACHED);
    Ok(Opened {
        form,
        flow: Box::new(CheckInFlow {
            client_id,
            plan,
            planned,
            editing: None,
            failed_before,
            closing_held,
        }),
    })
}

/// The correction of the recorded contact of the start, prefilled.
fn open_recorded(start: &Start, store: &Store, cx: &Cx) -> Result<Opened, String> {
    let lang = cx.lang;
    let read = |e| super::read_failed(e, lang);
    let id = start.item.ok_or_else(|| l(lang, "checkin.which_edit"))?;
    let c = store
        .contact(id)
        .map_err(read)?
        .ok_or_else(|| l(lang, "void.gone"))?;
    let reached = match c.status {
        ContactStatus::Done => true,
        ContactStatus::NotReached => false,
        _ => return Err(l(lang, "checkin.err.not_recorded")),
    };
    let plan = store
        .aftercare_plan_by_id(c.plan_id)
        .map_err(read)?
        .ok_or_else(|| l(lang, "void.gone"))?;
    let mut form = fields(vec![c.clone()], l(lang, "checkin.title_edit"), cx);
    form.put(CONTACT, Some(c.id.to_string()));
    form.put(ON, c.done_on);
    form.put(CHANNEL, c.channel);
    form.put(REACHED, Some(reached));
    form.put(HOW_IS_WORK, c.how_is_work.clone());
    form.put(RUNNING_INTO, c.running_into.clone());
    form.put(CAN_I_HELP, c.can_i_help.clone());
    form.put(STILL_WORKING, c.still_working);
    form.put(CONTRACT_RENEWED, c.contract_renewed);
    form.put(HOURS_CHANGED, c.hours_changed);
    form.put(BALANCE_OK, c.balance_ok);
    form.put(REFERRALS, c.referrals.clone());
    form.put(RISK, c.risk);
    form.put(RISK_REASON, c.risk_reason.clone());
    // A contact outside the schedule was held: only its date, channel and answers change.
    form.show(REACHED, c.occasion.is_none());
    form.focus_on(ON);
    Ok(Opened {
        form,
        flow: Box::new(CheckInFlow {
            client_id: start.client(lang)?,
            plan,
            planned: vec![c.clone()],
            editing: Some(c),
            failed_before: 0,
            closing_held: false,
        }),
    })
}

/// The fields of a check-in on one of `planned`.
fn fields(planned: Vec<AftercareContact>, title: String, cx: &Cx) -> Form {
    let lang = cx.lang;
    let contacts: Vec<Opt> = planned
        .iter()
        .map(|c| Opt::new(c.id.to_string(), contact_label(c, lang)))
        .collect();
    let mut contact: Field = CONTACT.field(contacts, label(lang, CONTACT), 0).required();
    contact.visible = planned.len() > 1;
    let date_hint = l(lang, "form.date_hint");
    let fields = vec![
        contact,
        ON.field(label(lang, ON), 0)
            .required()
            .placeholder(date_hint.clone()),
        CHANNEL.field(lang, label(lang, CHANNEL), 0).required(),
        REACHED.field(label(lang, REACHED), 0).required(),
    ];
    let mut fields = fields;
    fields.extend(answer_fields(lang));
    fields.push(
        NEXT_CONTACT
            .field(label(lang, NEXT_CONTACT), 0)
            .placeholder(date_hint),
    );
    Form::new(title.clone(), vec![title], fields, cx.today)
}

/// The answer fields of a contact (`contact_rules::ANSWERS`), also asked at a contact
/// outside the schedule.
pub(super) fn answer_fields(lang: Lang) -> Vec<Field> {
    vec![
        HOW_IS_WORK.field(label(lang, HOW_IS_WORK), 0),
        RUNNING_INTO.field(label(lang, RUNNING_INTO), 0),
        CAN_I_HELP.field(label(lang, CAN_I_HELP), 0),
        STILL_WORKING.field(lang, label(lang, STILL_WORKING), 0),
        CONTRACT_RENEWED.field(label(lang, CONTRACT_RENEWED), 0),
        HOURS_CHANGED.field(label(lang, HOURS_CHANGED), 0),
        BALANCE_OK.field(label(lang, BALANCE_OK), 0),
        REFERRALS.field(lang, label(lang, REFERRALS), 0),
        RISK.field(lang, label(lang, RISK), 0),
        RISK_REASON.field(label(lang, RISK_REASON), 0),
    ]
}

/// Shows the answers when they are recorded (`content`), the renewal question only when
/// asked (`renewal`); a medium or high risk needs its reason.
pub(super) fn show_answers(form: &mut Form, content: bool, renewal: bool) {
    for name in [HOW_IS_WORK, RUNNING_INTO, CAN_I_HELP] {
        form.show(name, content);
    }
    form.show(STILL_WORKING, content);
    form.show(HOURS_CHANGED, content);
    form.show(BALANCE_OK, content);
    form.show(REFERRALS, content);
    form.show(RISK, content);
    form.show(RISK_REASON, content);
    form.show(CONTRACT_RENEWED, content && renewal);
    let risky = matches!(form.get(RISK), Some(Risk::Medium | Risk::High));
    form.require(RISK_REASON, risky);
}

/// The answers shown in the form, into `input`.
pub(super) fn read_answers(form: &Form, input: &mut CheckInInput) {
    if !form.is_visible(HOW_IS_WORK) {
        return;
    }
    input.how_is_work = form.get(HOW_IS_WORK);
    input.running_into = form.get(RUNNING_INTO);
    input.can_i_help = form.get(CAN_I_HELP);
    input.still_working = form.get(STILL_WORKING);
    input.hours_changed = form.get(HOURS_CHANGED);
    input.balance_ok = form.get(BALANCE_OK);
    input.referrals = form.get(REFERRALS);
    input.risk = form.get(RISK);
    input.risk_reason = form.get(RISK_REASON);
    if form.is_visible(CONTRACT_RENEWED) {
        input.contract_renewed = form.get(CONTRACT_RENEWED);
    }
}

/// The notes under the answers: debt help to offer, a jobhunter after a contract not
/// renewed.
pub(super) fn answer_notes(form: &mut Form, lang: Lang) {
    let debt_help = form.get(REFERRALS).contains(&ReferralKind::DebtHelp);
    form.set_note(
        BALANCE_OK,
        (form.get(BALANCE_OK) == Some(false) && !debt_help)
            .then(|| l(lang, "checkin.offer_debt_help")),
    );
    form.set_note(
        CONTRACT_RENEWED,
        (form.get(CONTRACT_RENEWED) == Some(false)).then(|| l(lang, "checkin.jobhunter_after")),
    );
}

impl CheckInFlow {
    /// The contact chosen (the first planned one when the choice is empty).
    fn contact<'a>(&'a self, form: &Form) -> Option<&'a AftercareContact> {
        let chosen = form.get(CONTACT).and_then(|c| c.parse::<Id>().ok());
        self.planned
            .iter()
            .find(|c| Some(c.id) == chosen)
            .or(self.planned.first())
    }

    /// Whether event contacts are planned after the closing contact chosen: holding it
    /// leaves the plan open for them.
    fn events_after_closing(&self, form: &Form) -> bool {
        let on = self.contact(form).map(|c| c.planned_on);
        self.planned
            .iter()
            .any(|c| c.kind.is_event() && on.is_some_and(|d| c.planned_on > d))
    }

    /// Whether this plan records the answers of a check-in (`domain::contact_rules`).
    fn records_answers(&self) -> bool {
        let unplanned = self.editing.as_ref().is_some_and(|c| c.occasion.is_some());
        records_answers(self.plan.mode, self.plan.consent, unplanned)
    }

    /// Shows the answers only when reached and consented (the fields of
    /// `contact_rules::ANSWERS`); the renewal question only at a contract end; the next
    /// contact when reached (not at the closing contact).
    fn show_what_applies(&self, form: &mut Form, kind: ContactKind) {
        let reached = form.get(REACHED);
        let content = reached == Some(true) && self.records_answers();
        show_answers(form, content, kind == ContactKind::ContractEnd);
        form.show(
            NEXT_CONTACT,
            reached == Some(true) && kind != ContactKind::Closing && !self.closing_held,
        );
    }

    /// What the form holds, as the store takes it (answers only where shown).
    fn input(&self, form: &Form, cx: &Cx) -> CheckInInput {
        let on = form.get(ON).unwrap_or(cx.today);
        let channel = form.get(CHANNEL).unwrap_or(Channel::Phone);
        let reached = form.get(REACHED) == Some(true);
        let mut input = CheckInInput::new(on, channel, reached);
        if form.is_visible(NEXT_CONTACT) {
            input.next_contact = form.get(NEXT_CONTACT);
        }
        read_answers(form, &mut input);
        input
    }
}

impl Workflow for CheckInFlow {
    fn kind(&self) -> FormKind {
        match self.editing {
            Some(_) => FormKind::CheckInEdit,
            None => FormKind::CheckIn,
        }
    }

    /// A new check-in's draft is the client's; a correction's is the contact's.
    fn subject(&self) -> Id {
        self.editing.as_ref().map_or(self.client_id, |c| c.id)
    }

    /// Shows what applies; notes on what saving will do; the date and reason rules.
    fn check(&mut self, form: &mut Form, _: &Facts, cx: &Cx) {
        let lang = cx.lang;
        let kind = self
            .contact(form)
            .map_or(ContactKind::Scheduled, |c| c.kind);
        // This try failing would be the failures in a row so far, plus one.
        let attempt = self.failed_before + 1;
        self.show_what_applies(form, kind);
        check::basics(form, lang);
        if let Some(saved) = &self.editing {
            // What was planned after it follows from the outcome, which stays.
            form.show(NEXT_CONTACT, false);
            let was = saved.status == ContactStatus::Done;
            let note = form
                .get(REACHED)
                .is_some_and(|r| r != was)
                .then(|| l(lang, "checkin.outcome_again"));
            form.set_note(REACHED, note);
            if form.get(ON).is_some_and(|on| on > cx.today) {
                form.fail(ON, l(lang, "intake.err.future"));
            } else if form.get(ON).is_some_and(|on| on < self.plan.starts_on) {
                form.fail(ON, l(lang, "aftercare_rule.before_plan"));
            }
            return;
        }
        let on = form.get(ON);
        if let Some(on) = on {
            if on > cx.today {
                form.fail(ON, l(lang, "intake.err.future"));
            } else if on < self.plan.starts_on {
                form.fail(ON, l(lang, "aftercare_rule.before_plan"));
            }
        }
        if let (Some(on), Some(next)) = (on, form.get(NEXT_CONTACT))
            && next <= on
        {
            form.fail(NEXT_CONTACT, l(lang, "aftercare_rule.next_not_after"));
        }
        let cfg = &cx.assets.aftercare;
        let reached_note = match form.get(REACHED) {
            Some(false) if attempt >= cfg.flag_after_failed => Some(l(lang, "checkin.will_flag")),
            Some(false) => {
                let retry = fmt_date(cfg.retry_on(on.unwrap_or(cx.today)));
                Some(tf(lang, "checkin.will_retry", &[("date", &retry)]))
            }
            _ if !self.records_answers() => Some(l(lang, "checkin.no_consent")),
            Some(true) if kind == ContactKind::Closing && self.events_after_closing(form) => {
                Some(l(lang, "checkin.will_stay_open"))
            }
            Some(true) if kind == ContactKind::Closing => Some(l(lang, "checkin.will_complete")),
            _ => None,
        };
        form.set_note(REACHED, reached_note);
        answer_notes(form, lang);
    }

    /// Records the check-in; a contract not renewed asks about a jobhunter next.
    fn commit(&self, form: &Form, tx: &Tx, cx: &Cx) -> crate::store::Result<Committed> {
        if let Some(saved) = &self.editing {
            tx.correct_check_in(saved.id, &self.input(form, cx), &cx.assets.aftercare)?;
            return Ok(Committed::new(
                self.client_id,
                l(cx.lang, "checkin.corrected"),
            ));
        }
        let contact_id = self
            .contact(form)
            .map(|c| c.id)
            .ok_or(StoreError::Invalid("checkin.none_planned"))?;
        let input = self.input(form, cx);
        let cfg = &cx.assets.aftercare;
        let out = tx.record_check_in(contact_id, &input, cfg)?;
        Ok(Committed {
            client_id: self.client_id,
            message: outcome(&out, &input, cfg.flag_after_failed, cx.lang),
            then: out.propose_jobhunter.then_some(Prompt::Jobhunter {
                episode_id: self.plan.episode_id,
            }),
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
            None => parts.push(l(lang, "checkin.not_reached")),
        }
        if out.flagged {
            parts.push(tn(lang, "aftercare_rule.flagged", flag_after, &[]));
        }
        return parts.join(" ");
    }
    parts.push(l(lang, "checkin.saved"));
    if out.plan_completed {
        parts.push(l(lang, "aftercare_rule.completed"));
    }
    if let Some(on) = out.open_for_event {
        parts.push(tf(
            lang,
            "aftercare_rule.open_for_event",
            &[("date", &fmt_date(on))],
        ));
    }
    if let Some((_, on)) = out.extra {
        parts.push(tf(lang, "checkin.extra", &[("date", &fmt_date(on))]));
    }
    if !out.content_saved {
        parts.push(l(lang, "aftercare_rule.no_consent"));
    } else if !input.referrals.is_empty() {
        let names: Vec<&str> = input.referrals.iter().map(|r| r.label(lang)).collect();
        parts.push(tf(lang, "checkin.referred", &[("to", &names.join(", "))]));
    }
    if out.suggest_debt_help {
        parts.push(l(lang, "aftercare_rule.suggest_debt_help"));
    }
    parts.join(" ")
}
