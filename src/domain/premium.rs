//! The exit premium (uitstroompremie): schemes as data, evaluated rule by rule with an
//! explanation in the user's language, and the instalments a granted premium brings.

use super::catalog::AssetError;
use super::codes::{ContractType, ExitCategory, ExitReason, Independence};
use super::offset::Offset;
use crate::i18n::{Lang, t, tf};
use chrono::NaiveDate;
use serde::Deserialize;

/// The built-in `premium.toml`.
pub const BUILTIN: &str = include_str!("../../assets/premium.toml");

/// One eligibility rule of a scheme (the `kind` in `premium.toml`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// On benefit strictly more than `months` at the exit date (exactly `months` fails).
    MonthsOnBenefitMoreThan { months: u32 },
    /// On benefit `months` or more at the exit date.
    MonthsOnBenefitAtLeast { months: u32 },
    /// Never had an exit premium granted before (on any earlier episode).
    NoPremiumBefore,
    /// Leaves for the client's own work; a partner's income does not count.
    WorkExit { self_employment_counts: bool },
    /// Works at least `hours` a week (exactly `hours` meets it).
    MinHoursPerWeek { hours: u8 },
    /// Works on an employment contract (not self-employed).
    EmploymentContract,
    /// Fully independent of benefit (income above the norm).
    IncomeAboveNorm,
    /// Worked `months` for one employer: only known later, so checked when paying.
    MonthsWithOneEmployer { months: u32 },
}

impl Rule {
    /// A condition that can only be checked when paying, as text ("6 months with one
    /// employer"); `None` for a rule checked at the exit.
    pub fn at_payment(&self, lang: Lang) -> Option<String> {
        match self {
            Rule::MonthsWithOneEmployer { months } => {
                Some(tf(lang, "premium_rule.one_employer", &[("min", months)]))
            }
            _ => None,
        }
    }
}

/// Where an instalment's offset counts from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// The exit date.
    #[default]
    Exit,
    /// The first working day, or the exit date when that is unknown.
    FirstWorkDay,
}

/// One payment of a scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstalmentRule {
    pub offset: Offset,
    #[serde(default)]
    pub from: Anchor,
    pub amount_cents: i64,
}

/// A premium scheme: rules that must all be met, and the instalments paid.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    pub key: String,
    pub name_nl: String,
    pub name_en: String,
    #[serde(rename = "rule", default)]
    pub rules: Vec<Rule>,
    #[serde(rename = "instalment")]
    pub instalments: Vec<InstalmentRule>,
}

impl Scheme {
    /// The scheme's name in a language.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.name_nl,
            Lang::En => &self.name_en,
        }
    }

    /// The total of all instalments, in cents.
    pub fn total_cents(&self) -> i64 {
        self.instalments.iter().map(|i| i.amount_cents).sum()
    }

    /// Whether a rule of this scheme bars a client who had a premium before.
    pub fn once_only(&self) -> bool {
        self.rules.contains(&Rule::NoPremiumBefore)
    }
}

/// The premium schemes of a municipality, and which one the exit form proposes.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PremiumConfig {
    pub default: String,
    #[serde(rename = "scheme")]
    pub schemes: Vec<Scheme>,
}

impl PremiumConfig {
    /// Parses and checks `premium.toml`.
    pub fn parse(text: &str) -> Result<PremiumConfig, AssetError> {
        let c: PremiumConfig = toml::from_str(text).map_err(|e| AssetError::from_toml(text, &e))?;
        let mut seen = std::collections::HashSet::new();
        for s in &c.schemes {
            let at = |m: String| AssetError::at(text, &format!("\"{}\"", s.key), m);
            if s.key.trim().is_empty() {
                return Err(AssetError::at(
                    text,
                    "key = \"\"",
                    "a scheme has an empty key".into(),
                ));
            }
            if !seen.insert(s.key.as_str()) {
                return Err(at(format!("scheme \"{}\" appears twice", s.key)));
            }
            if s.instalments.is_empty() {
                return Err(at(format!(
                    "scheme \"{}\" has no [[scheme.instalment]]",
                    s.key
                )));
            }
            if s.instalments.iter().any(|i| i.amount_cents <= 0) {
                return Err(at(format!(
                    "scheme \"{}\": amount_cents must be more than 0",
                    s.key
                )));
            }
        }
        if c.scheme(&c.default).is_none() {
            return Err(AssetError::at(
                text,
                "default",
                format!("default = \"{}\" is not one of the schemes", c.default),
            ));
        }
        Ok(c)
    }

    /// A scheme by key.
    pub fn scheme(&self, key: &str) -> Option<&Scheme> {
        self.schemes.iter().find(|s| s.key == key)
    }

    /// The scheme the exit form proposes.
    pub fn default_scheme(&self) -> Option<&Scheme> {
        self.scheme(&self.default)
    }
}

/// What the rules look at: the client's situation at the exit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PremiumFacts {
    /// Whole months from the benefit start to the exit date.
    pub months_on_benefit: u32,
    /// A premium was granted on an earlier episode.
    pub premium_before: bool,
    pub reason: ExitReason,
    pub contract_type: Option<ContractType>,
    pub hours_per_week: Option<u8>,
    pub independence: Option<Independence>,
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
    args: Vec<(&'static str, String)>,
}

