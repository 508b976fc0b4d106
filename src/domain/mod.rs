//! Plain types and rules of the domain: no I/O, no terminal, no database.

pub mod aftercare;
pub mod agenda;
pub mod bsn;
pub mod catalog;
pub mod checkin;
pub mod codes;
pub mod date;
pub mod exit;
pub mod letter;
pub mod model;
pub mod money;
pub mod offset;
pub mod phase;
pub mod premium;

pub use bsn::Bsn;
pub use codes::*;
pub use phase::{Phase, PhaseFacts};
