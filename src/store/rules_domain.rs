//! The rules of `caseload check` that live in the domain: the rows they read, and the
//! domain's own verdict on them (`domain::contact_rules`, `domain::contradictions`), so
//! that the forms, import and `check` hold a record to one rule.

use super::Result;
use super::aftercare::{CONTACT, contact_row};
use super::convert::{code, date, opt_code, opt_date};
use super::rules::{Finding, Rule};
use crate::domain::codes::{AftercareMode, Code, ReferralKind};
use crate::domain::contact_rules::{self, ContactRule};
use crate::domain::contradictions::{self, Contradiction, ExitFacts};
use crate::domain::model::Id;
use crate::domain::record::{Clash, clashes};
use chrono::NaiveDate;
use rusqlite::Connection;

/// Every row that breaks a rule of the domain.
pub fn findings(conn: &Connection) -> Result<Vec<Finding>> {
    let mut out = periods(conn)?;
    out.extend(contacts(conn)?);
    out.extend(people(conn)?);
    out.extend(exits(conn)?);
    Ok(out)
}

/// Each client's benefit periods against each other, as import checks a file's.
fn periods(conn: &Connection) -> Result<Vec<Finding>> {
    let mut st = conn.prepare(
        "SELECT client_id, id, benefit_start, exit_date FROM episode \
         ORDER BY client_id, benefit_start, id",
    )?;
    let rows: Vec<(Id, Id, NaiveDate, Option<NaiveDate>)> = st
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, date(r, 2)?, opt_date(r, 3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for client in rows.chunk_by(|a, b| a.0 == b.0) {
        let dates: Vec<_> = client.iter().map(|(_, _, s, x)| (*s, *x)).collect();
        for (later, _, clash) in clashes(&dates) {
            out.push(Finding {
                rule: match clash {
                    Clash::TwoOpen => Rule::TwoOpenEpisodes,
                    Clash::Overlap => Rule::EpisodeOverlap,
                },
                client_id: client[later].0,
                row_id: client[later].1,
            });
        }
    }
    Ok(out)
}

/// Aftercare contacts against the consent of their plan.
fn contacts(conn: &Connection) -> Result<Vec<Finding>> {
    let sql = format!(
        "SELECT {}, \
         (SELECT e.client_id FROM aftercare_plan p JOIN episode e ON e.id = p.episode_id \
          WHERE p.id = aftercare_contact.plan_id) AS client_id, \
         (SELECT mode FROM aftercare_plan WHERE id = aftercare_contact.plan_id) AS plan_mode, \
         (SELECT consent FROM aftercare_plan WHERE id = aftercare_contact.plan_id) AS plan_consent, \
         (SELECT group_concat(kind) FROM referral WHERE contact_id = aftercare_contact.id) \
           AS referral_kinds \
         FROM aftercare_contact",
        CONTACT.select("")
    );
    let mut st = conn.prepare(&sql)?;
    let mut out = Vec::new();
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let mut c = contact_row(r)?;
        let client_id = r.get("client_id")?;
        let mode: AftercareMode = r.get("plan_mode")?;
        let consent: bool = r.get("plan_consent")?;
        let kinds: Option<String> = r.get("referral_kinds")?;
        c.referrals = kinds
            .iter()
            .flat_map(|k| k.split(','))
            .filter_map(ReferralKind::from_code)
            .collect();
        for (_, broken) in contact_rules::problems(mode, consent, &c) {
            let rule = match broken {
                ContactRule::HeldWhenDeclined => Rule::ContactWhenDeclined,
                ContactRule::AnswersWithoutConsent => Rule::CheckInWithoutConsent,
                ContactRule::AnswersNotReached => Rule::AnswersNotReached,
            };
            out.push(Finding {
                rule,
                client_id,
                row_id: c.id,
            });
        }
    }
    Ok(out)
}

/// Clients' phone numbers and e-mail addresses.
fn people(conn: &Connection) -> Result<Vec<Finding>> {
    let mut st = conn.prepare("SELECT id, phone, email FROM client")?;
    let mut out = Vec::new();
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let id = r.get(0)?;
        let phone: String = r.get(1)?;
        let email: String = r.get(2)?;
        let found = [contradictions::phone(&phone), contradictions::email(&email)];
        for c in found.into_iter().flatten() {
            out.push(Finding {
                rule: rule_of(c),
                client_id: id,
                row_id: id,
            });
        }
    }
    Ok(out)
}

/// Exits against the client's age, the job's independence and the trajectory it came from.
fn exits(conn: &Connection) -> Result<Vec<Finding>> {
    let mut st = conn.prepare(
        "SELECT e.client_id, e.id, e.exit_date, e.exit_reason, c.birth_date, x.independence, \
         coalesce(t.start_date, t.referred_on) \
         FROM episode e JOIN client c ON c.id = e.client_id \
         LEFT JOIN exit_interview x ON x.episode_id = e.id \
         LEFT JOIN trajectory t ON t.id = x.found_via_trajectory_id \
         WHERE e.exit_date IS NOT NULL AND e.exit_reason IS NOT NULL",
    )?;
    let mut out = Vec::new();
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let facts = ExitFacts {
            exit_date: date(r, 2)?,
            reason: code(r, 3)?,
            birth_date: opt_date(r, 4)?,
            independence: opt_code(r, 5)?,
            found_via_began: opt_date(r, 6)?,
        };
        for (_, c) in facts.contradictions() {
            out.push(Finding {
                rule: rule_of(c),
                client_id: r.get(0)?,
                row_id: r.get(1)?,
            });
        }
    }
    Ok(out)
}

fn rule_of(c: Contradiction) -> Rule {
    match c {
        Contradiction::EmailWithoutDomain => Rule::EmailWithoutDomain,
        Contradiction::PhoneWithLetters => Rule::PhoneWithLetters,
        Contradiction::EmploymentPartly => Rule::EmploymentPartly,
        Contradiction::StudyAge => Rule::StudyAge,
        Contradiction::FoundViaAfterExit => Rule::FoundViaAfterExit,
    }
}
