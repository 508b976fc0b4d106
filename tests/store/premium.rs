//! The exit premium: both schemes of domain.md evaluated rule by rule, with the edges
//! (24 months to the day, 15.5 and 16 hours, a premium before, paid or not), the uplifts,
//! and the explanations shown in the form.

use crate::premium_support;

use caseload::assets::Assets;
use caseload::domain::codes::*;
use caseload::domain::hours::Hours;
use caseload::domain::premium::{
    PremiumConfig, PremiumFacts, PriorPremium, Status, evaluate, instalments,
};
use caseload::domain::premium_check::InstrumentFact;
use caseload::i18n::Lang;
use chrono::NaiveDate;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// On benefit from 01-04-2024, leaving on 04-11-2026 (31 months and 3 days) for a
/// temporary job of 24 hours, fully independent of benefit.
fn facts() -> PremiumFacts {
    PremiumFacts {
        contract_type: Some(ContractType::Temporary),
        hours_per_week: Some(Hours::whole(24)),
        independence: Some(Independence::Full),
        ..PremiumFacts::new(
            date(2024, 4, 1),
            date(2026, 11, 4),
            ExitReason::WorkEmployment,
        )
    }
}

/// The facts with the benefit period from `start` to `exit`.
fn period(start: NaiveDate, exit: NaiveDate) -> PremiumFacts {
    PremiumFacts {
        benefit_start: start,
        exit_date: exit,
        ..facts()
    }
}

fn eligible(scheme: &str, f: PremiumFacts) -> bool {
    let a = Assets::builtin();
    evaluate(a.premium.scheme(scheme).unwrap(), &f).eligible()
}

fn texts(scheme: &str, f: &PremiumFacts, lang: Lang) -> Vec<String> {
    let a = Assets::builtin();
    evaluate(a.premium.scheme(scheme).unwrap(), f)
        .checks
        .iter()
        .map(|c| c.text(lang))
        .collect()
}

#[test]
fn two_instalments_is_the_default_and_explains_each_rule() {
    let a = Assets::builtin();
    let s = a.premium.default_scheme().unwrap();
    assert_eq!(s.key, "two_instalments");
    assert!(evaluate(s, &facts()).eligible());
    assert_eq!(
        texts("two_instalments", &facts(), Lang::En),
        vec![
            "✓ on benefit 31 months and 3 days, needs more than 24 months",
            "✓ no premium received before",
            "✓ leaves for work",
            "✓ works 24 hours a week, needs at least 16",
        ]
    );
    let nl = texts("two_instalments", &facts(), Lang::Nl);
    assert_eq!(
        nl[0],
        "✓ 31 maanden en 3 dagen in de uitkering, nodig is meer dan 24 maanden"
    );
    assert_eq!(nl[3], "✓ werkt 24 uur per week, nodig is minstens 16");
}

#[test]
fn more_than_24_months_is_compared_to_the_day() {
    let s = "two_instalments";
    let start = date(2024, 3, 15);
    // Exactly 24 calendar months is not more than 24 months.
    let exact = period(start, date(2026, 3, 15));
    assert!(!eligible(s, exact.clone()));
    assert_eq!(
        texts(s, &exact, Lang::En)[0],
        "✗ on benefit 24 months, needs more than 24 months"
    );
    // One day more is.
    let day_more = period(start, date(2026, 3, 16));
    assert!(eligible(s, day_more.clone()));
    assert_eq!(
        texts(s, &day_more, Lang::En)[0],
        "✓ on benefit 24 months and 1 day, needs more than 24 months"
    );
    assert_eq!(
        texts(s, &day_more, Lang::Nl)[0],
        "✓ 24 maanden en 1 dag in de uitkering, nodig is meer dan 24 maanden"
    );
    // 24 months and 15 days is more than 24 months: whole months are shown, never decide.
    let half = period(start, date(2026, 3, 30));
    assert!(eligible(s, half.clone()));
    assert_eq!(
        texts(s, &half, Lang::En)[0],
        "✓ on benefit 24 months and 15 days, needs more than 24 months"
    );
    // A day short of 24 months is 23 months and some days.
    let short = period(start, date(2026, 3, 14));
    assert!(!eligible(s, short.clone()));
    assert_eq!(
        texts(s, &short, Lang::En)[0],
        "✗ on benefit 23 months and 27 days, needs more than 24 months"
    );
}

#[test]
fn month_ends_follow_the_calendar() {
    let s = "two_instalments";
    // 31 August + 24 months = 31 August; + 6 months = 28 or 29 February.
    assert!(!eligible(s, period(date(2024, 8, 31), date(2026, 8, 31))));
    assert!(eligible(s, period(date(2024, 8, 31), date(2026, 9, 1))));
    // 29 February 2024 + 24 months = 28 February 2026: exactly 24 months.
    assert!(!eligible(s, period(date(2024, 2, 29), date(2026, 2, 28))));
    assert!(eligible(s, period(date(2024, 2, 29), date(2026, 3, 1))));
    // 31 January + 25 months = 28 February: then one day more is more than 25.
    let text = texts(s, &period(date(2024, 1, 31), date(2026, 2, 28)), Lang::En);
    assert_eq!(text[0], "✓ on benefit 25 months, needs more than 24 months");
}

