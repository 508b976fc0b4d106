//! Data files a municipality may change: each is built in, and replaced by a file of the
//! same name in the config directory. A broken override is reported (file, line, what is
//! wrong) and the built-in file is used instead.

use crate::domain::catalog::{AssetError, Catalog};
use crate::domain::templates::Templates;
use std::path::{Path, PathBuf};

/// One data file, loaded: the value and, when an override was broken, why it was ignored.
#[derive(Debug)]
pub struct Loaded<T> {
    pub value: T,
    pub warning: Option<String>,
}

/// Loads `name` from `dir` when present there, else the built-in text.
pub fn load<T>(
    dir: Option<&Path>,
    name: &str,
    builtin: &str,
    parse: impl Fn(&str) -> Result<T, AssetError>,
) -> Loaded<T> {
    let fallback = |warning| Loaded {
        // The built-in files are checked by tests, so this parse succeeds.
        value: parse(builtin).unwrap_or_else(|e| panic!("built-in {name} is broken: {e}")),
        warning,
    };
    let Some(path) = dir.map(|d| d.join(name)).filter(|p| p.exists()) else {
        return fallback(None);
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => match parse(&text) {
            Ok(value) => Loaded {
                value,
                warning: None,
            },
            Err(e) => fallback(Some(format!(
                "{}: {e}; using the built-in {name}",
                path.display()
            ))),
        },
        Err(e) => fallback(Some(format!(
            "{}: {e}; using the built-in {name}",
            path.display()
        ))),
    }
}

/// Everything the app reads from data files.
#[derive(Debug, Clone)]
pub struct Assets {
    pub catalog: Catalog,
    /// The note templates (`note_templates.toml`).
    pub templates: Templates,
    /// Problems with overrides, shown once at start.
    pub warnings: Vec<String>,
}

impl Assets {
    /// The built-in files only (tests, demo).
    pub fn builtin() -> Assets {
        Assets::load(None)
    }

    /// The files of the config directory `dir` where present, else the built-in ones.
    pub fn load(dir: Option<&Path>) -> Assets {
        let mut warnings = Vec::new();
        let catalog = load(
            dir,
            "instruments.toml",
            crate::domain::catalog::BUILTIN,
            Catalog::parse,
        );
        warnings.extend(catalog.warning);
        let templates = load(
            dir,
            "note_templates.toml",
            crate::domain::templates::BUILTIN,
            Templates::parse,
        );
        warnings.extend(templates.warning);
        Assets {
            catalog: catalog.value,
            templates: templates.value,
            warnings,
        }
    }

    /// The platform config directory's files.
    pub fn from_config_dir() -> Assets {
        let dir: Option<PathBuf> = crate::paths::config_dir();
        Assets::load(dir.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_override_replaces_and_a_broken_one_falls_back_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let a = Assets::load(Some(dir.path()));
        assert!(a.warnings.is_empty());
        assert_eq!(a.catalog.instruments.len(), 24);
        std::fs::write(
            dir.path().join("instruments.toml"),
            "[[instrument]]\nkey = \"buurtbaan\"\nname_nl = \"Buurtbaan\"\nname_en = \"Neighbourhood job\"\ncategory = \"activation\"\nduration_months = 6\nreview_months = 2\ntarget_rung = 4\ndescription_nl = \"x\"\ndescription_en = \"y\"\n",
        )
        .unwrap();
        let a = Assets::load(Some(dir.path()));
        assert_eq!(a.catalog.instruments.len(), 1);
        std::fs::write(
            dir.path().join("instruments.toml"),
            "[[instrument]]\nkey = 3\n",
        )
        .unwrap();
        let a = Assets::load(Some(dir.path()));
        assert_eq!(a.catalog.instruments.len(), 24);
        let w = &a.warnings[0];
        assert!(
            w.contains("instruments.toml: line 2") && w.contains("built-in"),
            "{w}"
        );
    }

    #[test]
    fn note_templates_override_and_fall_back() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Assets::load(Some(dir.path())).templates.templates.len(), 6);
        let path = dir.path().join("note_templates.toml");
        std::fs::write(
            &path,
            "[[template]]\nkey = \"wijk\"\nname_nl = \"Wijkspreekuur\"\nname_en = \"Drop-in\"\nchannel = \"in_person\"\ntext_nl = \"Aanleiding\"\ntext_en = \"Reason\"\n",
        )
        .unwrap();
        let a = Assets::load(Some(dir.path()));
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
        assert_eq!(a.templates.templates.len(), 1);
        assert_eq!(a.templates.get("wijk").unwrap().name_en, "Drop-in");
        std::fs::write(
            &path,
            "[[template]]\nkey = \"wijk\"\nchannel = \"pigeon\"\n",
        )
        .unwrap();
        let a = Assets::load(Some(dir.path()));
        assert_eq!(a.templates.templates.len(), 6);
        assert_eq!(a.catalog.instruments.len(), 24);
        let w = &a.warnings[0];
        assert!(
            w.contains("note_templates.toml: line ") && w.contains("using the built-in"),
            "{w}"
        );
    }
}
