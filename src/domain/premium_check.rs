//! Judging a premium scheme for a client, rule by rule, with the reason of each outcome in
//! the user's language: the base rules decide eligibility, each uplift's rules its extra
//! amount. Months on benefit are compared to the day; whole months are only shown.

use super::codes::{ContractType, ExitCategory, ExitReason, Independence};
use super::date::{add_months, age_on, months_between};
use super::hours::Hours;
use super::money::fmt_euro;
use super::premium::{Rule, Scheme};
use crate::i18n::{Lang, t, tf, tn};
use chrono::NaiveDate;

/// What an earlier benefit period brought in premium.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PriorPremium {
    /// No premium was ever granted.
    #[default]
    None,
    /// One was granted, but none of its instalments was paid (all cancelled with a
    /// re-entry, or forfeited): it does not bar the client.
    GrantedUnpaid,
    /// At least one instalment was paid.
    Paid,
}

/// A trajectory as the instrument rules see it: its catalogue key and its name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstrumentFact {
    pub key: String,
    pub name: String,
}

/// What the rules look at: the client's situation at the exit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PremiumFacts {
    pub benefit_start: NaiveDate,
    pub exit_date: NaiveDate,
    pub prior: PriorPremium,
    pub reason: ExitReason,
    pub contract_type: Option<ContractType>,
    pub hours_per_week: Option<Hours>,
    pub independence: Option<Independence>,
    /// A job-agreement indication or a work disability (`None`: not asked).
    pub job_agreement: Option<bool>,
    /// A sanction in the 24 months before the exit (`None`: not asked).
    pub sanction_24_months: Option<bool>,
    pub birth_date: Option<NaiveDate>,
    /// The trajectory the job was found through.
    pub found_via: Option<InstrumentFact>,
    /// The trajectories of the period completed by the exit (with the one the job was
    /// found through, which the exit completes).
    pub completed: Vec<InstrumentFact>,
}

impl PremiumFacts {
    /// The facts of an exit for a reason, with nothing else known.
    pub fn new(benefit_start: NaiveDate, exit_date: NaiveDate, reason: ExitReason) -> Self {
        PremiumFacts {
            benefit_start,
            exit_date,
            prior: PriorPremium::None,
            reason,
            contract_type: None,
            hours_per_week: None,
            independence: None,
            job_agreement: None,
            sanction_24_months: None,
            birth_date: None,
            found_via: None,
            completed: Vec::new(),
        }
    }
}

/// The outcome of one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Met,
    NotMet,
    /// Cannot be known at the exit; checked when the instalment is due.
    AtPayment,
}

/// One rule evaluated: its outcome and why, as an i18n key with arguments.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleCheck {
    pub rule: Rule,
    pub status: Status,
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// An argument of a rule's text: plain, or said in the language of the text.
#[derive(Clone, Debug, PartialEq)]
enum Arg {
    Text(String),
    Hours(Hours),
    /// Months and days on benefit.
    Span(u32, u32),
}

impl Arg {
    fn show(&self, lang: Lang) -> String {
        match self {
            Arg::Text(s) => s.clone(),
            Arg::Hours(h) => h.show(lang),
            Arg::Span(m, d) => span(*m, *d, lang),
        }
    }
}

/// "24 months", "24 months and 1 day", "1 month and 3 days".
fn span(months: u32, days: u32, lang: Lang) -> String {
    let m = tn(lang, "premium_rule.span_months", months, &[]);
    if days == 0 {
        return m;
    }
    let d = tn(lang, "premium_rule.span_days", days, &[]);
    tf(
        lang,
        "premium_rule.span_and",
        &[("months", &m), ("days", &d)],
    )
}

impl RuleCheck {
    /// "✓ on benefit 31 months and 4 days, needs more than 24 months" in a language (the
    /// mark first, so a line cut at a narrow window keeps it).
    pub fn text(&self, lang: Lang) -> String {
        let shown: Vec<(&str, String)> =
            self.args.iter().map(|(k, v)| (*k, v.show(lang))).collect();
        let args: Vec<(&str, &dyn std::fmt::Display)> = shown
            .iter()
            .map(|(k, v)| (*k, v as &dyn std::fmt::Display))
            .collect();
        let body = tf(lang, self.key, &args);
        match self.status {
            Status::Met => format!("✓ {body}"),
            Status::NotMet => format!("✗ {body}"),
            Status::AtPayment => format!("{body} ({})", t(lang, "premium_rule.at_payment")),
        }
    }
}

