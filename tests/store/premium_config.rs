//! `premium.toml` as a municipality writes it: the built-in schemes, the uplift example
//! switched on, and a broken or incomplete file reported with its line.

use caseload::domain::premium::{BUILTIN, PremiumConfig, Scheme, instalments};
use chrono::NaiveDate;

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
    // The sources give no amounts for uplifts: none are active by default.
    assert!(c.schemes.iter().all(|s| s.uplifts.is_empty()));
}

/// The example uplifts of the built-in file, switched on: the lines that start with
/// `#` and then TOML (prose comments start with `# `).
fn switched_on(text: &str) -> String {
    text.lines()
        .map(|l| match l.strip_prefix('#') {
            Some(rest) if rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '[') => rest,
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_example_uplifts_need_amounts_before_they_parse() {
    let on = switched_on(BUILTIN);
    let e = PremiumConfig::parse(&on).unwrap_err();
    assert!(
        e.message.contains("amount_cents") && e.line.is_some(),
        "{e}"
    );
    let filled = on
        .replace("amount_cents = 0", "amount_cents = 25000")
        .replace("years = 0", "years = 55");
    let c = PremiumConfig::parse(&filled).expect("the example uplifts parse");
    let s = c.scheme("one_payment").unwrap();
    let keys: Vec<&str> = s.uplifts.iter().map(|u| u.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "job_agreement",
            "no_sanction",
            "older_age",
            "placement",
            "training"
        ]
    );
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
    let text = BUILTIN.replacen("hours = 16", "hours = 15.125", 1);
    let e = PremiumConfig::parse(&text).unwrap_err();
    assert!(e.message.contains("two decimals"), "{e}");
    let text = BUILTIN.replacen("hours = 16", "hours = 15.5", 1);
    assert!(PremiumConfig::parse(&text).is_ok());
}

#[test]
fn an_uplift_needs_an_amount_and_a_rule() {
    let base = "default = \"s\"\n[[scheme]]\nkey = \"s\"\nname_nl = \"S\"\nname_en = \"S\"\n\
                [[scheme.instalment]]\noffset = \"0d\"\namount_cents = 100\n";
    let up = |body: &str| {
        format!("{base}[[scheme.uplift]]\nkey = \"u\"\nname_nl = \"U\"\nname_en = \"U\"\n{body}")
    };
    let e = PremiumConfig::parse(&up("amount_cents = 5\n")).unwrap_err();
    assert!(e.message.contains("no [[scheme.uplift.rule]]"), "{e}");
    let e = PremiumConfig::parse(&up(
        "amount_cents = 0\n[[scheme.uplift.rule]]\nkind = \"job_agreement\"\n",
    ))
    .unwrap_err();
    assert!(e.message.contains("more than 0"), "{e}");
    let e = PremiumConfig::parse(&up(
        "amount_cents = 5\n[[scheme.uplift.rule]]\nkind = \"found_via_instrument\"\ninstruments = []\n",
    ))
    .unwrap_err();
    assert!(e.message.contains("no instrument"), "{e}");
    let ok = PremiumConfig::parse(&up(
        "amount_cents = 5\n[[scheme.uplift.rule]]\nkind = \"min_age_at_exit\"\nyears = 50\n",
    ))
    .unwrap();
    let s = ok.default_scheme().unwrap();
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let due = instalments(s, d(2026, 1, 31), None, &["u".into(), "other".into()]);
    assert_eq!(due.len(), 2);
    assert_eq!(
        (due[1].seq, due[1].due_on, due[1].uplift.as_deref()),
        (2, d(2026, 1, 31), Some("u"))
    );
}
