//! The command line (clap).

use crate::i18n::Lang;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// caseload: your caseload of clients on social assistance, in the terminal.
#[derive(Debug, Parser)]
#[command(name = "caseload", version, about, long_about = None)]
pub struct Cli {
    /// The database file (default: caseload.db in the platform data directory).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The interface language (default: from the locale).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,

    /// Run on a fresh throwaway database filled with demo data.
    #[arg(long)]
    pub demo: bool,

    /// Treat this date as today (dd-mm-jjjj or jjjj-mm-dd).
    #[arg(long, global = true, value_name = "DATE")]
    pub today: Option<String>,

    /// Read the passphrase (or recovery key) of an encrypted caseload from the first line
    /// of FILE (`-`: standard input; `/dev/fd/N`: an open file descriptor), for scripts.
    /// Never give the passphrase itself on the command line.
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,

    /// Create a new database unencrypted (a training or test caseload); without this, a
    /// new caseload asks for a passphrase and is encrypted.
    #[arg(long, global = true)]
    pub plaintext: bool,

    /// Leave the mouse to the terminal, to select text with it (by default a click or the
    /// wheel acts in the app).
    #[arg(long)]
    pub no_mouse: bool,

    /// Log start, stop, backups and kinds of errors to this file (never personal data).
    #[arg(long, global = true, value_name = "FILE")]
    pub log: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands besides the interactive app.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write demo data to a database file.
    Demo {
        /// How many clients (up to 1,000,000).
        #[arg(long, default_value_t = 60)]
        clients: usize,
        /// The seed: the same seed gives the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Print every dated open item: overdue, today, the next 7 days, later.
    Agenda {
        /// How many days ahead to look (overdue items are always shown).
        #[arg(long, default_value_t = crate::commands::agenda::DEFAULT_DAYS,
              value_parser = clap::value_parser!(u32).range(0..=3650))]
        days: u32,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Print the report: caseload, outflow, sustainable exit, re-entry in the national
    /// bands, trajectories, ladder, aftercare and premium, for the exits of a period.
    Report {
        /// The first day of the period (default: twelve months before the report date).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// The last day of the period (default: the report date).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Print JSON instead of a table.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV (one line per figure) instead of a table.
        #[arg(long)]
        csv: bool,
        /// Add up the report files of a team (each from `report --json`, same period and
        /// date) into one team report, as JSON; no database is read.
        #[arg(long, num_args = 1.., value_name = "FILE", conflicts_with_all = ["from", "to", "csv"])]
        team: Vec<PathBuf>,
    },
    /// Write a checked backup: into the backups folder beside the database (keeping the
    /// last 14), or to FILE.
    Backup {
        /// Where to write it (must not exist yet).
        file: Option<PathBuf>,
    },
    /// Replace the database by a backup, after checking it; the current database is kept
    /// in the backups folder.
    Restore {
        /// The backup to restore.
        file: PathBuf,
    },
    /// Check the database: SQLite's integrity and foreign keys, and caseload's own rules.
    /// Exits with 0 when all is well, 1 otherwise.
    Check,
    /// Write the whole caseload, or everything about one client, as JSON: to FILE, or to
    /// standard output.
    Export {
        /// Only one client, the copy a client may ask for under the GDPR: the BSN is asked
        /// for and not shown as you type (read from standard input when that is no
        /// terminal). It is never given on the command line, where the process list and the
        /// shell history would keep it.
        #[arg(long, conflicts_with = "client_file")]
        client: bool,
        /// Only the client whose BSN stands on the first line of FILE (`-`: standard input),
        /// for scripts.
        #[arg(long, value_name = "FILE")]
        client_file: Option<PathBuf>,
        /// Write to this file (it must not exist yet; it is made readable by you only).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Seal the export with a passphrase (an age file, which `import` and the age tool
        /// read): asked twice, or read from --export-passphrase-file.
        #[arg(long)]
        encrypt: bool,
        /// The passphrase of a sealed export: the first line of FILE.
        #[arg(long, value_name = "FILE", requires = "encrypt")]
        export_passphrase_file: Option<PathBuf>,
    },
    /// Change the passphrase of an encrypted caseload (asks the old one or the recovery
    /// key, then the new one twice); the data is not rewritten.
    Passphrase {
        /// Read the new passphrase from the first line of FILE instead of asking it.
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Encrypt a plaintext caseload: a verified encrypted copy replaces it, and its
    /// recovery key is shown once.
    Encrypt {
        /// Read the new passphrase from the first line of FILE instead of asking it.
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
    /// A client's story in one screen, as Markdown: for a colleague taking over.
    Summary {
        /// The client's BSN is asked for and not shown as you type.
        #[arg(long, conflicts_with = "client_file")]
        client: bool,
        /// The client whose BSN stands on the first line of FILE (`-`: standard input).
        #[arg(long, value_name = "FILE")]
        client_file: Option<PathBuf>,
        /// Write to this new file (readable by you only) instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Read clients from a JSON export in one go: everything, or nothing and every problem.
    Import {
        /// The file to read.
        file: PathBuf,
        /// Add the benefit periods of clients who are known already to those clients.
        #[arg(long)]
        merge: bool,
        /// The passphrase of a sealed export: the first line of FILE (else it is asked).
        #[arg(long, value_name = "FILE")]
        export_passphrase_file: Option<PathBuf>,
        /// The age identity file that opens a handover bundle sealed to your public key
        /// (default: the one `caseload identity` made).
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
    },
    /// Hand clients over to a colleague: everything about them, with their history, in a
    /// sealed bundle (to the colleague's age public key, or to a passphrase shown once);
    /// they then leave your list and agenda. --confirm CODE once the colleague's import
    /// printed it; --undo CODE takes the handover back until then.
    #[command(group(clap::ArgGroup::new("what").required(true).args(["client_file", "confirm", "undo", "pending"])))]
    Handover {
        /// The clients: one BSN a line in FILE (`-`: standard input); a BSN is never given
        /// on the command line.
        #[arg(long, value_name = "FILE", requires_all = ["to", "out"])]
        client_file: Option<PathBuf>,
        /// The colleague who takes the clients over.
        #[arg(long, value_name = "NAME")]
        to: Option<String>,
        /// Your name as the bundle gives it (default: caseworker.toml).
        #[arg(long, value_name = "NAME")]
        from: Option<String>,
        /// The bundle to write (it must not exist yet).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The colleague's age public key (age1…, from their `caseload identity`).
        #[arg(long, value_name = "KEY")]
        recipient: Option<String>,
        /// The colleague imported the bundle: the receipt code their import printed.
        #[arg(long, value_name = "CODE", conflicts_with = "undo")]
        confirm: Option<String>,
        /// Take the handover with this receipt code back (before it is confirmed).
        #[arg(long, value_name = "CODE")]
        undo: Option<String>,
        /// List the handovers not yet confirmed, with their receipt codes.
        #[arg(long)]
        pending: bool,
    },
    /// Show your age public key, for colleagues who hand clients over to you (the key is
    /// made the first time, in age-identity.txt in the data directory).
    Identity,
    /// List every key by place and action name, as keys.toml sets them (your own
    /// keys.toml in the config directory changes them).
    Keys,
    /// List what is due for destruction under the retention terms (retention.toml): per
    /// client the client number and the day the term ended.
    Retention {
        /// Show the clients' names too (never the BSN).
        #[arg(long)]
        names: bool,
    },
    /// Destroy client files for good: what is due for destruction (--due), or one client
    /// recorded in error (--client-file FILE --reason TEXT). Asks first.
    #[command(group(clap::ArgGroup::new("which").required(true).args(["due", "client_file"])))]
    Erase {
        /// Everything due for destruction (see caseload retention).
        #[arg(long)]
        due: bool,
        /// The client whose BSN stands on the first line of FILE (`-`: standard input); a
        /// BSN is never given on the command line.
        #[arg(long, value_name = "FILE", requires = "reason")]
        client_file: Option<PathBuf>,
        /// Why the client is erased (asked for, never kept: put no personal data in it).
        #[arg(long, value_name = "TEXT", conflicts_with = "due")]
        reason: Option<String>,
        /// Confirm without asking (for scripts).
        #[arg(long)]
        yes: bool,
    },
}
