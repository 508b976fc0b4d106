//! The history of a client in words: each change set of the change log (newest first) with
//! when and what, and per field its value before → after, shown as the screens show values
//! (dates `dd-mm-jjjj`, labels rather than codes, amounts in euro, the BSN masked).

use crate::domain::date::fmt_date;
use crate::domain::display;
use crate::domain::model::Id;
use crate::i18n::{Lang, has, t, tf};
use serde_json::Value;

/// One row of a change set: a row of a table inserted, updated or deleted, as it was before
/// and after (JSON objects of its columns).
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeRow {
    pub set_id: Id,
    /// When the change was saved (`YYYY-MM-DDTHH:MM:SS`).
    pub at: String,
    pub table: String,
    /// `insert`, `update` or `delete`.
    pub op: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
    /// The set this one undid, when it is an undo.
    pub undoes: Option<Id>,
    /// Why the change was made, when the caseworker said (a void).
    pub reason: Option<String>,
}

/// One change set in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// `dd-mm-jjjj hh:mm`.
    pub when: String,
    /// "agreement changed"; an undo says so.
    pub what: String,
    /// Per field: "done: — → 23-11-2026".
    pub details: Vec<String>,
}

/// The i18n key of what a table's rows are, for the caseworker.
fn table_key(table: &str) -> &'static str {
    match table {
        "client" => "change.table.client",
        "episode" => "change.table.episode",
        "intake" | "barrier" => "change.table.intake",
        "assessment" | "domain_score" => "change.table.assessment",
        "goal" => "change.table.goal",
        "note" => "change.table.note",
        "agreement" => "change.table.agreement",
        "trajectory" | "trajectory_event" => "change.table.trajectory",
        "review" => "change.table.review",
        "exit_interview" | "exit_checklist" => "change.table.exit_interview",
        "aftercare_plan" => "change.table.aftercare_plan",
        "aftercare_contact" | "referral" => "change.table.aftercare_contact",
        "premium_instalment" => "change.table.premium_instalment",
        "handover" => "change.table.handover",
        _ => "change.table.other",
    }
}

/// "agreement changed": what a row change was, in the caseworker's words.
pub fn what(table: &str, op: &str, lang: Lang) -> String {
    let op = match op {
        "insert" => "change.op.insert",
        "delete" => "change.op.delete",
        _ => "change.op.update",
    };
    tf(lang, op, &[("what", &t(lang, table_key(table)))])
}

/// Columns that are bookkeeping, not what the caseworker recorded.
pub fn hidden(col: &str) -> bool {
    col == "id" || col == "created_at" || col == "updated_at" || col.ends_with("_id")
}

/// Columns that hold yes (1) or no (0).
const YES_NO: [&str; 17] = [
    "aftercare_consent",
    "employer_contact_consent",
    "move_consent",
    "balance_ok",
    "consent",
    "contract_renewed",
    "discussed",
    "driving_licence",
    "extended",
    "flagged",
    "hours_changed",
    "job_agreement",
    "premium_granted",
    "sanction_24_months",
    "statushouder",
    "still_working",
    "reached",
];

/// The code lists a column's values may come from, most specific first.
fn code_kinds(table: &str, col: &str) -> Vec<String> {
    let special: &[&str] = match (table, col) {
        ("trajectory" | "trajectory_event", "status") => &["trajectory_status"],
        ("aftercare_plan", "status") => &["plan_status"],
        ("aftercare_contact", "status") => &["contact_status"],
        (_, "result") => &["trajectory_result"],
        (_, "domain") => &["life_domain"],
        ("barrier", "code") => &["barrier"],
        ("assessment", "kind") => &["assessment_kind"],
        (_, "mode" | "aftercare_offer") => &["aftercare_mode"],
        ("aftercare_contact", "occasion") => &["contact_occasion"],
        ("aftercare_contact", "held_by") => &["contact_by"],
        _ => &[],
    };
    let mut kinds: Vec<String> = special.iter().map(|s| (*s).to_owned()).collect();
    kinds.push(col.to_owned());
    kinds.push(format!("{table}_{col}"));
    kinds
}

/// A field's name for the caseworker.
fn field_name(col: &str, lang: Lang) -> String {
    let key = format!("history.field.{col}");
    if has(lang, &key) {
        t(lang, &key).to_owned()
    } else {
        col.replace('_', " ")
    }
}

/// A stored value as the screens show it.
fn shown(table: &str, col: &str, v: &Value, lang: Lang) -> String {
    let s = match v {
        Value::Null => return "—".to_owned(),
        Value::String(s) => s.clone(),
        Value::Number(n) => {
            if YES_NO.contains(&col) {
                let key = if n.as_i64() == Some(0) {
                    "form.no"
                } else {
                    "form.yes"
                };
                return t(lang, key).to_owned();
            }
            if col.ends_with("_cents")
                && let Some(c) = n.as_i64()
            {
                return crate::domain::money::fmt_euro(c, lang);
            }
            if col.ends_with("_hundredths")
                && let Some(h) = n.as_f64()
                && let Ok(hours) = crate::domain::hours::Hours::from_number(h / 100.0)
            {
                return hours.show(lang);
            }
            n.to_string()
        }
        other => other.to_string(),
    };
    if col == "bsn" {
        let tail: String = s
            .chars()
            .rev()
            .take(3)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        return format!("******{tail}");
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
        return fmt_date(d);
    }
    for kind in code_kinds(table, col) {
        let key = format!("{kind}.{s}");
        if has(lang, &key) {
            return t(lang, &key).to_owned();
        }
    }
    // Text of any length on one line, cut to what a line holds.
    let line = display::line(&s);
    display::fit(&line, 60).into_owned()
}

