//! The report's tables, one function per section, in reading order: caseload, outflow,
//! contracts, sustainable exit, re-entry (by category, aftercare, last trajectory),
//! trajectories, ladder, aftercare, premium.

use super::catalog::Catalog;
use super::codes::{Code, ExitCategory};
use super::report::{AftercareGroup, BANDS, BandRow, Report, Share};
use super::report_table::{Table, TableRow, Value};
use crate::i18n::{Lang, t, tf};

/// The band columns' codes.
const BAND_COLS: [&str; 4] = ["exits", "within_6", "within_12", "within_60"];

fn band_cells(row: &BandRow) -> Vec<Value> {
    let mut cells = vec![Value::Count(row.exits)];
    cells.extend(row.bands.iter().map(|b| Value::Share(b.share())));
    cells
}

fn reentry_table(
    code: &'static str,
    lang: Lang,
    rows: impl IntoIterator<Item = (String, String, BandRow)>,
) -> Table {
    let mut table = Table::new(code, lang, &BAND_COLS);
    let mut waiting = BandRow::default();
    for (code, label, row) in rows {
        waiting.add(&row);
        table.row(code, label, band_cells(&row));
    }
    let under: Vec<Value> = std::iter::once(Value::Empty)
        .chain(
            waiting
                .bands
                .iter()
                .map(|b| Value::Count(b.under_observation)),
        )
        .collect();
    table.row(
        "under_observation",
        t(lang, "report.under_observation"),
        under,
    );
    table
}

/// The report's tables, in reading order; instruments are named from `catalog`.
pub fn tables(r: &Report, lang: Lang, catalog: &Catalog) -> Vec<Table> {
    vec![
        caseload(r, lang),
        outflow(r, lang),
        contracts(r, lang),
        sustainable(r, lang),
        reentry(r, lang),
        reentry_aftercare(r, lang),
        reentry_risk(r, lang),
        reentry_trajectory(r, lang, catalog),
        trajectories(r, lang, catalog),
        trajectory_results(r, lang, catalog),
        ladder(r, lang),
        aftercare(r, lang),
        premium(r, lang),
    ]
}

fn caseload(r: &Report, lang: Lang) -> Table {
    let mut tb = Table::new("caseload", lang, &["clients"]);
    for (phase, n) in &r.phases {
        tb.row(phase.code(), phase.label(lang), vec![Value::Count(*n)]);
    }
    tb.row(
        "caseload",
        t(lang, "report.caseload_size"),
        vec![Value::Count(r.caseload_size())],
    );
    tb.row(
        "norm",
        t(lang, "report.norm"),
        vec![Value::Count(u64::from(r.norm))],
    );
    tb.row(
        "of_norm",
        t(lang, "report.of_norm"),
        vec![Value::Percent(r.against_norm().percent())],
    );
    tb
}

fn reason_rows(tb: &mut Table, r: &Report, lang: Lang, cat: ExitCategory) {
    for (reason, n) in &r.exits.by_reason {
        if reason.category() == cat && *n > 0 {
            tb.sub(reason.code(), reason.label(lang), vec![Value::Count(*n)]);
        }
    }
}

fn outflow(r: &Report, lang: Lang) -> Table {
    let e = &r.exits;
    let mut tb = Table::new("outflow", lang, &["exits"]);
    for cat in [ExitCategory::Work, ExitCategory::Study, ExitCategory::Other] {
        tb.row(
            cat.code(),
            cat.label(lang),
            vec![Value::Count(e.in_category(cat))],
        );
        if cat != ExitCategory::Study {
            reason_rows(&mut tb, r, lang, cat);
        }
    }
    tb.row(
        "total",
        t(lang, "report.total_exits"),
        vec![Value::Count(e.counted())],
    );
    tb.row(
        "to_work",
        t(lang, "report.to_work"),
        vec![Value::Share(e.to_work())],
    );
    tb.row(
        "excluded",
        t(lang, "report.excluded"),
        vec![Value::Count(e.excluded())],
    );
    reason_rows(&mut tb, r, lang, ExitCategory::Excluded);
    tb.notes.push(t(lang, "report.note.excluded").to_owned());
    tb
}

