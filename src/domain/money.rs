//! Amounts of money: euro cents, shown as each language writes them.

use crate::i18n::Lang;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euros_in_both_languages() {
        assert_eq!(fmt_euro(50_000, Lang::Nl), "€ 500,00");
        assert_eq!(fmt_euro(100_000, Lang::Nl), "€ 1.000,00");
        assert_eq!(fmt_euro(123_456_789, Lang::En), "€1,234,567.89");
        assert_eq!(fmt_euro(5, Lang::En), "€0.05");
    }
}
