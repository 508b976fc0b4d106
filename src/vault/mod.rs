//! The keys of an encrypted caseload: a random data key that SQLCipher takes as a raw key,
//! kept in `<db>.keys` beside the file, wrapped by the passphrase (Argon2id) and again by
//! the recovery key. Changing the passphrase rewrites only that small file.
//!
//! The design, for a developer picking this up:
//! - The data key is 32 random bytes. SQLCipher gets it as `x'…'`, a raw key: no key
//!   stretching on every connection (the app opens several: the main one, background
//!   readers, backups).
//! - The passphrase is stretched once per unlock with Argon2id (the parameters are stored
//!   in the key file, so stronger ones can come later without breaking old files); the
//!   result seals the data key with XChaCha20-Poly1305.
//! - The recovery key is 160 random bits shown once as eight groups of four letters and
//!   digits (Crockford's base32: no I, L, O or U to misread). Being random, it needs no
//!   stretching: SHA-256 of it seals the data key a second time.
//! - The key file names the data key by an id (a hash of it), so any copy of the database
//!   (a backup) is opened by the key file that travels beside it.

pub mod held;
pub mod keyfile;
pub mod prompt;
pub mod strength;

pub use keyfile::{Kdf, KeyFile, TempKeys, key_path};

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// What can go wrong with the keys; never says anything of the secret itself.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    /// Neither the passphrase nor a recovery key opens the file.
    #[error("the passphrase or recovery key does not open this caseload")]
    Wrong,
    /// The key file is not one of ours, or damaged.
    #[error("{path}: the key file is damaged or not caseload's")]
    Damaged { path: std::path::PathBuf },
    /// The key file is a link, a folder, or another user's file.
    #[error("{path}: the key file is refused (a link, or not your own file)")]
    Refused { path: std::path::PathBuf },
    /// A key file came at the place of a new caseload's while it was being set up.
    #[error("{path}: a key file came there while the caseload was being set up")]
    Taken { path: std::path::PathBuf },
    #[error("{path}: {source}")]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

/// The caseworker's sentence for a key failure.
pub fn message(e: &VaultError, lang: crate::i18n::Lang) -> String {
    use crate::i18n::{t, tf};
    match e {
        VaultError::Wrong => t(lang, "vault.err.wrong").to_owned(),
        VaultError::Damaged { path } => tf(lang, "vault.err.damaged", &[("file", &path.display())]),
        VaultError::Refused { path } => tf(lang, "vault.err.refused", &[("file", &path.display())]),
        VaultError::Taken { path } => tf(lang, "vault.err.taken", &[("file", &path.display())]),
        VaultError::Io { path, source } => tf(
            lang,
            "robust.store.io_file",
            &[
                ("file", &path.display()),
                ("error", &crate::store::io_clause(source, lang)),
            ],
        ),
    }
}

/// The key SQLCipher encrypts the database with.
#[derive(Clone)]
pub struct DataKey(Zeroizing<[u8; 32]>);

impl DataKey {
    /// A new random key.
    pub fn random() -> DataKey {
        let mut k = Zeroizing::new([0u8; 32]);
        rand::rng().fill_bytes(&mut k[..]);
        DataKey(k)
    }

    /// The key's public name: the first 16 hex digits of a hash of it.
    pub fn id(&self) -> String {
        let mut h = Sha256::new();
        h.update(b"caseload data key id v1");
        h.update(&self.0[..]);
        data_encoding::HEXLOWER.encode(&h.finalize()[..8])
    }

    /// The key as 64 hex digits (the store gives it to SQLCipher as a raw key).
    pub(crate) fn hex(&self) -> Zeroizing<String> {
        Zeroizing::new(data_encoding::HEXLOWER.encode(&self.0[..]))
    }
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DataKey({})", self.id())
    }
}

/// Crockford's base32: digits and letters without I, L, O and U.
fn crockford() -> data_encoding::Encoding {
    let mut spec = data_encoding::Specification::new();
    spec.symbols.push_str("0123456789ABCDEFGHJKMNPQRSTVWXYZ");
    spec.translate.from.push_str("abcdefghjkmnpqrstvwxyzIiLlOo");
    spec.translate.to.push_str("ABCDEFGHJKMNPQRSTVWXYZ111100");
    spec.encoding().expect("a valid base32 specification")
}

/// The second way in: 160 random bits, written down by the caseworker.
pub struct RecoveryKey(Zeroizing<[u8; 20]>);

impl RecoveryKey {
    /// A new random recovery key.
    pub fn random() -> RecoveryKey {
        let mut k = Zeroizing::new([0u8; 20]);
        rand::rng().fill_bytes(&mut k[..]);
        RecoveryKey(k)
    }

