//! The JSON export and import format (`"format": "caseload"`, version 1): plain types and
//! validation, no I/O. [`parse`] turns a file's bytes into client records, or into every
//! problem with its JSON path; [`write::write_document`] writes records in the same format.
//! The README's section "Export and import" describes the format.

mod document;
pub mod premium;
mod read_client;
mod read_journey;
mod reader;
mod refs;
mod rules;
pub mod sealed;
mod unique;
pub mod write;
mod write_journey;

use crate::domain::model::client_number;
use crate::domain::premium::PremiumConfig;
use crate::domain::record::{ClientRecord, Conflict};
use crate::i18n::{Lang, tf};

/// The value of the top-level `format` field.
pub const FORMAT: &str = "caseload";
/// The version of the format this build writes and reads.
pub const VERSION: i64 = 1;
/// A handover bundle's header (top-level `handover`): who gives the clients to whom, on
/// which day, and the receipt code the receiving side prints.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct HandoverHeader {
    /// The giving caseworker (empty when they did not say).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub from: String,
    pub to: String,
    pub on: chrono::NaiveDate,
    pub receipt: String,
}

/// How many problems are listed; the rest are counted ("and 12 more").
pub const CAP: usize = 50;

/// One problem in a file: where (a JSON path such as `$.clients[3].episodes[0].exit_date`)
/// and what (an i18n key with its arguments). It never quotes a value from the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Problem {
    /// `path: message`, in a language.
    pub fn message(&self, lang: Lang) -> String {
        let args: Vec<(&str, &dyn std::fmt::Display)> = self
            .args
            .iter()
            .map(|(k, v)| (*k, v as &dyn std::fmt::Display))
            .collect();
        format!("{}: {}", self.path, tf(lang, self.key, &args))
    }
}

/// Every problem found: the first [`CAP`] kept, all counted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems {
    pub list: Vec<Problem>,
    pub total: usize,
}

impl Problems {
    /// Adds a problem (kept when fewer than [`CAP`] are).
    pub fn push(&mut self, p: Problem) {
        self.total += 1;
        if self.list.len() < CAP {
            self.list.push(p);
        }
    }

    /// One problem of the whole file (`$`), without arguments.
    pub fn one(key: &'static str) -> Problems {
        let mut p = Problems::default();
        p.push(Problem {
            path: "$".into(),
            key,
            args: Vec::new(),
        });
        p
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The lines to show: each problem, then "and N more" when some were left out.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let mut out: Vec<String> = self.list.iter().map(|p| p.message(lang)).collect();
        if self.total > self.list.len() {
            let n = self.total - self.list.len();
            out.push(tf(lang, "transfer.more", &[("n", &n)]));
        }
        out
    }

    /// The problems of the clients that clash with the database (see
    /// [`crate::store::Store::import_records`]), named by position and client number.
    pub fn of_conflicts(conflicts: &[Conflict]) -> Problems {
        let mut out = Problems::default();
        for c in conflicts {
            let (path, key, id) = match *c {
                Conflict::Exists { record, client_id } => (
                    format!("$.clients[{record}]"),
                    "transfer.err.exists",
                    client_id,
                ),
                Conflict::Overlap {
                    record,
                    episode,
                    client_id,
                } => (
                    format!("$.clients[{record}].episodes[{episode}]"),
                    "transfer.err.merge_overlap",
                    client_id,
                ),
            };
            out.push(Problem {
                path,
                key,
                args: vec![("number", client_number(id))],
            });
        }
        out
    }
}

pub use document::Each;

/// Reads a file's bytes in the format, handing each client record to `each` while nothing
/// is wrong: how many clients it has, or every problem (those of the file itself; when it
/// has none, the granted premiums the schemes of `premium` refuse). A caller that keeps
/// what it was handed keeps it only when the result is `Ok`.
pub fn read_slice(bytes: &[u8], premium: &PremiumConfig, each: Each) -> Result<usize, Problems> {
    document::read(serde_json::Deserializer::from_slice(bytes), premium, each).map(|(n, _)| n)
}

/// [`read_slice`] from a reader, a client at a time: memory stays flat however large the
/// file.
pub fn read_stream(
    reader: impl std::io::Read,
    premium: &PremiumConfig,
    each: Each,
) -> Result<usize, Problems> {
    read_bundle(reader, premium, each).map(|(n, _)| n)
}

/// [`read_stream`], with the handover header of a bundle (`None` for a plain export).
pub fn read_bundle(
    reader: impl std::io::Read,
    premium: &PremiumConfig,
    each: Each,
) -> Result<(usize, Option<HandoverHeader>), Problems> {
    // serde_json reads a byte at a time: from a buffer of a known type, not through a
    // call into whatever `reader` is for each.
    let reader = std::io::BufReader::with_capacity(1 << 16, reader);
    document::read(serde_json::Deserializer::from_reader(reader), premium, each)
}

/// Whether the document `reader` holds is a handover bundle (a `handover` at its top level
/// that is not `null`): known before its clients are written, as a bundle is written
/// otherwise than an export. Only the top level's names are kept; all else is passed
/// over. A document that cannot be read as one (not JSON, not an object) is no bundle:
/// reading it refuses it, with every problem.
pub fn is_bundle(reader: impl std::io::Read) -> bool {
    type Top = std::collections::BTreeMap<String, Option<serde::de::IgnoredAny>>;
    let reader = std::io::BufReader::with_capacity(1 << 16, reader);
    let mut de = serde_json::Deserializer::from_reader(reader);
    serde::Deserialize::deserialize(&mut de)
        .is_ok_and(|top: Top| top.get("handover").is_some_and(Option::is_some))
}

