//! The exit letter: which kind of letter an exit gets, the facts it says, and the named
//! values a template (`assets/letters/exit_<lang>.md`, overridable) shows them by.

mod template;

pub use template::Template;

use super::codes::{AftercareMode, ContactKind, ExitReason};
use super::date::fmt_date;
use super::money::fmt_euro;
use super::premium::Rule;
use crate::i18n::{Lang, tf};
use chrono::NaiveDate;
use std::collections::HashMap;
use template::Value;

/// The built-in Dutch template.
pub const BUILTIN_NL: &str = include_str!("../../../assets/letters/exit_nl.md");
/// The built-in English template.
pub const BUILTIN_EN: &str = include_str!("../../../assets/letters/exit_en.md");

/// The kind of exit a letter is written for: each has its own section in the template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LetterKind {
    /// Every `work.*` reason: congratulations, premium, allowances, the shortened procedure.
    Work,
    /// Study with study finance: the study, and what to do when it ends.
    Study,
    /// Moved to another municipality: apply there now.
    Moved,
    Detention,
    Enforcement,
    NoInformation,
    /// Another benefit, e.g. from UWV.
    OtherBenefit,
    Unknown,
}

impl LetterKind {
    /// Every kind, in the order of the templates.
    pub const ALL: [LetterKind; 8] = [
        LetterKind::Work,
        LetterKind::Study,
        LetterKind::Moved,
        LetterKind::Detention,
        LetterKind::Enforcement,
        LetterKind::NoInformation,
        LetterKind::OtherBenefit,
        LetterKind::Unknown,
    ];

    /// The kind of letter for an exit reason; none for the excluded reasons (death, state
    /// pension, a partner who stays on benefit, a restarted benefit): they are recorded but
    /// are not an exit, and caseload writes no exit letter for them.
    pub fn of(reason: ExitReason) -> Option<LetterKind> {
        use ExitReason::*;
        Some(match reason {
            WorkEmployment | WorkWageSubsidy | WorkSheltered | WorkSelfEmployed
            | WorkPartnerIncome => LetterKind::Work,
            Study => LetterKind::Study,
            OtherMoved => LetterKind::Moved,
            OtherDetention => LetterKind::Detention,
            OtherEnforcement => LetterKind::Enforcement,
            OtherNoInformation => LetterKind::NoInformation,
            OtherOtherBenefit => LetterKind::OtherBenefit,
            OtherUnknown => LetterKind::Unknown,
            ExcludedDeath | ExcludedStatePension | ExcludedPartnerStays | ExcludedRestarted => {
                return None;
            }
        })
    }

    /// The kind's section in the template: `{{#work}}`, `{{#moved}}`, ….
    pub fn name(self) -> &'static str {
        match self {
            LetterKind::Work => "work",
            LetterKind::Study => "study",
            LetterKind::Moved => "moved",
            LetterKind::Detention => "detention",
            LetterKind::Enforcement => "enforcement",
            LetterKind::NoInformation => "no_information",
            LetterKind::OtherBenefit => "other_benefit",
            LetterKind::Unknown => "unknown",
        }
    }
}

/// The names a template may use: values (`{{name}}`) and, when non-empty or true, sections.
pub const NAMES: &[&str] = &[
    "date",
    "client_name",
    "client_number",
    "exit_date",
    "last_payment",
    "employer",
    "job_title",
    "study_end",
    "caseworker",
    "contact",
    "aftercare_until",
    "aftercare_ended",
    "first_contact",
    "closing_contact",
    "premium_total",
    "premium_instalments",
    "premium_condition",
    // flags, for sections only: the kind of exit (see `LetterKind::name`) ...
    "work",
    "study",
    "moved",
    "detention",
    "enforcement",
    "no_information",
    "other_benefit",
    "unknown",
    // ... two work reasons with their own opening ...
    "self_employed",
    "partner_income",
    // ... and the rest.
    "congratulate",
    "offered",
    "active",
    "passive",
    "declined",
    "premium",
];

/// Everything the exit letter says; the store fills it (see
/// [`crate::store::Store::letter_facts`]), the caller adds who to contact.
#[derive(Clone, Debug, PartialEq)]
pub struct LetterFacts {
    /// The letter's date.
    pub date: NaiveDate,
    /// "Jan van der Berg".
    pub client_name: String,
    /// "K000123": never the BSN.
    pub client_number: String,
    pub reason: ExitReason,
    pub exit_date: NaiveDate,
    pub last_payment_date: Option<NaiveDate>,
    pub employer: String,
    pub job_title: String,
    /// When the study ends (study exits).
    pub study_end: Option<NaiveDate>,
    /// The caseworker who signs the letter (empty: "your caseworker").
    pub caseworker: String,
    /// How to reach them: phone, e-mail (may be empty).
    pub contact: String,
    /// The aftercare offer as agreed at the exit interview.
    pub aftercare: AftercareMode,
    /// The aftercare plan, when there is one.
    pub plan: Option<PlanFacts>,
    /// The premium instalments granted: due date and amount in cents.
    pub instalments: Vec<(NaiveDate, i64)>,
    /// The rules of the premium's scheme: one checked only when paying makes the letter
    /// promise the premium on that condition, not unconditionally.
    pub premium_conditions: Vec<Rule>,
}

/// The aftercare plan as the letter tells it.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanFacts {
    /// The end of the plan's period.
    pub ends_on: NaiveDate,
    /// When it was completed or ended early; `None` while it runs.
    pub ended_on: Option<NaiveDate>,
    /// The contacts still planned: date and kind.
    pub planned: Vec<(NaiveDate, ContactKind)>,
}

