//! `caseload check`: each of caseload's rules caught on a record that breaks it, SQLite's
//! own checks, a report without personal data, and the exit codes.

use crate::common;
use crate::fixtures;

use caseload::domain::codes::*;
use caseload::domain::model::*;
use caseload::store::Store;
use caseload::store::rules::{Finding, Rule};
use fixtures::*;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use strum::IntoEnumIterator;

fn caseload(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_caseload"));
    c.arg("--db").arg(db).args(["--lang", "en"]);
    c
}

/// A store with one client per rule, each breaking exactly that rule; returns the client
/// expected per rule.
fn breaking_every_rule(store: &mut Store) -> Vec<(Rule, Id)> {
    let d = date;
    store
        .write(|tx| {
            let mut out = Vec::new();
            let client = |n: u64| tx.insert_client(&person(n));
            // A plan and an interview on an episode that never ended.
            let c = client(1)?;
            let ep = tx.insert_episode(&episode(c, d(2025, 1, 1)))?;
            tx.insert_exit_interview(&interview(ep, d(2025, 6, 1)))?;
            tx.insert_aftercare_plan(&plan(ep, d(2025, 6, 1), true))?;
            out.push((Rule::PlanWithoutExit, c));
            out.push((Rule::InterviewWithoutExit, c));
            // A check-in held before the exit.
            let c = client(2)?;
            let ep = tx.insert_episode(&closed(c, d(2025, 1, 1), d(2025, 10, 1)))?;
            tx.insert_exit_interview(&interview(ep, d(2025, 10, 1)))?;
            let p = tx.insert_aftercare_plan(&plan(ep, d(2025, 10, 1), true))?;
            tx.insert_contact(&held_contact(p, d(2025, 9, 1)))?;
            out.push((Rule::CheckInBeforeExit, c));
            // A check-in whose answers were recorded without consent (that it was held,
            // on a date, by a channel, is recorded all the same), and one not reached that
            // holds answers anyway.
            let c = client(3)?;
            let ep = tx.insert_episode(&closed(c, d(2025, 1, 1), d(2025, 10, 1)))?;
            tx.insert_exit_interview(&interview(ep, d(2025, 10, 1)))?;
            let p = tx.insert_aftercare_plan(&plan(ep, d(2025, 10, 1), false))?;
            tx.insert_contact(&held_contact(p, d(2025, 10, 2)))?;
            tx.insert_contact(&AftercareContact {
                how_is_work: "Gaat goed.".into(),
                ..held_contact(p, d(2025, 10, 8))
            })?;
            out.push((Rule::CheckInWithoutConsent, c));
            let c = client(9)?;
            let ep = tx.insert_episode(&closed(c, d(2025, 1, 1), d(2025, 10, 1)))?;
            tx.insert_exit_interview(&interview(ep, d(2025, 10, 1)))?;
            let p = tx.insert_aftercare_plan(&plan(ep, d(2025, 10, 1), true))?;
            tx.insert_contact(&AftercareContact {
                status: ContactStatus::NotReached,
                risk: Some(Risk::High),
                ..held_contact(p, d(2025, 10, 8))
            })?;
            out.push((Rule::AnswersNotReached, c));
            // A contact held under declined aftercare.
            let c = client(10)?;
            let ep = tx.insert_episode(&closed(c, d(2025, 1, 1), d(2025, 10, 1)))?;
            tx.insert_exit_interview(&interview(ep, d(2025, 10, 1)))?;
            let p = tx.insert_aftercare_plan(&AftercarePlan {
                mode: AftercareMode::Declined,
                ..plan(ep, d(2025, 10, 1), true)
            })?;
            tx.insert_contact(&held_contact(p, d(2025, 10, 8)))?;
            out.push((Rule::ContactWhenDeclined, c));
            // Contact details and exits that contradict themselves.
            let c = tx.insert_client(&Person {
                email: "test@example".into(),
                phone: "06-1234567x".into(),
                ..person(11)
            })?;
            out.push((Rule::EmailWithoutDomain, c));
            out.push((Rule::PhoneWithLetters, c));
            let c = client(12)?;
            let ep = tx.insert_episode(&closed(c, d(2025, 1, 1), d(2025, 10, 1)))?;
            let t =
                tx.insert_trajectory(&trajectory(ep, TrajectoryStatus::Started, d(2025, 10, 2)))?;
            tx.insert_exit_interview(&ExitInterview {
                independence: Some(Independence::Partial),
                found_via: Some(FoundVia::Trajectory),
                found_via_trajectory_id: Some(t),
                ..interview(ep, d(2025, 10, 1))
            })?;
            tx.insert_trajectory_event(&TrajectoryEvent {
                id: 0,
                trajectory_id: t,
                on_date: d(2025, 10, 2),
                status: TrajectoryStatus::Started,
                note: String::new(),
            })?;
            out.push((Rule::EmploymentPartly, c));
            out.push((Rule::FoundViaAfterExit, c));
            let c = client(13)?;
            tx.insert_episode(&Episode {
                exit_reason: Some(ExitReason::Study),
                ..closed(c, d(2016, 1, 1), d(2017, 1, 1))
            })?;
            out.push((Rule::StudyAge, c));
            // A re-entry starting before the previous exit, pointing at another client.
            let c = client(4)?;
            let first = tx.insert_episode(&closed(c, d(2024, 1, 1), d(2024, 6, 1)))?;
            let mut second = episode(c, d(2024, 5, 1));
            second.previous_episode_id = Some(first - 1);
            tx.insert_episode(&second)?;
            out.push((Rule::EpisodeOverlap, c));
            out.push((Rule::PreviousOfOtherClient, c));
            // A trajectory whose events do not show its status, and one with bad dates.
            let c = client(5)?;
            let ep = tx.insert_episode(&episode(c, d(2025, 1, 1)))?;
            let t =
                tx.insert_trajectory(&trajectory(ep, TrajectoryStatus::Started, d(2025, 2, 1)))?;
            tx.insert_trajectory_event(&TrajectoryEvent {
                id: 0,
                trajectory_id: t,
                on_date: d(2025, 2, 1),
                status: TrajectoryStatus::Referred,
                note: String::new(),
            })?;
            out.push((Rule::TrajectoryEvents, c));
            let c = client(6)?;
            let ep = tx.insert_episode(&episode(c, d(2025, 1, 1)))?;
            let mut bad = trajectory(ep, TrajectoryStatus::Started, d(2025, 3, 1));
            bad.start_date = Some(d(2025, 2, 1));
            let t = tx.insert_trajectory(&bad)?;
            tx.insert_trajectory_event(&TrajectoryEvent {
                id: 0,
                trajectory_id: t,
                on_date: d(2025, 3, 1),
                status: TrajectoryStatus::Started,
                note: String::new(),
            })?;
            out.push((Rule::TrajectoryDates, c));
            // An instalment of a premium never granted.
            let c = client(7)?;
            let ep = tx.insert_episode(&closed(c, d(2020, 1, 1), d(2025, 10, 1)))?;
            tx.insert_exit_interview(&interview(ep, d(2025, 10, 1)))?;
            tx.insert_instalment(&PremiumInstalment {
                id: 0,
                episode_id: ep,
                scheme: "two_instalments".into(),
                seq: 1,
                due_on: d(2025, 10, 1),
                amount_cents: 50_000,
                paid_on: None,
                cancelled_on: None,
                forfeited_on: None,
                forfeit_reason: String::new(),
                uplift: None,
            })?;
            out.push((Rule::InstalmentWithoutPremium, c));
            Ok(out)
        })
        .unwrap()
}