/// An uplift evaluated: whether it comes on top, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct UpliftEvaluation {
    pub key: String,
    pub amount_cents: i64,
    pub checks: Vec<RuleCheck>,
}

impl UpliftEvaluation {
    /// Granted with the scheme: no rule unmet (rules checked at payment do not block).
    pub fn applies(&self) -> bool {
        self.checks.iter().all(|c| c.status != Status::NotMet)
    }
}

/// A scheme evaluated for a client.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    pub scheme: String,
    pub checks: Vec<RuleCheck>,
    pub uplifts: Vec<UpliftEvaluation>,
}

impl Evaluation {
    /// Eligible when no rule is unmet (rules checked at payment do not block the grant).
    pub fn eligible(&self) -> bool {
        self.checks.iter().all(|c| c.status != Status::NotMet)
    }

    /// The keys of the uplifts granted with the scheme.
    pub fn granted_uplifts(&self) -> Vec<String> {
        self.uplifts
            .iter()
            .filter(|u| u.applies())
            .map(|u| u.key.clone())
            .collect()
    }

    /// The explanation as lines: the verdict, each rule, then each uplift with its amount,
    /// whether it comes on top, and its rules.
    pub fn lines(&self, scheme: &Scheme, lang: Lang) -> Vec<String> {
        let verdict = if self.eligible() {
            t(lang, "exit.eligible")
        } else {
            t(lang, "exit.not_eligible")
        };
        let mut out = vec![format!("{} — {verdict}", scheme.name(lang))];
        out.extend(self.checks.iter().map(|c| format!("  {}", c.text(lang))));
        for u in &self.uplifts {
            let name = scheme.uplift(&u.key).map_or("", |x| x.name(lang));
            let key = if u.applies() && self.eligible() {
                "premium_rule.uplift_on_top"
            } else {
                "premium_rule.uplift_not"
            };
            let amount = fmt_euro(u.amount_cents, lang);
            out.push(format!(
                "  {}",
                tf(lang, key, &[("name", &name), ("amount", &amount)])
            ));
            out.extend(u.checks.iter().map(|c| format!("    {}", c.text(lang))));
        }
        out
    }
}

fn met(ok: bool) -> Status {
    if ok { Status::Met } else { Status::NotMet }
}

fn text(s: impl ToString) -> Arg {
    Arg::Text(s.to_string())
}

/// The months and days from the benefit start to the exit (whole months, then the days
/// after the last whole month): shown, never deciding.
fn on_benefit(f: &PremiumFacts) -> Arg {
    let months = months_between(f.benefit_start, f.exit_date);
    let days = (f.exit_date - add_months(f.benefit_start, months)).num_days();
    Arg::Span(months, u32::try_from(days).unwrap_or(0))
}

type Outcome = (Status, &'static str, Vec<(&'static str, Arg)>);

