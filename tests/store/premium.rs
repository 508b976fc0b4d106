//! The exit premium: both schemes of domain.md evaluated rule by rule, with the edges
//! (exactly 24 months, 16 hours, a premium before) and the explanations shown in the form.

use caseload::assets::Assets;
use caseload::domain::codes::*;
use caseload::domain::premium::{PremiumFacts, Status, evaluate, instalments};
use caseload::i18n::Lang;
use chrono::NaiveDate;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn facts() -> PremiumFacts {
    PremiumFacts {
        months_on_benefit: 31,
        premium_before: false,
        reason: ExitReason::WorkEmployment,
        contract_type: Some(ContractType::Temporary),
        hours_per_week: Some(24),
        independence: Some(Independence::Full),
    }
}

fn eligible(scheme: &str, f: PremiumFacts) -> bool {
    let a = Assets::builtin();
    evaluate(a.premium.scheme(scheme).unwrap(), &f).eligible()
}

#[test]
fn two_instalments_is_the_default_and_explains_each_rule() {
    let a = Assets::builtin();
    let s = a.premium.default_scheme().unwrap();
    assert_eq!(s.key, "two_instalments");
    let e = evaluate(s, &facts());
    assert!(e.eligible());
    let en: Vec<String> = e.checks.iter().map(|c| c.text(Lang::En)).collect();
    assert_eq!(
        en,
        vec![
            "on benefit 31 months, needs more than 24 ✓",
            "no premium received before ✓",
            "leaves for work ✓",
            "works 24 hours a week, needs at least 16 ✓",
        ]
    );
    let nl: Vec<String> = e.checks.iter().map(|c| c.text(Lang::Nl)).collect();
    assert_eq!(nl[0], "31 maanden in de uitkering, nodig is meer dan 24 ✓");
    assert_eq!(nl[3], "werkt 24 uur per week, nodig is minstens 16 ✓");
}

#[test]
fn the_edges_of_the_two_instalment_scheme() {
    let s = "two_instalments";
    // Exactly 24 months is not more than 24.
    assert!(!eligible(
        s,
        PremiumFacts {
            months_on_benefit: 24,
            ..facts()
        }
    ));
    assert!(eligible(
        s,
        PremiumFacts {
            months_on_benefit: 25,
            ..facts()
        }
    ));
    // 16 hours meets "at least 16"; 15 does not; unknown hours do not.
    assert!(eligible(
        s,
        PremiumFacts {
            hours_per_week: Some(16),
            ..facts()
        }
    ));
    assert!(!eligible(
        s,
        PremiumFacts {
            hours_per_week: Some(15),
            ..facts()
        }
    ));
    assert!(!eligible(
        s,
        PremiumFacts {
            hours_per_week: None,
            ..facts()
        }
    ));
    // A premium before blocks it.
    assert!(!eligible(
        s,
        PremiumFacts {
            premium_before: true,
            ..facts()
        }
    ));
    // Self-employment counts; a partner's income or a non-work exit does not.
    let zzp = PremiumFacts {
        reason: ExitReason::WorkSelfEmployed,
        contract_type: Some(ContractType::SelfEmployed),
        ..facts()
    };
    assert!(eligible(s, zzp));
    assert!(!eligible(
        s,
        PremiumFacts {
            reason: ExitReason::WorkPartnerIncome,
            ..facts()
        }
    ));
    assert!(!eligible(
        s,
        PremiumFacts {
            reason: ExitReason::Study,
            ..facts()
        }
    ));
    assert!(!eligible(
        s,
        PremiumFacts {
            reason: ExitReason::ExcludedRestarted,
            ..facts()
        }
    ));
    let a = Assets::builtin();
    let e = evaluate(
        a.premium.scheme(s).unwrap(),
        &PremiumFacts {
            months_on_benefit: 24,
            premium_before: true,
            hours_per_week: Some(15),
            ..facts()
        },
    );
    let en: Vec<String> = e.checks.iter().map(|c| c.text(Lang::En)).collect();
    assert_eq!(en[0], "on benefit 24 months, needs more than 24 ✗");
    assert_eq!(en[1], "received a premium before ✗");
    assert_eq!(en[3], "works 15 hours a week, needs at least 16 ✗");
}

#[test]
fn the_one_payment_scheme() {
    let s = "one_payment";
    assert!(eligible(s, facts()));
    // At least 12 months: exactly 12 is enough, 11 is not.
    assert!(eligible(
        s,
        PremiumFacts {
            months_on_benefit: 12,
            ..facts()
        }
    ));
    assert!(!eligible(
        s,
        PremiumFacts {
            months_on_benefit: 11,
            ..facts()
        }
    ));
    // Not barred by an earlier premium: the scheme has no such rule.
    assert!(eligible(
        s,
        PremiumFacts {
            premium_before: true,
            ..facts()
        }
    ));
    // An employment contract with income above the norm; self-employment does not count.
    let zzp = PremiumFacts {
        reason: ExitReason::WorkSelfEmployed,
        contract_type: Some(ContractType::SelfEmployed),
        ..facts()
    };
    assert!(!eligible(s, zzp));
    assert!(!eligible(
        s,
        PremiumFacts {
            independence: Some(Independence::Partial),
            ..facts()
        }
    ));
    // Six months with one employer can only be checked when paying.
    let a = Assets::builtin();
    let scheme = a.premium.scheme(s).unwrap();
    let e = evaluate(scheme, &facts());
    let last = e.checks.last().unwrap();
    assert_eq!(last.status, Status::AtPayment);
    assert_eq!(
        last.text(Lang::En),
        "6 months with one employer (checked when paying)"
    );
    // €1,000 six months after the first working day (the exit date when unknown).
    let due = instalments(scheme, date(2026, 8, 31), Some(date(2026, 9, 1)));
    assert_eq!(due.len(), 1);
    assert_eq!(
        (due[0].seq, due[0].due_on, due[0].amount_cents),
        (1, date(2027, 3, 1), 100_000)
    );
    let due = instalments(scheme, date(2026, 8, 31), None);
    assert_eq!(due[0].due_on, date(2027, 2, 28));
}

#[test]
fn two_instalments_fall_at_the_exit_and_six_months_later() {
    let a = Assets::builtin();
    let due = instalments(
        a.premium.default_scheme().unwrap(),
        date(2027, 8, 31),
        Some(date(2027, 9, 1)),
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
