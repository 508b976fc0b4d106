//! Demo clients on benefit: intakes with assessments and plans, agreements and notes,
//! running trajectories with their reviews.

use super::Gen;
use super::words::*;
use crate::domain::codes::*;
use crate::domain::date::{add_days, add_months};
use crate::domain::model::*;
use crate::domain::workdays::working_day;
use crate::store::{Result, Tx};
use chrono::NaiveDate;
use rand::Rng;

impl Gen<'_> {
    /// An intake with an assessment, and a plan when `planned`.
    // Intake fields the demo does not fill are left at their defaults on purpose, so a
    // new field of the intake needs no change here.
    #[allow(clippy::needless_update)]
    pub(super) fn intake(
        &mut self,
        tx: &Tx,
        episode_id: Id,
        start: NaiveDate,
        planned: bool,
    ) -> Result<Rung> {
        let intake_date = add_days(start, self.rng.random_range(0..14)).min(self.today);
        let household = self.pick(Household::all());
        let mut barriers: Vec<Barrier> = Vec::new();
        for _ in 0..self.rng.random_range(0..4) {
            let b = self.pick(Barrier::all());
            if !barriers.contains(&b) {
                barriers.push(b);
            }
        }
        let plan_agreed_on =
            planned.then(|| add_days(intake_date, self.rng.random_range(7..21)).min(self.today));
        tx.save_intake(&Intake {
            episode_id,
            intake_date: Some(intake_date),
            household: Some(household),
            youngest_child_age: matches!(
                household,
                Household::SingleWithChildren | Household::CoupleWithChildren
            )
            .then(|| self.rng.random_range(0..17)),
            statushouder: self.chance(0.15),
            language_level: Some(self.pick(LanguageLevel::all())),
            education: Some(self.pick(Education::all())),
            work_experience: self
                .pick(&[
                    "",
                    "Schoonmaak, 3 jaar",
                    "Horeca, bijbaan",
                    "Magazijn, 5 jaar",
                    "Zorg, 2 jaar",
                ])
                .into(),
            distance: Some(if self.chance(0.45) {
                Distance::Short
            } else {
                Distance::Long
            }),
            barriers,
            motivation: "Wil graag weer aan het werk, liefst met mensen.".into(),
            why_not_working: "Jarenlang mantelzorger geweest; weinig recente werkervaring.".into(),
            strengths: "Betrouwbaar, handig, goed met mensen.".into(),
            pitfalls: "Weinig zelfvertrouwen bij sollicitaties.".into(),
            plan_agreed_on,
            // What the demo leaves unanswered.
            ..Intake::default()
        })?;
        let rung = Rung::from_number(self.rng.random_range(1..=4)).unwrap_or(Rung::Isolated);
        let scores = LifeDomain::all()
            .iter()
            .map(|d| (*d, self.rng.random_range(1..=5u8)))
            .collect();
        tx.insert_assessment(&Assessment {
            id: 0,
            episode_id,
            assessed_on: intake_date,
            kind: AssessmentKind::Intake,
            rung: Some(rung),
            scores,
        })?;
        tx.insert_note(&Note {
            id: 0,
            episode_id,
            noted_on: intake_date,
            channel: Channel::InPerson,
            summary: "Intakegesprek gevoerd. Situatie op alle leefgebieden besproken.".into(),
            template: Some("intake".into()),
        })?;
        if planned {
            for _ in 0..self.rng.random_range(1..=3) {
                let (text, term) = self.pick(GOALS);
                tx.insert_goal(&Goal {
                    id: 0,
                    episode_id,
                    term,
                    text: text.into(),
                    target_date: Some(add_months(
                        intake_date,
                        if term == Term::Short { 3 } else { 12 },
                    )),
                    done_on: None,
                })?;
            }
        }
        Ok(rung)
    }

    pub(super) fn agreements(&mut self, tx: &Tx, episode_id: Id, since: NaiveDate) -> Result<()> {
        for _ in 0..self.rng.random_range(1..=3) {
            let made = add_days(
                since,
                self.rng
                    .random_range(0..((self.today - since).num_days().max(1))),
            );
            let follow = add_days(self.today, self.rng.random_range(-12..40));
            let done = (follow < self.today && self.chance(0.6)).then_some(follow);
            tx.insert_agreement(&Agreement {
                id: 0,
                episode_id,
                note_id: None,
                text: self.pick(AGREEMENTS).into(),
                who: if self.chance(0.8) {
                    Who::Client
                } else {
                    Who::Caseworker
                },
                follow_up: Some(working_day(follow.max(made))),
                done_on: done,
            })?;
        }
        for _ in 0..self.rng.random_range(0..4) {
            let on = add_days(
                since,
                self.rng
                    .random_range(1..((self.today - since).num_days().max(2))),
            );
            tx.insert_note(&Note {
                id: 0,
                episode_id,
                noted_on: on,
                channel: self.pick(&[
                    Channel::InPerson,
                    Channel::Phone,
                    Channel::Phone,
                    Channel::Email,
                    Channel::HomeVisit,
                ]),
                summary: self.pick(NOTES).into(),
                template: None,
            })?;
        }
        Ok(())
    }

    pub(super) fn open_episode(
        &mut self,
        tx: &Tx,
        client_id: Id,
        start: NaiveDate,
        prev: Option<Id>,
        planned: bool,
        trajectories: usize,
    ) -> Result<Id> {
        let ep = self.episode(tx, client_id, start, prev)?;
        let rung = self.intake(tx, ep, start, planned)?;
        if planned {
            self.agreements(tx, ep, start)?;
        } else if self.chance(0.6) {
            tx.insert_agreement(&Agreement {
                id: 0,
                episode_id: ep,
                note_id: None,
                text: "Plan van aanpak bespreken".into(),
                who: Who::Both,
                follow_up: Some(working_day(add_days(
                    self.today,
                    self.rng.random_range(-3..14),
                ))),
                done_on: None,
            })?;
        }
        for _ in 0..trajectories {
            self.running_trajectory(tx, ep, start, rung)?;
        }
        Ok(ep)
    }

    pub(super) fn running_trajectory(
        &mut self,
        tx: &Tx,
        ep: Id,
        start: NaiveDate,
        rung: Rung,
    ) -> Result<Id> {
        let inst = self
            .pick(&self.catalog.instruments.iter().collect::<Vec<_>>())
            .clone();
        // Most running trajectories are within their planned duration; a few overrun.
        let span = i64::from(inst.duration_months) * 30 + if self.chance(0.1) { 60 } else { 0 };
        let started = self.chance(0.8);
        // A referral waits a few weeks at most before the trajectory starts.
        let span = if started { span.max(2) } else { 30 };
        let referred = add_days(self.today, -self.rng.random_range(1..=span))
            .max(add_days(start, 14))
            .min(self.today);
        let start_date =
            started.then(|| add_days(referred, self.rng.random_range(7..30)).min(self.today));
        let base = start_date.unwrap_or(referred);
        let planned_end = add_months(base, inst.duration_months);
        let mut next_review = add_months(base, inst.review_months);
        let mut reviews = Vec::new();
        // Reviews held on time; now and then the latest one is a few weeks overdue.
        let overdue_ok = add_days(self.today, -self.rng.random_range(0..30));
        while started && next_review < overdue_ok && reviews.len() < 12 {
            reviews.push(working_day(next_review));
            next_review = add_months(next_review, inst.review_months);
        }
        let id = tx.insert_trajectory(&Trajectory {
            id: 0,
            episode_id: ep,
            instrument: inst.key.clone(),
            instrument_name: inst.name_nl.clone(),
            provider: self.pick(PROVIDERS).into(),
            status: if started {
                TrajectoryStatus::Started
            } else {
                TrajectoryStatus::Referred
            },
            referred_on: referred,
            start_date,
            planned_end: Some(planned_end),
            ended_on: None,
            goal: "Stap richting werk".into(),
            cost_cents: self
                .chance(0.6)
                .then(|| i64::from(self.rng.random_range(5..60u32)) * 10_000),
            funding: if self.chance(0.5) {
                "Participatiebudget".into()
            } else {
                String::new()
            },
            review_interval_months: inst.review_months,
            next_review: Some(working_day(next_review)),
            result: None,
            stop_reason: None,
        })?;
        tx.insert_trajectory_event(&TrajectoryEvent {
            id: 0,
            trajectory_id: id,
            on_date: referred,
            status: TrajectoryStatus::Referred,
            note: String::new(),
        })?;
        if let Some(s) = start_date {
            tx.insert_trajectory_event(&TrajectoryEvent {
                id: 0,
                trajectory_id: id,
                on_date: s,
                status: TrajectoryStatus::Started,
                note: String::new(),
            })?;
        }
        let mut current = rung;
        for (i, on) in reviews.iter().enumerate() {
            let assessment_id = if self.chance(0.5) && current < Rung::PaidWork {
                current = Rung::from_number(i64::from(current.number()) + 1).unwrap_or(current);
                Some(tx.insert_assessment(&Assessment {
                    id: 0,
                    episode_id: ep,
                    assessed_on: *on,
                    kind: AssessmentKind::Review,
                    rung: Some(current),
                    scores: Vec::new(),
                })?)
            } else {
                None
            };
            let next = reviews
                .get(i + 1)
                .copied()
                .unwrap_or(working_day(next_review));
            tx.insert_review(&Review {
                id: 0,
                trajectory_id: id,
                reviewed_on: *on,
                progress: "Voortgang besproken met klant en aanbieder.".into(),
                assessment_id,
                next_review: Some(next),
            })?;
        }
        Ok(id)
    }
}
