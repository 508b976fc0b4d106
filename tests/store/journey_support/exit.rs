//! The exit interview of every kind, and what follows it: check-ins and premium payments.

use super::steps::{back, eligible, running_plan};
use super::{Skip, Step, World, ok, pick};
use caseload::domain::checkin::CheckInInput;
use caseload::domain::codes::*;
use caseload::domain::date::add_days;
use caseload::domain::exit::{ExitInput, JobSource, WorkInput};
use caseload::domain::model::*;

/// The contract types a work reason may have.
fn contract(reason: ExitReason, die: u32) -> Option<ContractType> {
    match reason {
        r if r.category() != ExitCategory::Work => None,
        ExitReason::WorkSelfEmployed => Some(ContractType::SelfEmployed),
        ExitReason::WorkPartnerIncome if die.is_multiple_of(2) => None,
        _ => Some(pick(
            &[
                ContractType::Permanent,
                ContractType::Temporary,
                ContractType::Agency,
                ContractType::OnCall,
            ],
            die,
        )),
    }
}

/// The exit interview for a reason chosen by a die, with the details its form asks for.
pub fn exit(w: &mut World, s: &Step, client: Id, ep: &Episode) -> Result<(), Skip> {
    let input = exit_input(w, s, client, ep);
    record(w, &input, None)
}

/// The saved exit corrected with every field as its form would have them for these dice
/// (`x` on a client who left): refused where a kept payment or check-in forbids it.
pub fn correct(w: &mut World, s: &Step, client: Id, ep: &Episode) -> Result<(), Skip> {
    let input = exit_input(w, s, client, ep);
    record(w, &input, Some(ep.id))
}

/// The input of an exit for the dice.
fn exit_input(w: &mut World, s: &Step, client: Id, ep: &Episode) -> ExitInput {
    let today = w.today;
    // Study more often than its share: it is the one with an age limit.
    let reason = if s.a.is_multiple_of(11) {
        ExitReason::Study
    } else {
        pick(ExitReason::all(), s.b)
    };
    // Mostly today or a few days back; sometimes a known exit a few days ahead.
    let exit_date = match s.c % 5 {
        0 => add_days(today, i64::from(s.a % 5)),
        _ => back(today, s.a % 8),
    }
    .max(ep.benefit_start);
    let trajectories = w.store.trajectories(ep.id).expect("read");
    let work = contract(reason, s.c / 5).map(|ct| {
        let found = match s.a % 3 {
            0 => None,
            1 => Some(JobSource::OwnEffort),
            _ => trajectories
                .get(s.a as usize % trajectories.len().max(1))
                .map(|t| JobSource::Trajectory(t.id)),
        };
        WorkInput {
            employer: "Bakkerij De Korenbloem".into(),
            job_title: "verkoper".into(),
            contract_type: Some(ct),
            contract_end: caseload::domain::exit::has_end(ct)
                .then(|| add_days(exit_date, i64::from(20 + s.b % 400))),
            hours_per_week: Some(caseload::domain::hours::Hours::whole(8 + s.c % 32)),
            independence: match s.b % 3 {
                0 => None,
                1 => Some(Independence::Partial),
                _ => Some(Independence::Full),
            },
            found_via: found,
            first_work_day: s
                .b
                .is_multiple_of(2)
                .then(|| add_days(exit_date, i64::from(s.c % 10))),
            job_agreement: None,
            sanction_24_months: None,
            employer_contact: Default::default(),
        }
    });
    let offered = reason.counts_as_exit()
        && matches!(reason.category(), ExitCategory::Work | ExitCategory::Study);
    let aftercare = if offered {
        pick(AftercareMode::all(), s.a / 3)
    } else {
        AftercareMode::Declined
    };
    let mut input = ExitInput {
        client_id: client,
        held_on: today,
        exit_date,
        last_payment_date: s
            .a
            .is_multiple_of(2)
            .then(|| add_days(exit_date, i64::from(s.b % 40))),
        reason,
        work,
        study_end: (reason == ExitReason::Study && s.c.is_multiple_of(2))
            .then(|| add_days(exit_date, i64::from(60 + s.a % 700))),
        checklist: w.assets.checklist.blank(),
        aftercare,
        consent: (s.b / 3).is_multiple_of(2),
        premium: None,
        move_consent: None,
    };
    for (i, c) in input.checklist.iter_mut().enumerate() {
        c.discussed = (s.a >> (i % 16)) & 1 == 1;
    }
    if !s.c.is_multiple_of(4) {
        let keys: Vec<String> = w
            .assets
            .premium
            .schemes
            .iter()
            .map(|sc| sc.key.clone())
            .collect();
        input.premium = keys.into_iter().find(|k| eligible(w, &input, k));
    }
    input
}

