//! What a failed save means for the caseworker: one clear sentence per kind of failure
//! (full disk, read-only file, busy database, I/O), and a kind name for the log.

use super::StoreError;
use crate::i18n::{Lang, t, tf};
use rusqlite::ErrorCode;

/// The kind of a store failure: what the caseworker is told, and what the log records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    DiskFull,
    ReadOnly,
    Busy,
    Io,
    Corrupt,
    NotOurs,
    Newer,
    Refused,
    Rule,
    Other,
}

impl ErrorKind {
    /// A stable name for the log (never data).
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::DiskFull => "disk_full",
            ErrorKind::ReadOnly => "read_only",
            ErrorKind::Busy => "busy",
            ErrorKind::Io => "io",
            ErrorKind::Corrupt => "corrupt",
            ErrorKind::NotOurs => "not_ours",
            ErrorKind::Newer => "newer",
            ErrorKind::Refused => "refused",
            ErrorKind::Rule => "rule",
            ErrorKind::Other => "other",
        }
    }

    /// Whether the storage failed (disk, file, database), not a rule refusing the input.
    pub fn is_storage(self) -> bool {
        matches!(
            self,
            ErrorKind::DiskFull
                | ErrorKind::ReadOnly
                | ErrorKind::Busy
                | ErrorKind::Io
                | ErrorKind::Corrupt
                | ErrorKind::Refused
                | ErrorKind::Other
        )
    }

    /// Why the storage failed, as a clause for the sentences that go on to say what that
    /// means ("the disk is full"): a draft that is not kept, a read that failed.
    pub fn cause(self, lang: Lang) -> &'static str {
        let key = match self {
            ErrorKind::DiskFull => "robust.store.cause_disk_full",
            ErrorKind::ReadOnly => "robust.store.cause_read_only",
            ErrorKind::Busy => "robust.store.cause_busy",
            ErrorKind::Io => "robust.store.cause_io",
            ErrorKind::Corrupt => "robust.store.cause_corrupt",
            _ => "robust.store.cause_other",
        };
        t(lang, key)
    }
}

/// The kind of a failed file operation.
pub fn io_kind(e: &std::io::Error) -> ErrorKind {
    match e.kind() {
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => ErrorKind::DiskFull,
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            ErrorKind::ReadOnly
        }
        _ => ErrorKind::Io,
    }
}

/// Why a file could not be read or written, as a clause ("there is no such file"); the
/// system's own words only where there is no sentence of ours, and never its error code.
pub fn io_clause(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let key = match e.kind() {
        K::NotFound => "robust.io.not_found",
        K::PermissionDenied => "robust.io.permission",
        K::StorageFull | K::QuotaExceeded => "robust.io.full",
        K::ReadOnlyFilesystem => "robust.io.read_only",
        K::IsADirectory => "robust.io.folder",
        K::InvalidData => "robust.io.not_text",
        _ => {
            let text = e.to_string();
            return match text.find(" (os error") {
                Some(at) => text[..at].to_owned(),
                None => text,
            };
        }
    };
    t(lang, key).to_owned()
}

/// The kind of a failure SQLite reported.
pub(super) fn sqlite_kind(e: &rusqlite::Error) -> ErrorKind {
    let rusqlite::Error::SqliteFailure(f, _) = e else {
        return ErrorKind::Other;
    };
    match f.code {
        ErrorCode::DiskFull => ErrorKind::DiskFull,
        ErrorCode::ReadOnly | ErrorCode::PermissionDenied => ErrorKind::ReadOnly,
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => ErrorKind::Busy,
        ErrorCode::SystemIoFailure | ErrorCode::CannotOpen => ErrorKind::Io,
        ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => ErrorKind::Corrupt,
        ErrorCode::ConstraintViolation | ErrorCode::TooBig => ErrorKind::Refused,
        _ => ErrorKind::Other,
    }
}

