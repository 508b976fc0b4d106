//! Key to frame in the real binary, as a caseworker feels it: the release build runs in a
//! pseudo-terminal on a generated caseload, a key is written to the terminal, and the time
//! runs until the end of the frame it caused (the app draws each frame as one synchronized
//! update). Besides criterion's figures, each bench prints the median, p99 and worst of
//! every key it timed, and the app's resident memory idle and after every screen. The
//! caseload's size is `CASELOAD_BENCH_CLIENTS` (default 100,000); its file is generated
//! once with `caseload demo` and kept under target/.

mod cached;
#[path = "../tests/pty/harness.rs"]
#[allow(clippy::unwrap_used)]
mod harness;

use criterion::{Criterion, criterion_group, criterion_main};
use harness::Running;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Bytes a frame writes at least when it changed what shows: an idle tick's frame
/// writes only the markers around it.
const CHANGED: usize = 24;

/// The generated caseload, with a stand-in for today's backup.
fn database() -> PathBuf {
    let path = cached::database();
    // Today's backup is there, as at every start but the first of a day: the first start's
    // backup is a copy of the whole file in the background, and not what a key costs.
    let now = chrono::Local::now().naive_local();
    let backups = caseload::backups::folder(&path);
    std::fs::create_dir_all(&backups).expect("backups folder");
    if !caseload::backups::has_backup_on(&path, now.date()).expect("backups folder") {
        let marker = backups.join(caseload::backups::file_name(&path, now));
        std::fs::write(&marker, b"").expect("backup marker");
    }
    path
}

/// The app on the caseload, its first frame drawn and its list loaded.
fn started() -> Running {
    let mut app = harness::spawn(harness::caseload(&database()));
    app.next_frame(CHANGED, 60);
    // The whole list loads in the background; keys are timed once it is in.
    let all = format!(" {} clients ", cached::clients());
    app.wait_screen("the whole list", 600, |rows| {
        rows.iter().any(|r| r.contains(&all))
    });
    app.idle(Duration::from_secs(2));
    app
}

/// Times `keys`, sent in turn over and over, each from its writing to the end of the
/// frame it caused; prints the median, p99 and worst of all of them.
fn time_keys(c: &mut Criterion, app: &mut Running, name: &str, keys: &[&[u8]]) {
    let mut all: Vec<Duration> = Vec::new();
    let mut turn = 0usize;
    let mut g = c.benchmark_group("keys");
    g.sample_size(20);
    g.bench_function(format!("{name} ({} clients)", cached::clients()), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let key = keys[turn % keys.len()];
                turn += 1;
                // What the last key set going in the background is drawn first.
                app.settle(Duration::from_millis(10));
                let sent = Instant::now();
                app.send(key);
                let took = app.next_frame(CHANGED, 30) - sent;
                all.push(took);
                total += took;
            }
            total
        })
    });
    g.finish();
    summary(name, &mut all);
}

fn summary(name: &str, all: &mut [Duration]) {
    if all.is_empty() {
        return;
    }
    all.sort();
    let at = |q: f64| all[((all.len() - 1) as f64 * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name}: {} keys, median {:.2} ms, p99 {:.2} ms, worst {:.2} ms",
        all.len(),
        ms(at(0.5)),
        ms(at(0.99)),
        ms(at(1.0))
    );
}

/// Prints the app's resident memory now and at its peak so far (from /proc).
fn resident(app: &Running, when: &str) {
    let status = std::fs::read_to_string(format!("/proc/{}/status", app.child.id()))
        .expect("the app's status");
    let kb = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .unwrap_or(0)
    };
    println!(
        "resident memory {when} ({} clients): {} MB, peak {} MB",
        cached::clients(),
        kb("VmRSS:") / 1024,
        kb("VmHWM:") / 1024
    );
}

/// From starting the binary to its first frame.
fn first_frame(c: &mut Criterion) {
    let db = database();
    let mut g = c.benchmark_group("keys");
    g.sample_size(10);
    let mut all = Vec::new();
    g.bench_function(
        format!("start to first frame ({} clients)", cached::clients()),
        |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    let mut app = harness::spawn(harness::caseload(&db));
                    let took = app.next_frame(CHANGED, 60) - start;
                    all.push(took);
                    total += took;
                    app.send(b"q");
                    app.wait_exit(60);
                }
                total
            })
        },
    );
    g.finish();
    summary("start to first frame", &mut all);
}

/// The cursor, a page and a letter typed in the filter of the screen shown (its name
/// before each bench's: the list's have none); the filter is left cleared.
fn window_keys(c: &mut Criterion, app: &mut Running, screen: &str) {
    time_keys(
        c,
        app,
        &format!("{screen}cursor down/up"),
        &[b"\x1b[B", b"\x1b[A"],
    );
    time_keys(
        c,
        app,
        &format!("{screen}page down/up"),
        &[b"\x1b[6~", b"\x1b[5~"],
    );
    app.send(b"/");
    app.next_frame(CHANGED, 30);
    let letter = format!("{screen}filter letter typed/erased");
    time_keys(c, app, &letter, &[b"e", b"\x7f"]);
    // A word that nothing holds (`xq`): its second letter typed and erased.
    app.send(b"x");
    app.next_frame(CHANGED, 30);
    let rare = format!("{screen}filter 'xq', q typed/erased");
    time_keys(c, app, &rare, &[b"q", b"\x7f"]);
    // Leaves the filter (Esc clears it), apart from the next key so it is no Alt.
    app.send(b"\x1b");
    app.next_frame(CHANGED, 30);
    app.idle(Duration::from_millis(100));
}

/// Moving, paging, typing in the filter (of the list and of the agenda), switching tabs
/// and opening a client.
fn keys(c: &mut Criterion) {
    let mut app = started();
    resident(&app, "idle");
    window_keys(c, &mut app, "");
    time_keys(c, &mut app, "tab agenda/caseload", &[b"2", b"1"]);
    app.send(b"2");
    app.next_frame(CHANGED, 30);
    app.idle(Duration::from_millis(200));
    window_keys(c, &mut app, "agenda ");
    app.send(b"1");
    app.next_frame(CHANGED, 30);
    app.idle(Duration::from_millis(100));
    time_keys(c, &mut app, "open client/back", &[b"\r", b"\t"]);
    // Every screen opened: the report counted (it says "Counting…" until then).
    app.send(b"3");
    app.next_frame(CHANGED, 30);
    app.wait_screen("the report", 300, |rows| {
        !rows.iter().any(|r| r.contains("Counting…"))
    });
    app.idle(Duration::from_secs(1));
    resident(&app, "after every screen");
    app.send(b"q");
    app.wait_exit(60);
}

criterion_group!(benches, first_frame, keys);
criterion_main!(benches);
