//! The roster's rows computed from the records, in SQL: what the list shows of a client
//! whatever the day, as the columns of `roster` (with the client's names beside them, as
//! [`super::roster::kept`] reads a kept row). A rebuild writes the rows of a step of
//! clients with one statement; a save, a client's row with one; the list and `check`
//! read them the same way. The parts SQL cannot say as the app does (the name as the list
//! shows it, folded as the filter matches it, the phase) are the app's own functions,
//! registered on every connection ([`register`]).

use super::caseload::{
    CLIENT_COLS, ITEM_COLS, ITEM_TRAJECTORY, LATEST_EPISODE, NOT_HANDED_OVER, items,
};
use crate::domain::Phase;
use crate::domain::codes::Code;
use crate::domain::model::{Id, list_name};
use crate::domain::phase::PhaseFacts;
use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension};

/// The records of the latest episode `e` read by their key (one of each at most): its
/// intake `i` and its aftercare plan `p` (as [`ITEM_TRAJECTORY`] joins an item's).
/// Joined rather than asked for in a subquery each time they are used: every subquery a
/// row runs opens its cursors again, and SQLite walks every cursor the statement holds
/// open to open and close one (a million clients: 17 subqueries a row, 30% of the rows'
/// time).
const EPISODE_JOINS: &str = "LEFT JOIN intake i ON i.episode_id = e.id \
     LEFT JOIN aftercare_plan p ON p.episode_id = e.id";

/// The facts deciding the phase (see [`PhaseFacts`]), of `e` and the records of
/// [`EPISODE_JOINS`]: those of [`super::caseload::PHASE_FACTS`], but whether a trajectory
/// runs, which [`rows_of`] reads from `trajectory_flag`.
const PHASE_COLS: &str = "e.id IS NOT NULL AND e.exit_date IS NULL AS on_benefit, \
     CASE WHEN i.episode_id IS NOT NULL THEN i.plan_agreed_on IS NOT NULL END AS plan_agreed, \
     coalesce(p.status = 'active', 0) AS aftercare_running";

/// The first day a running trajectory of `e` needs a look: the day after its planned end
/// or its review (`~`, after every day, when it has neither); none exactly when no
/// trajectory runs, so that one subquery says both (each a row runs costs a tenth of the
/// rows' time at a million clients).
const TRAJECTORY_FLAG: &str = "(SELECT min(min(coalesce(date(t.planned_end, '+1 day'), '~'), \
                                coalesce(date(t.next_review, '+1 day'), '~'))) \
     FROM trajectory t WHERE t.episode_id = e.id AND t.status IN ('referred', 'started')) \
     AS trajectory_flag";

/// Whether the latest episode `e` is not closed: on benefit, or in aftercare.
const NOT_CLOSED: &str = "e.id IS NOT NULL AND (e.exit_date IS NULL OR p.status = 'active')";

/// The day of the last thing that happened in the latest episode `e`: its start or exit,
/// the intake, a note, a trajectory referred, started or ended, an agreement done, a
/// contact held.
const LAST_DONE: &str = "max(e.benefit_start, coalesce(e.exit_date, ''), \
     coalesce(i.intake_date, ''), \
     coalesce((SELECT max(noted_on) FROM note WHERE episode_id = e.id), ''), \
     coalesce((SELECT max(max(referred_on, coalesce(start_date, ''), coalesce(ended_on, ''))) \
               FROM trajectory WHERE episode_id = e.id), ''), \
     coalesce((SELECT max(done_on) FROM agreement WHERE episode_id = e.id), ''), \
     coalesce((SELECT max(k.done_on) FROM aftercare_contact k WHERE k.plan_id = p.id), ''))";

/// The first day episode `e` needs a look (see [`super::caseload::CaseloadRow::flagged`])
/// but for its trajectories ([`TRAJECTORY_FLAG`]): the day after the plan of action was due
/// (`days` after the intake, in an open period), or always when its aftercare is flagged;
/// the earlier of the two, each `~` (after every day) when there is none.
fn flag_rest(days: u32) -> String {
    let after = days + 1;
    format!(
        "min(CASE WHEN p.status = 'active' AND p.flagged = 1 THEN '0001-01-01' ELSE '~' END, \
             CASE WHEN i.plan_agreed_on IS NULL AND e.exit_date IS NULL \
                  THEN coalesce(date(i.intake_date, '+{after} days'), '~') ELSE '~' END) \
         AS flag_rest"
    )
}

/// What the records say of a client, with `o` the client's earliest open item (the
/// query joins [`EPISODE_JOINS`] and [`ITEM_TRAJECTORY`]).
fn facts_cols(days: u32) -> String {
    format!(
        "{CLIENT_COLS}, {PHASE_COLS}, {TRAJECTORY_FLAG}, {ITEM_COLS}, {}, \
         CASE WHEN o.due IS NULL AND {NOT_CLOSED} THEN {LAST_DONE} END AS idle_since",
        flag_rest(days)
    )
}