#[test]
fn the_demo_caseload_keeps_every_rule() {
    let store = common::demo_store(300);
    assert_eq!(store.rule_findings().unwrap(), Vec::<Finding>::new());
    assert!(store.sqlite_problems().unwrap().is_empty());
    assert!(store.broken_rows().unwrap().is_empty());
}

#[test]
fn every_rule_finds_the_record_that_breaks_it_and_nothing_else() {
    // Two open episodes need the unique index gone (a damaged or hand-edited file).
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let mut file = Store::open(&db).unwrap();
    let mut expected = breaking_every_rule(&mut file);
    drop(file);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("DROP INDEX episode_one_open").unwrap();
    // Amounts above the maxima, as an older version's import could write them.
    for (rule, sql) in [
        (
            Rule::InstalmentAmount,
            "UPDATE premium_instalment SET amount_cents = 1000001 \
             WHERE id = (SELECT min(id) FROM premium_instalment) RETURNING \
             (SELECT client_id FROM episode WHERE id = episode_id)",
        ),
        (
            Rule::TrajectoryCost,
            "UPDATE trajectory SET cost_cents = 50000001 \
             WHERE id = (SELECT min(id) FROM trajectory) RETURNING \
             (SELECT client_id FROM episode WHERE id = episode_id)",
        ),
        // The list's kept row of a client, not as its records make it (and not marked to
        // be computed again).
        (
            Rule::RosterBehind,
            "UPDATE roster SET due = '2001-01-01' WHERE client_id = (SELECT min(client_id) \
             FROM roster WHERE client_id NOT IN (SELECT client_id FROM roster_stale)) \
             RETURNING client_id",
        ),
        // A client's kept row of the agenda, changed (another client's than the row above).
        (
            Rule::AgendaBehind,
            "UPDATE agenda_item SET detail = detail || '!' WHERE rowid = (SELECT max(rowid) \
             FROM agenda_item WHERE client_id NOT IN (SELECT client_id FROM roster_stale) \
             AND client_id <> (SELECT min(client_id) FROM roster \
             WHERE client_id NOT IN (SELECT client_id FROM roster_stale))) RETURNING client_id",
        ),
    ] {
        let c: Id = conn.query_row(sql, [], |r| r.get(0)).unwrap();
        expected.push((rule, c));
    }
    drop(conn);
    let mut file = Store::open(&db).unwrap();
    let c = file
        .write(|tx| {
            let c = tx.insert_client(&person(8))?;
            tx.insert_episode(&episode(c, date(2025, 1, 1)))?;
            tx.insert_episode(&episode(c, date(2025, 2, 1)))?;
            Ok(c)
        })
        .unwrap();
    expected.push((Rule::TwoOpenEpisodes, c));
    let found: BTreeSet<(String, Id)> = file
        .rule_findings()
        .unwrap()
        .iter()
        .map(|f| (format!("{:?}", f.rule), f.client_id))
        .collect();
    let want: BTreeSet<(String, Id)> = expected
        .iter()
        .map(|(r, c)| (format!("{r:?}"), *c))
        .collect();
    assert_eq!(found, want);
    // Every rule is covered by this test.
    let rules: BTreeSet<String> = Rule::iter().map(|r| format!("{r:?}")).collect();
    let covered: BTreeSet<String> = want.iter().map(|(r, _)| r.clone()).collect();
    assert_eq!(rules, covered);
}

