//! Client records into the database (the import): written through the store's typed
//! inserts in one transaction, audit log included; all of them, or nothing. A plain file
//! is written as a bulk load (see [`Deferred`]), a handover bundle row by row.

use super::clients::episodes_of;
use super::load::{Created, Deferred};
use super::{Result, Store, StoreError, Tx};
use crate::domain::model::{
    AftercareContact, AftercarePlan, Agreement, Assessment, Episode, ExitInterview, Goal, Id,
    Intake, Note, PremiumInstalment, Review, Trajectory, TrajectoryEvent,
};
use crate::domain::record::{ClientRecord, Conflict, EpisodeRecord, ExitRecord, clashes};
use rusqlite::params;
use std::collections::HashMap;

/// What an import wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    /// New clients.
    pub clients: usize,
    /// Clients already known, whose benefit periods were added (`--merge`).
    pub merged: usize,
    /// Clients handed over from here to a colleague who come back in their bundle.
    pub returned: usize,
    /// Benefit periods written, over all clients.
    pub episodes: usize,
}

/// The key that marks a refused import inside the transaction (never shown).
const REFUSED: &str = "transfer.refused";

impl Store {
    /// Writes the client records `feed` hands to an [`Importer`], in one transaction: all
    /// of them, or nothing. A person who is a client already is refused (with every such
    /// client), unless `merge`, which adds the record's benefit periods to that client (the
    /// person's details in the database are kept) and refuses a period that overlaps one
    /// the client has. When `feed` fails (the file it reads has a problem), nothing is
    /// written either: records are written as they come, and rolled back.
    ///
    /// A `bundle` (a handover bundle) brings back a client this caseload handed over to a
    /// colleague, replacing what was left of them here (see [`Tx::clear_for_return`]),
    /// instead of refusing them as known; it is written row by row, as any save. Any
    /// other file holds new records only (merged periods included), and is written as a
    /// bulk load: the search index and the indexes that keep no rule are made at the
    /// end (see [`Deferred`]), and the new rows audited at the end, one statement a
    /// table, with the entries each typed write would have made (see [`Created`]).
    pub fn import_stream<E>(
        &mut self,
        merge: bool,
        bundle: bool,
        feed: impl FnOnce(&mut Importer) -> std::result::Result<(), E>,
    ) -> Result<std::result::Result<Imported, Refused<E>>> {
        let mut refused = None;
        let done = self.write_as(!bundle, |tx| {
            let bulk = match bundle {
                true => None,
                false => Some((Created::before(tx.conn())?, Deferred::begin(tx.conn())?)),
            };
            let mut imp = Importer {
                tx,
                merge,
                conflicts: Vec::new(),
                done: Imported::default(),
                failed: None,
                ids: Vec::new(),
                bundle,
                // In a file without clients no record can clash: none is looked up.
                known: tx
                    .conn()
                    .query_row("SELECT EXISTS (SELECT 1 FROM client)", [], |r| r.get(0))?,
                next_client: None,
            };
            let fed = feed(&mut imp);
            if let Some(e) = imp.failed {
                return Err(e);
            }
            refused = match fed {
                Err(e) => Some(Refused::Feed(e)),
                Ok(()) if !imp.conflicts.is_empty() => Some(Refused::Conflicts(imp.conflicts)),
                Ok(()) => {
                    if let Some((created, deferred)) = &bulk {
                        deferred.end(tx.conn())?;
                        created.audit(tx.conn(), &tx.now)?;
                    }
                    return Ok(imp.done);
                }
            };
            Err(StoreError::Invalid(REFUSED))
        });
        match (done, refused) {
            (Err(StoreError::Invalid(REFUSED)), Some(r)) => Ok(Err(r)),
            (other, _) => other.map(Ok),
        }
    }
}

/// Why an import wrote nothing.
#[derive(Debug)]
pub enum Refused<E> {
    /// Clients of the file are clients already (or, merged, clash with their periods).
    Conflicts(Vec<Conflict>),
    /// What fed the records failed.
    Feed(E),
}

/// An import in progress, inside its transaction: each record is held against the
/// database as it comes, and written while no record has clashed.
pub struct Importer<'t, 'c> {
    tx: &'t Tx<'c>,
    merge: bool,
    conflicts: Vec<Conflict>,
    done: Imported,
    failed: Option<StoreError>,
    /// The clients written, new or merged, in the order of the file.
    ids: Vec<Id>,
    /// The file is a handover bundle: a client handed over from here comes back.
    bundle: bool,
    /// The database had clients when the import began (else none is looked up).
    known: bool,
    /// The id of the next new client, once the first was written.
    next_client: Option<Id>,
}

