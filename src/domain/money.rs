//! Amounts of money: euro cents, shown as each language writes them.

use crate::i18n::Lang;

/// The most one exit-premium instalment (or an uplift) may be, in cents: €10,000. The
/// schemes of the sources pay €500 to €1,000; more is a typing error, and the bound keeps
/// every sum of the reports far from overflowing.
pub const MAX_PREMIUM_CENTS: i64 = 1_000_000;

/// The most one trajectory may cost, in cents: €500,000 (years of sheltered work stay
/// below it).
pub const MAX_COST_CENTS: i64 = 50_000_000;

/// An amount in euro as the language writes it: `€ 1.000,00` or `€1,000.00`.
pub fn fmt_euro(cents: i64, lang: Lang) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    let (euros, rest) = (cents / 100, cents % 100);
    let digits = euros.to_string();
    let (group, decimal) = match lang {
        Lang::Nl => ('.', ','),
        Lang::En => (',', '.'),
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    match lang {
        Lang::Nl => format!("{sign}€ {grouped}{decimal}{rest:02}"),
        Lang::En => format!("{sign}€{grouped}{decimal}{rest:02}"),
    }
}

/// An amount as a form prefills it to be typed over: `1.250,00` (read back by
/// [`parse_euro`] as the same amount).
pub fn fmt_euro_input(cents: i64) -> String {
    fmt_euro(cents, Lang::Nl).replacen("€ ", "", 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefilled_amount_reads_back_as_itself() {
        for cents in [0, 5, 99, 100, 125_000, 123_456_789, MAX_COST_CENTS] {
            assert_eq!(parse_euro(&fmt_euro_input(cents)), Some(cents), "{cents}");
        }
        assert_eq!(fmt_euro_input(125_000), "1.250,00");
    }

    #[test]
    fn the_sentences_name_the_maxima() {
        use crate::i18n::t;
        for lang in [Lang::En, Lang::Nl] {
            let premium = fmt_euro(MAX_PREMIUM_CENTS, lang);
            let cost = fmt_euro(MAX_COST_CENTS, lang);
            for (key, amount) in [
                ("premium_rule.amount_range", &premium),
                ("robust.rule.instalment_amount", &premium),
                ("trajectory_rule.cost_too_high", &cost),
                ("robust.rule.trajectory_cost", &cost),
            ] {
                assert!(t(lang, key).contains(amount.as_str()), "{key}: {amount}");
            }
        }
    }

    #[test]
    fn euros_in_both_languages() {
        assert_eq!(fmt_euro(50_000, Lang::Nl), "€ 500,00");
        assert_eq!(fmt_euro(100_000, Lang::Nl), "€ 1.000,00");
        assert_eq!(fmt_euro(123_456_789, Lang::En), "€1,234,567.89");
        assert_eq!(fmt_euro(5, Lang::En), "€0.05");
    }
}

/// Parses an amount in euros as typed: `1500`, `1.500`, `1.500,50`, `1500.50`, `€ 250,-`;
/// a point before exactly three digits groups thousands. `None` for anything else.
pub fn parse_euro(input: &str) -> Option<i64> {
    let s: String = input
        .trim()
        .trim_start_matches('€')
        .trim_end_matches(",-")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if s.is_empty() || s.starts_with('-') {
        return None;
    }
    let (whole, cents) = match s.rfind([',', '.']) {
        Some(i) if s.len() - i - 1 <= 2 && (s.as_bytes()[i] == b',' || s[i + 1..].len() != 3) => {
            (&s[..i], &s[i + 1..])
        }
        _ => (s.as_str(), ""),
    };
    let whole: String = whole.chars().filter(|c| *c != '.').collect();
    if whole.is_empty() && cents.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !cents.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let euros: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let cents: i64 = match cents.len() {
        0 => 0,
        1 => cents.parse::<i64>().ok()? * 10,
        _ => cents.parse().ok()?,
    };
    euros.checked_mul(100)?.checked_add(cents)
}

#[cfg(test)]
mod parse_tests {
    use super::parse_euro;

    #[test]
    fn amounts_as_typed() {
        for (input, cents) in [
            ("1500", Some(150_000)),
            ("1.500", Some(150_000)),
            ("1.500,50", Some(150_050)),
            ("1500,5", Some(150_050)),
            ("1500.50", Some(150_050)),
            ("€ 250,-", Some(25_000)),
            ("12.345.678", Some(1_234_567_800)),
            ("0,99", Some(99)),
            ("", None),
            ("abc", None),
            ("-5", None),
            ("1,2,3", None),
        ] {
            assert_eq!(parse_euro(input), cents, "{input:?}");
        }
    }
}
