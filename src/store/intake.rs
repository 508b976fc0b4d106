//! The intake of an episode, its barriers, and dated assessments (ladder and life domains).

use super::convert::{code, d, date, oc, od, opt_code, opt_date};
use super::{Result, Store, Tx};
use crate::domain::codes::{Barrier, Code, LifeDomain, Rung};
use crate::domain::model::{Assessment, Id, Intake};
use rusqlite::{OptionalExtension, params};

impl Tx<'_> {
    /// Writes the intake of an episode (insert or replace), barriers included.
    pub fn save_intake(&self, i: &Intake) -> Result<()> {
        let exists: bool = self
            .conn()
            .prepare_cached("SELECT 1 FROM intake WHERE episode_id = ?1")?
            .exists([i.episode_id])?;
        self.conn()
            .prepare_cached(
                "INSERT INTO intake (episode_id, intake_date, household, youngest_child_age, \
                 statushouder, language_level, education, work_experience, distance, \
                 motivation, why_not_working, strengths, pitfalls, plan_agreed_on) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) \
                 ON CONFLICT (episode_id) DO UPDATE SET intake_date = excluded.intake_date, \
                 household = excluded.household, youngest_child_age = excluded.youngest_child_age, \
                 statushouder = excluded.statushouder, language_level = excluded.language_level, \
                 education = excluded.education, work_experience = excluded.work_experience, \
                 distance = excluded.distance, motivation = excluded.motivation, \
                 why_not_working = excluded.why_not_working, strengths = excluded.strengths, \
                 pitfalls = excluded.pitfalls, plan_agreed_on = excluded.plan_agreed_on",
            )?
            .execute(params![
                i.episode_id,
                i.intake_date
                    .map(d)
                    .unwrap_or_else(|| self.now[..10].to_owned()),
                oc(i.household),
                i.youngest_child_age,
                i.statushouder,
                oc(i.language_level),
                oc(i.education),
                i.work_experience,
                oc(i.distance),
                i.motivation,
                i.why_not_working,
                i.strengths,
                i.pitfalls,
                od(i.plan_agreed_on)
            ])?;
        self.conn()
            .prepare_cached("DELETE FROM barrier WHERE episode_id = ?1")?
            .execute([i.episode_id])?;
        let mut ins = self
            .conn()
            .prepare_cached("INSERT INTO barrier (episode_id, code) VALUES (?1, ?2)")?;
        for b in &i.barriers {
            ins.execute(params![i.episode_id, b.code()])?;
        }
        self.audit(
            "intake",
            i.episode_id,
            if exists { "update" } else { "create" },
        )
    }

    /// Sets (or clears) the date the client agreed to the plan of action.
    pub fn set_plan_agreed(&self, episode_id: Id, on: Option<chrono::NaiveDate>) -> Result<()> {
        self.conn()
            .prepare_cached("UPDATE intake SET plan_agreed_on = ?2 WHERE episode_id = ?1")?
            .execute(params![episode_id, od(on)])?;
        self.audit("intake", episode_id, "update")
    }

    /// Records a dated assessment with its scores.
    pub fn insert_assessment(&self, a: &Assessment) -> Result<Id> {
        self.conn()
            .prepare_cached(
                "INSERT INTO assessment (episode_id, assessed_on, kind, rung, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                a.episode_id,
                d(a.assessed_on),
                a.kind.code(),
                a.rung.map(Rung::number),
                self.now
            ])?;
        let id = self.conn().last_insert_rowid();
        let mut ins = self.conn().prepare_cached(
            "INSERT INTO domain_score (assessment_id, domain, score) VALUES (?1, ?2, ?3)",
        )?;
        for (domain, score) in &a.scores {
            ins.execute(params![id, domain.code(), score])?;
        }
        self.audit("assessment", id, "create")?;
        Ok(id)
    }
}

impl Store {
    /// The intake of an episode.
    pub fn intake(&self, episode_id: Id) -> Result<Option<Intake>> {
        let intake = self
            .conn()
            .prepare_cached(
                "SELECT episode_id, intake_date, household, youngest_child_age, statushouder, \
                 language_level, education, work_experience, distance, motivation, \
                 why_not_working, strengths, pitfalls, plan_agreed_on \
                 FROM intake WHERE episode_id = ?1",
            )?
            .query_row([episode_id], |r| {
                Ok(Intake {
                    episode_id: r.get(0)?,
                    intake_date: Some(date(r, 1)?),
                    household: opt_code(r, 2)?,
                    youngest_child_age: r.get(3)?,
                    statushouder: r.get(4)?,
                    language_level: opt_code(r, 5)?,
                    education: opt_code(r, 6)?,
                    work_experience: r.get(7)?,
                    distance: opt_code(r, 8)?,
                    barriers: Vec::new(),
                    motivation: r.get(9)?,
                    why_not_working: r.get(10)?,
                    strengths: r.get(11)?,
                    pitfalls: r.get(12)?,
                    plan_agreed_on: opt_date(r, 13)?,
                })
            })
            .optional()?;
        let Some(mut intake) = intake else {
            return Ok(None);
        };
        let mut st = self
            .conn()
            .prepare_cached("SELECT code FROM barrier WHERE episode_id = ?1")?;
        let mut barriers: Vec<Barrier> = st
            .query_map([episode_id], |r| code(r, 0))?
            .collect::<rusqlite::Result<_>>()?;
        barriers.sort();
        intake.barriers = barriers;
        Ok(Some(intake))
    }

    /// The assessments of an episode, oldest first, each with its scores.
    pub fn assessments(&self, episode_id: Id) -> Result<Vec<Assessment>> {
        let mut st = self.conn().prepare_cached(
            "SELECT id, episode_id, assessed_on, kind, rung FROM assessment \
             WHERE episode_id = ?1 ORDER BY assessed_on, id",
        )?;
        let mut list: Vec<Assessment> = st
            .query_map([episode_id], |r| {
                Ok(Assessment {
                    id: r.get(0)?,
                    episode_id: r.get(1)?,
                    assessed_on: date(r, 2)?,
                    kind: code(r, 3)?,
                    rung: r.get::<_, Option<i64>>(4)?.and_then(Rung::from_number),
                    scores: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut sc = self
            .conn()
            .prepare_cached("SELECT domain, score FROM domain_score WHERE assessment_id = ?1")?;
        for a in &mut list {
            let mut scores: Vec<(LifeDomain, u8)> = sc
                .query_map([a.id], |r| Ok((code(r, 0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            scores.sort();
            a.scores = scores;
        }
        Ok(list)
    }
}
