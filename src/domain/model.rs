//! The records of the journey as plain data: what the store reads and writes.

use super::bsn::Bsn;
use super::codes::*;
use super::hours::Hours;
use chrono::NaiveDate;

/// A row id.
pub type Id = i64;

/// A person as registered at intake.
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    pub bsn: Bsn,
    pub first_name: String,
    /// The tussenvoegsel ("van der"), empty when none.
    pub prefix: String,
    pub last_name: String,
    pub birth_date: Option<NaiveDate>,
    pub phone: String,
    pub email: String,
    pub address: String,
}

impl Person {
    /// "Jan van der Berg".
    pub fn full_name(&self) -> String {
        display_name(&self.first_name, &self.prefix, &self.last_name)
    }
}

/// "Jan van der Berg" from its parts.
pub fn display_name(first: &str, prefix: &str, last: &str) -> String {
    [first, prefix, last]
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Berg, Jan van der": how Dutch lists sort and show names.
pub fn list_name(first: &str, prefix: &str, last: &str) -> String {
    if prefix.is_empty() {
        format!("{last}, {first}")
    } else {
        format!("{last}, {first} {prefix}")
    }
}

/// The client number shown to caseworkers (and in letter file names): `K000123`.
pub fn client_number(id: Id) -> String {
    format!("K{id:06}")
}

/// A client: a person with an id.
#[derive(Clone, Debug, PartialEq)]
pub struct Client {
    pub id: Id,
    pub person: Person,
}

/// One benefit period; the exit fields are set when it ends.
#[derive(Clone, Debug, PartialEq)]
pub struct Episode {
    pub id: Id,
    pub client_id: Id,
    pub benefit_start: NaiveDate,
    pub benefit_type: BenefitType,
    pub exit_date: Option<NaiveDate>,
    pub last_payment_date: Option<NaiveDate>,
    pub exit_reason: Option<ExitReason>,
    /// The episode whose exit this one re-enters after.
    pub previous_episode_id: Option<Id>,
}

impl Episode {
    /// A benefit period starting on `start`, not ended yet.
    pub fn open(
        client_id: Id,
        start: NaiveDate,
        benefit_type: BenefitType,
        previous: Option<Id>,
    ) -> Episode {
        Episode {
            id: 0,
            client_id,
            benefit_start: start,
            benefit_type,
            exit_date: None,
            last_payment_date: None,
            exit_reason: None,
            previous_episode_id: previous,
        }
    }
}

/// The intake of an episode. Exported as it is (the fields in this order, codes as their
/// codes); read back field by field in `transfer::read_client`.
#[derive(Clone, Debug, PartialEq, Default, serde::Serialize)]
pub struct Intake {
    #[serde(skip)]
    pub episode_id: Id,
    pub intake_date: Option<NaiveDate>,
    pub household: Option<Household>,
    pub youngest_child_age: Option<u8>,
    pub statushouder: bool,
    /// Whether the client has a driving licence; `None`: unknown (not asked).
    pub driving_licence: Option<bool>,
    pub language_level: Option<LanguageLevel>,
    pub education: Option<Education>,
    pub work_experience: String,
    pub distance: Option<Distance>,
    pub barriers: Vec<Barrier>,
    pub motivation: String,
    pub why_not_working: String,
    pub strengths: String,
    pub pitfalls: String,
    pub plan_agreed_on: Option<NaiveDate>,
}

/// A dated ladder rung and/or life-domain scores.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    pub id: Id,
    pub episode_id: Id,
    pub assessed_on: NaiveDate,
    pub kind: AssessmentKind,
    pub rung: Option<Rung>,
    pub scores: Vec<(LifeDomain, u8)>,
}

/// A goal in the plan of action.
#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    pub id: Id,
    pub episode_id: Id,
    pub term: Term,
    pub text: String,
    pub target_date: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
}

/// An agreement (afspraak), possibly with a follow-up date.
#[derive(Clone, Debug, PartialEq)]
pub struct Agreement {
    pub id: Id,
    pub episode_id: Id,
    pub note_id: Option<Id>,
    pub text: String,
    pub who: Who,
    pub follow_up: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
}

/// A contact note in the case timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub id: Id,
    pub episode_id: Id,
    pub noted_on: NaiveDate,
    pub channel: Channel,
    pub summary: String,
    pub template: Option<String>,
}

/// A re-integration trajectory: one instrument with a provider.
#[derive(Clone, Debug, PartialEq)]
pub struct Trajectory {
    pub id: Id,
    pub episode_id: Id,
    pub instrument: String,
    pub instrument_name: String,
    pub provider: String,
    pub status: TrajectoryStatus,
    pub referred_on: NaiveDate,
    pub start_date: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    pub goal: String,
    pub cost_cents: Option<i64>,
    pub funding: String,
    pub review_interval_months: u32,
    pub next_review: Option<NaiveDate>,
    pub result: Option<TrajectoryResult>,
    pub stop_reason: Option<String>,
}

/// A status change of a trajectory.
#[derive(Clone, Debug, PartialEq)]
pub struct TrajectoryEvent {
    pub id: Id,
    pub trajectory_id: Id,
    pub on_date: NaiveDate,
    pub status: TrajectoryStatus,
    pub note: String,
}

