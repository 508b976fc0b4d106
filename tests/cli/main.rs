//! The command line through the real binary: subcommands, `check`, `agenda`, export and
//! import, backup and restore, and the modes of the files they write.
#![allow(clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;
#[path = "../exit_support/mod.rs"]
mod exit_support;
#[path = "../fixtures/mod.rs"]
mod fixtures;
#[path = "../retention_support/mod.rs"]
mod retention_support;
mod support;
#[path = "../terminal_support/mod.rs"]
mod terminal_support;
#[path = "../transfer_support/mod.rs"]
mod transfer_support;

mod agenda_cmd;
mod check;
mod cli;
#[cfg(unix)]
mod command_messages;
mod commands;
#[cfg(unix)]
mod encryption;
#[cfg(unix)]
mod handover;
mod hostile_files;
mod leftovers;
#[cfg(unix)]
mod open_messages;
mod retention_cli;
mod team;
mod terminal_text;
mod transfer_cli;
