//! The case timeline (tijdlijn): every event of a client's story over all benefit periods,
//! newest first, filterable by kind. The store reads the events; this module holds their
//! types, the score changes against the previous assessment, re-entries, and the order.
//! The one- or two-line texts live in `timeline_text`.

use super::codes::*;
use super::date::months_between;
use super::model::{Assessment, Episode, Id};
use chrono::NaiveDate;
use strum::{EnumString, IntoStaticStr, VariantArray};

/// What kind of event a timeline entry is (the filter chooses among these).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    EnumString,
    IntoStaticStr,
    VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum TimelineKind {
    /// A contact note (with its agreements).
    Note,
    /// A trajectory referred, started, completed or stopped.
    Status,
    /// A trajectory review.
    Review,
    /// A ladder rung or life-domain scores, against the previous ones.
    Assessment,
    /// The end of a benefit period.
    Exit,
    /// An aftercare check-in, held or not reached.
    CheckIn,
    /// A new benefit period after an exit.
    ReEntry,
    /// An exit-premium instalment paid (or cancelled unpaid with a re-entry, or forfeited).
    Premium,
    /// The client handed over to a colleague, or received from one.
    Handover,
}

impl Code for TimelineKind {
    const KIND: &'static str = "timeline_kind";
}

/// Which kinds a timeline shows (all by default).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimelineFilter(u16);

impl Default for TimelineFilter {
    fn default() -> Self {
        TimelineFilter::all()
    }
}

impl TimelineFilter {
    fn bit(kind: TimelineKind) -> u16 {
        1 << (kind as u16)
    }

    /// Every kind.
    pub fn all() -> TimelineFilter {
        TimelineFilter(TimelineKind::all().iter().fold(0, |b, k| b | Self::bit(*k)))
    }

    /// One kind only.
    pub fn only(kind: TimelineKind) -> TimelineFilter {
        TimelineFilter(Self::bit(kind))
    }

    /// These kinds only.
    pub fn of(kinds: &[TimelineKind]) -> TimelineFilter {
        TimelineFilter(kinds.iter().fold(0, |b, k| b | Self::bit(*k)))
    }

    /// Whether entries of `kind` are shown.
    pub fn contains(self, kind: TimelineKind) -> bool {
        self.0 & Self::bit(kind) != 0
    }

    /// Shows or hides `kind`.
    pub fn toggle(self, kind: TimelineKind) -> TimelineFilter {
        TimelineFilter(self.0 ^ Self::bit(kind))
    }

    /// Whether every kind is shown.
    pub fn is_all(self) -> bool {
        self == TimelineFilter::all()
    }
}

/// How a score moved against the previous one.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    EnumString,
    IntoStaticStr,
    VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum Trend {
    /// The first score: nothing to compare with.
    First,
    Up,
    Same,
    Down,
}

impl Code for Trend {
    const KIND: &'static str = "trend";
}

impl Trend {
    /// An arrow for narrow columns: `↑`, `↓`, `=`, or `•` for a first score.
    pub fn symbol(self) -> &'static str {
        match self {
            Trend::First => "•",
            Trend::Up => "↑",
            Trend::Same => "=",
            Trend::Down => "↓",
        }
    }
}

/// A score and the previous score it is compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scored<T> {
    pub now: T,
    pub before: Option<T>,
}

impl<T: Ord + Copy> Scored<T> {
    /// Up, down or the same against the previous score.
    pub fn trend(&self) -> Trend {
        match self.before {
            None => Trend::First,
            Some(b) if self.now > b => Trend::Up,
            Some(b) if self.now < b => Trend::Down,
            Some(_) => Trend::Same,
        }
    }
}

/// An agreement made in a note.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteAgreement {
    pub id: Id,
    pub text: String,
    pub who: Who,
    pub follow_up: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
}

/// The work a client left benefit for, as recorded at the exit interview.
#[derive(Clone, Debug, PartialEq)]
pub struct ExitJob {
    pub employer: String,
    pub job_title: String,
    pub contract_type: Option<ContractType>,
    pub contract_end: Option<NaiveDate>,
}

/// What happened, with enough data for a one- or two-line display.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    Note {
        note_id: Id,
        channel: Channel,
        summary: String,
        template: Option<String>,
        agreements: Vec<NoteAgreement>,
    },
    Status {
        event_id: Id,
        trajectory_id: Id,
        instrument: String,
        /// The name stored when assigned (see `trajectory::instrument_label`).
        instrument_name: String,
        provider: String,
        status: TrajectoryStatus,
        /// For `completed`.
        result: Option<TrajectoryResult>,
        /// For `stopped`.
        reason: Option<String>,
    },
    Review {
        review_id: Id,
        trajectory_id: Id,
        instrument: String,
        instrument_name: String,
        progress: String,
        next_review: Option<NaiveDate>,
    },
    Assessment {
        assessment_id: Id,
        kind: AssessmentKind,
        rung: Option<Scored<Rung>>,
        /// In the order of [`LifeDomain`].
        domains: Vec<(LifeDomain, Scored<u8>)>,
    },
    Exit {
        reason: ExitReason,
        last_payment: Option<NaiveDate>,
        job: Option<ExitJob>,
    },
    CheckIn {
        contact_id: Id,
        kind: ContactKind,
        /// Held (`done`) or not reached.
        reached: bool,
        attempt: u32,
        channel: Option<Channel>,
        still_working: Option<StillWorking>,
        risk: Option<Risk>,
        how_is_work: String,
        /// A contact outside the schedule: what it was, and who held it.
        occasion: Option<ContactOccasion>,
        held_by: Option<ContactBy>,
    },
    ReEntry {
        previous_episode_id: Id,
        previous_exit: NaiveDate,
        /// Whole months from the exit to the new start.
        months: u32,
        benefit_type: BenefitType,
    },
    Premium {
        instalment_id: Id,
        seq: u32,
        amount_cents: i64,
        /// Cancelled unpaid with a re-entry (else paid or forfeited).
        cancelled: bool,
        /// Forfeited unpaid: its condition checked when paying was not met.
        forfeited: bool,
    },
    Handover {
        handover_id: Id,
        /// Handed over to `person` (else received from them).
        out: bool,
        person: String,
        /// The colleague's import was confirmed (a handover out).
        confirmed: bool,
    },
}

