//! `caseload report`: the report's tables as plain text, JSON (keyed by stable codes) or
//! CSV (one line per cell), for a period and a report date.

use crate::assets::Assets;
use crate::commands::failed::{self, Doing};
use crate::domain::date::to_iso;
use crate::domain::display::line;
use crate::domain::report::Report;
use crate::domain::report_period::Period;
use crate::domain::report_sections::tables;
use crate::domain::report_table::{Table, Value, aligned, heading};
use crate::i18n::Lang;
use crate::store::Store;
use chrono::NaiveDate;

/// How the report is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Csv,
}

/// The period of `caseload report --from --to` (dates as the forms take them); without
/// `--from` the twelve months up to its end, without `--to` up to `today`.
pub fn period(
    from: Option<&str>,
    to: Option<&str>,
    today: chrono::NaiveDate,
    lang: Lang,
) -> anyhow::Result<Period> {
    use crate::domain::date::parse_date;
    use crate::i18n::t;
    use anyhow::anyhow;
    let parse = |flag: &str, s: &str| {
        parse_date(s, today).map_err(|e| anyhow!("--{flag} {s:?}: {}", t(lang, e.key())))
    };
    let to = to.map(|s| parse("to", s)).transpose()?.unwrap_or(today);
    let period = Period {
        from: match from {
            Some(s) => parse("from", s)?,
            None => Period::last_12_months(to).from,
        },
        to,
    };
    if period.from > period.to {
        return Err(anyhow!(t(lang, "report.err.period")));
    }
    Ok(period)
}

/// The report for `period` on `today`, printed in `format`.
pub fn run(
    store: &Store,
    assets: &Assets,
    lang: Lang,
    period: Period,
    today: NaiveDate,
    format: Format,
) -> anyhow::Result<String> {
    let report = store
        .report(period, today, &assets.report)
        .map_err(failed::store(Doing::Report, lang))?;
    let tables = tables(&report, lang, &assets.catalog);
    Ok(match format {
        Format::Text => to_text(&report, &tables, lang),
        Format::Json => to_json(&report, &tables),
        Format::Csv => to_csv(&tables),
    })
}

/// The whole report as plain text (labels and notes as display text, see
/// [`crate::domain::display`]; JSON and CSV keep them exactly).
pub fn to_text(report: &Report, tables: &[Table], lang: Lang) -> String {
    let mut out = heading(report, lang);
    out.push('\n');
    for table in tables {
        out.push('\n');
        out.push_str(&line(&table.title));
        out.push('\n');
        for l in aligned(table, lang) {
            out.push_str(&l);
            out.push('\n');
        }
        for note in &table.notes {
            out.push_str("  ");
            out.push_str(&line(note));
            out.push('\n');
        }
    }
    out
}

fn json_value(v: &Value) -> serde_json::Value {
    match v {
        Value::Count(n) => (*n).into(),
        Value::Share(s) => serde_json::json!({ "n": s.n, "of": s.of, "percent": s.percent() }),
        Value::Percent(p) => (*p).into(),
        Value::Money(c) => (*c).into(),
        Value::Months(m) => m.map(|m| (m * 10.0).round() / 10.0).into(),
        Value::Date(d) => crate::domain::date::to_iso(*d).into(),
        Value::Empty => serde_json::Value::Null,
    }
}

/// The report as JSON: `tables.<table>.rows.<row>.<column>`, with the stable codes.
pub fn to_json(report: &Report, tables: &[Table]) -> String {
    let mut out = serde_json::Map::new();
    for table in tables {
        let mut rows = serde_json::Map::new();
        for r in &table.rows {
            let mut row = serde_json::Map::new();
            row.insert("label".into(), r.label.clone().into());
            for ((code, _), v) in table.columns.iter().zip(&r.cells) {
                row.insert((*code).into(), json_value(v));
            }
            rows.insert(r.code.clone(), row.into());
        }
        out.insert(
            table.code.into(),
            serde_json::json!({
                "title": table.title,
                "columns": table.columns.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
                "order": table.rows.iter().map(|r| r.code.clone()).collect::<Vec<_>>(),
                "rows": rows,
                "notes": table.notes,
            }),
        );
    }
    let doc = serde_json::json!({
        "format": "caseload-report",
        "today": to_iso(report.today),
        "from": to_iso(report.period.from),
        "to": to_iso(report.period.to),
        "tables": out,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// The report as CSV: one line per cell, `table,row,label,column,value,of,percent`.
pub fn to_csv(tables: &[Table]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut write = |fields: [&str; 7]| {
        // Writing to memory cannot fail.
        let _ = w.write_record(fields);
    };
    write(["table", "row", "label", "column", "value", "of", "percent"]);
    for table in tables {
        for r in &table.rows {
            for ((col, _), v) in table.columns.iter().zip(&r.cells) {
                let (value, of, percent) = match v {
                    Value::Count(n) => (n.to_string(), String::new(), String::new()),
                    Value::Share(s) => (
                        s.n.to_string(),
                        s.of.to_string(),
                        s.percent().map(|p| format!("{p:.1}")).unwrap_or_default(),
                    ),
                    Value::Percent(p) => (
                        p.map(|p| format!("{p:.1}")).unwrap_or_default(),
                        String::new(),
                        String::new(),
                    ),
                    Value::Money(c) => (c.to_string(), String::new(), String::new()),
                    Value::Months(m) => (
                        m.map(|m| format!("{m:.1}")).unwrap_or_default(),
                        String::new(),
                        String::new(),
                    ),
                    Value::Date(d) => (
                        crate::domain::date::to_iso(*d),
                        String::new(),
                        String::new(),
                    ),
                    Value::Empty => continue,
                };
                write([table.code, &r.code, &r.label, col, &value, &of, &percent]);
            }
        }
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
