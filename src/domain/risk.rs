//! Risk of re-entry: the factors of domain.md and the latest check-in's judgement, each
//! with a weight from `risk.toml`, summed into a level (low / medium / high) that keeps the
//! factors that made it, so the file can explain it factor by factor.
//!
//! "Never worked before" is not a factor: the intake records work experience as free text
//! only, which cannot be read as "never" without inventing a column.

use super::catalog::AssetError;
use super::codes::{Code, ContractType, Risk};
use crate::i18n::{Lang, t, tf};

/// The built-in `risk.toml`.
pub const BUILTIN: &str = include_str!("../../assets/risk.toml");

/// The weight of each factor (0: switched off).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Weights {
    pub debts: u32,
    pub life_domains: u32,
    pub statushouder: u32,
    pub flexible_contract: u32,
    pub mental_health: u32,
    pub single_parent: u32,
    pub study_exit: u32,
    pub earlier_reentry: u32,
    pub checkin_medium: u32,
    pub checkin_high: u32,
}

/// When life domains count as problems: at least `domains_at_least` domains scored
/// `score_at_most` or lower.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LifeDomains {
    pub score_at_most: u8,
    pub domains_at_least: u32,
}

/// The rules of `risk.toml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskConfig {
    /// The total weight from which the level is medium.
    pub medium_from: u32,
    /// The total weight from which the level is high.
    pub high_from: u32,
    pub weights: Weights,
    pub life_domains: LifeDomains,
}

impl RiskConfig {
    /// Parses a `risk.toml`; out-of-range numbers are refused with their line.
    pub fn parse(text: &str) -> Result<RiskConfig, AssetError> {
        let c: RiskConfig = toml::from_str(text).map_err(|e| AssetError::from_toml(text, &e))?;
        let at = |needle: &str, msg: &str| Err(AssetError::at(text, needle, msg.to_owned()));
        if !(1..=1000).contains(&c.medium_from) {
            return at("medium_from", "medium_from: 1 to 1000");
        }
        if !(1..=1000).contains(&c.high_from) || c.high_from <= c.medium_from {
            return at("high_from", "high_from: 1 to 1000, more than medium_from");
        }
        let w = c.weights;
        let all = [
            w.debts,
            w.life_domains,
            w.statushouder,
            w.flexible_contract,
            w.mental_health,
            w.single_parent,
            w.study_exit,
            w.earlier_reentry,
            w.checkin_medium,
            w.checkin_high,
        ];
        if all.iter().any(|&x| x > 100) {
            return at("[weights]", "weights: 0 to 100");
        }
        if !(1..=5).contains(&c.life_domains.score_at_most) {
            return at("score_at_most", "score_at_most: 1 to 5");
        }
        if !(1..=13).contains(&c.life_domains.domains_at_least) {
            return at("domains_at_least", "domains_at_least: 1 to 13");
        }
        Ok(c)
    }
}

/// What the factors look at, for one client's latest benefit period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RiskFacts {
    /// Debts: a barrier at the intake, or a referral to debt help at a check-in.
    pub debts: bool,
    /// The life-domain scores (1 to 5) of the period's latest assessment with scores.
    pub domain_scores: Vec<u8>,
    pub statushouder: bool,
    /// The contract the client left for (`None`: not left for work, or not yet left).
    pub contract: Option<ContractType>,
    /// A mental-health barrier at any intake, or a mental-health referral at any check-in.
    pub mental_health: bool,
    /// Single with children at the intake.
    pub single_parent: bool,
    pub study_exit: bool,
    /// An earlier period ended with a counted exit, and the client came back.
    pub earlier_reentry: bool,
    /// The risk the latest check-in that judged it recorded.
    pub checkin: Option<Risk>,
}

/// A factor present, with what it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Factor {
    Debts,
    /// How many life domains are scored as problems.
    LifeDomains(u32),
    Statushouder,
    FlexibleContract(ContractType),
    MentalHealth,
    SingleParent,
    StudyExit,
    EarlierReentry,
    /// The latest check-in's judgement (medium or high).
    CheckIn(Risk),
}

impl Factor {
    /// The factor's weight under `cfg`.
    fn weight(self, w: &Weights) -> u32 {
        match self {
            Factor::Debts => w.debts,
            Factor::LifeDomains(_) => w.life_domains,
            Factor::Statushouder => w.statushouder,
            Factor::FlexibleContract(_) => w.flexible_contract,
            Factor::MentalHealth => w.mental_health,
            Factor::SingleParent => w.single_parent,
            Factor::StudyExit => w.study_exit,
            Factor::EarlierReentry => w.earlier_reentry,
            Factor::CheckIn(Risk::High) => w.checkin_high,
            Factor::CheckIn(_) => w.checkin_medium,
        }
    }

