//! The stable codes of domain.md, each with its Dutch and English label from the catalogues.

use crate::i18n::{self, Lang};
use strum::{EnumString, IntoStaticStr, VariantArray};

/// A closed list of stable codes (stored in the database, exported, shown by label).
pub trait Code:
    Sized + Copy + PartialEq + 'static + VariantArray + Into<&'static str> + std::str::FromStr
{
    /// The i18n table its labels live in (`<KIND>.<code>`).
    const KIND: &'static str;

    /// The stable code, as stored and exported.
    fn code(self) -> &'static str {
        self.into()
    }

    /// The variant for a stored code.
    fn from_code(s: &str) -> Option<Self> {
        s.parse().ok()
    }

    /// The label in the user's language.
    fn label(self, lang: Lang) -> &'static str {
        i18n::t(lang, &format!("{}.{}", Self::KIND, self.code()))
    }

    /// Every variant, in display order.
    fn all() -> &'static [Self] {
        Self::VARIANTS
    }
}

macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident, $kind:literal, [$($(#[$vm:meta])* $var:ident),+ $(,)?]) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[derive(strum::EnumString, strum::IntoStaticStr, strum::VariantArray)]
        #[strum(serialize_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $var),+ }
        impl $crate::domain::codes::Code for $name {
            const KIND: &'static str = $kind;
        }
        $crate::domain::codes::code_io!($name);
    };
}

/// A stored code read back: an unknown code is a conversion error, never a default.
pub fn from_column<T: Code>(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<T> {
    let s = v.as_str()?;
    T::from_code(s).ok_or_else(|| rusqlite::types::FromSqlError::Other("unknown code".into()))
}
pub(crate) use code_enum;

/// What every code list has besides its labels: it is exported as its code
/// (`Serialize`), and stored and read back as its code (`ToSql`, `FromSql`).
macro_rules! code_io {
    ($name:ident) => {
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($crate::domain::codes::Code::code(*self))
            }
        }
        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok($crate::domain::codes::Code::code(*self).into())
            }
        }
        impl rusqlite::types::FromSql for $name {
            fn column_result(
                v: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                $crate::domain::codes::from_column(v)
            }
        }
    };
}
pub(crate) use code_io;

code_enum!(
    /// The benefit a client receives.
    BenefitType, "benefit_type", [Participatiewet, Ioaw, Ioaz, Bbz]);
code_enum!(
    /// Household composition (married and cohabiting count the same).
    Household, "household", [Single, SingleWithChildren, CoupleWithChildren, CoupleWithoutChildren]);
code_enum!(
    /// Dutch language level.
    LanguageLevel, "language_level", [Native, BelowA1, A1, A2, B1, B2, C1]);
code_enum!(
    /// Highest education completed.
    Education, "education", [None, Primary, Vmbo, MboEntry, Mbo, HavoVwo, Hbo, Wo, Foreign]);
code_enum!(
    /// Distance to the labour market.
    Distance, "distance", [Short, Long]);
code_enum!(
    /// A barrier to work recorded at intake.
    Barrier, "barrier", [Language, DigitalSkills, Debts, PhysicalHealth, MentalHealth, Addiction,
        Childcare, Housing, Transport, LowSelfConfidence, Isolation, FamilyCare, CriminalRecord,
        Other]);
code_enum!(
    /// The thirteen life domains of the self-sufficiency matrix.
    LifeDomain, "life_domain", [Finances, WorkEducation, DaytimeActivities, Housing,
        DomesticRelations, MentalHealth, PhysicalHealth, SubstanceUse, BasicDailyLiving,
        InstrumentalDailyLiving, SocialNetwork, CommunityParticipation, Justice]);
code_enum!(
    /// Why an assessment was made.
    AssessmentKind, "assessment_kind", [Intake, Reassessment, Review]);
code_enum!(
    /// Goal horizon in the plan of action.
    Term, "term", [Short, Long]);
code_enum!(
    /// Who carries out an agreement.
    Who, "who", [Client, Caseworker, Both, Other]);
code_enum!(
    /// How a contact took place.
    Channel, "channel", [InPerson, Phone, Email, HomeVisit, Video, Letter]);
code_enum!(
    /// Where a trajectory stands.
    TrajectoryStatus, "trajectory_status", [Referred, Started, Completed, Stopped]);
code_enum!(
    /// The result recorded when a trajectory completes.
    TrajectoryResult, "trajectory_result", [Work, NextTrajectory, Education, Participation,
        NoResult]);
code_enum!(
    /// The category of an instrument.
    InstrumentCategory, "instrument_category", [Activation, Work, WorkWithSupport, Referral]);
code_enum!(
    /// The statistical category of an exit reason.
    ExitCategory, "exit_category", [Work, Study, Other, Excluded]);
code_enum!(
    /// The contract a client leaves benefit for.
    ContractType, "contract_type", [Permanent, Temporary, Agency, OnCall, SelfEmployed]);
code_enum!(
    /// Whether the work makes the client fully or partly independent of benefit.
    Independence, "independence", [Full, Partial]);
code_enum!(
    /// How the job was found.
    FoundVia, "found_via", [Trajectory, OwnEffort]);
code_enum!(
    /// The aftercare offer as agreed at the exit interview.
    AftercareMode, "aftercare_mode", [Active, Passive, Declined]);
code_enum!(
    /// Where an aftercare plan stands.
    PlanStatus, "plan_status", [Active, Completed, Ended]);
code_enum!(
    /// Why aftercare ended early.
    AftercareEndReason, "aftercare_end", [ClientWish, Reentry, Moved, Other]);
code_enum!(
    /// Why an aftercare contact is planned.
    ContactKind, "contact_kind", [Scheduled, Closing, ContractEnd, StudyEnd, Premium, Retry,
        Extra]);
