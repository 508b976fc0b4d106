//! caseload: a terminal caseload manager for Dutch municipal caseworkers.
//!
//! The module tree is public so that the tests drive everything headlessly.

#![forbid(unsafe_code)]

pub mod domain;
pub mod i18n;
pub mod store;
