//! The bodies of the subcommands (`caseload agenda`, `demo`, `backup`, `restore`, `check`).

pub mod agenda;
pub mod backup;
pub mod check;
pub mod demo;