fn check(rule: &Rule, f: &PremiumFacts) -> RuleCheck {
    let (status, key, args): Outcome = match rule {
        Rule::MonthsOnBenefitMoreThan { months } => (
            met(f.exit_date > add_months(f.benefit_start, *months)),
            "premium_rule.months_more_than",
            vec![("n", on_benefit(f)), ("min", text(months))],
        ),
        Rule::MonthsOnBenefitAtLeast { months } => (
            met(f.exit_date >= add_months(f.benefit_start, *months)),
            "premium_rule.months_at_least",
            vec![("n", on_benefit(f)), ("min", text(months))],
        ),
        Rule::NoPremiumBefore => {
            let key = match f.prior {
                PriorPremium::None => "premium_rule.no_premium_before",
                PriorPremium::GrantedUnpaid => "premium_rule.premium_never_paid",
                PriorPremium::Paid => "premium_rule.had_premium",
            };
            (met(f.prior != PriorPremium::Paid), key, vec![])
        }
        Rule::WorkExit {
            self_employment_counts,
        } => work_exit(f, *self_employment_counts),
        Rule::MinHoursPerWeek { hours } => match f.hours_per_week {
            Some(h) => (
                met(h >= *hours),
                "premium_rule.hours",
                vec![("n", Arg::Hours(h)), ("min", Arg::Hours(*hours))],
            ),
            None => (
                Status::NotMet,
                "premium_rule.hours_unknown",
                vec![("min", Arg::Hours(*hours))],
            ),
        },
        Rule::EmploymentContract => {
            let ok = f.reason != ExitReason::WorkSelfEmployed
                && matches!(
                    f.contract_type,
                    Some(
                        ContractType::Permanent
                            | ContractType::Temporary
                            | ContractType::Agency
                            | ContractType::OnCall
                    )
                );
            let key = if ok {
                "premium_rule.employment_contract"
            } else {
                "premium_rule.no_employment_contract"
            };
            (met(ok), key, vec![])
        }
        Rule::IncomeAboveNorm => {
            let ok = f.independence == Some(Independence::Full);
            let key = if ok {
                "premium_rule.income_above_norm"
            } else {
                "premium_rule.income_below_norm"
            };
            (met(ok), key, vec![])
        }
        // Its text is the one of `Rule::at_payment`.
        Rule::MonthsWithOneEmployer { months } => (
            Status::AtPayment,
            "premium_rule.one_employer",
            vec![("min", text(months))],
        ),
        Rule::JobAgreement => yes_no(
            f.job_agreement,
            true,
            [
                "premium_rule.job_agreement",
                "premium_rule.no_job_agreement",
                "premium_rule.job_agreement_unknown",
            ],
        ),
        Rule::NoSanction24Months => yes_no(
            f.sanction_24_months,
            false,
            [
                "premium_rule.no_sanction",
                "premium_rule.sanction",
                "premium_rule.sanction_unknown",
            ],
        ),
        Rule::MinAgeAtExit { years } => match f.birth_date {
            Some(b) => {
                let age = age_on(b, f.exit_date);
                (
                    met(age >= *years as i32),
                    "premium_rule.age",
                    vec![("n", text(age)), ("min", text(years))],
                )
            }
            None => (
                Status::NotMet,
                "premium_rule.age_unknown",
                vec![("min", text(years))],
            ),
        },
        Rule::FoundViaInstrument { instruments } => match &f.found_via {
            Some(t) if instruments.contains(&t.key) => (
                Status::Met,
                "premium_rule.found_via",
                vec![("name", text(&t.name))],
            ),
            Some(t) => (
                Status::NotMet,
                "premium_rule.found_via_other",
                vec![("name", text(&t.name))],
            ),
            None => (Status::NotMet, "premium_rule.found_via_none", vec![]),
        },
        Rule::CompletedInstrument { instruments } => {
            match f.completed.iter().find(|t| instruments.contains(&t.key)) {
                Some(t) => (
                    Status::Met,
                    "premium_rule.completed",
                    vec![("name", text(&t.name))],
                ),
                None => (Status::NotMet, "premium_rule.completed_none", vec![]),
            }
        }
    };
    RuleCheck {
        rule: rule.clone(),
        status,
        key,
        args,
    }
}

/// Leaves for the client's own work (self-employment as the scheme says).
fn work_exit(f: &PremiumFacts, self_employment_counts: bool) -> Outcome {
    let ok = match f.reason {
        ExitReason::WorkPartnerIncome => false,
        ExitReason::WorkSelfEmployed => self_employment_counts,
        r => r.category() == ExitCategory::Work,
    };
    let key = match (ok, f.reason, self_employment_counts) {
        (true, _, _) => "premium_rule.work_exit",
        (false, ExitReason::WorkSelfEmployed, false) => "premium_rule.self_employed_excluded",
        (false, ExitReason::WorkPartnerIncome, _) => "premium_rule.partner_income",
        _ => "premium_rule.not_work_exit",
    };
    (met(ok), key, vec![])
}

/// A yes/no fact asked at the exit interview: met when it is `wanted`; the keys say it is
/// met, not met, or not recorded (which does not meet it).
fn yes_no(fact: Option<bool>, wanted: bool, keys: [&'static str; 3]) -> Outcome {
    match fact {
        Some(v) if v == wanted => (Status::Met, keys[0], vec![]),
        Some(_) => (Status::NotMet, keys[1], vec![]),
        None => (Status::NotMet, keys[2], vec![]),
    }
}

/// Evaluates every rule of a scheme for a client, in the order of the file, and each of
/// its uplifts.
pub fn evaluate(scheme: &Scheme, facts: &PremiumFacts) -> Evaluation {
    Evaluation {
        scheme: scheme.key.clone(),
        checks: scheme.rules.iter().map(|r| check(r, facts)).collect(),
        uplifts: scheme
            .uplifts
            .iter()
            .map(|u| UpliftEvaluation {
                key: u.key.clone(),
                amount_cents: u.amount_cents,
                checks: u.rules.iter().map(|r| check(r, facts)).collect(),
            })
            .collect(),
    }
}
