//! `caseload handover`: clients handed to a colleague in a sealed bundle (the export
//! format with their history and a handover header), to the colleague's age public key or
//! to a passphrase shown once, never plaintext; the clients then leave the list and the
//! agenda. `--confirm CODE` makes it final once the colleague's import printed the
//! receipt; `--undo CODE` takes it back until then (the key a colleague seals bundles to
//! is `caseload identity`'s, in [`super::identity`]). Nothing personal on stderr.

use super::failed::{self, Doing, io_clause};
use super::transfer::{Failed, write_bundle_records};
use crate::backups::{parent_dir, sync_dir};
use crate::domain::Bsn;
use crate::domain::model::Id;
use crate::i18n::{Lang, t, tf, tn};
use crate::lock;
use crate::store::StoreError;
use crate::store::handover::new_receipt;
use crate::transfer::HandoverHeader;
use crate::transfer::sealed::Sealer;
use anyhow::{Result, anyhow};
use chrono::NaiveDate;
use std::io::{BufRead, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;
use zeroize::Zeroizing;

/// At most this many clients in one bundle (a line each in the clients file).
const MAX_CLIENTS: usize = 10_000;

/// What `caseload handover` gives.
pub struct Give<'a> {
    /// The file with one BSN a line (`-`: standard input).
    pub clients_file: &'a Path,
    pub to: &'a str,
    /// The giving caseworker's name (default: `caseworker.toml`).
    pub from: &'a str,
    pub out: &'a Path,
    /// The colleague's age public key (`age1…`); without it a passphrase is made.
    pub recipient: Option<&'a str>,
}

/// The BSNs of the clients file with their line numbers, each checked (a wrong one is
/// named by its line only); a BSN given twice counts once.
fn read_bsns(file: &Path, lang: Lang) -> Result<Vec<(usize, Bsn)>> {
    let failed = |e: std::io::Error| {
        anyhow!(tf(
            lang,
            "cli.bsn_file",
            &[("file", &file.display()), ("error", &io_clause(&e, lang))]
        ))
    };
    let mut reader: Box<dyn std::io::BufRead> = if file == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::new(
            std::fs::File::open(file).map_err(failed)?,
        ))
    };
    let mut out: Vec<(usize, Bsn)> = Vec::new();
    for n in 1.. {
        let mut line = String::new();
        let read = std::io::Read::take(&mut reader, 256)
            .read_line(&mut line)
            .map_err(failed)?;
        let line = Zeroizing::new(line);
        if read == 0 {
            break;
        }
        let text = line.trim();
        if text.is_empty() {
            continue;
        }
        let bsn = Bsn::parse(text).map_err(|e| {
            anyhow!(tf(
                lang,
                "handover.bad_line",
                &[("line", &n), ("reason", &t(lang, e.key()))]
            ))
        })?;
        if !out.iter().any(|(_, b)| *b == bsn) {
            out.push((n, bsn));
        }
        if out.len() > MAX_CLIENTS {
            return Err(anyhow!(tf(
                lang,
                "handover.too_many",
                &[("n", &MAX_CLIENTS)]
            )));
        }
    }
    if out.is_empty() {
        return Err(anyhow!(t(lang, "handover.no_clients")));
    }
    Ok(out)
}

/// How the bundle is sealed: to a public key, or to a passphrase made here.
enum Seal {
    Key(age::x25519::Recipient),
    Passphrase(Zeroizing<String>),
}

/// A passphrase to read out: six groups of four characters of Crockford's base32 (120
/// bits), "K7QM-2XD9-…".
fn new_passphrase() -> Zeroizing<String> {
    let groups: Vec<String> = (0..3).map(|_| new_receipt()).collect();
    Zeroizing::new(groups.join("-"))
}

