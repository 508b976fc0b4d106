//! The key file `<db>.keys`: the data key sealed by the passphrase and by the recovery key,
//! with the Argon2id parameters it was sealed with; read without following a link, written
//! whole through a temporary file (0600) or not at all.

use super::{DataKey, RecoveryKey, Sealed, VaultError, open, seal};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// The Argon2id parameters of a passphrase (memory in KiB).
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Kdf {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl Kdf {
    /// What a new key file uses: 64 MiB, three passes (about half a second here).
    pub const DEFAULT: Kdf = Kdf {
        memory_kib: 64 * 1024,
        iterations: 3,
        parallelism: 1,
    };

    /// Cheap parameters, for tests that make many key files.
    pub const FOR_TESTS: Kdf = Kdf {
        memory_kib: 1024,
        iterations: 1,
        parallelism: 1,
    };
}

/// The passphrase's wrapping: the salt and parameters of Argon2id, and the sealed key.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct PassphraseWrap {
    algorithm: String,
    kdf: Kdf,
    salt: String,
    #[serde(flatten)]
    sealed: Sealed,
}

/// The contents of a key file.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct KeyFile {
    /// `caseload-keys` (the file is ours).
    kind: String,
    format: u32,
    /// The id of the data key sealed here (see [`DataKey::id`]).
    pub key_id: String,
    passphrase: PassphraseWrap,
    recovery: Sealed,
}

const KIND: &str = "caseload-keys";
const PASSPHRASE: &[u8] = b"caseload passphrase v1";
const RECOVERY: &[u8] = b"caseload recovery v1";

/// The key file of the database at `db`: beside the real file, however it is named (a
/// link to it has no key file of its own).
pub fn key_path(db: &Path) -> PathBuf {
    crate::paths::with_suffix(&crate::ownfile::resolve(db), ".keys")
}

/// The passphrase stretched with Argon2id.
fn stretch(passphrase: &str, salt: &[u8], kdf: Kdf) -> Zeroizing<[u8; 32]> {
    let params = argon2::Params::new(kdf.memory_kib, kdf.iterations, kdf.parallelism, Some(32))
        .expect("Argon2id parameters within its limits");
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut out = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(passphrase.as_bytes(), salt, &mut out[..])
        .expect("a 32-byte output and a 16-byte salt are within Argon2's limits");
    out
}

fn passphrase_wrap(key: &DataKey, passphrase: &str, kdf: Kdf) -> PassphraseWrap {
    let mut salt = [0u8; 16];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut salt);
    let wrapping = stretch(passphrase, &salt, kdf);
    PassphraseWrap {
        algorithm: "argon2id-v19".into(),
        kdf,
        salt: data_encoding::HEXLOWER.encode(&salt),
        sealed: seal(key, &wrapping, PASSPHRASE),
    }
}

impl KeyFile {
    /// A new data key, sealed by `passphrase` and by a new recovery key, which is returned
    /// to be shown once.
    pub fn create(passphrase: &str, kdf: Kdf) -> (KeyFile, DataKey, RecoveryKey) {
        let key = DataKey::random();
        let recovery = RecoveryKey::random();
        let file = KeyFile {
            kind: KIND.into(),
            format: 1,
            key_id: key.id(),
            passphrase: passphrase_wrap(&key, passphrase, kdf),
            recovery: seal(&key, &recovery.wrapping_key(), RECOVERY),
        };
        (file, key, recovery)
    }

    /// The data key, opened by the passphrase or, when what was typed is one, by the
    /// recovery key.
    pub fn unlock(&self, typed: &str) -> Result<DataKey, VaultError> {
        if let Some(recovery) = RecoveryKey::parse(typed)
            && let Ok(key) = self.unlock_recovery(&recovery)
        {
            return Ok(key);
        }
        self.unlock_passphrase(typed)
    }

    /// The data key, opened by the passphrase.
    pub fn unlock_passphrase(&self, passphrase: &str) -> Result<DataKey, VaultError> {
        let w = &self.passphrase;
        let salt = data_encoding::HEXLOWER
            .decode(w.salt.as_bytes())
            .map_err(|_| VaultError::Wrong)?;
        let wrapping = stretch(passphrase, &salt, w.kdf);
        self.checked(open(&w.sealed, &wrapping, PASSPHRASE))
    }

