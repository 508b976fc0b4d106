//! The `caseload` binary: parse the command line, open the store, run the app or a command.

#![forbid(unsafe_code)]

use anyhow::{Context, Result, anyhow};
use caseload::app::App;
use caseload::cli::{Cli, Command};
use caseload::domain::date::parse_date;
use caseload::i18n::{Lang, t, tf};
use caseload::log::{self, Event};
use caseload::store::{Store, StoreError, Unfit};
use caseload::{backups, commands, demo, lock, paths, tui};
use chrono::NaiveDate;
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
    let cli = caseload::cli_errors::parse();
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
        Some(s) => parse_date(s, real).map_err(|e| {
            let lang = cli.lang.unwrap_or_else(Lang::from_env);
            anyhow!("--today: {}", t(lang, e.key()))
        }),
        None => Ok(real),
    }
}

/// An explicit `--db` in a folder that exists: a mistyped path (or an unmounted stick)
/// must not silently become a new, empty caseload.
fn explicit_db(p: &std::path::Path, lang: Lang) -> Result<PathBuf> {
    if let Some(dir) = p.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(anyhow!(tf(
            lang,
            "robust.store.no_folder",
            &[("folder", &dir.display()), ("file", &p.display())]
        )));
    }
    Ok(p.to_owned())
}

