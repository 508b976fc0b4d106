//! `caseload export [--client | --client-file F] [--out FILE]` and the writing of handover
//! bundles: the command-line side of [`crate::transfer`]'s writer (reading is in
//! [`super::import`]). It never prints a name, BSN or note on stderr: problems are named
//! by client number.

use crate::backups::{parent_dir, sync_dir};
use crate::commands::failed::{self, Doing};
use crate::domain::Bsn;
use crate::domain::model::{Id, client_number};
use crate::i18n::{Lang, t, tf, tn};
use crate::store::{Store, StoreError};
use crate::transfer::sealed::Sealer;
use crate::transfer::write::{WriteError, write_bundle};
use anyhow::{Result, anyhow};
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

/// Writes the caseload, or one client's record, as JSON: to `out` (a new file, mode 0600;
/// an existing one is refused) or to stdout; sealed with a passphrase when `seal` has one
/// (an age file). It only reads the database, so it may run while the app is open.
pub fn export(
    db: &Path,
    client: Option<&str>,
    out: Option<&Path>,
    seal: Option<&str>,
    lang: Lang,
) -> Result<ExitCode> {
    let bsn = client
        .map(|s| {
            Bsn::parse(s).map_err(|e| {
                anyhow!(tf(
                    lang,
                    "transfer.bad_client",
                    &[("reason", &t(lang, e.key()))]
                ))
            })
        })
        .transpose()?;
    let store_err = failed::store(Doing::Export, lang);
    let store = Store::open_read_only(db).map_err(&store_err)?;
    let ids: Vec<Id> = match &bsn {
        Some(b) => match store.client_id_by_bsn(b).map_err(store_err)? {
            Some(id) => vec![id],
            None => {
                return Err(anyhow!(tf(
                    lang,
                    "transfer.no_client",
                    &[("file", &db.display())]
                )));
            }
        },
        None => store.client_ids().map_err(store_err)?,
    };
    // One client's copy holds their history; the caseload's export does not.
    let copy = bsn.is_some();
    let write = |s: &Store, ids: &[Id], w: &mut dyn Write| {
        sealed_or_plain(w, seal, |w| write_records(s, ids, copy, None, &[], w))
    };
    // A row the database should not hold would stop the export half-way: found first, so
    // nothing at all is written, and named by its client.
    let broken = broken_clients(&store, &ids).map_err(store_err)?;
    if let Some(first) = broken.first() {
        return Err(broken_export(*first, broken.len(), lang));
    }
    match out {
        Some(path) => {
            let exists = || {
                anyhow!(tf(
                    lang,
                    "transfer.out_exists",
                    &[("file", &path.display())]
                ))
            };
            // Something at the path already (a link to nothing too) is never written over.
            if std::fs::symlink_metadata(path).is_ok() {
                return Err(exists());
            }
            // Written to a private temporary file beside it, which takes the name only when
            // whole: a killed export leaves no half file under the name (and its temporary
            // file goes at the next run).
            let dir = parent_dir(path);
            crate::store::create_private_dir(dir).map_err(|e| out_failed(path, &e, lang))?;
            let tmp = crate::temps::temp_in(dir).map_err(|e| out_failed(path, &e, lang))?;
            let mut w = BufWriter::new(tmp.as_file());
            let written = write(&store, &ids, &mut w).and_then(|n| {
                w.flush()?;
                tmp.as_file().sync_all()?;
                Ok(n)
            });
            drop(w);
            let n = written.map_err(|e| match e {
                Failed::Store(e) => store_err(e),
                Failed::Client(id, e) => client_failed(id, &e, lang),
                Failed::Io(e) => out_failed(path, &e, lang),
            })?;
            tmp.persist_noclobber(path)
                .map_err(|e| match e.error.kind() {
                    std::io::ErrorKind::AlreadyExists => exists(),
                    _ => out_failed(path, &e.error, lang),
                })?;
            let _ = sync_dir(dir);
            println!(
                "{}",
                tf(
                    lang,
                    "transfer.exported",
                    &[("n", &n), ("file", &path.display())]
                )
            );
            let note = match seal {
                Some(_) => "transfer.sealed_note",
                None => "transfer.plaintext_note",
            };
            println!("{}", t(lang, note));
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let stdout = std::io::stdout().lock();
            let mut w = BufWriter::new(stdout);
            match write(&store, &ids, &mut w) {
                Ok(_) => Ok(ExitCode::SUCCESS),
                Err(Failed::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                    Ok(ExitCode::SUCCESS)
                }
                Err(Failed::Io(e)) => Err(anyhow!(tf(
                    lang,
                    "transfer.stdout_failed",
                    &[("error", &failed::io_clause(&e, lang))]
                ))),
                Err(Failed::Store(e)) => Err(store_err(e)),
                Err(Failed::Client(id, e)) => Err(client_failed(id, &e, lang)),
            }
        }
    }
}