/// The row of each client of `facts` (a query of [`facts_cols`]): a client who is not
/// closed and has nothing open has "no next step" since the last thing that happened
/// (kind `idle`), and needs a look whatever the day; else from the earliest day one of
/// its flags gives (none when none does). `facts` is read as it is, not merged
/// into this query (`OFFSET 0`): merged, each use of `idle_since` here would look up the
/// last thing that happened again (a million clients: 26 s instead of 23 for every row).
fn rows_of(facts: &str) -> String {
    format!(
        "SELECT f.id AS id, f.id AS client_id, f.first_name AS first_name, \
           f.prefix AS prefix, f.last_name AS last_name, f.bsn AS bsn, \
           caseload_sort_name(f.first_name, f.prefix, f.last_name) AS sort_name, \
           caseload_folded(f.first_name, f.prefix, f.last_name) AS folded, \
           caseload_phase(f.on_benefit, f.plan_agreed, f.trajectory_flag IS NOT NULL, \
                          f.aftercare_running) AS phase, \
           coalesce(f.due, f.idle_since) AS due, \
           CASE WHEN f.idle_since IS NULL THEN f.kind ELSE 'idle' END AS kind, \
           CASE WHEN f.idle_since IS NULL THEN f.ref_id ELSE 0 END AS ref_id, \
           CASE WHEN f.idle_since IS NULL THEN f.detail ELSE '' END AS detail, \
           f.instrument AS instrument, \
           CASE WHEN f.idle_since IS NULL \
                THEN nullif(min(coalesce(f.trajectory_flag, '~'), f.flag_rest), '~') \
                ELSE '0001-01-01' END AS flag_from \
         FROM ({facts} LIMIT -1 OFFSET 0) f"
    )
}

/// Client `?1`'s row (none when the client is handed over or gone).
pub(super) fn one_sql(days: u32) -> String {
    rows_of(&format!(
        "SELECT {} FROM client c {LATEST_EPISODE} {EPISODE_JOINS} \
         LEFT JOIN (SELECT client_id, due, kind, ref_id, detail FROM ({}) \
                    WHERE client_id = ?1 ORDER BY due, kind, ref_id LIMIT 1) o \
         {ITEM_TRAJECTORY} WHERE c.id = ?1 AND c.id {NOT_HANDED_OVER}",
        facts_cols(days),
        items(days)
    ))
}

/// The clients whose rows one statement of [`range_sql`] computes in a pass over every
/// client (a rebuild, `check`): each step's items gathered by their clients' periods and
/// numbered in memory, a few megabytes. In one statement a million demo clients' 1.65
/// million items were numbered at once (270 MB), and 100,000 took longer than two steps.
pub(super) const STEP: i64 = 50_000;

/// The rows of the clients with ids from `?1` to `?2`, in id order.
pub(super) fn range_sql(days: u32) -> String {
    rows_of(&format!(
        "WITH nxt AS (SELECT client_id, due, kind, ref_id, detail FROM \
           (SELECT client_id, due, kind, ref_id, detail, row_number() OVER \
              (PARTITION BY client_id ORDER BY due, kind, ref_id) AS n FROM ({}) \
            WHERE client_id BETWEEN ?1 AND ?2) \
           WHERE n = 1) \
         SELECT {} FROM client c {LATEST_EPISODE} {EPISODE_JOINS} \
         LEFT JOIN nxt o ON o.client_id = c.id {ITEM_TRAJECTORY} \
         WHERE c.id BETWEEN ?1 AND ?2 AND c.id {NOT_HANDED_OVER} ORDER BY c.id",
        items(days),
        facts_cols(days)
    ))
}

/// The steps of about [`STEP`] clients that cover every id, in order and without gaps
/// (a row whatever its id is in one): the bounds of [`range_sql`], each step's end found
/// by counting clients, whatever their ids are.
pub(super) fn steps(conn: &Connection) -> rusqlite::Result<Vec<(Id, Id)>> {
    steps_of(conn, STEP)
}

/// [`steps`] of `step` clients.
pub(super) fn steps_of(conn: &Connection, step: i64) -> rusqlite::Result<Vec<(Id, Id)>> {
    let mut end = conn
        .prepare_cached("SELECT id FROM client WHERE id >= ?1 ORDER BY id LIMIT 1 OFFSET ?2 - 1")?;
    let (mut from, mut out) = (Id::MIN, Vec::new());
    loop {
        let to = end.query_row([from, step], |r| r.get(0)).optional()?;
        out.push((from, to.unwrap_or(Id::MAX)));
        match to.and_then(|to: Id| to.checked_add(1)) {
            Some(next) => from = next,
            None => return Ok(out),
        }
    }
}

