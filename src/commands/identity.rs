//! `caseload identity`: the caseworker's age key for handover bundles, made once in the
//! data directory (mode 0600, never replaced, never a link or someone else's file); its
//! public key is what colleagues seal bundles to.

use super::failed::io_clause;
use crate::backups::parent_dir;
use crate::i18n::{Lang, t, tf};
use crate::transfer::sealed::new_identity;
use anyhow::{Result, anyhow};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use zeroize::Zeroizing;

/// Where the caseworker's age identity lives: `age-identity.txt` in the platform data
/// directory (beside the default database).
pub fn identity_path() -> Option<PathBuf> {
    crate::paths::data_dir().map(|d| d.join("age-identity.txt"))
}

/// An identity file is the user's own regular file (no link, no one else's), else it is
/// not used: someone could have put theirs there.
pub fn own_identity(path: &Path, meta: &std::fs::Metadata, lang: Lang) -> Result<()> {
    crate::ownfile::check(meta).map_err(|_| {
        anyhow!(tf(
            lang,
            "handover.identity_not_own",
            &[("file", &path.display())]
        ))
    })
}

/// `caseload identity`: makes the caseworker's age identity when there is none (mode
/// 0600, never written over) and prints its public key, which colleagues seal bundles to.
pub fn identity(path: Option<&Path>, lang: Lang) -> Result<ExitCode> {
    let path = match path {
        Some(p) => p.to_path_buf(),
        None => identity_path().ok_or_else(|| anyhow!(t(lang, "handover.no_data_dir")))?,
    };
    let failed = |e: std::io::Error| {
        anyhow!(tf(
            lang,
            "handover.identity_failed",
            &[("file", &path.display()), ("error", &io_clause(&e, lang))]
        ))
    };
    if let Ok(meta) = std::fs::symlink_metadata(&path) {
        own_identity(&path, &meta, lang)?;
    } else {
        let (text, _) = new_identity();
        crate::store::create_private_dir(parent_dir(&path)).map_err(failed)?;
        let tmp = crate::temps::temp_in(parent_dir(&path)).map_err(failed)?;
        tmp.as_file().write_all(text.as_bytes()).map_err(failed)?;
        tmp.as_file().sync_all().map_err(failed)?;
        tmp.persist_noclobber(&path).map_err(|e| failed(e.error))?;
        println!(
            "{}",
            tf(lang, "handover.identity_made", &[("file", &path.display())])
        );
    }
    let text = Zeroizing::new(std::fs::read_to_string(&path).map_err(failed)?);
    let public = text
        .lines()
        .find_map(|l| l.strip_prefix("# public key: "))
        .map(str::to_owned)
        .ok_or_else(|| {
            anyhow!(tf(
                lang,
                "handover.identity_unknown",
                &[("file", &path.display())]
            ))
        })?;
    println!(
        "{}",
        tf(
            lang,
            "handover.identity",
            &[("key", &public), ("file", &path.display())]
        )
    );
    Ok(ExitCode::SUCCESS)
}
