//! Reading the journey of a benefit period: trajectories with their events and reviews,
//! and the exit interview with its checklist, premium instalments and aftercare.

use super::read_client::Shape;
use super::reader::{OPT, Obj, REQ, Reader};
use super::refs::{self, Kind, provisional_id};
use super::rules;
use crate::domain::codes::{
    AftercareMode, ContactKind, ContactStatus, PlanStatus, TrajectoryStatus,
};
use crate::domain::hours::MAX_HOURS;
use crate::domain::model::{
    AftercareContact, AftercarePlan, ChecklistEntry, EmployerContact, ExitInterview, Id,
    PremiumInstalment, Review, Trajectory, TrajectoryEvent,
};
use crate::domain::money::{MAX_COST_CENTS, MAX_PREMIUM_CENTS};
use crate::domain::record::{ExitRecord, TrajectoryRecord};
use chrono::NaiveDate;

/// A reference to another record of the client (see [`refs`]), as a provisional id.
fn reference(
    r: &mut Reader,
    o: &mut Obj,
    name: &'static str,
    kind: Kind,
    shape: &Shape,
) -> Option<Id> {
    let text = r.string(o, name, OPT)?;
    let Some((e, i)) = refs::parse(kind, &text) else {
        let args = vec![("example", refs::format(kind, 0, 0))];
        r.fail_with(o, name, "transfer.err.ref_format", args);
        return None;
    };
    let counts = match kind {
        Kind::Assessments => &shape.assessments,
        Kind::Trajectories => &shape.trajectories,
    };
    if counts.get(e).is_none_or(|&n| i >= n) {
        // The text is one of our own well-formed references, not the file's free text.
        r.fail_with(o, name, "transfer.err.ref_missing", vec![("ref", text)]);
        return None;
    }
    Some(provisional_id(e, i))
}

/// A trajectory; its status events, when left out, are the ones the app would have
/// written (referred, started, and completed or stopped).
pub fn trajectory(r: &mut Reader, mut o: Obj, id: Id, shape: &Shape) -> TrajectoryRecord {
    let t = Trajectory {
        id,
        episode_id: 0,
        instrument: r.string(&mut o, "instrument", REQ).unwrap_or_default(),
        instrument_name: r.text(&mut o, "instrument_name"),
        provider: r.text(&mut o, "provider"),
        status: r
            .code(&mut o, "status", REQ)
            .unwrap_or(TrajectoryStatus::Referred),
        referred_on: r.date(&mut o, "referred_on", REQ).unwrap_or(NaiveDate::MIN),
        start_date: r.date(&mut o, "start_date", OPT),
        planned_end: r.date(&mut o, "planned_end", OPT),
        ended_on: r.date(&mut o, "ended_on", OPT),
        goal: r.text(&mut o, "goal"),
        cost_cents: r.int(&mut o, "cost_cents", 0..=MAX_COST_CENTS, OPT),
        funding: r.text(&mut o, "funding"),
        review_interval_months: r
            .int(&mut o, "review_interval_months", 1..=24, OPT)
            .map_or(3, |n| n as u32),
        next_review: r.date(&mut o, "next_review", OPT),
        result: r.code(&mut o, "result", OPT),
        stop_reason: r.string(&mut o, "stop_reason", OPT),
    };
    let given = o.peek("events").is_some();
    let before = r.problems.total;
    let mut events: Vec<TrajectoryEvent> = r
        .objects(&mut o, "events")
        .into_iter()
        .map(|(_, eo)| event(r, eo))
        .collect();
    if !given {
        events = derived_events(&t);
    }
    let reviews = r
        .objects(&mut o, "reviews")
        .into_iter()
        .map(|(_, ro)| review(r, ro, shape))
        .collect();
    let record = TrajectoryRecord {
        trajectory: t,
        events,
        reviews,
    };
    if !o.bad {
        rules::trajectory(r, &o.path, &record, r.problems.total == before);
    }
    r.finish(o);
    record
}

/// The status events the app writes for a trajectory as it stands.
fn derived_events(t: &Trajectory) -> Vec<TrajectoryEvent> {
    let at = |on: NaiveDate, status: TrajectoryStatus, note: &str| TrajectoryEvent {
        id: 0,
        trajectory_id: 0,
        on_date: on,
        status,
        note: note.to_owned(),
    };
    let mut out = vec![at(t.referred_on, TrajectoryStatus::Referred, "")];
    if let Some(s) = t.start_date {
        out.push(at(s, TrajectoryStatus::Started, ""));
    }
    if let Some(end) = t.ended_on {
        let note = match t.status {
            TrajectoryStatus::Stopped => t.stop_reason.as_deref().unwrap_or(""),
            _ => "",
        };
        out.push(at(end, t.status, note));
    }
    out
}