impl Importer<'_, '_> {
    /// The clients were handed over by a colleague, `from`, in a bundle with `receipt`:
    /// marked received on `today`, each with a first agreement `introduce` due `due` (see
    /// [`Tx::receive`]), in the same transaction as the import.
    pub fn receive(
        &mut self,
        from: &str,
        receipt: &str,
        today: chrono::NaiveDate,
        introduce: &str,
        due: chrono::NaiveDate,
    ) {
        if let Err(e) = self
            .tx
            .receive(&self.ids, from, today, receipt, introduce, due)
        {
            self.failed = Some(e);
        }
    }

    /// Takes the `record`-th record of the file; `false` when the database failed and the
    /// import stops.
    pub fn add(&mut self, record: usize, r: &ClientRecord) -> bool {
        match self.try_add(record, r) {
            Ok(()) => true,
            Err(e) => {
                self.failed = Some(e);
                false
            }
        }
    }

    fn try_add(&mut self, record: usize, r: &ClientRecord) -> Result<()> {
        let found = match self.known {
            true => self.tx.client_id_by_bsn(&r.client.person.bsn)?,
            false => None,
        };
        let back = match found {
            Some(id) if self.bundle => super::handover::handed_over(self.tx.conn(), id)?,
            _ => false,
        };
        match found {
            Some(_) if back => {}
            Some(client_id) if self.merge => {
                self.tx
                    .merge_clashes(record, client_id, r, &mut self.conflicts)?
            }
            Some(client_id) => self.conflicts.push(Conflict::Exists { record, client_id }),
            None => {}
        }
        // After a clash nothing more is written: it would all be undone.
        if self.conflicts.is_empty() {
            if let (true, Some(id)) = (back, found) {
                self.tx.clear_for_return(id, &r.client.person)?;
            }
            let client_id = match found {
                Some(id) => id,
                None => {
                    let id = match self.next_client {
                        Some(id) => id,
                        None => self.tx.next_client_id()?,
                    };
                    self.tx.insert_client_as(&r.client.person, id)?;
                    self.next_client = Some(id + 1);
                    id
                }
            };
            self.tx.insert_record(r, client_id, found.is_some())?;
            self.ids.push(client_id);
            match found {
                Some(_) if back => self.done.returned += 1,
                Some(_) => self.done.merged += 1,
                None => self.done.clients += 1,
            }
            self.done.episodes += r.episodes.len();
        }
        Ok(())
    }
}

