//! The exit: what the exit interview records, its checklist (from `exit_checklist.toml`),
//! the checks on it, and what happens to open trajectories.

use super::catalog::AssetError;
use super::codes::{AftercareMode, ContractType, ExitCategory, ExitReason, Independence};
use super::codes::{TrajectoryResult, TrajectoryStatus};
use super::hours::Hours;
use super::model::{ChecklistEntry, Episode, Id, Trajectory};
use super::premium_check::{InstrumentFact, PremiumFacts, PriorPremium};
use crate::i18n::Lang;
use chrono::NaiveDate;
use serde::Deserialize;

/// The built-in `exit_checklist.toml`.
pub const CHECKLIST_BUILTIN: &str = include_str!("../../assets/exit_checklist.toml");

/// The stop reason written on trajectories that were still open at the exit.
pub const EXIT_STOP_REASON: &str = "exit";

/// One item of the exit-interview checklist.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    pub key: String,
    pub text_nl: String,
    pub text_en: String,
}

impl ChecklistItem {
    /// The item's text in a language.
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.text_nl,
            Lang::En => &self.text_en,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChecklistFile {
    item: Vec<ChecklistItem>,
}

/// The exit-interview checklist, in the order of the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Checklist {
    pub items: Vec<ChecklistItem>,
}

impl Checklist {
    /// Parses and checks `exit_checklist.toml`.
    pub fn parse(text: &str) -> Result<Checklist, AssetError> {
        let f: ChecklistFile = toml::from_str(text).map_err(|e| AssetError::from_toml(text, &e))?;
        if f.item.is_empty() {
            return Err(AssetError {
                line: None,
                message: "no [[item]] entries".into(),
            });
        }
        let mut seen = std::collections::HashSet::new();
        for i in &f.item {
            if i.key.trim().is_empty() {
                return Err(AssetError::at(
                    text,
                    "key = \"\"",
                    "an item has an empty key".into(),
                ));
            }
            if !seen.insert(i.key.as_str()) {
                let m = format!("item \"{}\" appears twice", i.key);
                return Err(AssetError::at(text, &format!("\"{}\"", i.key), m));
            }
        }
        Ok(Checklist { items: f.item })
    }

    /// Every item, not yet discussed: the form's starting point.
    pub fn blank(&self) -> Vec<ChecklistEntry> {
        self.items
            .iter()
            .map(|i| ChecklistEntry {
                item: i.key.clone(),
                discussed: false,
                note: String::new(),
            })
            .collect()
    }

    /// An item by key.
    pub fn get(&self, key: &str) -> Option<&ChecklistItem> {
        self.items.iter().find(|i| i.key == key)
    }
}

/// How the job was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobSource {
    /// Through one of the client's trajectories (its id).
    Trajectory(Id),
    OwnEffort,
}

/// The work a client leaves benefit for (work reasons only).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct WorkInput {
    pub employer: String,
    pub job_title: String,
    pub contract_type: Option<ContractType>,
    /// Required for temporary, agency and on-call contracts.
    pub contract_end: Option<NaiveDate>,
    pub hours_per_week: Option<Hours>,
    pub independence: Option<Independence>,
    pub found_via: Option<JobSource>,
    /// The schedule of aftercare counts from here when known.
    pub first_work_day: Option<NaiveDate>,
    /// A job-agreement indication or work disability (`None`: not asked; only premium
    /// uplifts look at it).
    pub job_agreement: Option<bool>,
    /// A sanction in the 24 months before the exit (`None`: not asked; only premium
    /// uplifts look at it).
    pub sanction_24_months: Option<bool>,
    /// The employer's contact person, with the client's consent.
    pub employer_contact: crate::domain::model::EmployerContact,
}

/// Everything the exit-interview form hands to [`crate::store::Store::record_exit`].
#[derive(Clone, Debug, PartialEq)]
pub struct ExitInput {
    pub client_id: Id,
    /// The day of the interview.
    pub held_on: NaiveDate,
    /// The end of the right to benefit.
    pub exit_date: NaiveDate,
    pub last_payment_date: Option<NaiveDate>,
    pub reason: ExitReason,
    /// Only for work reasons (required for them, except a partner's income).
    pub work: Option<WorkInput>,
    /// Only for study exits: when the study ends (an aftercare contact then).
    pub study_end: Option<NaiveDate>,
    pub checklist: Vec<ChecklistEntry>,
    /// Active or passive only for work and study exits.
    pub aftercare: AftercareMode,
    /// Consent to record aftercare contacts (ignored when declined).
    pub consent: bool,
    /// The key of the premium scheme granted, if any.
    pub premium: Option<String>,
    /// Moving to another municipality: the client consents to what may travel going there.
    pub move_consent: Option<bool>,
}