fn event(r: &mut Reader, mut o: Obj) -> TrajectoryEvent {
    let e = TrajectoryEvent {
        id: 0,
        trajectory_id: 0,
        on_date: r.date(&mut o, "on_date", REQ).unwrap_or(NaiveDate::MIN),
        status: r
            .code(&mut o, "status", REQ)
            .unwrap_or(TrajectoryStatus::Referred),
        note: r.text(&mut o, "note"),
    };
    r.finish(o);
    e
}

fn review(r: &mut Reader, mut o: Obj, shape: &Shape) -> Review {
    let rv = Review {
        id: 0,
        trajectory_id: 0,
        reviewed_on: r.date(&mut o, "reviewed_on", REQ).unwrap_or(NaiveDate::MIN),
        progress: r.notes(&mut o, "progress"),
        assessment_id: reference(r, &mut o, "assessment", Kind::Assessments, shape),
        next_review: r.date(&mut o, "next_review", OPT),
    };
    r.finish(o);
    rv
}

/// The exit interview with its checklist, premium instalments and aftercare.
pub fn exit_record(r: &mut Reader, mut o: Obj, shape: &Shape) -> ExitRecord {
    let interview = ExitInterview {
        episode_id: 0,
        held_on: r.date(&mut o, "held_on", REQ).unwrap_or(NaiveDate::MIN),
        employer: r.text(&mut o, "employer"),
        job_title: r.text(&mut o, "job_title"),
        contract_type: r.code(&mut o, "contract_type", OPT),
        contract_end: r.date(&mut o, "contract_end", OPT),
        hours_per_week: r.hours(&mut o, "hours_per_week", MAX_HOURS),
        independence: r.code(&mut o, "independence", OPT),
        job_agreement: r.boolean(&mut o, "job_agreement"),
        sanction_24_months: r.boolean(&mut o, "sanction_24_months"),
        found_via: r.code(&mut o, "found_via", OPT),
        found_via_trajectory_id: reference(
            r,
            &mut o,
            "found_via_trajectory",
            Kind::Trajectories,
            shape,
        ),
        first_work_day: r.date(&mut o, "first_work_day", OPT),
        study_end: r.date(&mut o, "study_end", OPT),
        aftercare_offer: r
            .code(&mut o, "aftercare_offer", OPT)
            .unwrap_or(AftercareMode::Declined),
        aftercare_consent: r.boolean(&mut o, "aftercare_consent").unwrap_or(false),
        premium_scheme: r.string(&mut o, "premium_scheme", OPT),
        premium_granted: r.boolean(&mut o, "premium_granted").unwrap_or(false),
        checklist: Vec::new(),
        employer_contact: EmployerContact {
            consent: r.boolean(&mut o, "employer_contact_consent"),
            name: r.text(&mut o, "employer_contact_name"),
            phone: r.text(&mut o, "employer_contact_phone"),
        },
        move_consent: r.boolean(&mut o, "move_consent"),
    };
    let ec = &interview.employer_contact;
    if ec.consent != Some(true) && !(ec.name.is_empty() && ec.phone.is_empty()) {
        r.report(
            o.at("employer_contact_name"),
            "transfer.err.employer_contact_consent",
            Vec::new(),
        );
    }
    let mut record = ExitRecord {
        interview,
        instalments: Vec::new(),
        aftercare: None,
    };
    let mut items: Vec<String> = Vec::new();
    for (i, co) in r.objects(&mut o, "checklist") {
        let entry = checklist_entry(r, co);
        if items.contains(&entry.item) {
            r.report(
                o.at(&format!("checklist[{i}].item")),
                "transfer.err.repeated",
                Vec::new(),
            );
        }
        items.push(entry.item.clone());
        record.interview.checklist.push(entry);
    }
    let mut seqs = Vec::new();
    for (i, po) in r.objects(&mut o, "premium_instalments") {
        let p = instalment(r, po);
        if seqs.contains(&p.seq) {
            r.report(
                o.at(&format!("premium_instalments[{i}].seq")),
                "transfer.err.repeated",
                Vec::new(),
            );
        }
        seqs.push(p.seq);
        record.instalments.push(p);
    }
    record.aftercare = r.child(&mut o, "aftercare").map(|ao| aftercare(r, ao));
    r.finish(o);
    record
}

fn checklist_entry(r: &mut Reader, mut o: Obj) -> ChecklistEntry {
    let c = ChecklistEntry {
        item: r.nonblank(&mut o, "item").unwrap_or_default(),
        discussed: r.boolean(&mut o, "discussed").unwrap_or(false),
        note: r.text(&mut o, "note"),
    };
    r.finish(o);
    c
}

