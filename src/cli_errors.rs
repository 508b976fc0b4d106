//! A mistake on the command line, said in one line that names the option or the position
//! that is wrong and never the value typed there: a stray BSN must not be echoed to a
//! terminal, a log of the session or a screen someone else can see.

use crate::cli::Cli;
use crate::i18n::{Lang, t, tf};
use clap::Parser;
use clap::error::{ContextKind, ContextValue, Error, ErrorKind};
use std::ffi::OsString;

/// Parses the command line; on a mistake prints one line on stderr and exits 2 (help and
/// version are printed as clap prints them).
pub fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => match e.kind() {
            ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => e.exit(),
            _ => {
                eprintln!("caseload: {}", explain(&e, &args, lang_of(&args)));
                std::process::exit(2)
            }
        },
    }
}

/// The language asked for on the command line (it was not parsed), else the locale's.
pub fn lang_of(args: &[OsString]) -> Lang {
    let args: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    let given = args
        .windows(2)
        .find_map(|w| (w[0] == "--lang").then_some(w[1]));
    let given = given.or_else(|| args.iter().find_map(|a| a.strip_prefix("--lang=")));
    match given {
        Some("nl") => Lang::Nl,
        Some("en") => Lang::En,
        _ => Lang::from_env(),
    }
}

/// A context value as text (an option as clap names it, or a list of them).
fn text(e: &Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        _ => None,
    }
}

/// An option's name as clap gives it ("--days <DAYS>" → "--days").
fn flag(named: &str) -> String {
    named.split([' ', '=']).next().unwrap_or(named).to_owned()
}

/// Whether `typed` is an option name that can be shown: `--` or `-` and letters only.
fn showable(typed: &str) -> Option<&str> {
    let name = typed.split('=').next().unwrap_or(typed);
    let letters = name.trim_start_matches('-');
    (name.starts_with('-')
        && !letters.is_empty()
        && letters.len() <= 30
        && letters.chars().all(|c| c.is_ascii_alphabetic() || c == '-'))
    .then_some(name)
}

/// The one line for a mistake: the option or position, never a typed value.
pub fn explain(e: &Error, args: &[OsString], lang: Lang) -> String {
    let typed = text(e, ContextKind::InvalidArg)
        .or_else(|| text(e, ContextKind::InvalidSubcommand))
        .unwrap_or_default();
    // Where the offending text stands (1: the first argument after the program's name).
    let position = args
        .iter()
        .skip(1)
        .position(|a| a.to_str() == Some(typed.as_str()))
        .map(|i| i + 1);
    let after_client = position.is_some_and(|p| args[p - 1] == "--client");
    let about_values = !matches!(
        e.kind(),
        ErrorKind::ArgumentConflict | ErrorKind::MissingRequiredArgument
    );
    if about_values
        && (after_client || typed.starts_with("--client=") || flag(&typed) == "--client")
    {
        return t(lang, "cli.client_value").to_owned();
    }
    let at = |key: &str| match position {
        Some(n) => tf(lang, key, &[("n", &n)]),
        None => t(lang, "cli.other").to_owned(),
    };
    match e.kind() {
        ErrorKind::UnknownArgument => match showable(&typed) {
            Some(name) => match text(e, ContextKind::SuggestedArg) {
                Some(s) => tf(
                    lang,
                    "cli.unknown_flag_suggest",
                    &[("flag", &name), ("suggested", &s)],
                ),
                None => tf(lang, "cli.unknown_flag", &[("flag", &name)]),
            },
            None => at("cli.unexpected"),
        },
        ErrorKind::InvalidSubcommand => match (text(e, ContextKind::SuggestedSubcommand), position)
        {
            (Some(s), Some(n)) => tf(
                lang,
                "cli.no_command_suggest",
                &[("n", &n), ("suggested", &s)],
            ),
            _ => at("cli.no_command"),
        },
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let name = flag(&typed);
            let given = text(e, ContextKind::InvalidValue).unwrap_or_default();
            match text(e, ContextKind::ValidValue).filter(|v| !v.is_empty()) {
                _ if given.is_empty() => tf(lang, "cli.no_value", &[("flag", &name)]),
                Some(valid) => tf(
                    lang,
                    "cli.bad_choice",
                    &[("flag", &name), ("valid", &valid)],
                ),
                None => tf(lang, "cli.bad_value", &[("flag", &name)]),
            }
        }
        ErrorKind::ArgumentConflict => {
            let other = text(e, ContextKind::PriorArg).map(|p| flag(&p));
            tf(
                lang,
                "cli.conflict",
                &[
                    ("flag", &flag(&typed)),
                    ("other", &other.unwrap_or_default()),
                ],
            )
        }
        ErrorKind::MissingRequiredArgument => tf(lang, "cli.missing", &[("what", &typed)]),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            tf(lang, "cli.count", &[("flag", &flag(&typed))])
        }
        ErrorKind::InvalidUtf8 => t(lang, "cli.not_text").to_owned(),
        _ => t(lang, "cli.other").to_owned(),
    }
}
