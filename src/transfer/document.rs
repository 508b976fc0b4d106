//! Reading a document as it streams in: the top level by hand, each client as a JSON value
//! of its own, read into its record, handed on and dropped before the next, so a large
//! file never sits in memory, neither as one tree nor as its records.

use super::read_client::client;
use super::reader::{REQ, Reader, is_plain};
use super::unique::Unique;
use super::{FORMAT, Problems, VERSION, syntax};
use crate::domain::premium::PremiumConfig;
use crate::domain::record::ClientRecord;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// What is done with each client record read: given its place in the file; `false`
/// stops the reading (the one who takes them failed).
pub type Each<'f> = &'f mut dyn FnMut(usize, ClientRecord) -> bool;

struct State<'f> {
    r: Reader,
    /// Where each BSN was first seen (by its number), for the second person with it.
    first: HashMap<u32, usize>,
    /// The schemes a granted premium is held to, and what they refuse (said only when the
    /// file has no problem of its own).
    premium: &'f PremiumConfig,
    refused: Problems,
    each: Each<'f>,
    /// Whether the one who takes the records stopped the reading.
    stopped: bool,
    /// A bundle's handover header, once read.
    handover: Option<super::HandoverHeader>,
}

impl State<'_> {
    fn client(&mut self, i: usize, v: &Value) {
        let Some(o) = self.r.object(v, format!("$.clients[{i}]")) else {
            return;
        };
        let Some(record) = client(&mut self.r, o) else {
            return;
        };
        // Nine digits: a BSN is a number below 10^9, kept in four bytes (a million of them
        // in a set is a few tens of megabytes).
        let bsn: u32 = record
            .client
            .person
            .bsn
            .as_str()
            .parse()
            .unwrap_or_default();
        if let Some(&j) = self.first.get(&bsn) {
            let args = vec![("other", format!("$.clients[{j}]"))];
            let path = format!("$.clients[{i}].bsn");
            self.r.report(path, "transfer.err.duplicate_person", args);
        } else {
            self.first.insert(bsn, i);
        }
        super::premium::client_problems(i, &record, self.premium, &mut self.refused);
        // Once anything is wrong, nothing more is handed on: it would all be undone.
        if self.r.problems.is_empty() && self.refused.is_empty() && !(self.each)(i, record) {
            self.stopped = true;
        }
    }
}

/// Reads a document from `de`, handing each client record to `each` while nothing is
/// wrong: how many clients the file has, or every problem (the file's own; when it has
/// none, the granted premiums `premium` refuses).
pub fn read<'de, R: serde_json::de::Read<'de>>(
    mut de: serde_json::Deserializer<R>,
    premium: &PremiumConfig,
    each: Each,
) -> Result<(usize, Option<super::HandoverHeader>), Problems> {
    let mut st = State {
        r: Reader::default(),
        first: HashMap::new(),
        premium,
        refused: Problems::default(),
        each,
        stopped: false,
        handover: None,
    };
    let parsed = (&mut de)
        .deserialize_any(Part {
            st: &mut st,
            at: At::Top,
        })
        .and_then(|()| de.end());
    match parsed {
        Err(_) if st.stopped => return Ok((st.first.len(), st.handover)),
        Err(e) if e.is_io() => return Err(Problems::one("transfer.err.io")),
        Err(e) => {
            let mut p = Problems::default();
            p.push(syntax(&e));
            return Err(p);
        }
        Ok(()) => {}
    }
    if !st.r.problems.is_empty() {
        Err(st.r.problems)
    } else if !st.refused.is_empty() {
        Err(st.refused)
    } else {
        Ok((st.first.len(), st.handover))
    }
}

/// A value that is not what its place asks for: noted, and passed over.
fn wrong(st: &mut State<'_>, path: &str, key: &'static str) {
    st.r.report(path.to_owned(), key, Vec::new());
}

/// Where in the document a value stands: the top level, or the list of clients.
#[derive(Clone, Copy)]
enum At {
    Top,
    Clients,
}

/// A value read as it streams in; anything else than its place asks for is noted and passed
/// over.
struct Part<'s, 'f> {
    st: &'s mut State<'f>,
    at: At,
}

