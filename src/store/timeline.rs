//! The case timeline read model: every event of a client over all benefit periods, newest
//! first, only the kinds a filter asks for (types and order in `domain::timeline`).

use super::convert::{code, date, opt_code, opt_date};
use super::{Result, Store};
use crate::domain::codes::{Code, ContactStatus, TrajectoryStatus};
use crate::domain::model::{Assessment, Id};
use crate::domain::timeline::{
    Event, ExitJob, NoteAgreement, TimelineEntry, TimelineFilter, TimelineKind, assessment_entries,
    reentry_entries, sort_newest_first,
};
use rusqlite::Row;
use std::collections::HashMap;

impl Store {
    /// The timeline of a client: the kinds in `filter`, newest first.
    pub fn timeline(&self, client_id: Id, filter: TimelineFilter) -> Result<Vec<TimelineEntry>> {
        let mut out = Vec::new();
        for &kind in TimelineKind::all() {
            if !filter.contains(kind) {
                continue;
            }
            match kind {
                TimelineKind::Note => out.extend(self.note_entries(client_id)?),
                TimelineKind::Status => out.extend(self.query(client_id, STATUS, status_row)?),
                TimelineKind::Review => out.extend(self.query(client_id, REVIEW, review_row)?),
                TimelineKind::Assessment => out.extend(self.stamped(
                    client_id,
                    ASSESSMENT_STAMPS,
                    assessment_entries(&self.client_assessments(client_id)?),
                )?),
                TimelineKind::Exit => out.extend(self.query(client_id, EXIT, exit_row)?),
                TimelineKind::CheckIn => {
                    out.extend(self.query(client_id, CHECK_IN, check_in_row)?)
                }
                TimelineKind::ReEntry => out.extend(self.stamped(
                    client_id,
                    EPISODE_STAMPS,
                    reentry_entries(&self.episodes_of(client_id)?),
                )?),
                TimelineKind::Premium => out.extend(self.query(client_id, PREMIUM, premium_row)?),
            }
        }
        sort_newest_first(&mut out);
        Ok(out)
    }

