//! The three screens, each with its own state and keys: the caseload (list and client
//! file), the agenda, and the reports.

pub mod agenda;
pub mod caseload;
mod caseload_list;
mod list_sort;
pub mod reports;
pub mod window;
