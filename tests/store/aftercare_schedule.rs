//! The aftercare schedule per mode, from the exit date and from a first working day
//! (month ends, leap years), event contacts, and the extension to twelve months.

use crate::exit_support;

use caseload::assets::Assets;
use caseload::domain::aftercare::{ScheduleFacts, extension, schedule};
use caseload::domain::codes::*;
use chrono::NaiveDate;
use exit_support::*;

use ContactKind::{Closing, ContractEnd, Premium, Scheduled, StudyEnd};

fn facts(mode: AftercareMode, exit: NaiveDate, first_day: Option<NaiveDate>) -> ScheduleFacts {
    ScheduleFacts {
        exit_date: exit,
        first_work_day: first_day,
        mode,
        category: ExitCategory::Work,
        contract_type: Some(ContractType::Permanent),
        contract_end: None,
        study_end: None,
        instalments: Vec::new(),
    }
}

fn planned(f: &ScheduleFacts) -> Vec<(NaiveDate, ContactKind)> {
    let s = schedule(&Assets::builtin().aftercare, f).unwrap();
    s.contacts.iter().map(|c| (c.on, c.kind)).collect()
}

#[test]
fn active_from_the_exit_date_follows_month_ends() {
    let f = facts(AftercareMode::Active, date(2026, 1, 31), None);
    // Counted from the exit (1 Feb, 7 Feb, 14 Feb, 28 Feb, 30 Apr, 31 Jul), each on a
    // working day: Sunday 1 February is called on Monday 2 February, and so on.
    assert_eq!(
        planned(&f),
        vec![
            (date(2026, 2, 2), Scheduled),
            (date(2026, 2, 9), Scheduled),
            (date(2026, 2, 16), Scheduled),
            (date(2026, 3, 2), Scheduled),
            (date(2026, 4, 30), Scheduled),
            (date(2026, 7, 31), Closing),
        ]
    );
    let s = schedule(&Assets::builtin().aftercare, &f).unwrap();
    assert_eq!(
        (s.starts_on, s.ends_on),
        (date(2026, 1, 31), date(2026, 7, 31))
    );
}

#[test]
fn active_from_a_first_working_day_into_a_leap_year() {
    let f = facts(
        AftercareMode::Active,
        date(2027, 8, 30),
        Some(date(2027, 8, 31)),
    );
    assert_eq!(
        planned(&f),
        vec![
            (date(2027, 9, 1), Scheduled),
            (date(2027, 9, 7), Scheduled),
            (date(2027, 9, 14), Scheduled),
            (date(2027, 9, 28), Scheduled),
            (date(2027, 11, 30), Scheduled),
            (date(2028, 2, 29), Closing),
        ]
    );
    let s = schedule(&Assets::builtin().aftercare, &f).unwrap();
    assert_eq!(
        (s.starts_on, s.ends_on),
        (date(2027, 8, 30), date(2028, 2, 29))
    );
    // Three months from 30 November in a leap year is 29 February too.
    let f = facts(AftercareMode::Active, date(2027, 11, 30), None);
    assert_eq!(planned(&f)[4], (date(2028, 2, 29), Scheduled));
}

#[test]
fn a_first_working_day_before_the_exit_drops_the_moments_already_past() {
    let f = facts(
        AftercareMode::Active,
        date(2026, 12, 31),
        Some(date(2026, 12, 1)),
    );
    assert_eq!(
        planned(&f),
        vec![(date(2027, 3, 1), Scheduled), (date(2027, 6, 1), Closing)]
    );
}

#[test]
fn passive_has_only_the_closing_and_declined_has_nothing() {
    let f = facts(
        AftercareMode::Passive,
        date(2026, 11, 30),
        Some(date(2026, 12, 1)),
    );
    assert_eq!(planned(&f), vec![(date(2027, 6, 1), Closing)]);
    let mut f = facts(AftercareMode::Declined, date(2026, 11, 30), None);
    f.contract_type = Some(ContractType::Temporary);
    f.contract_end = Some(date(2027, 3, 1));
    assert!(schedule(&Assets::builtin().aftercare, &f).is_none());
    assert!(f.events(&Assets::builtin().aftercare).is_empty());
}

