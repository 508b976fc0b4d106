//! `caseload report --team A.json B.json …`: several caseworkers' report files (each from
//! `report --json`, for the same period and report date) added up into one team report.
//! Counts and amounts are added; shares are recomputed from their added counts (never
//! averaged); the caseload norm is added up too (a team's norm is its members'), and the
//! caseload against it recomputed; an average is weighted by what it averages; figures
//! that are settings (the national re-entry figures) must agree. A file holding anything
//! that looks personal (a BSN's nine digits, a client number) is refused: a report file
//! never should, and nothing personal leaves a laptop this way.

use crate::domain::report::Share;
use crate::i18n::{Lang, tf};
use anyhow::{Result, anyhow};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// Reads the report files and prints the team report as JSON.
pub fn run(files: &[PathBuf], lang: Lang) -> Result<String> {
    let mut docs = Vec::new();
    for f in files {
        let text = std::fs::read(f).map_err(|e| {
            anyhow!(tf(
                lang,
                "team.cannot_read",
                &[
                    ("file", &f.display()),
                    ("error", &super::failed::io_clause(&e, lang))
                ]
            ))
        })?;
        let doc: Value = serde_json::from_slice(&text)
            .map_err(|_| anyhow!(tf(lang, "team.not_a_report", &[("file", &f.display())])))?;
        docs.push((f.clone(), doc));
    }
    let merged = merge(&docs, lang)?;
    let mut s = serde_json::to_string_pretty(&merged).unwrap_or_default();
    s.push('\n');
    Ok(s)
}

/// The team report of `docs` (at least one).
pub fn merge(docs: &[(PathBuf, Value)], lang: Lang) -> Result<Value> {
    let Some((first_file, first)) = docs.first() else {
        return Err(anyhow!(crate::i18n::t(lang, "team.no_files")));
    };
    for (file, doc) in docs {
        check(file, doc, first, lang)?;
    }
    let mut acc = first.clone();
    let _ = first_file;
    for (file, doc) in &docs[1..] {
        let (Some(into), Some(from)) = (
            acc.get_mut("tables").and_then(Value::as_object_mut),
            doc.get("tables").and_then(Value::as_object),
        ) else {
            return Err(not_a_report(file, lang));
        };
        for (code, table) in from {
            match into.get_mut(code) {
                Some(mine) => add_table(code, mine, table).ok_or_else(|| {
                    anyhow!(tf(
                        lang,
                        "team.differs",
                        &[("file", &file.display()), ("table", code)]
                    ))
                })?,
                None => {
                    into.insert(code.clone(), table.clone());
                }
            }
        }
    }
    against_norm(&mut acc);
    Ok(acc)
}

fn not_a_report(file: &Path, lang: Lang) -> anyhow::Error {
    anyhow!(tf(lang, "team.not_a_report", &[("file", &file.display())]))
}

/// A report file of the same period and date as the first, with nothing personal in it.
fn check(file: &Path, doc: &Value, first: &Value, lang: Lang) -> Result<()> {
    if doc.get("format").and_then(Value::as_str) != Some("caseload-report")
        || !doc.get("tables").is_some_and(Value::is_object)
    {
        return Err(not_a_report(file, lang));
    }
    for key in ["today", "from", "to"] {
        if doc.get(key) != first.get(key) {
            return Err(anyhow!(tf(
                lang,
                "team.other_period",
                &[("file", &file.display())]
            )));
        }
    }
    if let Some(path) = personal(doc, "") {
        return Err(anyhow!(tf(
            lang,
            "team.personal",
            &[("file", &file.display()), ("path", &path)]
        )));
    }
    Ok(())
}

/// Where in `v` a text looks personal (nine digits in a row, a client number `K` and six
/// digits), as a JSON path; never the text itself.
pub fn personal(v: &Value, path: &str) -> Option<String> {
    match v {
        Value::String(s) => looks_personal(s).then(|| path.to_owned()),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .find_map(|(i, x)| personal(x, &format!("{path}[{i}]"))),
        Value::Object(o) => o
            .iter()
            .find_map(|(k, x)| personal(x, &format!("{path}.{k}"))),
        _ => None,
    }
}

fn looks_personal(s: &str) -> bool {
    let b = s.as_bytes();
    let digits_from = |i: usize| b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    (0..b.len()).any(|i| {
        let starts = i == 0 || !b[i - 1].is_ascii_digit();
        (starts && digits_from(i) >= 9)
            || (b[i] == b'K' && i + 7 <= b.len() && digits_from(i + 1) >= 6)
    })
}

