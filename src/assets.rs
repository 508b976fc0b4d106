//! Data files a municipality may change: each is built in, and replaced by a file of the
//! same name in the config directory. A broken override is reported (file, line, what is
//! wrong) and the built-in file is used instead.

use crate::domain::aftercare::AftercareConfig;
use crate::domain::caseworker::Caseworker;
use crate::domain::catalog::{AssetError, Catalog};
use crate::domain::exit::Checklist;
use crate::domain::letter::Template;
use crate::domain::premium::PremiumConfig;
use crate::domain::report::ReportConfig;
use crate::domain::templates::Templates;
use crate::i18n::Lang;
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

/// The data files read one after the other, with the warnings of broken overrides.
struct Files<'a> {
    dir: Option<&'a Path>,
    warnings: Vec<String>,
}

impl Files<'_> {
    /// One file's value (see [`load`]); its warning, if any, is kept.
    fn get<T>(
        &mut self,
        name: &str,
        builtin: &str,
        parse: impl Fn(&str) -> Result<T, AssetError>,
    ) -> T {
        let loaded = load(self.dir, name, builtin, parse);
        self.warnings.extend(loaded.warning);
        loaded.value
    }
}

impl Files<'_> {
    /// An exit letter template. One without a section per kind of exit (an override from
    /// before the kinds) is kept for work exits, which it was written for; every other
    /// exit gets the built-in text, and a warning says so.
    fn letter(&mut self, name: &str, builtin: &str) -> Template {
        let t = self.get(name, builtin, Template::parse);
        if t.by_kind() {
            return t;
        }
        let file = self
            .dir
            .map_or_else(|| name.to_owned(), |d| d.join(name).display().to_string());
        self.warnings.push(format!(
            "{file}: no section per kind of exit ({{{{#work}}}}, {{{{#study}}}}, \
             {{{{#moved}}}}, ...): it is used for work exits only, every other exit gets the \
             built-in letter"
        ));
        // The built-in files are checked by tests, so this parse succeeds.
        let other =
            Template::parse(builtin).unwrap_or_else(|e| panic!("built-in {name} is broken: {e}"));
        t.for_work_only(&other)
    }
}

/// Everything the app reads from data files.
#[derive(Debug, Clone)]
pub struct Assets {
    pub catalog: Catalog,
    /// The note templates (`note_templates.toml`).
    pub templates: Templates,
    /// The exit-interview checklist (`exit_checklist.toml`).
    pub checklist: Checklist,
    /// The exit-premium schemes (`premium.toml`).
    pub premium: PremiumConfig,
    /// The aftercare schedule (`aftercare.toml`).
    pub aftercare: AftercareConfig,
    /// The caseload norm and the national re-entry figures (`report.toml`).
    pub report: ReportConfig,
    /// Who the caseworker is, for the exit letter (`caseworker.toml`).
    pub caseworker: Caseworker,
    /// Rules of casework: when the plan of action is due (`casework.toml`).
    pub casework: crate::domain::casework::CaseworkConfig,
    /// How long records are kept (`retention.toml`).
    pub retention: crate::domain::retention::RetentionConfig,
    /// The factors and weights of the risk of re-entry (`risk.toml`).
    pub risk: crate::domain::risk::RiskConfig,
    /// The days the municipality is closed (`holidays.toml`).
    pub holidays: crate::domain::workdays::Holidays,
    /// The exit letter (`letters/exit_nl.md`, `letters/exit_en.md`).
    pub exit_letter_nl: Template,
    pub exit_letter_en: Template,
    /// Problems with overrides, shown once at start.
    pub warnings: Vec<String>,
    /// The caseworker's own keys (`keys.toml`), installed by the app at start.
    pub keys: crate::keys_file::UserKeys,
}

impl Assets {
    /// The built-in files only (tests, demo).
    pub fn builtin() -> Assets {
        Assets::load(None)
    }

