//! The exit premium (uitstroompremie) as data: the schemes of `premium.toml` with their
//! rules, instalments and uplifts, and the instalments a granted premium brings. How the
//! rules are judged lives in `premium_check`, paying in `premium_pay`.

use super::catalog::AssetError;
use super::hours::Hours;
use super::money::MAX_PREMIUM_CENTS;
use super::offset::Offset;
use crate::i18n::{Lang, tf};
use chrono::NaiveDate;
use serde::Deserialize;

pub use super::premium_check::{
    Evaluation, PremiumFacts, PriorPremium, RuleCheck, Status, UpliftEvaluation, evaluate,
};

/// The built-in `premium.toml`.
pub const BUILTIN: &str = include_str!("../../assets/premium.toml");

/// One eligibility rule of a scheme or an uplift (the `kind` in `premium.toml`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// On benefit strictly more than `months` at the exit date, day-exact: the exit lies
    /// after the benefit start plus `months` calendar months (exactly `months` fails).
    MonthsOnBenefitMoreThan { months: u32 },
    /// On benefit `months` or more at the exit date, day-exact: the exit lies on or after
    /// the benefit start plus `months` calendar months.
    MonthsOnBenefitAtLeast { months: u32 },
    /// Never received an exit premium: no instalment paid on an earlier benefit period
    /// (a premium whose instalments were all cancelled or forfeited unpaid does not count).
    NoPremiumBefore,
    /// Leaves for the client's own work; a partner's income does not count.
    WorkExit { self_employment_counts: bool },
    /// Works at least `hours` a week (exactly `hours` meets it; decimals allowed).
    MinHoursPerWeek { hours: Hours },
    /// Works on an employment contract (not self-employed).
    EmploymentContract,
    /// Fully independent of benefit (income above the norm).
    IncomeAboveNorm,
    /// Worked `months` for one employer: only known later, so checked when paying.
    MonthsWithOneEmployer { months: u32 },
    /// Has a job-agreement indication (banenafspraak) or a work disability (asked at the
    /// exit interview).
    JobAgreement,
    /// No sanction (maatregel) in the 24 months before the exit (asked at the exit
    /// interview).
    #[serde(rename = "no_sanction_24_months")]
    NoSanction24Months,
    /// At least `years` old on the exit date (from the birth date).
    MinAgeAtExit { years: u32 },
    /// The job was found through a trajectory of one of these instruments (keys of the
    /// instrument catalogue, e.g. `work_experience`, `trial_placement`).
    FoundViaInstrument { instruments: Vec<String> },
    /// A trajectory of one of these instruments was completed in this benefit period by
    /// the exit (the one the job was found through completes with the exit).
    CompletedInstrument { instruments: Vec<String> },
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

/// An extra amount on top of a scheme, granted with it when its own rules are all met
/// (or checked when paying); paid as an instalment of its own.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Uplift {
    pub key: String,
    pub name_nl: String,
    pub name_en: String,
    pub amount_cents: i64,
    /// When it is paid; left out: with the scheme's last instalment.
    #[serde(default)]
    pub offset: Option<Offset>,
    #[serde(default)]
    pub from: Anchor,
    #[serde(rename = "rule", default)]
    pub rules: Vec<Rule>,
}

impl Uplift {
    /// The uplift's name in a language.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.name_nl,
            Lang::En => &self.name_en,
        }
    }
}

/// A premium scheme: rules that must all be met, the instalments paid, and the uplifts
/// that may come on top.
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
    #[serde(rename = "uplift", default)]
    pub uplifts: Vec<Uplift>,
}

