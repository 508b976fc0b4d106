//! The report's numbers on hand-built cohorts, with the answers worked out by hand: the
//! band boundaries (re-entry on the 6-month day, the day before, the day after), censoring,
//! excluded reasons, the splits, trajectories, ladder, aftercare, premium, and an empty
//! caseload; the `report` command's text, JSON and CSV.

use crate::exit_support;
use crate::fixtures;

use caseload::assets::Assets;
use caseload::commands::report::{self, Format};
use caseload::domain::codes::*;
use caseload::domain::date::{add_days, add_months};
use caseload::domain::model::*;
use caseload::domain::report::{AftercareGroup, Report};
use caseload::domain::report_period::Period;
use caseload::i18n::Lang;
use caseload::store::Store;
use chrono::NaiveDate;
use exit_support::*;

/// A client with one benefit period per (start, exit) and a last open one from `back`.
fn history(
    store: &mut Store,
    n: u32,
    start: NaiveDate,
    exit: NaiveDate,
    reason: ExitReason,
    back: Option<NaiveDate>,
) -> Id {
    store
        .write(|tx| {
            let id = tx.insert_client(&fixtures::person(u64::from(n)))?;
            let ep = tx.insert_episode(&Episode {
                exit_date: Some(exit),
                exit_reason: Some(reason),
                ..Episode::open(id, start, BenefitType::Participatiewet, None)
            })?;
            if let Some(b) = back {
                tx.insert_episode(&Episode::open(
                    id,
                    b,
                    BenefitType::Participatiewet,
                    Some(ep),
                ))?;
            }
            Ok(id)
        })
        .unwrap()
}

fn year_2025() -> Period {
    Period {
        from: date(2025, 1, 1),
        to: date(2025, 12, 31),
    }
}

/// The cohort of exits in 2025, judged on 15 September 2026:
/// work W1–W3 leave on 31 March and return on 30 September (the 6-month day), 29 September
/// (the day before) and 1 October (the day after); W4 leaves 31 August, W5 31 December,
/// neither returns; study S1 leaves 15 May and returns 10 January 2026; other O1 leaves
/// 30 June and returns 15 July, O2 leaves 10 October; two excluded exits (one of them
/// "restarted" the next day) and one work exit in 2024 outside the period.
fn cohort(store: &mut Store) {
    let s = date(2023, 1, 1);
    use ExitReason::*;
    let m31 = date(2025, 3, 31);
    history(store, 1, s, m31, WorkEmployment, Some(date(2025, 9, 30)));
    history(store, 2, s, m31, WorkEmployment, Some(date(2025, 9, 29)));
    history(store, 3, s, m31, WorkEmployment, Some(date(2025, 10, 1)));
    history(store, 4, s, date(2025, 8, 31), WorkWageSubsidy, None);
    history(store, 5, s, date(2025, 12, 31), WorkSelfEmployed, None);
    history(
        store,
        6,
        s,
        date(2025, 5, 15),
        Study,
        Some(date(2026, 1, 10)),
    );
    history(
        store,
        7,
        s,
        date(2025, 6, 30),
        OtherMoved,
        Some(date(2025, 7, 15)),
    );
    history(store, 8, s, date(2025, 10, 10), OtherUnknown, None);
    history(store, 9, s, date(2025, 4, 1), ExcludedDeath, None);
    history(
        store,
        10,
        s,
        date(2025, 5, 1),
        ExcludedRestarted,
        Some(date(2025, 5, 2)),
    );
    history(store, 11, s, date(2024, 12, 31), WorkEmployment, None);
}

fn report_on(store: &Store, period: Period, today: NaiveDate) -> Report {
    store
        .report(period, today, &Assets::builtin().report)
        .unwrap()
}

fn row(r: &Report, cat: ExitCategory) -> caseload::domain::report::BandRow {
    r.exits
        .by_category
        .iter()
        .find(|(c, _)| *c == cat)
        .unwrap()
        .1
}

