//! Exports sealed with a passphrase: `export --encrypt` writes an age file (its scrypt
//! recipient, the passphrase kind), and `import` reads one without being told, knowing it
//! by its first line. The age tool reads and writes the same files (`age -d`, `age -p`).

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
pub fn open<R: Read + 'static>(r: R, passphrase: &str) -> Result<Box<dyn Read>, Unsealed> {
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
}