/// The client's situation the checks need: the open episode and its trajectories.
#[derive(Clone, Debug, PartialEq)]
pub struct ExitContext {
    pub episode: Episode,
    /// The trajectories of the open episode, oldest first.
    pub trajectories: Vec<Trajectory>,
    /// What earlier benefit periods brought in premium (only money paid bars a scheme
    /// that is once only).
    pub prior_premium: PriorPremium,
    /// The client's birth date (premium rules on age; a study exit is for clients under 27).
    pub birth_date: Option<NaiveDate>,
}

/// A problem with an exit input: which field, and the i18n key of the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExitProblem {
    pub field: &'static str,
    pub key: &'static str,
}

fn problem(field: &'static str, key: &'static str) -> ExitProblem {
    ExitProblem { field, key }
}

/// Contracts that end on a known date.
pub fn has_end(c: ContractType) -> bool {
    matches!(
        c,
        ContractType::Temporary | ContractType::Agency | ContractType::OnCall
    )
}

impl ExitInput {
    /// The facts the premium rules look at, for this input in this context.
    pub fn premium_facts(&self, ctx: &ExitContext) -> PremiumFacts {
        let w = self.work.as_ref();
        let fact = |t: &Trajectory| InstrumentFact {
            key: t.instrument.clone(),
            name: t.instrument_name.clone(),
        };
        let found = self.found_via_trajectory();
        PremiumFacts {
            benefit_start: ctx.episode.benefit_start,
            exit_date: self.exit_date,
            prior: ctx.prior_premium,
            reason: self.reason,
            contract_type: w.and_then(|w| w.contract_type),
            hours_per_week: w.and_then(|w| w.hours_per_week),
            independence: w.and_then(|w| w.independence),
            job_agreement: w.and_then(|w| w.job_agreement),
            sanction_24_months: w.and_then(|w| w.sanction_24_months),
            birth_date: ctx.birth_date,
            found_via: ctx
                .trajectories
                .iter()
                .find(|t| Some(t.id) == found)
                .map(fact),
            // Completed by the exit: those completed on or before it, and the one the job
            // was found through, which the exit completes (see `closings`).
            completed: ctx
                .trajectories
                .iter()
                .filter(|t| {
                    let done = t.status == TrajectoryStatus::Completed
                        && t.ended_on.is_none_or(|e| e <= self.exit_date);
                    let closes = Some(t.id) == found
                        && matches!(
                            t.status,
                            TrajectoryStatus::Referred | TrajectoryStatus::Started
                        );
                    done || closes
                })
                .map(fact)
                .collect(),
        }
    }

    /// Every problem with this input (empty when it can be saved); the premium is checked
    /// apart, against the schemes (see [`crate::domain::premium::evaluate`]).
    pub fn problems(&self, ctx: &ExitContext, checklist: &Checklist) -> Vec<ExitProblem> {
        let mut out = Vec::new();
        let category = self.reason.category();
        if self.exit_date < ctx.episode.benefit_start {
            out.push(problem("exit_date", "exit_rule.exit_before_start"));
        }
        if self
            .last_payment_date
            .is_some_and(|d| d < ctx.episode.benefit_start)
        {
            out.push(problem(
                "last_payment_date",
                "exit_rule.payment_before_start",
            ));
        }
        match (&self.work, category) {
            (Some(_), c) if c != ExitCategory::Work => {
                out.push(problem("work", "exit_rule.work_not_work_reason"));
            }
            (None, ExitCategory::Work) if self.reason != ExitReason::WorkPartnerIncome => {
                out.push(problem("contract_type", "exit_rule.contract_type_required"));
            }
            (Some(w), _) => self.work_problems(w, ctx, &mut out),
            _ => {}
        }
        if self.study_end.is_some() && category != ExitCategory::Study {
            out.push(problem("study_end", "exit_rule.study_end_not_study"));
        }
        if self.study_end.is_some_and(|d| d < self.exit_date) {
            out.push(problem("study_end", "exit_rule.study_end_before_exit"));
        }
        let offered = matches!(category, ExitCategory::Work | ExitCategory::Study);
        if self.aftercare != AftercareMode::Declined && !(offered && self.reason.counts_as_exit()) {
            out.push(problem("aftercare", "exit_rule.aftercare_not_offered"));
        }
        let mut seen = std::collections::HashSet::new();
        for c in &self.checklist {
            if checklist.get(&c.item).is_none() || !seen.insert(c.item.as_str()) {
                out.push(problem("checklist", "exit_rule.checklist_item"));
                break;
            }
        }
        out
    }