#[test]
fn the_cohort_counted_by_hand() {
    let mut store = Store::open_in_memory().unwrap();
    cohort(&mut store);
    let r = report_on(&store, year_2025(), date(2026, 9, 15));
    let e = &r.exits;
    // Outflow: 8 counted, 5 to work; the 2 excluded recorded apart; 2024 left out.
    assert_eq!(e.counted(), 8);
    assert_eq!(e.excluded(), 2);
    assert_eq!(e.to_work().percent(), Some(62.5));
    assert!(e.by_reason.contains(&(ExitReason::WorkEmployment, 3)));
    assert!(e.by_reason.contains(&(ExitReason::ExcludedRestarted, 1)));

    // Within 6 months: every exit is observed; W1 (on the day), W2 (the day before) and
    // O1 came back, W3 (the day after) did not.
    let work = row(&r, ExitCategory::Work);
    assert_eq!(work.exits, 5);
    assert_eq!((work.bands[0].reentered, work.bands[0].observed), (2, 5));
    assert_eq!(work.bands[0].share().percent(), Some(40.0));
    // Within 12: W5 (31 December + 12 months is after the report date) is still under
    // observation; W1–W3 came back.
    assert_eq!(
        (
            work.bands[1].reentered,
            work.bands[1].observed,
            work.bands[1].under_observation
        ),
        (3, 4, 1)
    );
    // 60 months: nobody observed yet: no division by zero.
    assert_eq!(work.bands[2].observed, 0);
    assert_eq!(work.bands[2].share().percent(), None);

    let study = row(&r, ExitCategory::Study);
    assert_eq!((study.bands[0].reentered, study.bands[0].observed), (0, 1));
    assert_eq!((study.bands[1].reentered, study.bands[1].observed), (1, 1));
    let other = row(&r, ExitCategory::Other);
    assert_eq!((other.bands[0].reentered, other.bands[0].observed), (1, 2));
    assert_eq!(
        (
            other.bands[1].reentered,
            other.bands[1].observed,
            other.bands[1].under_observation
        ),
        (1, 1, 1)
    );

    let total = e.total();
    assert_eq!(total.exits, 8);
    assert_eq!(total.bands[0].share().percent(), Some(37.5));
    assert_eq!((total.bands[1].reentered, total.bands[1].observed), (5, 6));
    assert_eq!(total.bands[1].share().percent(), Some(83.3));
    assert_eq!(total.bands[2].under_observation, 8);

    // Sustainable: of 5 exits to work observed 6 months, 3 did not come back in time.
    let (sustainable, waiting) = e.sustainable();
    assert_eq!((sustainable.n, sustainable.of, waiting), (3, 5, 0));

    // History without exit interviews: the aftercare split says so.
    assert_eq!(e.by_aftercare.len(), 1);
    assert_eq!(e.by_aftercare[0].0, AftercareGroup::NotRecorded);
    assert_eq!(e.by_aftercare[0].1.exits, 5);
    // No trajectories: one "none" row with every counted exit.
    assert_eq!(e.by_last_trajectory.len(), 1);
    assert_eq!(e.by_last_trajectory[0].0, None);
    assert_eq!(e.by_last_trajectory[0].1.exits, 8);
    // Per month: every month of the period (those without exits too), excluded left out.
    assert_eq!(e.per_month.first(), Some(&(date(2025, 1, 1), 0)));
    assert_eq!(e.per_month[2], (date(2025, 3, 1), 3));
    assert_eq!(e.per_month.len(), 12);
    assert_eq!(e.per_month.iter().map(|(_, n)| n).sum::<u64>(), 8);
}

#[test]
fn a_window_passes_on_its_last_day() {
    let mut store = Store::open_in_memory().unwrap();
    history(
        &mut store,
        1,
        date(2024, 1, 1),
        date(2025, 3, 31),
        ExitReason::WorkEmployment,
        None,
    );
    let on = |today| row(&report_on(&store, year_2025(), today), ExitCategory::Work).bands[0];
    // 31 March + 6 months = 30 September: observed on that day, not the day before.
    assert_eq!(on(date(2025, 9, 29)).under_observation, 1);
    assert_eq!(on(date(2025, 9, 30)).observed, 1);
}

/// Every exit day of a leap year, re-entering `offset` days after the 6-month day.
fn every_day_of_2024(offset: i64) -> Report {
    let mut store = Store::open_in_memory().unwrap();
    let mut day = date(2024, 1, 1);
    let mut n = 1;
    while day.year_ce().1 == 2024 {
        let back = add_days(add_months(day, 6), offset);
        history(
            &mut store,
            n,
            date(2020, 1, 1),
            day,
            ExitReason::WorkEmployment,
            Some(back),
        );
        day = add_days(day, 1);
        n += 1;
    }
    let period = Period {
        from: date(2024, 1, 1),
        to: date(2024, 12, 31),
    };
    report_on(&store, period, date(2031, 1, 1))
}

