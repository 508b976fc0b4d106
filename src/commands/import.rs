//! `caseload import FILE [--merge]`: the command-line side of [`crate::transfer`]'s reader,
//! for exports, sealed exports and handover bundles. It never prints a name, BSN or note
//! on stderr: problems are named by JSON path and client number.

use crate::assets::Assets;
use crate::commands::failed::{self, Doing};
use crate::domain::premium::PremiumConfig;
use crate::i18n::{Lang, t, tf};
use crate::lock;
use crate::paths::with_suffix;
use crate::store::import::{Imported, Refused};
use crate::store::{Store, StoreError};
use crate::temps::COMPANIONS;
use crate::transfer::sealed::{self, Unsealed};
use crate::transfer::{self, Problems};
use anyhow::{Result, anyhow};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

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
    import_with(store, merge, false, |imp| {
        transfer::read_ahead(&mut |i, r| imp.add(i, &r), |each| {
            transfer::read_slice(bytes, premium, each)
        })
        .map(|_| ())
    })
}

/// Imports what `read` reads (a file, with [`transfer::read_slice`] or
/// [`transfer::read_stream`]), each record written as it is read, in one transaction that
/// is rolled back when the file turns out to have a problem or a client clashes.
fn import_with(
    store: &mut Store,
    merge: bool,
    bundle: bool,
    read: impl FnOnce(&mut crate::store::import::Importer) -> Result<(), Problems>,
) -> Result<Imported, ImportError> {
    let done = store.import_stream(merge, bundle, read);
    match done {
        Ok(Ok(done)) => Ok(done),
        Ok(Err(Refused::Conflicts(c))) => Err(ImportError::Refused(Problems::of_conflicts(&c))),
        Ok(Err(Refused::Feed(p))) => Err(ImportError::Refused(p)),
        Err(e) => Err(ImportError::Store(e)),
    }
}

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

/// `caseload import FILE [--merge]`, holding no more than a few clients of the file in
/// memory. The file is checked (a granted premium against `premium`, the municipality's
/// schemes, and BSNs seen twice) as it is written, each client as it comes, in one
/// transaction with the database held as the app holds it: a problem in the file, or a
/// client who clashes with the database, rolls it all back, and a database made for the
/// import is removed again. Before that, the file's top
/// level is passed over once to see whether it is a handover bundle, which is written
/// otherwise; and a new database that is to be encrypted (unless `--plaintext`) first has
/// the whole file checked, so that no passphrase is asked for a file that is refused.
/// A handover bundle marks its clients received and takes back those handed over from here.
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
    let open = || -> Result<Box<dyn std::io::Read + Send>> {
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
    let real = crate::ownfile::resolve(db);
    // A new caseload is encrypted (unless `encrypt_new` is off: `--plaintext`), once the
    // file is known to be fit.
    let made_key = encrypt_new && !real.exists() && !crate::store::is_encrypted(&real);
    let is_bundle = if made_key {
        let is_bundle = match transfer::read_bundle(open()?, premium, &mut |_, _| true) {
            Err(p) => return Ok(refuse(&p, lang)),
            Ok((_, header)) => header.is_some(),
        };
        super::keys::create_for(&real, lang)?;
        is_bundle
    } else {
        transfer::is_bundle(open()?)
    };
    let again = open()?;
    // What SQLite may have left beside a database that is not there: not this import's.
    let left = COMPANIONS.map(|c| std::fs::symlink_metadata(with_suffix(&real, c)).is_ok());
    let (lock, mut store, made) = lock::open_locked_made(db, lang)?;
    // Nothing is written into a damaged file: a write could spread the damage.
    failed::ensure_sound(Doing::Import, &store, db, lang)?;
    let mut header = None;
    let introduce = |from: &str| tf(lang, "handover.introduce", &[("from", &from)]);
    let due = crate::domain::workdays::current().add_working_days(opts.today, 5);
    match import_with(&mut store, merge, is_bundle, |imp| {
        let (_, h) = transfer::read_ahead(&mut |i, r| imp.add(i, &r), |each| {
            transfer::read_bundle(again, premium, each)
        })?;
        if h.is_some() != is_bundle {
            // A bundle read as an export, or the other way round: the file changed after
            // its first look.
            return Err(Problems::one("transfer.err.changed"));
        }
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
                    crate::i18n::tn(lang, "handover.returned", done.returned as u64, &[])
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
        Err(e) => {
            if made {
                remove_new(store, lock, &real, made_key, left);
            }
            match e {
                ImportError::Refused(p) => Ok(refuse(&p, lang)),
                ImportError::Store(e) => Err(anyhow!(failed::message(Doing::Import, &e, lang))),
            }
        }
    }
}

/// Removes the database made for an import that wrote nothing, with what SQLite made
/// beside it (not what was `left` there before) and the key file when this import made it,
/// then its lock.
fn remove_new(
    store: crate::store::Store,
    lock: lock::InstanceLock,
    real: &Path,
    made_key: bool,
    left: [bool; 4],
) {
    let _ = store.close();
    for (suffix, _) in COMPANIONS.iter().zip(left).filter(|(_, left)| !left) {
        let _ = std::fs::remove_file(with_suffix(real, suffix));
    }
    if made_key {
        let _ = std::fs::remove_file(crate::vault::key_path(real));
    }
    lock.remove();
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
        None => super::identity::identity_path()
            .filter(|p| p.exists())
            .ok_or_else(|| anyhow!(t(lang, "handover.no_identity")))?,
    };
    if let Ok(meta) = std::fs::symlink_metadata(&path) {
        super::identity::own_identity(&path, &meta, lang)?;
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
