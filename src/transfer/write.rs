//! Writing client records as the format, one client at a time (an export of any size
//! streams): fields in a fixed order, ISO dates, stable codes, no row ids and nothing about
//! the moment of the export, so the same records always give the same bytes.

use super::refs::Positions;
use super::write_journey::{self, ExitOut, TrajectoryOut};
use super::{FORMAT, VERSION};
use crate::domain::codes::{Code, LifeDomain};
use crate::domain::model::{Agreement, Intake};
use crate::domain::record::{ClientRecord, EpisodeRecord};
use chrono::NaiveDate;
use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};
use std::cell::{Cell, RefCell};

/// An optional code as written.
pub(super) fn code<T: Code>(c: Option<T>) -> Option<&'static str> {
    c.map(Code::code)
}

#[derive(Serialize)]
struct ClientOut<'a> {
    bsn: &'a str,
    first_name: &'a str,
    prefix: &'a str,
    last_name: &'a str,
    birth_date: Option<NaiveDate>,
    phone: &'a str,
    email: &'a str,
    address: &'a str,
    episodes: Vec<EpisodeOut<'a>>,
    /// Only in a client's own copy.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    history: Vec<HistoryOut<'a>>,
}

/// One row of a change of the client, as their copy holds it: when, which record, what
/// happened, the fields before and after (without row ids), and why when said.
#[derive(Serialize)]
struct HistoryOut<'a> {
    at: &'a str,
    record: &'a str,
    change: &'a str,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
    reason: Option<&'a str>,
    undo: bool,
}

/// A row's fields without its bookkeeping (ids, the times rows were written).
fn plain_fields(v: &Option<serde_json::Value>) -> Option<serde_json::Value> {
    let mut v = v.clone()?;
    if let Some(m) = v.as_object_mut() {
        m.retain(|k, _| !crate::domain::history::hidden(k));
    }
    Some(v)
}

#[derive(Serialize)]
struct EpisodeOut<'a> {
    benefit_start: NaiveDate,
    benefit_type: &'static str,
    exit_date: Option<NaiveDate>,
    last_payment_date: Option<NaiveDate>,
    exit_reason: Option<&'static str>,
    intake: Option<&'a Intake>,
    assessments: Vec<AssessmentOut<'a>>,
    goals: Vec<GoalOut<'a>>,
    notes: Vec<NoteOut<'a>>,
    agreements: Vec<AgreementOut<'a>>,
    trajectories: Vec<TrajectoryOut<'a>>,
    exit_interview: Option<ExitOut<'a>>,
}

/// Life-domain scores as an object, in the order of the domains.
struct Scores<'a>(&'a [(LifeDomain, u8)]);

impl Serialize for Scores<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(d, n)| (d.code(), n)))
    }
}

#[derive(Serialize)]
struct AssessmentOut<'a> {
    assessed_on: NaiveDate,
    kind: &'static str,
    rung: Option<u8>,
    scores: Scores<'a>,
}

#[derive(Serialize)]
struct GoalOut<'a> {
    term: &'static str,
    text: &'a str,
    target_date: Option<NaiveDate>,
    done_on: Option<NaiveDate>,
}

#[derive(Serialize)]
struct NoteOut<'a> {
    noted_on: NaiveDate,
    channel: &'static str,
    summary: &'a str,
    template: Option<&'a str>,
    agreements: Vec<AgreementOut<'a>>,
}

#[derive(Serialize)]
struct AgreementOut<'a> {
    text: &'a str,
    who: &'static str,
    follow_up: Option<NaiveDate>,
    done_on: Option<NaiveDate>,
}

fn client(rec: &ClientRecord) -> ClientOut<'_> {
    let p = &rec.client.person;
    let pos = Positions::of(rec);
    ClientOut {
        bsn: p.bsn.as_str(),
        first_name: &p.first_name,
        prefix: &p.prefix,
        last_name: &p.last_name,
        birth_date: p.birth_date,
        phone: &p.phone,
        email: &p.email,
        address: &p.address,
        episodes: rec.episodes.iter().map(|e| episode(e, &pos)).collect(),
        history: rec
            .history
            .iter()
            .map(|h| HistoryOut {
                at: &h.at,
                record: &h.table,
                change: &h.op,
                before: plain_fields(&h.before),
                after: plain_fields(&h.after),
                reason: h.reason.as_deref(),
                undo: h.undoes.is_some(),
            })
            .collect(),
    }
}

