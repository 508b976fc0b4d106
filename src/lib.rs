//! caseload: a terminal caseload manager for Dutch municipal caseworkers.
//!
//! The module tree is public so that the tests drive everything headlessly.

#![deny(unsafe_code)]

pub mod app;
pub mod assets;
pub mod backups;
pub mod cli;
pub mod cli_errors;
pub mod commands;
pub mod demo;
pub mod domain;
pub mod form;
pub mod i18n;
pub mod keymap;
pub mod keys_file;
pub mod layout;
pub mod letters;
pub mod lock;
pub mod log;
pub mod ownfile;
pub mod paths;
pub mod private;
pub mod store;
pub mod summary;
pub mod temps;
pub mod transfer;
pub mod tui;
pub mod ui;
pub mod vault;
