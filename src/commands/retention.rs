//! `caseload retention [--names]` (what is due for destruction) and `caseload erase`
//! (`--due`: what is due; `--client-file FILE --reason TEXT`: one client recorded in
//! error). Neither prints a BSN; names only with `--names`. Erasing asks first.

use crate::app::workflows::FormKind;
use crate::commands::failed::{self, Doing};
use crate::domain::Bsn;
use crate::domain::date::fmt_date;
use crate::domain::model::{Id, client_number};
use crate::domain::retention::RetentionConfig;
use crate::i18n::{Lang, t, tf, tn};
use crate::lock;
use crate::store::erasure::Erasure;
use crate::store::retention::{DebtHelpKind, RetentionDue};
use crate::store::{Store, StoreError};
use anyhow::{Result, anyhow};
use chrono::NaiveDate;
use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

/// "2 client files, 1 debt-help record".
fn counts(due: &RetentionDue, lang: Lang) -> (String, String) {
    (
        tn(lang, "retention.files", due.files_due, &[]),
        tn(lang, "retention.debt", due.debt_due, &[]),
    )
}

/// The list `caseload retention` prints: the counts, then per client the client number
/// (and the name with `names`) and the day the term ended.
pub fn list(
    store: &Store,
    cfg: &RetentionConfig,
    today: NaiveDate,
    names: bool,
    lang: Lang,
) -> Result<String> {
    let store_err = failed::store(Doing::Retention, lang);
    let due = store.retention_due(today, cfg).map_err(store_err)?;
    let date = fmt_date(today);
    if due.is_empty() {
        return Ok(format!(
            "{}\n",
            tf(lang, "retention.nothing", &[("date", &date)])
        ));
    }
    let (files, debt) = counts(&due, lang);
    let mut out = tf(
        lang,
        "retention.summary",
        &[("date", &date), ("files", &files), ("debt", &debt)],
    );
    out.push('\n');
    let name = |id: Id| -> Result<String> {
        if !names {
            return Ok(String::new());
        }
        let client = store.client(id).map_err(store_err)?;
        Ok(client.map_or_else(String::new, |c| format!("  {}", c.person.full_name())))
    };
    let ended = |d: NaiveDate| tf(lang, "retention.term_ended", &[("date", &fmt_date(d))]);
    if !due.clients.is_empty() {
        let years = cfg.client_file_years;
        out.push_str(&tf(lang, "retention.files_heading", &[("years", &years)]));
        out.push('\n');
        for c in &due.clients {
            let (number, name) = (client_number(c.client_id), name(c.client_id)?);
            out.push_str(&format!("  {number}{name}  {}\n", ended(c.term_ended)));
        }
    }
    if !due.debt_help.is_empty() {
        let years = cfg.debt_help_years;
        out.push_str(&tf(lang, "retention.debt_heading", &[("years", &years)]));
        out.push('\n');
        for d in &due.debt_help {
            let kind = match d.kind {
                DebtHelpKind::Trajectory => t(lang, "retention.trajectory"),
                DebtHelpKind::Referral => t(lang, "retention.referral"),
            };
            let (number, name) = (client_number(d.client_id), name(d.client_id)?);
            out.push_str(&format!(
                "  {number}{name}  {kind}  {}\n",
                ended(d.term_ended)
            ));
        }
    }
    out.push_str(t(lang, "retention.hint"));
    out.push('\n');
    Ok(out)
}

/// Asks `question` on the terminal (the answer `y`, `yes`, `j` or `ja` confirms); `yes`
/// confirms without asking. Refused without a terminal to ask on.
fn confirmed(question: &str, yes: bool, lang: Lang) -> Result<bool> {
    if yes {
        return Ok(true);
    }
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(anyhow!(t(lang, "erase.no_terminal")));
    }
    let mut err = std::io::stderr();
    let _ = write!(err, "{question}");
    let _ = err.flush();
    let mut answer = String::new();
    stdin.lock().read_line(&mut answer)?;
    let answer = answer.trim().to_lowercase();
    Ok(matches!(answer.as_str(), "y" | "yes" | "j" | "ja"))
}

/// The table a form's draft is kept under, for erasing the drafts of a client.
fn draft_table(code: &str) -> Option<&'static str> {
    FormKind::from_code(code).and_then(FormKind::record_table)
}

/// Erases `clients` and `debt_help` in the store, then their letter files; returns how
/// many letters went.
fn erase(
    store: &mut Store,
    db: &Path,
    clients: &[Id],
    due: &RetentionDue,
    why: Erasure,
    lang: Lang,
) -> Result<usize> {
    store
        .erase(clients, &due.debt_help, why, &draft_table)
        .map_err(|e| erase_failed(&e, lang))?;
    let folder = crate::paths::beside(db, "letters");
    let (mut removed, mut untied) = (0, 0);
    for id in clients {
        let letters =
            crate::letters::letters_of(db, *id).map_err(|e| letter_failed(&folder, &e, lang))?;
        for file in letters {
            std::fs::remove_file(&file).map_err(|e| letter_failed(&file, &e, lang))?;
            removed += 1;
        }
        // Named without the database: perhaps another database's client; said, not removed.
        untied += crate::letters::untied_letters_of(db, *id)
            .map_err(|e| letter_failed(&folder, &e, lang))?
            .len();
    }
    if untied > 0 {
        let args: [(&str, &dyn std::fmt::Display); 2] =
            [("n", &untied), ("folder", &folder.display())];
        say(&tf(lang, "erase.untied_letters", &args));
    }
    Ok(removed)
}

