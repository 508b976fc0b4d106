//! The Reports screen's state: the period shown, the report computed for it (when the
//! screen opens or the period changes, never while drawing; on a file in the background,
//! so a large caseload never freezes the screen), and the scroll position.

use super::App;
use crate::domain::report::Report;
use crate::domain::report_period::{Period, Preset};
use crate::domain::report_sections::tables;
use crate::domain::report_table::Table;

/// What the Reports screen shows.
#[derive(Debug, Default)]
pub struct ReportsState {
    /// The preset the period came from (`p` moves to the next).
    pub preset: Preset,
    /// The period shown; `None` until the screen is first opened.
    pub period: Option<Period>,
    /// The figures and their tables for the period.
    pub report: Option<(Report, Vec<Table>)>,
    /// The first line shown.
    pub scroll: u16,
    /// The report being computed in the background.
    pub pending: Option<super::loader::Job<Report>>,
    /// Whether keys go to the typed period (`/`).
    pub typing: bool,
    /// The period being typed: `2014`, `2014 2016`, or one or two dates.
    pub input: tui_input::Input,
}

impl ReportsState {
    /// How many lines the report takes as drawn: the heading and a blank, then per
    /// table its title, column heading and rows (or one line saying nothing), notes, a blank.
    pub fn lines(&self) -> usize {
        self.report.as_ref().map_or(0, |(_, tables)| {
            2 + tables
                .iter()
                .map(|t| 2 + t.rows.len().max(1) + usize::from(!t.rows.is_empty()) + t.notes.len())
                .sum::<usize>()
        })
    }
}

impl App {
    /// Computes the report for the period shown (the default period the first time).
    pub fn reload_report(&mut self) {
        let period = *self
            .reports
            .period
            .get_or_insert_with(|| self.reports.preset.period(self.today));
        let (today, cfg) = (self.today, self.assets.report);
        if let Some(path) = self.store.path().map(|p| p.to_path_buf()) {
            let job = super::loader::Job::start(
                &path,
                "caseload-report",
                "the report could not be computed",
                move |s| s.report(period, today, &cfg),
            );
            match job {
                Ok(job) => return self.reports.pending = Some(job),
                Err(e) => self.read_failed(&e),
            }
        }
        let result = self.store.report(period, today, &cfg);
        self.set_report(result);
    }

    /// Takes the report computed in the background once it is there.
    pub(super) fn poll_report(&mut self) {
        let Some(result) = self.reports.pending.as_ref().and_then(|j| j.poll()) else {
            return;
        };
        self.reports.pending = None;
        self.set_report(result);
    }

    fn set_report(&mut self, result: crate::store::Result<Report>) {
        match result {
            Ok(report) => {
                let t = tables(&report, self.lang, &self.assets.catalog);
                self.reports.report = Some((report, t));
            }
            Err(e) => {
                self.reports.report = None;
                self.read_failed(&e);
            }
        }
        self.scroll_report(0);
    }

    /// The next preset period: last 12 months, this year, last year, everything.
    pub(super) fn next_report_period(&mut self) {
        self.reports.preset = self.reports.preset.next();
        self.reports.period = Some(self.reports.preset.period(self.today));
        self.reload_report();
    }

    /// Shows the typed period; a text that is not one stays, with the reason.
    pub(super) fn apply_typed_period(&mut self) {
        match Period::parse(self.reports.input.value(), self.today) {
            Ok(period) => {
                self.reports.typing = false;
                self.reports.input.reset();
                self.reports.period = Some(period);
                self.reload_report();
            }
            Err(key) => self.error(crate::i18n::t(self.lang, key)),
        }
    }

    /// The same period a year earlier or later.
    pub(super) fn shift_report_period(&mut self, back: bool) {
        let Some(p) = self.reports.period else {
            return;
        };
        let shifted = p.shifted(back);
        if !back && shifted.from > self.today {
            return;
        }
        self.reports.period = Some(shifted);
        self.reload_report();
    }

    /// Scrolls the report by `delta` lines, kept within its length.
    pub(super) fn scroll_report(&mut self, delta: isize) {
        let max = self
            .reports
            .lines()
            .saturating_sub(crate::ui::layout::report_rows(self.size)) as isize;
        let at = (self.reports.scroll as isize)
            .saturating_add(delta)
            .clamp(0, max.max(0));
        self.reports.scroll = at as u16;
    }
}