/// `caseload handover --client-file F --to NAME --out FILE [--recipient age1…]`.
pub fn give(db: &Path, g: &Give, today: NaiveDate, lang: Lang) -> Result<ExitCode> {
    let to = g.to.trim();
    if to.is_empty() || to.chars().any(char::is_control) {
        return Err(anyhow!(t(lang, "handover.err.no_name")));
    }
    if g.from.chars().any(char::is_control) {
        return Err(anyhow!(t(lang, "handover.bad_from")));
    }
    let seal = match g.recipient {
        Some(r) => Seal::Key(
            r.trim()
                .parse()
                .map_err(|_| anyhow!(t(lang, "handover.bad_recipient")))?,
        ),
        None => Seal::Passphrase(new_passphrase()),
    };
    let bsns = read_bsns(g.clients_file, lang)?;
    let exists = || {
        anyhow!(tf(
            lang,
            "transfer.out_exists",
            &[("file", &g.out.display())]
        ))
    };
    if std::fs::symlink_metadata(g.out).is_ok() {
        return Err(exists());
    }
    let (_lock, mut store) = lock::open_locked(db, lang)?;
    let store_err = failed::store(Doing::Handover, lang);
    failed::ensure_sound(Doing::Handover, &store, db, lang)?;
    let mut ids: Vec<Id> = Vec::with_capacity(bsns.len());
    for (line, bsn) in &bsns {
        let Some(id) = store.client_id_by_bsn(bsn).map_err(&store_err)? else {
            return Err(anyhow!(tf(lang, "handover.unknown", &[("line", line)])));
        };
        if store.is_handed_over(id).map_err(&store_err)? {
            return Err(anyhow!(tf(
                lang,
                "handover.already",
                &[("client", &crate::domain::model::client_number(id))]
            )));
        }
        ids.push(id);
    }
    // A client who moved to another municipality travels with their consent only, and
    // only what may travel (see `ClientRecord::for_another_municipality`).
    let mut moved = Vec::new();
    for &id in &ids {
        let Some(ep) = store.latest_episode(id).map_err(&store_err)? else {
            continue;
        };
        if ep.exit_reason != Some(crate::domain::codes::ExitReason::OtherMoved) {
            continue;
        }
        let consent = store
            .exit_interview(ep.id)
            .map_err(&store_err)?
            .and_then(|x| x.move_consent);
        if consent != Some(true) {
            return Err(anyhow!(tf(
                lang,
                "handover.moved_no_consent",
                &[("client", &crate::domain::model::client_number(id))]
            )));
        }
        moved.push(id);
    }
    let header = HandoverHeader {
        from: g.from.trim().to_owned(),
        to: to.to_owned(),
        on: today,
        receipt: new_receipt(),
    };
    let dir = parent_dir(g.out);
    let out_failed = |e: &std::io::Error| {
        anyhow!(tf(
            lang,
            "transfer.out_failed",
            &[("file", &g.out.display()), ("error", &io_clause(e, lang))]
        ))
    };
    crate::store::create_private_dir(dir).map_err(|e| out_failed(&e))?;
    let tmp = crate::temps::temp_in(dir).map_err(|e| out_failed(&e))?;
    let written = {
        let mut w = BufWriter::new(tmp.as_file());
        let mut sealed = || -> Result<usize, Failed> {
            let mut sealer = match &seal {
                Seal::Key(r) => Sealer::to_recipient(&mut w, r)?,
                Seal::Passphrase(p) => Sealer::new(&mut w, p)?,
            };
            let n = write_bundle_records(&store, &ids, &header, &moved, &mut sealer)?;
            sealer.finish()?;
            Ok(n)
        };
        sealed().and_then(|n| {
            w.flush()?;
            Ok(n)
        })
    };
    let n = written.map_err(|e| match e {
        Failed::Store(e) | Failed::Client(_, e) => {
            anyhow!(failed::message(Doing::Handover, &e, lang))
        }
        Failed::Io(e) => out_failed(&e),
    })?;
    tmp.as_file().sync_all().map_err(|e| out_failed(&e))?;
    tmp.persist_noclobber(g.out)
        .map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => exists(),
            _ => out_failed(&e.error),
        })?;
    let _ = sync_dir(dir);
    // The receipt and the passphrase are shown before the clients leave the list, and the
    // clients leave it only once the bundle is whole on disk: a lost printout or a failed
    // mark leaves no bundle and the clients where they were.
    let shown = show_given(n, to, g.out, &header.receipt, &seal, lang);
    let marked = shown.map_err(|e| {
        anyhow!(tf(
            lang,
            "handover.not_shown",
            &[("error", &io_clause(&e, lang))]
        ))
    });
    let marked = marked.and_then(|()| {
        store
            .hand_over(&ids, to, today, &header.receipt)
            .map_err(store_err)
    });
    if let Err(e) = marked {
        let _ = std::fs::remove_file(g.out);
        let _ = sync_dir(dir);
        return Err(e);
    }
    let _ = writeln!(std::io::stdout(), "{}", t(lang, "handover.then"));
    Ok(ExitCode::SUCCESS)
}

