//! The report as titled tables in the user's language: the one shape that the Reports
//! screen, `caseload report` (text), its `--json` and its `--csv` all draw from. Rows and
//! columns carry stable codes besides their labels, for scripts. The tables themselves are
//! built in [`super::report_sections`].

use super::date::fmt_date;
use super::money::fmt_euro;
use super::report::{Report, Share};
use crate::i18n::{Lang, t, tf};

/// One cell's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Count(u64),
    /// A count out of a total, shown with its percentage.
    Share(Share),
    /// A percentage with one decimal (`None`: nothing to divide by).
    Percent(Option<f64>),
    /// An amount in euro cents.
    Money(i64),
    /// A number of months with one decimal (`None`: nothing to average).
    Months(Option<f64>),
    /// A day.
    Date(chrono::NaiveDate),
    /// Nothing to say in this column.
    Empty,
}

/// "5,8%" / "5.8%", or "–" when there is nothing to divide by.
pub fn fmt_percent(p: Option<f64>, lang: Lang) -> String {
    match p {
        Some(p) => decimal(p, lang) + "%",
        None => "–".into(),
    }
}

fn decimal(x: f64, lang: Lang) -> String {
    let s = format!("{x:.1}");
    match lang {
        Lang::Nl => s.replace('.', ","),
        Lang::En => s,
    }
}

impl Value {
    /// The cell as shown.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Value::Count(n) => n.to_string(),
            Value::Share(s) => format!("{}/{} ({})", s.n, s.of, fmt_percent(s.percent(), lang)),
            Value::Percent(p) => fmt_percent(*p, lang),
            Value::Money(c) => fmt_euro(*c, lang),
            Value::Months(m) => m.map_or_else(|| "–".into(), |m| decimal(m, lang)),
            Value::Date(d) => fmt_date(*d),
            Value::Empty => String::new(),
        }
    }
}

/// A row: a stable code, its label, one value per column.
#[derive(Clone, Debug, PartialEq)]
pub struct TableRow {
    pub code: String,
    pub label: String,
    /// Drawn indented under the row before it (a reason under its category).
    pub sub: bool,
    pub cells: Vec<Value>,
}

/// A titled table with coded columns, and the sentences that go with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub code: &'static str,
    pub title: String,
    /// (code, label) per value column; the row labels come first, without a column.
    pub columns: Vec<(&'static str, String)>,
    pub rows: Vec<TableRow>,
    pub notes: Vec<String>,
}

impl Table {
    pub(super) fn new(code: &'static str, lang: Lang, columns: &[&'static str]) -> Table {
        Table {
            code,
            title: t(lang, &format!("report.table.{code}")).to_owned(),
            columns: columns
                .iter()
                .map(|c| (*c, t(lang, &format!("report.col.{c}")).to_owned()))
                .collect(),
            rows: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub(super) fn row(
        &mut self,
        code: impl Into<String>,
        label: impl Into<String>,
        cells: Vec<Value>,
    ) {
        self.rows.push(TableRow {
            code: code.into(),
            label: label.into(),
            sub: false,
            cells,
        });
    }

    pub(super) fn sub(
        &mut self,
        code: impl Into<String>,
        label: impl Into<String>,
        cells: Vec<Value>,
    ) {
        self.row(code, label, cells);
        if let Some(r) = self.rows.last_mut() {
            r.sub = true;
        }
    }
}

use super::display::{line as shown, pad, pad_left, width};

/// A table's heading and rows as aligned text (labels left, values right under their
/// column headings), or one line saying there is nothing.
pub fn aligned(table: &Table, lang: Lang) -> Vec<String> {
    // A label may name an instrument from a data file: shown as display text.
    let label = |r: &TableRow| {
        if r.sub {
            format!("  {}", shown(&r.label))
        } else {
            shown(&r.label).into_owned()
        }
    };
    let label_w = table
        .rows
        .iter()
        .map(|r| width(&label(r)))
        .max()
        .unwrap_or(0);
    let texts: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text(lang)).collect())
        .collect();
    let col_w: Vec<usize> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, (_, head))| {
            texts
                .iter()
                .filter_map(|row| row.get(i))
                .map(|s| width(s))
                .chain([width(head)])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |first: String, cells: &mut dyn Iterator<Item = (usize, String)>| {
        let mut s = format!("  {}", pad(&first, label_w));
        for (w, c) in cells {
            s.push_str("  ");
            s.push_str(&pad_left(&c, w));
        }
        s.trim_end().to_owned()
    };
    let mut out = Vec::new();
    if table.rows.is_empty() {
        out.push(format!("  {}", t(lang, "report.nothing")));
    } else {
        let mut heads = col_w
            .iter()
            .zip(table.columns.iter())
            .map(|(w, (_, h))| (*w, h.clone()));
        out.push(line(String::new(), &mut heads));
        for (r, cells) in table.rows.iter().zip(texts) {
            let mut cells = col_w.iter().copied().zip(cells);
            out.push(line(label(r), &mut cells));
        }
    }
    out
}

/// "01-12-2025 – 30-11-2026", or "up to 30-11-2026" for everything.
pub fn period_label(r: &Report, lang: Lang) -> String {
    if r.period.is_everything() {
        tf(lang, "report.period_all", &[("to", &fmt_date(r.period.to))])
    } else {
        tf(
            lang,
            "report.period",
            &[
                ("from", &fmt_date(r.period.from)),
                ("to", &fmt_date(r.period.to)),
            ],
        )
    }
}

/// The heading: what period, judged on which day.
pub fn heading(report: &Report, lang: Lang) -> String {
    tf(
        lang,
        "report.heading",
        &[
            ("period", &period_label(report, lang)),
            ("today", &fmt_date(report.today)),
        ],
    )
}
