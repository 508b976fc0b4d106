//! Demo clients who left the benefit: the closed period with its trajectories, the exit
//! interview, the premium and the aftercare with its contacts.

use super::Gen;
use super::words::*;
use crate::domain::codes::*;
use crate::domain::contradictions::study_age;
use crate::domain::date::{add_days, add_months};
use crate::domain::hours::Hours;
use crate::domain::model::*;
use crate::domain::workdays::working_day;
use crate::store::{Result, Tx};
use chrono::NaiveDate;
use rand::Rng;

impl Gen<'_> {
    /// An episode that ended; `recent` exits are to work with aftercare running. A client
    /// born on `birth` leaves for study only when under 27 on the exit date.
    pub(super) fn closed_episode(
        &mut self,
        tx: &Tx,
        client_id: Id,
        exit: NaiveDate,
        recent: bool,
        birth: Option<NaiveDate>,
    ) -> Result<Id> {
        let start = add_days(exit, -self.rng.random_range(90..1500));
        let ep = self.episode(tx, client_id, start, None)?;
        let rung = self.intake(tx, ep, start, true)?;
        // A trajectory that led somewhere.
        let inst = self
            .pick(&self.catalog.instruments.iter().collect::<Vec<_>>())
            .clone();
        let t_start = add_days(start, 30).min(exit);
        let t_end = add_months(t_start, inst.duration_months).min(exit);
        let reason = if recent {
            self.pick(&[
                ExitReason::WorkEmployment,
                ExitReason::WorkEmployment,
                ExitReason::WorkWageSubsidy,
                ExitReason::WorkSelfEmployed,
            ])
        } else {
            self.pick(&[
                ExitReason::WorkEmployment,
                ExitReason::WorkEmployment,
                ExitReason::WorkEmployment,
                ExitReason::Study,
                ExitReason::OtherMoved,
                ExitReason::OtherOtherBenefit,
                ExitReason::OtherEnforcement,
                ExitReason::OtherUnknown,
                ExitReason::ExcludedStatePension,
                ExitReason::WorkPartnerIncome,
            ])
        };
        let reason = match reason {
            ExitReason::Study if study_age(birth, exit).is_some() => ExitReason::OtherUnknown,
            r => r,
        };
        let to_work = reason.category() == ExitCategory::Work;
        let result = if to_work {
            TrajectoryResult::Work
        } else {
            TrajectoryResult::NoResult
        };
        let tid = tx.insert_trajectory(&Trajectory {
            id: 0,
            episode_id: ep,
            instrument: inst.key.clone(),
            instrument_name: inst.name_nl.clone(),
            provider: self.pick(PROVIDERS).into(),
            status: TrajectoryStatus::Completed,
            referred_on: t_start,
            start_date: Some(t_start),
            planned_end: Some(add_months(t_start, inst.duration_months)),
            ended_on: Some(t_end),
            goal: "Uitstroom naar werk".into(),
            cost_cents: None,
            funding: String::new(),
            review_interval_months: inst.review_months,
            next_review: None,
            result: Some(result),
            stop_reason: None,
        })?;
        for (on, st) in [
            (t_start, TrajectoryStatus::Referred),
            (t_start, TrajectoryStatus::Started),
            (t_end, TrajectoryStatus::Completed),
        ] {
            tx.insert_trajectory_event(&TrajectoryEvent {
                id: 0,
                trajectory_id: tid,
                on_date: on,
                status: st,
                note: String::new(),
            })?;
        }
        if to_work && rung < Rung::PaidWork {
            tx.insert_assessment(&Assessment {
                id: 0,
                episode_id: ep,
                assessed_on: exit,
                kind: AssessmentKind::Review,
                rung: Some(Rung::PaidWork),
                scores: Vec::new(),
            })?;
        }
        let last_payment = add_days(exit, self.rng.random_range(0..60));
        tx.close_episode(&Episode {
            id: ep,
            client_id,
            benefit_start: start,
            benefit_type: BenefitType::Participatiewet,
            exit_date: Some(exit),
            last_payment_date: Some(last_payment),
            exit_reason: Some(reason),
            previous_episode_id: None,
        })?;
        if !reason.counts_as_exit() {
            return Ok(ep);
        }
        let contract = if to_work {
            Some(self.pick(&[
                ContractType::Permanent,
                ContractType::Temporary,
                ContractType::Temporary,
                ContractType::Agency,
                ContractType::OnCall,
            ]))
        } else {
            None
        };
        let contract = if reason == ExitReason::WorkSelfEmployed {
            Some(ContractType::SelfEmployed)
        } else {
            contract
        };
        let contract_end = contract
            .filter(|c| {
                matches!(
                    c,
                    ContractType::Temporary | ContractType::Agency | ContractType::OnCall
                )
            })
            .map(|_| add_months(exit, self.pick(&[6, 7, 12])));
        let mode = if to_work {
            self.pick(&[
                AftercareMode::Active,
                AftercareMode::Active,
                AftercareMode::Passive,
                AftercareMode::Declined,
            ])
        } else {
            AftercareMode::Declined
        };
        let mode = if recent && mode == AftercareMode::Declined {
            AftercareMode::Active
        } else {
            mode
        };
        let months_on = crate::domain::date::months_between(start, exit);
        // A partner's income is not the client's own work: no premium (drawn all the same,
        // so the rest of the demo stays as it was).
        let premium = to_work && months_on > 24 && self.chance(0.7);
        let premium = premium && reason != ExitReason::WorkPartnerIncome;
        let checklist = [
            "congratulate",
            "finances",
            "benefit_end",
            "allowances",
            "provisions",
            "reapply",
            "contact",
            "aftercare",
            "premium",
            "leaflet",
        ]
        .iter()
        .map(|k| ChecklistEntry {
            item: (*k).into(),
            discussed: to_work,
            note: String::new(),
        })
        .collect();
        tx.insert_exit_interview(&ExitInterview {
            episode_id: ep,
            held_on: exit,
            employer: if to_work {
                self.pick(EMPLOYERS).into()
            } else {
                String::new()
            },
            job_title: if to_work {
                self.pick(JOBS).into()
            } else {
                String::new()
            },
            contract_type: contract,
            contract_end,
            hours_per_week: to_work
                .then(|| Hours::whole(u32::from(self.pick(&[16u8, 24, 32, 36, 38, 40])))),
            independence: to_work.then_some(Independence::Full),
            job_agreement: None,
            sanction_24_months: None,
            found_via: to_work.then_some(FoundVia::Trajectory),
            found_via_trajectory_id: to_work.then_some(tid),
            first_work_day: to_work.then(|| add_days(exit, 1)),
            study_end: (reason == ExitReason::Study).then(|| add_months(exit, 24)),
            aftercare_offer: mode,
            aftercare_consent: mode != AftercareMode::Declined,
            premium_scheme: premium.then(|| "two_instalments".into()),
            premium_granted: premium,
            checklist,
            employer_contact: employer_contact(to_work, ep),
            move_consent: None,
        })?;
        if premium {
            for seq in 1..=2u32 {
                let due = add_months(exit, (seq - 1) * 6);
                tx.insert_instalment(&PremiumInstalment {
                    id: 0,
                    episode_id: ep,
                    scheme: "two_instalments".into(),
                    seq,
                    due_on: due,
                    amount_cents: 50_000,
                    paid_on: (due <= self.today).then_some(due),
                    cancelled_on: None,
                    forfeited_on: None,
                    forfeit_reason: String::new(),
                    uplift: None,
                })?;
            }
        }
        if mode == AftercareMode::Declined {
            return Ok(ep);
        }
        let ends = add_months(exit, 6);
        let finished = ends <= self.today;
        let plan_id = tx.insert_aftercare_plan(&AftercarePlan {
            id: 0,
            episode_id: ep,
            mode,
            consent: true,
            starts_on: exit,
            ends_on: ends,
            status: if finished {
                PlanStatus::Completed
            } else {
                PlanStatus::Active
            },
            end_reason: None,
            ended_on: finished.then_some(ends),
            extended: false,
            flagged: false,
        })?;
        let schedule: Vec<(NaiveDate, ContactKind)> = match mode {
            AftercareMode::Active => vec![
                (add_days(exit, 1), ContactKind::Scheduled),
                (add_days(exit, 7), ContactKind::Scheduled),
                (add_days(exit, 14), ContactKind::Scheduled),
                (add_days(exit, 28), ContactKind::Scheduled),
                (add_months(exit, 3), ContactKind::Scheduled),
                (ends, ContactKind::Closing),
            ],
            _ => vec![(ends, ContactKind::Closing)],
        };
        for (on, kind) in schedule {
            // Planned on working days, as the app plans them.
            let on = working_day(on);
            let mut c = AftercareContact::planned(plan_id, on, kind, 1);
            // Older contacts were held; one of the last weeks may still be waiting.
            if on < self.today && (finished || on < add_days(self.today, -21) || self.chance(0.5)) {
                c.status = ContactStatus::Done;
                c.done_on = Some(on);
                c.channel = Some(Channel::Phone);
                c.how_is_work = "Gaat goed, fijne collega's.".into();
                c.running_into = if self.chance(0.3) {
                    "Reistijd is lang.".into()
                } else {
                    String::new()
                };
                c.still_working = Some(StillWorking::SameEmployer);
                c.hours_changed = Some(false);
                c.balance_ok = Some(self.chance(0.8));
                c.risk = Some(self.pick(&[Risk::Low, Risk::Low, Risk::Medium]));
                if c.balance_ok == Some(false) {
                    c.referrals = vec![ReferralKind::DebtHelp];
                }
            }
            tx.insert_contact(&c)?;
        }
        if let Some(c) = unplanned_contact(plan_id, mode, exit, ep, self.today) {
            tx.insert_contact(&c)?;
        }
        Ok(ep)
    }
}