/// How many records [`read_ahead`] hands over at a time, and how many such batches wait
/// at most.
const BATCH: usize = 64;
const AHEAD: usize = 4;

/// Runs `read` (one of the readers above, given the [`Each`] it calls) on a thread of its
/// own, a few records ahead of `each`, which takes them on the caller's thread: reading
/// and checking the file goes on while the records before are written. Memory stays flat:
/// at most `BATCH * (AHEAD + 2)` records wait. When `each` stops the reading, the reader
/// stops within a batch.
pub fn read_ahead<T: Send>(
    each: Each,
    read: impl FnOnce(Each) -> Result<T, Problems> + Send,
) -> Result<T, Problems> {
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<(usize, ClientRecord)>>(AHEAD);
    std::thread::scope(|s| {
        let reading = s.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            let out = read(&mut |i, r| {
                batch.push((i, r));
                batch.len() < BATCH
                    || send
                        .send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))
                        .is_ok()
            });
            // What is left once the file has been read (none when the taker stopped).
            let _ = send.send(batch);
            out
        });
        'taking: for batch in receive {
            for (i, r) in batch {
                if !each(i, r) {
                    break 'taking;
                }
            }
        }
        reading
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p))
    })
}

/// Reads a file's bytes into every client record, or every problem (nothing half).
pub fn parse(bytes: &[u8], premium: &PremiumConfig) -> Result<Vec<ClientRecord>, Problems> {
    let mut records = Vec::new();
    read_slice(bytes, premium, &mut |_, r| {
        records.push(r);
        true
    })?;
    Ok(records)
}

/// A JSON syntax error with its line and column. serde_json's own description of it names
/// what it expected, never the text it found.
fn syntax(e: &serde_json::Error) -> Problem {
    let full = e.to_string();
    let detail = full
        .rfind(" at line ")
        .map_or(full.as_str(), |at| &full[..at])
        .to_owned();
    Problem {
        path: "$".into(),
        key: "transfer.err.syntax",
        args: vec![
            ("line", e.line().to_string()),
            ("column", e.column().to_string()),
            ("detail", detail),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::{is_bundle, read_bundle};
    use crate::domain::premium::{BUILTIN, PremiumConfig};

    /// The header of a bundle of no clients with `header` inside it, as read.
    fn header(header: &str) -> Result<Option<super::HandoverHeader>, Vec<(String, &'static str)>> {
        let doc = format!(
            r#"{{"format": "caseload", "version": 1, "handover": {{{header}}}, "clients": []}}"#
        );
        let premium = PremiumConfig::parse(BUILTIN).unwrap();
        read_bundle(doc.as_bytes(), &premium, &mut |_, _| true)
            .map(|(_, h)| h)
            .map_err(|p| p.list.into_iter().map(|p| (p.path, p.key)).collect())
    }

    /// A receipt code of no letter or digit is refused at its field (SQLite's rule on the
    /// stored code would refuse it only as the bundle is written, without saying where);
    /// a sender of only spaces is none.
    #[test]
    fn a_handover_header_says_who_sent_it_and_its_receipt_or_is_refused_at_the_field() {
        let base = r#""to": "Ans", "on": "2026-11-23""#;
        for code in ["--", " ", ""] {
            let said = header(&format!(r#"{base}, "receipt": "{code}""#)).unwrap_err();
            assert!(
                said.iter()
                    .any(|(path, key)| path.ends_with("handover.receipt")
                        && *key == "transfer.err.missing"),
                "{code:?}: {said:?}"
            );
        }
        let h = header(&format!(r#"{base}, "receipt": "k7qm2xd9", "from": "   ""#))
            .unwrap()
            .unwrap();
        assert_eq!((h.from.as_str(), h.receipt.as_str()), ("", "K7QM-2XD9"));
        let h = header(&format!(
            r#"{base}, "receipt": "K7QM-2XD9", "from": " Piet ""#
        ))
        .unwrap()
        .unwrap();
        assert_eq!(h.from, "Piet");
    }

    #[test]
    fn a_bundle_is_known_by_its_header_wherever_it_stands_and_nothing_else_is_one() {
        let bundle = |doc: &str| is_bundle(doc.as_bytes());
        let header = r#""handover": {"to": "Ans", "on": "2026-11-23", "receipt": "AB12"}"#;
        assert!(bundle(&format!(
            r#"{{"format": "caseload", {header}, "clients": []}}"#
        )));
        assert!(bundle(&format!(
            r#"{{"clients": [{{"bsn": "1"}}], "version": 1, {header}}}"#
        )));
        // Reading refuses a header that is wrong: it is one all the same.
        assert!(bundle(r#"{"handover": 3, "clients": []}"#));
        for plain in [
            r#"{"format": "caseload", "version": 1, "clients": [{"handover": {}}]}"#,
            r#"{"handover": null, "clients": []}"#,
            r#"[{"handover": {}}]"#,
            r#"{"handover": {"#,
            "",
        ] {
            assert!(!bundle(plain), "{plain}");
        }
    }
}
