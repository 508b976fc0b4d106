//! The intake of an episode, its barriers, and dated assessments (ladder and life domains).

use super::convert::{day, maybe_day};
use super::table::{Params, Statement, Table};
use super::{Result, Store, StoreError, Tx};
use crate::domain::codes::{Barrier, Code, LifeDomain, Rung};
use crate::domain::model::{Assessment, Id, Intake};
use rusqlite::types::ToSql;
use rusqlite::{OptionalExtension, Row, params};

/// The intake's columns (one record per episode, found by `episode_id`).
const INTAKE: Table = Table {
    name: "intake",
    key: "episode_id",
    cols: &[
        "intake_date",
        "household",
        "youngest_child_age",
        "statushouder",
        "driving_licence",
        "language_level",
        "education",
        "work_experience",
        "distance",
        "motivation",
        "why_not_working",
        "strengths",
        "pitfalls",
        "plan_agreed_on",
    ],
    stamped: false,
};

/// The intake's values by column; every field is named here (the barriers have a table
/// of their own), so a new field cannot be forgotten.
fn intake_params<'a>(i: &'a Intake, intake_date: &'a dyn ToSql) -> Params<'a> {
    let Intake {
        episode_id: _,
        intake_date: _,
        household,
        youngest_child_age,
        statushouder,
        driving_licence,
        language_level,
        education,
        work_experience,
        distance,
        barriers: _,
        motivation,
        why_not_working,
        strengths,
        pitfalls,
        plan_agreed_on,
    } = i;
    vec![
        (":intake_date", intake_date),
        (":household", household),
        (":youngest_child_age", youngest_child_age),
        (":statushouder", statushouder),
        (":driving_licence", driving_licence),
        (":language_level", language_level),
        (":education", education),
        (":work_experience", work_experience),
        (":distance", distance),
        (":motivation", motivation),
        (":why_not_working", why_not_working),
        (":strengths", strengths),
        (":pitfalls", pitfalls),
        (":plan_agreed_on", maybe_day(plan_agreed_on)),
    ]
}

/// An intake row, by column name (barriers are read apart).
fn intake_row(r: &Row) -> rusqlite::Result<Intake> {
    Ok(Intake {
        episode_id: r.get("episode_id")?,
        intake_date: r.get("intake_date")?,
        household: r.get("household")?,
        youngest_child_age: r.get("youngest_child_age")?,
        statushouder: r.get("statushouder")?,
        driving_licence: r.get("driving_licence")?,
        language_level: r.get("language_level")?,
        education: r.get("education")?,
        work_experience: r.get("work_experience")?,
        distance: r.get("distance")?,
        barriers: Vec::new(),
        motivation: r.get("motivation")?,
        why_not_working: r.get("why_not_working")?,
        strengths: r.get("strengths")?,
        pitfalls: r.get("pitfalls")?,
        plan_agreed_on: r.get("plan_agreed_on")?,
    })
}

/// The assessment's columns (its scores have a table of their own).
pub(super) const ASSESSMENT: Table = Table {
    name: "assessment",
    key: "id",
    cols: &["episode_id", "assessed_on", "kind", "rung"],
    stamped: true,
};

/// An assessment's values by column, every field named; the rung is stored as its
/// number (1–6), not as its code.
fn assessment_params<'a>(a: &'a Assessment, rung: &'a Option<u8>) -> Params<'a> {
    let Assessment {
        id: _,
        episode_id,
        assessed_on,
        kind,
        rung: _,
        scores: _,
    } = a;
    vec![
        (":episode_id", episode_id),
        (":assessed_on", day(assessed_on)),
        (":kind", kind),
        (":rung", rung),
    ]
}

/// The statement writing `n` scores of one assessment: its id `?1`, then each score's
/// domain and score. Made once for each number of domains (made at each write, it was a
/// fortieth of the work of writing demo clients).
fn scores_sql(n: usize) -> std::borrow::Cow<'static, str> {
    static MADE: std::sync::LazyLock<Vec<String>> =
        std::sync::LazyLock::new(|| (0..=LifeDomain::all().len()).map(make_scores_sql).collect());
    match MADE.get(n) {
        Some(sql) => sql.as_str().into(),
        None => make_scores_sql(n).into(),
    }
}

/// [`scores_sql`], made.
fn make_scores_sql(n: usize) -> String {
    let rows = (0..n)
        .map(|k| format!("(?1, ?{}, ?{})", 2 * k + 2, 2 * k + 3))
        .collect::<Vec<_>>()
        .join(", ");
    format!("INSERT INTO domain_score (assessment_id, domain, score) VALUES {rows}")
}

/// An assessment row, by column name (the scores are read apart).
pub(super) fn assessment_row(r: &Row) -> rusqlite::Result<Assessment> {
    Ok(Assessment {
        id: r.get("id")?,
        episode_id: r.get("episode_id")?,
        assessed_on: r.get("assessed_on")?,
        kind: r.get("kind")?,
        rung: r.get::<_, Option<i64>>("rung")?.and_then(Rung::from_number),
        scores: Vec::new(),
    })
}

