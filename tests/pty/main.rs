//! The real binary as a caseworker's terminal runs it, in a pseudo-terminal: one instance
//! per database, signals, other programs touching the file, kills at random moments,
//! bracketed paste and the mouse.
#![allow(clippy::unwrap_used)]

#[path = "../fixtures/mod.rs"]
mod fixtures;
#[cfg(unix)]
mod harness;
#[cfg(unix)]
mod kill_support;
#[path = "../retention_support/mod.rs"]
mod retention_support;

#[cfg(unix)]
mod cli_args;
mod encrypted;
#[cfg(unix)]
mod erase;
mod foreign;
mod frames;
mod instance;
mod keys;
mod kill;
mod mouse;
mod paste;
mod private;