/// The statement writing the rows `rows` (a query of [`range_sql`] or [`one_sql`]) into the
/// roster, a row there before replaced.
pub(super) fn write_sql(rows: &str) -> String {
    format!(
        "INSERT OR REPLACE INTO roster (client_id, sort_name, folded, phase, phase_rank, due, \
           kind, ref_id, detail, instrument, flag_from, due_key) \
         SELECT client_id, sort_name, folded, phase, caseload_phase_rank(phase), due, kind, \
           ref_id, detail, instrument, flag_from, coalesce(due, '~') FROM ({rows})"
    )
}

/// A phase's place in the journey (intake first), as the roster sorts by it.
pub(super) fn phase_rank(p: Phase) -> i64 {
    Phase::all().iter().position(|x| *x == p).unwrap_or(0) as i64
}

/// Registers the functions the rows are computed with on `conn`:
/// `caseload_sort_name` and `caseload_folded` (first name, prefix, last name: the name as
/// the list shows it, lower case, and as the filter matches it), `caseload_phase` (the
/// four facts of [`PhaseFacts`]: the phase's code) and `caseload_phase_rank` (a phase's
/// code: its place).
pub(super) fn register(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("caseload_sort_name", 3, flags, |ctx| {
        Ok(name_of(ctx)?.to_lowercase())
    })?;
    conn.create_scalar_function("caseload_folded", 3, flags, |ctx| {
        Ok(crate::domain::search::fold(&name_of(ctx)?))
    })?;
    conn.create_scalar_function("caseload_phase", 4, flags, |ctx| {
        let fact = |i| Ok::<_, rusqlite::Error>(ctx.get::<Option<bool>>(i)?.unwrap_or(false));
        let phase = Phase::derive(PhaseFacts {
            on_benefit: fact(0)?,
            plan_agreed: fact(1)?,
            trajectory_running: fact(2)?,
            aftercare_running: fact(3)?,
        });
        Ok(phase.code())
    })?;
    conn.create_scalar_function("caseload_phase_rank", 1, flags, |ctx| {
        let phase: Phase = ctx.get(0)?;
        Ok(phase_rank(phase))
    })
}

/// The list name of a function's three arguments: first name, prefix, last name.
fn name_of(ctx: &Context) -> rusqlite::Result<String> {
    // Read in place, not copied (a million rows: six copies each).
    let part = |i| match ctx.get_raw(i) {
        ValueRef::Null => Ok(""),
        v => v.as_str().map_err(rusqlite::Error::from),
    };
    Ok(list_name(part(0)?, part(1)?, part(2)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn the_steps_cover_every_client_once_in_order_and_compute_the_rows_of_one_pass() {
        let mut store = Store::open_in_memory().unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        crate::demo::generate(&mut store, 40, 3, today).unwrap();
        let conn = store.conn();
        // Ids with gaps, and one far beyond the others.
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF; \
             UPDATE client SET id = id * 3 WHERE id > 20; \
             UPDATE client SET id = 9000000000000 WHERE id = (SELECT max(id) FROM client);",
        )
        .unwrap();
        let ids: Vec<Id> = conn
            .prepare("SELECT id FROM client ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let rows = |bounds: &[(Id, Id)]| -> Vec<(Id, String, Option<String>)> {
            let mut st = conn.prepare(&range_sql(14)).unwrap();
            bounds
                .iter()
                .flat_map(|(a, b)| {
                    st.query_map([a, b], |r| {
                        Ok((r.get("id")?, r.get("phase")?, r.get("due")?))
                    })
                    .unwrap()
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .unwrap()
                })
                .collect()
        };
        let whole = rows(&[(Id::MIN, Id::MAX)]);
        assert_eq!(whole.iter().map(|r| r.0).collect::<Vec<_>>(), ids);
        for step in [1, 7, 40, 41, 1000] {
            let bounds = steps_of(conn, step).unwrap();
            assert_eq!(bounds.len(), ids.len() / step as usize + 1, "step {step}");
            assert_eq!(bounds[0].0, Id::MIN);
            assert_eq!(bounds[bounds.len() - 1].1, Id::MAX);
            for pair in bounds.windows(2) {
                assert_eq!(pair[0].1 + 1, pair[1].0, "steps in order, without gaps");
            }
            assert_eq!(rows(&bounds), whole, "step {step}");
        }
        conn.execute_batch("DELETE FROM client").unwrap();
        assert_eq!(steps_of(conn, 7).unwrap(), vec![(Id::MIN, Id::MAX)]);
    }
}
