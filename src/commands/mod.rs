//! The bodies of the subcommands (`caseload demo`, `backup`, `restore`, `check`, ...).

pub mod backup;
pub mod check;
pub mod demo;