/// Writes with `write` into `w`, sealed with the passphrase `seal` when there is one.
fn sealed_or_plain(
    w: &mut dyn Write,
    seal: Option<&str>,
    write: impl FnOnce(&mut dyn Write) -> Result<usize, Failed>,
) -> Result<usize, Failed> {
    let Some(passphrase) = seal else {
        return write(w);
    };
    let mut sealer = Sealer::new(w, passphrase)?;
    let n = write(&mut sealer)?;
    sealer.finish()?;
    Ok(n)
}

/// The clients among `ids` that have a row breaking a constraint of the schema.
fn broken_clients(store: &Store, ids: &[Id]) -> crate::store::Result<Vec<Id>> {
    // A set of the few broken clients, not of the many exported ones.
    let broken: std::collections::HashSet<Id> = store
        .broken_rows()?
        .into_iter()
        .filter_map(|b| b.client_id)
        .collect();
    if broken.is_empty() {
        return Ok(Vec::new());
    }
    let mut found: Vec<Id> = ids
        .iter()
        .copied()
        .filter(|id| broken.contains(id))
        .collect();
    found.sort_unstable();
    found.dedup();
    Ok(found)
}

/// Nothing was exported because of a client's record: which client, and what to do.
fn broken_export(client: Id, n: usize, lang: Lang) -> anyhow::Error {
    anyhow!(tn(
        lang,
        "transfer.broken",
        n as u64,
        &[("client", &client_number(client))]
    ))
}

/// Reading one client's record failed: a value it cannot hold names the client, any
/// other failure is the database's.
fn client_failed(client: Id, e: &StoreError, lang: Lang) -> anyhow::Error {
    if e.is_bad_value() {
        broken_export(client, 1, lang)
    } else {
        anyhow!(failed::message(Doing::Export, e, lang))
    }
}

fn out_failed(path: &Path, e: &std::io::Error, lang: Lang) -> anyhow::Error {
    anyhow!(tf(
        lang,
        "transfer.out_failed",
        &[
            ("file", &path.display()),
            ("error", &failed::io_clause(e, lang))
        ]
    ))
}

/// Why writing an export stopped.
#[derive(Debug)]
pub enum Failed {
    Store(StoreError),
    /// Reading this client's record failed.
    Client(Id, StoreError),
    Io(std::io::Error),
}

impl From<std::io::Error> for Failed {
    fn from(e: std::io::Error) -> Self {
        Failed::Io(e)
    }
}

/// Writes the records of `ids` from one snapshot of the database (what `export` writes);
/// returns how many were written.
pub fn write_all(store: &Store, ids: &[Id], w: &mut impl Write) -> Result<usize, Failed> {
    write_records(store, ids, false, None, &[], w)
}

/// Writes a handover bundle: the records of `ids` under `header` (without the history of
/// changes, which an import does not read and which would carry what was voided as
/// entered in error); of the clients in `moved` only what may travel to another
/// municipality.
pub fn write_bundle_records(
    store: &Store,
    ids: &[Id],
    header: &crate::transfer::HandoverHeader,
    moved: &[Id],
    w: &mut dyn Write,
) -> Result<usize, Failed> {
    write_records(store, ids, false, Some(header), moved, w)
}

fn write_records(
    store: &Store,
    ids: &[Id],
    history: bool,
    header: Option<&crate::transfer::HandoverHeader>,
    moved: &[Id],
    w: &mut dyn Write,
) -> Result<usize, Failed> {
    let written = store
        .in_snapshot(|s| {
            let records = ids.iter().filter_map(|id| {
                let record = s.client_record(*id).and_then(|r| match r {
                    Some(mut r) if history => {
                        r.history = s.client_changes(*id)?;
                        Ok(Some(r))
                    }
                    other => Ok(other),
                });
                let record = record.map(|r| match r {
                    Some(r) if moved.contains(id) => Some(r.for_another_municipality()),
                    other => other,
                });
                record.map_err(|e| Failed::Client(*id, e)).transpose()
            });
            Ok(write_bundle(&mut *w, records, header))
        })
        .map_err(Failed::Store)?;
    written.map_err(|e| match e {
        WriteError::Source(e) => e,
        WriteError::Io(e) => Failed::Io(e),
    })
}
