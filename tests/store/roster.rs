//! The roster (schema 11): the list's rows kept in a table are what the records make of
//! them after every write, whoever writes; the flag follows the day; a changed rule of
//! casework computes every row again; `check` finds a row that is not right, and a client
//! whose rows of the agenda are not.

use crate::common::{date, today};
use caseload::commands::check::Report;
use caseload::domain::agenda::ItemKind;
use caseload::domain::casework::CaseworkConfig;
use caseload::domain::model::Id;
use caseload::domain::notes::AgreementInput;
use caseload::store::Store;
use caseload::store::roster_page::{ListQuery, ListWord};
use caseload::store::rules::Rule;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// A demo caseload of `n` clients in a file (seed 7).
fn demo_file(n: usize) -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let mut store = Store::open(&db).unwrap();
    caseload::demo::generate(&mut store, n, 7, today()).unwrap();
    (dir, db, store)
}

/// The roster holds every client's row as computed from the records now.
fn holds(store: &Store) {
    let (kept, computed) = store.roster_and_computed().unwrap();
    assert!(!computed.is_empty());
    assert_eq!(
        kept.len(),
        computed.len(),
        "one kept row per client on the list"
    );
    for (k, c) in kept.iter().zip(&computed) {
        assert_eq!(k, c, "client {}", c.client_id);
    }
    assert!(store.roster_fits().unwrap());
    // The kept agenda too: every open item, whatever its date, in the agenda's order.
    let until = date(2100, 1, 1);
    let kept = store.agenda(until).unwrap();
    let computed = store.agenda_computed(until).unwrap();
    assert_eq!(kept.len(), computed.len(), "one kept row per open item");
    for (k, c) in kept.iter().zip(&computed) {
        assert_eq!(k, c, "client {}", c.item.client_id);
    }
}

/// Agrees with a client on benefit to call on `day`: their next step from then.
fn agreement_due(store: &mut Store, client: Id, day: NaiveDate) {
    let ep = store.latest_episode(client).unwrap().unwrap().id;
    store
        .add_agreement(
            ep,
            &AgreementInput::new("Bellen", caseload::domain::codes::Who::Client, Some(day)),
        )
        .unwrap();
}

/// Another program's connection to the file.
fn other(db: &Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(db).unwrap();
    c.pragma_update(None, "foreign_keys", true).unwrap();
    c
}

/// What `caseload check` finds by caseload's own rules: by rule and client.
fn findings(store: &Store) -> Vec<(Rule, Id)> {
    let report = Report::gather(store).unwrap();
    report
        .findings
        .iter()
        .map(|f| (f.rule, f.client_id))
        .collect()
}

