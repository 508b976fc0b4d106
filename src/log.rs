//! An opt-in log (`--log FILE`, mode 0600) of non-personal events only: start, stop,
//! backups, and the kinds of errors. Off unless asked for; events are typed so that no
//! name, BSN, note or path can end up in it.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

static LOG: OnceLock<Mutex<File>> = OnceLock::new();

/// Something worth a line in the log. Deliberately without free text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// The app or a command started.
    Start,
    /// It ended: normally, or by a signal.
    Stop { signal: bool },
    /// A backup was written (its size in bytes).
    BackupWritten { bytes: u64 },
    /// Old backups were removed by the rotation.
    BackupsRemoved { count: usize },
    /// A backup or restore failed, with the kind of failure.
    BackupFailed { kind: &'static str },
    /// A database was restored from a backup.
    Restored,
    /// Something failed: a save, with its kind (`disk_full`, `read_only`, ...), or a
    /// command (`command`).
    Error { kind: &'static str },
    /// A second instance was refused.
    Refused,
}

impl std::fmt::Display for Event {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Event::Start => write!(
                f,
                "start caseload {} pid {}",
                env!("CARGO_PKG_VERSION"),
                std::process::id()
            ),
            Event::Stop { signal: false } => f.write_str("stop"),
            Event::Stop { signal: true } => f.write_str("stop on signal"),
            Event::BackupWritten { bytes } => write!(f, "backup written ({bytes} bytes)"),
            Event::BackupsRemoved { count } => write!(f, "old backups removed ({count})"),
            Event::BackupFailed { kind } => write!(f, "backup failed: {kind}"),
            Event::Restored => f.write_str("database restored from a backup"),
            Event::Error { kind } => write!(f, "error: {kind}"),
            Event::Refused => f.write_str("second instance refused"),
        }
    }
}

/// Starts logging to `path` (appending; created 0600). Only the first call counts.
pub fn init(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::store::create_private_dir(dir)?;
    }
    let mut opts = OpenOptions::new();
    opts.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let file = opts.open(path)?;
    let _ = LOG.set(Mutex::new(file));
    Ok(())
}

/// Writes one event, stamped with the local time; does nothing when logging is off.
pub fn event(e: Event) {
    let Some(log) = LOG.get() else { return };
    let Ok(mut file) = log.lock() else { return };
    let at = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S");
    // A log that cannot be written must never stop the app.
    let _ = writeln!(file, "{at} {e}");
}

/// Whether logging is on.
pub fn enabled() -> bool {
    LOG.get().is_some()
}
