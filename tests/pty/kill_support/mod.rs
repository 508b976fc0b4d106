//! Helpers of the kill test: running the real binary's commands and killing them at a
//! moment; what a kill may leave on disk ([`files`]), what was typed ([`drafts`]), the
//! keys that drive the app ([`keys`]), the files made for it ([`world`]) and the figures
//! ([`tally`]).
#![allow(dead_code)]

pub mod drafts;
pub mod files;
pub mod keys;
pub mod tally;
pub mod world;

use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs a command to its end; panics with its stderr unless it succeeds. Returns how long
/// it took.
pub fn run(mut cmd: Command, what: &str) -> Duration {
    let started = Instant::now();
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{what}: exited with {}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    started.elapsed()
}

/// How a command that was to be killed ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    /// SIGKILL ended it.
    Killed,
    /// It was done before the kill came, and succeeded.
    Done,
}

/// Starts `cmd`, kills it with SIGKILL after `after`, and says whether the kill ended
/// it; panics with its stderr when it ended on its own and failed (a lock left by a
/// killed predecessor that blocked, a refused file).
pub fn kill_after(mut cmd: Command, after: Duration, what: &str) -> Ended {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(after);
    // Killing a child that ended but was not waited for yet is harmless.
    child.kill().unwrap();
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    if status.signal() == Some(libc::SIGKILL) {
        Ended::Killed
    } else {
        assert!(status.success(), "{what}: exited with {status}: {err}");
        Ended::Done
    }
}

/// Removes a database with its companions (log, index, lock).
pub fn remove_db(db: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal", ".lock"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => panic!("{}: {e}", Path::new(&p).display()),
        }
    }
}

/// The temporary files a killed backup or restore left in a folder.
pub fn temps_in(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir).map_or(Vec::new(), |d| {
        d.flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(".caseload-"))
            .map(|e| e.path())
            .collect()
    })
}
