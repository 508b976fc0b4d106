//! A check-in as the caseworker records it: the input, its checks, and what it suggests.

use super::codes::{Channel, ReferralKind, Risk, StillWorking};
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