use chrono::Datelike;

#[test]
fn the_six_month_day_follows_the_calendar_in_sql_as_in_the_domain() {
    // On the 6-month day (31 August + 6 months = 28 February): within 6 months, every day.
    let on_the_day = every_day_of_2024(0);
    let w = row(&on_the_day, ExitCategory::Work);
    assert_eq!(
        (w.exits, w.bands[0].reentered, w.bands[0].observed),
        (366, 366, 366)
    );
    // The day after: never within 6 months, always within 12.
    let after = every_day_of_2024(1);
    let w = row(&after, ExitCategory::Work);
    assert_eq!((w.bands[0].reentered, w.bands[1].reentered), (0, 366));
    let before = every_day_of_2024(-1);
    assert_eq!(row(&before, ExitCategory::Work).bands[0].reentered, 366);
}

#[test]
fn an_empty_caseload_divides_by_nothing() {
    let store = Store::open_in_memory().unwrap();
    let r = report_on(&store, year_2025(), date(2026, 9, 15));
    assert_eq!(r.caseload_size(), 0);
    assert_eq!(r.exits.counted(), 0);
    assert_eq!(r.exits.to_work().percent(), None);
    assert!(r.trajectories.is_empty());
    let assets = Assets::builtin();
    let period = year_2025();
    let today = date(2026, 9, 15);
    for lang in [Lang::En, Lang::Nl] {
        let text = report::run(&store, &assets, lang, period, today, Format::Text).unwrap();
        assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
    }
    insta::assert_snapshot!(
        "report_empty_en",
        report::run(&store, &assets, Lang::En, period, today, Format::Text).unwrap()
    );
    let json = report::run(&store, &assets, Lang::En, period, today, Format::Json).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v["tables"]["reentry"]["rows"]["total"]["within_6"]["percent"],
        serde_json::Value::Null
    );
}

/// Clients through the real exit flow: the worked example (temporary job through a
/// jobhunter, active aftercare, premium) and a permanent job with aftercare declined; ladder
/// scores for four clients.
fn casework(store: &mut Store) {
    let assets = Assets::builtin();
    let (_, _, input) = worked_example(store);
    store.record_exit(&input, &assets).unwrap();
    let (cid, _) = client_on_benefit(store, 2, "Piet", "", "Jansen", date(2024, 1, 10));
    let mut input = plain_exit(cid, ExitReason::WorkEmployment, date(2026, 10, 1));
    input.work = Some(permanent_job());
    store.record_exit(&input, &assets).unwrap();
    for (n, rungs) in [(3, &[2, 4][..]), (4, &[3, 3]), (5, &[4, 2]), (6, &[3])] {
        let (_, ep) = client_on_benefit(store, n, "Test", "", "Ladder", date(2025, 1, 1));
        store
            .write(|tx| {
                for (i, rung) in rungs.iter().enumerate() {
                    tx.insert_assessment(&Assessment {
                        id: 0,
                        episode_id: ep,
                        assessed_on: add_months(date(2025, 1, 1), 3 * i as u32),
                        kind: AssessmentKind::Intake,
                        rung: Rung::from_number(*rung),
                        scores: Vec::new(),
                    })?;
                }
                Ok(())
            })
            .unwrap();
    }
}

