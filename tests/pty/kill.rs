//! Crash safety of the real binary. The app runs in a pty on one database, driven by keys
//! as a caseworker types them: notes saved with Ctrl-S, forms left half-typed for the draft
//! tick to write, an intake begun; some starts write the daily backup, and in some another
//! program opens the file read-write meanwhile. The commands `import`, `restore`, `backup`
//! and `demo` run on files of their own. Each is killed with SIGKILL at a moment drawn from
//! a seeded generator, until there were at least [`KILLS`] kills. After every kill the file
//! passes `integrity_check` and `caseload check`, every save the screen confirmed is there,
//! every draft is the form as it stood after a key that was typed, an import or a restore
//! is whole or not there at all, backup folders hold only complete backups (or temporary
//! files), and the next start works. The figures are printed for the record.
#![cfg(unix)]

use crate::harness::{Running, caseload, shared_lock_holder, spawn, sqlite_from_python};
use crate::kill_support;
use kill_support::drafts::{Session, drafts_of, holds};
use kill_support::files::{assert_backups, assert_sound, read_only};
use kill_support::keys::{self, Key, WAIT};
use kill_support::tally::Tally;
use kill_support::world::World;
use kill_support::{Ended, kill_after, temps_in};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::time::{Duration, Instant};

const SEED: u64 = 2026;
/// Kills to reach; rounds go on until there were this many.
const KILLS: usize = 60;
const MAX_ROUNDS: usize = 200;

/// One step of a round in the app.
#[derive(Debug)]
enum Stage {
    /// The app is started.
    Start,
    /// Its list is on screen (the lock of the one killed before did not stand in the way).
    Loaded,
    /// Another program opens the file read-write, reads and closes it.
    Foreign,
    /// The selected client's file is opened.
    OpenFile,
    /// A note is saved, and the screen says so.
    Save(String),
    /// A note is begun and typed in chunks, with pauses between them.
    Note(Vec<Vec<Key>>, Duration),
    /// An intake is begun and typed in chunks, with pauses between them.
    Intake(Vec<Vec<Key>>, Duration),
    /// The test waits until the draft tick wrote what was typed.
    DraftWritten,
    /// Ctrl-S, without waiting for the answer.
    SaveNow,
}

/// What the rounds in the app did, across rounds.
#[derive(Default)]
struct Ledger {
    /// Summaries of notes the screen said were saved (or that were found after a kill).
    committed: Vec<String>,
    /// Summaries sent with Ctrl-S.
    sent: Vec<String>,
    /// Every opening of a form, with what was typed.
    sessions: Vec<Session>,
}

fn chunks(rng: &mut ChaCha8Rng, keys: Vec<Key>) -> Vec<Vec<Key>> {
    let mut cuts: Vec<usize> = (0..rng.random_range(0..=2))
        .map(|_| rng.random_range(0..=keys.len()))
        .collect();
    cuts.sort();
    let mut out = Vec::new();
    let mut from = 0;
    for c in cuts.into_iter().chain([keys.len()]) {
        out.push(keys[from..c].to_vec());
        from = c;
    }
    out
}