    fn query(
        &self,
        client_id: Id,
        sql: &str,
        row: fn(&Row) -> rusqlite::Result<TimelineEntry>,
    ) -> Result<Vec<TimelineEntry>> {
        let mut st = self.conn().prepare_cached(sql)?;
        let rows = st
            .query_map([client_id], row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Entries built outside SQL, each given the stamp `sql` reads for its record id.
    fn stamped(
        &self,
        client_id: Id,
        sql: &str,
        mut entries: Vec<TimelineEntry>,
    ) -> Result<Vec<TimelineEntry>> {
        let mut st = self.conn().prepare_cached(sql)?;
        let stamps: HashMap<Id, String> = st
            .query_map([client_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for e in &mut entries {
            e.recorded = stamps.get(&e.record_id()).cloned().unwrap_or_default();
        }
        Ok(entries)
    }

    fn note_entries(&self, client_id: Id) -> Result<Vec<TimelineEntry>> {
        let mut agreements: HashMap<Id, Vec<NoteAgreement>> = HashMap::new();
        let mut st = self.conn().prepare_cached(
            "SELECT a.note_id, a.id, a.text, a.who, a.follow_up, a.done_on \
             FROM episode e JOIN agreement a ON a.episode_id = e.id \
             WHERE e.client_id = ?1 AND a.note_id IS NOT NULL ORDER BY a.id",
        )?;
        let rows = st.query_map([client_id], |r| {
            Ok((
                r.get::<_, Id>(0)?,
                NoteAgreement {
                    id: r.get(1)?,
                    text: r.get(2)?,
                    who: code(r, 3)?,
                    follow_up: opt_date(r, 4)?,
                    done_on: opt_date(r, 5)?,
                },
            ))
        })?;
        for row in rows {
            let (note, a) = row?;
            agreements.entry(note).or_default().push(a);
        }
        let mut st = self.conn().prepare_cached(
            "SELECT n.id, n.episode_id, n.noted_on, n.channel, n.summary, n.template, \
             n.created_at FROM episode e JOIN note n ON n.episode_id = e.id \
             WHERE e.client_id = ?1",
        )?;
        let rows = st
            .query_map([client_id], |r| {
                let note_id: Id = r.get(0)?;
                Ok(TimelineEntry {
                    on: date(r, 2)?,
                    recorded: r.get(6)?,
                    episode_id: r.get(1)?,
                    event: Event::Note {
                        note_id,
                        channel: code(r, 3)?,
                        summary: r.get(4)?,
                        template: r.get(5)?,
                        agreements: agreements.remove(&note_id).unwrap_or_default(),
                    },
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Every assessment of a client over all episodes, oldest first, with its scores.
    fn client_assessments(&self, client_id: Id) -> Result<Vec<Assessment>> {
        let mut scores: HashMap<Id, Vec<_>> = HashMap::new();
        let mut st = self.conn().prepare_cached(
            "SELECT s.assessment_id, s.domain, s.score FROM episode e \
             JOIN assessment a ON a.episode_id = e.id \
             JOIN domain_score s ON s.assessment_id = a.id WHERE e.client_id = ?1",
        )?;
        let rows = st.query_map([client_id], |r| {
            Ok((r.get::<_, Id>(0)?, (code(r, 1)?, r.get::<_, u8>(2)?)))
        })?;
        for row in rows {
            let (id, s) = row?;
            scores.entry(id).or_default().push(s);
        }
        let mut st = self.conn().prepare_cached(
            "SELECT a.id, a.episode_id, a.assessed_on, a.kind, a.rung FROM episode e \
             JOIN assessment a ON a.episode_id = e.id WHERE e.client_id = ?1 \
             ORDER BY a.assessed_on, a.id",
        )?;
        let rows = st
            .query_map([client_id], |r| {
                let id: Id = r.get(0)?;
                Ok(Assessment {
                    id,
                    episode_id: r.get(1)?,
                    assessed_on: date(r, 2)?,
                    kind: code(r, 3)?,
                    rung: r
                        .get::<_, Option<i64>>(4)?
                        .and_then(crate::domain::codes::Rung::from_number),
                    scores: scores.remove(&id).unwrap_or_default(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

/// The stamps of a client's assessments and episodes (the entries built in the domain).
const ASSESSMENT_STAMPS: &str = "SELECT a.id, a.created_at FROM episode e \
     JOIN assessment a ON a.episode_id = e.id WHERE e.client_id = ?1";
const EPISODE_STAMPS: &str = "SELECT id, created_at FROM episode WHERE client_id = ?1";

const STATUS: &str = "SELECT ev.id, t.episode_id, ev.on_date, ev.status, ev.note, t.id, \
     t.instrument, t.instrument_name, t.provider, t.result, t.stop_reason, ev.created_at \
     FROM episode e JOIN trajectory t ON t.episode_id = e.id \
     JOIN trajectory_event ev ON ev.trajectory_id = t.id WHERE e.client_id = ?1";

fn status_row(r: &Row) -> rusqlite::Result<TimelineEntry> {
    let status: TrajectoryStatus = code(r, 3)?;
    let note: String = r.get(4)?;
    let stop_reason: Option<String> = r.get(10)?;
    Ok(TimelineEntry {
        on: date(r, 2)?,
        recorded: r.get(11)?,
        episode_id: r.get(1)?,
        event: Event::Status {
            event_id: r.get(0)?,
            trajectory_id: r.get(5)?,
            instrument: r.get(6)?,
            instrument_name: r.get(7)?,
            provider: r.get(8)?,
            status,
            result: match status {
                TrajectoryStatus::Completed => opt_code(r, 9)?,
                _ => None,
            },
            reason: match status {
                TrajectoryStatus::Stopped if !note.trim().is_empty() => Some(note),
                TrajectoryStatus::Stopped => stop_reason,
                _ => None,
            },
        },
    })
}

const REVIEW: &str = "SELECT rv.id, t.episode_id, rv.reviewed_on, t.id, t.instrument, \
     t.instrument_name, rv.progress, rv.next_review, rv.created_at \
     FROM episode e JOIN trajectory t ON t.episode_id = e.id \
     JOIN review rv ON rv.trajectory_id = t.id WHERE e.client_id = ?1";

fn review_row(r: &Row) -> rusqlite::Result<TimelineEntry> {
    Ok(TimelineEntry {
        on: date(r, 2)?,
        recorded: r.get(8)?,
        episode_id: r.get(1)?,
        event: Event::Review {
            review_id: r.get(0)?,
            trajectory_id: r.get(3)?,
            instrument: r.get(4)?,
            instrument_name: r.get(5)?,
            progress: r.get(6)?,
            next_review: opt_date(r, 7)?,
        },
    })
}

const EXIT: &str = "SELECT e.id, e.exit_date, e.exit_reason, e.last_payment_date, \
     x.episode_id, x.employer, x.job_title, x.contract_type, x.contract_end, \
     coalesce(x.created_at, e.created_at) \
     FROM episode e LEFT JOIN exit_interview x ON x.episode_id = e.id \
     WHERE e.client_id = ?1 AND e.exit_date IS NOT NULL";

fn exit_row(r: &Row) -> rusqlite::Result<TimelineEntry> {
    let interview: Option<Id> = r.get(4)?;
    let job = match interview {
        Some(_) => Some(ExitJob {
            employer: r.get(5)?,
            job_title: r.get(6)?,
            contract_type: opt_code(r, 7)?,
            contract_end: opt_date(r, 8)?,
        }),
        None => None,
    }
    .filter(|j| !j.employer.is_empty() || !j.job_title.is_empty() || j.contract_type.is_some());
    Ok(TimelineEntry {
        on: date(r, 1)?,
        recorded: r.get(9)?,
        episode_id: r.get(0)?,
        event: Event::Exit {
            reason: code(r, 2)?,
            last_payment: opt_date(r, 3)?,
            job,
        },
    })
}

/// When a check-in was held (and an instalment paid, below) is the time of that save: the
/// latest audit entry of the record (the index of schema 3), else when it was created.
const CHECK_IN: &str = "SELECT c.id, p.episode_id, c.done_on, c.kind, c.status, c.attempt, \
     c.channel, c.still_working, c.risk, c.how_is_work, \
     coalesce((SELECT max(l.at) FROM audit_log l \
               WHERE l.entity = 'aftercare_contact' AND l.entity_id = c.id), c.created_at) \
     FROM episode e JOIN aftercare_plan p ON p.episode_id = e.id \
     JOIN aftercare_contact c ON c.plan_id = p.id \
     WHERE e.client_id = ?1 AND (c.status = 'done' OR c.status = 'not_reached')";

fn check_in_row(r: &Row) -> rusqlite::Result<TimelineEntry> {
    let status: ContactStatus = code(r, 4)?;
    Ok(TimelineEntry {
        on: date(r, 2)?,
        recorded: r.get(10)?,
        episode_id: r.get(1)?,
        event: Event::CheckIn {
            contact_id: r.get(0)?,
            kind: code(r, 3)?,
            reached: status == ContactStatus::Done,
            attempt: r.get(5)?,
            channel: opt_code(r, 6)?,
            still_working: opt_code(r, 7)?,
            risk: opt_code(r, 8)?,
            how_is_work: r.get(9)?,
        },
    })
}

const PREMIUM: &str = "SELECT i.id, i.episode_id, \
     coalesce(i.paid_on, i.cancelled_on, i.forfeited_on), \
     i.seq, i.amount_cents, i.cancelled_on IS NOT NULL, \
     coalesce((SELECT max(l.at) FROM audit_log l \
               WHERE l.entity = 'premium_instalment' AND l.entity_id = i.id), i.created_at), \
     i.forfeited_on IS NOT NULL \
     FROM episode e JOIN premium_instalment i ON i.episode_id = e.id \
     WHERE e.client_id = ?1 \
     AND (i.paid_on IS NOT NULL OR i.cancelled_on IS NOT NULL OR i.forfeited_on IS NOT NULL)";

fn premium_row(r: &Row) -> rusqlite::Result<TimelineEntry> {
    Ok(TimelineEntry {
        on: date(r, 2)?,
        recorded: r.get(6)?,
        episode_id: r.get(1)?,
        event: Event::Premium {
            instalment_id: r.get(0)?,
            seq: r.get(3)?,
            amount_cents: r.get(4)?,
            cancelled: r.get(5)?,
            forfeited: r.get(7)?,
        },
    })
}
