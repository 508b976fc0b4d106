//! The exit letter as the `L` key makes it: its text from the store and the templates,
//! and the file in a private `letters` folder next to the database, named by date,
//! database and client number (never the BSN).

use crate::assets::Assets;
use crate::domain::date::to_iso;
use crate::domain::model::{Id, client_number};
use crate::i18n::Lang;
use crate::paths;
use crate::store::{Store, StoreError, create_private, create_private_dir};
use chrono::NaiveDate;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The text of a client's exit letter dated `on`: the facts of the latest exit, signed by
/// the caseworker of `caseworker.toml`, in the template's section for the kind of exit.
/// Refused as the store refuses (see [`Store::letter_facts`]): no exit yet, or an excluded
/// reason, which gets no letter.
pub fn exit_letter(
    store: &Store,
    assets: &Assets,
    client_id: Id,
    on: NaiveDate,
    lang: Lang,
) -> Result<String, StoreError> {
    let mut facts = store.letter_facts(client_id, on, &assets.premium)?;
    facts.caseworker = assets.caseworker.name.clone();
    facts.contact = assets.caseworker.contact.clone();
    Ok(assets.exit_letter(lang).render(&facts, lang))
}

/// The part of a letter's name that tells which database wrote it: the database's file
/// name without its extension (`caseload`). Two databases in one folder have two names, so their letters
/// never share one; it holds no client data.
fn database_tag(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "caseload".into())
}

/// Writes `text` as `<letters>/<jjjj-mm-dd>_<database>_<K000123>_<kind>.md` next to the
/// database `db` (folder 0700, file 0600, never over an existing file); a second letter
/// the same day gets `-2`, `-3`, ... . Returns the path written.
pub fn write_letter(
    db: &Path,
    on: NaiveDate,
    client_id: Id,
    kind: &str,
    text: &str,
) -> std::io::Result<PathBuf> {
    let dir = paths::beside(db, "letters");
    create_private_dir(&dir)?;
    let stem = format!(
        "{}_{}_{}_{kind}",
        to_iso(on),
        database_tag(db),
        client_number(client_id)
    );
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{stem}.md")
        } else {
            format!("{stem}-{n}.md")
        };
        let path = dir.join(name);
        match create_private(&path) {
            Ok(mut f) => {
                f.write_all(text.as_bytes())?;
                f.sync_all()?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        "too many letters for this client today",
    ))
}

/// Writes the exit letter (see [`write_letter`]).
pub fn write_exit_letter(
    db: &Path,
    on: NaiveDate,
    client_id: Id,
    text: &str,
) -> std::io::Result<PathBuf> {
    write_letter(db, on, client_id, "exit", text)
}

/// The letter files of a client of the database `db`, as [`write_letter`] names them
/// (`<jjjj-mm-dd>_<database>_<K000123>_<kind>[-n].md` in the `letters` folder beside it).
/// A missing folder has none.
pub fn letters_of(db: &Path, client_id: Id) -> std::io::Result<Vec<PathBuf>> {
    let theirs = format!("_{}_{}_", database_tag(db), client_number(client_id));
    dated_letters(db, &theirs)
}

/// The letter files named by a client number without a database
/// (`<jjjj-mm-dd>_<K000123>_<kind>.md`, as versions before the database tag wrote them):
/// the client's with this number in any database whose letters share the folder.
pub fn untied_letters_of(db: &Path, client_id: Id) -> std::io::Result<Vec<PathBuf>> {
    dated_letters(db, &format!("_{}_", client_number(client_id)))
}

/// The `.md` files of the letters folder beside `db` named by a date and then `infix`.
fn dated_letters(db: &Path, infix: &str) -> std::io::Result<Vec<PathBuf>> {
    let dir = paths::beside(db, "letters");
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // The date (ten characters), then what names the database and the client.
        let dated = name
            .get(..10)
            .is_some_and(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok());
        if dated && name[10..].starts_with(infix) && name.ends_with(".md") {
            out.push(entry.path());
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_folder_and_file_named_by_date_database_and_number() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("data").join("caseload.db");
        let on = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let p = write_exit_letter(&db, on, 12, "# Hallo\n").unwrap();
        assert_eq!(
            p,
            dir.path()
                .join("data/letters/2026-11-23_caseload_K000012_exit.md")
        );
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "# Hallo\n");
        let p2 = write_exit_letter(&db, on, 12, "again").unwrap();
        assert!(
            p2.ends_with("2026-11-23_caseload_K000012_exit-2.md"),
            "{}",
            p2.display()
        );
        // A second database in the same folder writes beside the first, never over it.
        let other = write_exit_letter(&dir.path().join("data/test.db"), on, 12, "x").unwrap();
        assert!(other.ends_with("2026-11-23_test_K000012_exit.md"));
        // A client's letters are found by database and number, never another's.
        write_exit_letter(&db, on, 120, "other client").unwrap();
        assert_eq!(letters_of(&db, 12).unwrap(), vec![p2.clone(), p.clone()]);
        assert!(
            letters_of(&dir.path().join("none/x.db"), 12)
                .unwrap()
                .is_empty()
        );
        // A letter of a version before the database tag is not tied to a database.
        let old = dir.path().join("data/letters/2025-01-02_K000012_exit.md");
        std::fs::write(&old, "old").unwrap();
        assert_eq!(untied_letters_of(&db, 12).unwrap(), vec![old]);
        assert_eq!(letters_of(&db, 12).unwrap(), vec![p2.clone(), p.clone()]);
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "# Hallo\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&p), 0o600);
            assert_eq!(mode(p.parent().unwrap()), 0o700);
        }
    }
}