/// Records the exit, or corrects the saved one of `correcting`.
fn record(w: &mut World, input: &ExitInput, correcting: Option<Id>) -> Result<(), Skip> {
    let (reason, aftercare) = (input.reason, input.aftercare);
    let saved = match correcting {
        Some(ep) => {
            let assets = w.assets.clone();
            ok(w.store.write(|tx| tx.correct_exit(ep, input, &assets)))?
        }
        None => ok(w.store.record_exit(input, &w.assets))?,
    };
    w.saw(&format!("exit {}", reason.code()));
    if let Some(ct) = input.work.as_ref().and_then(|x| x.contract_type) {
        w.saw(&format!("contract {}", ct.code()));
    }
    if saved.plan_id.is_some() {
        w.saw(&format!(
            "aftercare {} consent {}",
            aftercare.code(),
            input.consent
        ));
    }
    if input.premium.is_some() {
        w.saw("premium granted");
    }
    Ok(())
}

/// A check-in on one of the plan's planned contacts, reached or not, with the answers
/// (which the store keeps only with the client's consent).
pub fn check_in(w: &mut World, s: &Step, ep: &Episode) -> Result<(), Skip> {
    let today = w.today;
    let plan = running_plan(w, ep)?;
    if today < plan.starts_on {
        return Err(Skip::Refused);
    }
    let planned: Vec<AftercareContact> = w
        .store
        .contacts(plan.id)
        .expect("read")
        .into_iter()
        .filter(|c| c.status == ContactStatus::Planned)
        .collect();
    // The form proposes the earliest; sometimes another is chosen.
    let contact = if s.b.is_multiple_of(4) {
        planned.get(s.c as usize % planned.len().max(1))
    } else {
        planned.first()
    }
    .ok_or(Skip::Refused)?;
    let reached = !s.a.is_multiple_of(3);
    let mut input = CheckInInput::new(today, pick(Channel::all(), s.b), reached);
    if reached {
        input.how_is_work = "Gaat goed.".into();
        input.still_working = Some(pick(StillWorking::all(), s.c));
        input.balance_ok = Some(s.c.is_multiple_of(2));
        input.referrals = ReferralKind::all()
            .iter()
            .take((s.b % 3) as usize)
            .copied()
            .collect();
        input.risk = (!s.c.is_multiple_of(3)).then(|| pick(Risk::all(), s.a));
        input.risk_reason = "Schulden".into();
        input.hours_changed = Some(s.a.is_multiple_of(2));
        if contact.kind == ContactKind::ContractEnd {
            input.contract_renewed = Some(s.c.is_multiple_of(2));
        }
        if contact.kind != ContactKind::Closing && s.b.is_multiple_of(5) {
            input.next_contact = Some(add_days(today, i64::from(1 + s.c % 30)));
        }
    }
    let saved = ok(w
        .store
        .record_check_in(contact.id, &input, &w.assets.aftercare))?;
    w.saw(&format!(
        "check-in reached {reached} consent {}",
        plan.consent
    ));
    if saved.plan_completed {
        w.saw("aftercare completed");
    }
    Ok(())
}

/// An instalment marked paid today (as `Enter` on it in the agenda does).
pub fn pay(w: &mut World, s: &Step, ep: &Episode) -> Result<(), Skip> {
    let due: Vec<PremiumInstalment> = w
        .store
        .instalments(ep.id)
        .expect("read")
        .into_iter()
        .filter(|i| i.paid_on.is_none() && i.cancelled_on.is_none())
        .collect();
    let i = due
        .get(s.b as usize % due.len().max(1))
        .ok_or(Skip::Refused)?;
    ok(w.store.mark_instalment_paid(i.id, w.today))
}