/// A contact outside the schedule for some demo plans: a call from a client in passive
/// aftercare, a workplace visit by the job coach in active aftercare (derived from the
/// period, like [`employer_contact`], so the random stream stays as it was).
fn unplanned_contact(
    plan_id: Id,
    mode: AftercareMode,
    exit: NaiveDate,
    episode: Id,
    today: NaiveDate,
) -> Option<AftercareContact> {
    let (after, occasion, by, text) = match mode {
        AftercareMode::Passive if episode % 2 == 0 => (
            40,
            ContactOccasion::ClientCalled,
            ContactBy::Caseworker,
            "Belde zelf: nieuw rooster, vroeg naar de zorgtoeslag.",
        ),
        AftercareMode::Active if episode % 5 == 0 => (
            21,
            ContactOccasion::WorkplaceVisit,
            ContactBy::JobCoach,
            "Werkplekbezoek: werkgever tevreden, inwerken loopt.",
        ),
        _ => return None,
    };
    let on = working_day(add_days(exit, after));
    if on >= today {
        return None;
    }
    let mut c = AftercareContact::planned(plan_id, on, ContactKind::Extra, 1);
    c.status = ContactStatus::Done;
    c.done_on = Some(on);
    c.channel = Some(match occasion {
        ContactOccasion::WorkplaceVisit => Channel::InPerson,
        _ => Channel::Phone,
    });
    c.how_is_work = text.into();
    c.still_working = Some(StillWorking::SameEmployer);
    c.occasion = Some(occasion);
    c.held_by = Some(by);
    Some(c)
}

/// The employer's contact person of a demo exit to work: two in three clients agree that
/// the caseworker contacts the employer (derived from the period, so that the random
/// stream, and with it every figure of the demo, stays as it was).
fn employer_contact(to_work: bool, episode: i64) -> EmployerContact {
    const PEOPLE: [&str; 6] = [
        "Petra de Vries (HR)",
        "Mohamed Amrani (teamleider)",
        "Ingrid Bakker (P&O)",
        "Kees Smit (bedrijfsleider)",
        "Fatma Doğan (leidinggevende)",
        "Jeroen Mulder (HR)",
    ];
    if !to_work {
        return EmployerContact::default();
    }
    let yes = episode % 3 != 0;
    EmployerContact {
        consent: Some(yes),
        name: if yes {
            PEOPLE[episode as usize % PEOPLE.len()].into()
        } else {
            String::new()
        },
        phone: if yes {
            format!(
                "023 {:03} {:04}",
                500 + episode % 400,
                (episode * 37) % 10_000
            )
        } else {
            String::new()
        },
    }
}
