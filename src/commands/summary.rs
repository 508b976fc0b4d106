//! `caseload summary [--client | --client-file FILE] [--out FILE]`: a client's summary
//! (see [`crate::summary`]) as Markdown, on stdout or in a new private file.

use crate::assets::Assets;
use crate::commands::failed::{self, Doing};
use crate::domain::Bsn;
use crate::i18n::{Lang, t, tf};
use crate::store::Store;
use anyhow::{Result, anyhow};
use chrono::NaiveDate;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Writes the summary of the client with `bsn` in the caseload at `db`.
pub fn run(
    db: &Path,
    bsn: &str,
    out: Option<&Path>,
    today: NaiveDate,
    assets: &Assets,
    lang: Lang,
) -> Result<ExitCode> {
    let bsn = Bsn::parse(bsn).map_err(|e| {
        anyhow!(tf(
            lang,
            "transfer.bad_client",
            &[("reason", &t(lang, e.key()))]
        ))
    })?;
    let store_err = failed::store(Doing::Export, lang);
    let store = Store::open_read_only(db).map_err(&store_err)?;
    let no_client = || anyhow!(tf(lang, "transfer.no_client", &[("file", &db.display())]));
    let id = store
        .client_id_by_bsn(&bsn)
        .map_err(&store_err)?
        .ok_or_else(no_client)?;
    let file = store
        .client_file(id)
        .map_err(&store_err)?
        .ok_or_else(no_client)?;
    let sections = crate::summary::sections(&file, lang, today, (&assets.catalog, &assets.risk));
    let text = crate::summary::markdown(&sections, lang);
    match out {
        None => {
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(text.as_bytes());
        }
        Some(path) => {
            let failed = |e: std::io::Error| {
                anyhow!(tf(
                    lang,
                    "transfer.out_failed",
                    &[
                        ("file", &path.display()),
                        ("error", &failed::io_clause(&e, lang))
                    ]
                ))
            };
            if std::fs::symlink_metadata(path).is_ok() {
                return Err(anyhow!(tf(
                    lang,
                    "transfer.out_exists",
                    &[("file", &path.display())]
                )));
            }
            let mut f = crate::store::create_private(path).map_err(failed)?;
            f.write_all(text.as_bytes())
                .and_then(|()| f.sync_all())
                .map_err(failed)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
