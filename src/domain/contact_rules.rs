//! What an aftercare contact may hold. Aftercare contacts are recorded only with the
//! client's consent (asked at the exit interview); the app reads that as: without consent
//! only *that* a contact was held is recorded (date, channel, reached or not), never the
//! answers (how work goes, what the client runs into, still working, hours, balance, risk,
//! renewal, referrals). Declined aftercare records no contacts at all. One rule for the
//! check-in form, the store, `caseload check` and import.

use super::codes::{AftercareMode, ContactStatus};
use super::model::AftercareContact;

/// Why a contact breaks the rule; each has an i18n key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ContactRule {
    /// A contact held (reached or not) under declined aftercare.
    HeldWhenDeclined,
    /// Answers recorded without the client's consent.
    AnswersWithoutConsent,
    /// Answers on a contact that was not held with the client reached.
    AnswersNotReached,
}

impl ContactRule {
    /// The i18n key of the sentence that says the rule.
    pub fn key(self) -> &'static str {
        match self {
            ContactRule::HeldWhenDeclined => "edge.contact_declined",
            ContactRule::AnswersWithoutConsent => "edge.answers_without_consent",
            ContactRule::AnswersNotReached => "edge.answers_not_reached",
        }
    }
}

/// Whether a plan of `mode` records the answers of a contact: only with consent, and
/// under declined aftercare only at a contact outside the schedule (`unplanned`: the
/// client called, say) that the client consented to.
pub fn records_answers(mode: AftercareMode, consent: bool, unplanned: bool) -> bool {
    consent && (mode != AftercareMode::Declined || unplanned)
}

/// The answers of a check-in, as the names of their fields (in the check-in form and the
/// export), in the order of the form.
pub const ANSWERS: [&str; 10] = [
    "how_is_work",
    "running_into",
    "can_i_help",
    "still_working",
    "contract_renewed",
    "hours_changed",
    "balance_ok",
    "referrals",
    "risk",
    "risk_reason",
];

/// The answers a contact holds (see [`ANSWERS`]); empty when it holds only that it was held.
pub fn answers(c: &AftercareContact) -> Vec<&'static str> {
    let filled = [
        !c.how_is_work.trim().is_empty(),
        !c.running_into.trim().is_empty(),
        !c.can_i_help.trim().is_empty(),
        c.still_working.is_some(),
        c.contract_renewed.is_some(),
        c.hours_changed.is_some(),
        c.balance_ok.is_some(),
        !c.referrals.is_empty(),
        c.risk.is_some(),
        !c.risk_reason.trim().is_empty(),
    ];
    ANSWERS
        .into_iter()
        .zip(filled)
        .filter_map(|(name, yes)| yes.then_some(name))
        .collect()
}

/// What is wrong with a contact of a plan of `mode` with or without `consent`, as (the
/// field to name, the rule): the status for a contact that should not have been held,
/// the first answer for answers that should not be there.
pub fn problems(
    mode: AftercareMode,
    consent: bool,
    c: &AftercareContact,
) -> Vec<(&'static str, ContactRule)> {
    let mut out = Vec::new();
    let held = matches!(c.status, ContactStatus::Done | ContactStatus::NotReached);
    // Under declined aftercare only a contact the client sought, with their consent.
    let declined = mode == AftercareMode::Declined;
    if held && declined && !(c.occasion.is_some() && consent) {
        out.push(("status", ContactRule::HeldWhenDeclined));
    }
    if let Some(first) = answers(c).first() {
        if c.status != ContactStatus::Done {
            out.push((*first, ContactRule::AnswersNotReached));
        } else if !declined && !records_answers(mode, consent, c.occasion.is_some()) {
            out.push((*first, ContactRule::AnswersWithoutConsent));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::codes::{ContactKind, ReferralKind, Risk};
    use chrono::NaiveDate;

    fn held(status: ContactStatus) -> AftercareContact {
        let on = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut c = AftercareContact::planned(1, on, ContactKind::Scheduled, 1);
        c.status = status;
        c.done_on = Some(on);
        c
    }

    #[test]
    fn without_consent_a_contact_is_held_but_holds_no_answers() {
        let bare = held(ContactStatus::Done);
        assert!(problems(AftercareMode::Active, false, &bare).is_empty());
        assert!(
            problems(
                AftercareMode::Passive,
                false,
                &held(ContactStatus::NotReached)
            )
            .is_empty()
        );
        let mut answered = bare.clone();
        answered.referrals = vec![ReferralKind::DebtHelp];
        answered.risk = Some(Risk::Low);
        assert_eq!(answers(&answered), vec!["referrals", "risk"]);
        assert_eq!(
            problems(AftercareMode::Active, false, &answered),
            vec![("referrals", ContactRule::AnswersWithoutConsent)]
        );
        assert!(problems(AftercareMode::Active, true, &answered).is_empty());
        let mut not_reached = answered.clone();
        not_reached.status = ContactStatus::NotReached;
        assert_eq!(
            problems(AftercareMode::Active, true, &not_reached),
            vec![("referrals", ContactRule::AnswersNotReached)]
        );
        assert_eq!(
            problems(AftercareMode::Declined, true, &bare),
            vec![("status", ContactRule::HeldWhenDeclined)]
        );
        assert!(!records_answers(AftercareMode::Declined, true, false));
        assert!(records_answers(AftercareMode::Declined, true, true));
        assert!(!records_answers(AftercareMode::Declined, false, true));
        assert!(records_answers(AftercareMode::Passive, true, false));
    }
}