#[test]
fn the_command_reports_by_client_number_only_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let mut store = Store::open(&db).unwrap();
    breaking_every_rule(&mut store);
    drop(store);
    // A row pointing nowhere, as a damaged file may have.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF; INSERT INTO note (episode_id, noted_on, channel, summary, \
         created_at) VALUES (999, '2026-01-01', 'phone', 'Geheim verhaal', '2026-01-01T00:00:00');",
    )
    .unwrap();
    drop(conn);
    let out = caseload(&db).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("K000002  check-in"), "{report}");
    assert!(report.contains("note row"), "{report}");
    assert!(report.contains("17 problems found."), "{report}");
    for personal in ["Persoon", "Test", "Geheim", "Bakker", bsn(1).as_str()] {
        assert!(!report.contains(personal), "{personal} in:\n{report}");
    }
    insta::assert_snapshot!(report.replace(&db.display().to_string(), "DB"));
}

#[test]
fn a_sound_caseload_checks_clean_with_exit_0_even_while_the_app_has_it_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let mut store = Store::open(&db).unwrap();
    caseload::demo::generate(&mut store, 50, 3, common::today()).unwrap();
    let _lock = caseload::lock::InstanceLock::acquire(&db).unwrap();
    let out = caseload(&db).arg("check").output().unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{report}");
    assert!(report.ends_with("All is well.\n"), "{report}");
    let out = Command::new(env!("CARGO_BIN_EXE_caseload"))
        .arg("--db")
        .arg(&db)
        .args(["--lang", "nl", "check"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Alles is in orde."));
    // A missing file is not created by a check.
    let none = dir.path().join("none.db");
    let out = caseload(&none).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!none.exists());
}

