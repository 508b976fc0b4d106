//! Runs the real `caseload` binary in a pseudo-terminal: keys in, screen bytes out (and
//! the screen they draw, through a terminal emulator), signals, and the terminal's state
//! after it ends; and the app's database as other programs see it meanwhile.
#![allow(dead_code)]

use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{LocalModes, Winsize, tcgetattr, tcsetwinsize};
use std::ffi::OsStr;
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::{Child, Command, ExitStatus};
use std::time::{Duration, Instant};

/// The size of the pty: rows and columns.
pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;

/// A child process on the slave side of a pty; the test holds the master.
pub struct Running {
    pub child: Child,
    master: Option<File>,
    /// Everything the child wrote to its terminal so far.
    pub output: Vec<u8>,
    /// The screen that output draws.
    term: vt100::Parser,
    /// How much of `output` [`Running::next_frame`] has looked at.
    framed: usize,
}

/// The caseload binary with a fixed language and date, on a plaintext database (the
/// encrypted one has tests of its own).
pub fn caseload(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_caseload"));
    c.arg("--db")
        .arg(db)
        .args(["--lang", "en", "--today", "2026-11-23", "--plaintext"]);
    c
}

/// The header shows this once the first frame is drawn (at `--today 2026-11-23`).
pub const FRAME: &str = "Today 23-11-2026";

/// A demo caseload of `clients` clients in `dir` (as `caseload demo` writes it).
pub fn demo_db(dir: &Path, clients: usize) -> std::path::PathBuf {
    let db = dir.join("caseload.db");
    let out = caseload(&db)
        .args(["demo", "--clients", &clients.to_string()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    db
}

/// The process that holds a lock on SQLite's shared-lock bytes of the database file, as
/// another program's SQLite sees it when it asks whether it is alone (`F_GETLK` for the
/// exclusive lock it takes on close): `None` when nobody does.
pub fn shared_lock_holder(db: &Path) -> Option<i32> {
    // SQLite's lock bytes: PENDING at 1 GiB, RESERVED after it, then 510 SHARED bytes.
    const SHARED_FIRST: i64 = 0x4000_0000 + 2;
    let file = std::fs::File::open(db).unwrap();
    // SAFETY: a plain struct for fcntl, filled in by the call.
    let mut lock: libc::flock = unsafe { std::mem::zeroed() };
    lock.l_type = libc::F_WRLCK as _;
    lock.l_whence = libc::SEEK_SET as _;
    lock.l_start = SHARED_FIRST as _;
    lock.l_len = 510;
    // SAFETY: F_GETLK with a valid descriptor and a pointer to a flock that lives.
    let rc = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_GETLK, &mut lock) };
    assert_eq!(rc, 0, "{}", std::io::Error::last_os_error());
    // This test process holds no lock on the file, so closing `file` drops nothing.
    (i32::from(lock.l_type) != libc::F_UNLCK).then_some(lock.l_pid)
}

/// Opens the file read-write from another process and closes it again, as the `sqlite3`
/// shell does; `false` when there is no Python with SQLite on this machine.
pub fn sqlite_from_python(db: &Path) -> bool {
    let script = "import sqlite3, sys\n\
                  c = sqlite3.connect(sys.argv[1])\n\
                  c.execute('SELECT count(*) FROM client').fetchone()\n\
                  c.close()\n";
    std::process::Command::new("python3")
        .args(["-c", script])
        .arg(db)
        .status()
        .is_ok_and(|s| s.success())
}

/// Starts `cmd` with stdin, stdout and stderr on a new 100×30 pty ([`COLS`]×[`ROWS`]).
pub fn spawn(cmd: Command) -> Running {
    spawn_on_pty(cmd, false)
}

/// Like [`spawn`], with the pty as the child's controlling terminal in a session of its
/// own, as a terminal window or tmux starts it: closing the master then also sends the
/// kernel's `SIGHUP`.
pub fn spawn_controlled(cmd: Command) -> Running {
    spawn_on_pty(cmd, true)
}

fn spawn_on_pty(mut cmd: Command, controlling: bool) -> Running {
    // Close-on-exec: a child of another test must not keep this terminal open.
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC).unwrap();
    grantpt(&master).unwrap();
    unlockpt(&master).unwrap();
    let name = ptsname(&master, Vec::new()).unwrap();
    tcsetwinsize(
        &master,
        Winsize {
            ws_row: ROWS,
            ws_col: COLS,
            ws_xpixel: 0,
            ws_ypixel: 0,
        },
    )
    .unwrap();
    rustix::io::ioctl_fionbio(&master, true).unwrap();
    let slave = File::options()
        .read(true)
        .write(true)
        .open(Path::new(OsStr::from_bytes(name.as_bytes())))
        .unwrap();
    cmd.stdin(slave.try_clone().unwrap())
        .stdout(slave.try_clone().unwrap())
        .stderr(slave);
    if controlling {
        use std::os::unix::process::CommandExt;
        // SAFETY: between fork and exec only two system calls, no allocation or locks.
        unsafe {
            cmd.pre_exec(|| {
                rustix::process::setsid()?;
                rustix::process::ioctl_tiocsctty(rustix::stdio::stdin())?;
                Ok(())
            });
        }
    }
    let child = cmd.spawn().unwrap();
    // The parent's copies of the slave go with `cmd`.
    drop(cmd);
    let size = |n| std::num::NonZeroU16::new(n).unwrap();
    Running {
        child,
        master: Some(File::from(master)),
        output: Vec::new(),
        term: vt100::Parser::new(size(ROWS), size(COLS), 0),
        framed: 0,
    }
}

