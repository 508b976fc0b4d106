//! `caseload agenda`: every dated open item of the caseload, grouped no next step /
//! overdue / today / next 7 days / later, as a plain table or as JSON. The table shows data as
//! [`display::line`] does and lines it up by display width; JSON keeps it exactly.

use crate::commands::failed::{self, Doing};
use crate::domain::agenda::Urgency;
use crate::domain::catalog::Catalog;
use crate::domain::codes::Code;
use crate::domain::date::{add_days, fmt_date, to_iso};
use crate::domain::display::{self, pad};
use crate::i18n::{Lang, t, tf};
use crate::store::Store;
use crate::store::agenda::AgendaEntry;
use chrono::NaiveDate;

/// How far ahead the agenda looks by default, in days.
pub const DEFAULT_DAYS: u32 = 14;

/// The stable name of a group, as JSON writes it.
fn group_code(u: Urgency) -> &'static str {
    match u {
        Urgency::Idle => "no_next_step",
        Urgency::Overdue => "overdue",
        Urgency::Today => "today",
        Urgency::ThisWeek => "next_7_days",
        Urgency::Later => "later",
    }
}

const GROUPS: [Urgency; 5] = [
    Urgency::Idle,
    Urgency::Overdue,
    Urgency::Today,
    Urgency::ThisWeek,
    Urgency::Later,
];

/// The agenda from `today` to `days` ahead (overdue items included), as text or JSON;
/// instruments are named from `catalog`.
pub fn run(
    store: &Store,
    catalog: &Catalog,
    lang: Lang,
    today: NaiveDate,
    days: u32,
    json: bool,
) -> anyhow::Result<String> {
    let until = add_days(today, i64::from(days));
    let entries = store
        .agenda(until)
        .map_err(failed::store(Doing::Agenda, lang))?;
    Ok(if json {
        to_json(&entries, catalog, lang, today, until)
    } else {
        to_table(&entries, catalog, lang, today, until)
    })
}

/// The plain table: a heading per group with its count, then date, client, kind, what.
pub fn to_table(
    entries: &[AgendaEntry],
    catalog: &Catalog,
    lang: Lang,
    today: NaiveDate,
    until: NaiveDate,
) -> String {
    let client =
        |e: &AgendaEntry| format!("{} ({})", display::line(&e.client_name), e.client_number());
    let name_w = entries
        .iter()
        .map(|e| display::width(&client(e)))
        .max()
        .unwrap_or(0);
    let kind_w = entries
        .iter()
        .map(|e| display::width(e.item.kind.label(lang)))
        .max()
        .unwrap_or(0);
    let mut out = tf(
        lang,
        "agenda_cmd.title",
        &[("from", &fmt_date(today)), ("until", &fmt_date(until))],
    );
    out.push('\n');
    for g in GROUPS {
        let items: Vec<&AgendaEntry> = entries
            .iter()
            .filter(|e| e.item.urgency(today) == g)
            .collect();
        out.push('\n');
        // The week's group is as long as the agenda looks ahead, seven days at most (one
        // day is tomorrow).
        let days = (until - today).num_days().clamp(1, 7);
        let n = items.len();
        let heading = match g {
            Urgency::ThisWeek if days == 1 => tf(lang, "agenda_cmd.tomorrow", &[("n", &n)]),
            Urgency::ThisWeek => tf(lang, "agenda_cmd.next_days", &[("n", &n), ("days", &days)]),
            _ => tf(lang, &format!("agenda_cmd.{}", group_code(g)), &[("n", &n)]),
        };
        out.push_str(&heading);
        out.push('\n');
        for e in items {
            let line = format!(
                "  {}  {}  {}  {}",
                fmt_date(e.item.due),
                pad(&client(e), name_w),
                pad(e.item.kind.label(lang), kind_w),
                display::line(&e.item.describe(lang, catalog))
            );
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    if entries.is_empty() {
        out.push('\n');
        out.push_str(t(lang, "agenda_cmd.nothing"));
        out.push('\n');
    }
    out
}

/// The JSON document: today, until, counts per group, and the items in agenda order
/// (keys in alphabetical order). Written straight from the entries, without a tree of
/// values in between (at 100,000 clients that tree took ten times the text's size).
pub fn to_json(
    entries: &[AgendaEntry],
    catalog: &Catalog,
    lang: Lang,
    today: NaiveDate,
    until: NaiveDate,
) -> String {
    let mut counts = std::collections::BTreeMap::new();
    for g in GROUPS {
        let n = entries
            .iter()
            .filter(|e| e.item.urgency(today) == g)
            .count();
        counts.insert(group_code(g), n);
    }
    let doc = Doc {
        counts,
        items: Items {
            entries,
            catalog,
            lang,
            today,
        },
        today: to_iso(today),
        until: to_iso(until),
    };
    let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
}

#[derive(serde::Serialize)]
struct Doc<'a> {
    counts: std::collections::BTreeMap<&'static str, usize>,
    items: Items<'a>,
    today: String,
    until: String,
}

/// The items, each made as it is written.
struct Items<'a> {
    entries: &'a [AgendaEntry],
    catalog: &'a Catalog,
    lang: Lang,
    today: NaiveDate,
}

#[derive(serde::Serialize)]
struct Item<'a> {
    client: &'a str,
    client_id: crate::domain::model::Id,
    client_number: String,
    due: String,
    group: &'static str,
    kind: &'static str,
    kind_label: &'static str,
    ref_id: crate::domain::model::Id,
    what: String,
}

impl serde::Serialize for Items<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.entries.iter().map(|e| Item {
            client: &e.client_name,
            client_id: e.item.client_id,
            client_number: e.client_number(),
            due: to_iso(e.item.due),
            group: group_code(e.item.urgency(self.today)),
            kind: e.item.kind.code(),
            kind_label: e.item.kind.label(self.lang),
            ref_id: e.item.ref_id,
            what: e.item.describe(self.lang, self.catalog),
        }))
    }
}
