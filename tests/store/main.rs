//! The store and the domain without the screen: round trips, the rules of each step of the
//! journey, the report's numbers, export and import, backups, and property tests.
#![allow(clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;
#[path = "../edges_support/mod.rs"]
mod edges_support;
#[path = "../exit_support/mod.rs"]
mod exit_support;
#[path = "../fixtures/mod.rs"]
mod fixtures;
mod journey_support;
#[path = "../premium_support/mod.rs"]
mod premium_support;
#[path = "../retention_support/mod.rs"]
mod retention_support;
#[path = "../terminal_support/mod.rs"]
mod terminal_support;
#[path = "../transfer_support/mod.rs"]
mod transfer_support;

mod aftercare_flow;
mod aftercare_schedule;
mod agenda_page;
mod amounts;
mod backup;
mod bulk_load;
mod catalog;
mod demo;
mod domain;
mod edges_import;
mod exit_after;
mod exit_edit;
mod exit_flow;
mod import_fuzz;
mod journeys;
mod next_action;
mod premium;
mod premium_config;
mod premium_transfer;
mod report;
mod report_anchor;
mod retention;
mod risk;
mod roster;
mod roster_page;
mod search;
mod store;
mod terminal_text;
mod timeline;
mod trajectory;
mod transfer;
mod undo;
mod unplanned;
mod workdays;
