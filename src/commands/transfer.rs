//! `caseload export [--client BSN] [--out FILE]` and `caseload import FILE [--merge]`: the
//! command-line side of [`crate::transfer`]. Neither ever prints a name, BSN or note on
//! stderr: problems are named by JSON path and client number.

use crate::assets::Assets;
use crate::backups::{parent_dir, sync_dir};
use crate::commands::failed::{self, Doing};
use crate::domain::Bsn;
use crate::domain::model::{Id, client_number};
use crate::domain::premium::PremiumConfig;
use crate::i18n::{Lang, t, tf, tn};
use crate::lock;
use crate::store::transfer::{Imported, Refused};
use crate::store::{Store, StoreError};
use crate::transfer::sealed::{self, Sealer, Unsealed};
use crate::transfer::write::{WriteError, write_bundle};
use crate::transfer::{self, Problems};
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
    let wanted: std::collections::HashSet<Id> = ids.iter().copied().collect();
    let mut found: Vec<Id> = store
        .broken_rows()?
        .into_iter()
        .filter_map(|b| b.client_id)
        .filter(|id| wanted.contains(id))
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

/// Why an import did not happen.
#[derive(Debug)]
pub enum ImportError {
    /// The file, or its clients against the database: every problem, by JSON path.
    Refused(Problems),
    /// The database failed (full disk, read-only file, …).
    Store(StoreError),
}

/// Imports a file's bytes into a store in one transaction: everything, or nothing. A
/// granted premium is held to the built-in premium schemes.
pub fn import_into(store: &mut Store, bytes: &[u8], merge: bool) -> Result<Imported, ImportError> {
    let premium = &Assets::builtin().premium;
    import_with(store, merge, |imp| {
        transfer::read_slice(bytes, premium, &mut |i, r| imp.add(i, &r)).map(|_| ())
    })
}

/// Imports what `read` reads (a file, with [`transfer::read_slice`] or
/// [`transfer::read_stream`]), each record written as it is read, in one transaction that
/// is rolled back when the file turns out to have a problem or a client clashes.
fn import_with(
    store: &mut Store,
    merge: bool,
    read: impl FnOnce(&mut crate::store::transfer::Importer) -> Result<(), Problems>,
) -> Result<Imported, ImportError> {
    let done = store.import_stream(merge, read);
    match done {
        Ok(Ok(done)) => Ok(done),
        Ok(Err(Refused::Conflicts(c))) => Err(ImportError::Refused(Problems::of_conflicts(&c))),
        Ok(Err(Refused::Feed(p))) => Err(ImportError::Refused(p)),
        Err(e) => Err(ImportError::Store(e)),
    }
}

/// `caseload import FILE [--merge]`, in two passes over the file, neither of which holds
/// more than one client in memory. The first checks the file alone, before the database
/// is opened (a refused file leaves no trace), a granted premium against `premium` (the
/// municipality's schemes), and BSNs seen twice. The second holds the database as the app
/// does and reads the file again, writing each client as it comes in one transaction;
/// a client who clashes with the database, or a file that changed in between and now
/// has a problem, rolls it all back. A new database is encrypted when `encrypt_new`.
/// What `caseload import` is told besides the file.
pub struct ImportOptions<'a> {
    pub merge: bool,
    /// A new database is encrypted.
    pub encrypt_new: bool,
    /// The passphrase of a sealed export: the first line of this file.
    pub seal: Option<&'a Path>,
    /// The age identity file that opens a bundle sealed to its public key (default: the
    /// one `caseload identity` made).
    pub identity: Option<&'a Path>,
    pub today: chrono::NaiveDate,
}

/// How a sealed file is opened.
enum Key {
    Passphrase(zeroize::Zeroizing<String>),
    Identities(Vec<Box<dyn age::Identity>>),
}

