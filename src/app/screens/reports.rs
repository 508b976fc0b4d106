//! The Reports screen: the period shown, the report computed for it (when the screen
//! opens or the period changes, never while drawing; on a file in the background, so a
//! large caseload never freezes the screen), and the scroll position.

use crate::app::effect::{Effect, Job, Reported};
use crate::domain::catalog::Catalog;
use crate::domain::report::Report;
pub use crate::domain::report_period::Period;
use crate::domain::report_period::Preset;
use crate::domain::report_sections::tables;
use crate::domain::report_table::Table;
use crate::i18n::Lang;
use chrono::NaiveDate;

/// What the Reports screen shows.
#[derive(Debug, Default)]
pub struct ReportsScreen {
    /// The preset the period came from (`p` moves to the next).
    pub preset: Preset,
    /// The period shown; `None` until the screen is first opened.
    pub period: Option<Period>,
    /// The figures and their tables for the period (the last: what is due for
    /// destruction, client numbers only).
    pub report: Option<(Report, Vec<Table>)>,
    /// The report for the period is being counted.
    pub pending: bool,
    /// The first line shown.
    pub scroll: u16,
    /// The period being typed (`/`): `2014`, `2014 2016`, or one or two dates.
    pub input: tui_input::Input,
}

impl ReportsScreen {
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

    /// Counts the report for the period shown (the default period the first time).
    pub fn reload(&mut self, today: NaiveDate) -> Vec<Effect> {
        let period = *self.period.get_or_insert_with(|| self.preset.period(today));
        self.pending = true;
        vec![Effect::Background(Job::Report(period))]
    }

    /// Takes a report that was counted, when it is for the period shown.
    pub fn got(&mut self, period: Period, report: Option<Reported>, lang: Lang, catalog: &Catalog) {
        if self.period != Some(period) {
            return;
        }
        self.pending = false;
        self.report = report.map(|(r, due)| {
            let mut t = tables(&r, lang, catalog);
            t.push(crate::domain::retention::table(&due, lang));
            (r, t)
        });
    }

    /// The next preset period: last 12 months, this year, last year, everything.
    pub fn next_period(&mut self, today: NaiveDate) -> Vec<Effect> {
        self.preset = self.preset.next();
        self.period = Some(self.preset.period(today));
        self.reload(today)
    }

    /// The same period a year earlier or later (never one starting after today).
    pub fn shift(&mut self, back: bool, today: NaiveDate) -> Vec<Effect> {
        let Some(p) = self.period else {
            return Vec::new();
        };
        let shifted = p.shifted(back);
        if !back && shifted.from > today {
            return Vec::new();
        }
        self.period = Some(shifted);
        self.reload(today)
    }

    /// Shows the typed period; `Err` is the i18n key of why the text is not one.
    pub fn apply_typed(&mut self, today: NaiveDate) -> Result<Vec<Effect>, &'static str> {
        let period = Period::parse(self.input.value(), today)?;
        self.input.reset();
        self.period = Some(period);
        Ok(self.reload(today))
    }

    /// Scrolls by `delta` lines within the report's length (`rows` lines fit).
    pub fn scroll_by(&mut self, delta: isize, rows: usize) {
        let max = self.lines().saturating_sub(rows) as isize;
        let at = (self.scroll as isize)
            .saturating_add(delta)
            .clamp(0, max.max(0));
        self.scroll = at as u16;
    }
}
