//! Property tests of the domain rules: the BSN elfproef and date parsing.

use caseload::domain::Bsn;
use caseload::domain::date::{fmt_date, parse_date};
use chrono::NaiveDate;
use proptest::prelude::*;

/// A valid BSN built from eight random digits and the check digit.
fn valid_bsn() -> impl Strategy<Value = String> {
    proptest::collection::vec(0u32..10, 8).prop_filter_map("check digit 10", |d| {
        let sum: u32 = (0..8).map(|i| (9 - i as u32) * d[i]).sum();
        let check = sum % 11;
        let s: String = d
            .iter()
            .chain(std::iter::once(&check))
            .map(|x| char::from_digit(*x, 10).unwrap_or('x'))
            .collect();
        (check < 10 && s != "000000000").then_some(s)
    })
}

proptest! {
    #[test]
    fn every_single_digit_change_is_rejected(bsn in valid_bsn(), pos in 0usize..9, delta in 1u32..10) {
        prop_assert!(Bsn::parse(&bsn).is_ok());
        let mut digits: Vec<u32> = bsn.chars().map(|c| c.to_digit(10).unwrap()).collect();
        digits[pos] = (digits[pos] + delta) % 10;
        let changed: String = digits.iter().map(|x| char::from_digit(*x, 10).unwrap()).collect();
        prop_assert!(Bsn::parse(&changed).is_err(), "{} accepted", changed);
    }

    #[test]
    fn every_adjacent_swap_is_rejected(bsn in valid_bsn(), pos in 0usize..8) {
        let mut b: Vec<char> = bsn.chars().collect();
        prop_assume!(b[pos] != b[pos + 1]);
        b.swap(pos, pos + 1);
        let swapped: String = b.into_iter().collect();
        prop_assert!(Bsn::parse(&swapped).is_err(), "{} accepted", swapped);
    }

    #[test]
    fn masked_shows_only_the_last_three(bsn in valid_bsn()) {
        let b = Bsn::parse(&bsn).unwrap();
        prop_assert_eq!(b.masked(), format!("******{}", &bsn[6..]));
        let shown = format!("{:?}", b);
        prop_assert!(!shown.contains(&bsn[..6]));
    }

    #[test]
    fn a_shown_date_parses_back(days in 0i64..80_000) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let d = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(days);
        prop_assume!(d.year_ce().1 <= 2200);
        prop_assert_eq!(parse_date(&fmt_date(d), today), Ok(d));
        prop_assert_eq!(parse_date(&d.format("%Y-%m-%d").to_string(), today), Ok(d));
        prop_assert_eq!(parse_date(&d.format("%d/%m/%Y").to_string(), today), Ok(d));
    }

    #[test]
    fn date_parsing_never_panics(s in "\\PC{0,20}") {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let _ = parse_date(&s, today);
    }
}

use chrono::Datelike;