    /// What the factor is, in a language.
    pub fn text(self, cfg: &RiskConfig, lang: Lang) -> String {
        match self {
            Factor::Debts => t(lang, "reentry.factor_debts").to_owned(),
            Factor::LifeDomains(n) => tf(
                lang,
                "reentry.factor_life_domains",
                &[("count", &n), ("score", &cfg.life_domains.score_at_most)],
            ),
            Factor::Statushouder => t(lang, "reentry.factor_statushouder").to_owned(),
            Factor::FlexibleContract(c) => tf(
                lang,
                "reentry.factor_contract",
                &[("contract", &c.label(lang).to_lowercase())],
            ),
            Factor::MentalHealth => t(lang, "reentry.factor_mental_health").to_owned(),
            Factor::SingleParent => t(lang, "reentry.factor_single_parent").to_owned(),
            Factor::StudyExit => t(lang, "reentry.factor_study_exit").to_owned(),
            Factor::EarlierReentry => t(lang, "reentry.factor_earlier_reentry").to_owned(),
            Factor::CheckIn(r) => tf(
                lang,
                "reentry.factor_checkin",
                &[("risk", &r.label(lang).to_lowercase())],
            ),
        }
    }
}

/// The factors present in `f`, in the order of `risk.toml`.
pub fn factors(f: &RiskFacts, cfg: &RiskConfig) -> Vec<Factor> {
    let low = f
        .domain_scores
        .iter()
        .filter(|&&s| s <= cfg.life_domains.score_at_most)
        .count() as u32;
    let flexible = f.contract.filter(|c| {
        matches!(
            c,
            ContractType::Temporary | ContractType::OnCall | ContractType::Agency
        )
    });
    let checkin = f.checkin.filter(|r| *r != Risk::Low);
    [
        f.debts.then_some(Factor::Debts),
        (low >= cfg.life_domains.domains_at_least).then_some(Factor::LifeDomains(low)),
        f.statushouder.then_some(Factor::Statushouder),
        flexible.map(Factor::FlexibleContract),
        f.mental_health.then_some(Factor::MentalHealth),
        f.single_parent.then_some(Factor::SingleParent),
        f.study_exit.then_some(Factor::StudyExit),
        f.earlier_reentry.then_some(Factor::EarlierReentry),
        checkin.map(Factor::CheckIn),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The level and the factors that made it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessment {
    pub level: Risk,
    /// The sum of the weights.
    pub score: u32,
    /// Each factor present with its weight (weight 0 left out: switched off).
    pub factors: Vec<(Factor, u32)>,
}

/// Weighs the facts under `cfg`.
pub fn assess(f: &RiskFacts, cfg: &RiskConfig) -> Assessment {
    let factors: Vec<(Factor, u32)> = factors(f, cfg)
        .into_iter()
        .map(|x| (x, x.weight(&cfg.weights)))
        .filter(|(_, w)| *w > 0)
        .collect();
    let score = factors.iter().map(|(_, w)| w).sum();
    let level = if score >= cfg.high_from {
        Risk::High
    } else if score >= cfg.medium_from {
        Risk::Medium
    } else {
        Risk::Low
    };
    Assessment {
        level,
        score,
        factors,
    }
}

impl Assessment {
    /// The explanation as lines: the verdict, then each factor with its weight.
    pub fn lines(&self, cfg: &RiskConfig, lang: Lang) -> Vec<String> {
        let level = self.level.label(lang);
        let (medium, high) = (cfg.medium_from, cfg.high_from);
        let mut out = vec![tf(
            lang,
            "reentry.verdict",
            &[
                ("level", &level),
                ("score", &self.score),
                ("medium", &medium),
                ("high", &high),
            ],
        )];
        if self.factors.is_empty() {
            out.push(format!("  {}", t(lang, "reentry.no_factors")));
        }
        out.extend(
            self.factors
                .iter()
                .map(|(f, w)| format!("  +{w} {}", f.text(cfg, lang))),
        );
        out
    }

    /// The list's short marker: `!H` for high, `M` for medium, nothing for low.
    pub fn marker(&self, lang: Lang) -> &'static str {
        match self.level {
            Risk::High => t(lang, "reentry.marker_high"),
            Risk::Medium => t(lang, "reentry.marker_medium"),
            Risk::Low => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> RiskConfig {
        RiskConfig::parse(BUILTIN).unwrap()
    }

    #[test]
    fn the_builtin_file_parses_and_bounds_hold() {
        let c = cfg();
        assert_eq!((c.medium_from, c.high_from), (3, 6));
        assert_eq!(c.weights.earlier_reentry, 3);
        let broken = BUILTIN.replace("high_from = 6", "high_from = 2");
        let e = RiskConfig::parse(&broken).unwrap_err();
        assert!(e.to_string().contains("high_from"), "{e}");
        assert!(RiskConfig::parse(&BUILTIN.replace("debts = 2", "debts = 200")).is_err());
        assert!(RiskConfig::parse(&BUILTIN.replace("debts = 2", "debt = 2")).is_err());
        assert!(
            RiskConfig::parse(&BUILTIN.replace("score_at_most = 2", "score_at_most = 9")).is_err()
        );
        // A factor left out weighs nothing.
        let without = RiskConfig::parse(&BUILTIN.replace("debts = 2\n", "")).unwrap();
        assert_eq!(without.weights.debts, 0);
    }

    #[test]
    fn nothing_known_is_low_without_factors() {
        let a = assess(&RiskFacts::default(), &cfg());
        assert_eq!(a.level, Risk::Low);
        assert_eq!(a.score, 0);
        assert!(a.factors.is_empty());
        assert_eq!(a.marker(Lang::En), "");
    }

    #[test]
    fn weights_add_up_to_the_thresholds() {
        let c = cfg();
        // A temporary contract (2) and a single parent (1): medium at 3.
        let f = RiskFacts {
            contract: Some(ContractType::Temporary),
            single_parent: true,
            ..Default::default()
        };
        let a = assess(&f, &c);
        assert_eq!((a.level, a.score), (Risk::Medium, 3));
        assert_eq!(
            a.factors,
            vec![
                (Factor::FlexibleContract(ContractType::Temporary), 2),
                (Factor::SingleParent, 1)
            ]
        );
        // Debts and an earlier re-entry on top: 8, high.
        let f = RiskFacts {
            debts: true,
            earlier_reentry: true,
            ..f
        };
        assert_eq!(assess(&f, &c).level, Risk::High);
        // A permanent contract is no factor.
        let f = RiskFacts {
            contract: Some(ContractType::Permanent),
            ..Default::default()
        };
        assert!(assess(&f, &c).factors.is_empty());
    }

    #[test]
    fn life_domains_count_from_the_threshold() {
        let c = cfg();
        let two = RiskFacts {
            domain_scores: vec![1, 2, 3, 4, 5],
            ..Default::default()
        };
        assert!(assess(&two, &c).factors.is_empty());
        let three = RiskFacts {
            domain_scores: vec![1, 2, 2, 4, 5],
            ..Default::default()
        };
        assert_eq!(
            assess(&three, &c).factors,
            vec![(Factor::LifeDomains(3), 2)]
        );
    }

    #[test]
    fn the_checkin_judgement_weighs_by_level() {
        let c = cfg();
        let at = |r| {
            assess(
                &RiskFacts {
                    checkin: Some(r),
                    ..Default::default()
                },
                &c,
            )
        };
        assert_eq!(at(Risk::Low).level, Risk::Low);
        assert!(at(Risk::Low).factors.is_empty());
        assert_eq!(at(Risk::Medium).level, Risk::Medium);
        assert_eq!(at(Risk::High).level, Risk::High);
    }

    #[test]
    fn a_weight_of_zero_switches_a_factor_off() {
        let c =
            RiskConfig::parse(&BUILTIN.replace("statushouder = 1", "statushouder = 0")).unwrap();
        let f = RiskFacts {
            statushouder: true,
            ..Default::default()
        };
        assert!(assess(&f, &c).factors.is_empty());
    }

    #[test]
    fn the_explanation_names_each_factor_with_its_weight() {
        let c = cfg();
        let f = RiskFacts {
            debts: true,
            contract: Some(ContractType::OnCall),
            study_exit: true,
            ..Default::default()
        };
        let a = assess(&f, &c);
        let lines = a.lines(&c, Lang::En);
        assert_eq!(lines.len(), 4);
        assert!(lines[0].contains("Medium"), "{lines:?}");
        assert!(lines[1].starts_with("  +2 "), "{lines:?}");
        assert_eq!(a.marker(Lang::En), "M");
        let nl = a.lines(&c, Lang::Nl);
        assert_eq!(nl.len(), 4);
        let none = assess(&RiskFacts::default(), &c).lines(&c, Lang::Nl);
        assert_eq!(none.len(), 2);
    }
}
