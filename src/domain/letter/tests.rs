//! Unit tests of the exit letter's kinds, values and the aftercare it announces.

use super::*;
use crate::domain::codes::Code;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn facts(reason: ExitReason) -> LetterFacts {
    LetterFacts {
        date: d(2026, 11, 23),
        client_name: "x".into(),
        client_number: "K000001".into(),
        reason,
        exit_date: d(2026, 11, 30),
        last_payment_date: None,
        employer: "Acme".into(),
        job_title: String::new(),
        study_end: None,
        caseworker: String::new(),
        contact: String::new(),
        aftercare: AftercareMode::Declined,
        plan: None,
        instalments: Vec::new(),
        premium_conditions: vec![Rule::IncomeAboveNorm],
    }
}

#[test]
fn the_builtin_templates_parse_with_a_section_per_kind() {
    for text in [BUILTIN_NL, BUILTIN_EN] {
        let t = Template::parse(text).expect("the built-in letter parses");
        assert!(t.by_kind());
    }
}

#[test]
fn every_counted_reason_has_a_kind_and_excluded_ones_none() {
    for r in ExitReason::all() {
        assert_eq!(LetterKind::of(*r).is_some(), r.counts_as_exit(), "{r:?}");
    }
    assert_eq!(
        LetterKind::of(ExitReason::WorkPartnerIncome),
        Some(LetterKind::Work)
    );
    assert_eq!(
        LetterKind::of(ExitReason::OtherOtherBenefit),
        Some(LetterKind::OtherBenefit)
    );
    for k in LetterKind::ALL {
        assert!(NAMES.contains(&k.name()), "{k:?}");
    }
}

#[test]
fn sections_and_standalone_lines() {
    let t = Template::parse("A\n{{#premium}}\nP {{premium_total}}\n{{/premium}}\n{{^premium}}\nnone\n{{/premium}}\nB {{employer}}.\n").unwrap();
    let mut f = facts(ExitReason::WorkEmployment);
    assert_eq!(t.render(&f, Lang::En), "A\nnone\nB Acme.\n");
    f.instalments = vec![(f.exit_date, 50_000)];
    assert_eq!(t.render(&f, Lang::En), "A\nP €500.00\nB Acme.\n");
    // Only a rule checked when paying is a condition.
    let t = Template::parse("{{^premium_condition}}sure{{/premium_condition}}{{#premium_condition}}if {{premium_condition}}{{/premium_condition}}\n").unwrap();
    assert_eq!(t.render(&f, Lang::En), "sure\n");
    f.premium_conditions
        .push(Rule::MonthsWithOneEmployer { months: 6 });
    assert_eq!(t.render(&f, Lang::En), "if 6 months with one employer\n");
}

#[test]
fn the_kind_selects_its_section_and_only_work_congratulates() {
    let t = Template::parse(
        &LetterKind::ALL
            .iter()
            .map(|k| format!("{{{{#{0}}}}}{0}{{{{/{0}}}}}", k.name()))
            .collect::<String>()
            .replace("{{/work}}", "{{#congratulate}}!{{/congratulate}}{{/work}}"),
    )
    .unwrap();
    assert_eq!(
        t.render(&facts(ExitReason::WorkSheltered), Lang::Nl),
        "work!\n"
    );
    assert_eq!(t.render(&facts(ExitReason::Study), Lang::Nl), "study\n");
    assert_eq!(
        t.render(&facts(ExitReason::OtherNoInformation), Lang::Nl),
        "no_information\n"
    );
    assert_eq!(
        t.render(&facts(ExitReason::OtherMoved), Lang::Nl),
        "moved\n"
    );
}

#[test]
fn a_template_from_before_the_kinds_serves_work_exits_only() {
    let old = Template::parse("Congratulations, {{employer}}!\n").unwrap();
    let builtin = Template::parse(BUILTIN_EN).unwrap();
    let t = old.for_work_only(&builtin);
    assert!(t.by_kind());
    let work = facts(ExitReason::WorkEmployment);
    assert_eq!(t.render(&work, Lang::En), "Congratulations, Acme!\n");
    let moved = facts(ExitReason::OtherMoved);
    assert_eq!(t.render(&moved, Lang::En), builtin.render(&moved, Lang::En));
}

#[test]
fn no_contact_is_announced_before_the_letter_or_after_aftercare_ended() {
    let plan = PlanFacts {
        ends_on: d(2027, 6, 1),
        ended_on: None,
        planned: vec![
            (d(2026, 11, 20), ContactKind::Scheduled),
            (d(2026, 12, 7), ContactKind::Scheduled),
            (d(2027, 6, 1), ContactKind::Closing),
        ],
    };
    let on = d(2026, 11, 23);
    // The contact of 20 November, overdue, is not "upcoming".
    assert_eq!(plan.next_contact(on, None), Some(d(2026, 12, 7)));
    assert_eq!(
        plan.next_contact(on, Some(ContactKind::Closing)),
        Some(d(2027, 6, 1))
    );
    assert_eq!(plan.ended(on), None);
    // On the day itself a contact may be announced.
    assert_eq!(
        plan.next_contact(d(2026, 12, 7), None),
        Some(d(2026, 12, 7))
    );
    // The period is over: the overdue closing contact is not announced.
    assert_eq!(plan.ended(d(2027, 6, 2)), Some(d(2027, 6, 1)));
    assert_eq!(plan.next_contact(d(2027, 6, 2), None), None);
    // Ended early: nothing is announced, whatever is still on record.
    let ended = PlanFacts {
        ended_on: Some(d(2027, 1, 10)),
        ..plan
    };
    assert_eq!(ended.ended(on), Some(d(2027, 1, 10)));
    assert_eq!(ended.next_contact(on, None), None);
}

#[test]
fn ended_aftercare_is_neither_active_nor_passive() {
    let t = Template::parse(
        "{{#active}}A {{first_contact}}{{/active}}{{#passive}}P {{closing_contact}}{{/passive}}{{#aftercare_ended}}E {{aftercare_ended}}{{/aftercare_ended}}\n",
    )
    .unwrap();
    let mut f = facts(ExitReason::WorkEmployment);
    f.aftercare = AftercareMode::Active;
    f.plan = Some(PlanFacts {
        ends_on: d(2027, 6, 1),
        ended_on: None,
        planned: vec![(d(2027, 6, 1), ContactKind::Closing)],
    });
    assert_eq!(t.render(&f, Lang::Nl), "A 01-06-2027\n");
    f.aftercare = AftercareMode::Passive;
    assert_eq!(t.render(&f, Lang::Nl), "P 01-06-2027\n");
    f.plan.as_mut().unwrap().ended_on = Some(d(2027, 2, 1));
    assert_eq!(t.render(&f, Lang::Nl), "E 01-02-2027\n");
    // Other kinds are offered no aftercare: a plan on record says nothing.
    f.reason = ExitReason::OtherMoved;
    assert_eq!(t.render(&f, Lang::Nl), "");
}