impl ContactKind {
    /// A contact planned for an event (a contract's end, a study's end, a premium
    /// instalment): planned whenever it falls, and kept when the plan's closing is held.
    pub fn is_event(self) -> bool {
        matches!(
            self,
            ContactKind::ContractEnd | ContactKind::StudyEnd | ContactKind::Premium
        )
    }
}

code_enum!(
    /// What a contact outside the aftercare schedule was.
    ContactOccasion, "contact_occasion", [ClientCalled, EmployerCalled, WorkplaceVisit,
        JobCoach, ThreeWay]);
code_enum!(
    /// Who held a contact outside the aftercare schedule.
    ContactBy, "contact_by", [Caseworker, WorkCoach, JobCoach, Provider]);
code_enum!(
    /// Where an aftercare contact stands.
    ContactStatus, "contact_status", [Planned, Done, NotReached, Cancelled]);
code_enum!(
    /// Work situation at a check-in.
    StillWorking, "still_working", [SameEmployer, OtherEmployer, NotWorking]);
code_enum!(
    /// Risk of re-entry judged at a check-in.
    Risk, "risk", [Low, Medium, High]);
code_enum!(
    /// Where a client was referred during aftercare.
    ReferralKind, "referral", [DebtHelp, SocialWork, FormHelp, JobCoach, Jobhunter,
        WorkplaceVisit, EmployerContact, MentalHealth, NeighbourhoodTeam]);

/// The exit reasons of domain.md; the category decides the statistics.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    EnumString,
    IntoStaticStr,
    VariantArray,
)]
pub enum ExitReason {
    #[strum(serialize = "work.employment")]
    WorkEmployment,
    #[strum(serialize = "work.wage_subsidy")]
    WorkWageSubsidy,
    #[strum(serialize = "work.sheltered")]
    WorkSheltered,
    #[strum(serialize = "work.self_employed")]
    WorkSelfEmployed,
    #[strum(serialize = "work.partner_income")]
    WorkPartnerIncome,
    #[strum(serialize = "study")]
    Study,
    #[strum(serialize = "other.moved")]
    OtherMoved,
    #[strum(serialize = "other.detention")]
    OtherDetention,
    #[strum(serialize = "other.enforcement")]
    OtherEnforcement,
    #[strum(serialize = "other.no_information")]
    OtherNoInformation,
    #[strum(serialize = "other.other_benefit")]
    OtherOtherBenefit,
    #[strum(serialize = "other.unknown")]
    OtherUnknown,
    #[strum(serialize = "excluded.death")]
    ExcludedDeath,
    #[strum(serialize = "excluded.state_pension")]
    ExcludedStatePension,
    #[strum(serialize = "excluded.partner_stays")]
    ExcludedPartnerStays,
    #[strum(serialize = "excluded.restarted")]
    ExcludedRestarted,
}

code_io!(ExitReason);

impl Code for ExitReason {
    const KIND: &'static str = "exit_reason";
}

impl ExitReason {
    /// The category that decides how the exit is counted.
    pub fn category(self) -> ExitCategory {
        let code = self.code();
        if code.starts_with("work.") {
            ExitCategory::Work
        } else if code == "study" {
            ExitCategory::Study
        } else if code.starts_with("other.") {
            ExitCategory::Other
        } else {
            ExitCategory::Excluded
        }
    }

    /// Excluded reasons are recorded but never counted as an exit.
    pub fn counts_as_exit(self) -> bool {
        self.category() != ExitCategory::Excluded
    }
}

code_enum!(
    /// A rung of the participation ladder (stored as its number 1–6).
    Rung, "rung", [Isolated, SocialContacts, OrganisedActivities, UnpaidWork,
        PaidWorkWithSupport, PaidWork]);

impl Rung {
    /// The rung's number, 1 (isolated) to 6 (paid work).
    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    /// The rung for a stored number.
    pub fn from_number(n: i64) -> Option<Rung> {
        usize::try_from(n - 1)
            .ok()
            .and_then(|i| Rung::VARIANTS.get(i).copied())
    }
}

/// The level text of a life-domain score 1–5.
pub fn score_label(score: u8, lang: Lang) -> &'static str {
    match score {
        1..=5 => i18n::t(lang, &format!("score.{score}")),
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for r in ExitReason::all() {
            assert_eq!(ExitReason::from_code(r.code()), Some(*r));
        }
        assert_eq!(Household::SingleWithChildren.code(), "single_with_children");
        assert_eq!(Education::MboEntry.code(), "mbo_entry");
        assert_eq!(LanguageLevel::BelowA1.code(), "below_a1");
        assert_eq!(Channel::from_code("home_visit"), Some(Channel::HomeVisit));
        assert_eq!(Channel::from_code("fax"), None);
    }

    #[test]
    fn exit_categories() {
        assert_eq!(ExitReason::WorkPartnerIncome.category(), ExitCategory::Work);
        assert_eq!(ExitReason::Study.category(), ExitCategory::Study);
        assert_eq!(ExitReason::OtherUnknown.category(), ExitCategory::Other);
        assert!(!ExitReason::ExcludedRestarted.counts_as_exit());
        assert_eq!(
            ExitReason::all()
                .iter()
                .filter(|r| !r.counts_as_exit())
                .count(),
            4
        );
    }

    #[test]
    fn rungs_are_numbered_one_to_six() {
        assert_eq!(Rung::Isolated.number(), 1);
        assert_eq!(Rung::PaidWork.number(), 6);
        assert_eq!(Rung::from_number(4), Some(Rung::UnpaidWork));
        assert_eq!(Rung::from_number(0), None);
        assert_eq!(Rung::from_number(7), None);
    }
}