#[test]
fn at_least_12_months_is_met_by_12_months_exactly() {
    let s = "one_payment";
    let start = date(2025, 8, 31);
    // 31 August 2025 + 12 months = 31 August 2026.
    assert!(eligible(s, period(start, date(2026, 8, 31))));
    assert!(!eligible(s, period(start, date(2026, 8, 30))));
    assert_eq!(
        texts(s, &period(start, date(2026, 8, 30)), Lang::En)[0],
        "✗ on benefit 11 months and 30 days, needs at least 12 months"
    );
    // From 31 August, six months later is the end of February.
    assert!(eligible(s, period(date(2025, 2, 28), date(2026, 2, 28))));
}

#[test]
fn hours_per_week_have_decimals_and_16_means_16() {
    let s = "two_instalments";
    let with = |h: &str| PremiumFacts {
        hours_per_week: Some(Hours::parse(h).unwrap()),
        ..facts()
    };
    assert!(!eligible(s, with("15,5")));
    assert!(!eligible(s, with("15.5")));
    assert!(!eligible(s, with("15,99")));
    assert!(eligible(s, with("16")));
    assert!(eligible(s, with("16,25")));
    assert_eq!(
        texts(s, &with("15,5"), Lang::En)[3],
        "✗ works 15.5 hours a week, needs at least 16"
    );
    assert_eq!(
        texts(s, &with("15,5"), Lang::Nl)[3],
        "✗ werkt 15,5 uur per week, nodig is minstens 16"
    );
    // Unknown hours do not meet it.
    assert!(!eligible(
        s,
        PremiumFacts {
            hours_per_week: None,
            ..facts()
        }
    ));
    // A municipality may set a decimal threshold.
    let text = caseload::domain::premium::BUILTIN.replacen("hours = 16", "hours = 15.5", 1);
    let c = PremiumConfig::parse(&text).unwrap();
    let ev = evaluate(c.default_scheme().unwrap(), &with("15,5"));
    assert!(ev.eligible());
    assert_eq!(
        ev.checks[3].text(Lang::Nl),
        "✓ werkt 15,5 uur per week, nodig is minstens 15,5"
    );
}

#[test]
fn only_a_premium_paid_before_bars_the_two_instalments() {
    let s = "two_instalments";
    let prior = |p| PremiumFacts {
        prior: p,
        ..facts()
    };
    assert!(!eligible(s, prior(PriorPremium::Paid)));
    assert_eq!(
        texts(s, &prior(PriorPremium::Paid), Lang::En)[1],
        "✗ received a premium before"
    );
    // Granted before, but every instalment was cancelled (or forfeited) unpaid.
    assert!(eligible(s, prior(PriorPremium::GrantedUnpaid)));
    assert_eq!(
        texts(s, &prior(PriorPremium::GrantedUnpaid), Lang::En)[1],
        "✓ no premium received before (one granted earlier was never paid)"
    );
    // The one-payment scheme has no such rule.
    assert!(eligible("one_payment", prior(PriorPremium::Paid)));
}

#[test]
fn work_counts_as_each_scheme_says() {
    let s = "two_instalments";
    let zzp = PremiumFacts {
        reason: ExitReason::WorkSelfEmployed,
        contract_type: Some(ContractType::SelfEmployed),
        ..facts()
    };
    assert!(eligible(s, zzp.clone()));
    assert!(!eligible("one_payment", zzp));
    for reason in [
        ExitReason::WorkPartnerIncome,
        ExitReason::Study,
        ExitReason::ExcludedRestarted,
    ] {
        assert!(
            !eligible(s, PremiumFacts { reason, ..facts() }),
            "{reason:?}"
        );
    }
    assert!(!eligible(
        "one_payment",
        PremiumFacts {
            independence: Some(Independence::Partial),
            ..facts()
        }
    ));
}

#[test]
fn the_one_payment_scheme_checks_one_employer_when_paying() {
    let a = Assets::builtin();
    let scheme = a.premium.scheme("one_payment").unwrap();
    let e = evaluate(scheme, &facts());
    let last = e.checks.last().unwrap();
    assert_eq!(last.status, Status::AtPayment);
    assert_eq!(
        last.text(Lang::En),
        "6 months with one employer (checked when paying)"
    );
    assert_eq!(
        scheme.conditions_at_payment(None, Lang::Nl),
        vec!["6 maanden bij één werkgever"]
    );
    assert!(
        a.premium
            .default_scheme()
            .unwrap()
            .conditions_at_payment(None, Lang::En)
            .is_empty()
    );
    // €1,000 six months after the first working day (the exit date when unknown).
    let due = instalments(scheme, date(2026, 8, 31), Some(date(2026, 9, 1)), &[]);
    assert_eq!(due.len(), 1);
    assert_eq!(
        (due[0].seq, due[0].due_on, due[0].amount_cents),
        (1, date(2027, 3, 1), 100_000)
    );
    let due = instalments(scheme, date(2026, 8, 31), None, &[]);
    assert_eq!(due[0].due_on, date(2027, 2, 28));
}

