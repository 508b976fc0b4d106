//! Read models of the caseload: the list with phase and next action, the client file,
//! and the open dated items.

use super::{Result, Store};
use crate::domain::agenda::{ItemKind, OpenItem};
use crate::domain::codes::Rung;
use crate::domain::model::{Client, Episode, Id, Note, list_name};
use crate::domain::{Phase, PhaseFacts};
use chrono::NaiveDate;
use rusqlite::Row;

/// The views whose union is `open_item`, one per kind of item.
const OPEN_ITEM_VIEWS: &[&str] = &[
    "open_agreement",
    "open_review",
    "open_trajectory_end",
    "open_contact",
    "open_premium",
];

/// One row of the caseload list.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseloadRow {
    pub client_id: Id,
    /// "Berg, Jan van der".
    pub name: String,
    /// The name folded for matching (see `domain::search::fold`), once per load rather than
    /// once per key typed in the filter.
    pub folded: String,
    /// The nine digits, for filtering; shown masked.
    pub bsn: String,
    pub phase: Phase,
    /// The earliest open dated item.
    pub next: Option<OpenItem>,
    /// Needs a look: a trajectory past its planned end or with an overdue review (lock-in),
    /// or aftercare flagged after three failed contacts.
    pub flagged: bool,
    /// The facts of the risk of re-entry, for a client in aftercare or about to leave.
    pub risk: Option<crate::domain::risk::RiskFacts>,
}

/// The columns of an open item `o` as [`open_item`] reads them: the view's, and the
/// instrument's key of an item about a trajectory (its name is shown from the catalogue),
/// from the trajectory `ti` that [`ITEM_TRAJECTORY`] joins after `o`.
pub(super) const ITEM_COLS: &str = "o.client_id AS client_id, o.due AS due, o.kind AS kind, \
     o.ref_id AS ref_id, o.detail AS detail, ti.instrument AS instrument";

/// The trajectory `ti` an item `o` is about, for [`ITEM_COLS`]: joined by its key rather
/// than asked for in a subquery, which opens its cursors again for every row (and SQLite
/// walks every cursor its statement holds open to open and close one).
pub(super) const ITEM_TRAJECTORY: &str = "LEFT JOIN trajectory ti \
     ON o.kind IN ('review', 'trajectory_end') AND ti.id = o.ref_id";

/// The columns deciding the phase of a client's latest episode `e` (see [`PhaseFacts`]).
pub(super) const PHASE_FACTS: &str = "e.id IS NOT NULL AND e.exit_date IS NULL AS on_benefit, \
     (SELECT plan_agreed_on IS NOT NULL FROM intake WHERE episode_id = e.id) AS plan_agreed, \
     EXISTS (SELECT 1 FROM trajectory t WHERE t.episode_id = e.id \
             AND t.status IN ('referred', 'started')) AS trajectory_running, \
     EXISTS (SELECT 1 FROM aftercare_plan p WHERE p.episode_id = e.id AND p.status = 'active') \
       AS aftercare_running";

/// Every open dated item: the store's views (`open_item`), and the plan of action to agree
/// `days` after an intake whose plan is not agreed, in a benefit period still open. Those
/// of clients handed over to a colleague are left out where the items are listed (kept
/// out of this union, so that a condition on one client still reaches its parts).
pub(super) fn items(days: u32) -> String {
    format!(
        "SELECT client_id, due, kind, ref_id, detail FROM open_item UNION ALL \
         SELECT e.client_id, date(i.intake_date, '+{days} days'), 'plan', e.id, '' \
         FROM intake i JOIN episode e ON e.id = i.episode_id \
         WHERE i.plan_agreed_on IS NULL AND e.exit_date IS NULL"
    )
}

/// A condition on a client id: not handed over to a colleague (the view `handed_over`):
/// such a client leaves the list and the agenda, and stays on record.
pub(super) const NOT_HANDED_OVER: &str = "NOT IN (SELECT client_id FROM handed_over)";

/// The client's columns of a caseload row (`c`, joined to its latest episode `e`).
pub(super) const CLIENT_COLS: &str = "c.id AS id, c.first_name AS first_name, c.prefix AS prefix, \
     c.last_name AS last_name, c.bsn AS bsn";

