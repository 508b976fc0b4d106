//! The written form of the journey of a benefit period: trajectories with their events and
//! reviews, and the exit interview with its checklist, premium and aftercare.

use super::refs::{Kind, Positions};
use super::write::code;
use crate::domain::codes::Code;
use crate::domain::hours::Hours;
use crate::domain::model::{AftercareContact, AftercarePlan, ChecklistEntry, PremiumInstalment};
use crate::domain::record::{ExitRecord, TrajectoryRecord};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct TrajectoryOut<'a> {
    instrument: &'a str,
    instrument_name: &'a str,
    provider: &'a str,
    status: &'static str,
    referred_on: NaiveDate,
    start_date: Option<NaiveDate>,
    planned_end: Option<NaiveDate>,
    ended_on: Option<NaiveDate>,
    goal: &'a str,
    cost_cents: Option<i64>,
    funding: &'a str,
    review_interval_months: u32,
    next_review: Option<NaiveDate>,
    result: Option<&'static str>,
    stop_reason: Option<&'a str>,
    events: Vec<EventOut<'a>>,
    reviews: Vec<ReviewOut<'a>>,
}

#[derive(Serialize)]
struct EventOut<'a> {
    on_date: NaiveDate,
    status: &'static str,
    note: &'a str,
}

#[derive(Serialize)]
struct ReviewOut<'a> {
    reviewed_on: NaiveDate,
    progress: &'a str,
    assessment: Option<String>,
    next_review: Option<NaiveDate>,
}

/// A trajectory as written; its reviews name their assessments by position.
pub(super) fn trajectory<'a>(t: &'a TrajectoryRecord, pos: &Positions) -> TrajectoryOut<'a> {
    let tr = &t.trajectory;
    TrajectoryOut {
        instrument: &tr.instrument,
        instrument_name: &tr.instrument_name,
        provider: &tr.provider,
        status: tr.status.code(),
        referred_on: tr.referred_on,
        start_date: tr.start_date,
        planned_end: tr.planned_end,
        ended_on: tr.ended_on,
        goal: &tr.goal,
        cost_cents: tr.cost_cents,
        funding: &tr.funding,
        review_interval_months: tr.review_interval_months,
        next_review: tr.next_review,
        result: code(tr.result),
        stop_reason: tr.stop_reason.as_deref(),
        events: t
            .events
            .iter()
            .map(|e| EventOut {
                on_date: e.on_date,
                status: e.status.code(),
                note: &e.note,
            })
            .collect(),
        reviews: t
            .reviews
            .iter()
            .map(|r| ReviewOut {
                reviewed_on: r.reviewed_on,
                progress: &r.progress,
                assessment: pos.reference(Kind::Assessments, r.assessment_id),
                next_review: r.next_review,
            })
            .collect(),
    }
}

#[derive(Serialize)]
pub(super) struct ExitOut<'a> {
    held_on: NaiveDate,
    employer: &'a str,
    job_title: &'a str,
    contract_type: Option<&'static str>,
    contract_end: Option<NaiveDate>,
    hours_per_week: Option<Hours>,
    independence: Option<&'static str>,
    job_agreement: Option<bool>,
    sanction_24_months: Option<bool>,
    found_via: Option<&'static str>,
    found_via_trajectory: Option<String>,
    first_work_day: Option<NaiveDate>,
    study_end: Option<NaiveDate>,
    aftercare_offer: &'static str,
    aftercare_consent: bool,
    premium_scheme: Option<&'a str>,
    premium_granted: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    employer_contact_consent: Option<bool>,
    #[serde(skip_serializing_if = "str::is_empty")]
    employer_contact_name: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    employer_contact_phone: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    move_consent: Option<bool>,
    checklist: Vec<ChecklistOut<'a>>,
    premium_instalments: Vec<InstalmentOut<'a>>,
    aftercare: Option<AftercareOut<'a>>,
}

#[derive(Serialize)]
struct ChecklistOut<'a> {
    item: &'a str,
    discussed: bool,
    note: &'a str,
}

#[derive(Serialize)]
struct InstalmentOut<'a> {
    scheme: &'a str,
    seq: u32,
    due_on: NaiveDate,
    amount_cents: i64,
    paid_on: Option<NaiveDate>,
    cancelled_on: Option<NaiveDate>,
    forfeited_on: Option<NaiveDate>,
    forfeit_reason: &'a str,
    uplift: Option<&'a str>,
}

