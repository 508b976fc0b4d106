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

/// The text for `key`; `[?]` when missing. A missing key is a bug: debug builds (and so
/// every test) panic on it instead of showing `[?]`.
pub fn t(lang: Lang, key: &str) -> &'static str {
    let cat = match lang {
        Lang::Nl => &*NL,
        Lang::En => &*EN,
    };
    match cat.get(key) {
        Some(text) => text,
        None => {
            if cfg!(debug_assertions) {
                panic!("i18n: no key {key:?} in the {lang:?} catalogue");
            }
            "[?]"
        }
    }
}

/// The text for `key` with its `{name}` placeholders filled in, in one pass (a value that
/// itself contains `{name}` is never filled again).
///
/// Debug builds (and so every test) panic when the text has a placeholder that no argument
/// fills, or an argument that the text does not show: both are a text and a call that have
/// drifted apart. Release builds leave an unfilled placeholder as it is and ignore an
/// unused argument.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    fill(lang, key, args, None)
}

/// The text for a count `n`: `{key}_one` when `n` is 1 and the catalogue has it, else
/// `key`; `{n}` and the other placeholders filled in.
///
/// `n` is always given and may go unused (a singular such as "1 client" says it in
/// words); every other argument follows the rules of [`tf`].
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
    fill(lang, key, &all, Some("n"))
}

/// The names of the `{name}` placeholders of a text, in order (a name is lower-case
/// letters, digits and `_`; other braces are text).
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match placeholder_at(after) {
            Some(name) => {
                out.push(name);
                rest = &after[name.len() + 1..];
            }
            None => rest = after,
        }
    }
    out
}

/// The placeholder name at the start of `s` (just after a `{`), when `s` goes on `name}`.
fn placeholder_at(s: &str) -> Option<&str> {
    let end = s.find('}')?;
    let name = &s[..end];
    let ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    ok.then_some(name)
}

/// [`tf`] and [`tn`]: `optional` names the one argument the text may leave unused.
fn fill(
    lang: Lang,
    key: &str,
    args: &[(&str, &dyn std::fmt::Display)],
    optional: Option<&str>,
) -> String {
    let text = t(lang, key);
    let mut out = String::with_capacity(text.len() + 16);
    let mut used = vec![false; args.len()];
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(name) = placeholder_at(after) else {
            out.push('{');
            rest = after;
            continue;
        };
        match args.iter().position(|(n, _)| *n == name) {
            Some(i) => {
                used[i] = true;
                out.push_str(&args[i].1.to_string());
            }
            None => {
                if cfg!(debug_assertions) {
                    panic!("i18n: {key:?} ({lang:?}) shows {{{name}}} but no argument fills it");
                }
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
        rest = &after[name.len() + 1..];
    }
    out.push_str(rest);
    if cfg!(debug_assertions) && text != "[?]" {
        let unused: Vec<&str> = args
            .iter()
            .zip(&used)
            .filter(|((name, _), used)| !**used && Some(*name) != optional)
            .map(|((name, _), _)| *name)
            .collect();
        assert!(
            unused.is_empty(),
            "i18n: {key:?} ({lang:?}) does not show the argument(s) {unused:?}"
        );
    }
    out
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
    fn placeholders_are_filled_once() {
        // A value that itself looks like a placeholder stays as typed.
        let s = tf(
            Lang::En,
            "list.count_of",
            &[("n", &"{total}"), ("total", &3)],
        );
        assert_eq!(s, "{total} of 3");
        assert_eq!(placeholders("a {n} b {x_1} {} {A} {n"), ["n", "x_1"]);
    }

    #[test]
    fn a_singular_may_leave_n_unsaid() {
        assert_eq!(tn(Lang::En, "list.count", 1u32, &[]), "1 client");
        assert_eq!(tn(Lang::Nl, "list.count", 2u32, &[]), "2 klanten");
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "no argument fills it")]
    fn a_placeholder_left_unfilled_is_refused() {
        tf(Lang::En, "list.count_of", &[("n", &1)]);
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "does not show the argument")]
    fn an_argument_the_text_does_not_show_is_refused() {
        tf(
            Lang::En,
            "list.count_of",
            &[("n", &1), ("total", &2), ("x", &3)],
        );
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "no key")]
    fn a_missing_key_is_refused() {
        t(Lang::Nl, "list.no_such_key");
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
