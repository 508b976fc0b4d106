//! The instrument catalogue: parsed from TOML text (built in, or a municipality's own).

use super::codes::{Code, InstrumentCategory, Rung};
use crate::i18n::Lang;
use serde::Deserialize;

/// A problem in a data file: where and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssetError {
    /// 1-based line, when known.
    pub line: Option<usize>,
    pub message: String,
}

impl AssetError {
    /// From a TOML error, with the line of its span.
    pub fn from_toml(text: &str, e: &toml::de::Error) -> AssetError {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].lines().count().max(1));
        AssetError {
            line,
            message: e.message().to_owned(),
        }
    }

    /// A rule broken by an entry, at the line where the entry's key appears.
    pub fn at(text: &str, needle: &str, message: String) -> AssetError {
        let line = text.lines().position(|l| l.contains(needle)).map(|i| i + 1);
        AssetError { line, message }
    }
}

impl std::fmt::Display for AssetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "line {l}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// One instrument a caseworker can assign.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    pub key: String,
    pub name_nl: String,
    pub name_en: String,
    #[serde(rename = "category")]
    pub category_code: String,
    pub duration_months: u32,
    pub review_months: u32,
    pub target_rung: u8,
    pub description_nl: String,
    pub description_en: String,
}

impl Instrument {
    /// The name in a language.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.name_nl,
            Lang::En => &self.name_en,
        }
    }

    /// The one-line description in a language.
    pub fn description(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.description_nl,
            Lang::En => &self.description_en,
        }
    }

    /// The category (validated when the catalogue was parsed).
    pub fn category(&self) -> InstrumentCategory {
        InstrumentCategory::from_code(&self.category_code).unwrap_or(InstrumentCategory::Activation)
    }

    /// The rung the instrument aims at.
    pub fn target(&self) -> Option<Rung> {
        Rung::from_number(i64::from(self.target_rung))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    instrument: Vec<Instrument>,
}

/// The instruments, in the order of the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Catalog {
    pub instruments: Vec<Instrument>,
}

/// The built-in catalogue text.
pub const BUILTIN: &str = include_str!("../../assets/instruments.toml");

impl Catalog {
    /// The catalogue that ships with caseload.
    pub fn builtin() -> Catalog {
        // The built-in file is checked by a test.
        Catalog::parse(BUILTIN).unwrap_or(Catalog {
            instruments: Vec::new(),
        })
    }

    /// Parses and checks a catalogue.
    pub fn parse(text: &str) -> Result<Catalog, AssetError> {
        let file: CatalogFile =
            toml::from_str(text).map_err(|e| AssetError::from_toml(text, &e))?;
        if file.instrument.is_empty() {
            return Err(AssetError {
                line: None,
                message: "no [[instrument]] entries".into(),
            });
        }
        let mut seen = std::collections::HashSet::new();
        for i in &file.instrument {
            let at = |msg: String| AssetError::at(text, &format!("\"{}\"", i.key), msg);
            if i.key.trim().is_empty() {
                return Err(AssetError::at(
                    text,
                    "key = \"\"",
                    "an instrument has an empty key".into(),
                ));
            }
            if !seen.insert(i.key.clone()) {
                return Err(at(format!("instrument \"{}\" appears twice", i.key)));
            }
            if InstrumentCategory::from_code(&i.category_code).is_none() {
                return Err(at(format!(
                    "instrument \"{}\": unknown category \"{}\" (activation, work, work_with_support, referral)",
                    i.key, i.category_code
                )));
            }
            if !(1..=6).contains(&i.target_rung) {
                return Err(at(format!(
                    "instrument \"{}\": target_rung must be 1 to 6",
                    i.key
                )));
            }
            if !(1..=24).contains(&i.review_months) {
                return Err(at(format!(
                    "instrument \"{}\": review_months must be 1 to 24",
                    i.key
                )));
            }
            if !(1..=60).contains(&i.duration_months) {
                return Err(at(format!(
                    "instrument \"{}\": duration_months must be 1 to 60",
                    i.key
                )));
            }
        }
        Ok(Catalog {
            instruments: file.instrument,
        })
    }

    /// An instrument by key.
    pub fn get(&self, key: &str) -> Option<&Instrument> {
        self.instruments.iter().find(|i| i.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_has_every_instrument_of_the_domain() {
        let c = Catalog::parse(BUILTIN).expect("built-in catalogue parses");
        assert_eq!(c.instruments.len(), 24);
        let j = c.get("jobhunter").unwrap();
        assert_eq!(j.category(), InstrumentCategory::Work);
        assert_eq!(j.target(), Some(Rung::PaidWork));
        assert!(c.get("social_work").is_some());
    }

    #[test]
    fn a_valid_override() {
        let text = "[[instrument]]\nkey = \"buurtbaan\"\nname_nl = \"Buurtbaan\"\nname_en = \"Neighbourhood job\"\ncategory = \"activation\"\nduration_months = 6\nreview_months = 2\ntarget_rung = 4\ndescription_nl = \"x\"\ndescription_en = \"y\"\n";
        let c = Catalog::parse(text).unwrap();
        assert_eq!(c.instruments.len(), 1);
        assert_eq!(
            c.get("buurtbaan").unwrap().name(Lang::En),
            "Neighbourhood job"
        );
    }

    #[test]
    fn a_broken_override_says_where() {
        let text = "[[instrument]]\nkey = \"a\"\nname_nl = \"A\"\nname_en = \"A\"\ncategory = \"activation\"\nduration_months = \"six\"\n";
        let e = Catalog::parse(text).unwrap_err();
        assert_eq!(e.line, Some(6), "{e}");
        let text = BUILTIN.replacen("category = \"work\"", "category = \"banana\"", 1);
        let e = Catalog::parse(&text).unwrap_err();
        assert!(e.message.contains("banana"), "{e}");
        assert_eq!(e.line, Some(8));
    }
}
