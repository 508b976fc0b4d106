//! The bodies of the subcommands (`caseload agenda`, `report`, `demo`, `backup`, `restore`,
//! `check`, `export`, `import`, `retention`, `erase`).

pub mod agenda;
pub mod backup;
pub mod bindings;
pub mod check;
pub mod client_bsn;
pub mod demo;
pub mod failed;
pub mod handover;
pub mod identity;
pub mod import;
pub mod keys;
pub mod report;
pub mod retention;
pub mod summary;
pub mod team;
pub mod transfer;