/// Fields that say best what a record added or removed was: named first.
const TELLING: [&str; 10] = [
    "instrument_name",
    "instrument",
    "text",
    "summary",
    "first_name",
    "last_name",
    "exit_reason",
    "status",
    "referred_on",
    "noted_on",
];

/// The fields of a row worth naming (not bookkeeping, not empty), the telling ones first.
fn fields(v: &Value) -> Vec<(&String, &Value)> {
    let mut out: Vec<(&String, &Value)> = match v {
        Value::Object(m) => m
            .iter()
            .filter(|(k, v)| !hidden(k) && !v.is_null() && v.as_str() != Some(""))
            .collect(),
        _ => Vec::new(),
    };
    out.sort_by_key(|(k, _)| TELLING.iter().position(|t| t == k).unwrap_or(TELLING.len()));
    out
}

/// The row that says what a change set was: the first, but when it only removed, the
/// last (removing a record removes what hangs on it first).
pub fn main_row<T>(rows: &[T], op: impl Fn(&T) -> &str) -> Option<&T> {
    if rows.iter().all(|r| op(r) == "delete") {
        rows.last()
    } else {
        rows.first()
    }
}

/// What one row change says, field by field.
fn details(row: &ChangeRow, lang: Lang, out: &mut Vec<String>) {
    let name = t(lang, table_key(&row.table));
    match (row.op.as_str(), &row.before, &row.after) {
        ("update", Some(before), Some(after)) => {
            for (col, new) in fields(after).into_iter().chain(
                // A field emptied shows too.
                fields(before)
                    .into_iter()
                    .filter(|(c, _)| after.get(c.as_str()).is_none_or(Value::is_null)),
            ) {
                let old = before.get(col.as_str()).unwrap_or(&Value::Null);
                let new = after.get(col.as_str()).unwrap_or(new);
                if old == new {
                    continue;
                }
                out.push(format!(
                    "{name} · {}: {} → {}",
                    field_name(col, lang),
                    shown(&row.table, col, old, lang),
                    shown(&row.table, col, new, lang)
                ));
            }
        }
        (op, before, after) => {
            let row_values = if op == "delete" { before } else { after };
            let mark = if op == "delete" { "−" } else { "+" };
            let parts: Vec<String> = row_values
                .as_ref()
                .map(fields)
                .unwrap_or_default()
                .into_iter()
                .take(4)
                .map(|(c, v)| format!("{}: {}", field_name(c, lang), shown(&row.table, c, v, lang)))
                .collect();
            out.push(format!("{mark} {name} · {}", parts.join(" · ")));
        }
    }
}

/// The change sets of `rows` (as the store gives them: newest set first, each set's rows in
/// order) in words.
pub fn entries(rows: &[ChangeRow], lang: Lang) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    for set in rows.chunk_by(|a, b| a.set_id == b.set_id) {
        let (Some(first), Some(main)) = (set.first(), main_row(set, |r| r.op.as_str())) else {
            continue;
        };
        {
            let row = first;
            let when = chrono::NaiveDateTime::parse_from_str(&row.at, "%Y-%m-%dT%H:%M:%S")
                .map(|at| format!("{} {}", fmt_date(at.date()), at.format("%H:%M")))
                .unwrap_or_else(|_| row.at.clone());
            let mut what = what(&main.table, &main.op, lang);
            if row.undoes.is_some() {
                what = tf(lang, "history.undo", &[("what", &what)]);
            }
            let mut details = Vec::new();
            if let Some(r) = row.reason.as_deref().filter(|r| !r.is_empty()) {
                let r = display::line(r);
                details.push(tf(lang, "history.reason", &[("reason", &r)]));
            }
            for row in set {
                self::details(row, lang, &mut details);
            }
            out.push(Entry {
                when,
                what,
                details,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row(
        set: Id,
        table: &str,
        op: &str,
        before: Option<Value>,
        after: Option<Value>,
    ) -> ChangeRow {
        ChangeRow {
            set_id: set,
            at: "2026-11-23T14:05:09".into(),
            table: table.into(),
            op: op.into(),
            before,
            after,
            undoes: None,
            reason: None,
        }
    }

    #[test]
    fn a_change_says_when_what_and_each_field_before_and_after_as_the_screen_shows_it() {
        let rows = vec![
            row(
                2,
                "agreement",
                "update",
                Some(
                    json!({"id": 4, "episode_id": 1, "text": "Cv mailen", "who": "client", "done_on": null, "created_at": "x"}),
                ),
                Some(
                    json!({"id": 4, "episode_id": 1, "text": "Cv mailen", "who": "caseworker", "done_on": "2026-11-23", "created_at": "x"}),
                ),
            ),
            row(
                1,
                "client",
                "update",
                Some(json!({"bsn": "111222333", "first_name": "Jan"})),
                Some(json!({"bsn": "123456782", "first_name": "Jan"})),
            ),
            row(
                1,
                "note",
                "insert",
                None,
                Some(
                    json!({"id": 9, "noted_on": "2026-11-20", "channel": "phone", "summary": "Gebeld"}),
                ),
            ),
        ];
        let e = entries(&rows, Lang::En);
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].when, "23-11-2026 14:05");
        assert_eq!(e[0].what, "agreement changed");
        assert_eq!(
            e[0].details,
            [
                "agreement · done: — → 23-11-2026",
                "agreement · who: Client → Caseworker"
            ]
        );
        assert_eq!(
            e[1].details[0],
            "personal details · BSN: ******333 → ******782"
        );
        assert_eq!(
            e[1].details[1],
            "+ contact note · summary: Gebeld · date: 20-11-2026 · channel: Phone"
        );
    }
}
