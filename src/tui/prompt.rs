//! A passphrase screen on its own, before the app starts: unlocking the caseload, or
//! choosing the passphrase of a new one (and whether there is a terminal to ask on). The
//! terminal is restored on every path.

use crate::i18n::{Lang, t};
use crate::vault::prompt::{Done, Prompt};
use crate::vault::{Kdf, KeyFile, held};
use anyhow::{Result, anyhow};
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Runs `prompt` full screen until it is done; a terminating signal quits it. Also says
/// whether the recovery key opened the caseload.
pub fn run(prompt: Prompt, lang: Lang) -> Result<(Done, bool)> {
    let mut prompt = prompt;
    let done = run_prompt(&mut prompt, lang)?;
    Ok((done, prompt.by_recovery))
}

fn run_prompt(prompt: &mut Prompt, lang: Lang) -> Result<Done> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    let mut terminal = ratatui::try_init()?;
    let result = (|| -> Result<Done> {
        loop {
            if stop.load(Ordering::Relaxed) {
                return Ok(Done::Quit);
            }
            let now = Instant::now();
            terminal.draw(|f| crate::ui::vault::render(prompt, lang, now, f))?;
            if let Some(done) = prompt.work(Instant::now()) {
                return Ok(done);
            }
            if prompt.pending {
                continue;
            }
            if !event::poll(Duration::from_millis(250))? {
                continue;
            }
            let done = match event::read()? {
                Event::Key(k) if k.kind != KeyEventKind::Release => prompt.key(k, Instant::now()),
                Event::Paste(text) => {
                    prompt.paste(&text);
                    None
                }
                _ => None,
            };
            if let Some(done) = done {
                return Ok(done);
            }
        }
    })();
    ratatui::restore();
    result
}

/// Before the app shows anything: the caseload at `db`, when encrypted, is unlocked (its
/// passphrase from `passphrase_file`, or asked on a screen of its own), and a new one gets
/// a passphrase and is encrypted unless `plaintext`. `None`: the caseworker quit instead;
/// `true`: the recovery key opened it.
pub fn unlock_or_create(
    db: &Path,
    passphrase_file: Option<&Path>,
    plaintext: bool,
    lang: Lang,
) -> Result<Option<bool>> {
    let db = crate::ownfile::resolve(db);
    let keys = KeyFile::read(&db).map_err(|e| anyhow!(crate::vault::message(&e, lang)))?;
    let prompt = match keys {
        Some(_) if passphrase_file.is_some() => {
            crate::commands::keys::unlock(&db, passphrase_file, lang)?;
            return Ok(Some(false));
        }
        Some(k) if held::get(&k.key_id).is_none() && !crate::store::is_plaintext(&db) => {
            Prompt::unlock(k)
        }
        None if !db.exists() && !plaintext => Prompt::choose(Kdf::DEFAULT),
        _ => return Ok(Some(false)),
    };
    if !terminal() {
        // What is wrong with the file is said first, as when no passphrase is needed.
        let _lock =
            crate::lock::InstanceLock::acquire(&db).map_err(|e| anyhow!(e.message(lang)))?;
        crate::store::openable(&db).map_err(|e| anyhow!(e.user_message(lang)))?;
        return Err(anyhow!(t(lang, "robust.app.no_terminal")));
    }
    match run(prompt, lang)? {
        (Done::Quit, _) => Ok(None),
        (Done::Unlocked(key), recovered) => {
            held::hold(key);
            Ok(Some(recovered))
        }
        (Done::Created(file, key), _) => {
            if let Some(dir) = db.parent() {
                crate::store::create_private_dir(dir)?;
            }
            file.write_new(&db)
                .map_err(|e| anyhow!(crate::vault::message(&e, lang)))?;
            held::hold(key);
            Ok(Some(false))
        }
    }
}

/// Whether the app has a terminal to run in.
pub fn terminal() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}
