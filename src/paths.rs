//! Where the caseworker's data lives: the platform data directory (via `directories`).

use std::path::{Path, PathBuf};

/// The project directories of caseload on this platform.
fn dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("nl", "caseload", "caseload")
}

/// The platform data directory, where the default database lives.
pub fn data_dir() -> Option<PathBuf> {
    dirs().map(|d| d.data_dir().to_path_buf())
}

/// The default database: `<data dir>/caseload.db`.
pub fn default_db() -> Option<PathBuf> {
    data_dir().map(|d| d.join("caseload.db"))
}

/// The config directory, where a municipality's overrides live.
pub fn config_dir() -> Option<PathBuf> {
    dirs().map(|d| d.config_dir().to_path_buf())
}

/// A folder next to the database (`backups`, `letters`, `exports`).
pub fn beside(db: &Path, folder: &str) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join(folder)
}

/// A file beside `path`: its name with `suffix` appended (`-wal`, `.keys`, `.sha256`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}