/// A round in the app, drawn from `rng`: its stages up to the kill, whether it starts
/// without today's backup, and how long after the last stage the kill comes.
fn plan(rng: &mut ChaCha8Rng, round: usize) -> (Vec<Stage>, bool, Duration) {
    let fresh_backup = rng.random_bool(0.4);
    let mut stages = vec![Stage::Start, Stage::Loaded];
    if rng.random_bool(0.35) {
        stages.push(Stage::Foreign);
    }
    let pause = Duration::from_millis(rng.random_range(0..400));
    let intake = rng.random_bool(0.2);
    if intake {
        let mut k = keys::field("bsn", "111222333");
        k.extend(keys::field("first_name", "Ayşe"));
        k.push(Key::Next);
        k.extend(keys::field("last_name", "Kill-Test"));
        k.truncate(rng.random_range(1..=k.len()));
        stages.push(Stage::Intake(chunks(rng, k), pause));
    } else {
        stages.push(Stage::OpenFile);
        for i in 0..rng.random_range(0..=2) {
            stages.push(Stage::Save(format!(
                "KT-{round:03}-{i} Gesprek over werk, gezondheid en schulden; afspraak gemaakt é"
            )));
        }
        if rng.random_bool(0.6) {
            let text = format!("KT-{round:03}-d Concept: werk ✓, schulden in beeld, vervolg");
            let mut k: Vec<Key> = text.chars().map(|c| Key::Char("summary", c)).collect();
            k.truncate(rng.random_range(10..=k.len()));
            stages.push(Stage::Note(chunks(rng, k), pause));
        }
    }
    let typed = matches!(stages.last(), Some(Stage::Note(..) | Stage::Intake(..)));
    if typed && rng.random_bool(0.5) {
        stages.push(Stage::DraftWritten);
    }
    if typed && !intake && rng.random_bool(0.4) {
        stages.push(Stage::SaveNow);
    }
    // Most rounds run their whole script; the others end at any stage (while it starts, as
    // it writes the daily backup, after a save, while typing).
    if rng.random_bool(0.35) {
        stages.truncate(rng.random_range(1..=stages.len()));
    }
    let ms = match stages.last() {
        Some(Stage::Start) => 500,
        Some(Stage::Loaded) => 250,
        Some(Stage::SaveNow) => 40,
        _ => 700,
    };
    let delay = Duration::from_millis(rng.random_range(0..ms));
    (stages, fresh_backup, delay)
}

/// What a round in the app leaves to check after the kill.
#[derive(Default)]
struct Outcome {
    /// The session whose draft was seen written, and the state it held.
    written: Option<(usize, usize)>,
    /// The summary sent with Ctrl-S just before the kill.
    save_now: Option<String>,
}

fn app_round(w: &World, l: &mut Ledger, t: &mut Tally, stages: &[Stage], delay: Duration) {
    let mut app: Option<Running> = None;
    let mut out = Outcome::default();
    for stage in stages {
        if let Stage::Start = stage {
            app = Some(spawn(caseload(&w.main)));
            continue;
        }
        let app = app.as_mut().unwrap();
        match stage {
            Stage::Start => {}
            Stage::Loaded => keys::wait_loaded(app, w.clients),
            Stage::Foreign => {
                t.foreign += 1;
                if !foreign(w, app) {
                    t.no_python += 1;
                }
            }
            Stage::OpenFile => keys::open_file(app),
            Stage::Save(text) => {
                l.sent.push(text.clone());
                keys::save_note(app, text);
                l.committed.push(text.clone());
            }
            Stage::Note(parts, pause) | Stage::Intake(parts, pause) => {
                let mut s = match stage {
                    Stage::Note(..) => keys::start_note(app),
                    _ => keys::start_intake(app),
                };
                for (i, part) in parts.iter().enumerate() {
                    if i > 0 {
                        app.idle(*pause);
                    }
                    keys::type_keys(app, &mut s, part);
                }
                l.sessions.push(s);
            }
            Stage::DraftWritten => {
                let s = l.sessions.last().unwrap();
                let end = Instant::now() + Duration::from_secs(WAIT);
                while !holds(&read_only(&w.main), s) {
                    assert!(
                        Instant::now() < end,
                        "the draft tick did not write the draft within {WAIT}s:\n{}",
                        app.screen().join("\n")
                    );
                    app.idle(Duration::from_millis(30));
                }
                out.written = Some((l.sessions.len() - 1, s.states.len() - 1));
            }
            Stage::SaveNow => {
                // A summary is saved without the blanks around it.
                let text = l.sessions.last().unwrap().last()["summary"]
                    .trim()
                    .to_owned();
                l.sent.push(text.clone());
                app.send(b"\x13");
                out.save_now = Some(text);
            }
        }
    }
    let mut app = app.unwrap();
    app.idle(delay);
    app.child.kill().unwrap();
    let status = app.child.wait().unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(
        status.signal(),
        Some(libc::SIGKILL),
        "the app ended before the kill ({status}):\n{}",
        app.screen().join("\n")
    );
    t.kills += 1;
    t.app_kills += 1;
    check_main(w, l, t, out);
}

