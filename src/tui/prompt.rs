//! A passphrase screen on its own, before the app starts: unlocking the caseload, or
//! choosing the passphrase of a new one. The terminal is restored on every path.

use crate::i18n::Lang;
use crate::vault::prompt::{Done, Prompt};
use anyhow::Result;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
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
