//! The Reports screen driven by keys: `3` opens it on the last twelve months, `p` cycles
//! the period, `[` `]` move it by a year, `j`/`G` scroll; charts above the figures when
//! the window is large enough, figures alone when it is not.

use crate::common;
use crate::fixtures;

use caseload::app::App;
use caseload::domain::codes::ExitReason;
use caseload::domain::model::Episode;
use caseload::i18n::Lang;
use caseload::keymap::Mode;
use caseload::store::Store;
use common::*;
use ratatui::crossterm::event::KeyCode;

/// Exits in the year before the test's today (23 November 2026) and in 2024, some with a
/// return to benefit.
fn store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let exits = [
        (
            date(2024, 3, 31),
            ExitReason::WorkEmployment,
            Some(date(2024, 8, 1)),
        ),
        (date(2024, 6, 30), ExitReason::OtherMoved, None),
        (date(2024, 9, 15), ExitReason::Study, Some(date(2025, 6, 1))),
        (date(2025, 12, 31), ExitReason::WorkWageSubsidy, None),
        (
            date(2026, 2, 14),
            ExitReason::WorkEmployment,
            Some(date(2026, 5, 1)),
        ),
        (date(2026, 5, 1), ExitReason::OtherUnknown, None),
        (date(2026, 8, 20), ExitReason::ExcludedDeath, None),
    ];
    store
        .write(|tx| {
            for (n, (exit, reason, back)) in exits.iter().enumerate() {
                let id = tx.insert_client(&fixtures::person(n as u64 + 1))?;
                let ep = tx.insert_episode(&Episode {
                    exit_date: Some(*exit),
                    exit_reason: Some(*reason),
                    ..Episode::open(
                        id,
                        date(2022, 1, 1),
                        caseload::domain::codes::BenefitType::Participatiewet,
                        None,
                    )
                })?;
                if let Some(b) = back {
                    tx.insert_episode(&Episode::open(
                        id,
                        *b,
                        caseload::domain::codes::BenefitType::Participatiewet,
                        Some(ep),
                    ))?;
                }
            }
            Ok(())
        })
        .unwrap();
    store
}

fn reports(lang: Lang, size: (u16, u16)) -> App {
    let mut app = App::new(store(), lang, today(), size);
    press(&mut app, KeyCode::Char('3'));
    app
}

#[test]
fn the_reports_screen_with_its_charts() {
    let app = reports(Lang::En, (120, 35));
    let s = screen(&app);
    assert!(s.contains("24-11-2025 – 23-11-2026"), "{s}");
    insta::assert_snapshot!("reports_en_120x35", s);
    insta::assert_snapshot!("reports_nl_100x30", screen(&reports(Lang::Nl, (100, 30))));
}

#[test]
fn a_small_window_shows_the_figures_alone() {
    let app = reports(Lang::En, (80, 24));
    let s = screen(&app);
    assert!(!s.contains("Re-entry, all exits"), "{s}");
    assert!(s.contains("Caseload now"), "{s}");
    insta::assert_snapshot!("reports_en_80x24", s);
}

#[test]
fn the_period_cycles_and_moves_by_a_year() {
    let mut app = reports(Lang::En, (120, 35));
    let period = |app: &App| app.report_period().map(|p| (p.from, p.to)).unwrap();
    assert_eq!(period(&app), (date(2025, 11, 24), date(2026, 11, 23)));
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(period(&app), (date(2026, 1, 1), date(2026, 11, 23)));
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(period(&app), (date(2025, 1, 1), date(2025, 12, 31)));
    press(&mut app, KeyCode::Char('['));
    assert_eq!(period(&app), (date(2024, 1, 1), date(2024, 12, 31)));
    let s = screen(&app);
    assert!(s.contains("01-01-2024 – 31-12-2024"), "{s}");
    // 2024: three exits, one to work.
    let report = app.report().unwrap();
    assert_eq!(report.exits.counted(), 3);
    press(&mut app, KeyCode::Char(']'));
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(period(&app), (date(2026, 1, 1), date(2026, 12, 31)));
    // Not into a year that has not begun.
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(period(&app), (date(2026, 1, 1), date(2026, 12, 31)));
    press(&mut app, KeyCode::Char('p'));
    assert!(app.report_period().unwrap().from < date(1901, 1, 1));
    let report = app.report().unwrap();
    assert_eq!(report.exits.counted(), 6);
    assert_eq!(report.exits.excluded(), 1);
    assert!(screen(&app).contains("everything up to 23-11-2026"));
}

#[test]
fn the_figures_scroll_within_their_length() {
    let mut app = reports(Lang::En, (120, 35));
    assert_eq!(app.report_scroll(), 0);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.report_scroll(), 1);
    press(&mut app, KeyCode::Char('k'));
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(app.report_scroll(), 0);
    press(&mut app, KeyCode::Char('G'));
    let bottom = app.report_scroll();
    assert!(bottom > 20);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.report_scroll(), bottom);
    // The last table's last line is on screen at the bottom.
    let s = screen(&app);
    assert!(s.contains("Overdue, not paid"), "{s}");
    // Help lists the screen's own keys.
    press(&mut app, KeyCode::Char('?'));
    let s = screen(&app);
    assert!(s.contains("A year earlier"), "{s}");
}