pub fn import(
    db: &Path,
    file: &Path,
    opts: &ImportOptions,
    lang: Lang,
    premium: &PremiumConfig,
) -> Result<ExitCode> {
    let (merge, encrypt_new, seal) = (opts.merge, opts.encrypt_new, opts.seal);
    let cannot_read = |e: std::io::Error| {
        anyhow!(tf(
            lang,
            "transfer.cannot_read",
            &[
                ("file", &file.display()),
                ("error", &failed::io_clause(&e, lang))
            ]
        ))
    };
    // A sealed export (`export --encrypt`, a handover bundle) is known by its first line:
    // its passphrase is asked once (or read from `seal`), or the identity file read, and
    // the file opened with it on each pass.
    let key = match sealed::file_is_sealed(file).map_err(cannot_read)? {
        false => None,
        true if sealed::needs_passphrase(file).map_err(cannot_read)? => Some(Key::Passphrase(
            super::keys::read_secret(seal, t(lang, "transfer.seal_prompt"), lang)?,
        )),
        true => Some(Key::Identities(identities(opts.identity, lang)?)),
    };
    let open = || -> Result<Box<dyn std::io::Read>> {
        let f = std::fs::File::open(file).map_err(cannot_read)?;
        let f = std::io::BufReader::with_capacity(1 << 16, f);
        let opened = match &key {
            None => return Ok(Box::new(f)),
            Some(Key::Passphrase(p)) => sealed::open(f, p),
            Some(Key::Identities(ids)) => sealed::open_with_identities(f, ids),
        };
        opened.map_err(|e| {
            let key = match (e, &key) {
                (Unsealed::Wrong, Some(Key::Identities(_))) => "handover.identity_wrong",
                (Unsealed::Wrong, _) => "transfer.seal_wrong",
                (Unsealed::Damaged, _) => "transfer.seal_damaged",
            };
            anyhow!(tf(lang, key, &[("file", &file.display())]))
        })
    };
    let is_bundle = match transfer::read_bundle(open()?, premium, &mut |_, _| true) {
        Err(p) => return Ok(refuse(&p, lang)),
        Ok((_, header)) => header.is_some(),
    };
    // A new caseload is encrypted (unless `encrypt_new` is off: `--plaintext`), once the
    // file is known to be fit.
    let real = crate::ownfile::resolve(db);
    if encrypt_new && !real.exists() && !crate::store::is_encrypted(&real) {
        super::keys::create_for(&real, lang)?;
    }
    let again = open()?;
    let (_lock, mut store) = lock::open_locked(db, lang)?;
    // Nothing is written into a damaged file: a write could spread the damage.
    failed::ensure_sound(Doing::Import, &store, db, lang)?;
    let mut header = None;
    let introduce = |from: &str| tf(lang, "handover.introduce", &[("from", &from)]);
    let due = crate::domain::workdays::current().add_working_days(opts.today, 5);
    match import_with(&mut store, merge, |imp| {
        if is_bundle {
            imp.bundle();
        }
        let (_, h) = transfer::read_bundle(again, premium, &mut |i, r| imp.add(i, &r))?;
        if let Some(h) = &h {
            let from = match h.from.as_str() {
                "" => t(lang, "handover.a_colleague").to_owned(),
                name => name.to_owned(),
            };
            imp.receive(&from, &h.receipt, opts.today, &introduce(&from), due);
        }
        header = h;
        Ok(())
    }) {
        Ok(done) => {
            let args: [(&str, &dyn std::fmt::Display); 3] = [
                ("file", &file.display()),
                ("clients", &done.clients),
                ("episodes", &done.episodes),
            ];
            println!("{}", tf(lang, "transfer.imported", &args));
            if done.merged > 0 {
                println!("{}", tf(lang, "transfer.merged", &[("n", &done.merged)]));
            }
            if done.returned > 0 {
                println!(
                    "{}",
                    tf(lang, "handover.returned", &[("n", &done.returned)])
                );
            }
            if let Some(h) = header {
                println!(
                    "{}",
                    tf(lang, "handover.receipt", &[("receipt", &h.receipt)])
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(ImportError::Refused(p)) => Ok(refuse(&p, lang)),
        Err(ImportError::Store(e)) => Err(anyhow!(failed::message(Doing::Import, &e, lang))),
    }
}

/// Says why an import was refused, every problem on a line of its own (at most
/// [`transfer::CAP`], then how many more), on stderr; exit code 1.
fn refuse(p: &Problems, lang: Lang) -> ExitCode {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(
        err,
        "caseload: {}",
        tf(lang, "transfer.refused", &[("n", &p.total)])
    );
    for line in p.lines(lang) {
        let _ = writeln!(err, "  {line}");
    }
    ExitCode::FAILURE
}

/// The identities that open a bundle sealed to a public key: from `file`, or the
/// caseworker's own (see `caseload identity`).
fn identities(file: Option<&Path>, lang: Lang) -> Result<Vec<Box<dyn age::Identity>>> {
    let path = match file {
        Some(p) => p.to_path_buf(),
        None => super::handover::identity_path()
            .filter(|p| p.exists())
            .ok_or_else(|| anyhow!(t(lang, "handover.no_identity")))?,
    };
    if let Ok(meta) = std::fs::symlink_metadata(&path) {
        super::handover::own_identity(&path, &meta, lang)?;
    }
    sealed::read_identities(&path).map_err(|e| {
        anyhow!(tf(
            lang,
            "handover.identity_failed",
            &[
                ("file", &path.display()),
                ("error", &failed::io_clause(&e, lang))
            ]
        ))
    })
}