impl Part<'_, '_> {
    fn wrong(self) {
        let (path, key) = match self.at {
            At::Top => ("$", "transfer.err.not_object"),
            At::Clients => ("$.clients", "transfer.err.not_array"),
        };
        self.st.r.report(path.into(), key, Vec::new());
    }
}

/// The top-level object: `format` and `version` read as any object is read, `clients`
/// streamed.
fn top<'de, A: MapAccess<'de>>(st: &mut State<'_>, mut map: A) -> Result<(), A::Error> {
    let mut top = Map::new();
    let mut has_clients = false;
    while let Some(key) = map.next_key::<String>()? {
        if key != "clients" {
            let Unique(v) = map.next_value()?;
            if top.contains_key(&key) {
                let path = if is_plain(&key) {
                    format!("$.{key}")
                } else {
                    "$".into()
                };
                wrong(st, &path, "transfer.err.repeated");
            }
            top.insert(key, v);
        } else if has_clients {
            map.next_value::<IgnoredAny>()?;
            wrong(st, "$.clients", "transfer.err.repeated");
        } else {
            has_clients = true;
            map.next_value_seed(Part {
                st: &mut *st,
                at: At::Clients,
            })?;
        }
    }
    let value = Value::Object(top);
    let Some(mut o) = st.r.object(&value, "$".into()) else {
        return Ok(());
    };
    let mut head = Reader::default();
    if head
        .string(&mut o, "format", REQ)
        .is_some_and(|f| f != FORMAT)
    {
        head.fail(&mut o, "format", "transfer.err.not_caseload");
    }
    let version = head.int(&mut o, "version", i64::MIN..=i64::MAX, REQ);
    if let Some(found) = version.filter(|v| *v != VERSION) {
        let args = vec![("found", found.to_string()), ("known", VERSION.to_string())];
        head.fail_with(&mut o, "version", "transfer.err.version", args);
    }
    if !head.problems.is_empty() {
        // Not this format (or not said which): what its clients hold means nothing.
        st.r.problems = head.problems;
        return Ok(());
    }
    if !has_clients {
        wrong(st, "$.clients", "transfer.err.missing");
    }
    if let Some(h) = st.r.child(&mut o, "handover") {
        st.handover = handover(&mut st.r, h);
    }
    st.r.finish(o);
    Ok(())
}

impl<'de> DeserializeSeed<'de> for Part<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Part<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a caseload export")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        match self.at {
            At::Top => top(self.st, map),
            At::Clients => {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                self.wrong();
                Ok(())
            }
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        match self.at {
            At::Clients => {
                let mut i = 0;
                while let Some(Unique(v)) = seq.next_element()? {
                    self.st.client(i, &v);
                    if self.st.stopped {
                        return Err(serde::de::Error::custom("stopped"));
                    }
                    i += 1;
                }
            }
            At::Top => {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                self.wrong();
            }
        }
        Ok(())
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.wrong();
        Ok(())
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.visit_bool(false)
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.visit_bool(false)
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.visit_bool(false)
    }

    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<(), E> {
        self.visit_bool(false)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        match self.at {
            At::Clients => wrong(self.st, "$.clients", "transfer.err.missing"),
            At::Top => self.wrong(),
        }
        Ok(())
    }
}

/// A bundle's handover header: to whom (a name), from whom (optional), on which day, and
/// the receipt code; `None` when anything in it is wrong (each problem noted).
fn handover(r: &mut Reader, mut o: super::reader::Obj) -> Option<super::HandoverHeader> {
    let from = r.text(&mut o, "from");
    let to = r.string(&mut o, "to", REQ);
    let on = r.date(&mut o, "on", REQ);
    let receipt = r
        .string(&mut o, "receipt", REQ)
        .map(|code| crate::store::handover::normal_receipt(&code));
    if to.as_deref().is_some_and(|t| t.trim().is_empty()) {
        r.fail(&mut o, "to", "transfer.err.missing");
    }
    // A code of no letter or digit ("--", " ") is no code.
    if receipt.as_deref().is_some_and(str::is_empty) {
        r.fail(&mut o, "receipt", "transfer.err.missing");
    }
    let whole = r.finish(o);
    match (to, on, receipt) {
        (Some(to), Some(on), Some(receipt)) if whole => Some(super::HandoverHeader {
            // A sender of only spaces is none ("a colleague").
            from: from.trim().to_owned(),
            to,
            on,
            receipt,
        }),
        _ => None,
    }
}
