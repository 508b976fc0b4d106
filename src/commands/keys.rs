//! An encrypted caseload on the command line: unlocking it for a command (the passphrase
//! asked on the terminal, or read from `--passphrase-file`), `caseload passphrase` (change
//! it) and `caseload encrypt` (turn a plaintext caseload into an encrypted one, safely).

use super::client_bsn::first_line;
use super::failed::io_clause;
use crate::i18n::{Lang, t, tf};
use crate::lock::InstanceLock;
use crate::store::Store;
use crate::vault::strength::{MIN_CHARS, Strength, strength};
use crate::vault::{DataKey, Kdf, KeyFile, TempKeys, held, message};
use anyhow::{Result, anyhow};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use zeroize::Zeroizing;

/// The most bytes read as a passphrase.
const MAX_LEN: usize = 1024;

/// Reads a secret: the first line of `file` (`-`: standard input; `/dev/fd/N`: a file
/// descriptor), or asked on the terminal with `prompt` and not shown.
pub fn read_secret(file: Option<&Path>, prompt: &str, lang: Lang) -> Result<Zeroizing<String>> {
    let failed = |f: &Path, e: std::io::Error| {
        anyhow!(tf(
            lang,
            "vault.err.passphrase_file",
            &[("file", &f.display()), ("error", &io_clause(&e, lang))]
        ))
    };
    let line = match file {
        Some(f) if f == Path::new("-") => first_line(&mut std::io::stdin().lock(), MAX_LEN),
        Some(f) => std::fs::File::open(f)
            .and_then(|h| first_line(&mut std::io::BufReader::new(h), MAX_LEN)),
        None => rpassword::prompt_password(prompt).map(Zeroizing::new),
    };
    let line = line.map_err(|e| failed(file.unwrap_or(Path::new("/dev/tty")), e))?;
    Ok(Zeroizing::new(
        line.trim_end_matches(['\r', '\n']).to_owned(),
    ))
}

/// Whether a passphrase can be asked here (a terminal to ask it on).
fn can_ask() -> bool {
    std::io::stdin().is_terminal() || std::fs::File::open("/dev/tty").is_ok()
}

/// Unlocks the caseload at `db` for this process when it is encrypted and its key is not
/// held yet: the passphrase or recovery key from `file`, or asked on the terminal.
pub fn unlock(db: &Path, file: Option<&Path>, lang: Lang) -> Result<()> {
    let Some(keys) = KeyFile::read(db).map_err(|e| anyhow!(message(&e, lang)))? else {
        return Ok(());
    };
    // A key file beside a plaintext file: an `encrypt` that was stopped half-way; the
    // file is read as it is (see `store::connect`).
    if held::get(&keys.key_id).is_some() || crate::store::is_plaintext(db) {
        return Ok(());
    }
    if file.is_none() && !can_ask() {
        return Err(anyhow!(tf(
            lang,
            "vault.err.no_terminal",
            &[("file", &db.display())]
        )));
    }
    let secret = read_secret(file, t(lang, "vault.prompt"), lang)?;
    let key = keys
        .unlock(&secret)
        .map_err(|e| anyhow!(message(&e, lang)))?;
    held::hold(key);
    Ok(())
}

/// A new passphrase: from `file` (checked for strength), or asked twice on the terminal.
pub fn new_passphrase(file: Option<&Path>, lang: Lang) -> Result<Zeroizing<String>> {
    let weak = || anyhow!(t(lang, "vault.too_weak"));
    if file.is_some() {
        let p = read_secret(file, "", lang)?;
        return if strength(&p) == Strength::Weak {
            Err(weak())
        } else {
            Ok(p)
        };
    }
    let intro = tf(lang, "vault.setup_intro", &[("min", &MIN_CHARS)]);
    eprintln!("{intro}");
    loop {
        let first = read_secret(None, t(lang, "vault.new_passphrase"), lang)?;
        let s = strength(&first);
        eprintln!(
            "{}",
            tf(
                lang,
                "vault.strength_is",
                &[("strength", &t(lang, s.key()))]
            )
        );
        if s == Strength::Weak {
            eprintln!("{}", t(lang, "vault.too_weak"));
            continue;
        }
        let again = read_secret(None, t(lang, "vault.repeat_passphrase"), lang)?;
        if *again == *first {
            return Ok(first);
        }
        eprintln!("{}", t(lang, "vault.mismatch"));
    }
}

/// `caseload passphrase`: the old passphrase or the recovery key, then a new passphrase;
/// only the key file is rewritten.
pub fn change(db: &Path, old: Option<&Path>, new: Option<&Path>, lang: Lang) -> Result<ExitCode> {
    let keys = KeyFile::read(db)
        .map_err(|e| anyhow!(message(&e, lang)))?
        .ok_or_else(|| {
            anyhow!(tf(
                lang,
                "vault.err.not_encrypted",
                &[("file", &db.display())]
            ))
        })?;
    let secret = read_secret(old, t(lang, "vault.prompt"), lang)?;
    let key = keys
        .unlock(&secret)
        .map_err(|e| anyhow!(message(&e, lang)))?;
    let passphrase = new_passphrase(new, lang)?;
    keys.with_passphrase(&key, &passphrase, Kdf::DEFAULT)
        .write(db)
        .map_err(|e| anyhow!(message(&e, lang)))?;
    println!("{}", t(lang, "vault.changed"));
    Ok(ExitCode::SUCCESS)
}