/// Other programs open the file read-write while the app runs, read, and close it (this
/// test's SQLite, and the machine's, older one, which deletes a WAL it believes is its
/// own): after the daily backup, when this start writes one. The app keeps its lock, and
/// its WAL stays. Returns whether the machine's SQLite was there.
fn foreign(w: &World, app: &mut Running) -> bool {
    let end = Instant::now() + Duration::from_secs(WAIT);
    while !w.has_backup_today() {
        assert!(Instant::now() < end, "no daily backup within {WAIT}s");
        app.idle(Duration::from_millis(20));
    }
    assert_eq!(
        shared_lock_holder(&w.main),
        Some(app.child.id() as i32),
        "the app lost its lock on the database: another program would think it is alone"
    );
    let other = rusqlite::Connection::open(&w.main).unwrap();
    let n: i64 = other
        .query_row("SELECT count(*) FROM client", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, w.clients);
    other.close().unwrap();
    let python = sqlite_from_python(&w.main);
    assert!(
        w.wal().exists(),
        "another program's connection removed the app's WAL"
    );
    python
}

/// After a kill of the app: the file is sound, the saves and drafts are as they must be.
fn check_main(w: &World, l: &mut Ledger, t: &mut Tally, out: Outcome) {
    let when = format!("round {}", t.rounds);
    let conn = read_only(&w.main);
    let count = |text: &str| -> i64 {
        conn.query_row(
            "SELECT count(*) FROM note WHERE summary = ?1",
            [text],
            |r| r.get(0),
        )
        .unwrap()
    };
    if let Some(text) = &out.save_now
        && count(text) == 1
    {
        // Saved just before the kill: the draft went in the same transaction.
        t.unconfirmed_landed += 1;
        l.committed.push(text.clone());
        let client: i64 = conn
            .query_row(
                "SELECT e.client_id FROM note n JOIN episode e ON e.id = n.episode_id \
                 WHERE n.summary = ?1",
                [text],
                |r| r.get(0),
            )
            .unwrap();
        let left: i64 = conn
            .query_row(
                "SELECT count(*) FROM draft WHERE form = 'note' AND subject = ?1",
                [client],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            left, 0,
            "{when}: the note was saved but its draft is still there"
        );
    }
    for text in &l.committed {
        t.commits_verified += 1;
        match count(text) {
            1 => {}
            0 => t
                .losses
                .push(format!("{when}: the saved note {text:?} is gone")),
            n => panic!("{when}: the note {text:?} is there {n} times"),
        }
    }
    let mut st = conn
        .prepare("SELECT summary FROM note WHERE summary LIKE 'KT-%'")
        .unwrap();
    for summary in st.query_map([], |r| r.get::<_, String>(0)).unwrap() {
        let summary = summary.unwrap();
        assert!(
            l.sent.contains(&summary),
            "{when}: a note nobody saved: {summary:?}"
        );
    }
    for form in ["note", "intake"] {
        for d in drafts_of(&conn, form, &when) {
            let ours = l.sessions.iter().filter(|s| s.form == form);
            assert!(
                ours.into_iter().any(|s| s.matches(&d).is_some()),
                "{when}: a {form} draft that was never typed: {d}"
            );
            t.drafts_checked += 1;
        }
    }
    if let Some((i, state)) = out.written
        && !out
            .save_now
            .as_ref()
            .is_some_and(|s| l.committed.contains(s))
    {
        let s = &l.sessions[i];
        let kept = drafts_of(&conn, s.form, &when)
            .iter()
            .any(|d| s.matches(d).is_some_and(|j| j >= state));
        if kept {
            t.drafts_written_kept += 1;
        } else {
            t.losses
                .push(format!("{when}: the {} draft written is gone", s.form));
        }
    }
    drop(st);
    drop(conn);
    assert_sound(&w.main, &when);
    t.folder(assert_backups(&w.backups(), &when));
}