fn contracts(r: &Report, lang: Lang) -> Table {
    let mut tb = Table::new("contracts", lang, &["exits"]);
    for (c, n) in &r.exits.by_contract {
        match c {
            Some(c) => tb.row(c.code(), c.label(lang), vec![Value::Count(*n)]),
            None => tb.row(
                "not_recorded",
                t(lang, "report.not_recorded"),
                vec![Value::Count(*n)],
            ),
        }
    }
    tb
}

fn sustainable(r: &Report, lang: Lang) -> Table {
    let (share, waiting) = r.exits.sustainable();
    let mut tb = Table::new("sustainable", lang, &["exits"]);
    tb.row(
        "observed",
        t(lang, "report.sustainable_observed"),
        vec![Value::Count(share.of)],
    );
    tb.row(
        "sustainable",
        t(lang, "report.sustainable"),
        vec![Value::Share(share)],
    );
    tb.row(
        "under_observation",
        t(lang, "report.under_observation"),
        vec![Value::Count(waiting)],
    );
    tb.notes.push(t(lang, "report.note.sustainable").to_owned());
    tb
}

fn reentry(r: &Report, lang: Lang) -> Table {
    let rows = r
        .exits
        .by_category
        .iter()
        .map(|(c, row)| (c.code().to_owned(), c.label(lang).to_owned(), *row));
    let mut tb = reentry_table("reentry", lang, rows);
    let total = r.exits.total();
    // The total goes before the under-observation row.
    let at = tb.rows.len() - 1;
    tb.rows.insert(
        at,
        TableRow {
            code: "total".into(),
            label: t(lang, "report.total").into(),
            sub: false,
            cells: band_cells(&total),
        },
    );
    let mut national = vec![Value::Empty];
    national.extend(r.national_percent.iter().map(|p| Value::Percent(Some(*p))));
    tb.row("national", t(lang, "report.national"), national);
    tb.notes.push(tf(
        lang,
        "report.note.bands",
        &[("a", &BANDS[0]), ("b", &BANDS[1]), ("c", &BANDS[2])],
    ));
    tb.notes.push(t(lang, "report.note.gross").to_owned());
    tb
}

fn reentry_aftercare(r: &Report, lang: Lang) -> Table {
    let rows = r.exits.by_aftercare.iter().map(|(g, row)| {
        let code = match g {
            AftercareGroup::Accepted => "accepted",
            AftercareGroup::Declined => "declined",
            AftercareGroup::NotRecorded => "not_recorded",
        };
        (
            code.to_owned(),
            t(lang, &format!("report.aftercare_group.{code}")).to_owned(),
            *row,
        )
    });
    let mut tb = reentry_table("reentry_aftercare", lang, rows);
    tb.notes.push(t(lang, "report.note.gross").to_owned());
    tb
}

/// Re-entry by the risk of re-entry at the exit (all counted exits).
fn reentry_risk(r: &Report, lang: Lang) -> Table {
    let rows = r
        .exits
        .by_risk
        .iter()
        .map(|(level, row)| (level.code().to_owned(), level.label(lang).to_owned(), *row));
    let mut tb = reentry_table("reentry_risk", lang, rows);
    tb.notes.push(t(lang, "report.note.risk").to_owned());
    tb.notes.push(t(lang, "report.note.gross").to_owned());
    tb
}

fn reentry_trajectory(r: &Report, lang: Lang, catalog: &Catalog) -> Table {
    let rows = r.exits.by_last_trajectory.iter().map(|(i, row)| match i {
        Some((key, name)) => (
            key.clone(),
            catalog.name_or(key, name, lang).to_owned(),
            *row,
        ),
        None => (
            "none".to_owned(),
            t(lang, "report.no_trajectory").to_owned(),
            *row,
        ),
    });
    let mut tb = reentry_table("reentry_trajectory", lang, rows);
    tb.notes.push(t(lang, "report.note.gross").to_owned());
    tb
}

fn trajectories(r: &Report, lang: Lang, catalog: &Catalog) -> Table {
    let mut tb = Table::new(
        "trajectories",
        lang,
        &[
            "assigned",
            "started",
            "completed",
            "stopped",
            "running",
            "work_after",
            "average_months",
        ],
    );
    for i in &r.trajectories {
        tb.row(
            i.instrument.clone(),
            catalog.name_or(&i.instrument, &i.name, lang),
            vec![
                Value::Count(i.assigned),
                Value::Count(i.started),
                Value::Count(i.completed_total()),
                Value::Count(i.stopped),
                Value::Count(i.running),
                Value::Count(i.work_after),
                Value::Months(i.average_months),
            ],
        );
    }
    tb.notes
        .push(t(lang, "report.note.trajectories").to_owned());
    tb
}

