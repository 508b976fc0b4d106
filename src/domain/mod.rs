//! Plain types and rules of the domain: no I/O, no terminal, no database.

pub mod aftercare;
pub mod agenda;
pub mod assessment;
pub mod assignment;
pub mod bsn;
pub mod caseworker;
pub mod catalog;
pub mod checkin;
pub mod codes;
pub mod date;
pub mod display;
pub mod exit;
pub mod letter;
pub mod lock_in;
pub mod model;
pub mod money;
pub mod notes;
pub mod offset;
pub mod phase;
pub mod premium;
pub mod record;
pub mod report;
pub mod report_period;
pub mod report_sections;
pub mod report_table;
pub mod search;
pub mod templates;
pub mod timeline;
pub mod timeline_text;
pub mod trajectory;

pub use bsn::Bsn;
pub use codes::*;
pub use phase::{Phase, PhaseFacts};
