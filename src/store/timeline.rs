//! The case timeline read model: every event of a client over all benefit periods, newest
//! first, only the kinds a filter asks for (types and order in `domain::timeline`).

use super::intake::{ASSESSMENT, assessment_row};
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
                TimelineKind::Handover => {
                    out.extend(self.query(client_id, HANDOVER, handover_row)?)
                }
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
            .query_map([client_id], |r| Ok((r.get("id")?, r.get("recorded")?)))?
            .collect::<rusqlite::Result<_>>()?;
        for e in &mut entries {
            e.recorded = stamps.get(&e.record_id()).cloned().unwrap_or_default();
        }
        Ok(entries)
    }

    fn note_entries(&self, client_id: Id) -> Result<Vec<TimelineEntry>> {
        let mut agreements: HashMap<Id, Vec<NoteAgreement>> = HashMap::new();
        let mut st = self.conn().prepare_cached(
            "SELECT a.note_id AS note_id, a.id AS id, a.text AS text, a.who AS who, \
             a.follow_up AS follow_up, a.done_on AS done_on \
             FROM episode e JOIN agreement a ON a.episode_id = e.id \
             WHERE e.client_id = ?1 AND a.note_id IS NOT NULL ORDER BY a.id",
        )?;
        let rows = st.query_map([client_id], |r| {
            Ok((
                r.get::<_, Id>("note_id")?,
                NoteAgreement {
                    id: r.get("id")?,
                    text: r.get("text")?,
                    who: r.get("who")?,
                    follow_up: r.get("follow_up")?,
                    done_on: r.get("done_on")?,
                },
            ))
        })?;
        for row in rows {
            let (note, a) = row?;
            agreements.entry(note).or_default().push(a);
        }
        let mut st = self.conn().prepare_cached(
            "SELECT n.id AS id, n.episode_id AS episode_id, n.noted_on AS day, \
             n.channel AS channel, n.summary AS summary, n.template AS template, \
             n.created_at AS recorded FROM episode e JOIN note n ON n.episode_id = e.id \
             WHERE e.client_id = ?1",
        )?;
        let rows = st
            .query_map([client_id], |r| {
                let note_id: Id = r.get("id")?;
                Ok(TimelineEntry {
                    on: r.get("day")?,
                    recorded: r.get("recorded")?,
                    episode_id: r.get("episode_id")?,
                    event: Event::Note {
                        note_id,
                        channel: r.get("channel")?,
                        summary: r.get("summary")?,
                        template: r.get("template")?,
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
            "SELECT s.assessment_id AS assessment_id, s.domain AS domain, s.score AS score \
             FROM episode e JOIN assessment a ON a.episode_id = e.id \
             JOIN domain_score s ON s.assessment_id = a.id WHERE e.client_id = ?1",
        )?;
        let rows = st.query_map([client_id], |r| {
            Ok((
                r.get::<_, Id>("assessment_id")?,
                (r.get("domain")?, r.get::<_, u8>("score")?),
            ))
        })?;
        for row in rows {
            let (id, s) = row?;
            scores.entry(id).or_default().push(s);
        }
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {} FROM episode e JOIN assessment a ON a.episode_id = e.id \
             WHERE e.client_id = ?1 ORDER BY a.assessed_on, a.id",
            ASSESSMENT.select("a")
        ))?;
        let rows = st
            .query_map([client_id], |r| {
                let a = assessment_row(r)?;
                Ok(Assessment {
                    scores: scores.remove(&a.id).unwrap_or_default(),
                    ..a
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

/// The stamps of a client's assessments and episodes (the entries built in the domain).
const ASSESSMENT_STAMPS: &str = "SELECT a.id AS id, a.created_at AS recorded FROM episode e \
     JOIN assessment a ON a.episode_id = e.id WHERE e.client_id = ?1";
const EPISODE_STAMPS: &str = "SELECT id, created_at AS recorded FROM episode WHERE client_id = ?1";

const STATUS: &str = "SELECT ev.id AS event_id, t.episode_id AS episode_id, ev.on_date AS day, \
     ev.status AS status, ev.note AS note, t.id AS trajectory_id, t.instrument AS instrument, \
     t.instrument_name AS instrument_name, t.provider AS provider, t.result AS result, \
     t.stop_reason AS stop_reason, ev.created_at AS recorded \
     FROM episode e JOIN trajectory t ON t.episode_id = e.id \
     JOIN trajectory_event ev ON ev.trajectory_id = t.id WHERE e.client_id = ?1";

fn status_row(r: &Row) -> rusqlite::Result<TimelineEntry> {
    let status: TrajectoryStatus = r.get("status")?;
    let note: String = r.get("note")?;
    let stop_reason: Option<String> = r.get("stop_reason")?;
    Ok(TimelineEntry {
        on: r.get("day")?,
        recorded: r.get("recorded")?,
        episode_id: r.get("episode_id")?,
        event: Event::Status {
            event_id: r.get("event_id")?,
            trajectory_id: r.get("trajectory_id")?,
            instrument: r.get("instrument")?,
            instrument_name: r.get("instrument_name")?,
            provider: r.get("provider")?,
            status,
            result: match status {
                TrajectoryStatus::Completed => r.get("result")?,
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

const REVIEW: &str = "SELECT rv.id AS review_id, t.episode_id AS episode_id, \
     rv.reviewed_on AS day, t.id AS trajectory_id, t.instrument AS instrument, \
     t.instrument_name AS instrument_name, rv.progress AS progress, \
     rv.next_review AS next_review, rv.created_at AS recorded \
     FROM episode e JOIN trajectory t ON t.episode_id = e.id \
     JOIN review rv ON rv.trajectory_id = t.id WHERE e.client_id = ?1";

fn review_row(r: &Row) -> rusqlite::Result<TimelineEntry> {
    Ok(TimelineEntry {
        on: r.get("day")?,
        recorded: r.get("recorded")?,
        episode_id: r.get("episode_id")?,
        event: Event::Review {
            review_id: r.get("review_id")?,
            trajectory_id: r.get("trajectory_id")?,
            instrument: r.get("instrument")?,
            instrument_name: r.get("instrument_name")?,
            progress: r.get("progress")?,
            next_review: r.get("next_review")?,
        },
    })
}

const EXIT: &str = "SELECT e.id AS episode_id, e.exit_date AS day, e.exit_reason AS reason, \
     e.last_payment_date AS last_payment, x.episode_id AS interview, x.employer AS employer, \
     x.job_title AS job_title, x.contract_type AS contract_type, \
     x.contract_end AS contract_end, coalesce(x.created_at, e.created_at) AS recorded \
     FROM episode e LEFT JOIN exit_interview x ON x.episode_id = e.id \
     WHERE e.client_id = ?1 AND e.exit_date IS NOT NULL";

fn exit_row(r: &Row) -> rusqlite::Result<TimelineEntry> {
    let interview: Option<Id> = r.get("interview")?;
    let job = match interview {
        Some(_) => Some(ExitJob {
            employer: r.get("employer")?,
            job_title: r.get("job_title")?,
            contract_type: r.get("contract_type")?,
            contract_end: r.get("contract_end")?,
        }),
        None => None,
    }
    .filter(|j| !j.employer.is_empty() || !j.job_title.is_empty() || j.contract_type.is_some());
    Ok(TimelineEntry {
        on: r.get("day")?,
        recorded: r.get("recorded")?,
        episode_id: r.get("episode_id")?,
        event: Event::Exit {
            reason: r.get("reason")?,
            last_payment: r.get("last_payment")?,
            job,
        },
    })
}

/// When a check-in was held (and an instalment paid, below) is the time of that save: the
/// latest audit entry of the record (the index of schema 3), else when it was created.
const CHECK_IN: &str = "SELECT c.id AS contact_id, p.episode_id AS episode_id, \
     c.done_on AS day, c.kind AS kind, c.status AS status, c.attempt AS attempt, \
     c.channel AS channel, c.still_working AS still_working, c.risk AS risk, \
     c.how_is_work AS how_is_work, c.occasion AS occasion, c.held_by AS held_by, \
     coalesce((SELECT max(l.at) FROM audit_log l \
               WHERE l.entity = 'aftercare_contact' AND l.entity_id = c.id), c.created_at) \
       AS recorded \
     FROM episode e JOIN aftercare_plan p ON p.episode_id = e.id \
     JOIN aftercare_contact c ON c.plan_id = p.id \
     WHERE e.client_id = ?1 AND (c.status = 'done' OR c.status = 'not_reached')";

fn check_in_row(r: &Row) -> rusqlite::Result<TimelineEntry> {
    let status: ContactStatus = r.get("status")?;
    Ok(TimelineEntry {
        on: r.get("day")?,
        recorded: r.get("recorded")?,
        episode_id: r.get("episode_id")?,
        event: Event::CheckIn {
            contact_id: r.get("contact_id")?,
            kind: r.get("kind")?,
            reached: status == ContactStatus::Done,
            attempt: r.get("attempt")?,
            channel: r.get("channel")?,
            still_working: r.get("still_working")?,
            risk: r.get("risk")?,
            how_is_work: r.get("how_is_work")?,
            occasion: r.get("occasion")?,
            held_by: r.get("held_by")?,
        },
    })
}

const PREMIUM: &str = "SELECT i.id AS instalment_id, i.episode_id AS episode_id, \
     coalesce(i.paid_on, i.cancelled_on, i.forfeited_on) AS day, i.seq AS seq, \
     i.amount_cents AS amount_cents, i.cancelled_on IS NOT NULL AS cancelled, \
     coalesce((SELECT max(l.at) FROM audit_log l \
               WHERE l.entity = 'premium_instalment' AND l.entity_id = i.id), i.created_at) \
       AS recorded, i.forfeited_on IS NOT NULL AS forfeited \
     FROM episode e JOIN premium_instalment i ON i.episode_id = e.id \
     WHERE e.client_id = ?1 \
     AND (i.paid_on IS NOT NULL OR i.cancelled_on IS NOT NULL OR i.forfeited_on IS NOT NULL)";

fn premium_row(r: &Row) -> rusqlite::Result<TimelineEntry> {
    Ok(TimelineEntry {
        on: r.get("day")?,
        recorded: r.get("recorded")?,
        episode_id: r.get("episode_id")?,
        event: Event::Premium {
            instalment_id: r.get("instalment_id")?,
            seq: r.get("seq")?,
            amount_cents: r.get("amount_cents")?,
            cancelled: r.get("cancelled")?,
            forfeited: r.get("forfeited")?,
        },
    })
}

/// A handover belongs to the client's benefit period that was the latest on its day.
const HANDOVER: &str = "SELECT h.id AS handover_id, h.on_date AS day, h.created_at AS recorded, \
     h.direction = 'out' AS out, h.person AS person, h.confirmed_on IS NOT NULL AS confirmed, \
     coalesce((SELECT e.id FROM episode e WHERE e.client_id = h.client_id \
               AND e.benefit_start <= h.on_date ORDER BY e.benefit_start DESC LIMIT 1), \
              (SELECT min(e.id) FROM episode e WHERE e.client_id = h.client_id), 0) \
       AS episode_id \
     FROM handover h WHERE h.client_id = ?1";

fn handover_row(r: &Row) -> rusqlite::Result<TimelineEntry> {
    Ok(TimelineEntry {
        on: r.get("day")?,
        recorded: r.get("recorded")?,
        episode_id: r.get("episode_id")?,
        event: Event::Handover {
            handover_id: r.get("handover_id")?,
            out: r.get("out")?,
            person: r.get("person")?,
            confirmed: r.get("confirmed")?,
        },
    })
}