fn trajectory_results(r: &Report, lang: Lang, catalog: &Catalog) -> Table {
    use super::codes::TrajectoryResult as R;
    let codes: Vec<&'static str> = R::all().iter().map(|r| r.code()).collect();
    let mut tb = Table::new("trajectory_results", lang, &[]);
    tb.columns = R::all()
        .iter()
        .zip(codes)
        .map(|(r, c)| (c, r.label(lang).to_owned()))
        .collect();
    for i in r.trajectories.iter().filter(|i| i.completed_total() > 0) {
        let cells = i.completed.iter().map(|(_, n)| Value::Count(*n)).collect();
        let name = catalog.name_or(&i.instrument, &i.name, lang);
        tb.row(i.instrument.clone(), name, cells);
    }
    tb
}

fn ladder(r: &Report, lang: Lang) -> Table {
    let l = &r.ladder;
    let mut tb = Table::new("ladder", lang, &["clients"]);
    for (code, n) in [
        ("up", l.up),
        ("same", l.same),
        ("down", l.down),
        ("once", l.once),
    ] {
        tb.row(
            code,
            t(lang, &format!("report.ladder.{code}")),
            vec![Value::Count(n)],
        );
    }
    tb
}

fn aftercare(r: &Report, lang: Lang) -> Table {
    let a = &r.aftercare;
    let mut tb = Table::new("aftercare", lang, &["count"]);
    let offers = a.active + a.passive + a.declined;
    let share = |n| Value::Share(Share { n, of: offers });
    tb.row(
        "offers",
        t(lang, "report.aftercare.offers"),
        vec![Value::Count(offers)],
    );
    tb.sub(
        "active",
        t(lang, "aftercare_mode.active"),
        vec![share(a.active)],
    );
    tb.sub(
        "passive",
        t(lang, "aftercare_mode.passive"),
        vec![share(a.passive)],
    );
    tb.sub(
        "declined",
        t(lang, "aftercare_mode.declined"),
        vec![share(a.declined)],
    );
    tb.row(
        "contacts",
        t(lang, "report.aftercare.contacts"),
        vec![Value::Count(a.planned)],
    );
    for (code, n) in [
        ("done", a.done),
        ("not_reached", a.not_reached),
        ("overdue", a.overdue),
        ("ahead", a.ahead),
        ("cancelled", a.cancelled),
    ] {
        tb.sub(
            code,
            t(lang, &format!("report.aftercare.{code}")),
            vec![Value::Count(n)],
        );
    }
    let referrals: u64 = a.referrals.iter().map(|(_, n)| n).sum();
    tb.row(
        "referrals",
        t(lang, "report.aftercare.referrals"),
        vec![Value::Count(referrals)],
    );
    for (kind, n) in &a.referrals {
        tb.sub(kind.code(), kind.label(lang), vec![Value::Count(*n)]);
    }
    let unplanned: u64 = a.unplanned.iter().map(|(_, n)| n).sum();
    tb.row(
        "unplanned",
        t(lang, "report.aftercare.unplanned"),
        vec![Value::Count(unplanned)],
    );
    for (what, n) in &a.unplanned {
        tb.sub(what.code(), what.label(lang), vec![Value::Count(*n)]);
    }
    tb
}

fn premium(r: &Report, lang: Lang) -> Table {
    let p = &r.premium;
    let mut tb = Table::new("premium", lang, &["count", "amount_cents"]);
    tb.row(
        "due",
        t(lang, "report.premium.due"),
        vec![Value::Count(p.due), Value::Money(p.due_cents)],
    );
    tb.row(
        "paid",
        t(lang, "report.premium.paid"),
        vec![Value::Count(p.paid), Value::Money(p.paid_cents)],
    );
    tb.row(
        "forfeited",
        t(lang, "report.premium.forfeited"),
        vec![Value::Count(p.forfeited), Value::Money(p.forfeited_cents)],
    );
    tb.row(
        "overdue",
        t(lang, "report.premium.overdue"),
        vec![Value::Count(p.overdue), Value::Money(p.overdue_cents)],
    );
    tb
}