impl StoreError {
    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            StoreError::NotOurs { .. } | StoreError::Unfit { .. } => ErrorKind::NotOurs,
            StoreError::Newer { .. } => ErrorKind::Newer,
            StoreError::Locked { .. } | StoreError::Keys(_) => ErrorKind::Refused,
            StoreError::Open { kind, .. } => *kind,
            StoreError::Damaged => ErrorKind::Corrupt,
            StoreError::Io { source, .. } => io_kind(source),
            StoreError::Sqlite(e) => sqlite_kind(e),
            StoreError::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => {
                sqlite_kind(err)
            }
            StoreError::Migration(_) => ErrorKind::Other,
            StoreError::Rule(_) => ErrorKind::Rule,
            StoreError::Trajectory(_) | StoreError::Plan(_) | StoreError::Invalid(_) => {
                ErrorKind::Rule
            }
        }
    }

    /// Whether a value read from the database is one its column may not hold (a date
    /// that is none, an unknown code, a number out of range): the record is damaged.
    pub fn is_bad_value(&self) -> bool {
        matches!(
            self,
            StoreError::Sqlite(
                rusqlite::Error::FromSqlConversionFailure(..)
                    | rusqlite::Error::InvalidColumnType(..)
                    | rusqlite::Error::IntegralValueOutOfRange(..)
            )
        )
    }

    /// Whether this failure has a sentence of its own that names the file (not ours,
    /// newer, refused before opening, not opened): said as it is, also by the commands.
    pub fn has_own_sentence(&self) -> bool {
        matches!(
            self,
            StoreError::NotOurs { .. }
                | StoreError::Unfit { .. }
                | StoreError::Newer { .. }
                | StoreError::Locked { .. }
                | StoreError::Keys(_)
                | StoreError::Open { .. }
        )
    }

    /// One sentence for the status line or the terminal, in the caseworker's language.
    /// It never contains personal data: only the file name and the kind of failure.
    pub fn user_message(&self, lang: Lang) -> String {
        match self {
            StoreError::NotOurs { path } => {
                tf(lang, "robust.store.not_ours", &[("file", &path.display())])
            }
            StoreError::Unfit { path, why } => tf(lang, why.key(), &[("file", &path.display())]),
            StoreError::Newer { path, found, known } => tf(
                lang,
                "robust.store.newer",
                &[
                    ("file", &path.display()),
                    ("found", found),
                    ("known", known),
                ],
            ),
            StoreError::Open { path, kind } => {
                let key = match kind {
                    ErrorKind::DiskFull => "robust.store.open_disk_full",
                    ErrorKind::ReadOnly => "robust.store.open_read_only",
                    ErrorKind::Busy => "robust.store.open_busy",
                    ErrorKind::Io => "robust.store.open_io",
                    ErrorKind::Corrupt => "robust.store.open_damaged",
                    _ => "robust.store.open_other",
                };
                tf(lang, key, &[("file", &path.display())])
            }
            StoreError::Io { path, source } => tf(
                lang,
                "robust.store.io_file",
                &[
                    ("file", &path.display()),
                    ("error", &io_clause(source, lang)),
                ],
            ),
            StoreError::Locked { path } => {
                tf(lang, "vault.err.locked", &[("file", &path.display())])
            }
            StoreError::Keys(e) => crate::vault::message(e, lang),
            StoreError::Rule(text) => text.clone(),
            StoreError::Trajectory(e) => e.message(lang),
            StoreError::Plan(e) => e.message(lang),
            StoreError::Invalid(key) => t(lang, key).to_owned(),
            other => {
                let key = match other.kind() {
                    ErrorKind::DiskFull => "robust.store.disk_full",
                    ErrorKind::ReadOnly => "robust.store.read_only",
                    ErrorKind::Busy => "robust.store.busy",
                    ErrorKind::Io => "robust.store.io",
                    ErrorKind::Corrupt => "robust.store.corrupt",
                    ErrorKind::Refused => "robust.store.refused",
                    _ => "robust.store.other",
                };
                t(lang, key).to_owned()
            }
        }
    }

    /// The sentence for a form whose save failed: the storage's own sentence (which says
    /// that nothing was saved and the form keeps what was typed), or the rule that refused.
    pub fn save_message(&self, lang: Lang) -> String {
        let why = self.user_message(lang);
        if self.kind().is_storage() {
            why
        } else {
            tf(lang, "form.save_failed", &[("why", &why)])
        }
    }

    /// The sentence for a read that failed (a list, a file, a draft).
    pub fn read_message(&self, lang: Lang) -> String {
        let kind = self.kind();
        if kind.is_storage() && !self.has_own_sentence() {
            tf(
                lang,
                "robust.store.read_failed",
                &[("cause", &kind.cause(lang))],
            )
        } else {
            self.user_message(lang)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(code: i32) -> StoreError {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(code),
            None,
        ))
    }

    #[test]
    fn every_kind_has_its_own_sentence_in_both_languages() {
        let cases = [
            (rusqlite::ffi::SQLITE_FULL, ErrorKind::DiskFull),
            (rusqlite::ffi::SQLITE_READONLY, ErrorKind::ReadOnly),
            (rusqlite::ffi::SQLITE_BUSY, ErrorKind::Busy),
            (rusqlite::ffi::SQLITE_LOCKED, ErrorKind::Busy),
            (rusqlite::ffi::SQLITE_IOERR, ErrorKind::Io),
            (rusqlite::ffi::SQLITE_CORRUPT, ErrorKind::Corrupt),
            (rusqlite::ffi::SQLITE_CONSTRAINT, ErrorKind::Refused),
        ];
        let mut seen = std::collections::HashSet::new();
        for (code, kind) in cases {
            let e = sqlite(code);
            assert_eq!(e.kind(), kind);
            for lang in [Lang::En, Lang::Nl] {
                let m = e.user_message(lang);
                assert!(!m.contains("[?]") && m.ends_with('.'), "{m}");
                assert_eq!(m.lines().count(), 1);
                seen.insert(m);
            }
        }
        // Busy and locked share a sentence; the rest are distinct.
        assert_eq!(seen.len(), 12);
    }

    #[test]
    fn a_storage_failure_is_its_own_sentence_and_a_refusal_says_not_saved() {
        let full = sqlite(rusqlite::ffi::SQLITE_FULL);
        assert_eq!(full.save_message(Lang::En), full.user_message(Lang::En));
        assert_eq!(
            full.read_message(Lang::En),
            "The database could not be read (the disk is full)."
        );
        assert_eq!(
            ErrorKind::ReadOnly.cause(Lang::Nl),
            "het databasebestand is alleen-lezen"
        );
        let rule = StoreError::Rule("the episode has ended".into());
        assert!(!rule.kind().is_storage());
        assert!(
            rule.save_message(Lang::En)
                .starts_with("Not saved: the episode has ended")
        );
        assert_eq!(rule.read_message(Lang::En), "the episode has ended");
    }
}
