//! The app driven by keys through the same dispatch as a terminal: screens, forms,
//! questions, the keymap, rendering at every size, and snapshots of what is drawn.
#![allow(clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;
#[path = "../edges_support/mod.rs"]
mod edges_support;
#[path = "../exit_support/mod.rs"]
mod exit_support;
#[path = "../fixtures/mod.rs"]
mod fixtures;
#[path = "../premium_support/mod.rs"]
mod premium_support;
#[path = "../retention_support/mod.rs"]
mod retention_support;
#[path = "../terminal_support/mod.rs"]
mod terminal_support;
#[path = "../transfer_support/mod.rs"]
mod transfer_support;

mod agenda;
mod agenda_window;
mod catalogue;
mod checkin;
mod corrections;
mod edges;
mod exit_edit;
mod exit_ui;
mod file_items;
mod intake;
mod keymap;
mod list_model;
mod list_ux;
mod list_views;
mod list_window;
mod lock;
mod mouse;
mod palette;
mod paste;
mod pickers;
mod premium_exit;
mod premium_pay;
mod render_sizes;
mod report_ui;
mod risk;
mod save_errors;
mod search;
mod summary;
mod terminal_text;
mod trajectory_ui;
mod ui_shell;
mod undo;
mod unicode;
mod void;
mod wrap;
