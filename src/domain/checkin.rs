//! A check-in as the caseworker records it: the input, its checks, what it suggests, and
//! what follows when the client was not reached.

use super::aftercare::AftercareConfig;
use super::codes::{Channel, ContactKind, ReferralKind, Risk, StillWorking};
use chrono::NaiveDate;

/// What the caseworker records at a check-in.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckInInput {
    pub on: NaiveDate,
    pub channel: Channel,
    pub reached: bool,
    /// The three questions: How is work going? Do you run into anything? Can I do anything?
    pub how_is_work: String,
    pub running_into: String,
    pub can_i_help: String,
    pub still_working: Option<StillWorking>,
    pub hours_changed: Option<bool>,
    /// Income and expenses in balance; `Some(false)` suggests debt help.
    pub balance_ok: Option<bool>,
    pub referrals: Vec<ReferralKind>,
    pub risk: Option<Risk>,
    pub risk_reason: String,
    /// For a contract-end contact: was the contract renewed? `Some(false)` proposes a jobhunter.
    pub contract_renewed: Option<bool>,
    /// An earlier next contact than the planned ones (planned as an `extra` contact).
    pub next_contact: Option<NaiveDate>,
}

impl CheckInInput {
    /// A check-in with only date, channel and reached.
    pub fn new(on: NaiveDate, channel: Channel, reached: bool) -> Self {
        CheckInInput {
            on,
            channel,
            reached,
            how_is_work: String::new(),
            running_into: String::new(),
            can_i_help: String::new(),
            still_working: None,
            hours_changed: None,
            balance_ok: None,
            referrals: Vec::new(),
            risk: None,
            risk_reason: String::new(),
            contract_renewed: None,
            next_contact: None,
        }
    }

    /// Debt help is suggested: not in balance, and not referred to debt help already.
    pub fn suggests_debt_help(&self) -> bool {
        self.reached
            && self.balance_ok == Some(false)
            && !self.referrals.contains(&ReferralKind::DebtHelp)
    }

    /// A jobhunter is proposed: the contract was not renewed.
    pub fn proposes_jobhunter(&self) -> bool {
        self.reached && self.contract_renewed == Some(false)
    }

    /// The problems with this input for a contact of a plan starting on `plan_start`; each
    /// an i18n key of `[aftercare_rule]`.
    pub fn problems(&self, plan_start: NaiveDate) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.on < plan_start {
            out.push("aftercare_rule.before_plan");
        }
        if self.reached
            && matches!(self.risk, Some(Risk::Medium | Risk::High))
            && self.risk_reason.trim().is_empty()
        {
            out.push("aftercare_rule.risk_reason");
        }
        if self.next_contact.is_some_and(|n| n <= self.on) {
            out.push("aftercare_rule.next_not_after");
        }
        if !self.reached && self.next_contact.is_some() {
            out.push("aftercare_rule.next_when_not_reached");
        }
        out
    }
}

/// What happens after a client was not reached, `attempt` tries having failed in a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotReached {
    /// The retry to plan (with attempt + 1), if any.
    pub retry_on: Option<NaiveDate>,
    /// The plan is flagged: the failed tries reached the limit.
    pub flag: bool,
}

/// After a failed try at a contact of `kind`: plan a retry `retry_working_days` later,
/// until `flag_after_failed` tries failed; then flag the plan and stop retrying, except for
/// the closing contact (only it completes the plan) and when nothing else is planned (so
/// the client stays in the agenda).
pub fn not_reached(
    cfg: &AftercareConfig,
    on: NaiveDate,
    attempt: u32,
    kind: ContactKind,
    other_planned: bool,
) -> NotReached {
    let flag = attempt >= cfg.flag_after_failed;
    let retry = !flag || kind == ContactKind::Closing || !other_planned;
    NotReached {
        retry_on: retry.then(|| cfg.retry_on(on)),
        flag,
    }
}

/// How many tries failed in a row at the end of a plan's recorded contacts (any contacts:
/// the scheduled one, its retries, an extra one), counting back from the latest recorded
/// to the last time the client was reached.
pub fn failed_in_a_row(contacts: &[super::model::AftercareContact]) -> u32 {
    use super::codes::ContactStatus;
    let mut recorded: Vec<&super::model::AftercareContact> = contacts
        .iter()
        .filter(|c| matches!(c.status, ContactStatus::Done | ContactStatus::NotReached))
        .filter(|c| reaches_client(c.occasion))
        .collect();
    recorded.sort_by_key(|c| (c.done_on, c.id));
    recorded
        .iter()
        .rev()
        .take_while(|c| c.status == ContactStatus::NotReached)
        .count() as u32
}

/// Whether a contact (outside the schedule: of this occasion) is one with the client: a
/// call from the employer or a talk with the job coach does not tell that the client can
/// be reached.
pub fn reaches_client(occasion: Option<super::codes::ContactOccasion>) -> bool {
    use super::codes::ContactOccasion::{EmployerCalled, JobCoach};
    !matches!(occasion, Some(EmployerCalled | JobCoach))
}

/// The kind of the retry of a contact: the closing and event contacts keep their kind
/// (reaching the client still closes the plan, or asks about the renewal, the study's end
/// or the instalment).
pub fn retry_kind(kind: ContactKind) -> ContactKind {
    match kind {
        ContactKind::Closing => kind,
        k if k.is_event() => k,
        _ => ContactKind::Retry,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_stop_at_the_flag_unless_the_client_would_drop_out_of_sight() {
        let c = AftercareConfig::parse(crate::domain::aftercare::BUILTIN).unwrap();
        // Friday 20 November 2026: three working days later is Wednesday 25 November.
        let fri = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let wed = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let r = not_reached(&c, fri, 1, ContactKind::Scheduled, true);
        assert_eq!((r.retry_on, r.flag), (Some(wed), false));
        let r = not_reached(&c, fri, 3, ContactKind::Scheduled, true);
        assert_eq!((r.retry_on, r.flag), (None, true));
        let r = not_reached(&c, fri, 3, ContactKind::Scheduled, false);
        assert_eq!((r.retry_on, r.flag), (Some(wed), true));
        let r = not_reached(&c, fri, 3, ContactKind::Closing, true);
        assert_eq!((r.retry_on, r.flag), (Some(wed), true));
        assert_eq!(retry_kind(ContactKind::Scheduled), ContactKind::Retry);
        assert_eq!(
            retry_kind(ContactKind::ContractEnd),
            ContactKind::ContractEnd
        );
    }
}
