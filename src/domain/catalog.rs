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
        // Lines are counted by the newlines before the span, so a span at the start of a
        // line is on that line.
        let line = e.span().map(|s| {
            text.get(..s.start.min(text.len()))
                .map_or(0, |before| before.matches('\n').count())
                + 1
        });
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

impl AssetError {
    /// A rule broken by the `index`-th (0-based) `header` entry (`[[instrument]]`), at the
    /// line of its `field` (a line starting with it), else at the entry's header line.
    pub fn at_field(
        text: &str,
        header: &str,
        index: usize,
        field: &str,
        message: String,
    ) -> AssetError {
        let lines: Vec<&str> = text.lines().collect();
        let starts: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].trim() == header)
            .collect();
        let line = starts.get(index).map(|&start| {
            let end = starts.get(index + 1).copied().unwrap_or(lines.len());
            (start..end)
                .find(|&i| lines[i].trim_start().starts_with(field))
                .unwrap_or(start)
                + 1
        });
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
        for (n, i) in file.instrument.iter().enumerate() {
            let at = |field: &str, msg: String| {
                AssetError::at_field(text, "[[instrument]]", n, field, msg)
            };
            if i.key.trim().is_empty() {
                return Err(at("key", "an instrument has an empty key".into()));
            }
            if !seen.insert(i.key.clone()) {
                return Err(at("key", format!("instrument \"{}\" appears twice", i.key)));
            }
            for (field, value) in [("name_nl", &i.name_nl), ("name_en", &i.name_en)] {
                if value.trim().is_empty() {
                    return Err(at(
                        field,
                        format!("instrument \"{}\": {field} is empty", i.key),
                    ));
                }
            }
            if InstrumentCategory::from_code(&i.category_code).is_none() {
                return Err(at(
                    "category",
                    format!(
                        "instrument \"{}\": unknown category \"{}\" (activation, work, work_with_support, referral)",
                        i.key, i.category_code
                    ),
                ));
            }
            let ranges: [(&str, u32, u32, u32); 3] = [
                ("target_rung", u32::from(i.target_rung), 1, 6),
                ("review_months", i.review_months, 1, 24),
                ("duration_months", i.duration_months, 1, 60),
            ];
            for (field, value, lo, hi) in ranges {
                if !(lo..=hi).contains(&value) {
                    return Err(at(
                        field,
                        format!("instrument \"{}\": {field} must be {lo} to {hi}", i.key),
                    ));
                }
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

    /// The name to show for an instrument a record names: the catalogue's in `lang` while
    /// the catalogue has it, else the name stored with the record.
    pub fn name_or<'a>(&'a self, key: &str, stored: &'a str, lang: Lang) -> &'a str {
        self.get(key).map_or(stored, |i| i.name(lang))
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
        // The line of the category, not just of the entry.
        assert_eq!(e.line, Some(11));
    }
}
