//! A contact outside the aftercare schedule (`A` in the client file), recorded when it
//! happened, in any mode: what it was (the client called, the employer called, a workplace
//! visit, a job-coach contact, a three-way talk), who held it, date and channel, and the
//! same answers as a check-in. Saved through `Tx::record_unplanned_contact`.

use super::checkin::{
    CHANNEL, NEXT_CONTACT, ON, answer_fields, answer_notes, label, read_answers, show_answers,
};
use super::fields::l;
use super::{Committed, Cx, Facts, FormKind, Opened, Start, Workflow, read_failed};
use crate::domain::checkin::CheckInInput;
use crate::domain::codes::{AftercareMode, Channel, Code, ContactBy, ContactOccasion, PlanStatus};
use crate::domain::contact_rules::records_answers;
use crate::domain::date::fmt_date;
use crate::domain::model::{AftercarePlan, Id};
use crate::form::key::{One, YesNo};
use crate::form::{Form, Key, check};
use crate::i18n::{Lang, tf};
use crate::store::aftercare_unplanned::UnplannedInput;
use crate::store::{Store, StoreError, Tx};
use chrono::NaiveDate;

const OCCASION: Key<One<ContactOccasion>> = Key::new("occasion");
const HELD_BY: Key<One<ContactBy>> = Key::new("held_by");
/// Under declined aftercare: the client consents now to recording this contact.
const CONSENT_NOW: Key<YesNo> = Key::new("consent_now");

/// Recording a contact outside the schedule for a client who left benefit.
pub struct UnplannedFlow {
    client_id: Id,
    /// The exit the contact follows.
    exit_date: NaiveDate,
    /// The exit's plan; `None` when aftercare was declined and nothing was recorded yet.
    plan: Option<AftercarePlan>,
}

/// The label of a field of this form: `unplanned.<name>`, or the check-in's for the rest.
fn own_label<T>(lang: Lang, key: Key<T>) -> String {
    l(lang, &format!("unplanned.{}", key.name))
}

/// The form: occasion first, held by the caseworker, today, by phone.
pub fn open(start: &Start, store: &Store, cx: &Cx) -> Result<Opened, String> {
    let lang = cx.lang;
    let client_id = start.client(lang)?;
    let (exit_date, plan) = store.unplanned_target(client_id).map_err(|e| match e {
        StoreError::Invalid(key) => l(lang, key),
        e => read_failed(e, lang),
    })?;
    let date_hint = l(lang, "form.date_hint");
    let mut fields = vec![
        OCCASION
            .field(lang, own_label(lang, OCCASION), 0)
            .required(),
        HELD_BY.field(lang, own_label(lang, HELD_BY), 0).required(),
        ON.field(label(lang, ON), 0)
            .required()
            .placeholder(date_hint.clone()),
        CHANNEL.field(lang, label(lang, CHANNEL), 0).required(),
        CONSENT_NOW
            .field(own_label(lang, CONSENT_NOW), 0)
            .required(),
    ];
    fields.extend(answer_fields(lang));
    fields.push(
        NEXT_CONTACT
            .field(label(lang, NEXT_CONTACT), 0)
            .placeholder(date_hint),
    );
    let title = l(lang, "unplanned.title");
    let mut form = Form::new(title.clone(), vec![title], fields, cx.today);
    form.put(HELD_BY, Some(ContactBy::Caseworker));
    form.put(ON, Some(cx.today));
    form.put(CHANNEL, Some(Channel::Phone));
    form.focus_on(OCCASION);
    Ok(Opened {
        form,
        flow: Box::new(UnplannedFlow {
            client_id,
            exit_date,
            plan,
        }),
    })
}

impl UnplannedFlow {
    /// Under declined aftercare (with or without a plan holding such contacts).
    fn declined(&self) -> bool {
        self.plan
            .as_ref()
            .is_none_or(|p| p.mode == AftercareMode::Declined)
    }

    /// Whether the answers are recorded: with the consent of the exit, or (declined) the
    /// consent given now.
    fn records(&self, form: &Form) -> bool {
        match &self.plan {
            Some(p) if p.mode != AftercareMode::Declined => {
                records_answers(p.mode, p.consent, true)
            }
            _ => form.get(CONSENT_NOW) == Some(true),
        }
    }

    fn running(&self) -> bool {
        self.plan
            .as_ref()
            .is_some_and(|p| p.status == PlanStatus::Active)
    }

    fn input(&self, form: &Form, cx: &Cx) -> UnplannedInput {
        let on = form.get(ON).unwrap_or(cx.today);
        let mut contact = CheckInInput::new(on, form.get(CHANNEL).unwrap_or(Channel::Phone), true);
        if form.is_visible(NEXT_CONTACT) {
            contact.next_contact = form.get(NEXT_CONTACT);
        }
        read_answers(form, &mut contact);
        UnplannedInput {
            occasion: form.get(OCCASION).unwrap_or(ContactOccasion::ClientCalled),
            held_by: form.get(HELD_BY).unwrap_or(ContactBy::Caseworker),
            contact,
            consent_now: form.get(CONSENT_NOW) == Some(true),
        }
    }
}

impl Workflow for UnplannedFlow {
    fn kind(&self) -> FormKind {
        FormKind::Unplanned
    }

    fn subject(&self) -> Id {
        self.client_id
    }

    /// Consent is asked only under declined aftercare (and needed there); the answers show
    /// when they are recorded; the date lies between the exit and today.
    fn check(&mut self, form: &mut Form, _: &Facts, cx: &Cx) {
        let lang = cx.lang;
        form.show(CONSENT_NOW, self.declined());
        show_answers(form, self.records(form), false);
        form.show(NEXT_CONTACT, self.running());
        check::basics(form, lang);
        if self.declined() && form.get(CONSENT_NOW) == Some(false) {
            form.fail(CONSENT_NOW, l(lang, "unplanned.err.declined_no_consent"));
        }
        let on = form.get(ON);
        if let Some(on) = on {
            if on > cx.today {
                form.fail(ON, l(lang, "intake.err.future"));
            } else if on < self.exit_date {
                form.fail(ON, l(lang, "aftercare_rule.before_plan"));
            }
        }
        if let (Some(on), Some(next)) = (on, form.get(NEXT_CONTACT))
            && next <= on
        {
            form.fail(NEXT_CONTACT, l(lang, "aftercare_rule.next_not_after"));
        }
        let note = (!self.declined() && !self.records(form)).then(|| l(lang, "checkin.no_consent"));
        form.set_note(OCCASION, note);
        answer_notes(form, lang);
    }

    fn commit(&self, form: &Form, tx: &Tx, cx: &Cx) -> crate::store::Result<Committed> {
        let input = self.input(form, cx);
        let out = tx.record_unplanned_contact(self.client_id, &input)?;
        let lang = cx.lang;
        let mut message = tf(
            lang,
            "unplanned.saved",
            &[
                ("what", &input.occasion.label(lang)),
                ("date", &fmt_date(input.contact.on)),
            ],
        );
        if !out.content_saved {
            message.push(' ');
            message.push_str(&l(lang, "aftercare_rule.no_consent"));
        }
        Ok(Committed::new(self.client_id, message))
    }
}