/// A command killed at a fraction of the time it takes; checks what it left.
fn command_round(w: &mut World, t: &mut Tally, rng: &mut ChaCha8Rng) {
    // Now and then after the end: the kill must not always come before the commit.
    let frac = rng.random_range(0.0..1.4);
    let when = format!("round {}", t.rounds);
    t.command_rounds += 1;
    let ended = match t.command_rounds % 4 {
        0 => {
            let (cmd, took) = w.import_command();
            let ended = kill_after(cmd, took.mul_f64(frac), "import");
            t.imports[usize::from(w.import_landed(&when))] += 1;
            ended
        }
        1 => {
            let (cmd, took) = w.restore_command(&when);
            let ended = kill_after(cmd, took.mul_f64(frac), "restore");
            t.restores[usize::from(w.restore_landed(&when))] += 1;
            t.folder(assert_backups(&w.restore.dir.join("backups"), &when));
            t.temps_beside_db.extend(temps_in(&w.restore.dir));
            ended
        }
        2 => {
            let (cmd, took) = w.backup_command(rng.random_bool(0.4), t.rounds);
            let ended = kill_after(cmd, took.mul_f64(frac), "backup");
            assert_sound(&w.main, &when);
            t.folder(assert_backups(&w.backups(), &when));
            t.folder(assert_backups(&w.out, &when));
            ended
        }
        _ => {
            let (cmd, took) = w.demo_command();
            let ended = kill_after(cmd, took.mul_f64(frac), "demo");
            w.demo_whole_or_empty(&when);
            ended
        }
    };
    match ended {
        Ended::Killed => {
            t.kills += 1;
            t.command_kills += 1;
        }
        Ended::Done => t.commands_done += 1,
    }
}

#[test]
fn killed_at_random_moments_the_real_binary_loses_nothing() {
    let started = Instant::now();
    let mut w = World::new();
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let (mut l, mut t) = (Ledger::default(), Tally::default());
    while t.kills < KILLS {
        assert!(
            t.rounds < MAX_ROUNDS,
            "{MAX_ROUNDS} rounds, only {} kills",
            t.kills
        );
        t.rounds += 1;
        if rng.random_bool(0.6) {
            let (stages, fresh_backup, delay) = plan(&mut rng, t.rounds);
            if fresh_backup {
                w.remove_backups();
                t.fresh_backups += 1;
            }
            app_round(&w, &mut l, &mut t, &stages, delay);
        } else {
            command_round(&mut w, &mut t, &mut rng);
        }
    }
    // The next start after the last kill works, and ends cleanly.
    let mut app = spawn(caseload(&w.main));
    keys::wait_loaded(&mut app, w.clients);
    app.send(b"q");
    assert!(app.wait_exit(WAIT).success());
    check_main(&w, &mut l, &mut t, Outcome::default());
    w.finish();
    t.saves = l.committed.len();
    eprintln!("{}", t.record(started.elapsed()));
    // What killed backups and restores left (full copies of the caseload) is gone after the
    // next run, wherever it was written: the last start above came after them.
    let left: Vec<_> = t
        .temps
        .iter()
        .chain(&t.temps_beside_db)
        .filter(|p| p.exists())
        .collect();
    assert!(left.is_empty(), "{left:#?}");
    // TODO(lead): a backup killed between its rename and its checksum stays without one
    // (`t.unsummed`: complete, but unchecked, and it counts as today's backup).
    assert!(t.losses.is_empty(), "{:#?}", t.losses);
    assert!(t.commits_verified > 0 && t.drafts_written_kept > 0);
}