#[derive(Serialize)]
struct AftercareOut<'a> {
    mode: &'static str,
    consent: bool,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    status: &'static str,
    end_reason: Option<&'static str>,
    ended_on: Option<NaiveDate>,
    extended: bool,
    flagged: bool,
    contacts: Vec<ContactOut<'a>>,
}

#[derive(Serialize)]
struct ContactOut<'a> {
    planned_on: NaiveDate,
    kind: &'static str,
    status: &'static str,
    attempt: u32,
    done_on: Option<NaiveDate>,
    channel: Option<&'static str>,
    how_is_work: &'a str,
    running_into: &'a str,
    can_i_help: &'a str,
    still_working: Option<&'static str>,
    hours_changed: Option<bool>,
    balance_ok: Option<bool>,
    risk: Option<&'static str>,
    risk_reason: &'a str,
    contract_renewed: Option<bool>,
    referrals: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    occasion: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    held_by: Option<&'static str>,
}

/// The exit interview as written; the trajectory the job came through named by position.
pub(super) fn exit<'a>(x: &'a ExitRecord, pos: &Positions) -> ExitOut<'a> {
    let i = &x.interview;
    ExitOut {
        held_on: i.held_on,
        employer: &i.employer,
        job_title: &i.job_title,
        contract_type: code(i.contract_type),
        contract_end: i.contract_end,
        hours_per_week: i.hours_per_week,
        independence: code(i.independence),
        job_agreement: i.job_agreement,
        sanction_24_months: i.sanction_24_months,
        found_via: code(i.found_via),
        found_via_trajectory: pos.reference(Kind::Trajectories, i.found_via_trajectory_id),
        first_work_day: i.first_work_day,
        study_end: i.study_end,
        aftercare_offer: i.aftercare_offer.code(),
        aftercare_consent: i.aftercare_consent,
        premium_scheme: i.premium_scheme.as_deref(),
        premium_granted: i.premium_granted,
        employer_contact_consent: i.employer_contact.consent,
        employer_contact_name: &i.employer_contact.name,
        employer_contact_phone: &i.employer_contact.phone,
        move_consent: i.move_consent,
        checklist: i.checklist.iter().map(checklist).collect(),
        premium_instalments: x.instalments.iter().map(instalment).collect(),
        aftercare: x.aftercare.as_ref().map(|(p, c)| aftercare(p, c)),
    }
}

fn checklist(c: &ChecklistEntry) -> ChecklistOut<'_> {
    ChecklistOut {
        item: &c.item,
        discussed: c.discussed,
        note: &c.note,
    }
}

fn instalment(p: &PremiumInstalment) -> InstalmentOut<'_> {
    InstalmentOut {
        scheme: &p.scheme,
        seq: p.seq,
        due_on: p.due_on,
        amount_cents: p.amount_cents,
        paid_on: p.paid_on,
        cancelled_on: p.cancelled_on,
        forfeited_on: p.forfeited_on,
        forfeit_reason: &p.forfeit_reason,
        uplift: p.uplift.as_deref(),
    }
}

fn aftercare<'a>(p: &AftercarePlan, contacts: &'a [AftercareContact]) -> AftercareOut<'a> {
    AftercareOut {
        mode: p.mode.code(),
        consent: p.consent,
        starts_on: p.starts_on,
        ends_on: p.ends_on,
        status: p.status.code(),
        end_reason: code(p.end_reason),
        ended_on: p.ended_on,
        extended: p.extended,
        flagged: p.flagged,
        contacts: contacts.iter().map(contact).collect(),
    }
}

fn contact(c: &AftercareContact) -> ContactOut<'_> {
    ContactOut {
        planned_on: c.planned_on,
        kind: c.kind.code(),
        status: c.status.code(),
        attempt: c.attempt,
        done_on: c.done_on,
        channel: code(c.channel),
        how_is_work: &c.how_is_work,
        running_into: &c.running_into,
        can_i_help: &c.can_i_help,
        still_working: code(c.still_working),
        hours_changed: c.hours_changed,
        balance_ok: c.balance_ok,
        risk: code(c.risk),
        risk_reason: &c.risk_reason,
        contract_renewed: c.contract_renewed,
        referrals: c.referrals.iter().map(|k| k.code()).collect(),
        occasion: code(c.occasion),
        held_by: code(c.held_by),
    }
}