impl Tx<'_> {
    /// The benefit periods of `r` that clash with those `client_id` has in the database.
    fn merge_clashes(
        &self,
        record: usize,
        client_id: Id,
        r: &ClientRecord,
        out: &mut Vec<Conflict>,
    ) -> Result<()> {
        let existing = episodes_of(self.conn(), client_id)?;
        let periods: Vec<_> = existing
            .iter()
            .map(|e| (e.benefit_start, e.exit_date))
            .chain(
                r.episodes
                    .iter()
                    .map(|e| (e.episode.benefit_start, e.episode.exit_date)),
            )
            .collect();
        let n = existing.len();
        let mut seen = Vec::new();
        for (a, b, _) in clashes(&periods) {
            // Clashes among the new periods were refused with the file; among the old ones
            // they are not this import's business.
            let new = match (a >= n, b >= n) {
                (true, false) => a - n,
                (false, true) => b - n,
                _ => continue,
            };
            if !seen.contains(&new) {
                seen.push(new);
                out.push(Conflict::Overlap {
                    record,
                    episode: new,
                    client_id,
                });
            }
        }
        Ok(())
    }

    /// Writes what one client record holds besides the person, for client `client_id`
    /// (just written, or `existing`: then its periods are added to the client's).
    /// Periods are written oldest first, each linked to the period before it as re-entry
    /// links them; references inside the record become the new rows' ids.
    fn insert_record(&self, r: &ClientRecord, client_id: Id, existing: bool) -> Result<()> {
        let mut chain: Vec<_> = match existing {
            true => episodes_of(self.conn(), client_id)?
                .iter()
                .map(|e| (e.benefit_start, e.id))
                .collect(),
            false => Vec::new(),
        };
        let mut order: Vec<usize> = (0..r.episodes.len()).collect();
        order.sort_by_key(|&i| (r.episodes[i].episode.benefit_start, i));
        let mut ids = vec![0; r.episodes.len()];
        for i in order {
            let e = &r.episodes[i].episode;
            let at = chain.partition_point(|(start, _)| *start <= e.benefit_start);
            let id = self.insert_episode(&Episode {
                client_id,
                previous_episode_id: at.checked_sub(1).map(|k| chain[k].1),
                ..e.clone()
            })?;
            chain.insert(at, (e.benefit_start, id));
            ids[i] = id;
        }
        if existing {
            self.relink_episodes(client_id)?;
        }
        let mut assessments = HashMap::new();
        let mut trajectories = HashMap::new();
        for (er, &ep) in r.episodes.iter().zip(&ids) {
            self.insert_plan(er, ep, &mut assessments)?;
            for t in &er.trajectories {
                let id = self.insert_trajectory(&Trajectory {
                    episode_id: ep,
                    ..t.trajectory.clone()
                })?;
                trajectories.insert(t.trajectory.id, id);
                for ev in &t.events {
                    self.insert_trajectory_event(&TrajectoryEvent {
                        trajectory_id: id,
                        ..ev.clone()
                    })?;
                }
            }
        }
        // References may point into any period of the client: written once all rows are.
        for (er, &ep) in r.episodes.iter().zip(&ids) {
            for t in &er.trajectories {
                let trajectory_id = trajectories.get(&t.trajectory.id).copied().unwrap_or(0);
                for rv in &t.reviews {
                    self.insert_review(&Review {
                        trajectory_id,
                        assessment_id: rv.assessment_id.and_then(|a| assessments.get(&a).copied()),
                        ..rv.clone()
                    })?;
                }
            }
            if let Some(x) = &er.exit {
                self.insert_exit(x, ep, &trajectories)?;
            }
        }
        Ok(())
    }

    /// The intake, assessments, goals, notes and agreements of a period.
    fn insert_plan(
        &self,
        er: &EpisodeRecord,
        ep: Id,
        assessments: &mut HashMap<Id, Id>,
    ) -> Result<()> {
        if let Some(i) = &er.intake {
            self.save_intake(&Intake {
                episode_id: ep,
                ..i.clone()
            })?;
        }
        for a in &er.assessments {
            let id = self.insert_assessment(&Assessment {
                episode_id: ep,
                ..a.clone()
            })?;
            assessments.insert(a.id, id);
        }
        for g in &er.goals {
            self.insert_goal(&Goal {
                episode_id: ep,
                ..g.clone()
            })?;
        }
        for (n, agreements) in &er.notes {
            let note_id = self.insert_note(&Note {
                episode_id: ep,
                ..n.clone()
            })?;
            for a in agreements {
                self.insert_agreement(&Agreement {
                    episode_id: ep,
                    note_id: Some(note_id),
                    ..a.clone()
                })?;
            }
        }
        for a in &er.agreements {
            self.insert_agreement(&Agreement {
                episode_id: ep,
                note_id: None,
                ..a.clone()
            })?;
        }
        Ok(())
    }

    /// The exit interview of a period with its premium instalments and aftercare.
    fn insert_exit(&self, x: &ExitRecord, ep: Id, trajectories: &HashMap<Id, Id>) -> Result<()> {
        let found_via = x.interview.found_via_trajectory_id;
        self.insert_exit_interview(&ExitInterview {
            episode_id: ep,
            found_via_trajectory_id: found_via.and_then(|t| trajectories.get(&t).copied()),
            ..x.interview.clone()
        })?;
        for p in &x.instalments {
            self.insert_instalment(&PremiumInstalment {
                episode_id: ep,
                ..p.clone()
            })?;
        }
        if let Some((plan, contacts)) = &x.aftercare {
            let plan_id = self.insert_aftercare_plan(&AftercarePlan {
                episode_id: ep,
                ..plan.clone()
            })?;
            for c in contacts {
                self.insert_contact(&AftercareContact {
                    plan_id,
                    ..c.clone()
                })?;
            }
        }
        Ok(())
    }

    /// Links each period of a client to the one before it (oldest first), as re-entry does,
    /// where a merged period now stands in between.
    fn relink_episodes(&self, client_id: Id) -> Result<()> {
        let all = episodes_of(self.conn(), client_id)?;
        let mut previous = None;
        for e in &all {
            if e.previous_episode_id != previous {
                self.conn()
                    .prepare_cached("UPDATE episode SET previous_episode_id = ?2 WHERE id = ?1")?
                    .execute(params![e.id, previous])?;
                // Audited here, as `audit` would: a bulk import audits only what it creates.
                self.conn()
                    .prepare_cached(
                        "INSERT INTO audit_log (at, entity, entity_id, action) \
                         VALUES (?1, 'episode', ?2, 'update')",
                    )?
                    .execute(params![self.now, e.id])?;
            }
            previous = Some(e.id);
        }
        Ok(())
    }
}
