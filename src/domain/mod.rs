//! Plain types and rules of the domain: no I/O, no terminal, no database.

pub mod agenda;
pub mod assessment;
pub mod bsn;
pub mod catalog;
pub mod codes;
pub mod date;
pub mod model;
pub mod phase;

pub use bsn::Bsn;
pub use codes::*;
pub use phase::{Phase, PhaseFacts};
