//! Every date the app plans lands on a working day: aftercare contacts (scheduled, events,
//! the closing one, the extension's), new tries, review dates and template follow-ups,
//! for every day of 2026 and 2027 as the day they are counted from.

use caseload::assets::Assets;
use caseload::domain::aftercare::{ScheduleFacts, extension, schedule};
use caseload::domain::codes::*;
use caseload::domain::trajectory::next_review;
use caseload::domain::workdays::current;
use chrono::{Days, NaiveDate};

thread_local! {
    static CHECKED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn days() -> impl Iterator<Item = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    (0..730).map(move |n| first + Days::new(n))
}

fn working(d: NaiveDate, what: &str, from: NaiveDate) {
    CHECKED.with(|c| c.set(c.get() + 1));
    assert!(
        current().is_working_day(d),
        "{what} counted from {from} falls on {d}, not a working day"
    );
}

#[test]
fn every_planned_date_of_2026_and_2027_is_a_working_day() {
    let assets = Assets::builtin();
    let cfg = &assets.aftercare;
    for day in days() {
        for mode in [AftercareMode::Active, AftercareMode::Passive] {
            let f = ScheduleFacts {
                exit_date: day,
                first_work_day: Some(day + Days::new(3)),
                mode,
                category: ExitCategory::Work,
                contract_type: Some(ContractType::Temporary),
                contract_end: Some(day + Days::new(150)),
                study_end: None,
                instalments: vec![day, day + Days::new(181)],
            };
            let s = schedule(cfg, &f).unwrap();
            for c in &s.contacts {
                working(c.on, &format!("{:?} contact", c.kind), day);
            }
            for c in extension(cfg, &f, s.ends_on).contacts {
                working(c.on, &format!("{:?} extension contact", c.kind), day);
            }
        }
        working(cfg.retry_on(day), "a new try", day);
        for months in 1..=6 {
            working(next_review(day, months), "a review", day);
        }
        for t in &assets.templates.templates {
            let note = t.prefill(caseload::i18n::Lang::Nl, day);
            for a in note.agreements {
                if let Some(f) = a.follow_up {
                    working(f, &format!("the follow-up of {}", t.key), day);
                }
            }
        }
    }
    // Contacts, tries, reviews and follow-ups of two years, many thousands of them.
    assert!(CHECKED.with(|c| c.get()) > 20_000);
}

#[test]
fn the_demo_plans_on_working_days_too() {
    use caseload::domain::agenda::ItemKind;
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    for seed in [1, 7] {
        let mut store = caseload::store::Store::open_in_memory().unwrap();
        caseload::demo::generate(&mut store, 150, seed, today).unwrap();
        let items = store.open_items(today + Days::new(800)).unwrap();
        let planned: Vec<_> = items
            .iter()
            .filter(|i| {
                matches!(
                    i.kind,
                    ItemKind::Agreement | ItemKind::Review | ItemKind::CheckIn
                )
            })
            .collect();
        assert!(planned.len() > 100, "seed {seed}: {}", planned.len());
        for i in planned {
            assert!(
                current().is_working_day(i.due),
                "seed {seed}: {:?} due {}",
                i.kind,
                i.due
            );
        }
    }
}
