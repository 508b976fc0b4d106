//! `caseload backup [FILE]` and `caseload restore FILE`: the command-line side of
//! [`crate::backups`].

use crate::backups::{self, BackupError};
use crate::i18n::{Lang, tf};
use crate::log::{self, Event};
use crate::store::Store;
use anyhow::{Result, anyhow};
use std::path::Path;
use std::process::ExitCode;

/// A size as people read it: `840 kB`, `12.4 MB`.
pub fn human_size(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    } else {
        format!("{} kB", bytes.div_ceil(1000))
    }
}

fn failed(e: BackupError, lang: Lang) -> anyhow::Error {
    log::event(Event::BackupFailed { kind: e.kind() });
    anyhow!(e.message(lang))
}

/// Writes a checked backup of `db`: to `file`, or into the backups folder.
/// It only reads the database, so it may run while the app is open.
pub fn backup(db: &Path, file: Option<&Path>, lang: Lang) -> Result<ExitCode> {
    let store = Store::open_read_only(db).map_err(|e| anyhow!(e.read_message(lang)))?;
    let written = match file {
        Some(f) => backups::write_verified(&store, f).map(|_| f.to_owned()),
        None => backups::backup_into_folder(&store, db, chrono::Local::now().naive_local()),
    }
    .map_err(|e| failed(e, lang))?;
    let size = std::fs::metadata(&written).map(|m| m.len()).unwrap_or(0);
    println!(
        "{}",
        tf(
            lang,
            "robust.backup.written",
            &[("file", &written.display()), ("size", &human_size(size))],
        )
    );
    Ok(ExitCode::SUCCESS)
}

/// Replaces `db` by the backup `file` after checking it; says where the old one is kept.
pub fn restore(db: &Path, file: &Path, lang: Lang) -> Result<ExitCode> {
    let now = chrono::Local::now().naive_local();
    let done = backups::restore(db, file, now).map_err(|e| failed(e, lang))?;
    println!(
        "{}",
        tf(
            lang,
            "robust.backup.restored",
            &[("file", &file.display()), ("db", &db.display())],
        )
    );
    if let Some(kept) = done.kept {
        println!(
            "{}",
            tf(lang, "robust.backup.kept", &[("file", &kept.display())])
        );
    }
    Ok(ExitCode::SUCCESS)
}