#[test]
fn one_problem_is_one_problem_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let mut store = Store::open(&db).unwrap();
    store
        .write(|tx| {
            let c = tx.insert_client(&person(1))?;
            let ep = tx.insert_episode(&episode(c, date(2025, 1, 1)))?;
            tx.insert_exit_interview(&interview(ep, date(2025, 6, 1)))
        })
        .unwrap();
    drop(store);
    for (lang, total) in [("en", "1 problem found."), ("nl", "1 probleem gevonden.")] {
        let out = Command::new(env!("CARGO_BIN_EXE_caseload"))
            .arg("--db")
            .arg(&db)
            .args(["--lang", lang, "check"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(report.ends_with(&format!("\n{total}\n")), "{report}");
    }
}

/// A database that may only be read, in a folder that may not be written: SQLite cannot
/// make the index a WAL file needs even to be read. As root (who may write anywhere) the
/// check runs as `nobody`, from a copy of the binary that `nobody` may run.
#[cfg(unix)]
#[test]
fn a_file_that_may_only_be_read_is_checked_and_nothing_is_written_beside_it() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("shared");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("c.db");
    let mut store = Store::open(&db).unwrap();
    caseload::demo::generate(&mut store, 20, 3, common::today()).unwrap();
    drop(store);
    let mode = |p: &Path, m| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m));
    mode(&db, 0o444).unwrap();
    mode(&folder, 0o555).unwrap();
    mode(dir.path(), 0o755).unwrap();
    let mut cmd = if rustix::process::geteuid().is_root() {
        let bin = dir.path().join("caseload");
        std::fs::copy(env!("CARGO_BIN_EXE_caseload"), &bin).unwrap();
        // The caseworker's own file, that they may only read: another user's is refused.
        std::os::unix::fs::chown(&db, Some(65534), Some(65534)).unwrap();
        std::os::unix::fs::chown(&folder, Some(65534), Some(65534)).unwrap();
        let mut c = Command::new(bin);
        c.uid(65534).gid(65534);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_caseload"))
    };
    cmd.arg("--db").arg(&db).args(["--lang", "en", "check"]);
    // The copy was just written: a test on another thread that forks at that moment holds
    // its write handle until that child execs, and running the copy then fails with "text
    // file busy". That lasts a moment, so try again (as Go's own tests do).
    let mut tries = 0;
    let out = loop {
        match cmd.output() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy && tries < 100 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => break other.unwrap(),
        }
    };
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.ends_with("All is well.\n"), "{report}");
    let names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["c.db"]);
    mode(&folder, 0o755).unwrap();
}

/// A demo caseload file in which rows were written past the schema's CHECK constraints
/// (as a hand edit or another program may): a note with a channel that does not exist
/// and a life-domain score of 9. Returns the file and the two clients.
fn past_the_constraints(dir: &Path) -> (std::path::PathBuf, Id, Id) {
    let db = dir.join("c.db");
    let mut store = Store::open(&db).unwrap();
    caseload::demo::generate(&mut store, 12, 3, common::today()).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "PRAGMA ignore_check_constraints = ON;
         UPDATE note SET channel = 'postduif' WHERE id = (SELECT max(id) FROM note);
         UPDATE domain_score SET score = 9
          WHERE (assessment_id, domain) =
                (SELECT assessment_id, domain FROM domain_score ORDER BY 1 LIMIT 1);",
    )
    .unwrap();
    let owner = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, Id>(0)).unwrap();
    let note = owner(
        "SELECT e.client_id FROM note n JOIN episode e ON e.id = n.episode_id \
         WHERE n.id = (SELECT max(id) FROM note)",
    );
    let score = owner(
        "SELECT e.client_id FROM domain_score s JOIN assessment a ON a.id = s.assessment_id \
         JOIN episode e ON e.id = a.episode_id WHERE s.score = 9",
    );
    (db, note, score)
}

