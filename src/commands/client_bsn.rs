//! The BSN of `caseload export --client` (and `--client-file`, as `erase` reads it too): typed at a prompt that does not show it, or read
//! from standard input or a file (`--client-file`), never from the command line, where the
//! process list and the shell history would keep it.

use super::failed::io_clause;
use crate::i18n::{Lang, t, tf};
use anyhow::{Result, anyhow};
use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::Path;
use zeroize::Zeroizing;

/// The most characters read as a BSN (a BSN has nine; spaces around it are allowed).
const MAX_LEN: usize = 64;

/// Where the BSN comes from.
#[derive(Clone, Copy, Debug)]
pub enum From<'a> {
    /// `--client`: a prompt when standard input is a terminal, else its first line.
    Prompt,
    /// `--client-file FILE`: the file's first line (`-`: standard input).
    File(&'a Path),
}

/// The BSN as given (checked by the caller, which never repeats it).
pub fn read(from: From, lang: Lang) -> Result<String> {
    let line = match from {
        From::Prompt if std::io::stdin().is_terminal() => Zeroizing::new(prompt(lang)?),
        From::Prompt => first_line(&mut std::io::stdin().lock(), MAX_LEN).map_err(|e| {
            anyhow!(tf(
                lang,
                "cli.bsn_file",
                &[("file", &"-"), ("error", &io_clause(&e, lang))]
            ))
        })?,
        From::File(p) if p == Path::new("-") => first_line(&mut std::io::stdin().lock(), MAX_LEN)
            .map_err(|e| {
            anyhow!(tf(
                lang,
                "cli.bsn_file",
                &[("file", &"-"), ("error", &io_clause(&e, lang))]
            ))
        })?,
        From::File(p) => std::fs::File::open(p)
            .and_then(|f| first_line(&mut std::io::BufReader::new(f), MAX_LEN))
            .map_err(|e| {
                anyhow!(tf(
                    lang,
                    "cli.bsn_file",
                    &[("file", &p.display()), ("error", &io_clause(&e, lang))]
                ))
            })?,
    };
    let bsn = line.trim().to_owned();
    if bsn.is_empty() {
        return Err(anyhow!(t(lang, "cli.bsn_empty")));
    }
    Ok(bsn)
}

/// The first line of a reader, at most `max` bytes of it, wiped from memory when dropped
/// (a BSN, a passphrase).
pub(super) fn first_line(r: &mut impl BufRead, max: usize) -> std::io::Result<Zeroizing<String>> {
    let mut line = Zeroizing::new(Vec::new());
    r.by_ref().take(max as u64).read_until(b'\n', &mut line)?;
    String::from_utf8(line.to_vec())
        .map(Zeroizing::new)
        .map_err(|_| std::io::ErrorKind::InvalidData.into())
}

/// Asks for the BSN on the terminal, with echo off (raw mode): the caseworker sees the
/// question, not what they type. Esc, Ctrl-C or Ctrl-D cancel.
fn prompt(lang: Lang) -> Result<String> {
    use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
    use ratatui::crossterm::terminal;
    let mut err = std::io::stderr();
    // Raw mode before the question: what is typed once it shows is read key by key (typed
    // earlier, the terminal would take Enter as a line feed the prompt never sees).
    terminal::enable_raw_mode()?;
    let _ = write!(err, "{}", t(lang, "cli.bsn_prompt"));
    let _ = err.flush();
    let mut typed = String::new();
    let result = loop {
        let key = match event::read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => k,
            Ok(_) => continue,
            Err(e) => break Err(anyhow!(io_clause(&e, lang))),
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => break Ok(typed),
            KeyCode::Esc => break Err(anyhow!(t(lang, "cli.bsn_cancelled"))),
            KeyCode::Char('c' | 'd') if ctrl => break Err(anyhow!(t(lang, "cli.bsn_cancelled"))),
            KeyCode::Backspace => {
                typed.pop();
            }
            KeyCode::Char(c) if !ctrl && typed.len() < MAX_LEN => typed.push(c),
            _ => {}
        }
    };
    let _ = terminal::disable_raw_mode();
    let _ = writeln!(err);
    result
}