/// One entry of the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineEntry {
    pub on: NaiveDate,
    /// When it was recorded (`2026-12-02T12:33:11`, as the store stamps rows; empty when
    /// unknown): orders the entries of one day.
    pub recorded: String,
    /// The benefit period it belongs to.
    pub episode_id: Id,
    pub event: Event,
}

impl TimelineEntry {
    /// The kind of the entry.
    pub fn kind(&self) -> TimelineKind {
        match self.event {
            Event::Note { .. } => TimelineKind::Note,
            Event::Status { .. } => TimelineKind::Status,
            Event::Review { .. } => TimelineKind::Review,
            Event::Assessment { .. } => TimelineKind::Assessment,
            Event::Exit { .. } => TimelineKind::Exit,
            Event::CheckIn { .. } => TimelineKind::CheckIn,
            Event::ReEntry { .. } => TimelineKind::ReEntry,
            Event::Premium { .. } => TimelineKind::Premium,
            Event::Handover { .. } => TimelineKind::Handover,
        }
    }

    /// The id of the record behind the entry (the episode for exits and re-entries).
    pub fn record_id(&self) -> Id {
        match &self.event {
            Event::Note { note_id: id, .. }
            | Event::Status { event_id: id, .. }
            | Event::Review { review_id: id, .. }
            | Event::Assessment {
                assessment_id: id, ..
            }
            | Event::CheckIn { contact_id: id, .. }
            | Event::Premium {
                instalment_id: id, ..
            }
            | Event::Handover {
                handover_id: id, ..
            } => *id,
            Event::Exit { .. } | Event::ReEntry { .. } => self.episode_id,
        }
    }
}

/// Newest first; on the same day the one recorded last first, then (recorded in the same
/// second) in the order of [`TimelineKind`] and the latest record first.
pub fn sort_newest_first(entries: &mut [TimelineEntry]) {
    entries.sort_by(|a, b| {
        (b.on, &b.recorded)
            .cmp(&(a.on, &a.recorded))
            .then(a.kind().cmp(&b.kind()))
            .then(b.record_id().cmp(&a.record_id()))
    });
}

/// The assessment entries of a client, each score against the previous score of the
/// same thing (rung, or life domain) in any earlier assessment of any benefit period.
/// `list` is oldest first.
pub fn assessment_entries(list: &[Assessment]) -> Vec<TimelineEntry> {
    let mut last_rung: Option<Rung> = None;
    let mut last_score: std::collections::HashMap<LifeDomain, u8> = Default::default();
    let mut out = Vec::with_capacity(list.len());
    for a in list {
        let rung = a.rung.map(|now| Scored {
            now,
            before: last_rung,
        });
        let mut domains: Vec<(LifeDomain, Scored<u8>)> = a
            .scores
            .iter()
            .map(|&(d, now)| {
                (
                    d,
                    Scored {
                        now,
                        before: last_score.get(&d).copied(),
                    },
                )
            })
            .collect();
        domains.sort_by_key(|(d, _)| *d);
        if let Some(r) = a.rung {
            last_rung = Some(r);
        }
        last_score.extend(a.scores.iter().copied());
        if rung.is_none() && domains.is_empty() {
            continue;
        }
        out.push(TimelineEntry {
            on: a.assessed_on,
            recorded: String::new(),
            episode_id: a.episode_id,
            event: Event::Assessment {
                assessment_id: a.id,
                kind: a.kind,
                rung,
                domains,
            },
        });
    }
    out
}

/// The re-entries among a client's episodes (any order): each episode that starts after
/// an earlier one ended, with the months between that exit and the new start. The
/// episode it re-enters after is its `previous_episode_id`, else the latest exit before
/// its start.
pub fn reentry_entries(episodes: &[Episode]) -> Vec<TimelineEntry> {
    let mut out = Vec::new();
    for e in episodes {
        let linked = e
            .previous_episode_id
            .and_then(|p| episodes.iter().find(|x| x.id == p))
            .filter(|p| p.exit_date.is_some());
        let prev = linked.or_else(|| {
            episodes
                .iter()
                .filter(|x| x.id != e.id && x.exit_date.is_some_and(|d| d <= e.benefit_start))
                .max_by_key(|x| (x.exit_date, x.id))
        });
        let Some((prev, exit)) = prev.and_then(|p| p.exit_date.map(|d| (p, d))) else {
            continue;
        };
        out.push(TimelineEntry {
            on: e.benefit_start,
            recorded: String::new(),
            episode_id: e.id,
            event: Event::ReEntry {
                previous_episode_id: prev.id,
                previous_exit: exit,
                months: months_between(exit, e.benefit_start),
                benefit_type: e.benefit_type,
            },
        });
    }
    out
}
