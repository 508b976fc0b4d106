//! Caseload's private temporary files (of backups, restores and exports): named after the
//! process that writes them, their folders remembered in the data folder, and removed by a
//! later run, wherever they were written, once that process is gone (SQLite's journals of
//! them too).

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

const PREFIX: &str = ".caseload-";
const SUFFIX: &str = ".tmp";
/// What SQLite writes beside a database file it opens, after the file itself (`""`): a
/// temporary copy's journals too, and a new caseload's an import removes again.
pub(crate) const COMPANIONS: [&str; 4] = ["", "-journal", "-wal", "-shm"];

/// A temporary file whose writer may still be alive (its process id reused) goes after this.
const STALE: Duration = Duration::from_secs(24 * 3600);
/// A temporary file without a process id in its name (older versions) goes after this.
const STALE_UNNAMED: Duration = Duration::from_secs(3600);

/// The file that remembers the folders temporary files were written in.
fn places_file() -> Option<PathBuf> {
    crate::paths::data_dir().map(|d| d.join("temp-places"))
}

/// A new private (0600) temporary file in `dir`, removed unless it is persisted. Its folder
/// is remembered first, so a run after a kill finds what is left of it.
pub fn temp_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    if let Some(places) = places_file() {
        // Best effort: without it, only the folders cleaned anyway are cleaned.
        let _ = remember(&places, dir);
    }
    tempfile::Builder::new()
        .prefix(&format!("{PREFIX}{}-", std::process::id()))
        .suffix(SUFFIX)
        .tempfile_in(dir)
}

/// Removes what processes that are gone left in the remembered folders, and forgets the
/// folders left with nothing of ours. Run at every start; never fails.
pub fn clean_remembered() {
    let Some(places) = places_file() else {
        return;
    };
    let _ = with_places(&places, |dirs| {
        dirs.retain(|dir| clean_dir(dir) > 0);
    });
}

/// Removes the temporary files (and their journals) in `dir` whose process is gone, or
/// that are too old to be anyone's; returns how many of ours are still there.
pub fn clean_dir(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut left = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(owner) = name.to_str().and_then(owner_of) else {
            continue;
        };
        // Never follow a link, never remove what is not the user's own regular file.
        let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
            continue;
        };
        if crate::ownfile::check(&meta).is_err() {
            continue;
        }
        let age = meta
            .modified()
            .ok()
            .and_then(|t| t.elapsed().ok())
            .unwrap_or_default();
        let abandoned = match owner {
            Some(pid) => !alive(pid) || age > STALE,
            None => age > STALE_UNNAMED,
        };
        if !(abandoned && std::fs::remove_file(entry.path()).is_ok()) {
            left += 1;
        }
    }
    left
}

/// Whether `name` is one of our temporary files or its journal: `Some(Some(pid))` for
/// `.caseload-<pid>-<random>.tmp[-journal|-wal|-shm]`, `Some(None)` without a process id.
fn owner_of(name: &str) -> Option<Option<u32>> {
    let rest = name.strip_prefix(PREFIX)?;
    let stem = COMPANIONS
        .iter()
        .find_map(|c| rest.strip_suffix(c)?.strip_suffix(SUFFIX))?;
    let pid = stem
        .split_once('-')
        .and_then(|(pid, _)| pid.parse::<u32>().ok());
    Some(pid)
}

/// Whether a process with this id runs (one of another user counts as running).
fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        use rustix::process::{Pid, test_kill_process};
        let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) else {
            return false;
        };
        !matches!(test_kill_process(pid), Err(rustix::io::Errno::SRCH))
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Adds `dir` (its real path) to the remembered folders.
fn remember(places: &Path, dir: &Path) -> std::io::Result<()> {
    let dir = std::fs::canonicalize(dir)?;
    with_places(places, |dirs| {
        if !dirs.contains(&dir) {
            dirs.push(dir);
        }
    })
}