/// `caseload encrypt`: a verified encrypted copy first (every record as in the plaintext
/// file), then the key file, then the copy takes the file's place in one rename. Killed at
/// any moment, the plaintext or the encrypted caseload is there, whole.
pub fn encrypt(db: &Path, new: Option<&Path>, lang: Lang) -> Result<ExitCode> {
    let lock = InstanceLock::acquire(db).map_err(|e| anyhow!(e.message(lang)))?;
    let db = lock.db().to_owned();
    let store_err = |e: crate::store::StoreError| anyhow!(e.user_message(lang));
    if !db.exists() {
        return Err(store_err(crate::store::StoreError::Unfit {
            path: db.clone(),
            why: crate::store::Unfit::Missing,
        }));
    }
    if crate::store::is_encrypted(&db) && !crate::store::is_plaintext(&db) {
        return Err(anyhow!(tf(
            lang,
            "vault.err.already",
            &[("file", &db.display())]
        )));
    }
    let passphrase = new_passphrase(new, lang)?;
    let (keys, key, recovery) = KeyFile::create(&passphrase, Kdf::DEFAULT);
    held::hold(key.clone());
    let dir = crate::backups::files::parent_dir(&db).to_owned();
    let tmp = crate::backups::files::temp_in(&dir).map_err(|e| anyhow!(e.message(lang)))?;
    let tmp_keys =
        TempKeys::beside(tmp.path(), Some(&keys)).map_err(|e| anyhow!(message(&e, lang)))?;
    // The plaintext file, whole in its main file (the log folded in), and what it holds.
    let plain = Store::open(&db).map_err(store_err)?;
    plain.checkpoint().map_err(store_err)?;
    let before = plain.dump().map_err(store_err)?;
    plain.encrypted_copy(tmp.path(), &key).map_err(store_err)?;
    plain.close().map_err(store_err)?;
    tmp.as_file().sync_all()?;
    verify(tmp.path(), &key, &before, lang)?;
    // The key file first: a plaintext file with a key file beside it is still read as
    // plaintext (see `store::connect`), so a kill between the two steps loses nothing.
    keys.write(&db).map_err(|e| anyhow!(message(&e, lang)))?;
    for side in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(crate::paths::with_suffix(&db, side));
    }
    tmp.persist(&db).map_err(|e| anyhow!(e.error))?;
    drop(tmp_keys);
    crate::backups::files::sync_dir(&dir)?;
    let plaintext_backups = plaintext_backups(&db);
    println!(
        "{}",
        tf(lang, "vault.encrypted", &[("file", &db.display())])
    );
    println!();
    println!("{}", t(lang, "vault.recovery_intro"));
    println!();
    println!("    {}", recovery.shown().as_str());
    println!();
    println!("{}", t(lang, "vault.recovery_warning"));
    if !plaintext_backups.is_empty() {
        println!();
        println!(
            "{}",
            crate::i18n::tn(
                lang,
                "vault.plaintext_backups",
                plaintext_backups.len() as u64,
                &[("folder", &crate::backups::folder(&db).display())]
            )
        );
    }
    let _ = std::io::stdout().flush();
    Ok(ExitCode::SUCCESS)
}

/// Shows a new recovery key once, with what it is for.
fn show_recovery(recovery: &crate::vault::RecoveryKey, lang: Lang) {
    println!();
    println!("{}", t(lang, "vault.recovery_intro"));
    println!();
    println!("    {}", recovery.shown().as_str());
    println!();
    println!("{}", t(lang, "vault.recovery_warning"));
}

/// A command about to create the caseload at `db` (`import` into a new file): it is
/// encrypted, with a new passphrase asked twice on the terminal, and its recovery key is
/// shown. Without a terminal it is refused (`--plaintext` makes an unencrypted one).
pub fn create_for(db: &Path, lang: Lang) -> Result<()> {
    if !can_ask() {
        return Err(anyhow!(tf(
            lang,
            "vault.err.new_needs_terminal",
            &[("file", &db.display())]
        )));
    }
    let passphrase = new_passphrase(None, lang)?;
    let (keys, key, recovery) = KeyFile::create(&passphrase, Kdf::DEFAULT);
    keys.write_new(db).map_err(|e| anyhow!(message(&e, lang)))?;
    held::hold(key);
    show_recovery(&recovery, lang);
    Ok(())
}

/// Opens the encrypted copy as the app will and compares every record with `before`.
fn verify(copy: &Path, key: &DataKey, before: &str, lang: Lang) -> Result<()> {
    let _ = key;
    let differs = || anyhow!(t(lang, "vault.err.copy_differs"));
    let store = Store::open(copy).map_err(|_| differs())?;
    let after = store.dump().map_err(|_| differs())?;
    store.close().map_err(|_| differs())?;
    match crate::store::backup::inspect(copy, true) {
        Ok(crate::store::backup::Verdict::Sound { .. }) if after == before => Ok(()),
        _ => Err(differs()),
    }
}

/// The backups beside `db` that are plaintext (no key file beside them).
fn plaintext_backups(db: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(crate::backups::folder(db)) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "db"))
        .filter(|p| !crate::store::is_encrypted(p))
        .collect()
}