/// Adds `other` (a table of another file) into `mine`; `None` when their columns differ.
fn add_table(code: &str, mine: &mut Value, other: &Value) -> Option<()> {
    if mine.get("columns") != other.get("columns") {
        return None;
    }
    let order = other.get("order")?.as_array()?.clone();
    let theirs = other.get("rows")?.as_object()?;
    let rows = mine.get_mut("rows")?.as_object_mut()?;
    let mut added = Vec::new();
    for (row_code, row) in theirs {
        match rows.get_mut(row_code) {
            Some(m) => add_row(code, row_code, m.as_object_mut()?, row.as_object()?),
            None => {
                rows.insert(row_code.clone(), row.clone());
                added.push(row_code.clone());
            }
        }
    }
    // Rows only the other file has come after the first's, in its order.
    let mine_order = mine.get_mut("order")?.as_array_mut()?;
    for r in order {
        if r.as_str().is_some_and(|s| added.iter().any(|a| a == s)) {
            mine_order.push(r);
        }
    }
    Some(())
}

/// Adds the cells of `other` into `mine` (one row of a table).
fn add_row(table: &str, row: &str, mine: &mut Map<String, Value>, other: &Map<String, Value>) {
    // An average is weighted by the ended trajectories it is the average of.
    let weight = |r: &Map<String, Value>| {
        ["completed", "stopped"]
            .iter()
            .filter_map(|c| r.get(*c).and_then(Value::as_u64))
            .sum::<u64>()
    };
    if table == "trajectories" {
        let (wa, wb) = (weight(mine), weight(other));
        let avg = |r: &Map<String, Value>| r.get("average_months").and_then(Value::as_f64);
        let merged = match (avg(mine), avg(other)) {
            (Some(a), Some(b)) if wa + wb > 0 => {
                Some((a * wa as f64 + b * wb as f64) / (wa + wb) as f64)
            }
            (a, b) => a.or(b),
        };
        mine.insert(
            "average_months".into(),
            merged.map(|m| (m * 10.0).round() / 10.0).into(),
        );
    }
    for (col, theirs) in other {
        if col == "label" || col == "average_months" {
            continue;
        }
        let Some(cell) = mine.get_mut(col) else {
            mine.insert(col.clone(), theirs.clone());
            continue;
        };
        // Settings (the national figures) and what is recomputed at the end (the caseload
        // against the norm) are not added.
        if row == "national" || (table == "caseload" && row == "of_norm") {
            continue;
        }
        add_cell(cell, theirs);
    }
}

/// Adds a cell: counts and amounts, shares by their counts.
fn add_cell(cell: &mut Value, other: &Value) {
    match (cell.as_object_mut(), other.as_object()) {
        (Some(a), Some(b)) => {
            let get =
                |m: &Map<String, Value>, k: &str| m.get(k).and_then(Value::as_u64).unwrap_or(0);
            let share = Share {
                n: get(a, "n") + get(b, "n"),
                of: get(a, "of") + get(b, "of"),
            };
            a.insert("n".into(), share.n.into());
            a.insert("of".into(), share.of.into());
            a.insert("percent".into(), share.percent().into());
        }
        _ => {
            if let (Some(x), Some(y)) = (cell.as_i64(), other.as_i64()) {
                *cell = (x + y).into();
            } else if cell.is_null() {
                *cell = other.clone();
            }
        }
    }
}

/// The team's caseload against the team's norm (the members' norms added).
fn against_norm(doc: &mut Value) {
    let Some(rows) = doc
        .pointer_mut("/tables/caseload/rows")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    let clients = |r: &Map<String, Value>, row: &str| {
        r.get(row)
            .and_then(|x| x.get("clients"))
            .and_then(Value::as_u64)
            .unwrap_or(0)
    };
    let share = Share {
        n: clients(rows, "caseload"),
        of: clients(rows, "norm"),
    };
    if let Some(r) = rows.get_mut("of_norm").and_then(Value::as_object_mut) {
        r.insert("clients".into(), share.percent().into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nine_digits_and_client_numbers_look_personal_dates_and_labels_do_not() {
        for s in ["123456789", "BSN 999993654 x", "K000003", "zie K123456"] {
            assert!(looks_personal(s), "{s}");
        }
        for s in [
            "2026-11-23",
            "FIP (frequent)",
            "K12",
            "Kosten 12345678",
            "70",
        ] {
            assert!(!looks_personal(s), "{s}");
        }
    }
}
