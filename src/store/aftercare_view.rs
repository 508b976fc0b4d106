//! Aftercare as the client file shows it (plan, contacts, premium instalments), the running
//! plan of a client, and the trajectories that belong to running aftercare.

use super::aftercare::{contacts_of, plan_of_episode};
use super::exits::instalments_of;
use super::{Result, Store, Tx};
use crate::domain::codes::{ContactStatus, PlanStatus};
use crate::domain::model::{AftercareContact, AftercarePlan, Id, PremiumInstalment};
use rusqlite::Connection;

/// The aftercare section of a client file: the plan of the latest benefit period (if any),
/// its contacts by date, and the premium instalments.
#[derive(Clone, Debug, PartialEq)]
pub struct AftercareFile {
    pub plan: Option<AftercarePlan>,
    /// By planned date (cancelled ones included, so an early end stays readable).
    pub contacts: Vec<AftercareContact>,
    /// In order.
    pub instalments: Vec<PremiumInstalment>,
}

/// Whether the episode's aftercare plan is running (a trajectory may then still start:
/// a jobhunter when a contract is not renewed, job coaching at the new workplace).
pub(super) fn aftercare_running(conn: &Connection, episode_id: Id) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM aftercare_plan WHERE episode_id = ?1 AND status = 'active'")?
        .exists([episode_id])?)
}

impl Tx<'_> {
    /// Moves the running trajectories (referred or started) of one benefit period to
    /// another: a trajectory started during aftercare continues when the client comes back
    /// on benefit. Returns the ids moved.
    pub fn carry_running_trajectories(&self, from: Id, to: Id) -> Result<Vec<Id>> {
        let ids: Vec<Id> = self
            .conn()
            .prepare_cached(
                "SELECT id FROM trajectory WHERE episode_id = ?1 \
                 AND status IN ('referred', 'started') ORDER BY id",
            )?
            .query_map([from], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut st = self
            .conn()
            .prepare_cached("UPDATE trajectory SET episode_id = ?2 WHERE id = ?1")?;
        for id in &ids {
            st.execute([*id, to])?;
            self.audit("trajectory", *id, "update")?;
        }
        Ok(ids)
    }
}

impl Store {
    /// The aftercare section of an episode: `None` when it has neither a plan nor premium
    /// instalments.
    pub fn aftercare_file(&self, episode_id: Id) -> Result<Option<AftercareFile>> {
        let plan = plan_of_episode(self.conn(), episode_id)?;
        let instalments = instalments_of(self.conn(), episode_id)?;
        if plan.is_none() && instalments.is_empty() {
            return Ok(None);
        }
        let contacts = match &plan {
            Some(p) => contacts_of(self.conn(), p.id)?,
            None => Vec::new(),
        };
        Ok(Some(AftercareFile {
            plan,
            contacts,
            instalments,
        }))
    }

    /// The running aftercare plan of a client's latest benefit period, with its planned
    /// contacts (earliest first).
    pub fn running_aftercare(
        &self,
        client_id: Id,
    ) -> Result<Option<(AftercarePlan, Vec<AftercareContact>)>> {
        let Some(ep) = self.latest_episode(client_id)? else {
            return Ok(None);
        };
        let Some(plan) =
            plan_of_episode(self.conn(), ep.id)?.filter(|p| p.status == PlanStatus::Active)
        else {
            return Ok(None);
        };
        let planned = contacts_of(self.conn(), plan.id)?
            .into_iter()
            .filter(|c| c.status == ContactStatus::Planned)
            .collect();
        Ok(Some((plan, planned)))
    }
}
