//! `caseload demo`: write a deterministic demo caseload into a new file.

use crate::commands::failed::{self, Doing};
use crate::i18n::{Lang, tf, tn};
use crate::lock;
use anyhow::{Result, anyhow};
use chrono::NaiveDate;
use std::path::Path;
use std::process::ExitCode;

/// The most demo clients one file gets (a million take about three minutes, a 3.2 GB file).
pub const MAX_CLIENTS: usize = 1_000_000;

/// [`MAX_CLIENTS`] as the language writes it.
fn max_clients(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "1.000.000",
        Lang::En => "1,000,000",
    }
}

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
            &[("max", &max_clients(lang))]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_is_said_as_it_is() {
        for lang in [Lang::Nl, Lang::En] {
            let digits: String = max_clients(lang)
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            assert_eq!(digits, MAX_CLIENTS.to_string());
        }
    }
}
