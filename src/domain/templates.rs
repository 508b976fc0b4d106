//! Note templates: prefilled text for common contacts, with a proposed follow-up
//! (`+2w` from the note's date), parsed from TOML text (built in, or a municipality's own).

use super::catalog::AssetError;
use super::codes::{Channel, Code, Who};
use super::date::parse_date;
use super::notes::{AgreementInput, NoteInput};
use crate::i18n::Lang;
use chrono::NaiveDate;
use serde::Deserialize;

/// The built-in templates.
pub const BUILTIN: &str = include_str!("../../assets/note_templates.toml");

/// A follow-up a template proposes: an agreement due some time after the note.
#[derive(Clone, Debug, PartialEq)]
pub struct FollowUp {
    /// Relative to the note's date, as typed in a date field: `+3d`, `+2w`, `+1m`.
    pub offset: String,
    pub text_nl: String,
    pub text_en: String,
    pub who: Who,
}

impl FollowUp {
    /// The follow-up date for a note written on `noted_on`, on a working day.
    pub fn date(&self, noted_on: NaiveDate) -> Option<NaiveDate> {
        parse_date(&self.offset, noted_on)
            .ok()
            .map(super::workdays::working_day)
    }

    /// The agreement text in a language.
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.text_nl,
            Lang::En => &self.text_en,
        }
    }
}

/// One note template.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteTemplate {
    pub key: String,
    pub name_nl: String,
    pub name_en: String,
    pub channel: Channel,
    pub text_nl: String,
    pub text_en: String,
    pub follow_up: Option<FollowUp>,
}

impl NoteTemplate {
    /// The name in a language.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.name_nl,
            Lang::En => &self.name_en,
        }
    }

    /// The prefilled text in a language.
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.text_nl,
            Lang::En => &self.text_en,
        }
    }

    /// A note to start from: channel, text, the template's key and, when the template
    /// proposes one, an agreement with its follow-up date counted from `noted_on`.
    pub fn prefill(&self, lang: Lang, noted_on: NaiveDate) -> NoteInput {
        let agreements = self
            .follow_up
            .iter()
            .map(|f| AgreementInput::new(f.text(lang), f.who, f.date(noted_on)))
            .collect();
        NoteInput {
            noted_on,
            channel: self.channel,
            summary: self.text(lang).to_owned(),
            template: Some(self.key.clone()),
            agreements,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    key: String,
    name_nl: String,
    name_en: String,
    channel: String,
    text_nl: String,
    text_en: String,
    follow_up: Option<String>,
    follow_up_nl: Option<String>,
    follow_up_en: Option<String>,
    follow_up_who: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    template: Vec<Entry>,
}

/// The note templates, in the order of the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Templates {
    pub templates: Vec<NoteTemplate>,
}

impl Templates {
    /// The templates that ship with caseload.
    pub fn builtin() -> Templates {
        // The built-in file is checked by a test.
        Templates::parse(BUILTIN).unwrap_or(Templates {
            templates: Vec::new(),
        })
    }

    /// A template by key.
    pub fn get(&self, key: &str) -> Option<&NoteTemplate> {
        self.templates.iter().find(|t| t.key == key)
    }

    /// Parses and checks a templates file.
    pub fn parse(text: &str) -> Result<Templates, AssetError> {
        let file: File = toml::from_str(text).map_err(|e| AssetError::from_toml(text, &e))?;
        if file.template.is_empty() {
            return Err(AssetError {
                line: None,
                message: "no [[template]] entries".into(),
            });
        }
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::with_capacity(file.template.len());
        for (n, e) in file.template.into_iter().enumerate() {
            let at = |field: &str, msg: String| {
                AssetError::at_field(text, "[[template]]", n, field, msg)
            };
            if e.key.trim().is_empty() {
                return Err(at("key", "a template has an empty key".into()));
            }
            if !seen.insert(e.key.clone()) {
                return Err(at("key", format!("template \"{}\" appears twice", e.key)));
            }
            for (field, value) in [("name_nl", &e.name_nl), ("name_en", &e.name_en)] {
                if value.trim().is_empty() {
                    return Err(at(
                        field,
                        format!("template \"{}\": {field} is empty", e.key),
                    ));
                }
            }
            let channel = Channel::from_code(&e.channel).ok_or_else(|| {
                at(
                    "channel",
                    format!(
                        "template \"{}\": unknown channel \"{}\" ({})",
                        e.key,
                        e.channel,
                        codes_of::<Channel>()
                    ),
                )
            })?;
            let follow_up = match e.follow_up {
                None => {
                    if e.follow_up_nl.is_some() || e.follow_up_en.is_some() {
                        return Err(at(
                            "follow_up_",
                            format!(
                                "template \"{}\": follow-up text without follow_up = \"+2w\"",
                                e.key
                            ),
                        ));
                    }
                    None
                }
                Some(offset) => {
                    let probe = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
                    let offset = offset.trim().to_owned();
                    if !offset.starts_with('+') || parse_date(&offset, probe).is_err() {
                        return Err(at(
                            "follow_up",
                            format!(
                                "template \"{}\": follow_up \"{offset}\" is not a period after the note such as +3d, +2w, +1m",
                                e.key
                            ),
                        ));
                    }
                    let who = match e.follow_up_who.as_deref() {
                        None => Who::Caseworker,
                        Some(w) => Who::from_code(w).ok_or_else(|| {
                            at(
                                "follow_up_who",
                                format!(
                                    "template \"{}\": unknown follow_up_who \"{w}\" ({})",
                                    e.key,
                                    codes_of::<Who>()
                                ),
                            )
                        })?,
                    };
                    Some(FollowUp {
                        offset,
                        text_nl: e.follow_up_nl.unwrap_or_else(|| e.name_nl.clone()),
                        text_en: e.follow_up_en.unwrap_or_else(|| e.name_en.clone()),
                        who,
                    })
                }
            };
            out.push(NoteTemplate {
                key: e.key,
                name_nl: e.name_nl,
                name_en: e.name_en,
                channel,
                text_nl: e.text_nl,
                text_en: e.text_en,
                follow_up,
            });
        }
        Ok(Templates { templates: out })
    }
}