impl Running {
    /// Reads what the child has written (without blocking).
    pub fn pump(&mut self) {
        let Some(m) = self.master.as_mut() else {
            return;
        };
        let mut buf = [0u8; 8192];
        loop {
            match m.read(&mut buf) {
                Ok(0) | Err(_) => return,
                Ok(n) => {
                    self.output.extend_from_slice(&buf[..n]);
                    self.term.process(&buf[..n]);
                }
            }
        }
    }

    /// The screen as it stands now, row by row (trailing blanks trimmed).
    pub fn screen(&self) -> Vec<String> {
        self.term
            .screen()
            .rows(0, COLS)
            .map(|r| r.trim_end().to_owned())
            .collect()
    }

    /// Waits until the screen, as it stands, satisfies `done` (given its rows); panics after
    /// `secs` seconds, or when the child ends first, with `what` and the screen.
    pub fn wait_screen(&mut self, what: &str, secs: u64, done: impl Fn(&[String]) -> bool) {
        let end = Instant::now() + Duration::from_secs(secs);
        loop {
            self.pump();
            let rows = self.screen();
            if done(&rows) {
                return;
            }
            let shown = rows.join("\n");
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("exited with {status} before showing {what}:\n{shown}");
            }
            assert!(
                Instant::now() < end,
                "no {what} within {secs}s; the screen:\n{shown}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Lets `pause` pass while reading what the child writes, so it never blocks on a
    /// full terminal.
    pub fn idle(&mut self, pause: Duration) {
        let end = Instant::now() + pause;
        loop {
            self.pump();
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return;
            }
            std::thread::sleep(left.min(Duration::from_millis(5)));
        }
    }

    /// Waits until the screen shows `needle` on one of its rows; panics after `secs`
    /// seconds.
    pub fn wait_for(&mut self, needle: &str, secs: u64) {
        self.wait_screen(&format!("{needle:?}"), secs, |rows| {
            rows.iter().any(|r| r.contains(needle))
        });
    }

    /// Waits until what was typed shows: the screen has `needle` on one of its rows (in
    /// the field it was typed into), whatever else was redrawn meanwhile; panics after
    /// `secs` seconds.
    pub fn wait_for_echo(&mut self, needle: &str, secs: u64) {
        self.wait_for(needle, secs);
    }

    /// Whether the terminal shows the alternate screen (the app's, while it runs).
    pub fn alternate_screen(&self) -> bool {
        self.term.screen().alternate_screen()
    }

    /// The output so far, as text (escape sequences and all).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.output).into_owned()
    }

    /// The output so far without its escape sequences: the characters in the order
    /// they were written.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        let text = self.text();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '\x1b' {
                out.push(c);
            } else if chars.next_if_eq(&'[').is_some() {
                // A CSI sequence ends with its first byte from '@' to '~'.
                while chars.next().is_some_and(|c| !('@'..='~').contains(&c)) {}
            } else {
                chars.next();
            }
        }
        out
    }

    /// Waits for the end of the next frame (the app draws each as one synchronized update)
    /// that writes at least `min` bytes, so a frame that changed what shows rather than an
    /// idle tick's; returns when its end was read. Panics after `secs` seconds.
    pub fn next_frame(&mut self, min: usize, secs: u64) -> Instant {
        const BEGIN: &[u8] = b"\x1b[?2026h";
        const END: &[u8] = b"\x1b[?2026l";
        let find = |hay: &[u8], what: &[u8]| hay.windows(what.len()).position(|w| w == what);
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            while let Some(end) = find(&self.output[self.framed..], END) {
                let frame = &self.output[self.framed..self.framed + end];
                let drawn = find(frame, BEGIN).map_or(frame.len(), |b| frame.len() - b);
                self.framed += end + END.len();
                if drawn >= min {
                    return Instant::now();
                }
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "no frame within {secs}s");
            let fd = self.master.as_ref().unwrap();
            let mut fds = [rustix::event::PollFd::new(fd, rustix::event::PollFlags::IN)];
            let timeout = rustix::event::Timespec::try_from(left).unwrap();
            let _ = rustix::event::poll(&mut fds, Some(&timeout));
            self.pump();
        }
    }

    /// Waits until the app has written nothing for `quiet`, and passes over every frame
    /// drawn so far: the next [`Running::next_frame`] is one drawn after this.
    pub fn settle(&mut self, quiet: Duration) {
        loop {
            let seen = self.output.len();
            self.idle(quiet);
            if self.output.len() == seen {
                self.framed = seen;
                return;
            }
        }
    }

    /// Types bytes into the terminal.
    pub fn send(&mut self, bytes: &[u8]) {
        self.master.as_mut().unwrap().write_all(bytes).unwrap();
    }

    /// Sends a signal to the child.
    pub fn signal(&self, sig: rustix::process::Signal) {
        let pid = rustix::process::Pid::from_child(&self.child);
        rustix::process::kill_process(pid, sig).unwrap();
    }

    /// Closes the terminal (as closing its window does).
    pub fn hang_up(&mut self) {
        self.master = None;
    }

    /// Waits for the child to end, reading its output meanwhile.
    pub fn wait_exit(&mut self, secs: u64) -> ExitStatus {
        let end = Instant::now() + Duration::from_secs(secs);
        loop {
            self.pump();
            if let Some(status) = self.child.try_wait().unwrap() {
                self.pump();
                return status;
            }
            assert!(
                Instant::now() < end,
                "still running after {secs}s:\n{}",
                self.screen().join("\n")
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Whether the terminal is back in cooked mode (line editing and echo on).
    pub fn cooked(&self) -> bool {
        let t = tcgetattr(self.master.as_ref().unwrap()).unwrap();
        t.local_modes
            .contains(LocalModes::ICANON | LocalModes::ECHO)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        // Never leave a child behind when a test fails.
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
