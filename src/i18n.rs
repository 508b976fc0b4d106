//! User-facing text: the Dutch and English catalogues (embedded) and locale detection.

use std::collections::HashMap;
use std::sync::LazyLock;

/// The language of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Lang {
    /// Nederlands
    Nl,
    /// English
    En,
}

impl Lang {
    /// The language the environment asks for: `LC_ALL`, then `LC_MESSAGES`, then `LANG`;
    /// `nl*` is Dutch, anything else English.
    pub fn from_env() -> Lang {
        let get = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let locale = get("LC_ALL")
            .or_else(|| get("LC_MESSAGES"))
            .or_else(|| get("LANG"));
        Lang::from_locale(locale.as_deref().unwrap_or(""))
    }

    /// `nl_NL.UTF-8` → Dutch; anything else English.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("nl") {
            Lang::Nl
        } else {
            Lang::En
        }
    }
}

/// The raw catalogue text of a language.
pub fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => include_str!("../assets/i18n/nl.toml"),
        Lang::En => include_str!("../assets/i18n/en.toml"),
    }
}

/// A catalogue flattened to dotted keys (`[list] title = ".."` → `list.title`).
pub fn flatten(text: &str) -> Result<HashMap<String, String>, toml::de::Error> {
    fn walk(prefix: &str, table: &toml::Table, out: &mut HashMap<String, String>) {
        for (k, v) in table {
            let key = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            match v {
                toml::Value::Table(t) => walk(&key, t, out),
                toml::Value::String(s) => {
                    out.insert(key, s.clone());
                }
                other => {
                    out.insert(key, other.to_string());
                }
            }
        }
    }
    let table: toml::Table = text.parse()?;
    let mut out = HashMap::new();
    walk("", &table, &mut out);
    Ok(out)
}

type Catalog = HashMap<String, &'static str>;

fn load(lang: Lang) -> Catalog {
    // The embedded catalogues are checked by a test; a broken one yields keys as text.
    flatten(source(lang))
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k, &*Box::leak(v.into_boxed_str())))
        .collect()
}

static NL: LazyLock<Catalog> = LazyLock::new(|| load(Lang::Nl));
static EN: LazyLock<Catalog> = LazyLock::new(|| load(Lang::En));

/// The text for `key`; `[?]` when missing (a test keeps that from happening).
pub fn t(lang: Lang, key: &str) -> &'static str {
    let cat = match lang {
        Lang::Nl => &*NL,
        Lang::En => &*EN,
    };
    cat.get(key).copied().unwrap_or("[?]")
}

/// The text for `key` with `{name}` placeholders filled in.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut s = t(lang, key).to_owned();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), &value.to_string());
    }
    s
}

/// The text for a count `n`: `{key}_one` when `n` is 1 and the catalogue has it, else
/// `key`; `{n}` and the other placeholders filled in.
pub fn tn(
    lang: Lang,
    key: &str,
    n: impl Into<u64>,
    args: &[(&str, &dyn std::fmt::Display)],
) -> String {
    let n: u64 = n.into();
    let one = format!("{key}_one");
    let key = if n == 1 && has(lang, &one) { &one } else { key };
    let mut all: Vec<(&str, &dyn std::fmt::Display)> = vec![("n", &n)];
    all.extend_from_slice(args);
    tf(lang, key, &all)
}

/// Whether a key exists in a catalogue (for tests of generated keys).
pub fn has(lang: Lang, key: &str) -> bool {
    match lang {
        Lang::Nl => NL.contains_key(key),
        Lang::En => EN.contains_key(key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_detection() {
        assert_eq!(Lang::from_locale("nl_NL.UTF-8"), Lang::Nl);
        assert_eq!(Lang::from_locale("nl_BE"), Lang::Nl);
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        assert_eq!(Lang::from_locale(""), Lang::En);
    }

    #[test]
    fn counts_take_the_singular_for_one() {
        let every = |lang, n: u32| tn(lang, "trajectory.interval", n, &[]);
        assert_eq!(every(Lang::En, 1), "every month");
        assert_eq!(every(Lang::En, 3), "every 3 months");
        assert_eq!(every(Lang::Nl, 1), "elke maand");
        assert_eq!(every(Lang::Nl, 2), "elke 2 maanden");
        // A key without a singular form takes the plural one.
        assert_eq!(
            tn(Lang::En, "agenda.today", 1u32, &[]),
            t(Lang::En, "agenda.today")
        );
    }
}
