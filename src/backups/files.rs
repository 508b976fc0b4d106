//! File handling for backups: private temporary files, checksums beside a backup
//! (`sha256sum -c` can check them), syncing a folder.

use super::BackupError;
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Maps an I/O error to a [`BackupError`] about `path`.
pub fn io_err(path: &Path) -> impl Fn(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        path: path.to_owned(),
        source,
    }
}

/// The folder a file is in (`.` for a bare name).
pub fn parent_dir(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// A new private (0600) temporary file in `dir`, removed unless it is persisted (and by a
/// later run when this one is killed).
pub fn temp_in(dir: &Path) -> Result<tempfile::NamedTempFile, BackupError> {
    crate::temps::temp_in(dir).map_err(io_err(dir))
}

/// Makes a rename or a new file in `dir` durable.
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    let _ = dir;
    Ok(())
}

/// The checksum file beside a backup: `<name>.sha256`.
pub fn sum_path(path: &Path) -> PathBuf {
    crate::paths::with_suffix(path, ".sha256")
}

/// The SHA-256 of a file, in hex.
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// Writes the checksum of `backup` beside it, in the format of `sha256sum`.
pub fn write_sum(backup: &Path, sum: &str) -> Result<(), BackupError> {
    let path = sum_path(backup);
    let dir = parent_dir(&path);
    let name = backup
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = temp_in(dir)?;
    tmp.write_all(format!("{sum}  {name}\n").as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(io_err(&path))?;
    tmp.persist(&path).map_err(|e| BackupError::Io {
        path: path.clone(),
        source: e.error,
    })?;
    Ok(())
}

/// Checks `copy` against the checksum written beside `original`, when there is one.
/// Returns whether a checksum was there.
pub fn verify_sum(original: &Path, copy: &Path) -> Result<bool, BackupError> {
    let path = sum_path(original);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(io_err(&path)(e)),
    };
    let expected = text.split_whitespace().next().unwrap_or("");
    let actual = sha256_file(copy).map_err(io_err(copy))?;
    if expected.eq_ignore_ascii_case(&actual) {
        Ok(true)
    } else {
        Err(BackupError::Checksum {
            path: original.to_owned(),
        })
    }
}