/// A review of a running trajectory.
#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    pub id: Id,
    pub trajectory_id: Id,
    pub reviewed_on: NaiveDate,
    pub progress: String,
    pub assessment_id: Option<Id>,
    pub next_review: Option<NaiveDate>,
}

/// One item of the exit-interview checklist.
#[derive(Clone, Debug, PartialEq)]
pub struct ChecklistEntry {
    pub item: String,
    pub discussed: bool,
    pub note: String,
}

/// The exit interview held at the end of an episode.
#[derive(Clone, Debug, PartialEq)]
pub struct ExitInterview {
    pub episode_id: Id,
    pub held_on: NaiveDate,
    pub employer: String,
    pub job_title: String,
    pub contract_type: Option<ContractType>,
    pub contract_end: Option<NaiveDate>,
    pub hours_per_week: Option<Hours>,
    pub independence: Option<Independence>,
    /// A job-agreement indication or work disability (asked for premium uplifts).
    pub job_agreement: Option<bool>,
    /// A sanction in the 24 months before the exit (asked for premium uplifts).
    pub sanction_24_months: Option<bool>,
    pub found_via: Option<FoundVia>,
    pub found_via_trajectory_id: Option<Id>,
    pub first_work_day: Option<NaiveDate>,
    pub study_end: Option<NaiveDate>,
    pub aftercare_offer: AftercareMode,
    pub aftercare_consent: bool,
    pub premium_scheme: Option<String>,
    pub premium_granted: bool,
    pub checklist: Vec<ChecklistEntry>,
    /// The employer's contact person, for employer contacts during aftercare.
    pub employer_contact: EmployerContact,
    /// A client who moves to another municipality consents to what may travel going there
    /// (`None`: not asked).
    pub move_consent: Option<bool>,
}

/// The employer's contact person, asked at the exit interview: recorded only when the
/// client agrees that the caseworker contacts the employer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EmployerContact {
    /// Whether the client agrees (`None`: not asked).
    pub consent: Option<bool>,
    pub name: String,
    pub phone: String,
}

impl EmployerContact {
    /// Name and phone only with the client's consent; both trimmed.
    pub fn kept(&self) -> EmployerContact {
        let yes = self.consent == Some(true);
        let keep = |s: &str| {
            if yes {
                s.trim().to_owned()
            } else {
                String::new()
            }
        };
        EmployerContact {
            consent: self.consent,
            name: keep(&self.name),
            phone: keep(&self.phone),
        }
    }
}

/// Six (or twelve) months of aftercare after an exit.
#[derive(Clone, Debug, PartialEq)]
pub struct AftercarePlan {
    pub id: Id,
    pub episode_id: Id,
    pub mode: AftercareMode,
    pub consent: bool,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub status: PlanStatus,
    pub end_reason: Option<AftercareEndReason>,
    pub ended_on: Option<NaiveDate>,
    pub extended: bool,
    pub flagged: bool,
}

/// A planned or held aftercare contact (check-in).
#[derive(Clone, Debug, PartialEq)]
pub struct AftercareContact {
    pub id: Id,
    pub plan_id: Id,
    pub planned_on: NaiveDate,
    pub kind: ContactKind,
    pub status: ContactStatus,
    pub attempt: u32,
    pub done_on: Option<NaiveDate>,
    pub channel: Option<Channel>,
    pub how_is_work: String,
    pub running_into: String,
    pub can_i_help: String,
    pub still_working: Option<StillWorking>,
    pub hours_changed: Option<bool>,
    pub balance_ok: Option<bool>,
    pub risk: Option<Risk>,
    pub risk_reason: String,
    pub contract_renewed: Option<bool>,
    pub referrals: Vec<ReferralKind>,
    /// A contact outside the schedule: what happened (`None` on the contacts the app plans).
    pub occasion: Option<ContactOccasion>,
    /// Who held the contact outside the schedule.
    pub held_by: Option<ContactBy>,
}

impl AftercareContact {
    /// A contact planned for a date, nothing recorded yet.
    pub fn planned(plan_id: Id, planned_on: NaiveDate, kind: ContactKind, attempt: u32) -> Self {
        AftercareContact {
            id: 0,
            plan_id,
            planned_on,
            kind,
            status: ContactStatus::Planned,
            attempt,
            done_on: None,
            channel: None,
            how_is_work: String::new(),
            running_into: String::new(),
            can_i_help: String::new(),
            still_working: None,
            hours_changed: None,
            balance_ok: None,
            risk: None,
            risk_reason: String::new(),
            occasion: None,
            held_by: None,
            contract_renewed: None,
            referrals: Vec::new(),
        }
    }
}

/// An instalment of an exit premium.
#[derive(Clone, Debug, PartialEq)]
pub struct PremiumInstalment {
    pub id: Id,
    pub episode_id: Id,
    pub scheme: String,
    pub seq: u32,
    pub due_on: NaiveDate,
    pub amount_cents: i64,
    pub paid_on: Option<NaiveDate>,
    /// Cancelled unpaid, with the client's re-entry: no longer due.
    pub cancelled_on: Option<NaiveDate>,
    /// Its condition checked when paying was not met: not paid (see `premium_pay`).
    pub forfeited_on: Option<NaiveDate>,
    /// Why it was forfeited (empty unless forfeited).
    pub forfeit_reason: String,
    /// The uplift of the scheme this instalment pays (`None`: the scheme's own).
    pub uplift: Option<String>,
}
