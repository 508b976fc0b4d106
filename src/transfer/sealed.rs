//! Exports sealed with a passphrase: `export --encrypt` writes an age file (its scrypt
//! recipient, the passphrase kind), and `import` reads one without being told, knowing it
//! by its first line. A handover bundle is sealed the same way, or to a colleague's age
//! public key (`age1…`), which their identity file opens. The age tool reads and writes
//! the same files (`age -d`, `age -p`, `age -r`).

use std::io::{Read, Write};

/// How an age file begins.
const MAGIC: &[u8] = b"age-encryption.org/v1\n";

/// Whether `head` (a file's first bytes) is an age file's beginning.
pub fn is_sealed(head: &[u8]) -> bool {
    head.starts_with(MAGIC)
}

/// Whether the file at `path` is sealed (reads its first line only).
pub fn file_is_sealed(path: &std::path::Path) -> std::io::Result<bool> {
    let mut head = Vec::with_capacity(MAGIC.len());
    std::fs::File::open(path)?
        .take(MAGIC.len() as u64)
        .read_to_end(&mut head)?;
    Ok(is_sealed(&head))
}

/// A writer that seals what is written to `w` with `passphrase`; [`Sealer::finish`] ends
/// the file (without it the file is cut short and cannot be read).
pub struct Sealer<W: Write>(age::stream::StreamWriter<W>);

impl<W: Write> Sealer<W> {
    pub fn new(w: W, passphrase: &str) -> std::io::Result<Sealer<W>> {
        let secret = age::secrecy::SecretString::from(passphrase.to_owned());
        let encryptor = age::Encryptor::with_user_passphrase(secret);
        let inner = encryptor.wrap_output(w)?;
        Ok(Sealer(inner))
    }

    /// Seals to an age public key (`age1…`): only its identity opens the file.
    pub fn to_recipient(w: W, recipient: &age::x25519::Recipient) -> std::io::Result<Sealer<W>> {
        let encryptor =
            age::Encryptor::with_recipients(std::iter::once(recipient as &dyn age::Recipient))
                .map_err(std::io::Error::other)?;
        Ok(Sealer(encryptor.wrap_output(w)?))
    }

    /// Ends the sealed file; returns the writer underneath.
    pub fn finish(self) -> std::io::Result<W> {
        self.0.finish()
    }
}

impl<W: Write> Write for Sealer<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Why a sealed file could not be opened.
#[derive(Debug, PartialEq, Eq)]
pub enum Unsealed {
    /// The passphrase does not open it.
    Wrong,
    /// Not a passphrase-sealed age file, or damaged.
    Damaged,
}

/// The contents of a sealed file, read as they are opened.
pub fn open<R: Read + Send + 'static>(
    r: R,
    passphrase: &str,
) -> Result<Box<dyn Read + Send>, Unsealed> {
    let decryptor = age::Decryptor::new(r).map_err(|_| Unsealed::Damaged)?;
    if !decryptor.is_scrypt() {
        return Err(Unsealed::Damaged);
    }
    let identity =
        age::scrypt::Identity::new(age::secrecy::SecretString::from(passphrase.to_owned()));
    match decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)) {
        Ok(reader) => Ok(Box::new(reader)),
        Err(age::DecryptError::NoMatchingKeys | age::DecryptError::DecryptionFailed) => {
            Err(Unsealed::Wrong)
        }
        Err(_) => Err(Unsealed::Damaged),
    }
}

/// Whether a sealed file is opened with a passphrase (else with an identity).
pub fn needs_passphrase(path: &std::path::Path) -> std::io::Result<bool> {
    let f = std::io::BufReader::new(std::fs::File::open(path)?);
    Ok(age::Decryptor::new(f).is_ok_and(|d| d.is_scrypt()))
}

/// The contents of a file sealed to a public key, opened with one of `identities`.
pub fn open_with_identities<R: Read + Send + 'static>(
    r: R,
    identities: &[Box<dyn age::Identity>],
) -> Result<Box<dyn Read + Send>, Unsealed> {
    let decryptor = age::Decryptor::new(r).map_err(|_| Unsealed::Damaged)?;
    if decryptor.is_scrypt() {
        return Err(Unsealed::Damaged);
    }
    match decryptor.decrypt(identities.iter().map(|i| i.as_ref())) {
        Ok(reader) => Ok(Box::new(reader)),
        Err(age::DecryptError::NoMatchingKeys | age::DecryptError::DecryptionFailed) => {
            Err(Unsealed::Wrong)
        }
        Err(_) => Err(Unsealed::Damaged),
    }
}

/// The identities of an age identity file (`AGE-SECRET-KEY-1…` lines).
pub fn read_identities(path: &std::path::Path) -> std::io::Result<Vec<Box<dyn age::Identity>>> {
    let f = std::io::BufReader::new(std::fs::File::open(path)?);
    age::IdentityFile::from_buffer(f)?
        .into_identities()
        .map_err(std::io::Error::other)
}

/// A new age identity: the text of its identity file, and its public key (`age1…`).
pub fn new_identity() -> (zeroize::Zeroizing<String>, String) {
    use age::secrecy::ExposeSecret;
    let id = age::x25519::Identity::generate();
    let public = id.to_public().to_string();
    let text = format!(
        "# caseload: your key for handover bundles\n# public key: {public}\n{}\n",
        id.to_string().expose_secret()
    );
    (zeroize::Zeroizing::new(text), public)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_file_opens_with_its_passphrase_only_and_is_known_by_its_first_line() {
        let mut sealer = Sealer::new(Vec::new(), "fiets paraplu molen").unwrap();
        sealer.write_all(b"{\"format\":\"caseload\"}").unwrap();
        let sealed = sealer.finish().unwrap();
        assert!(is_sealed(&sealed));
        assert!(!sealed.windows(8).any(|w| w == b"caseload"));
        let mut text = String::new();
        open(std::io::Cursor::new(sealed.clone()), "fiets paraplu molen")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "{\"format\":\"caseload\"}");
        assert_eq!(
            open(std::io::Cursor::new(sealed), "another one").err(),
            Some(Unsealed::Wrong)
        );
        assert!(!is_sealed(b"{\"format\""));
    }

    #[test]
    fn a_bundle_sealed_to_a_public_key_opens_with_its_identity_only() {
        let (text, public) = new_identity();
        let recipient: age::x25519::Recipient = public.parse().unwrap();
        let mut sealer = Sealer::to_recipient(Vec::new(), &recipient).unwrap();
        sealer.write_all(b"{\"format\":\"caseload\"}").unwrap();
        let sealed = sealer.finish().unwrap();
        assert!(is_sealed(&sealed));
        let ids = age::IdentityFile::from_buffer(text.as_bytes())
            .unwrap()
            .into_identities()
            .unwrap();
        let mut out = String::new();
        open_with_identities(std::io::Cursor::new(sealed.clone()), &ids)
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "{\"format\":\"caseload\"}");
        let (other, _) = new_identity();
        let others = age::IdentityFile::from_buffer(other.as_bytes())
            .unwrap()
            .into_identities()
            .unwrap();
        assert_eq!(
            open_with_identities(std::io::Cursor::new(sealed.clone()), &others).err(),
            Some(Unsealed::Wrong)
        );
        assert_eq!(
            open(std::io::Cursor::new(sealed), "a passphrase").err(),
            Some(Unsealed::Damaged)
        );
    }
}
