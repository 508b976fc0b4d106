//! The facts of the risk of re-entry (see `domain::risk`), per client in aftercare or about
//! to leave (an open benefit period with an exit interview started: its draft is kept), in
//! one query over the latest benefit period of each.

use super::caseload::LATEST_EPISODE;
use super::{Result, Store};
use crate::domain::codes::{Code, ContractType, Risk};
use crate::domain::model::Id;
use crate::domain::risk::RiskFacts;
use rusqlite::Row;

/// The clients who may be in scope, found through indexes: an active aftercare plan
/// (through its status index), or an exit interview's draft (kept under the client,
/// through the draft's key). Only for the whole caseload: for one client it would still
/// gather them all.
const CANDIDATES: &str = "c.id IN (SELECT x.client_id FROM aftercare_plan p \
     JOIN episode x ON x.id = p.episode_id WHERE p.status = 'active' \
     UNION SELECT subject FROM draft WHERE form = 'exit')";

/// The clients the level is computed for: in aftercare in their latest period, or about
/// to leave it (an open period with an exit interview's draft).
const IN_SCOPE: &str = "(EXISTS (SELECT 1 FROM aftercare_plan p WHERE p.episode_id = e.id \
                  AND p.status = 'active') \
          OR (e.exit_date IS NULL \
              AND EXISTS (SELECT 1 FROM draft WHERE form = 'exit' AND subject = c.id)))";

/// The facts of episode `e` of client `c`, named as [`facts`] reads them: for the latest
/// episode as they stand now, or (`at_exit`) as they stood when `e` ended: without what its
/// aftercare brought (referrals, check-ins) and with only the periods before it.
pub(super) fn fact_cols(at_exit: bool) -> String {
    let (debt_help, mental_referral, checkin) = if at_exit {
        ("", "", "NULL")
    } else {
        (
            " OR EXISTS (SELECT 1 FROM aftercare_plan p JOIN aftercare_contact k \
               ON k.plan_id = p.id JOIN referral r ON r.contact_id = k.id \
               WHERE p.episode_id = e.id AND r.kind = 'debt_help')",
            " OR EXISTS (SELECT 1 FROM episode x JOIN aftercare_plan p ON p.episode_id = x.id \
               JOIN aftercare_contact k ON k.plan_id = p.id \
               JOIN referral r ON r.contact_id = k.id \
               WHERE x.client_id = c.id AND r.kind = 'mental_health')",
            "(SELECT k.risk FROM aftercare_plan p JOIN aftercare_contact k ON k.plan_id = p.id \
              WHERE p.episode_id = e.id AND k.status = 'done' AND k.risk IS NOT NULL \
              ORDER BY k.done_on DESC, k.id DESC LIMIT 1)",
        )
    };
    let (earlier, up_to) = if at_exit {
        (
            "x.benefit_start < e.benefit_start",
            " AND x.benefit_start <= e.benefit_start",
        )
    } else {
        ("x.id <> e.id", "")
    };
    format!(
        "c.id AS client_id, \
         (EXISTS (SELECT 1 FROM barrier b WHERE b.episode_id = e.id AND b.code = 'debts')\
          {debt_help}) AS debts, \
         (SELECT group_concat(s.score) FROM domain_score s WHERE s.assessment_id = \
            (SELECT a.id FROM assessment a WHERE a.episode_id = e.id \
             AND EXISTS (SELECT 1 FROM domain_score d WHERE d.assessment_id = a.id) \
             ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1)) AS scores, \
         coalesce((SELECT i.statushouder FROM intake i WHERE i.episode_id = e.id), 0) \
           AS statushouder, \
         (SELECT x.contract_type FROM exit_interview x WHERE x.episode_id = e.id) AS contract, \
         (EXISTS (SELECT 1 FROM episode x JOIN barrier b ON b.episode_id = x.id \
                  WHERE x.client_id = c.id AND b.code = 'mental_health'{up_to})\
          {mental_referral}) AS mental_health, \
         coalesce((SELECT i.household = 'single_with_children' FROM intake i \
                   WHERE i.episode_id = e.id), 0) AS single_parent, \
         coalesce(e.exit_reason = 'study', 0) AS study_exit, \
         EXISTS (SELECT 1 FROM episode x WHERE x.client_id = c.id AND {earlier} \
                 AND x.exit_date IS NOT NULL AND x.exit_reason NOT LIKE 'excluded.%') \
           AS earlier_reentry, \
         {checkin} AS checkin"
    )
}

/// The query of the facts, for every client in scope or (with `one`) for client `?1`.
pub(super) fn risk_sql(one: bool) -> String {
    let which = if one { "c.id = ?1" } else { CANDIDATES };
    let cols = fact_cols(false);
    format!("SELECT {cols} FROM client c {LATEST_EPISODE} WHERE {which} AND {IN_SCOPE}")
}

pub(super) fn facts(r: &Row) -> rusqlite::Result<(Id, RiskFacts)> {
    let scores: Option<String> = r.get("scores")?;
    let contract: Option<String> = r.get("contract")?;
    let checkin: Option<String> = r.get("checkin")?;
    Ok((
        r.get("client_id")?,
        RiskFacts {
            debts: r.get("debts")?,
            domain_scores: scores
                .unwrap_or_default()
                .split(',')
                .filter_map(|s| s.parse().ok())
                .collect(),
            statushouder: r.get("statushouder")?,
            contract: contract.as_deref().and_then(ContractType::from_code),
            mental_health: r.get("mental_health")?,
            single_parent: r.get("single_parent")?,
            study_exit: r.get("study_exit")?,
            earlier_reentry: r.get("earlier_reentry")?,
            checkin: checkin.as_deref().and_then(Risk::from_code),
        },
    ))
}

impl Store {
    /// The risk facts of every client in aftercare or about to leave, by client id order.
    pub fn risk_facts(&self) -> Result<Vec<(Id, RiskFacts)>> {
        let mut st = self.conn().prepare_cached(&risk_sql(false))?;
        let rows = st.query_map([], facts)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The risk facts of one client's latest period whatever its phase (the exit interview
    /// weighs them with the contract typed in it), `None` when there is no such client.
    pub fn risk_facts_now(&self, client_id: Id) -> Result<Option<RiskFacts>> {
        use rusqlite::OptionalExtension;
        let cols = fact_cols(false);
        let sql = format!("SELECT {cols} FROM client c {LATEST_EPISODE} WHERE c.id = ?1");
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row([client_id], facts)
            .optional()?
            .map(|(_, f)| f))
    }

    /// The risk facts of one client, `None` when not in aftercare nor about to leave.
    pub fn risk_facts_of(&self, client_id: Id) -> Result<Option<RiskFacts>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn()
            .prepare_cached(&risk_sql(true))?
            .query_row([client_id], facts)
            .optional()?
            .map(|(_, f)| f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The query plan of the facts: every table is searched through an index (or its key),
    /// the clients only through the ids in scope.
    #[test]
    fn the_query_uses_indexes() {
        let store = Store::open_in_memory().unwrap();
        for one in [false, true] {
            let sql = format!("EXPLAIN QUERY PLAN {}", risk_sql(one));
            let mut st = store.conn().prepare(&sql).unwrap();
            let plan: Vec<String> = st
                .query_map(rusqlite::params_from_iter(one.then_some(1)), |r| {
                    r.get::<_, String>(3)
                })
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            let scans: Vec<&String> = plan
                .iter()
                .filter(|l| l.starts_with("SCAN") && !l.contains("INDEX"))
                .collect();
            assert!(scans.is_empty(), "{plan:#?}");
        }
    }
}
