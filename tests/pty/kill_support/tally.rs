//! The figures of the kill test, for the record: what was killed, what was verified after,
//! and what the kills left behind.

use super::files::{Folder, ROLLED_BACK};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// The figures for the record.
#[derive(Default, Debug)]
pub struct Tally {
    pub rounds: usize,
    pub kills: usize,
    pub app_kills: usize,
    pub command_rounds: usize,
    pub command_kills: usize,
    pub commands_done: usize,
    /// Notes saved (the screen said so, or found after a kill), and how often one was
    /// looked for after a kill.
    pub saves: usize,
    pub commits_verified: usize,
    pub unconfirmed_landed: usize,
    pub drafts_checked: usize,
    pub drafts_written_kept: usize,
    pub foreign: usize,
    /// Foreign connections without the machine's SQLite (no python3 here).
    pub no_python: usize,
    pub fresh_backups: usize,
    pub imports: [usize; 2],
    pub restores: [usize; 2],
    /// Distinct files seen in backup folders: checksummed backups, temporary files, backups
    /// without their checksum, checksums without their backup.
    pub checksummed: BTreeSet<PathBuf>,
    pub temps: BTreeSet<PathBuf>,
    pub unsummed: BTreeSet<PathBuf>,
    pub orphan_sums: BTreeSet<PathBuf>,
    /// Temporary files left beside a database (by `restore`).
    pub temps_beside_db: BTreeSet<PathBuf>,
    pub losses: Vec<String>,
}

impl Tally {
    /// Adds what a backup folder held.
    pub fn folder(&mut self, f: Folder) {
        self.checksummed.extend(f.checksummed);
        self.temps.extend(f.temps);
        self.unsummed.extend(f.unsummed);
        self.orphan_sums.extend(f.orphan_sums);
    }

    /// The figures in a paragraph.
    pub fn record(&self, took: Duration) -> String {
        format!(
            "kill test: {} kills in {} rounds ({} of the app, {} of commands; {} commands \
             were done before their kill); {} saves, {} commits verified ({} saves landed \
             just before a kill); {} drafts checked, {} drafts seen written and kept; {} foreign \
             connections ({} without python3); {} starts without today's backup; imports \
             whole/none {:?}, restores new/old {:?}; {} checksummed backups, {} temporary \
             files left in backup folders and {} beside a database, {} backups without their \
             checksum, {} checksums without their backup; {} hot rollback journals (a kill \
             during the switch to WAL) rolled back; {} losses ({:.1}s)",
            self.kills,
            self.rounds,
            self.app_kills,
            self.command_kills,
            self.commands_done,
            self.saves,
            self.commits_verified,
            self.unconfirmed_landed,
            self.drafts_checked,
            self.drafts_written_kept,
            self.foreign,
            self.no_python,
            self.fresh_backups,
            [self.imports[1], self.imports[0]],
            [self.restores[1], self.restores[0]],
            self.checksummed.len(),
            self.temps.len(),
            self.temps_beside_db.len(),
            self.unsummed.len(),
            self.orphan_sums.len(),
            ROLLED_BACK.load(Ordering::Relaxed),
            self.losses.len(),
            took.as_secs_f64()
        )
    }
}