/// Reads, changes and writes the remembered folders under an exclusive lock, so that runs
/// at the same moment do not lose each other's folders. The file is the user's own: opened
/// without following a link, 0600.
fn with_places(places: &Path, change: impl FnOnce(&mut Vec<PathBuf>)) -> std::io::Result<()> {
    if let Some(dir) = places.parent() {
        crate::store::create_private_dir(dir)?;
    }
    let mut file = open_places(places)?;
    let meta = file.metadata()?;
    if crate::ownfile::check(&meta).is_err() {
        return Err(std::io::ErrorKind::PermissionDenied.into());
    }
    file.lock()?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    // One folder per line, NUL-ended: a folder's name may hold a newline.
    let mut dirs: Vec<PathBuf> = bytes
        .split(|b| *b == 0)
        .filter(|s| !s.is_empty())
        .map(path_from_bytes)
        .collect();
    let before = dirs.clone();
    change(&mut dirs);
    if dirs != before {
        let mut out = Vec::new();
        for d in &dirs {
            out.extend_from_slice(&path_bytes(d));
            out.push(0);
        }
        file.set_len(0)?;
        file.rewind()?;
        file.write_all(&out)?;
    }
    Ok(())
}

fn open_places(path: &Path) -> std::io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use rustix::fs::OFlags;
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
        opts.custom_flags((OFlags::NOFOLLOW | OFlags::NONBLOCK).bits() as i32);
    }
    opts.open(path)
}

#[cfg(unix)]
fn path_bytes(p: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    p.as_os_str().as_bytes().to_vec()
}

#[cfg(unix)]
fn path_from_bytes(b: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(b))
}

#[cfg(not(unix))]
fn path_bytes(p: &Path) -> Vec<u8> {
    p.to_string_lossy().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_from_bytes(b: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(b).into_owned())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn names_of_ours_and_their_journals_are_known_by_their_process() {
        assert_eq!(owner_of(".caseload-4242-AbC123.tmp"), Some(Some(4242)));
        assert_eq!(
            owner_of(".caseload-4242-AbC123.tmp-journal"),
            Some(Some(4242))
        );
        assert_eq!(owner_of(".caseload-4242-x.tmp-wal"), Some(Some(4242)));
        assert_eq!(owner_of(".caseload-AbC123.tmp"), Some(None));
        assert_eq!(owner_of("caseload-2026-11-23-101500.db"), None);
        assert_eq!(owner_of(".caseload-4242-x.tmpfoo"), None);
        assert_eq!(owner_of("notes.tmp"), None);
    }

    #[test]
    fn what_a_gone_process_left_goes_and_a_running_ones_stays() {
        let dir = tempfile::tempdir().unwrap();
        // A process id no process has: above the kernel's maximum.
        let gone = 4_194_305_u32;
        let me = std::process::id();
        let names = [
            format!(".caseload-{gone}-a.tmp"),
            format!(".caseload-{gone}-a.tmp-journal"),
            format!(".caseload-{me}-b.tmp"),
            "caseload.db".to_string(),
        ];
        for n in &names {
            std::fs::write(dir.path().join(n), b"BSN and all").unwrap();
        }
        // A link named like ours is never followed nor removed.
        let target = dir.path().join("target");
        std::fs::write(&target, b"keep").unwrap();
        let link = dir.path().join(format!(".caseload-{gone}-c.tmp"));
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert_eq!(clean_dir(dir.path()), 1);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut want = vec![
            format!(".caseload-{gone}-c.tmp"),
            format!(".caseload-{me}-b.tmp"),
            "caseload.db".to_string(),
            "target".to_string(),
        ];
        want.sort();
        assert_eq!(left, want);
        assert_eq!(std::fs::read(&target).unwrap(), b"keep");
    }

    #[test]
    fn folders_are_remembered_once_and_forgotten_when_nothing_of_ours_is_left() {
        let data = tempfile::tempdir().unwrap();
        let places = data.path().join("sub").join("temp-places");
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        remember(&places, a.path()).unwrap();
        remember(&places, b.path()).unwrap();
        remember(&places, a.path()).unwrap();
        let read = |p: &Path| {
            let mut dirs = Vec::new();
            with_places(p, |d| dirs = d.clone()).unwrap();
            dirs
        };
        let real = |p: &Path| std::fs::canonicalize(p).unwrap();
        assert_eq!(read(&places), [real(a.path()), real(b.path())]);
        std::fs::write(
            b.path()
                .join(format!(".caseload-{}-x.tmp", std::process::id())),
            b"",
        )
        .unwrap();
        with_places(&places, |dirs| dirs.retain(|d| clean_dir(d) > 0)).unwrap();
        assert_eq!(read(&places), [real(b.path())]);
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&places).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}