/// The clients who need a look on `day`, by the rule as written before the roster (an
/// anchor independent of `flag_from`): a running trajectory past its end or review, the
/// aftercare flagged, the plan of action more than 14 days after the intake, or not closed
/// and without a next step (the list's "no next step").
fn flagged_by_anchor(db: &Path, day: NaiveDate, idle: &[Id]) -> Vec<Id> {
    let c = other(db);
    let mut st = c
        .prepare(
            "SELECT c.id FROM client c LEFT JOIN episode e ON e.id = (SELECT id FROM episode \
             WHERE client_id = c.id ORDER BY benefit_start DESC, id DESC LIMIT 1) \
             WHERE EXISTS (SELECT 1 FROM trajectory t WHERE t.episode_id = e.id \
               AND t.status IN ('referred', 'started') \
               AND (t.planned_end < ?1 OR t.next_review < ?1)) \
             OR EXISTS (SELECT 1 FROM aftercare_plan p WHERE p.episode_id = e.id \
               AND p.status = 'active' AND p.flagged = 1) \
             OR (e.exit_date IS NULL AND EXISTS (SELECT 1 FROM intake i \
               WHERE i.episode_id = e.id AND i.plan_agreed_on IS NULL \
               AND date(i.intake_date, '+14 days') < ?1)) ORDER BY c.id",
        )
        .unwrap();
    let mut ids: Vec<Id> = st
        .query_map([day], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    ids.extend(idle);
    ids.sort_unstable();
    ids.dedup();
    ids
}

#[test]
fn the_demo_s_roster_is_what_the_records_make_of_every_client() {
    let (_dir, _db, store) = demo_file(300);
    holds(&store);
    let report = Report::gather(&store).unwrap();
    assert!(report.is_clean(), "{report:?}");
}

#[test]
fn the_flag_follows_the_day_as_the_rule_says() {
    let (_dir, db, store) = demo_file(300);
    let idle: Vec<Id> = store
        .caseload(today())
        .unwrap()
        .iter()
        .filter(|r| {
            r.next
                .as_ref()
                .is_some_and(|n| n.kind == caseload::domain::agenda::ItemKind::Idle)
        })
        .map(|r| r.client_id)
        .collect();
    assert!(!idle.is_empty());
    let mut seen = std::collections::HashSet::new();
    // Every day from a year back to a year ahead: each due date's day before, on and after.
    for offset in -400..=400 {
        let day = caseload::domain::date::add_days(today(), offset);
        let mut flagged: Vec<Id> = store
            .caseload(day)
            .unwrap()
            .iter()
            .filter(|r| r.flagged)
            .map(|r| r.client_id)
            .collect();
        flagged.sort_unstable();
        assert_eq!(flagged, flagged_by_anchor(&db, day, &idle), "on {day}");
        seen.insert(flagged.len());
    }
    assert!(seen.len() > 10, "the flag changed with the day: {seen:?}");
}

#[test]
fn the_first_page_is_the_start_of_the_whole_list() {
    let (_dir, _db, store) = demo_file(300);
    let all = store.caseload(today()).unwrap();
    let q = caseload::store::roster_page::ListQuery::default();
    let page = store.list_page(&q, None, true, 70, today()).unwrap();
    assert_eq!(page.len(), 70);
    assert_eq!(page[..], all[..70]);
}

#[test]
fn a_save_and_its_undo_keep_the_roster_right() {
    let (_dir, _db, mut store) = demo_file(60);
    store.log_changes().unwrap();
    let row = |s: &Store, id| s.caseload_row(id, today()).unwrap();
    let first = store.caseload(today()).unwrap();
    // A client on benefit: an agreement due before everything else becomes the next step.
    let client = first
        .iter()
        .find(|r| {
            store
                .latest_episode(r.client_id)
                .unwrap()
                .is_some_and(|e| e.exit_date.is_none())
        })
        .unwrap()
        .client_id;
    let early = date(2020, 1, 2);
    agreement_due(&mut store, client, early);
    holds(&store);
    let list = store.caseload(today()).unwrap();
    assert_eq!(list[0].client_id, client, "the earliest due date is on top");
    assert_eq!(list[0].next.as_ref().map(|n| n.due), Some(early));
    let set = store.last_change().unwrap();
    store.undo(set).unwrap();
    holds(&store);
    assert_eq!(
        row(&store, client),
        first.iter().find(|r| r.client_id == client).cloned()
    );
    assert_eq!(store.caseload(today()).unwrap(), first);
}

#[test]
fn a_client_without_a_next_step_leaves_the_agenda_s_first_group_and_comes_back() {
    let (_dir, _db, mut store) = demo_file(300);
    store.log_changes().unwrap();
    let first = store.caseload(today()).unwrap();
    // A client without a next step gets one, and is without one again after the undo:
    // the agenda's first group loses the client and has them back.
    let idle = first
        .iter()
        .find(|r| r.next.as_ref().is_some_and(|n| n.kind == ItemKind::Idle))
        .expect("the demo has a client without a next step")
        .client_id;
    agreement_due(&mut store, idle, date(2020, 1, 2));
    holds(&store);
    let set = store.last_change().unwrap();
    store.undo(set).unwrap();
    holds(&store);
    let agenda = store.agenda(today()).unwrap();
    assert!(
        agenda
            .iter()
            .any(|e| e.item.client_id == idle && e.item.kind == ItemKind::Idle)
    );
}

#[test]
fn what_another_program_writes_is_read_computed_until_the_app_computes_it_again() {
    let (_dir, db, mut store) = demo_file(60);
    let before = store.caseload(today()).unwrap();
    let client = before[5].client_id;
    // Another program renames a client and deletes every open agreement of another.
    let sqlite = other(&db);
    sqlite
        .execute(
            "UPDATE client SET last_name = 'Aaberg' WHERE id = ?1",
            [client],
        )
        .unwrap();
    let stale: i64 = sqlite
        .query_row("SELECT count(*) FROM roster_stale", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stale, 1, "its trigger marked the client");
    // A reader (the app's background list) reads the stale row computed.
    let reader = Store::open_reader(&db).unwrap();
    let read = reader.caseload(today()).unwrap();
    let renamed = read.iter().find(|r| r.client_id == client).unwrap();
    assert!(renamed.name.starts_with("Aaberg, "), "{}", renamed.name);
    assert_eq!(read.len(), before.len());
    assert!(!store.roster_fits().unwrap());
    // Opened by the app, the stale rows are computed again, once.
    store.fit_roster().unwrap();
    holds(&store);
    assert_eq!(store.caseload(today()).unwrap(), read);
    // The list's filter finds the new name through the trigram index, and not the old.
    store.set_list_rare(usize::MAX);
    let named = |w: &str| {
        let q = ListQuery {
            words: vec![ListWord::Text {
                folded: w.into(),
                phases: vec![],
            }],
            ..ListQuery::default()
        };
        let page = store.list_page(&q, None, true, 10, today()).unwrap();
        page.iter().map(|r| r.client_id).collect::<Vec<_>>()
    };
    assert_eq!(named("aaberg"), vec![client]);
    let old = before[5].folded.split(',').next().unwrap().to_owned();
    assert!(!named(&old).contains(&client), "{old}");
}

#[test]
fn another_rule_of_casework_computes_every_row_again() {
    let (_dir, _db, mut store) = demo_file(120);
    let fourteen = store.caseload(today()).unwrap();
    store.set_casework(CaseworkConfig {
        plan_within_days: 30,
        ..CaseworkConfig::default()
    });
    assert!(!store.roster_fits().unwrap());
    // Read computed by the new rule before the roster follows it, and the same after.
    let computed = store.caseload(today()).unwrap();
    assert_ne!(computed, fourteen, "some plan of action is due later");
    store.fit_roster().unwrap();
    holds(&store);
    assert_eq!(store.caseload(today()).unwrap(), computed);
}

#[test]
fn check_finds_a_row_of_the_roster_that_is_not_right() {
    let (_dir, db, store) = demo_file(60);
    let client = store.caseload(today()).unwrap()[3].client_id;
    other(&db)
        .execute(
            "UPDATE roster SET due = '2001-01-01' WHERE client_id = ?1",
            [client],
        )
        .unwrap();
    let found = findings(&store);
    assert_eq!(found, vec![(Rule::RosterBehind, client)]);
}

#[test]
fn an_import_into_an_empty_file_or_beside_other_clients_keeps_the_roster_right() {
    use caseload::commands::import::import_into;
    use caseload::commands::transfer::write_all;
    let (_dir, _db, store) = demo_file(80);
    let ids = store.client_ids().unwrap();
    let export = |ids: &[Id]| {
        let mut out = Vec::new();
        write_all(&store, ids, &mut out).unwrap();
        out
    };
    // Into an empty file: every row computed at the end of the load.
    let mut empty = Store::open_in_memory().unwrap();
    import_into(&mut empty, &export(&ids[..50]), false).unwrap();
    holds(&empty);
    assert_eq!(empty.caseload(today()).unwrap().len(), 50);
    // Beside the clients already there: the new ones get their rows too.
    import_into(&mut empty, &export(&ids[50..]), false).unwrap();
    holds(&empty);
    assert_eq!(
        empty.caseload(today()).unwrap().len(),
        store.caseload(today()).unwrap().len()
    );
}

#[test]
fn the_app_computes_the_rows_another_program_left_stale_when_it_opens_the_file() {
    let (_dir, db, store) = demo_file(60);
    let client = store.caseload(today()).unwrap()[7].client_id;
    drop(store);
    let stale = |c: &rusqlite::Connection| -> i64 {
        c.query_row("SELECT count(*) FROM roster_stale", [], |r| r.get(0))
            .unwrap()
    };
    let sqlite = other(&db);
    sqlite
        .execute(
            "UPDATE client SET first_name = 'Zoë' WHERE id = ?1",
            [client],
        )
        .unwrap();
    assert_eq!(stale(&sqlite), 1);
    let app = crate::common::app(Store::open(&db).unwrap(), caseload::i18n::Lang::En);
    assert_eq!(stale(&sqlite), 0, "computed when the app opened the file");
    let kept: String = sqlite
        .query_row(
            "SELECT folded FROM roster WHERE client_id = ?1",
            [client],
            |r| r.get(0),
        )
        .unwrap();
    assert!(kept.contains(", zoe"), "{kept}");
    drop(app);
}

#[test]
fn each_client_s_row_computed_alone_is_the_one_computed_with_everyone_and_has_their_phase() {
    for seed in [7, 11] {
        let mut store = Store::open_in_memory().unwrap();
        caseload::demo::generate(&mut store, 300, seed, today()).unwrap();
        let (_, computed) = store.roster_and_computed().unwrap();
        let mut phases = std::collections::HashSet::new();
        for row in &computed {
            let id = row.client_id;
            assert_eq!(row.phase, store.phase(id).unwrap(), "client {id}");
            phases.insert(row.phase);
            // On the first day the client needs a look, on the day before, and today.
            let mut days = vec![today()];
            if let Some(f) = row.flag_from.filter(|f| *f > NaiveDate::MIN) {
                days.extend([f, f.pred_opt().unwrap()]);
            }
            for day in days {
                let mut alone = store.caseload_row(id, day).unwrap().unwrap();
                alone.risk = None;
                assert_eq!(alone, row.clone().on(day), "client {id} on {day}");
            }
        }
        let all = <caseload::domain::Phase as caseload::domain::Code>::all();
        assert_eq!(phases.len(), all.len(), "seed {seed}");
    }
}

#[test]
fn an_import_of_more_clients_than_are_computed_one_by_one_beside_others_keeps_the_roster_right() {
    use caseload::commands::import::import_into;
    use caseload::commands::transfer::write_all;
    let mut many = Store::open_in_memory().unwrap();
    caseload::demo::generate(&mut many, 1_100, 8, today()).unwrap();
    let mut out = Vec::new();
    write_all(&many, &many.client_ids().unwrap(), &mut out).unwrap();
    let (_dir, _db, mut store) = demo_file(60);
    import_into(&mut store, &out, false).unwrap();
    holds(&store);
    assert_eq!(store.caseload(today()).unwrap().len(), 1_160);
    assert!(store.roster_fits().unwrap());
}

#[test]
fn check_finds_the_clients_whose_agenda_rows_are_not_right() {
    let (_dir, db, store) = demo_file(60);
    let conn = other(&db);
    let with_items = |n: i64| -> Id {
        conn.query_row(
            "SELECT client_id FROM agenda_item WHERE section = 1 GROUP BY client_id \
             ORDER BY client_id LIMIT 1 OFFSET ?1",
            [n],
            |r| r.get(0),
        )
        .unwrap()
    };
    let (changed, gone, twice, stale) =
        (with_items(0), with_items(1), with_items(2), with_items(3));
    let first = "(SELECT min(rowid) FROM agenda_item WHERE client_id = ?1)";
    conn.execute(
        &format!("UPDATE agenda_item SET due = '2001-01-01' WHERE rowid = {first}"),
        [changed],
    )
    .unwrap();
    conn.execute(
        &format!("DELETE FROM agenda_item WHERE rowid = {first}"),
        [gone],
    )
    .unwrap();
    conn.execute(
        &format!("INSERT INTO agenda_item SELECT * FROM agenda_item WHERE rowid = {first}"),
        [twice],
    )
    .unwrap();
    // A client marked to be computed again is not behind: the next write computes it.
    conn.execute(
        &format!("UPDATE agenda_item SET detail = 'x' WHERE rowid = {first}"),
        [stale],
    )
    .unwrap();
    conn.execute("INSERT INTO roster_stale (client_id) VALUES (?1)", [stale])
        .unwrap();
    let found = findings(&store);
    let mut expected = vec![changed, gone, twice];
    expected.sort();
    assert_eq!(
        found,
        expected
            .into_iter()
            .map(|c| (Rule::AgendaBehind, c))
            .collect::<Vec<_>>()
    );
    // Computed again, every row is right.
    conn.execute("UPDATE roster_rule SET plan_within_days = NULL", [])
        .unwrap();
    drop(conn);
    let mut store = store;
    store.fit_roster().unwrap();
    assert!(findings(&store).is_empty());
}

#[test]
fn check_finds_a_kept_row_whose_client_is_gone_and_a_client_without_one() {
    let (_dir, db, store) = demo_file(30);
    let client = store.caseload(today()).unwrap()[5].client_id;
    let conn = other(&db);
    conn.pragma_update(None, "foreign_keys", false).unwrap();
    conn.execute(
        "UPDATE roster SET client_id = 999999 WHERE client_id = ?1",
        [client],
    )
    .unwrap();
    let found: Vec<(Rule, Id)> = findings(&store)
        .into_iter()
        .filter(|(rule, _)| *rule == Rule::RosterBehind)
        .collect();
    assert_eq!(
        found,
        vec![(Rule::RosterBehind, client), (Rule::RosterBehind, 999999)]
    );
}