    fn work_problems(&self, w: &WorkInput, ctx: &ExitContext, out: &mut Vec<ExitProblem>) {
        if self.reason != ExitReason::WorkPartnerIncome && w.contract_type.is_none() {
            out.push(problem("contract_type", "exit_rule.contract_type_required"));
        }
        let self_employed = self.reason == ExitReason::WorkSelfEmployed;
        if w.contract_type
            .is_some_and(|c| (c == ContractType::SelfEmployed) != self_employed)
        {
            out.push(problem("contract_type", "exit_rule.self_employed_mismatch"));
        }
        match (w.contract_type, w.contract_end) {
            (Some(c), None) if has_end(c) => {
                out.push(problem("contract_end", "exit_rule.contract_end_required"));
            }
            (c, Some(_)) if !c.is_some_and(has_end) => {
                out.push(problem(
                    "contract_end",
                    "exit_rule.contract_end_not_allowed",
                ));
            }
            (_, Some(end)) if end < self.exit_date => {
                out.push(problem(
                    "contract_end",
                    "exit_rule.contract_end_before_exit",
                ));
            }
            _ => {}
        }
        if w.hours_per_week.is_some_and(|h| !h.in_job_range()) {
            out.push(problem("hours_per_week", "exit_rule.hours_range"));
        }
        if let Some(JobSource::Trajectory(id)) = w.found_via
            && !ctx.trajectories.iter().any(|t| t.id == id)
        {
            out.push(problem("found_via", "exit_rule.found_via_unknown"));
        }
        if w.first_work_day
            .is_some_and(|d| d < ctx.episode.benefit_start)
        {
            out.push(problem(
                "first_work_day",
                "exit_rule.first_day_before_start",
            ));
        }
    }

    /// The trajectory through which the job was found, if any.
    pub fn found_via_trajectory(&self) -> Option<Id> {
        match self.work.as_ref()?.found_via? {
            JobSource::Trajectory(id) => Some(id),
            JobSource::OwnEffort => None,
        }
    }
}

/// What the exit does to a trajectory that is still open (referred or started).
#[derive(Clone, Debug, PartialEq)]
pub struct TrajectoryClosing {
    pub trajectory: Trajectory,
    /// `Completed` (with result work) for the trajectory that found the job, else `Stopped`.
    pub becomes: TrajectoryStatus,
    pub result: Option<TrajectoryResult>,
}

/// The open trajectories the exit closes, shown in the form before saving: each is stopped
/// with reason "exit", except the one through which the job was found, which completes
/// with result `work` (it is what worked; counting it as stopped would hide that).
pub fn closings(trajectories: &[Trajectory], found_via: Option<Id>) -> Vec<TrajectoryClosing> {
    trajectories
        .iter()
        .filter(|t| {
            matches!(
                t.status,
                TrajectoryStatus::Referred | TrajectoryStatus::Started
            )
        })
        .map(|t| {
            let found = Some(t.id) == found_via;
            TrajectoryClosing {
                trajectory: t.clone(),
                becomes: if found {
                    TrajectoryStatus::Completed
                } else {
                    TrajectoryStatus::Stopped
                },
                result: found.then_some(TrajectoryResult::Work),
            }
        })
        .collect()
}

/// The day the exit closes an open trajectory: the exit date, or the trajectory's own start
/// (or referral) when that came later (an exit recorded after the fact); never an end
/// before its start.
pub fn closing_date(t: &Trajectory, exit_date: NaiveDate) -> NaiveDate {
    exit_date.max(t.start_date.unwrap_or(t.referred_on))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_checklist_has_the_ten_items() {
        let c = Checklist::parse(CHECKLIST_BUILTIN).expect("built-in checklist parses");
        assert_eq!(c.items.len(), 10);
        assert_eq!(c.items[0].key, "congratulate");
        assert_eq!(c.blank().len(), 10);
        let text = CHECKLIST_BUILTIN.replacen("key = \"premium\"", "key = \"finances\"", 1);
        let e = Checklist::parse(&text).unwrap_err();
        assert!(e.message.contains("twice") && e.line.is_some(), "{e}");
    }
}