#[test]
fn event_contacts_whatever_the_mode() {
    for mode in [AftercareMode::Active, AftercareMode::Passive] {
        // A temporary contract: two weeks before its end.
        let mut f = facts(mode, date(2026, 11, 30), Some(date(2026, 12, 1)));
        f.contract_type = Some(ContractType::Temporary);
        f.contract_end = Some(date(2027, 5, 31));
        f.instalments = vec![date(2026, 11, 30), date(2027, 5, 30)];
        let p = planned(&f);
        // 17 May 2027 is Whit Monday: the day after.
        assert!(p.contains(&(date(2027, 5, 18), ContractEnd)), "{mode:?}");
        // Each premium instalment after the first (30 May 2027 is a Sunday).
        assert!(p.contains(&(date(2027, 5, 31), Premium)), "{mode:?}");
        assert!(!p.contains(&(date(2026, 11, 30), Premium)), "{mode:?}");
        // A contract ending long after the plan (12 months) still gets its contact two
        // weeks before the end, after the closing contact: the plan stays open for it.
        f.contract_end = Some(date(2027, 11, 30));
        let p = planned(&f);
        assert_eq!(
            p.last(),
            Some(&(date(2027, 11, 16), ContractEnd)),
            "{mode:?}"
        );
        assert!(p.contains(&(date(2027, 6, 1), Closing)), "{mode:?}");
        // A permanent contract has no end contact.
        f.contract_type = Some(ContractType::Permanent);
        f.contract_end = None;
        assert!(!planned(&f).iter().any(|c| c.1 == ContractEnd));
        // The end of the study, for a study exit.
        let mut f = facts(mode, date(2026, 1, 31), None);
        f.category = ExitCategory::Study;
        f.contract_type = None;
        f.study_end = Some(date(2026, 6, 30));
        assert!(
            planned(&f).contains(&(date(2026, 6, 30), StudyEnd)),
            "{mode:?}"
        );
        // A study that ends after the plan: its contact follows the closing one.
        f.study_end = Some(date(2027, 6, 30));
        let p = planned(&f);
        assert_eq!(p.last(), Some(&(date(2027, 6, 30), StudyEnd)), "{mode:?}");
        assert_eq!(p[p.len() - 2].1, Closing, "{mode:?}");
    }
    // An event on the day of a scheduled contact replaces it: one call, the event's question.
    let mut f = facts(AftercareMode::Active, date(2026, 1, 31), None);
    f.contract_type = Some(ContractType::OnCall);
    f.contract_end = Some(date(2026, 5, 14));
    let p = planned(&f);
    assert!(p.contains(&(date(2026, 4, 30), ContractEnd)));
    assert!(!p.contains(&(date(2026, 4, 30), Scheduled)));
    assert_eq!(p.len(), 6);
}

#[test]
fn the_extension_continues_monthly_to_twelve_months() {
    let cfg = Assets::builtin().aftercare;
    let mut f = facts(AftercareMode::Active, date(2026, 1, 31), None);
    f.contract_type = Some(ContractType::Agency);
    f.contract_end = Some(date(2026, 10, 14));
    let ext = extension(&cfg, &f, date(2026, 7, 31));
    assert_eq!(ext.ends_on, date(2027, 1, 31));
    let got: Vec<_> = ext.contacts.iter().map(|c| (c.on, c.kind)).collect();
    assert_eq!(
        got,
        vec![
            (date(2026, 7, 31), Scheduled),
            (date(2026, 8, 31), Scheduled),
            (date(2026, 9, 30), ContractEnd),
            (date(2026, 11, 2), Scheduled),
            (date(2026, 11, 30), Scheduled),
            (date(2026, 12, 31), Scheduled),
        ]
    );
    // Passive aftercare only moves its closing contact (and picks up events).
    f.mode = AftercareMode::Passive;
    let ext = extension(&cfg, &f, date(2026, 7, 31));
    let got: Vec<_> = ext.contacts.iter().map(|c| (c.on, c.kind)).collect();
    assert_eq!(got, vec![(date(2026, 9, 30), ContractEnd)]);
}