    /// The files of the config directory `dir` where present, else the built-in ones.
    pub fn load(dir: Option<&Path>) -> Assets {
        use crate::domain::{aftercare, caseworker, catalog, exit, letter, premium, report};
        let mut f = Files {
            dir,
            warnings: Vec::new(),
        };
        let mut assets = Assets {
            catalog: f.get("instruments.toml", catalog::BUILTIN, Catalog::parse),
            templates: f.get(
                "note_templates.toml",
                crate::domain::templates::BUILTIN,
                Templates::parse,
            ),
            checklist: f.get(
                "exit_checklist.toml",
                exit::CHECKLIST_BUILTIN,
                Checklist::parse,
            ),
            premium: f.get("premium.toml", premium::BUILTIN, PremiumConfig::parse),
            aftercare: f.get("aftercare.toml", aftercare::BUILTIN, AftercareConfig::parse),
            report: f.get("report.toml", report::BUILTIN, ReportConfig::parse),
            caseworker: f.get("caseworker.toml", caseworker::BUILTIN, Caseworker::parse),
            holidays: f.get(
                "holidays.toml",
                crate::domain::workdays::BUILTIN,
                crate::domain::workdays::Holidays::parse,
            ),
            casework: f.get(
                "casework.toml",
                crate::domain::casework::BUILTIN,
                crate::domain::casework::CaseworkConfig::parse,
            ),
            retention: f.get(
                "retention.toml",
                crate::domain::retention::BUILTIN,
                crate::domain::retention::RetentionConfig::parse,
            ),
            risk: f.get(
                "risk.toml",
                crate::domain::risk::BUILTIN,
                crate::domain::risk::RiskConfig::parse,
            ),
            exit_letter_nl: f.letter("letters/exit_nl.md", letter::BUILTIN_NL),
            exit_letter_en: f.letter("letters/exit_en.md", letter::BUILTIN_EN),
            keys: f.get(
                "keys.toml",
                crate::keys_file::BUILTIN,
                crate::keys_file::parse,
            ),
            warnings: Vec::new(),
        };
        assets.warnings = f.warnings;
        // The report splits re-entry by the risk at exit, weighed by the same rules.
        assets.report.risk = Some(assets.risk);
        assets
    }

    /// The exit letter template of a language.
    pub fn exit_letter(&self, lang: Lang) -> &Template {
        match lang {
            Lang::Nl => &self.exit_letter_nl,
            Lang::En => &self.exit_letter_en,
        }
    }

    /// The platform config directory's files.
    pub fn from_config_dir() -> Assets {
        let dir: Option<PathBuf> = crate::paths::config_dir();
        let assets = Assets::load(dir.as_deref());
        // The closing days hold for every date planned in this process.
        crate::domain::workdays::set(assets.holidays.clone());
        assets
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
    fn exit_and_aftercare_files_are_overridable_and_fall_back_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let a = Assets::load(Some(dir.path()));
        assert_eq!(a.checklist.items.len(), 10);
        assert_eq!(a.aftercare.retry_working_days, 3);
        std::fs::write(
            dir.path().join("aftercare.toml"),
            crate::domain::aftercare::BUILTIN
                .replace("after_working_days = 3", "after_working_days = 5"),
        )
        .unwrap();
        std::fs::write(
            dir.path().join("premium.toml"),
            crate::domain::premium::BUILTIN.replace("months = 24", "months = \"x\""),
        )
        .unwrap();
        std::fs::write(
            dir.path().join("exit_checklist.toml"),
            "[[item]]\nkey = \"congratulate\"\ntext_nl = \"Feliciteer\"\ntext_en = \"Congratulate\"\n",
        )
        .unwrap();
        std::fs::create_dir(dir.path().join("letters")).unwrap();
        std::fs::write(
            dir.path().join("letters/exit_en.md"),
            "Dear {{client_name}},\n\n{{#premium}}\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("letters/exit_nl.md"),
            "Beste {{client_name}}\n",
        )
        .unwrap();
        let a = Assets::load(Some(dir.path()));
        assert_eq!(a.aftercare.retry_working_days, 5);
        assert_eq!(a.checklist.items.len(), 1);
        assert_eq!(
            a.premium,
            PremiumConfig::parse(crate::domain::premium::BUILTIN).unwrap()
        );
        assert_eq!(
            a.exit_letter_en,
            Template::parse(crate::domain::letter::BUILTIN_EN).unwrap()
        );
        assert_ne!(
            a.exit_letter_nl,
            Template::parse(crate::domain::letter::BUILTIN_NL).unwrap()
        );
        assert_eq!(a.warnings.len(), 3, "{:?}", a.warnings);
        assert!(
            a.warnings[0].contains("premium.toml: line ") && a.warnings[0].contains("built-in"),
            "{}",
            a.warnings[0]
        );
        // A Dutch letter from before the kinds of exit: kept for work exits, with a warning.
        assert!(
            a.warnings[1].contains("exit_nl.md: no section per kind of exit")
                && a.warnings[1].contains("work exits only"),
            "{}",
            a.warnings[1]
        );
        assert!(
            a.warnings[2].contains("exit_en.md: line 3"),
            "{}",
            a.warnings[2]
        );
    }