fn instalment(r: &mut Reader, mut o: Obj) -> PremiumInstalment {
    let p = PremiumInstalment {
        id: 0,
        episode_id: 0,
        scheme: r.nonblank(&mut o, "scheme").unwrap_or_default(),
        seq: r
            .int(&mut o, "seq", 1..=i64::from(u32::MAX), REQ)
            .map_or(1, |n| n as u32),
        due_on: r.date(&mut o, "due_on", REQ).unwrap_or(NaiveDate::MIN),
        amount_cents: r
            .int(&mut o, "amount_cents", 1..=MAX_PREMIUM_CENTS, REQ)
            .unwrap_or(1),
        paid_on: r.date(&mut o, "paid_on", OPT),
        cancelled_on: r.date(&mut o, "cancelled_on", OPT),
        forfeited_on: r.date(&mut o, "forfeited_on", OPT),
        forfeit_reason: r.text(&mut o, "forfeit_reason"),
        uplift: r.string(&mut o, "uplift", OPT),
    };
    let ends = [p.paid_on, p.cancelled_on, p.forfeited_on];
    if ends.iter().flatten().count() > 1 {
        let field = if p.forfeited_on.is_some() {
            "forfeited_on"
        } else {
            "cancelled_on"
        };
        r.fail(&mut o, field, "transfer.err.paid_and_cancelled");
    }
    if p.forfeited_on.is_some() == p.forfeit_reason.trim().is_empty() {
        r.fail(&mut o, "forfeit_reason", "transfer.err.forfeit_reason");
    }
    if p.uplift.as_deref().is_some_and(|u| u.trim().is_empty()) {
        r.fail(&mut o, "uplift", "transfer.err.blank");
    }
    r.finish(o);
    p
}

fn aftercare(r: &mut Reader, mut o: Obj) -> (AftercarePlan, Vec<AftercareContact>) {
    let plan = AftercarePlan {
        id: 0,
        episode_id: 0,
        mode: r.code(&mut o, "mode", REQ).unwrap_or(AftercareMode::Active),
        consent: r.boolean(&mut o, "consent").unwrap_or(false),
        starts_on: r.date(&mut o, "starts_on", REQ).unwrap_or(NaiveDate::MIN),
        ends_on: r.date(&mut o, "ends_on", REQ).unwrap_or(NaiveDate::MIN),
        status: r.code(&mut o, "status", OPT).unwrap_or(PlanStatus::Active),
        end_reason: r.code(&mut o, "end_reason", OPT),
        ended_on: r.date(&mut o, "ended_on", OPT),
        extended: r.boolean(&mut o, "extended").unwrap_or(false),
        flagged: r.boolean(&mut o, "flagged").unwrap_or(false),
    };
    let contacts = r
        .objects(&mut o, "contacts")
        .into_iter()
        .map(|(_, co)| contact(r, co))
        .collect();
    r.finish(o);
    (plan, contacts)
}

fn contact(r: &mut Reader, mut o: Obj) -> AftercareContact {
    let c = AftercareContact {
        id: 0,
        plan_id: 0,
        planned_on: r.date(&mut o, "planned_on", REQ).unwrap_or(NaiveDate::MIN),
        kind: r
            .code(&mut o, "kind", REQ)
            .unwrap_or(ContactKind::Scheduled),
        status: r
            .code(&mut o, "status", OPT)
            .unwrap_or(ContactStatus::Planned),
        attempt: r
            .int(&mut o, "attempt", 1..=i64::from(u32::MAX), OPT)
            .map_or(1, |n| n as u32),
        done_on: r.date(&mut o, "done_on", OPT),
        channel: r.code(&mut o, "channel", OPT),
        how_is_work: r.notes(&mut o, "how_is_work"),
        running_into: r.notes(&mut o, "running_into"),
        can_i_help: r.notes(&mut o, "can_i_help"),
        still_working: r.code(&mut o, "still_working", OPT),
        hours_changed: r.boolean(&mut o, "hours_changed"),
        balance_ok: r.boolean(&mut o, "balance_ok"),
        risk: r.code(&mut o, "risk", OPT),
        risk_reason: r.text(&mut o, "risk_reason"),
        contract_renewed: r.boolean(&mut o, "contract_renewed"),
        referrals: r.codes(&mut o, "referrals"),
        occasion: r.code(&mut o, "occasion", OPT),
        held_by: r.code(&mut o, "held_by", OPT),
    };
    r.finish(o);
    c
}
