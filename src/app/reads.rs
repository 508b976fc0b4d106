//! The reads of the screens' windows and the background's work, as the store answers them
//! on either connection: a page of the list or the agenda, a count, the report.

use super::effect::{AgendaPage, Reported};
use super::screens::agenda::AgendaRead;
use super::screens::reports::Period;
use super::screens::window::{Page, PageRead, Seek};
use crate::assets::Assets;
use crate::domain::retention::LISTED;
use crate::store::Store;
use crate::store::roster_page::{ListKey, ListQuery};
use chrono::NaiveDate;

/// The rows of the list a read asks for (see [`Seek`]).
pub(super) fn list_page(
    store: &Store,
    want: &PageRead,
    today: NaiveDate,
) -> crate::store::Result<Page> {
    let (q, n) = (&want.query, want.rows);
    if want.whole {
        let rows = store.list_page(q, None, true, usize::MAX, today)?;
        return Ok((rows, 0));
    }
    let rows = match &want.seek {
        Seek::First => store.list_page(q, None, true, n, today)?,
        Seek::Last => store.list_page(q, None, false, n, today)?,
        Seek::After(k) => store.list_page(q, Some(k), true, n, today)?,
        Seek::Before(k) => store.list_page(q, Some(k), false, n, today)?,
        Seek::Client(id, was) => {
            let key = store.caseload_row(*id, today)?.map(|r| ListKey::of(&r));
            match key.as_ref().or(was.as_ref()) {
                Some(key) => return store.list_around(q, key, (n, n), today),
                None => store.list_page(q, None, true, n, today)?,
            }
        }
    };
    Ok((rows, 0))
}

/// How many rows the list `q` has, and the caseload.
pub(super) fn list_count(store: &Store, q: &ListQuery) -> crate::store::Result<(usize, usize)> {
    let n = store.list_count(q)?;
    let all = ListQuery {
        order: q.order,
        ..ListQuery::default()
    };
    let total = if *q == all {
        n
    } else {
        store.list_count(&all)?
    };
    Ok((n, total))
}

/// The rows of the agenda a read asks for (see [`Seek`]), with the risk of re-entry of
/// their clients when it is medium or high.
pub(super) fn agenda_page(
    store: &Store,
    want: &AgendaRead,
    cfg: &crate::domain::risk::RiskConfig,
) -> crate::store::Result<AgendaPage> {
    let (q, n) = (&want.query, want.rows);
    let (rows, before) = match &want.seek {
        Seek::First => (store.agenda_page(q, None, true, n)?, 0),
        Seek::Last => (store.agenda_page(q, None, false, n)?, 0),
        Seek::After(k) => (store.agenda_page(q, Some(k), true, n)?, 0),
        Seek::Before(k) => (store.agenda_page(q, Some(k), false, n)?, 0),
        Seek::Client(_, Some(k)) => store.agenda_around(q, k, (n, n))?,
        Seek::Client(_, None) => (store.agenda_page(q, None, true, n)?, 0),
    };
    let mut risk: Vec<(crate::domain::model::Id, crate::domain::codes::Risk)> = Vec::new();
    for id in rows.iter().map(|r| r.item.client_id) {
        if risk.iter().any(|(c, _)| *c == id) {
            continue;
        }
        if let Some(facts) = store.risk_facts_of(id)? {
            let level = crate::domain::risk::assess(&facts, cfg).level;
            if level != crate::domain::codes::Risk::Low {
                risk.push((id, level));
            }
        }
    }
    Ok(((rows, before), risk))
}

/// The report of `period` on `today`, and the first of what is due for destruction.
pub(super) fn report(
    store: &Store,
    period: Period,
    today: NaiveDate,
    assets: &Assets,
) -> crate::store::Result<Reported> {
    Ok((
        store.report(period, today, &assets.report)?,
        store.retention_first(today, &assets.retention, LISTED)?,
    ))
}
