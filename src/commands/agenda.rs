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
use std::io::Write;

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

/// How many entries are read at a time: the agenda is read twice (what the headings and
/// the columns need, then the lines), a page at a time, so that memory stays flat however
/// long it is (a million clients: 1.65 million items, 228 MB of JSON).
const PAGE: usize = 1_000;

/// Why the agenda was not written out.
#[derive(Debug)]
pub enum Failed {
    /// The caseload could not be read (said as [`failed::message`] says it).
    Store(anyhow::Error),
    /// Writing it out failed.
    Out(std::io::Error),
}

impl Failed {
    /// The caseload could not be read, said in `lang`.
    fn store(lang: Lang) -> impl Fn(crate::store::StoreError) -> Failed {
        move |e| Failed::Store(failed::store(Doing::Agenda, lang)(e))
    }
}

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
    let mut out = Vec::new();
    write(store, catalog, lang, (today, days), json, &mut out).map_err(|e| match e {
        Failed::Store(e) => e,
        Failed::Out(e) => e.into(),
    })?;
    Ok(String::from_utf8(out)?)
}

/// [`run`], written to `out` as it is read: on `(today, days ahead)`. Read twice, in one
/// snapshot, so that the counts are those of the items even while the app writes.
pub fn write(
    store: &Store,
    catalog: &Catalog,
    lang: Lang,
    (today, days): (NaiveDate, u32),
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Failed> {
    let until = add_days(today, i64::from(days));
    store
        .in_snapshot(|s| Ok(write_in(s, catalog, Day { lang, today, until }, json, out)))
        .map_err(Failed::store(lang))?
}

/// [`write`], inside its snapshot.
fn write_in(
    store: &Store,
    catalog: &Catalog,
    at: Day,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Failed> {
    let Day { lang, today, until } = at;
    let mut sizes = Sizes::default();
    each(store, until, lang, &mut |e| {
        sizes.count(e, lang, today);
        Ok(())
    })?;
    match json {
        true => write_json(store, catalog, at, &sizes, out),
        false => write_table(store, catalog, at, &sizes, out),
    }
}

/// The day the agenda is read on and how far it looks, in a language.
#[derive(Clone, Copy)]
struct Day {
    lang: Lang,
    today: NaiveDate,
    until: NaiveDate,
}

/// Hands every entry of the agenda up to `until` to `f`, in agenda order, a page at a
/// time; stops at `f`'s first error.
fn each(
    store: &Store,
    until: NaiveDate,
    lang: Lang,
    f: &mut dyn FnMut(&AgendaEntry) -> std::io::Result<()>,
) -> Result<(), Failed> {
    let mut out = Ok(());
    store
        .agenda_by_page(until, PAGE, &mut |page| {
            out = page.iter().try_for_each(&mut *f);
            out.is_ok()
        })
        .map_err(Failed::store(lang))?;
    out.map_err(Failed::Out)
}

/// What the headings and columns need to know of the whole agenda: how many items each
/// group has, and the widest client and kind.
#[derive(Default)]
struct Sizes {
    counts: [usize; GROUPS.len()],
    name_w: usize,
    kind_w: usize,
}

impl Sizes {
    fn count(&mut self, e: &AgendaEntry, lang: Lang, today: NaiveDate) {
        self.counts[group_of(e, today)] += 1;
        self.name_w = self.name_w.max(display::width(&client(e)));
        self.kind_w = self.kind_w.max(display::width(e.item.kind.label(lang)));
    }
}

/// The place in [`GROUPS`] of an entry's group.
fn group_of(e: &AgendaEntry, today: NaiveDate) -> usize {
    let u = e.item.urgency(today);
    GROUPS.iter().position(|g| *g == u).unwrap_or(0)
}

/// The client of an entry as the table shows it: name and number.
fn client(e: &AgendaEntry) -> String {
    format!("{} ({})", display::line(&e.client_name), e.client_number())
}

/// The plain table: a heading per group with its count, then date, client, kind, what.
fn write_table(
    store: &Store,
    catalog: &Catalog,
    at: Day,
    sizes: &Sizes,
    out: &mut dyn Write,
) -> Result<(), Failed> {
    let Day { lang, today, until } = at;
    let title = tf(
        lang,
        "agenda_cmd.title",
        &[("from", &fmt_date(today)), ("until", &fmt_date(until))],
    );
    writeln!(out, "{title}").map_err(Failed::Out)?;
    // The week's group is as long as the agenda looks ahead, seven days at most (one day
    // is tomorrow).
    let days = (until - today).num_days().clamp(1, 7);
    let heading = |g: usize| {
        let n = sizes.counts[g];
        match GROUPS[g] {
            Urgency::ThisWeek if days == 1 => tf(lang, "agenda_cmd.tomorrow", &[("n", &n)]),
            Urgency::ThisWeek => tf(lang, "agenda_cmd.next_days", &[("n", &n), ("days", &days)]),
            u => tf(lang, &format!("agenda_cmd.{}", group_code(u)), &[("n", &n)]),
        }
    };
    // The agenda's order is the groups' (no next step first, then by date): each heading
    // is written when its group's turn comes, an empty one too.
    let mut next = 0;
    let mut headings_to = |g: usize, out: &mut dyn Write| -> std::io::Result<()> {
        while next <= g.min(GROUPS.len() - 1) {
            write!(out, "\n{}\n", heading(next))?;
            next += 1;
        }
        Ok(())
    };
    each(store, until, lang, &mut |e| {
        headings_to(group_of(e, today), out)?;
        let line = format!(
            "  {}  {}  {}  {}",
            fmt_date(e.item.due),
            pad(&client(e), sizes.name_w),
            pad(e.item.kind.label(lang), sizes.kind_w),
            display::line(&e.item.describe(lang, catalog))
        );
        writeln!(out, "{}", line.trim_end())
    })?;
    headings_to(GROUPS.len(), out).map_err(Failed::Out)?;
    if sizes.counts.iter().sum::<usize>() == 0 {
        write!(out, "\n{}\n", t(lang, "agenda_cmd.nothing")).map_err(Failed::Out)?;
    }
    Ok(())
}

/// The JSON document: today, until, counts per group, and the items in agenda order
/// (keys in alphabetical order). Written as the items are read, without a tree of values
/// in between.
fn write_json(
    store: &Store,
    catalog: &Catalog,
    at: Day,
    sizes: &Sizes,
    out: &mut dyn Write,
) -> Result<(), Failed> {
    let counts = GROUPS
        .iter()
        .zip(sizes.counts)
        .map(|(g, n)| (group_code(*g), n))
        .collect();
    let doc = Doc {
        counts,
        items: Items {
            store,
            catalog,
            at,
            failed: std::cell::RefCell::new(None),
        },
        today: to_iso(at.today),
        until: to_iso(at.until),
    };
    let written = serde_json::to_writer_pretty(&mut *out, &doc);
    if let Some(e) = doc.items.failed.into_inner() {
        return Err(Failed::store(at.lang)(e));
    }
    written
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .map_err(Failed::Out)
}

#[derive(serde::Serialize)]
struct Doc<'a> {
    counts: std::collections::BTreeMap<&'static str, usize>,
    items: Items<'a>,
    today: String,
    until: String,
}

/// The items, each read and made as it is written.
struct Items<'a> {
    store: &'a Store,
    catalog: &'a Catalog,
    at: Day,
    /// Why the agenda could not be read, when it could not.
    failed: std::cell::RefCell<Option<crate::store::StoreError>>,
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
        use serde::ser::{Error, SerializeSeq};
        let Day { lang, today, until } = self.at;
        let mut seq = s.serialize_seq(None)?;
        let mut written = Ok(());
        let read = self.store.agenda_by_page(until, PAGE, &mut |page| {
            written = page.iter().try_for_each(|e| {
                seq.serialize_element(&Item {
                    client: &e.client_name,
                    client_id: e.item.client_id,
                    client_number: e.client_number(),
                    due: to_iso(e.item.due),
                    group: group_code(e.item.urgency(today)),
                    kind: e.item.kind.code(),
                    kind_label: e.item.kind.label(lang),
                    ref_id: e.item.ref_id,
                    what: e.item.describe(lang, self.catalog),
                })
            });
            written.is_ok()
        });
        written?;
        if let Err(e) = read {
            *self.failed.borrow_mut() = Some(e);
            return Err(S::Error::custom("the agenda could not be read"));
        }
        seq.end()
    }
}
