//! The rules across fields that an imported record must keep: the domain's own (the exit
//! rules of `domain::exit`, the trajectory rules' reasons, non-overlapping benefit periods)
//! and those `caseload check` holds a database to, so an import never makes a record the
//! app could not have made.

use super::reader::{Obj, Reader};
use crate::domain::codes::{
    AftercareMode, ContactKind, ContactStatus, FoundVia, PlanStatus, TrajectoryStatus,
};
use crate::domain::contact_rules;
use crate::domain::contradictions;
use crate::domain::exit::{ExitContext, ExitInput, JobSource, WorkInput};
use crate::domain::model::{AftercareContact, AftercarePlan, ExitInterview};
use crate::domain::record::{Clash, EpisodeRecord, TrajectoryRecord, clashes};
use crate::domain::trajectory::TrajectoryError;
use chrono::NaiveDate;

fn at(r: &mut Reader, path: &str, field: &str, key: &'static str) {
    r.report(format!("{path}.{field}"), key, Vec::new());
}

/// A person's phone number and e-mail address, when they contradict themselves.
pub fn person(r: &mut Reader, o: &mut Obj, phone: &str, email: &str) {
    if let Some(c) = contradictions::phone(phone) {
        r.fail(o, "phone", c.key());
    }
    if let Some(c) = contradictions::email(email) {
        r.fail(o, "email", c.key());
    }
}

/// A client's benefit periods, as (start, exit), may not overlap, and one at most is open.
pub fn periods(r: &mut Reader, client: &str, dates: &[(NaiveDate, Option<NaiveDate>)]) {
    for (later, earlier, clash) in clashes(dates) {
        let (field, key) = match clash {
            Clash::TwoOpen => ("exit_date", "transfer.err.two_open"),
            Clash::Overlap => ("benefit_start", "transfer.err.overlap"),
        };
        r.report(
            format!("{client}.episodes[{later}].{field}"),
            key,
            vec![("other", format!("episodes[{earlier}]"))],
        );
    }
}

/// The rules of one benefit period (its own fields read well) of a client born on `birth`;
/// `exit_clean` when its exit interview, if any, read without problems.
pub fn episode(
    r: &mut Reader,
    path: &str,
    e: &EpisodeRecord,
    exit_clean: bool,
    birth: Option<NaiveDate>,
) {
    let ep = &e.episode;
    match (ep.exit_date, ep.exit_reason) {
        (Some(_), None) => at(r, path, "exit_reason", "transfer.err.exit_without_reason"),
        (None, Some(_)) => at(r, path, "exit_date", "transfer.err.reason_without_exit"),
        _ => {}
    }
    if ep.exit_date.is_none() && ep.last_payment_date.is_some() {
        at(
            r,
            path,
            "last_payment_date",
            "transfer.err.payment_without_exit",
        );
    }
    let xpath = format!("{path}.exit_interview");
    let interview = e.exit.as_ref().filter(|_| exit_clean);
    if e.exit.is_some() && ep.exit_date.is_none() {
        r.report(
            xpath.clone(),
            "transfer.err.interview_without_exit",
            Vec::new(),
        );
    }
    let x = interview.map(|x| &x.interview);
    if let Some((input, ctx)) = exit_case(e, x, birth) {
        // The checklist's items are checked against the file itself (repeats), not against
        // today's checklist: a record keeps the items of its day.
        for p in ExitInput::problems(
            &input,
            &ctx,
            &crate::domain::exit::Checklist { items: Vec::new() },
        ) {
            let field = match p.field {
                "checklist" => continue,
                "exit_date" | "last_payment_date" => {
                    r.report(format!("{path}.{}", p.field), p.key, Vec::new());
                    continue;
                }
                // Without an interview only the dates of the period itself are known.
                _ if x.is_none() => continue,
                "work" => {
                    r.report(xpath.clone(), p.key, Vec::new());
                    continue;
                }
                "aftercare" => "aftercare_offer",
                "found_via" => "found_via_trajectory",
                other => other,
            };
            at(r, &xpath, field, p.key);
        }
        for (field, c) in contradictions::exit(&input, &ctx) {
            match field {
                "reason" => at(r, path, "exit_reason", c.key()),
                "found_via" => at(r, &xpath, "found_via_trajectory", c.key()),
                other => at(r, &xpath, other, c.key()),
            }
        }
    }
    if let Some(x) = interview {
        let i = &x.interview;
        if i.found_via_trajectory_id.is_some() && i.found_via != Some(FoundVia::Trajectory) {
            at(r, &xpath, "found_via", "transfer.err.found_via_trajectory");
        }
        if !x.instalments.is_empty() && !i.premium_granted {
            at(
                r,
                &xpath,
                "premium_instalments",
                "transfer.err.instalment_without_premium",
            );
        }
        if let Some((plan, contacts)) = &x.aftercare {
            aftercare(
                r,
                &format!("{xpath}.aftercare"),
                plan,
                contacts,
                ep.exit_date,
            );
        }
    }
}

/// An ended period as the exit rules take it: what the exit form would have been given
/// (from the interview `x`, when there is one that read well), in its context.
pub fn exit_case(
    e: &EpisodeRecord,
    x: Option<&ExitInterview>,
    birth: Option<NaiveDate>,
) -> Option<(ExitInput, ExitContext)> {
    let ep = &e.episode;
    let (exit_date, reason) = (ep.exit_date?, ep.exit_reason?);
    let input = ExitInput {
        client_id: 0,
        held_on: x.map_or(exit_date, |x| x.held_on),
        exit_date,
        last_payment_date: ep.last_payment_date,
        reason,
        work: x.and_then(work_of),
        study_end: x.and_then(|x| x.study_end),
        checklist: Vec::new(),
        aftercare: x.map_or(AftercareMode::Declined, |x| x.aftercare_offer),
        consent: x.is_some_and(|x| x.aftercare_consent),
        premium: x.and_then(|x| x.premium_scheme.clone().filter(|_| x.premium_granted)),
        move_consent: x.and_then(|x| x.move_consent),
    };
    let ctx = ExitContext {
        episode: ep.clone(),
        trajectories: e
            .trajectories
            .iter()
            .map(|t| t.trajectory.clone())
            .collect(),
        prior_premium: Default::default(),
        birth_date: birth,
    };
    Some((input, ctx))
}