impl Scheme {
    /// The scheme's name in a language.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.name_nl,
            Lang::En => &self.name_en,
        }
    }

    /// The total of the base instalments, in cents (uplifts not included).
    pub fn total_cents(&self) -> i64 {
        self.instalments.iter().map(|i| i.amount_cents).sum()
    }

    /// Whether a rule of this scheme bars a client who had a premium before.
    pub fn once_only(&self) -> bool {
        self.rules.contains(&Rule::NoPremiumBefore)
    }

    /// An uplift by key.
    pub fn uplift(&self, key: &str) -> Option<&Uplift> {
        self.uplifts.iter().find(|u| u.key == key)
    }

    /// The conditions checked when paying an instalment of this scheme (of the uplift it
    /// pays, if any), as text; empty when nothing is left to check.
    pub fn conditions_at_payment(&self, uplift: Option<&str>, lang: Lang) -> Vec<String> {
        let extra = uplift.and_then(|k| self.uplift(k)).map(|u| &u.rules[..]);
        self.rules
            .iter()
            .chain(extra.unwrap_or(&[]))
            .filter_map(|r| r.at_payment(lang))
            .collect()
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
            if let Some(i) = s
                .instalments
                .iter()
                .find(|i| i.amount_cents > MAX_PREMIUM_CENTS)
            {
                return Err(AssetError::at(
                    text,
                    &format!("amount_cents = {}", i.amount_cents),
                    too_much(&s.key),
                ));
            }
            check_uplifts(text, s)?;
            if let Some(p) = s.rules.iter().find_map(rule_problem) {
                return Err(at(format!("scheme \"{}\": {p}", s.key)));
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

    /// Whether any scheme or uplift has a rule like this one (the exit form asks for the
    /// facts only the rules in use need).
    pub fn uses(&self, wanted: impl Fn(&Rule) -> bool) -> bool {
        self.schemes.iter().any(|s| {
            s.rules.iter().any(&wanted) || s.uplifts.iter().any(|u| u.rules.iter().any(&wanted))
        })
    }
}

/// An amount above the maximum, named by its scheme's or uplift's key.
fn too_much(key: &str) -> String {
    format!(
        "\"{key}\": amount_cents must be at most {MAX_PREMIUM_CENTS} (€{}); a premium is never more",
        MAX_PREMIUM_CENTS / 100
    )
}

/// What is wrong with a rule's own values, if anything.
fn rule_problem(r: &Rule) -> Option<&'static str> {
    match r {
        Rule::FoundViaInstrument { instruments } | Rule::CompletedInstrument { instruments }
            if instruments.iter().all(|i| i.trim().is_empty()) =>
        {
            Some("instruments names no instrument")
        }
        Rule::MinAgeAtExit { years } if !(16..=100).contains(years) => {
            Some("min_age_at_exit: years must be 16 to 100")
        }
        _ => None,
    }
}

/// The uplifts of a scheme: a key once, an amount, at least one rule.
fn check_uplifts(text: &str, s: &Scheme) -> Result<(), AssetError> {
    let mut seen = std::collections::HashSet::new();
    for u in &s.uplifts {
        let at = |m: String| AssetError::at(text, &format!("\"{}\"", u.key), m);
        if u.key.trim().is_empty() {
            return Err(AssetError::at(
                text,
                "key = \"\"",
                format!("scheme \"{}\": an uplift has an empty key", s.key),
            ));
        }
        if !seen.insert(u.key.as_str()) {
            return Err(at(format!("uplift \"{}\" appears twice", u.key)));
        }
        if u.amount_cents <= 0 {
            return Err(at(format!(
                "uplift \"{}\": amount_cents must be more than 0",
                u.key
            )));
        }
        if u.amount_cents > MAX_PREMIUM_CENTS {
            return Err(at(too_much(&u.key)));
        }
        if u.rules.is_empty() {
            return Err(at(format!(
                "uplift \"{}\" has no [[scheme.uplift.rule]]",
                u.key
            )));
        }
        if let Some(p) = u.rules.iter().find_map(rule_problem) {
            return Err(at(format!("uplift \"{}\": {p}", u.key)));
        }
    }
    Ok(())
}

/// An instalment to create when the premium is granted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due {
    /// 1, 2, ...: the scheme's instalments first, then its uplifts.
    pub seq: u32,
    pub due_on: NaiveDate,
    pub amount_cents: i64,
    /// The uplift this instalment pays (`None`: the scheme's own instalment).
    pub uplift: Option<String>,
}

/// The instalments of a granted scheme with their due dates, then one per uplift granted
/// with it (in the order of the file; keys not of this scheme are left out).
pub fn instalments(
    scheme: &Scheme,
    exit: NaiveDate,
    first_work_day: Option<NaiveDate>,
    uplifts: &[String],
) -> Vec<Due> {
    let anchor = |from: Anchor| match from {
        Anchor::Exit => exit,
        Anchor::FirstWorkDay => first_work_day.unwrap_or(exit),
    };
    let mut out: Vec<Due> = scheme
        .instalments
        .iter()
        .zip(1u32..)
        .map(|(i, seq)| Due {
            seq,
            due_on: i.offset.after(anchor(i.from)),
            amount_cents: i.amount_cents,
            uplift: None,
        })
        .collect();
    let last = out.last().map_or(exit, |d| d.due_on);
    for u in scheme.uplifts.iter().filter(|u| uplifts.contains(&u.key)) {
        out.push(Due {
            seq: out.len() as u32 + 1,
            due_on: u.offset.map_or(last, |o| o.after(anchor(u.from))),
            amount_cents: u.amount_cents,
            uplift: Some(u.key.clone()),
        });
    }
    out
}