/// Joins each client `c` to its latest episode `e`.
pub(super) const LATEST_EPISODE: &str = "LEFT JOIN episode e ON e.id = (SELECT id FROM episode \
     WHERE client_id = c.id ORDER BY benefit_start DESC, id DESC LIMIT 1)";

/// The phase facts of a row, read by the names [`PHASE_FACTS`] gives them.
pub(super) fn facts(r: &Row) -> rusqlite::Result<PhaseFacts> {
    Ok(PhaseFacts {
        on_benefit: r.get("on_benefit")?,
        plan_agreed: r.get::<_, Option<bool>>("plan_agreed")?.unwrap_or(false),
        trajectory_running: r.get("trajectory_running")?,
        aftercare_running: r.get("aftercare_running")?,
    })
}

/// The open item of a row, read by the names [`ITEM_COLS`] gives them (`None` without one).
pub(super) fn open_item(r: &Row) -> rusqlite::Result<Option<OpenItem>> {
    let Some(due) = r.get("due")? else {
        return Ok(None);
    };
    Ok(Some(OpenItem {
        client_id: r.get("client_id")?,
        due,
        kind: r.get("kind")?,
        ref_id: r.get("ref_id")?,
        detail: r.get("detail")?,
        instrument: r.get("instrument")?,
    }))
}

/// A client's list name from the `first_name`, `prefix` and `last_name` columns.
pub(super) fn list_name_of(r: &Row) -> rusqlite::Result<String> {
    let first: String = r.get("first_name")?;
    let prefix: String = r.get("prefix")?;
    let last: String = r.get("last_name")?;
    Ok(list_name(&first, &prefix, &last))
}

/// "No next step since …" as the item of a client who is not closed and has none open.
pub(super) fn idle_item(client_id: Id, since: NaiveDate) -> OpenItem {
    OpenItem {
        client_id,
        due: since,
        kind: ItemKind::Idle,
        ref_id: 0,
        detail: String::new(),
        instrument: None,
    }
}

/// The key of the list order: by due date (none last), then by name, then by id.
pub type SortKey = (bool, Option<NaiveDate>, String, Id);

/// The list order's key of a row.
pub fn sort_key(r: &CaseloadRow) -> SortKey {
    (
        r.next.is_none(),
        r.next.as_ref().map(|n| n.due),
        r.name.to_lowercase(),
        r.client_id,
    )
}

/// Sorts rows into list order.
pub fn sort_rows(rows: &mut [CaseloadRow]) {
    rows.sort_by_cached_key(sort_key);
}

/// A client file's read model: what the right-hand pane shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientFile {
    pub client: Client,
    pub phase: Phase,
    /// Oldest first.
    pub episodes: Vec<Episode>,
    pub latest_rung: Option<(Rung, NaiveDate)>,
    /// Newest first, at most a handful.
    pub notes: Vec<Note>,
    /// Open dated items, soonest first.
    pub open_items: Vec<OpenItem>,
    /// The intake of the latest episode.
    pub intake: Option<crate::domain::model::Intake>,
    /// The goals of the latest episode.
    pub goals: Vec<crate::domain::model::Goal>,
    /// The agreements of the latest episode.
    pub agreements: Vec<crate::domain::model::Agreement>,
    /// The assessments of the latest episode, oldest first.
    pub assessments: Vec<crate::domain::model::Assessment>,
    /// The trajectories of the latest episode, oldest first.
    pub trajectories: Vec<crate::domain::model::Trajectory>,
    /// Everything that happened, over all episodes, newest first.
    pub timeline: Vec<crate::domain::timeline::TimelineEntry>,
    /// The aftercare of the latest episode: plan, contacts, premium instalments.
    pub aftercare: Option<super::aftercare_view::AftercareFile>,
    /// The facts of the risk of re-entry, for a client in aftercare or about to leave.
    pub risk: Option<crate::domain::risk::RiskFacts>,
}

impl Store {
    /// The phase of one client.
    pub fn phase(&self, client_id: Id) -> Result<Phase> {
        let sql = format!("SELECT {PHASE_FACTS} FROM client c {LATEST_EPISODE} WHERE c.id = ?1");
        let f = self
            .conn()
            .prepare_cached(&sql)?
            .query_row([client_id], facts)?;
        Ok(Phase::derive(f))
    }

