//! Crash safety: a child process (this test binary, re-run with an environment variable)
//! writes through the real store in a loop and reports each commit on stdout; the parent
//! kills it with SIGKILL at random moments, at least 50 times. After every kill the file
//! passes `integrity_check`, everything reported committed is there, and the draft is
//! readable. The figures are printed for the record.

use crate::fixtures;

use caseload::domain::codes::Who;
use caseload::domain::model::Agreement;
use caseload::lock::InstanceLock;
use caseload::store::Store;
use rand::{Rng, SeedableRng};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

const CHILD: &str = "CASELOAD_KILL_TEST_DB";
const KILLS: usize = 60;
/// Starts each report line: the test harness writes "test kill::child_writer ... " without a
/// line end before the child's first line, so a report is what follows the mark.
const MARK: &str = "@@ ";

/// The child's side: does nothing unless started by the parent below.
#[test]
fn child_writer() {
    let Ok(db) = std::env::var(CHILD) else { return };
    write_until_killed(Path::new(&db));
}

fn write_until_killed(db: &Path) {
    // A lock left by the killed predecessor must not stand in the way.
    let Ok(_lock) = InstanceLock::acquire(db) else {
        println!("{MARK}LOCKED");
        std::process::exit(3);
    };
    let mut store = Store::open(db).unwrap();
    let mut n = store.client_count().unwrap() as u64 + 1;
    let long = "Gesprek over werk, gezondheid en schulden. ".repeat(100);
    loop {
        let (client, episode) = store
            .write(|tx| {
                let c = tx.insert_client(&fixtures::person(n))?;
                let e = tx.insert_episode(&fixtures::episode(c, fixtures::date(2026, 1, 5)))?;
                tx.insert_note(&fixtures::note(e, "Intake"))?;
                let note = tx.insert_note(&fixtures::note(e, &long))?;
                tx.insert_agreement(&Agreement {
                    id: 0,
                    episode_id: e,
                    note_id: Some(note),
                    text: format!("Afspraak {n}"),
                    who: Who::Client,
                    follow_up: Some(fixtures::date(2026, 12, 1)),
                    done_on: None,
                })?;
                Ok((c, e))
            })
            .unwrap();
        println!("{MARK}C {client} {episode}");
        let draft = serde_json::json!({ "seq": n, "summary": format!("Concept {n} ✓") });
        store.save_draft("note", 0, &draft.to_string()).unwrap();
        println!("{MARK}D {n}");
        n += 1;
    }
}

/// Complete lines of the child's stdout (a line cut off by the kill is dropped).
fn lines(stdout: std::process::ChildStdout) -> Receiver<String> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut r = BufReader::new(stdout);
        loop {
            let mut line = String::new();
            match r.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) if line.ends_with('\n') => {
                    if tx.send(line.trim_end().to_owned()).is_err() {
                        return;
                    }
                }
                Ok(_) => return,
            }
        }
    });
    rx
}

#[derive(Default)]
struct Tally {
    commits: Vec<(i64, i64)>,
    last_draft: u64,
    locked: bool,
}

impl Tally {
    fn take(&mut self, line: &str) {
        let Some((_, report)) = line.rsplit_once(MARK) else {
            return;
        };
        let parts: Vec<&str> = report.split(' ').collect();
        match parts.as_slice() {
            ["C", c, e] => self.commits.push((c.parse().unwrap(), e.parse().unwrap())),
            ["D", n] => self.last_draft = n.parse().unwrap(),
            ["LOCKED"] => self.locked = true,
            _ => {}
        }
    }
}

#[test]
fn killed_at_random_moments_nothing_committed_is_lost() {
    if std::env::var(CHILD).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kill.db");
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2026);
    let mut tally = Tally::default();
    let (mut checked, mut losses, mut draft_checks) = (0usize, 0usize, 0usize);
    let started = Instant::now();
    // The child's test by its full name in this binary (`kill::child_writer`).
    let (_, module) = module_path!().split_once("::").unwrap();
    let child_test = format!("{module}::child_writer");
    for round in 0..KILLS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", &child_test, "--nocapture", "--test-threads=1"])
            .env(CHILD, &db)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let rx = lines(child.stdout.take().unwrap());
        // Some kills land while it starts (and, the first time, creates the schema);
        // the others after a random number of commits, a random few milliseconds in.
        let wait_for = if round % 5 == 0 {
            0
        } else {
            rng.random_range(1..=12)
        };
        let before = tally.commits.len();
        let deadline = Instant::now() + Duration::from_secs(60);
        while tally.commits.len() - before < wait_for {
            match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(line) => tally.take(&line),
                Err(RecvTimeoutError::Timeout) => panic!("round {round}: the child stalled"),
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        std::thread::sleep(Duration::from_micros(rng.random_range(0..8000)));
        child.kill().unwrap();
        child.wait().unwrap();
        for line in rx.iter() {
            tally.take(&line);
        }
        assert!(
            !tally.locked,
            "round {round}: a killed process's lock blocked"
        );

        let store = Store::open(&db).unwrap();
        let problems = store.sqlite_problems().unwrap();
        assert!(problems.is_empty(), "round {round}: {problems:?}");
        for &(client, episode) in &tally.commits {
            checked += 1;
            let whole = store.client(client).unwrap().is_some()
                && store
                    .episode(episode)
                    .unwrap()
                    .is_some_and(|e| e.client_id == client)
                && store.notes(episode).unwrap().len() == 2
                && store.agreements(episode).unwrap().len() == 1;
            if !whole {
                losses += 1;
            }
        }
        if tally.last_draft > 0 {
            let draft = store.draft("note", 0).unwrap().expect("the draft is there");
            let v: serde_json::Value = serde_json::from_str(&draft.data).unwrap();
            let seq = v["seq"].as_u64().unwrap();
            // The last one reported, or a later one written just before a kill; never one
            // ahead of the clients committed (draft n follows the commit of client n).
            let clients = store.client_count().unwrap() as u64;
            assert!(
                seq >= tally.last_draft && seq <= clients,
                "round {round}: draft {seq}, last reported {}, {clients} clients",
                tally.last_draft
            );
            assert_eq!(v["summary"], format!("Concept {seq} ✓"));
            draft_checks += 1;
        }
        // Besides what was reported, at most one commit per kill that it could not report.
        let count = store.client_count().unwrap() as usize;
        assert!(
            count >= tally.commits.len() && count <= tally.commits.len() + round + 1,
            "round {round}: {count} clients, {} reported",
            tally.commits.len()
        );
        store.close().unwrap();
    }
    eprintln!(
        "kill test: {KILLS} kills, {} commits reported, {checked} checks of reported commits, \
         {draft_checks} drafts checked, {losses} losses ({:.1}s)",
        tally.commits.len(),
        started.elapsed().as_secs_f64()
    );
    assert_eq!(losses, 0);
    assert!(
        tally.commits.len() >= KILLS,
        "too few commits to mean anything"
    );
}