    /// As the caseworker writes it down: eight groups of four, joined by dashes.
    pub fn shown(&self) -> Zeroizing<String> {
        let text = Zeroizing::new(crockford().encode(&self.0[..]));
        let groups: Vec<&str> = (0..text.len())
            .step_by(4)
            .map(|i| &text[i..(i + 4).min(text.len())])
            .collect();
        Zeroizing::new(groups.join("-"))
    }

    /// A recovery key as typed: dashes, spaces and case do not matter, nor the letters
    /// that look like digits (O for 0, I and L for 1). `None` when it is not one.
    pub fn parse(typed: &str) -> Option<RecoveryKey> {
        let compact: Zeroizing<String> =
            Zeroizing::new(typed.chars().filter(|c| !matches!(c, '-' | ' ')).collect());
        if compact.len() != 32 {
            return None;
        }
        let bytes = Zeroizing::new(crockford().decode(compact.as_bytes()).ok()?);
        let mut k = Zeroizing::new([0u8; 20]);
        k.copy_from_slice(bytes.get(..20)?);
        Some(RecoveryKey(k))
    }

    /// The key that seals the data key.
    fn wrapping_key(&self) -> Zeroizing<[u8; 32]> {
        let mut h = Sha256::new();
        h.update(b"caseload recovery key v1");
        h.update(&self.0[..]);
        Zeroizing::new(h.finalize().into())
    }
}

/// A sealed data key: the nonce and the ciphertext, in hex.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Sealed {
    pub nonce: String,
    pub sealed: String,
}

/// Seals `key` with `wrapping` (`label` binds it to its use).
fn seal(key: &DataKey, wrapping: &[u8; 32], label: &[u8]) -> Sealed {
    let cipher = XChaCha20Poly1305::new(wrapping.into());
    let mut nonce = [0u8; 24];
    rand::rng().fill_bytes(&mut nonce);
    let sealed = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: &key.0[..],
                aad: label,
            },
        )
        .expect("sealing 32 bytes cannot fail");
    Sealed {
        nonce: data_encoding::HEXLOWER.encode(&nonce),
        sealed: data_encoding::HEXLOWER.encode(&sealed),
    }
}

/// Opens a sealed key; `None` when `wrapping` is not the key it was sealed with (or the
/// sealed text was changed).
fn open(s: &Sealed, wrapping: &[u8; 32], label: &[u8]) -> Option<DataKey> {
    let nonce = data_encoding::HEXLOWER.decode(s.nonce.as_bytes()).ok()?;
    let sealed = data_encoding::HEXLOWER.decode(s.sealed.as_bytes()).ok()?;
    if nonce.len() != 24 {
        return None;
    }
    let cipher = XChaCha20Poly1305::new(wrapping.into());
    let plain = Zeroizing::new(
        cipher
            .decrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: &sealed,
                    aad: label,
                },
            )
            .ok()?,
    );
    let mut k = Zeroizing::new([0u8; 32]);
    k.copy_from_slice(plain.get(..32)?);
    Some(DataKey(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recovery_key_reads_back_however_it_is_typed() {
        let key = RecoveryKey::random();
        let shown = key.shown();
        assert_eq!(shown.len(), 39, "{}", shown.as_str());
        assert_eq!(shown.matches('-').count(), 7);
        let typed = shown.to_lowercase().replace('-', " ");
        let back = RecoveryKey::parse(&typed).unwrap();
        assert_eq!(back.0[..], key.0[..]);
        assert!(RecoveryKey::parse("not a key").is_none());
        assert!(RecoveryKey::parse(&shown[..30]).is_none());
        // O and I read as 0 and 1.
        let zeros = RecoveryKey::parse(&"O".repeat(32)).unwrap();
        assert_eq!(zeros.0[..], [0u8; 20]);
    }

    #[test]
    fn a_sealed_key_opens_only_with_its_wrapping_key_and_label() {
        let key = DataKey::random();
        let w = [7u8; 32];
        let s = seal(&key, &w, b"a");
        assert_eq!(open(&s, &w, b"a").unwrap().id(), key.id());
        assert!(open(&s, &[8u8; 32], b"a").is_none());
        assert!(open(&s, &w, b"b").is_none());
        let mut changed = s.clone();
        changed.sealed.replace_range(0..2, "00");
        if changed != s {
            assert!(open(&changed, &w, b"a").is_none());
        }
    }

    #[test]
    fn the_key_is_64_hex_digits() {
        let hex = DataKey::random().hex();
        assert_eq!(hex.len(), 64);
        assert!(hex.bytes().all(|b| b.is_ascii_hexdigit()));
    }
}