impl Tx<'_> {
    /// Writes the intake of an episode (insert or replace), barriers included.
    pub fn save_intake(&self, i: &Intake) -> Result<()> {
        let exists: bool = self
            .conn()
            .prepare_cached("SELECT 1 FROM intake WHERE episode_id = ?1")?
            .exists([i.episode_id])?;
        // An intake without a date is dated today.
        let today = &self.now[..10];
        let on: &dyn ToSql = match &i.intake_date {
            Some(d) => day(d),
            None => &today,
        };
        let mut all: Params = Vec::with_capacity(INTAKE.cols.len() + 2);
        all.push((":episode_id", &i.episode_id));
        all.extend(intake_params(i, on));
        INTAKE.run(self, Statement::Upsert, &all)?;
        self.conn()
            .prepare_cached("DELETE FROM barrier WHERE episode_id = ?1")?
            .execute([i.episode_id])?;
        let mut ins = self
            .conn()
            .prepare_cached("INSERT INTO barrier (episode_id, code) VALUES (?1, ?2)")?;
        for b in &i.barriers {
            ins.execute(params![i.episode_id, b])?;
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
            .execute(params![episode_id, on])?;
        self.audit("intake", episode_id, "update")
    }

    /// Records a dated assessment with its scores.
    pub fn insert_assessment(&self, a: &Assessment) -> Result<Id> {
        let rung = a.rung.map(Rung::number);
        let id = self.insert_row(&ASSESSMENT, assessment_params(a, &rung))?;
        if a.scores.is_empty() {
            return Ok(id);
        }
        // All the scores in one statement: each statement run costs a third of writing a
        // score (100,000 demo clients: 1.4 million scores).
        let mut values: Vec<&dyn rusqlite::ToSql> = vec![&id];
        for (domain, score) in &a.scores {
            values.extend([domain as &dyn rusqlite::ToSql, score]);
        }
        self.conn()
            .prepare_cached(&scores_sql(a.scores.len()))?
            .execute(rusqlite::params_from_iter(values))?;
        Ok(id)
    }

    /// Corrects a dated assessment: its date, rung and scores (its period and kind stay);
    /// only the scores that changed are written.
    pub fn correct_assessment(&self, a: &Assessment) -> Result<()> {
        let saved = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {} FROM assessment WHERE id = ?1",
                ASSESSMENT.select("")
            ))?
            .query_row([a.id], assessment_row)
            .optional()?
            .ok_or(StoreError::Invalid("void.gone"))?;
        let fixed = Assessment {
            episode_id: saved.episode_id,
            kind: saved.kind,
            ..a.clone()
        };
        let rung = fixed.rung.map(Rung::number);
        self.update_row(&ASSESSMENT, a.id, assessment_params(&fixed, &rung))?;
        let mut upsert = self.conn().prepare_cached(
            "INSERT INTO domain_score (assessment_id, domain, score) VALUES (?1, ?2, ?3) \
             ON CONFLICT (assessment_id, domain) DO UPDATE SET score = excluded.score \
             WHERE score IS NOT excluded.score",
        )?;
        let mut delete = self
            .conn()
            .prepare_cached("DELETE FROM domain_score WHERE assessment_id = ?1 AND domain = ?2")?;
        for d in LifeDomain::all() {
            match a.scores.iter().find(|(x, _)| x == d) {
                Some((_, score)) => upsert.execute(params![a.id, d, score])?,
                None => delete.execute(params![a.id, d])?,
            };
        }
        Ok(())
    }
}

impl Store {
    /// The intake of an episode.
    pub fn intake(&self, episode_id: Id) -> Result<Option<Intake>> {
        let intake = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {} FROM intake WHERE episode_id = ?1",
                INTAKE.select("")
            ))?
            .query_row([episode_id], intake_row)
            .optional()?;
        let Some(mut intake) = intake else {
            return Ok(None);
        };
        let mut st = self
            .conn()
            .prepare_cached("SELECT code FROM barrier WHERE episode_id = ?1")?;
        let mut barriers: Vec<Barrier> = st
            .query_map([episode_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        barriers.sort();
        intake.barriers = barriers;
        Ok(Some(intake))
    }

    /// The assessments of an episode, oldest first, each with its scores.
    pub fn assessments(&self, episode_id: Id) -> Result<Vec<Assessment>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {} FROM assessment WHERE episode_id = ?1 ORDER BY assessed_on, id",
            ASSESSMENT.select("")
        ))?;
        let mut list: Vec<Assessment> = st
            .query_map([episode_id], assessment_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut sc = self
            .conn()
            .prepare_cached("SELECT domain, score FROM domain_score WHERE assessment_id = ?1")?;
        for a in &mut list {
            let mut scores: Vec<(LifeDomain, u8)> = sc
                .query_map([a.id], |r| Ok((r.get("domain")?, r.get("score")?)))?
                .collect::<rusqlite::Result<_>>()?;
            scores.sort();
            a.scores = scores;
        }
        Ok(list)
    }

    /// One assessment with its scores, and the episode it belongs to.
    pub fn assessment(&self, id: Id) -> Result<Option<Assessment>> {
        let episode: Option<Id> = self
            .conn()
            .prepare_cached("SELECT episode_id FROM assessment WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        let Some(episode) = episode else {
            return Ok(None);
        };
        Ok(self.assessments(episode)?.into_iter().find(|a| a.id == id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_params_name_every_column() {
        let on = String::from("2026-01-01");
        assert!(INTAKE.covers(&intake_params(&Intake::default(), &on)));
        let a = Assessment {
            id: 0,
            episode_id: 1,
            assessed_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            kind: crate::domain::codes::AssessmentKind::Intake,
            rung: None,
            scores: Vec::new(),
        };
        assert!(ASSESSMENT.covers(&assessment_params(&a, &None)));
    }
}