/// The codes of a list, for messages: "a, b, c".
pub fn codes_of<T: Code>() -> String {
    T::all()
        .iter()
        .map(|c| c.code())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const ONE: &str = "[[template]]\nkey = \"call\"\nname_nl = \"Bellen\"\nname_en = \"Call\"\nchannel = \"phone\"\ntext_nl = \"Besproken\"\ntext_en = \"Discussed\"\nfollow_up = \"+1m\"\n";

    #[test]
    fn the_builtin_templates_cover_the_common_contacts() {
        let t = Templates::parse(BUILTIN).expect("built-in templates parse");
        for key in [
            "intake",
            "review",
            "phone",
            "home_visit",
            "no_show",
            "exit_interview",
        ] {
            let tpl = t.get(key).unwrap_or_else(|| panic!("{key} missing"));
            assert!(tpl.text_nl.contains("Aanleiding"), "{key}");
            assert!(tpl.text_en.contains("Reason"), "{key}");
        }
        let phone = t.get("phone").unwrap();
        assert_eq!(phone.channel, Channel::Phone);
        assert_eq!(phone.follow_up.as_ref().unwrap().offset, "+2w");
        assert_eq!(t.get("home_visit").unwrap().channel, Channel::HomeVisit);
        assert!(t.get("review").unwrap().follow_up.is_none());
    }

    #[test]
    fn prefill_counts_the_follow_up_from_the_note_date() {
        let t = Templates::parse(BUILTIN).unwrap();
        let n = t.get("phone").unwrap().prefill(Lang::Nl, d(2026, 11, 23));
        assert_eq!(n.channel, Channel::Phone);
        assert_eq!(n.template.as_deref(), Some("phone"));
        assert!(n.summary.starts_with("Aanleiding\nTelefonisch contact"));
        assert_eq!(n.agreements.len(), 1);
        assert_eq!(n.agreements[0].follow_up, Some(d(2026, 12, 7)));
        assert_eq!(n.agreements[0].who, Who::Caseworker);
        assert_eq!(n.agreements[0].text, "Terugbellen: hoe staat het ervoor?");
        let n = t.get("review").unwrap().prefill(Lang::En, d(2026, 11, 23));
        assert!(n.agreements.is_empty());
        // Calendar months: a month after 31 January is the end of February.
        let c = Templates::parse(ONE).unwrap();
        let n = c.get("call").unwrap().prefill(Lang::En, d(2024, 1, 31));
        assert_eq!(n.agreements[0].follow_up, Some(d(2024, 2, 29)));
        assert_eq!(n.agreements[0].text, "Call");
    }

    #[test]
    fn broken_files_say_line_and_what() {
        let cases: &[(&str, usize, &str)] = &[
            (
                &ONE.replace("\"phone\"", "\"fax\""),
                5,
                "unknown channel \"fax\"",
            ),
            (&ONE.replace("+1m", "2w"), 8, "not a period"),
            (&ONE.replace("+1m", "+2x"), 8, "not a period"),
            (&ONE.replace("+1m", "15-12-2026"), 8, "not a period"),
            (
                &ONE.replace("name_en = \"Call\"", "name_en = \" \""),
                4,
                "name_en is empty",
            ),
            (&format!("{ONE}\n{ONE}"), 11, "appears twice"),
            (&ONE.replace("text_en", "tekst_en"), 7, "unknown field"),
            (
                &format!("{ONE}follow_up_who = \"boss\"\n"),
                9,
                "unknown follow_up_who",
            ),
            (
                &ONE.replace("follow_up = \"+1m\"", "follow_up_nl = \"x\""),
                8,
                "without follow_up",
            ),
        ];
        for (text, line, what) in cases {
            let e = Templates::parse(text).unwrap_err();
            assert_eq!(e.line, Some(*line), "{e} in\n{text}");
            assert!(e.message.contains(what), "{e}");
        }
        assert!(Templates::parse("").is_err());
    }
}
