//! `caseload demo`: write a deterministic demo caseload into a new file.

use crate::i18n::Lang;
use crate::lock;
use anyhow::{Result, anyhow};
use chrono::NaiveDate;
use std::path::Path;
use std::process::ExitCode;

/// Fills the (empty) database at `path` with `clients` demo clients from `seed`.
pub fn run(
    path: &Path,
    clients: usize,
    seed: u64,
    today: NaiveDate,
    lang: Lang,
) -> Result<ExitCode> {
    if clients > 100_000 {
        return Err(anyhow!("--clients: at most 100,000"));
    }
    let (_lock, mut store) = lock::open_locked(path, lang)?;
    if store.client_count()? > 0 {
        return Err(anyhow!(
            "{}: already has clients; use a new file",
            path.display()
        ));
    }
    crate::demo::generate(&mut store, clients, seed, today)?;
    println!("{}: {} demo clients", path.display(), clients);
    Ok(ExitCode::SUCCESS)
}