fn db_path(cli: &Cli) -> Result<PathBuf> {
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    match &cli.db {
        Some(p) => explicit_db(p, lang),
        None => {
            paths::default_db().ok_or_else(|| anyhow!("no home directory found; pass --db PATH"))
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    if let Some(path) = &cli.log {
        log::init(path).with_context(|| format!("--log {}", path.display()))?;
    }
    log::event(Event::Start);
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    // What a killed backup, restore or export left (full copies of the caseload) goes first.
    caseload::temps::clean_remembered();
    // A caseload others may read is said before anything else, and made private when the
    // caseworker agrees (SQLite gives a new -wal and -shm the database's own mode).
    if !cli.demo
        && let Some(db) = cli.db.clone().or_else(paths::default_db)
    {
        caseload::private::offer(&db, lang);
    }
    let result = match &cli.command {
        Some(Command::Demo { clients, seed }) => {
            // Writing a new file: its folder is made (private) when missing.
            let path = cli
                .db
                .clone()
                .ok_or_else(|| anyhow!(t(lang, "robust.command.demo_needs_db")))?;
            commands::demo::run(&path, *clients, *seed, today(&cli)?, lang)
        }
        Some(Command::Backup { file }) => {
            commands::backup::backup(&unlocked(&cli, lang)?, file.as_deref(), lang)
        }
        Some(Command::Restore { file }) => {
            let db = unlocked(&cli, lang)?;
            commands::keys::unlock(file, cli.passphrase_file.as_deref(), lang)?;
            commands::backup::restore(&db, file, lang)
        }
        Some(Command::Check) => commands::check::run(&unlocked(&cli, lang)?, lang),
        Some(Command::Passphrase {
            new_passphrase_file,
        }) => commands::keys::change(
            &db_path(&cli)?,
            cli.passphrase_file.as_deref(),
            new_passphrase_file.as_deref(),
            lang,
        ),
        Some(Command::Encrypt {
            new_passphrase_file,
        }) => commands::keys::encrypt(&db_path(&cli)?, new_passphrase_file.as_deref(), lang),
        Some(Command::Agenda { days, json }) => agenda(&cli, lang, *days, *json),
        Some(Command::Summary {
            client,
            client_file,
            out,
        }) => {
            use commands::client_bsn::{From, read};
            let db = unlocked(&cli, lang)?;
            let from = client_file.as_deref().map(From::File);
            let from = from
                .or(client.then_some(From::Prompt))
                .unwrap_or(From::Prompt);
            let bsn = read(from, lang)?;
            let assets = assets();
            commands::summary::run(&db, &bsn, out.as_deref(), today(&cli)?, &assets, lang)
        }
        Some(Command::Report { team, .. }) if !team.is_empty() => {
            print(&commands::team::run(team, lang)?, lang)
        }
        Some(Command::Report {
            from,
            to,
            json,
            csv,
            ..
        }) => report(&cli, lang, from.as_deref(), to.as_deref(), *json, *csv),
        Some(Command::Export {
            client,
            client_file,
            out,
            encrypt,
            export_passphrase_file,
        }) => {
            use commands::client_bsn::{From, read};
            let db = unlocked(&cli, lang)?;
            let from = client_file.as_deref().map(From::File);
            let from = from.or(client.then_some(From::Prompt));
            let bsn = from.map(|f| read(f, lang)).transpose()?;
            let seal = encrypt
                .then(|| commands::keys::new_passphrase(export_passphrase_file.as_deref(), lang))
                .transpose()?;
            commands::transfer::export(
                &db,
                bsn.as_deref(),
                out.as_deref(),
                seal.as_deref().map(|s| s.as_str()),
                lang,
            )
        }
        Some(Command::Import {
            file,
            merge,
            export_passphrase_file,
            identity,
        }) => commands::import::import(
            &unlocked(&cli, lang)?,
            file,
            &commands::import::ImportOptions {
                merge: *merge,
                encrypt_new: !cli.plaintext,
                seal: export_passphrase_file.as_deref(),
                identity: identity.as_deref(),
                today: today(&cli)?,
            },
            lang,
            &assets().premium,
        ),
        Some(cmd @ Command::Handover { .. }) => {
            let me = assets().caseworker.name;
            commands::handover::run(&unlocked(&cli, lang)?, cmd, &me, today(&cli)?, lang)
        }
        Some(Command::Identity) => commands::identity::identity(None, lang),
        Some(Command::Keys) => {
            let assets = assets();
            if let Some(table) = assets.keys.table {
                caseload::keymap::install(table);
            }
            print(&commands::bindings::list(lang), lang)
        }
        Some(Command::Retention { names }) => retention(&cli, lang, *names),
        Some(Command::Erase {
            due,
            client_file,
            reason,
            yes,
        }) => erase(
            &cli,
            lang,
            *due,
            client_file.as_deref(),
            reason.as_deref(),
            *yes,
        ),
        None => interactive(&cli, lang),
    };
    if result.is_err() {
        log::event(Event::Error { kind: "command" });
    }
    result
}

/// The database of a command, unlocked when it is encrypted.
fn unlocked(cli: &Cli, lang: Lang) -> Result<PathBuf> {
    let db = db_path(cli)?;
    commands::keys::unlock(&db, cli.passphrase_file.as_deref(), lang)?;
    Ok(db)
}

/// The existing database of a command that only reads.
fn existing_store(cli: &Cli, lang: Lang) -> Result<Store> {
    let path = unlocked(cli, lang)?;
    if !path.exists() {
        let missing = StoreError::Unfit {
            path,
            why: Unfit::Missing,
        };
        return Err(anyhow!(missing.user_message(lang)));
    }
    Store::open(&path).map_err(|e| anyhow!(e.read_message(lang)))
}

/// Prints a command's output; a closed pipe (`| head`) is not an error.
fn print(out: &str, lang: Lang) -> Result<ExitCode> {
    let mut stdout = std::io::stdout().lock();
    written(
        stdout
            .write_all(out.as_bytes())
            .and_then(|()| stdout.flush()),
        lang,
    )
}

/// What writing on stdout came to: done (or its reader went away: a pipe closed early),
/// or a failure said on stderr.
fn written(done: std::io::Result<()>, lang: Lang) -> Result<ExitCode> {
    match done {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            let why = commands::failed::io_clause(&e, lang);
            Err(anyhow!(tf(
                lang,
                "robust.command.stdout",
                &[("error", &why)]
            )))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// `caseload agenda`: the open items as a table or JSON on stdout, written as they are
/// read.
fn agenda(cli: &Cli, lang: Lang, days: u32, json: bool) -> Result<ExitCode> {
    use commands::agenda::Failed;
    let store = existing_store(cli, lang)?;
    let assets = assets();
    store.set_casework(assets.casework);
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let at = (today(cli)?, days);
    let done = commands::agenda::write(&store, &assets.catalog, lang, at, json, &mut stdout)
        .and_then(|()| stdout.flush().map_err(Failed::Out));
    match done {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(Failed::Store(e)) => Err(e),
        Err(Failed::Out(e)) => written(Err(e), lang),
    }
}

/// The data files, each broken override reported on stderr.
fn assets() -> caseload::assets::Assets {
    let assets = caseload::assets::Assets::from_config_dir();
    for w in &assets.warnings {
        eprintln!("caseload: {w}");
    }
    assets
}

/// `caseload report`: the report for a period as text, JSON or CSV on stdout.
fn report(
    cli: &Cli,
    lang: Lang,
    from: Option<&str>,
    to: Option<&str>,
    json: bool,
    csv: bool,
) -> Result<ExitCode> {
    let today = today(cli)?;
    let period = commands::report::period(from, to, today, lang)?;
    let format = match (json, csv) {
        (true, _) => commands::report::Format::Json,
        (_, true) => commands::report::Format::Csv,
        _ => commands::report::Format::Text,
    };
    let store = existing_store(cli, lang)?;
    let assets = assets();
    print(
        &commands::report::run(&store, &assets, lang, period, today, format)?,
        lang,
    )
}

/// `caseload retention`: what is due for destruction, on stdout.
fn retention(cli: &Cli, lang: Lang, names: bool) -> Result<ExitCode> {
    let today = today(cli)?;
    let db = unlocked(cli, lang)?;
    let store = Store::open_read_only(&db).map_err(commands::failed::store(
        commands::failed::Doing::Retention,
        lang,
    ))?;
    let out = commands::retention::list(&store, &assets().retention, today, names, lang)?;
    print(&out, lang)
}

/// `caseload erase --due` or `--client-file FILE --reason TEXT`.
fn erase(
    cli: &Cli,
    lang: Lang,
    due: bool,
    client_file: Option<&std::path::Path>,
    reason: Option<&str>,
    yes: bool,
) -> Result<ExitCode> {
    use commands::client_bsn::{From, read};
    let today = today(cli)?;
    let db = unlocked(cli, lang)?;
    match client_file {
        Some(file) if !due => {
            let bsn = read(From::File(file), lang)?;
            let reason = reason.unwrap_or_default();
            commands::retention::erase_client(&db, &bsn, file, reason, yes, lang)
        }
        _ => commands::retention::erase_due(&db, &assets().retention, today, yes, lang),
    }
}

/// The app itself: one instance per database, the daily backup in the background.
fn interactive(cli: &Cli, lang: Lang) -> Result<ExitCode> {
    let today = today(cli)?;
    // Neither the caseload nor its key there yet: a key this start makes is forgotten
    // again when the caseload cannot be made.
    let fresh = match cli.demo {
        true => None,
        false => {
            let real = caseload::ownfile::resolve(&db_path(cli)?);
            let none = real.symlink_metadata().is_err() && !caseload::store::is_encrypted(&real);
            none.then_some(real)
        }
    };
    let recovered = match cli.demo {
        true => false,
        false => match tui::prompt::unlock_or_create(
            &db_path(cli)?,
            cli.passphrase_file.as_deref(),
            cli.plaintext,
            lang,
        )? {
            Some(recovered) => recovered,
            None => return Ok(ExitCode::SUCCESS),
        },
    };
    let (store, _lock, _tmp, backup) = if cli.demo {
        let dir = tempfile::tempdir().context("cannot create a temporary folder")?;
        let path = dir.path().join("demo.db");
        let failed = commands::failed::store(commands::failed::Doing::Demo, lang);
        let mut store = Store::open(&path).map_err(failed)?;
        demo::generate(&mut store, 60, 1, today).map_err(failed)?;
        (store, None, Some(dir), None)
    } else {
        let db = db_path(cli)?;
        let (lock, store) = lock::open_locked(&db, lang).inspect_err(|_| {
            if let Some(real) = &fresh {
                let _ = caseload::vault::KeyFile::forget_unmade(real);
            }
        })?;
        // The daily backup goes beside the real file, as restore looks for it there.
        let real = lock.db().to_owned();
        (store, Some(lock), None, Some(real))
    };
    if !tui::prompt::terminal() {
        return Err(anyhow!(t(lang, "robust.app.no_terminal")));
    }
    let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let assets = caseload::assets::Assets::from_config_dir();
    // The caseworker's own keys (keys.toml), when the file holds no mistake.
    if let Some(table) = assets.keys.table.clone() {
        caseload::keymap::install(table);
    }
    let lock_after = u64::from(assets.casework.lock_after_minutes) * 60;
    let encrypted = store.key_file().ok().flatten().is_some();
    // The first start after an update computes every row of the list and the agenda (a
    // minute or two at a million clients) before the first frame: said, not a blank wait.
    store.set_casework(assets.casework);
    if !store.is_read_only() && !store.roster_fits().unwrap_or(true) {
        eprintln!("{}", t(lang, "robust.app.fitting"));
    }
    let mut app = App::start(store, assets, lang, today, size);
    if cli.demo {
        app.mark_demo();
    }
    if encrypted {
        app.lock_after(std::time::Duration::from_secs(lock_after));
    }
    if recovered {
        app.announce(t(lang, "vault.recovered"));
    }
    app.announce_start();
    // The daily backup starts once the first frame is on screen, on its own connection.
    let start_backup = backup.map(|db| -> tui::AfterFirstFrame {
        Box::new(move |app: &mut App| {
            let now = chrono::Local::now().naive_local();
            let damaged = app.store().damage_flag();
            app.set_notices(backups::spawn_start(&db, now, lang, damaged));
        })
    });
    let ended = tui::run(&mut app, tui::Modes::from_cli(cli), start_backup)?;
    // Statistics for the query planner, kept fresh when the caseworker quits (not when a
    // signal ends the app: that should end quickly).
    if ended == tui::Ended::Quit {
        app.store().optimize();
    }
    log::event(Event::Stop {
        signal: ended == tui::Ended::Signal,
    });
    Ok(ExitCode::SUCCESS)
}