#[test]
fn on_a_file_the_report_is_counted_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.db");
    let mut store = Store::open(&path).unwrap();
    caseload::demo::generate(&mut store, 30, 3, today()).unwrap();
    let mut app = App::new(store, Lang::En, today(), (120, 35));
    press(&mut app, KeyCode::Char('3'));
    assert!(app.report_pending());
    assert!(screen(&app).contains("Counting"));
    // The screen stays usable while it counts; the answer arrives on a tick.
    for _ in 0..1000 {
        if app.report().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        app.tick();
    }
    let report = app.report().expect("the report arrives");
    assert_eq!(report.phases.iter().map(|(_, n)| n).sum::<u64>(), 30);
    assert!(!app.report_pending());
    assert!(!screen(&app).contains("Counting"));
}

/// Ticks until the report has come (on a file it is counted in the background).
fn wait_for_report(app: &mut App) {
    for _ in 0..1000 {
        if !app.report_pending() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        app.tick();
    }
    panic!("the report never came");
}

#[test]
fn the_report_is_counted_again_only_after_a_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.db");
    let mut store = Store::open(&path).unwrap();
    caseload::demo::generate(&mut store, 30, 3, today()).unwrap();
    let mut app = App::new(store, Lang::En, today(), (120, 35));
    let clients = |app: &App| {
        app.report()
            .unwrap()
            .phases
            .iter()
            .map(|(_, n)| n)
            .sum::<u64>()
    };
    press(&mut app, KeyCode::Char('3'));
    wait_for_report(&mut app);
    assert_eq!(clients(&app), 30);
    // Shown again with nothing written: the figures counted before, at once.
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('3'));
    assert!(!app.report_pending() && !app.busy());
    assert_eq!(clients(&app), 30);
    // A save of the app's own: counted again.
    app.store_mut()
        .write(|tx| tx.insert_client(&fixtures::person(31)))
        .unwrap();
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('3'));
    assert!(app.report_pending());
    wait_for_report(&mut app);
    assert_eq!(clients(&app), 31);
    // A write by another program on the same file: counted again too.
    let mut other = Store::open(&path).unwrap();
    other
        .write(|tx| tx.insert_client(&fixtures::person(32)))
        .unwrap();
    drop(other);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('3'));
    assert!(app.report_pending());
    wait_for_report(&mut app);
    assert_eq!(clients(&app), 32);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('3'));
    assert!(!app.report_pending());
}

#[test]
fn a_period_is_typed_after_slash() {
    let mut app = reports(Lang::En, (120, 35));
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "2014 2016");
    assert!(screen(&app).contains("/ 2014 2016"));
    // Keys are letters now: "1" does not switch screens.
    press(&mut app, KeyCode::Enter);
    let p = app.report_period().unwrap();
    assert_eq!((p.from, p.to), (date(2014, 1, 1), date(2016, 12, 31)));
    assert_ne!(app.mode(), Mode::Period);
    // A text that is not a period says why and stays.
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "31-02-2024");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Period);
    assert!(screen(&app).contains("This day does not exist"));
    press(&mut app, KeyCode::Esc);
    assert_ne!(app.mode(), Mode::Period);
    assert_eq!(app.report_period().unwrap().from, date(2014, 1, 1));
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "2024");
    press(&mut app, KeyCode::Enter);
    let report = app.report().unwrap();
    assert_eq!(report.exits.counted(), 3);
}

#[test]
fn the_last_section_lists_what_is_due_for_destruction_by_client_number_only() {
    let mut store = Store::open_in_memory().unwrap();
    let c = crate::retention_support::build(&mut store);
    let mut app = app(store, Lang::En);
    press(&mut app, KeyCode::Char('3'));
    settle(&mut app);
    press(&mut app, KeyCode::Char('G'));
    let s = screen(&app);
    assert!(s.contains("Due for destruction (retention terms)"), "{s}");
    for (who, kind) in [
        (&c.eleven, "client file"),
        (&c.ten, "client file"),
        (&c.debtor, "debt help"),
    ] {
        let number = caseload::domain::model::client_number(who.id);
        assert!(s.contains(&format!("{number}  {kind}")), "{number}: {s}");
    }
    assert!(
        s.contains("23-11-2025")
            && s.contains("2 client files, 1 debt-help record: caseload erase --due destroys"),
        "{s}"
    );
    for who in [&c.ten, &c.eleven, &c.debtor] {
        assert!(!s.contains(&who.last_name) && !s.contains(&who.bsn), "{s}");
    }
    assert!(!s.contains(&caseload::domain::model::client_number(c.nine.id)));
}