impl PlanFacts {
    /// When aftercare ended, as seen on `on`: completed or ended early, or its period over.
    pub fn ended(&self, on: NaiveDate) -> Option<NaiveDate> {
        self.ended_on
            .or((self.ends_on < on).then_some(self.ends_on))
    }

    /// The first contact of a kind (any kind: `None`) a letter dated `on` may announce:
    /// the earliest still planned on or after `on`, and none once aftercare ended. A past
    /// or held contact is never announced as upcoming.
    pub fn next_contact(&self, on: NaiveDate, kind: Option<ContactKind>) -> Option<NaiveDate> {
        if self.ended(on).is_some() {
            return None;
        }
        self.planned
            .iter()
            .filter(|(d, k)| *d >= on && kind.is_none_or(|want| *k == want))
            .map(|(d, _)| *d)
            .min()
    }
}

/// Whether an exit gets a letter (see [`LetterKind::of`]).
pub fn applies(reason: ExitReason) -> bool {
    LetterKind::of(reason).is_some()
}

impl LetterFacts {
    /// The kind of letter (none for an excluded reason).
    pub fn kind(&self) -> Option<LetterKind> {
        LetterKind::of(self.reason)
    }

    fn values(&self, lang: Lang) -> HashMap<&'static str, Value> {
        let kind = self.kind();
        let mut v = HashMap::new();
        let text = |s: &str| Value::Text(s.trim().to_owned());
        let date = |d: Option<NaiveDate>| Value::Text(d.map(fmt_date).unwrap_or_default());
        v.insert("date", date(Some(self.date)));
        v.insert("client_name", text(&self.client_name));
        v.insert("client_number", text(&self.client_number));
        v.insert("exit_date", date(Some(self.exit_date)));
        v.insert("last_payment", date(self.last_payment_date));
        v.insert("employer", text(&self.employer));
        v.insert("job_title", text(&self.job_title));
        v.insert("study_end", date(self.study_end));
        v.insert("caseworker", text(&self.caseworker));
        v.insert("contact", text(&self.contact));
        for k in LetterKind::ALL {
            v.insert(k.name(), Value::Flag(kind == Some(k)));
        }
        v.insert(
            "self_employed",
            Value::Flag(self.reason == ExitReason::WorkSelfEmployed),
        );
        v.insert(
            "partner_income",
            Value::Flag(self.reason == ExitReason::WorkPartnerIncome),
        );
        self.aftercare_values(kind, &mut v);
        self.premium_values(lang, &mut v);
        v
    }

    /// Aftercare is offered after work and study. What runs is told as running; once it
    /// ended (early, or its period over) the letter says so, and announces no contact
    /// that will not happen nor one dated before the letter.
    fn aftercare_values(&self, kind: Option<LetterKind>, v: &mut HashMap<&'static str, Value>) {
        let date = |d: Option<NaiveDate>| Value::Text(d.map(fmt_date).unwrap_or_default());
        let offered = matches!(kind, Some(LetterKind::Work | LetterKind::Study));
        let plan = self.plan.as_ref().filter(|_| offered);
        let ended = plan.and_then(|p| p.ended(self.date));
        let running = plan.is_some() && ended.is_none();
        v.insert("congratulate", Value::Flag(kind == Some(LetterKind::Work)));
        v.insert("offered", Value::Flag(offered));
        v.insert("aftercare_until", date(plan.map(|p| p.ends_on)));
        v.insert("aftercare_ended", date(ended));
        v.insert(
            "first_contact",
            date(plan.and_then(|p| p.next_contact(self.date, None))),
        );
        v.insert(
            "closing_contact",
            date(plan.and_then(|p| p.next_contact(self.date, Some(ContactKind::Closing)))),
        );
        let mode = |m| Value::Flag(running && self.aftercare == m);
        v.insert("active", mode(AftercareMode::Active));
        v.insert("passive", mode(AftercareMode::Passive));
        v.insert(
            "declined",
            Value::Flag(offered && self.aftercare == AftercareMode::Declined),
        );
    }

    fn premium_values(&self, lang: Lang, v: &mut HashMap<&'static str, Value>) {
        let total: i64 = self.instalments.iter().map(|i| i.1).sum();
        let lines: Vec<String> = self
            .instalments
            .iter()
            .map(|(due, cents)| {
                tf(
                    lang,
                    "exit_letter.instalment",
                    &[
                        ("amount", &fmt_euro(*cents, lang)),
                        ("date", &fmt_date(*due)),
                    ],
                )
            })
            .collect();
        v.insert(
            "premium_total",
            Value::Text(if total > 0 {
                fmt_euro(total, lang)
            } else {
                String::new()
            }),
        );
        v.insert("premium_instalments", Value::Text(lines.join("\n")));
        let conditions: Vec<String> = self
            .premium_conditions
            .iter()
            .filter_map(|r| r.at_payment(lang))
            .collect();
        v.insert("premium_condition", Value::Text(conditions.join("; ")));
        v.insert("premium", Value::Flag(!self.instalments.is_empty()));
    }
}

impl Template {
    /// The letter for `facts` in `lang` (the language of the template's texts).
    pub fn render(&self, facts: &LetterFacts, lang: Lang) -> String {
        self.render_values(&facts.values(lang))
    }
}

#[cfg(test)]
mod tests;