#[test]
fn rows_that_break_the_schemas_constraints_are_found_by_table_and_client_number() {
    let dir = tempfile::tempdir().unwrap();
    let (db, note, score) = past_the_constraints(dir.path());
    // Also while the app has the file open.
    let _lock = caseload::lock::InstanceLock::acquire(&db).unwrap();
    let out = caseload(&db).arg("check").output().unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    let note_line = format!("{}  note ", client_number(note));
    let score_line = format!("{}  a life-domain score ", client_number(score));
    assert!(report.contains(&note_line), "{note_line} in:\n{report}");
    assert!(report.contains(&score_line), "{score_line} in:\n{report}");
    assert!(report.contains("2 problems found."), "{report}");
    assert!(!report.contains("postduif"), "{report}");
}

#[test]
fn an_export_that_meets_a_row_past_the_constraints_names_the_client_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (db, note, score) = past_the_constraints(dir.path());
    let first = client_number(note.min(score));
    for out_file in [None, Some(dir.path().join("out.json"))] {
        let mut cmd = caseload(&db);
        cmd.arg("export");
        if let Some(f) = &out_file {
            cmd.arg("--out").arg(f);
        }
        let out = cmd.output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(&first), "{first} in: {err}");
        assert!(err.contains("caseload check"), "{err}");
        assert!(!err.contains("postduif") && !err.contains("save"), "{err}");
        assert!(out.stdout.is_empty(), "half an export on stdout");
        if let Some(f) = out_file {
            assert!(!f.exists(), "half an export in a file");
        }
    }
}

#[test]
fn reading_a_record_past_the_constraints_fails_naming_its_client() {
    let dir = tempfile::tempdir().unwrap();
    let (db, note, score) = past_the_constraints(dir.path());
    let store = Store::open_read_only(&db).unwrap();
    let ids = store.client_ids().unwrap();
    let mut out = Vec::new();
    match caseload::commands::transfer::write_all(&store, &ids, &mut out) {
        Err(caseload::commands::transfer::Failed::Client(id, e)) => {
            assert!(id == note || id == score, "{id}");
            assert!(e.is_bad_value(), "{e:?}");
        }
        other => panic!("{other:?}"),
    }
}

/// A demo caseload file in which the first bytes of the b-tree page of `object` (a table
/// or an index, found through `sqlite_schema.rootpage` × the page size) are overwritten;
/// returns the file and the page.
fn with_damaged_page(dir: &Path, object: &str) -> (std::path::PathBuf, i64) {
    let db = dir.join("c.db");
    let mut store = Store::open(&db).unwrap();
    caseload::demo::generate(&mut store, 60, 3, common::today()).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let size: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    let root: i64 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
            [object],
            |r| r.get(0),
        )
        .unwrap();
    drop(conn);
    let mut bytes = std::fs::read(&db).unwrap();
    let at = usize::try_from((root - 1) * size).unwrap();
    bytes[at..at + 8].copy_from_slice(&[0x0d, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    std::fs::write(&db, bytes).unwrap();
    (db, root)
}

#[test]
fn a_damaged_page_is_named_by_its_table_or_index_and_page_with_what_to_do() {
    for (object, line) in [
        ("episode", "of table episode: damaged"),
        ("note_episode", "of index note_episode: damaged"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (db, page) = with_damaged_page(dir.path(), object);
        let out = caseload(&db).arg("check").output().unwrap();
        let report = String::from_utf8_lossy(&out.stdout);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{report}{err}");
        assert!(err.is_empty(), "{err}");
        let want = format!("    page {page} {line}");
        assert!(report.contains(&want), "{want} in:\n{report}");
        assert!(
            report.ends_with("then run caseload check again.\n"),
            "{report}"
        );
        for raw in ["btreeInitPage", "error code", "Tree ", "***", "malformed"] {
            assert!(!report.contains(raw), "{raw} in:\n{report}");
        }
        if object == "episode" {
            assert!(
                report.contains("table episode cannot be read past its damage"),
                "{report}"
            );
        }
    }
}