#[test]
fn splits_trajectories_ladder_aftercare_and_premium() {
    let mut store = Store::open_in_memory().unwrap();
    casework(&mut store);
    let period = Period {
        from: date(2026, 1, 1),
        to: date(2026, 12, 31),
    };
    let r = report_on(&store, period, date(2027, 1, 15));
    let e = &r.exits;
    assert_eq!(e.counted(), 2);
    let groups: Vec<_> = e.by_aftercare.iter().map(|(g, r)| (*g, r.exits)).collect();
    assert_eq!(
        groups,
        vec![(AftercareGroup::Accepted, 1), (AftercareGroup::Declined, 1)]
    );
    assert_eq!(
        e.by_contract,
        vec![
            (Some(ContractType::Permanent), 1),
            (Some(ContractType::Temporary), 1)
        ]
    );
    // The jobhunter was the worked example's last trajectory; Piet had none.
    let last: Vec<_> = e
        .by_last_trajectory
        .iter()
        .map(|(i, r)| (i.as_ref().map(|(k, _)| k.as_str()), r.exits))
        .collect();
    assert_eq!(last, vec![(Some("jobhunter"), 1), (None, 1)]);

    // The exit completed the jobhunter that found the job (result work) while it ran.
    assert_eq!(r.trajectories.len(), 1);
    let j = &r.trajectories[0];
    assert_eq!(
        (
            j.instrument.as_str(),
            j.assigned,
            j.started,
            j.stopped,
            j.running,
            j.work_after
        ),
        ("jobhunter", 1, 1, 0, 0, 1)
    );
    assert_eq!(j.completed_total(), 1);
    assert!(j.completed.contains(&(TrajectoryResult::Work, 1)));
    // 1 June to 30 November: 5 months and 29 days.
    assert_eq!(
        j.average_months.map(|m| (m * 10.0).round() / 10.0),
        Some(6.0)
    );

    assert_eq!(
        (r.ladder.up, r.ladder.same, r.ladder.down, r.ladder.once),
        (1, 1, 1, 1)
    );
    assert_eq!(
        (
            r.aftercare.active,
            r.aftercare.passive,
            r.aftercare.declined
        ),
        (1, 0, 1)
    );
    // The active schedule from 1 December: day 1, +1 week, +2 weeks, +4 weeks fall in
    // 2026 or on... those up to 31 December are planned in the period; all overdue on
    // 15 January 2027.
    assert!(r.aftercare.planned >= 4, "{:?}", r.aftercare);
    assert_eq!(r.aftercare.overdue, r.aftercare.planned);
    // The first instalment (€500) fell due at the exit and is not paid.
    assert_eq!(
        (
            r.premium.due,
            r.premium.due_cents,
            r.premium.paid,
            r.premium.overdue
        ),
        (1, 50_000, 0, 1)
    );
    // Caseload: the four ladder clients are on benefit, the worked example in aftercare,
    // Piet closed (aftercare declined).
    assert_eq!(r.caseload_size(), 5);
}

#[test]
fn the_report_as_text_json_and_csv() {
    let mut store = Store::open_in_memory().unwrap();
    cohort(&mut store);
    let assets = Assets::builtin();
    let today = date(2026, 9, 15);
    let run =
        |lang, format| report::run(&store, &assets, lang, year_2025(), today, format).unwrap();
    insta::assert_snapshot!("report_cohort_en", run(Lang::En, Format::Text));
    insta::assert_snapshot!("report_cohort_nl", run(Lang::Nl, Format::Text));
    let v: serde_json::Value = serde_json::from_str(&run(Lang::En, Format::Json)).unwrap();
    assert_eq!(v["format"], "caseload-report");
    assert_eq!(v["from"], "2025-01-01");
    let work = &v["tables"]["reentry"]["rows"]["work"];
    assert_eq!(work["exits"], 5);
    assert_eq!(work["within_6"]["n"], 2);
    assert_eq!(work["within_6"]["of"], 5);
    assert_eq!(work["within_6"]["percent"], 40.0);
    assert_eq!(
        v["tables"]["reentry"]["rows"]["national"]["within_12"],
        20.0
    );
    assert_eq!(
        v["tables"]["reentry"]["rows"]["under_observation"]["within_60"],
        8
    );
    assert_eq!(v["tables"]["outflow"]["rows"]["excluded"]["exits"], 2);
    let csv = run(Lang::En, Format::Csv);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("table,row,label,column,value,of,percent")
    );
    assert!(
        csv.contains("reentry,work,Work,within_6,2,5,40.0\n"),
        "{csv}"
    );
    assert!(csv.contains("outflow,work.employment,\"Job, income above the norm\",exits,3,,\n"));
}

/// The Velsen cohort of domain.md (exits in 2014, 353 real exits): per category the
/// number of exits and of returns within 6, 12 and 60 months (cumulative).
const VELSEN: [(ExitReason, u32, [u32; 3]); 3] = [
    (ExitReason::WorkEmployment, 155, [9, 20, 46]),
    (ExitReason::Study, 18, [3, 3, 7]),
    (ExitReason::OtherMoved, 180, [25, 35, 58]),
];