impl RuleCheck {
    /// "on benefit 31 months, needs more than 24 ✓" in a language.
    pub fn text(&self, lang: Lang) -> String {
        let args: Vec<(&str, &dyn std::fmt::Display)> = self
            .args
            .iter()
            .map(|(k, v)| (*k, v as &dyn std::fmt::Display))
            .collect();
        let body = tf(lang, self.key, &args);
        match self.status {
            Status::Met => format!("{body} ✓"),
            Status::NotMet => format!("{body} ✗"),
            Status::AtPayment => format!("{body} ({})", t(lang, "premium_rule.at_payment")),
        }
    }
}

/// A scheme evaluated for a client.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    pub scheme: String,
    pub checks: Vec<RuleCheck>,
}

impl Evaluation {
    /// Eligible when no rule is unmet (rules checked at payment do not block the grant).
    pub fn eligible(&self) -> bool {
        self.checks.iter().all(|c| c.status != Status::NotMet)
    }
}

fn met(ok: bool) -> Status {
    if ok { Status::Met } else { Status::NotMet }
}

fn check(rule: Rule, f: &PremiumFacts) -> RuleCheck {
    let months = f.months_on_benefit.to_string();
    let (status, key, args): (Status, &'static str, Vec<(&'static str, String)>) = match rule {
        Rule::MonthsOnBenefitMoreThan { months: min } => (
            met(f.months_on_benefit > min),
            "premium_rule.months_more_than",
            vec![("n", months), ("min", min.to_string())],
        ),
        Rule::MonthsOnBenefitAtLeast { months: min } => (
            met(f.months_on_benefit >= min),
            "premium_rule.months_at_least",
            vec![("n", months), ("min", min.to_string())],
        ),
        Rule::NoPremiumBefore => (
            met(!f.premium_before),
            if f.premium_before {
                "premium_rule.had_premium"
            } else {
                "premium_rule.no_premium_before"
            },
            vec![],
        ),
        Rule::WorkExit {
            self_employment_counts,
        } => {
            let ok = match f.reason {
                ExitReason::WorkPartnerIncome => false,
                ExitReason::WorkSelfEmployed => self_employment_counts,
                r => r.category() == ExitCategory::Work,
            };
            let key = match (ok, f.reason, self_employment_counts) {
                (true, _, _) => "premium_rule.work_exit",
                (false, ExitReason::WorkSelfEmployed, false) => {
                    "premium_rule.self_employed_excluded"
                }
                (false, ExitReason::WorkPartnerIncome, _) => "premium_rule.partner_income",
                _ => "premium_rule.not_work_exit",
            };
            (met(ok), key, vec![])
        }
        Rule::MinHoursPerWeek { hours } => match f.hours_per_week {
            Some(h) => (
                met(h >= hours),
                "premium_rule.hours",
                vec![("n", h.to_string()), ("min", hours.to_string())],
            ),
            None => (
                Status::NotMet,
                "premium_rule.hours_unknown",
                vec![("min", hours.to_string())],
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
            vec![("min", months.to_string())],
        ),
    };
    RuleCheck {
        rule,
        status,
        key,
        args,
    }
}

/// Evaluates every rule of a scheme for a client, in the order of the file.
pub fn evaluate(scheme: &Scheme, facts: &PremiumFacts) -> Evaluation {
    Evaluation {
        scheme: scheme.key.clone(),
        checks: scheme.rules.iter().map(|r| check(*r, facts)).collect(),
    }
}

/// An instalment to create when the premium is granted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Due {
    /// 1, 2, ...
    pub seq: u32,
    pub due_on: NaiveDate,
    pub amount_cents: i64,
}

/// The instalments of a granted scheme, with their due dates.
pub fn instalments(
    scheme: &Scheme,
    exit: NaiveDate,
    first_work_day: Option<NaiveDate>,
) -> Vec<Due> {
    scheme
        .instalments
        .iter()
        .zip(1u32..)
        .map(|(i, seq)| {
            let anchor = match i.from {
                Anchor::Exit => exit,
                Anchor::FirstWorkDay => first_work_day.unwrap_or(exit),
            };
            Due {
                seq,
                due_on: i.offset.after(anchor),
                amount_cents: i.amount_cents,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_file_has_both_schemes() {
        let c = PremiumConfig::parse(BUILTIN).expect("built-in premium.toml parses");
        assert_eq!(c.default, "two_instalments");
        assert_eq!(c.default_scheme().map(Scheme::total_cents), Some(100_000));
        assert_eq!(
            c.scheme("one_payment").map(Scheme::total_cents),
            Some(100_000)
        );
        assert!(c.default_scheme().unwrap().once_only());
    }

    #[test]
    fn a_broken_file_says_where() {
        let text = BUILTIN.replacen("kind = \"no_premium_before\"", "kind = \"banana\"", 1);
        let e = PremiumConfig::parse(&text).unwrap_err();
        assert!(e.line.is_some() && e.message.contains("banana"), "{e}");
        let text = BUILTIN.replacen("default = \"two_instalments\"", "default = \"x\"", 1);
        let e = PremiumConfig::parse(&text).unwrap_err();
        assert!(e.message.contains("\"x\""), "{e}");
        let text = BUILTIN.replacen("offset = \"6m\"", "offset = \"6 months\"", 1);
        let e = PremiumConfig::parse(&text).unwrap_err();
        assert!(e.line.is_some(), "{e}");
    }
}
