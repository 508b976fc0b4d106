//! `caseload keys`: every key by place and action name, written as `keys.toml` takes them
//! (with what each does as a comment), so a caseworker can copy a line and change its key.

use crate::i18n::{Lang, t};
use crate::keymap;
use crate::keys_file::{MODES, action_name, key_name};

/// The keys in use (the caseworker's own where `keys.toml` sets them), as TOML.
pub fn list(lang: Lang) -> String {
    let mut out = String::new();
    let mut done: Vec<(keymap::Mode, &str)> = Vec::new();
    for &(place, mode) in MODES {
        let rows = keymap::table().iter().filter(|b| b.mode == mode);
        for (i, b) in rows.enumerate() {
            if done.contains(&(b.mode, b.desc)) {
                continue;
            }
            done.push((b.mode, b.desc));
            if i == 0 {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(&format!("[{place}]\n"));
            }
            line(&mut out, b, lang);
        }
    }
    out
}

/// One action of a place, with all its keys and what it does.
fn line(out: &mut String, b: &keymap::Binding, lang: Lang) {
    let keys: Vec<String> = keymap::table()
        .iter()
        .filter(|o| o.mode == b.mode && o.desc == b.desc)
        .map(|o| format!("{:?}", key_name(o.key)))
        .collect();
    let keys = match keys.as_slice() {
        [one] => one.clone(),
        many => format!("[{}]", many.join(", ")),
    };
    out.push_str(&format!(
        "{} = {keys}  # {}\n",
        action_name(b),
        t(lang, b.desc)
    ));
}

#[cfg(test)]
mod tests {
    use crate::keys_file::parse;

    /// What the command lists is a keys.toml that sets every key as built in.
    #[test]
    fn the_list_reads_back_as_the_built_in_table() {
        let text = super::list(crate::i18n::Lang::En);
        assert!(text.contains("[client]\n"), "{text}");
        assert!(
            text.contains("exit_interview = \"x\"  # Exit interview"),
            "{text}"
        );
        let table = parse(&text)
            .expect("the list is a keys.toml")
            .table
            .unwrap();
        let same = |a: &crate::keymap::Binding, b: &crate::keymap::Binding| {
            (a.mode, a.key, &a.action) == (b.mode, b.key, &b.action)
        };
        for b in crate::keymap::KEYMAP {
            assert!(table.iter().any(|o| same(o, b)), "{b:?}");
        }
        assert_eq!(table.len(), crate::keymap::KEYMAP.len());
    }
}