    /// The data key, opened by the recovery key.
    pub fn unlock_recovery(&self, recovery: &RecoveryKey) -> Result<DataKey, VaultError> {
        self.checked(open(&self.recovery, &recovery.wrapping_key(), RECOVERY))
    }

    fn checked(&self, key: Option<DataKey>) -> Result<DataKey, VaultError> {
        key.filter(|k| k.id() == self.key_id)
            .ok_or(VaultError::Wrong)
    }

    /// The same data key under a new passphrase; the recovery key still opens it.
    pub fn with_passphrase(&self, key: &DataKey, passphrase: &str, kdf: Kdf) -> KeyFile {
        KeyFile {
            passphrase: passphrase_wrap(key, passphrase, kdf),
            ..self.clone()
        }
    }

    /// The key file of the database at `db`: `None` when there is none (a plaintext
    /// database). A link, a folder or another user's file is refused.
    pub fn read(db: &Path) -> Result<Option<KeyFile>, VaultError> {
        let path = key_path(db);
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(VaultError::Io { path, source }),
        };
        if crate::ownfile::check(&meta).is_err() {
            return Err(VaultError::Refused { path });
        }
        let text = std::fs::read(&path).map_err(|source| VaultError::Io {
            path: path.clone(),
            source,
        })?;
        let file: KeyFile = serde_json::from_slice(&text)
            .map_err(|_| VaultError::Damaged { path: path.clone() })?;
        if file.kind != KIND || file.format != 1 {
            return Err(VaultError::Damaged { path });
        }
        Ok(Some(file))
    }

    /// Writes the key file of the database at `db`: whole, private, and synced, or not at
    /// all (a link at its place is replaced, never followed).
    pub fn write(&self, db: &Path) -> Result<(), VaultError> {
        self.write_to(&key_path(db))
    }

    /// Writes the key file of a new database at `db`, as [`KeyFile::write`], but never over
    /// one that is there: another start may have set up the same caseload meanwhile, and
    /// replacing its key would leave what it writes unreadable (`VaultError::Taken`).
    pub fn write_new(&self, db: &Path) -> Result<(), VaultError> {
        self.persist(&key_path(db), false)
    }

    /// Removes the key file beside `db` when the database itself is not there: a first
    /// start that wrote a new caseload's key and then could not make the file (a full
    /// disk, a folder in its way) leaves no key behind, whose passphrase the next start
    /// would ask for a caseload that does not exist.
    pub fn forget_unmade(db: &Path) -> Result<(), VaultError> {
        if db.symlink_metadata().is_ok() {
            return Ok(());
        }
        let path = key_path(db);
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(VaultError::Io { path, source: e })
            }
            _ => Ok(()),
        }
    }

    /// Writes this key file at `path` (see [`KeyFile::write`]).
    pub fn write_to(&self, path: &Path) -> Result<(), VaultError> {
        self.persist(path, true)
    }

    /// Writes this key file at `path` through a synced temporary file beside it, over
    /// what is there when `replace`.
    fn persist(&self, path: &Path, replace: bool) -> Result<(), VaultError> {
        let io = |source| VaultError::Io {
            path: path.to_owned(),
            source,
        };
        let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
            Some(d) => d,
            None => Path::new("."),
        };
        let mut tmp = tempfile::Builder::new()
            .prefix(".caseload-keys")
            .tempfile_in(dir)
            .map_err(io)?;
        let text = serde_json::to_vec_pretty(self).expect("a key file is plain data");
        tmp.write_all(&text).map_err(io)?;
        tmp.as_file().sync_all().map_err(io)?;
        let kept = match replace {
            true => tmp.persist(path),
            false => tmp.persist_noclobber(path),
        };
        kept.map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists if !replace => VaultError::Taken {
                path: path.to_owned(),
            },
            _ => io(e.error),
        })?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

/// A copy of a key file beside a temporary copy of a database (a backup being written or
/// a restore being checked), so that the copy can be opened; removed when dropped unless
/// moved to the copy's final place.
pub struct TempKeys(Option<PathBuf>);

