//! What a command says when the database fails it: what did not happen, why, and what to
//! do, in one line in the caseworker's language; never SQLite's own text, never data.

use crate::i18n::{Lang, t, tf};
pub use crate::store::io_clause;
use crate::store::{ErrorKind, StoreError};

/// The command that failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Doing {
    Agenda,
    Report,
    Check,
    Export,
    Import,
    Demo,
    Retention,
    Erase,
    Handover,
}

impl Doing {
    /// What did not happen ("Nothing was imported").
    fn what(self) -> &'static str {
        match self {
            Doing::Agenda => "robust.command.agenda",
            Doing::Report => "robust.command.report",
            Doing::Check => "robust.command.check",
            Doing::Export => "robust.command.export",
            Doing::Import => "robust.command.import",
            Doing::Demo => "robust.command.demo",
            Doing::Retention => "robust.command.retention",
            Doing::Erase => "robust.command.erase",
            Doing::Handover => "robust.command.handover",
        }
    }
}

/// The one line for a store failure in a command. A failure that has a sentence of its
/// own (a file that is not a caseload, a newer one, a rule) keeps it.
pub fn message(doing: Doing, e: &StoreError, lang: Lang) -> String {
    if e.has_own_sentence() {
        return e.user_message(lang);
    }
    let (cause, todo) = if e.is_bad_value() {
        (
            "robust.command.cause_bad_value",
            "robust.command.todo_check",
        )
    } else {
        match e.kind() {
            ErrorKind::DiskFull => ("robust.store.cause_disk_full", "robust.command.todo_space"),
            ErrorKind::ReadOnly => (
                "robust.store.cause_read_only",
                "robust.command.todo_permissions",
            ),
            ErrorKind::Busy => ("robust.store.cause_busy", "robust.command.todo_again"),
            ErrorKind::Io => ("robust.store.cause_io", "robust.command.todo_disk"),
            ErrorKind::Corrupt => ("robust.store.cause_corrupt", "robust.command.todo_restore"),
            ErrorKind::Refused => ("robust.command.cause_refused", "robust.command.todo_other"),
            ErrorKind::Other => ("robust.command.cause_other", "robust.command.todo_other"),
            ErrorKind::NotOurs | ErrorKind::Newer | ErrorKind::Rule => {
                return e.user_message(lang);
            }
        }
    };
    // The check itself cannot send the caseworker to the check.
    let todo = match (doing, todo) {
        (Doing::Check, "robust.command.todo_restore" | "robust.command.todo_check") => {
            "robust.command.todo_restore_backup"
        }
        (Doing::Check, "robust.command.todo_other") => "robust.command.todo_again_restore",
        _ => todo,
    };
    tf(
        lang,
        "robust.command.failed",
        &[
            ("what", &t(lang, doing.what())),
            ("cause", &t(lang, cause)),
            ("todo", &t(lang, todo)),
        ],
    )
}

/// A command that was about to write refuses a database `quick_check` calls damaged:
/// writing into it could spread the damage. Names the file, the check and the restore.
pub fn refuse_damaged(doing: Doing, file: &std::path::Path, lang: Lang) -> anyhow::Error {
    anyhow::anyhow!(tf(
        lang,
        "robust.command.damaged",
        &[("what", &t(lang, doing.what())), ("file", &file.display())]
    ))
}

/// Refuses to go on when the store's file is damaged (see [`refuse_damaged`]).
pub fn ensure_sound(
    doing: Doing,
    store: &crate::store::Store,
    file: &std::path::Path,
    lang: Lang,
) -> anyhow::Result<()> {
    match store.quick_damaged() {
        Ok(false) => Ok(()),
        Ok(true) => Err(refuse_damaged(doing, file, lang)),
        Err(e) => Err(anyhow::anyhow!(message(doing, &e, lang))),
    }
}

/// [`message`] as an error for the command's caller.
pub fn store(doing: Doing, lang: Lang) -> impl Fn(StoreError) -> anyhow::Error + Copy {
    move |e| anyhow::anyhow!(message(doing, &e, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(code: i32) -> StoreError {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(code),
            Some("database disk image is malformed".into()),
        ))
    }

    #[test]
    fn every_failure_says_what_did_not_happen_why_and_what_to_do_without_sqlites_text() {
        use rusqlite::ffi::*;
        let doings = [
            Doing::Agenda,
            Doing::Report,
            Doing::Check,
            Doing::Export,
            Doing::Import,
            Doing::Demo,
            Doing::Retention,
            Doing::Erase,
        ];
        for code in [
            SQLITE_FULL,
            SQLITE_READONLY,
            SQLITE_BUSY,
            SQLITE_IOERR,
            SQLITE_CORRUPT,
            SQLITE_CONSTRAINT,
            SQLITE_ERROR,
        ] {
            for doing in doings {
                for lang in [Lang::En, Lang::Nl] {
                    let m = message(doing, &sqlite(code), lang);
                    assert!(!m.contains("[?]") && !m.contains('{'), "{m}");
                    assert!(!m.contains("malformed") && !m.contains("code"), "{m}");
                    assert_eq!(m.lines().count(), 1);
                    assert!(m.ends_with('.'), "{m}");
                }
            }
        }
        assert_eq!(
            message(Doing::Report, &sqlite(SQLITE_CORRUPT), Lang::En),
            "The report could not be made: the database file is damaged. \
             Run caseload check, and restore a backup if it finds damage."
        );
    }
}