/// The work details of an interview as the exit rules take them (none when none is given).
fn work_of(x: &ExitInterview) -> Option<WorkInput> {
    let any = !x.employer.is_empty()
        || !x.job_title.is_empty()
        || x.contract_type.is_some()
        || x.contract_end.is_some()
        || x.hours_per_week.is_some()
        || x.independence.is_some()
        || x.found_via.is_some()
        || x.first_work_day.is_some()
        || x.job_agreement.is_some()
        || x.sanction_24_months.is_some();
    let found_via = match (x.found_via, x.found_via_trajectory_id) {
        (Some(FoundVia::Trajectory), Some(id)) => Some(JobSource::Trajectory(id)),
        (Some(FoundVia::OwnEffort), _) => Some(JobSource::OwnEffort),
        _ => None,
    };
    any.then(|| WorkInput {
        employer: x.employer.clone(),
        job_title: x.job_title.clone(),
        contract_type: x.contract_type,
        contract_end: x.contract_end,
        hours_per_week: x.hours_per_week,
        independence: x.independence,
        found_via,
        first_work_day: x.first_work_day,
        job_agreement: x.job_agreement,
        sanction_24_months: x.sanction_24_months,
        employer_contact: x.employer_contact.clone(),
    })
}

fn aftercare(
    r: &mut Reader,
    path: &str,
    plan: &AftercarePlan,
    contacts: &[AftercareContact],
    exit: Option<NaiveDate>,
) {
    if plan.ends_on < plan.starts_on {
        at(r, path, "ends_on", "aftercare_rule.end_before_start");
    }
    if (plan.status == PlanStatus::Ended) != plan.end_reason.is_some() {
        at(r, path, "end_reason", "transfer.err.plan_end_reason");
    }
    if (plan.status == PlanStatus::Active) != plan.ended_on.is_none() {
        at(r, path, "ended_on", "transfer.err.plan_ended_on");
    }
    for (i, c) in contacts.iter().enumerate() {
        let cpath = format!("{path}.contacts[{i}]");
        let held = matches!(c.status, ContactStatus::Done | ContactStatus::NotReached);
        if held != c.done_on.is_some() {
            at(r, &cpath, "done_on", "transfer.err.contact_done_on");
        }
        if let (Some(done), Some(exit)) = (c.done_on, exit)
            && done < exit
        {
            at(r, &cpath, "done_on", "transfer.err.check_in_before_exit");
        }
        if c.occasion.is_some() && (c.kind != ContactKind::Extra || c.status != ContactStatus::Done)
        {
            at(r, &cpath, "occasion", "transfer.err.occasion_held");
        }
        if c.held_by.is_some() && c.occasion.is_none() {
            at(r, &cpath, "held_by", "transfer.err.held_by_occasion");
        }
        for (field, rule) in contact_rules::problems(plan.mode, plan.consent, c) {
            at(r, &cpath, field, rule.key());
        }
    }
}

/// The rules of one trajectory (its own fields read well); `events_clean` when its events
/// read without problems.
pub fn trajectory(r: &mut Reader, path: &str, t: &TrajectoryRecord, events_clean: bool) {
    let tr = &t.trajectory;
    let mut refuse = |field: &str, e: TrajectoryError| at(r, path, field, e.key());
    if tr.instrument.trim().is_empty() {
        refuse("instrument", TrajectoryError::InstrumentRequired);
    }
    if tr.status == TrajectoryStatus::Completed && tr.result.is_none() {
        refuse("result", TrajectoryError::ResultRequired);
    }
    let reason = tr.stop_reason.as_deref().unwrap_or("").trim();
    if tr.status == TrajectoryStatus::Stopped && reason.is_empty() {
        refuse("stop_reason", TrajectoryError::ReasonRequired);
    }
    if tr.start_date.is_some_and(|s| s < tr.referred_on) {
        refuse("start_date", TrajectoryError::BeforeReferral);
    }
    if let Some(end) = tr.ended_on {
        match tr.start_date {
            Some(s) if end < s => refuse("ended_on", TrajectoryError::BeforeStart),
            None if end < tr.referred_on => refuse("ended_on", TrajectoryError::BeforeReferral),
            _ => {}
        }
    }
    if let (Some(s), Some(p)) = (tr.start_date, tr.planned_end)
        && p < s
    {
        refuse("planned_end", TrajectoryError::PlannedEndBeforeStart);
    }
    // A started trajectory has its start date (the app sets it when it starts).
    let unstarted = tr.status == TrajectoryStatus::Started && tr.start_date.is_none();
    if unstarted {
        at(r, path, "start_date", "transfer.err.start_required");
    }
    let ended = matches!(
        tr.status,
        TrajectoryStatus::Completed | TrajectoryStatus::Stopped
    );
    if ended != tr.ended_on.is_some() {
        at(r, path, "ended_on", "transfer.err.ended_on");
    }
    // The status is the one of the latest event (by date, then as listed).
    let latest = t
        .events
        .iter()
        .enumerate()
        .max_by_key(|(i, e)| (e.on_date, *i))
        .map(|(_, e)| e.status);
    if events_clean && !unstarted && latest != Some(tr.status) {
        at(r, path, "events", "transfer.err.events_status");
    }
}