impl TempKeys {
    /// Writes `keys` (when the database is encrypted) beside the file `copy`.
    pub fn beside(copy: &Path, keys: Option<&KeyFile>) -> Result<TempKeys, VaultError> {
        let Some(keys) = keys else {
            return Ok(TempKeys(None));
        };
        let path = key_path(copy);
        keys.write_to(&path)?;
        Ok(TempKeys(Some(path)))
    }

    /// Moves the key file beside the database at `db`; for a plaintext copy, removes a key
    /// file left there (the plaintext file must not be opened with a key).
    pub fn move_to(mut self, db: &Path) -> Result<(), VaultError> {
        let dest = key_path(db);
        let io = |source| VaultError::Io {
            path: dest.clone(),
            source,
        };
        match self.0.take() {
            Some(from) => std::fs::rename(from, &dest).map_err(io),
            None => match std::fs::remove_file(&dest) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(e)),
                _ => Ok(()),
            },
        }
    }
}

impl Drop for TempKeys {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = std::fs::remove_file(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_passphrase_and_the_recovery_key_open_the_same_key_and_nothing_else_does() {
        let (file, key, recovery) = KeyFile::create("correct horse battery", Kdf::FOR_TESTS);
        assert_eq!(file.unlock("correct horse battery").unwrap().id(), key.id());
        assert_eq!(file.unlock(&recovery.shown()).unwrap().id(), key.id());
        assert!(matches!(file.unlock("wrong"), Err(VaultError::Wrong)));
        let other = RecoveryKey::random();
        assert!(matches!(
            file.unlock(&other.shown()),
            Err(VaultError::Wrong)
        ));
        // A new passphrase: the old one no longer opens, the recovery key still does.
        let changed = file.with_passphrase(&key, "new and long enough", Kdf::FOR_TESTS);
        assert!(changed.unlock("correct horse battery").is_err());
        assert_eq!(
            changed.unlock("new and long enough").unwrap().id(),
            key.id()
        );
        assert_eq!(changed.unlock(&recovery.shown()).unwrap().id(), key.id());
    }

    #[test]
    fn a_key_file_is_written_private_and_read_back_and_a_link_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("c.db");
        assert!(KeyFile::read(&db).unwrap().is_none());
        let (file, key, _) = KeyFile::create("a passphrase", Kdf::FOR_TESTS);
        file.write(&db).unwrap();
        let back = KeyFile::read(&db).unwrap().unwrap();
        assert_eq!(back.unlock("a passphrase").unwrap().id(), key.id());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(key_path(&db))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
            let linked = dir.path().join("l.db");
            std::os::unix::fs::symlink(key_path(&db), key_path(&linked)).unwrap();
            assert!(matches!(
                KeyFile::read(&linked),
                Err(VaultError::Refused { .. })
            ));
        }
        // A new caseload's key file is never written over one that came meanwhile.
        let (other, _, _) = KeyFile::create("another passphrase", Kdf::FOR_TESTS);
        assert!(matches!(
            other.write_new(&db),
            Err(VaultError::Taken { .. })
        ));
        let still = KeyFile::read(&db).unwrap().unwrap();
        assert_eq!(still.unlock("a passphrase").unwrap().id(), key.id());
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(".caseload-keys")
            })
            .collect();
        assert!(left.is_empty(), "no temporary file is left");
        let fresh = dir.path().join("fresh.db");
        other.write_new(&fresh).unwrap();
        assert!(KeyFile::read(&fresh).unwrap().is_some());
        // A key whose caseload was never made is forgotten; one beside a caseload is kept.
        KeyFile::forget_unmade(&fresh).unwrap();
        assert!(KeyFile::read(&fresh).unwrap().is_none());
        KeyFile::forget_unmade(&fresh).unwrap();
        std::fs::write(&db, b"").unwrap();
        KeyFile::forget_unmade(&db).unwrap();
        assert!(KeyFile::read(&db).unwrap().is_some());
        std::fs::write(key_path(&db), b"{\"kind\": \"other\"}").unwrap();
        assert!(matches!(
            KeyFile::read(&db),
            Err(VaultError::Damaged { .. })
        ));
    }
}
