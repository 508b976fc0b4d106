//! The `caseload` binary: parse the command line, open the store, run the app or a command.

#![forbid(unsafe_code)]

use anyhow::{Context, Result, anyhow};
use caseload::app::App;
use caseload::cli::{Cli, Command};
use caseload::domain::date::parse_date;
use caseload::i18n::Lang;
use caseload::store::Store;
use caseload::{demo, paths, tui};
use chrono::NaiveDate;
use clap::Parser;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    // A crash restores the terminal (ratatui chains its hook before this one) and says
    // where, but never prints the panic's message: it could contain personal data.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("caseload: internal error{at}; everything saved before this moment is kept");
    }));
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            // One clear line; never a backtrace, never personal data.
            eprintln!("caseload: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn today(cli: &Cli) -> Result<NaiveDate> {
    let real = chrono::Local::now().date_naive();
    match &cli.today {
        Some(s) => parse_date(s, real).map_err(|e| anyhow!("--today {s:?}: {e}")),
        None => Ok(real),
    }
}

fn db_path(cli: &Cli) -> Result<PathBuf> {
    match &cli.db {
        Some(p) => Ok(p.clone()),
        None => {
            paths::default_db().ok_or_else(|| anyhow!("no home directory found; pass --db PATH"))
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    let today = today(&cli)?;
    match &cli.command {
        Some(Command::Demo { clients, seed }) => {
            let path = cli
                .db
                .clone()
                .ok_or_else(|| anyhow!("demo needs --db PATH"))?;
            if *clients > 100_000 {
                return Err(anyhow!("--clients: at most 100,000"));
            }
            let mut store = Store::open(&path)?;
            if store.client_count()? > 0 {
                return Err(anyhow!(
                    "{}: already has clients; use a new file",
                    path.display()
                ));
            }
            demo::generate(&mut store, *clients, *seed, today)?;
            println!("{}: {} demo clients", path.display(), clients);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Agenda { days, json }) => {
            let path = db_path(&cli)?;
            if !path.exists() {
                return Err(anyhow!("{}: no such file; pass --db PATH", path.display()));
            }
            let store = Store::open(&path)?;
            let out = caseload::commands::agenda::run(&store, lang, today, *days, *json)?;
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(out.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(anyhow!("cannot write the agenda: {e}"))
                }
                _ => Ok(ExitCode::SUCCESS),
            }
        }
        None => {
            let (store, _tmp) = if cli.demo {
                let dir = tempfile::tempdir().context("cannot create a temporary folder")?;
                let path = dir.path().join("demo.db");
                let mut store = Store::open(&path)?;
                demo::generate(&mut store, 60, 1, today)?;
                (store, Some(dir))
            } else {
                (Store::open(&db_path(&cli)?)?, None)
            };
            let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
            let mut app = App::start(store, lang, today, size);
            app.assets = caseload::assets::Assets::from_config_dir();
            app.announce_drafts();
            if let Some(w) = app.assets.warnings.first() {
                let w = w.clone();
                app.error(&w);
            }
            tui::run(&mut app)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