/// What a handover says on standard output: the bundle, the receipt code, and how it is
/// sealed (the passphrase itself, once); flushed, so that a failure is known.
fn show_given(
    n: usize,
    to: &str,
    out: &Path,
    receipt: &str,
    seal: &Seal,
    lang: Lang,
) -> std::io::Result<()> {
    let mut w = std::io::stdout().lock();
    let args: [(&str, &dyn std::fmt::Display); 3] =
        [("to", &to), ("file", &out.display()), ("receipt", &receipt)];
    writeln!(w, "{}", tn(lang, "handover.given", n as u64, &args))?;
    match seal {
        Seal::Key(_) => writeln!(w, "{}", tf(lang, "handover.sealed_key", &[("to", &to)]))?,
        Seal::Passphrase(p) => {
            writeln!(
                w,
                "{}",
                tf(lang, "handover.sealed_passphrase", &[("to", &to)])
            )?;
            writeln!(w, "  {}", p.as_str())?;
        }
    }
    w.flush()
}

/// `caseload handover --pending`: the handovers not yet confirmed, with their receipt
/// codes (no client is named).
pub fn pending(db: &Path, lang: Lang) -> Result<ExitCode> {
    let store =
        crate::store::Store::open_read_only(db).map_err(failed::store(Doing::Handover, lang))?;
    let rows = store
        .pending_handovers()
        .map_err(failed::store(Doing::Handover, lang))?;
    let mut w = std::io::stdout().lock();
    if rows.is_empty() {
        writeln!(w, "{}", t(lang, "handover.none_pending"))?;
    }
    for (receipt, to, on, n) in rows {
        let args: [(&str, &dyn std::fmt::Display); 3] = [
            ("receipt", &receipt),
            ("to", &crate::domain::display::line(&to)),
            ("date", &crate::domain::date::fmt_date(on)),
        ];
        writeln!(w, "{}", tn(lang, "handover.pending", n, &args))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `caseload handover --confirm CODE` or `--undo CODE`.
pub fn settle(db: &Path, code: &str, undo: bool, today: NaiveDate, lang: Lang) -> Result<ExitCode> {
    let (_lock, mut store) = lock::open_locked(db, lang)?;
    let done = match undo {
        true => store.undo_handover(code),
        false => store.confirm_handover(code, today),
    };
    match done {
        Ok(n) => {
            let key = if undo {
                "handover.undone"
            } else {
                "handover.confirmed"
            };
            println!("{}", tn(lang, key, n as u64, &[]));
            Ok(ExitCode::SUCCESS)
        }
        Err(StoreError::Invalid(key)) => Err(anyhow!(t(lang, key))),
        Err(e) => Err(anyhow!(failed::message(Doing::Handover, &e, lang))),
    }
}

/// `caseload handover`, as the command line gives it: `--pending`, `--confirm`, `--undo`,
/// or a handover of the clients of `--client-file`; `me` is the caseworker's own name.
pub fn run(
    db: &Path,
    cmd: &crate::cli::Command,
    me: &str,
    today: NaiveDate,
    lang: Lang,
) -> Result<ExitCode> {
    let crate::cli::Command::Handover {
        client_file,
        to,
        from,
        out,
        recipient,
        confirm,
        undo,
        pending,
    } = cmd
    else {
        return Err(anyhow!(t(lang, "handover.no_clients")));
    };
    if *pending {
        return self::pending(db, lang);
    }
    match (client_file, confirm, undo) {
        (Some(clients_file), _, _) => {
            let give = Give {
                clients_file,
                to: to.as_deref().unwrap_or_default(),
                from: from.as_deref().unwrap_or(me),
                out: out.as_deref().unwrap_or(Path::new("")),
                recipient: recipient.as_deref(),
            };
            self::give(db, &give, today, lang)
        }
        (None, Some(code), _) => settle(db, code, false, today, lang),
        (None, None, Some(code)) => settle(db, code, true, today, lang),
        (None, None, None) => Err(anyhow!(t(lang, "handover.no_clients"))),
    }
}
