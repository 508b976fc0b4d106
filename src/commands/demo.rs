//! `caseload demo`: write a deterministic demo caseload into a new file.

use crate::commands::failed::{self, Doing};
use crate::i18n::{Lang, tf, tn};
use crate::lock;
use anyhow::{Result, anyhow};
use chrono::NaiveDate;
use std::path::Path;
use std::process::ExitCode;

/// The most demo clients one file gets.
pub const MAX_CLIENTS: usize = 100_000;

/// Fills the (empty) database at `path` with `clients` demo clients from `seed`.
pub fn run(
    path: &Path,
    clients: usize,
    seed: u64,
    today: NaiveDate,
    lang: Lang,
) -> Result<ExitCode> {
    if clients > MAX_CLIENTS {
        return Err(anyhow!(tf(
            lang,
            "robust.command.demo_too_many",
            &[("max", &"100,000")]
        )));
    }
    let (_lock, mut store) = lock::open_locked(path, lang)?;
    failed::ensure_sound(Doing::Demo, &store, path, lang)?;
    let failed = failed::store(Doing::Demo, lang);
    if store.client_count().map_err(failed)? > 0 {
        return Err(anyhow!(tf(
            lang,
            "robust.command.demo_not_empty",
            &[("file", &path.display())]
        )));
    }
    crate::demo::generate(&mut store, clients, seed, today).map_err(failed)?;
    println!(
        "{}",
        tn(
            lang,
            "robust.command.demo_written",
            clients as u64,
            &[("file", &path.display())]
        )
    );
    Ok(ExitCode::SUCCESS)
}