fn erase_failed(e: &StoreError, lang: Lang) -> anyhow::Error {
    match e {
        StoreError::Invalid(key) => anyhow!(t(lang, key)),
        e => anyhow!(failed::message(Doing::Erase, e, lang)),
    }
}

fn letter_failed(file: &Path, e: &std::io::Error, lang: Lang) -> anyhow::Error {
    anyhow!(tf(
        lang,
        "erase.letter_failed",
        &[
            ("file", &file.display()),
            ("error", &failed::io_clause(e, lang))
        ]
    ))
}

/// A line on stdout; a closed pipe (`| head`) is no failure: what was erased is gone.
fn say(line: &str) {
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// Says how long backups keep what was erased.
fn backups_note(lang: Lang) {
    say(&tf(
        lang,
        "erase.backups",
        &[("keep", &crate::backups::KEEP)],
    ));
}

/// Holds the existing database `db` as the app does (never making a new one).
fn open_existing(db: &Path, lang: Lang) -> Result<(lock::InstanceLock, Store)> {
    if !db.exists() {
        let missing = StoreError::Unfit {
            path: db.to_owned(),
            why: crate::store::Unfit::Missing,
        };
        return Err(anyhow!(missing.user_message(lang)));
    }
    let (held, store) = lock::open_locked(db, lang)?;
    failed::ensure_sound(Doing::Erase, &store, db, lang)?;
    Ok((held, store))
}

/// `caseload erase --due`: destroys what is due on `today`, after a confirmation that
/// names the counts.
pub fn erase_due(
    db: &Path,
    cfg: &RetentionConfig,
    today: NaiveDate,
    yes: bool,
    lang: Lang,
) -> Result<ExitCode> {
    let (_lock, mut store) = open_existing(db, lang)?;
    let due = store
        .retention_due(today, cfg)
        .map_err(failed::store(Doing::Erase, lang))?;
    if due.is_empty() {
        let date = fmt_date(today);
        say(&tf(lang, "erase.nothing_due", &[("date", &date)]));
        return Ok(ExitCode::SUCCESS);
    }
    let (files, debt) = counts(&due, lang);
    let question = tf(
        lang,
        "erase.confirm_due",
        &[("files", &files), ("debt", &debt)],
    );
    if !confirmed(&question, yes, lang)? {
        say(t(lang, "erase.not_confirmed"));
        return Ok(ExitCode::FAILURE);
    }
    let ids: Vec<Id> = due.clients.iter().map(|c| c.client_id).collect();
    let letters = erase(&mut store, db, &ids, &due, Erasure::Retention, lang)?;
    let args: [(&str, &dyn std::fmt::Display); 3] =
        [("files", &files), ("debt", &debt), ("letters", &letters)];
    say(&tf(lang, "erase.done_due", &args));
    backups_note(lang);
    Ok(ExitCode::SUCCESS)
}

/// `caseload erase --client-file FILE --reason TEXT`: erases one client recorded in
/// error, after a confirmation; refused while the client has an open benefit period. The
/// reason is asked for, and kept nowhere.
pub fn erase_client(
    db: &Path,
    bsn: &str,
    from: &Path,
    reason: &str,
    yes: bool,
    lang: Lang,
) -> Result<ExitCode> {
    let bsn = Bsn::parse(bsn).map_err(|e| {
        anyhow!(tf(
            lang,
            "erase.bad_client",
            &[("reason", &t(lang, e.key()))]
        ))
    })?;
    if reason.trim().is_empty() {
        return Err(anyhow!(t(lang, "erase.no_reason")));
    }
    let (_lock, mut store) = open_existing(db, lang)?;
    let store_err = failed::store(Doing::Erase, lang);
    let Some(id) = store.client_id_by_bsn(&bsn).map_err(store_err)? else {
        return Err(anyhow!(tf(
            lang,
            "erase.no_client",
            &[("file", &from.display())]
        )));
    };
    let open = store
        .latest_episode(id)
        .map_err(store_err)?
        .is_some_and(|e| e.exit_date.is_none());
    if open {
        return Err(anyhow!(t(lang, "erase.open_period")));
    }
    let client = client_number(id);
    let question = tf(lang, "erase.confirm_client", &[("client", &client)]);
    if !confirmed(&question, yes, lang)? {
        say(t(lang, "erase.not_confirmed"));
        return Ok(ExitCode::FAILURE);
    }
    let none = RetentionDue::default();
    let letters = erase(&mut store, db, &[id], &none, Erasure::Request, lang)?;
    let args: [(&str, &dyn std::fmt::Display); 2] = [("client", &client), ("letters", &letters)];
    say(&tf(lang, "erase.done_client", &args));
    backups_note(lang);
    Ok(ExitCode::SUCCESS)
}
