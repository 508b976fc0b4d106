//! Runs the real `caseload` binary in a pseudo-terminal: keys in, the screen read through
//! a terminal emulator (`vt100`), signals, and the terminal's state after it ends.
#![allow(dead_code)]

use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{LocalModes, Winsize, tcgetattr, tcsetwinsize};
use std::ffi::OsStr;
use std::fs::File;
use std::io::{Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::{Child, Command, ExitStatus};
use std::time::{Duration, Instant};

/// The size of the pty, as (columns, rows).
const SIZE: (u16, u16) = (100, 30);

/// A child process on the slave side of a pty; the test holds the master.
pub struct Running {
    pub child: Child,
    master: Option<File>,
    /// Everything the child wrote to its terminal so far.
    pub output: Vec<u8>,
    /// The terminal the output was written to, as a terminal shows it.
    terminal: vt100::Parser,
}

/// The caseload binary with a fixed language and date.
pub fn caseload(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_caseload"));
    c.arg("--db")
        .arg(db)
        .args(["--lang", "en", "--today", "2026-11-23"]);
    c
}

/// Starts `cmd` with stdin, stdout and stderr on a new 100×30 pty.
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
            ws_row: SIZE.1,
            ws_col: SIZE.0,
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
    let (cols, rows) = SIZE;
    Running {
        child,
        master: Some(File::from(master)),
        output: Vec::new(),
        terminal: vt100::Parser::new(rows.try_into().unwrap(), cols.try_into().unwrap(), 0),
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
                    self.terminal.process(&buf[..n]);
                }
            }
        }
    }

    /// Waits until the screen shows `needle` on one of its rows; panics after `secs`
    /// seconds.
    pub fn wait_for(&mut self, needle: &str, secs: u64) {
        let end = Instant::now() + Duration::from_secs(secs);
        loop {
            self.pump();
            let screen = self.screen();
            if screen.contains(needle) {
                return;
            }
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("exited with {status} before showing {needle:?}:\n{screen}");
            }
            assert!(
                Instant::now() < end,
                "no {needle:?} within {secs}s:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until what was typed shows: the screen has `needle` on one of its rows (in
    /// the field it was typed into), whatever else was redrawn meanwhile; panics after
    /// `secs` seconds.
    pub fn wait_for_echo(&mut self, needle: &str, secs: u64) {
        self.wait_for(needle, secs);
    }

    /// The screen as the terminal shows it now: its rows, one a line.
    pub fn screen(&self) -> String {
        let (_, cols) = self.terminal.screen().size();
        let rows: Vec<String> = self.terminal.screen().rows(0, cols.get()).collect();
        rows.join("\n")
    }

    /// Whether the terminal shows the alternate screen (the app's, while it runs).
    pub fn alternate_screen(&self) -> bool {
        self.terminal.screen().alternate_screen()
    }

    /// The output so far, as text (escape sequences and all).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.output).into_owned()
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
                self.screen()
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