    #[test]
    fn a_letter_with_sections_per_kind_needs_every_kind() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("letters")).unwrap();
        let own = crate::domain::letter::BUILTIN_NL.replace("Beste", "Geachte");
        std::fs::write(dir.path().join("letters/exit_nl.md"), &own).unwrap();
        let a = Assets::load(Some(dir.path()));
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
        assert_eq!(a.exit_letter_nl, Template::parse(&own).unwrap());
        // The moved section left out: refused as a whole, the built-in letter is used.
        let start = own.find("{{#moved}}").unwrap();
        let end = own.find("{{/moved}}\n").unwrap() + "{{/moved}}\n".len();
        let without = format!("{}{}", &own[..start], &own[end..]);
        std::fs::write(dir.path().join("letters/exit_nl.md"), without).unwrap();
        let a = Assets::load(Some(dir.path()));
        assert_eq!(
            a.exit_letter_nl,
            Template::parse(crate::domain::letter::BUILTIN_NL).unwrap()
        );
        let w = &a.warnings[0];
        assert!(
            w.contains("exit_nl.md: it has sections per kind of exit, but none for {{#moved}}")
                && w.contains("using the built-in"),
            "{w}"
        );
    }

    #[test]
    fn retention_overrides_and_falls_back_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            Assets::load(Some(dir.path())).retention.client_file_years,
            10
        );
        let path = dir.path().join("retention.toml");
        let own =
            crate::domain::retention::BUILTIN.replace("debt_help_years = 5", "debt_help_years = 7");
        std::fs::write(&path, own).unwrap();
        let a = Assets::load(Some(dir.path()));
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
        assert_eq!(a.retention.debt_help_years, 7);
        std::fs::write(
            &path,
            "client_file_years = 0\ndebt_help_years = 5\ndebt_help_instruments = []\n",
        )
        .unwrap();
        let a = Assets::load(Some(dir.path()));
        assert_eq!(a.retention.client_file_years, 10);
        let w = &a.warnings[0];
        assert!(
            w.contains("retention.toml: line 1") && w.contains("using the built-in"),
            "{w}"
        );
    }

    #[test]
    fn risk_overrides_and_falls_back_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("risk.toml");
        let own = crate::domain::risk::BUILTIN.replace("high_from = 6", "high_from = 8");
        std::fs::write(&path, own).unwrap();
        let a = Assets::load(Some(dir.path()));
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
        assert_eq!(a.risk.high_from, 8);
        std::fs::write(&path, "medium_from = 5\nhigh_from = 4\n").unwrap();
        let a = Assets::load(Some(dir.path()));
        assert_eq!(a.risk.high_from, 6);
        let w = &a.warnings[0];
        assert!(
            w.contains("risk.toml: line") && w.contains("using the built-in"),
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