    /// The open dated items of one client, soonest first.
    pub fn open_items_of(&self, client_id: Id) -> Result<Vec<OpenItem>> {
        let items = items(self.casework.get().plan_within_days);
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {ITEM_COLS} FROM ({items}) o {ITEM_TRAJECTORY} WHERE o.client_id = ?1 \
             ORDER BY o.due, o.kind, o.ref_id"
        ))?;
        let rows = st
            .query_map([client_id], open_item)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows.into_iter().flatten().collect())
    }

    /// Every open dated item of the caseload due on or before `until`, soonest first.
    pub fn open_items(&self, until: NaiveDate) -> Result<Vec<OpenItem>> {
        let items = items(self.casework.get().plan_within_days);
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {ITEM_COLS} FROM ({items}) o {ITEM_TRAJECTORY} WHERE o.due <= ?1 \
             AND o.client_id {NOT_HANDED_OVER} \
             ORDER BY o.due, o.client_id, o.kind, o.ref_id"
        ))?;
        let rows = st
            .query_map([until], open_item)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows.into_iter().flatten().collect())
    }

    /// How many open items are overdue (due before `today`).
    pub fn overdue_count(&self, today: NaiveDate) -> Result<usize> {
        let mut n = 0usize;
        for view in OPEN_ITEM_VIEWS {
            let c: i64 = self
                .conn()
                .prepare_cached(&format!(
                    "SELECT count(*) FROM {view} WHERE due < ?1 AND client_id {NOT_HANDED_OVER}"
                ))?
                .query_row([today], |r| r.get(0))?;
            n += c as usize;
        }
        // The plans of [`items`] due before today: intakes `days` before that (an index range).
        let days = self.casework.get().plan_within_days;
        let plans: i64 = self
            .conn()
            .prepare_cached(&format!(
                "SELECT count(*) FROM intake i JOIN episode e ON e.id = i.episode_id \
                 WHERE i.plan_agreed_on IS NULL AND e.exit_date IS NULL \
                 AND i.intake_date < date(?1, '-{days} days') AND e.client_id {NOT_HANDED_OVER}"
            ))?
            .query_row([today], |r| r.get(0))?;
        Ok(n + plans as usize)
    }

    /// Follows a municipality's rules of casework (`casework.toml`) from now on.
    pub fn set_casework(&self, c: crate::domain::casework::CaseworkConfig) {
        self.casework.set(c);
    }

    /// The latest ladder rung of a client over all episodes, with its date.
    pub fn latest_rung(&self, client_id: Id) -> Result<Option<(Rung, NaiveDate)>> {
        use rusqlite::OptionalExtension;
        let row = self
            .conn()
            .prepare_cached(
                "SELECT a.rung AS rung, a.assessed_on AS assessed_on FROM episode e \
                 JOIN assessment a \
                 ON a.episode_id = e.id WHERE e.client_id = ?1 AND a.rung IS NOT NULL \
                 ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1",
            )?
            .query_row([client_id], |r| {
                Ok((r.get::<_, i64>("rung")?, r.get("assessed_on")?))
            })
            .optional()?;
        Ok(row.and_then(|(n, d)| Rung::from_number(n).map(|r| (r, d))))
    }

    /// Everything the client file shows, or `None` for an unknown id.
    pub fn client_file(&self, client_id: Id) -> Result<Option<ClientFile>> {
        let Some(client) = self.client(client_id)? else {
            return Ok(None);
        };
        let episodes = self.episodes_of(client_id)?;
        let (intake, goals, agreements, assessments, trajectories) = match episodes.last() {
            Some(e) => (
                self.intake(e.id)?,
                self.goals(e.id)?,
                self.agreements(e.id)?,
                self.assessments(e.id)?,
                self.trajectories(e.id)?,
            ),
            None => Default::default(),
        };
        let aftercare = match episodes.last() {
            Some(e) => self.aftercare_file(e.id)?,
            None => None,
        };
        Ok(Some(ClientFile {
            aftercare,
            risk: self.risk_facts_of(client_id)?,
            phase: self.phase(client_id)?,
            episodes,
            intake,
            goals,
            agreements,
            assessments,
            trajectories,
            timeline: self.timeline(client_id, crate::domain::timeline::TimelineFilter::all())?,
            latest_rung: self.latest_rung(client_id)?,
            notes: self.latest_notes(client_id, 5)?,
            open_items: self.open_items_of(client_id)?,
            client,
        }))
    }
}