fn episode<'a>(e: &'a EpisodeRecord, pos: &Positions) -> EpisodeOut<'a> {
    let ep = &e.episode;
    EpisodeOut {
        benefit_start: ep.benefit_start,
        benefit_type: ep.benefit_type.code(),
        exit_date: ep.exit_date,
        last_payment_date: ep.last_payment_date,
        exit_reason: code(ep.exit_reason),
        intake: e.intake.as_ref(),
        assessments: e
            .assessments
            .iter()
            .map(|a| AssessmentOut {
                assessed_on: a.assessed_on,
                kind: a.kind.code(),
                rung: a.rung.map(|r| r.number()),
                scores: Scores(&a.scores),
            })
            .collect(),
        goals: e
            .goals
            .iter()
            .map(|g| GoalOut {
                term: g.term.code(),
                text: &g.text,
                target_date: g.target_date,
                done_on: g.done_on,
            })
            .collect(),
        notes: e
            .notes
            .iter()
            .map(|(n, agreements)| NoteOut {
                noted_on: n.noted_on,
                channel: n.channel.code(),
                summary: &n.summary,
                template: n.template.as_deref(),
                agreements: agreements.iter().map(agreement).collect(),
            })
            .collect(),
        agreements: e.agreements.iter().map(agreement).collect(),
        trajectories: e
            .trajectories
            .iter()
            .map(|t| write_journey::trajectory(t, pos))
            .collect(),
        exit_interview: e.exit.as_ref().map(|x| write_journey::exit(x, pos)),
    }
}

fn agreement(a: &Agreement) -> AgreementOut<'_> {
    AgreementOut {
        text: &a.text,
        who: a.who.code(),
        follow_up: a.follow_up,
        done_on: a.done_on,
    }
}

/// The clients of a document, pulled from the source one at a time while they are written.
struct Clients<I, E> {
    source: RefCell<Option<I>>,
    /// The source's error, kept apart from the writer's.
    failed: RefCell<Option<E>>,
    written: Cell<usize>,
}

impl<I, E> Serialize for Clients<I, E>
where
    I: Iterator<Item = Result<ClientRecord, E>>,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        for item in self.source.borrow_mut().take().into_iter().flatten() {
            match item {
                Ok(rec) => seq.serialize_element(&client(&rec))?,
                Err(e) => {
                    *self.failed.borrow_mut() = Some(e);
                    return Err(serde::ser::Error::custom("the records could not be read"));
                }
            }
            self.written.set(self.written.get() + 1);
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct Document<'a, C> {
    format: &'static str,
    version: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    handover: Option<&'a super::HandoverHeader>,
    clients: &'a C,
}

/// Why a document could not be written.
#[derive(Debug)]
pub enum WriteError<E> {
    /// The source of the records failed.
    Source(E),
    /// Writing failed (a full disk, a closed pipe).
    Io(std::io::Error),
}

/// Writes a document with the clients `records` yields, as indented JSON ending in a
/// newline, one client at a time. Returns how many clients were written.
pub fn write_document<W, I, E>(out: W, records: I) -> Result<usize, WriteError<E>>
where
    W: std::io::Write,
    I: Iterator<Item = Result<ClientRecord, E>>,
{
    write_bundle(out, records, None)
}

/// [`write_document`] with a handover header (a bundle for a colleague).
pub fn write_bundle<W, I, E>(
    mut out: W,
    records: I,
    handover: Option<&super::HandoverHeader>,
) -> Result<usize, WriteError<E>>
where
    W: std::io::Write,
    I: Iterator<Item = Result<ClientRecord, E>>,
{
    let clients = Clients {
        source: RefCell::new(Some(records)),
        failed: RefCell::new(None),
        written: Cell::new(0),
    };
    let doc = Document {
        format: FORMAT,
        version: VERSION,
        handover,
        clients: &clients,
    };
    let written = serde_json::to_writer_pretty(&mut out, &doc)
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    if let Some(e) = clients.failed.into_inner() {
        return Err(WriteError::Source(e));
    }
    written.map_err(WriteError::Io)?;
    Ok(clients.written.get())
}
