//! Whole client records for the export: read through the store's own read functions, in
//! one snapshot (writing them is [`super::import`]).

use super::{Result, Store};
use crate::domain::model::{Agreement, Episode, Id, Note};
use crate::domain::record::{ClientRecord, EpisodeRecord, ExitRecord, TrajectoryRecord};

impl Store {
    /// Runs `f` in one read transaction, so everything it reads belongs to one moment even
    /// while the app goes on writing.
    pub fn in_snapshot<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        self.conn().execute_batch("BEGIN DEFERRED")?;
        let out = f(self);
        let end = self.conn().execute_batch("COMMIT");
        let out = out?;
        end?;
        Ok(out)
    }

    /// Everything recorded about a client, in the order the export writes it.
    pub fn client_record(&self, client_id: Id) -> Result<Option<ClientRecord>> {
        let Some(client) = self.client(client_id)? else {
            return Ok(None);
        };
        let episodes = self
            .episodes_of(client_id)?
            .into_iter()
            .map(|e| self.episode_record(e))
            .collect::<Result<_>>()?;
        Ok(Some(ClientRecord {
            client,
            episodes,
            history: Vec::new(),
        }))
    }

    fn episode_record(&self, episode: Episode) -> Result<EpisodeRecord> {
        let id = episode.id;
        // The agreements of the period, in the order they were made, each under its note
        // (one read of the period's agreements: a note has no index of its own).
        let mut notes: Vec<(Note, Vec<Agreement>)> = self
            .notes(id)?
            .into_iter()
            .rev()
            .map(|n| (n, Vec::new()))
            .collect();
        let mut agreements = Vec::new();
        for a in self.agreements(id)? {
            match notes.iter_mut().find(|(n, _)| Some(n.id) == a.note_id) {
                Some((_, list)) => list.push(a),
                None => agreements.push(Agreement { note_id: None, ..a }),
            }
        }
        let trajectories = self
            .trajectories(id)?
            .into_iter()
            .map(|t| {
                Ok(TrajectoryRecord {
                    events: self.trajectory_events(t.id)?,
                    reviews: self.reviews(t.id)?,
                    trajectory: t,
                })
            })
            .collect::<Result<_>>()?;
        let exit = match self.exit_interview(id)? {
            Some(interview) => Some(ExitRecord {
                interview,
                instalments: self.instalments(id)?,
                aftercare: match self.aftercare_plan(id)? {
                    Some(p) => {
                        let contacts = self.contacts(p.id)?;
                        Some((p, contacts))
                    }
                    None => None,
                },
            }),
            None => None,
        };
        Ok(EpisodeRecord {
            intake: self.intake(id)?,
            assessments: self.assessments(id)?,
            goals: self.goals(id)?,
            notes,
            agreements,
            trajectories,
            exit,
            episode,
        })
    }
}