#[test]
fn the_velsen_cohort_comes_out_as_in_the_source() {
    let mut store = Store::open_in_memory().unwrap();
    let mut n = 1;
    for (reason, exits, bands) in VELSEN {
        for i in 0..exits {
            // Spread the exits over 2014; return 3, 9 or 30 months after the exit for
            // the first, second and third band, never for the rest.
            let exit = add_days(date(2014, 1, 1), i64::from(i * 2));
            let back = if i < bands[0] {
                Some(add_months(exit, 3))
            } else if i < bands[1] {
                Some(add_months(exit, 9))
            } else if i < bands[2] {
                Some(add_months(exit, 30))
            } else {
                None
            };
            history(&mut store, n, date(2012, 1, 1), exit, reason, back);
            n += 1;
        }
    }
    let period = Period {
        from: date(2014, 1, 1),
        to: date(2014, 12, 31),
    };
    let assets = Assets::builtin();
    let today = date(2020, 6, 1);
    let text = report::run(&store, &assets, Lang::En, period, today, Format::Text).unwrap();
    let table: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Re-entry (return to benefit)"))
        .take(8)
        .collect();
    insta::assert_snapshot!("report_velsen", table.join("\n"));
    let r = report_on(&store, period, today);
    let t = r.exits.total();
    let shares: Vec<_> = t
        .bands
        .iter()
        .map(|b| (b.reentered, b.share().percent()))
        .collect();
    assert_eq!(
        shares,
        vec![(37, Some(10.5)), (58, Some(16.4)), (111, Some(31.4))]
    );
    let work = row(&r, ExitCategory::Work);
    assert_eq!(
        work.bands.map(|b| b.share().percent()),
        [Some(5.8), Some(12.9), Some(29.7)]
    );
    let study = row(&r, ExitCategory::Study);
    assert_eq!(
        study.bands.map(|b| b.share().percent()),
        [Some(16.7), Some(16.7), Some(38.9)]
    );
    let other = row(&r, ExitCategory::Other);
    assert_eq!(
        other.bands.map(|b| b.share().percent()),
        [Some(13.9), Some(19.4), Some(32.2)]
    );
}

#[test]
fn a_return_on_the_exit_day_is_a_re_entry_and_later_trajectories_are_not_the_last() {
    let mut store = Store::open_in_memory().unwrap();
    let exit = date(2014, 3, 31);
    // Back on benefit the very day the job ended the benefit.
    history(
        &mut store,
        1,
        date(2012, 1, 1),
        exit,
        ExitReason::WorkEmployment,
        Some(exit),
    );
    // A work-experience placement that ended at the exit; a jobhunter offered during
    // aftercare, months later, in the same period.
    let (_, ep) = client_on_benefit(&mut store, 2, "Test", "", "Later", date(2012, 1, 1));
    trajectory(
        &mut store,
        ep,
        "work_experience",
        TrajectoryStatus::Completed,
        exit,
    );
    let e = store.episode(ep).unwrap().unwrap();
    store
        .write(|tx| {
            tx.close_episode(&Episode {
                exit_date: Some(exit),
                exit_reason: Some(ExitReason::WorkEmployment),
                ..e
            })
        })
        .unwrap();
    trajectory(
        &mut store,
        ep,
        "jobhunter",
        TrajectoryStatus::Started,
        date(2014, 9, 20),
    );
    let year = Period {
        from: date(2014, 1, 1),
        to: date(2014, 12, 31),
    };
    let r = report_on(&store, year, date(2026, 1, 1));
    let work = row(&r, ExitCategory::Work);
    assert_eq!(work.bands.map(|b| (b.reentered, b.observed)), [(1, 2); 3]);
    let last: Vec<_> = r
        .exits
        .by_last_trajectory
        .iter()
        .map(|(i, r)| (i.as_ref().map(|(k, _)| k.as_str()), r.exits))
        .collect();
    assert_eq!(last, vec![(Some("work_experience"), 1), (None, 1)]);
}

#[test]
fn nothing_after_the_report_date_is_counted() {
    let mut store = Store::open_in_memory().unwrap();
    cohort(&mut store);
    // On 1 July 2025 only the exits up to then have happened.
    let r = report_on(&store, year_2025(), date(2025, 7, 1));
    assert_eq!(r.period.to, date(2025, 7, 1));
    // W1–W3 (31 March), S1 (15 May), O1 (30 June); the excluded ones of April and May.
    assert_eq!((r.exits.counted(), r.exits.excluded()), (5, 2));
    assert_eq!(r.exits.per_month.len(), 7);
}