#[test]
fn two_instalments_fall_at_the_exit_and_six_months_later() {
    let a = Assets::builtin();
    let due = instalments(
        a.premium.default_scheme().unwrap(),
        date(2027, 8, 31),
        Some(date(2027, 9, 1)),
        &[],
    );
    let got: Vec<_> = due
        .iter()
        .map(|d| (d.seq, d.due_on, d.amount_cents))
        .collect();
    assert_eq!(
        got,
        vec![
            (1, date(2027, 8, 31), 50_000),
            (2, date(2028, 2, 29), 50_000)
        ]
    );
}

#[test]
fn uplifts_come_on_top_each_by_its_own_rules() {
    let c = PremiumConfig::parse(premium_support::UPLIFTS).unwrap();
    let s = c.default_scheme().unwrap();
    let trial = InstrumentFact {
        key: "trial_placement".into(),
        name: "Proefplaatsing".into(),
    };
    let course = InstrumentFact {
        key: "education".into(),
        name: "Scholing".into(),
    };
    let all = PremiumFacts {
        job_agreement: Some(true),
        sanction_24_months: Some(false),
        birth_date: Some(date(1971, 11, 4)),
        found_via: Some(trial.clone()),
        completed: vec![course, trial],
        ..facts()
    };
    let ev = evaluate(s, &all);
    assert!(ev.eligible());
    assert_eq!(
        ev.granted_uplifts(),
        [
            "job_agreement",
            "no_sanction",
            "older_age",
            "placement",
            "training"
        ]
    );
    assert_eq!(
        ev.lines(s, Lang::En),
        vec![
            "One payment — eligible",
            "  ✓ on benefit 31 months and 3 days, needs at least 12 months",
            "  Uplift “Job agreement”: + €100.00",
            "    ✓ job-agreement indication or work disability",
            "    ✓ income above the norm (fully independent of benefit)",
            "  Uplift “No sanction”: + €200.00",
            "    ✓ no sanction in the 24 months before the exit",
            "  Uplift “Older age”: + €300.00",
            "    ✓ 55 years old at the exit, needs at least 55",
            "  Uplift “Work placement”: + €400.00",
            "    ✓ job found through Proefplaatsing",
            "  Uplift “Training”: + €500.00",
            "    ✓ completed Scholing",
        ]
    );
    // None of them: each rule says why, in Dutch too.
    let none = PremiumFacts {
        job_agreement: Some(false),
        sanction_24_months: Some(true),
        birth_date: Some(date(1971, 11, 5)),
        found_via: Some(InstrumentFact {
            key: "jobhunter".into(),
            name: "Jobhunter".into(),
        }),
        ..facts()
    };
    let ev = evaluate(s, &none);
    assert!(ev.eligible() && ev.granted_uplifts().is_empty());
    let nl = ev.lines(s, Lang::Nl);
    assert!(nl.contains(&"  Verhoging ‘Oudere leeftijd’ (€ 300,00): niet toegekend".into()));
    assert!(nl.contains(&"    ✗ 54 jaar bij uitstroom, nodig is minstens 55".into()));
    assert!(nl.contains(&"    ✗ een maatregel in de 24 maanden voor de uitstroom".into()));
    assert!(nl.contains(
        &"    ✗ baan gevonden via Jobhunter, geen instrument van deze voorwaarde".into()
    ));
    assert!(nl.contains(&"    ✗ geen traject van deze voorwaarde afgerond".into()));
    // Not asked (no birth date, yes/no left open) does not meet a rule.
    let ev = evaluate(s, &facts());
    let en = ev.lines(s, Lang::En);
    assert!(en.contains(&"    ✗ job-agreement indication or work disability not recorded".into()));
    assert!(
        en.contains(&"    ✗ age at the exit unknown (no birth date), needs at least 55".into())
    );
    // Granted uplifts are instalments of their own: with the last instalment, or at their
    // own offset.
    let due = instalments(
        s,
        date(2026, 11, 4),
        None,
        &["older_age".into(), "placement".into()],
    );
    let got: Vec<_> = due
        .iter()
        .map(|d| (d.seq, d.due_on, d.amount_cents, d.uplift.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            (1, date(2027, 5, 4), 100_000, None),
            (2, date(2026, 11, 4), 30_000, Some("older_age")),
            (3, date(2027, 5, 4), 40_000, Some("placement")),
        ]
    );
}
