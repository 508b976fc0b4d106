//! The catalogues cannot drift from the code: both languages have exactly the same keys
//! with the same placeholders, every key the code names exists, every key is used, and
//! every tf/tn call with a literal key gives exactly the arguments its texts show.
//!
//! "Used" is read from the source: a string literal that is a whole key (`"list.title"`),
//! or a key of one of the families the code builds at run time (listed in [`built`], each
//! with where and how it is formed). The test modules of `src/` do not count as use.

use caseload::domain::Phase;
use caseload::domain::agenda::ItemKind;
use caseload::domain::codes::*;
use caseload::domain::lock_in::LockIn;
use caseload::domain::timeline::{TimelineKind, Trend};
use caseload::i18n::{Lang, flatten, placeholders, source};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn catalogue(lang: Lang) -> BTreeMap<String, String> {
    flatten(source(lang)).unwrap().into_iter().collect()
}

fn keys(lang: Lang) -> BTreeSet<String> {
    catalogue(lang).into_keys().collect()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A source file without its `#[cfg(test)] mod … { … }` blocks (rustfmt closes a module
/// with a `}` at the indentation of its `mod` line).
fn without_tests(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < lines.len() {
        let next = lines.get(i + 1).map(|l| l.trim_start()).unwrap_or("");
        if lines[i].trim() == "#[cfg(test)]" && next.starts_with("mod ") && next.ends_with('{') {
            let indent = &lines[i + 1][..lines[i + 1].len() - next.len()];
            let end = format!("{indent}}}");
            i += 2;
            while i < lines.len() && lines[i] != end {
                i += 1;
            }
        } else {
            out.push_str(lines[i]);
            out.push('\n');
        }
        i += 1;
    }
    out
}

/// Every file of `src/` (tests left out), by path relative to `src/`.
fn sources() -> BTreeMap<String, String> {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files
        .into_iter()
        .map(|p| {
            let name = p
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (name, without_tests(&std::fs::read_to_string(&p).unwrap()))
        })
        .collect()
}

/// The string literals of a text that consist only of `[a-z0-9_.]` (keys, codes, column
/// names): the characters between a `"` and the next `"`.
fn word_literals(text: &str) -> BTreeSet<String> {
    let is_word = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.';
    let mut out = BTreeSet::new();
    let bytes: Vec<char> = text.chars().collect();
    for (i, c) in bytes.iter().enumerate() {
        if *c != '"' {
            continue;
        }
        let word: String = bytes[i + 1..].iter().take_while(|c| is_word(**c)).collect();
        if !word.is_empty() && bytes.get(i + 1 + word.chars().count()) == Some(&'"') {
            out.insert(word);
        }
    }
    out
}

/// A literal shaped like a key: lower-case words joined by dots (a file name such as
/// "report.toml" is not one).
fn key_shaped(s: &str) -> bool {
    const FILES: [&str; 8] = ["toml", "md", "db", "json", "csv", "sql", "rs", "txt"];
    s.contains('.')
        && !s.rsplit('.').next().is_some_and(|ext| FILES.contains(&ext))
        && s.split('.').all(|w| {
            !w.is_empty()
                && w.chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn labels<T: Code>(out: &mut BTreeSet<String>) {
    for v in T::all() {
        out.insert(format!("{}.{}", T::KIND, v.code()));
    }
}

/// The keys the code builds at run time rather than names whole. Each family says where it
/// is formed; a key of a family is used only when the code can form it.
fn built(src: &BTreeMap<String, String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    // `Code::label` (domain/codes.rs): "{KIND}.{code}" for every variant of every code list.
    labels::<BenefitType>(&mut out);
    labels::<Household>(&mut out);
    labels::<LanguageLevel>(&mut out);
    labels::<Education>(&mut out);
    labels::<Distance>(&mut out);
    labels::<Barrier>(&mut out);
    labels::<LifeDomain>(&mut out);
    labels::<AssessmentKind>(&mut out);
    labels::<Term>(&mut out);
    labels::<Who>(&mut out);
    labels::<Channel>(&mut out);
    labels::<TrajectoryStatus>(&mut out);
    labels::<TrajectoryResult>(&mut out);
    labels::<InstrumentCategory>(&mut out);
    labels::<ExitCategory>(&mut out);
    labels::<ExitReason>(&mut out);
    labels::<ContractType>(&mut out);
    labels::<Independence>(&mut out);
    labels::<FoundVia>(&mut out);
    labels::<AftercareMode>(&mut out);
    labels::<PlanStatus>(&mut out);
    labels::<AftercareEndReason>(&mut out);
    labels::<ContactKind>(&mut out);
    labels::<ContactStatus>(&mut out);
    labels::<StillWorking>(&mut out);
    labels::<Risk>(&mut out);
    labels::<ReferralKind>(&mut out);
    labels::<ContactOccasion>(&mut out);
    labels::<ContactBy>(&mut out);
    labels::<Rung>(&mut out);
    labels::<Phase>(&mut out);
    labels::<ItemKind>(&mut out);
    labels::<TimelineKind>(&mut out);
    labels::<Trend>(&mut out);
    labels::<LockIn>(&mut out);
    // `score_label` (domain/codes.rs): "score.{1..=5}".
    for s in 1..=5 {
        out.insert(format!("score.{s}"));
    }
    // The check-in form's labels (app/workflows/checkin.rs): "checkin.{field}" for each
    // `Key::new("field")` of that file.
    let checkin = &src["app/workflows/checkin.rs"];
    for part in checkin.split("Key::new(\"").skip(1) {
        let name: String = part.chars().take_while(|c| *c != '"').collect();
        out.insert(format!("checkin.{name}"));
    }
    // The contact outside the schedule (app/workflows/unplanned.rs): "unplanned.{field}"
    // for its own fields.
    for part in src["app/workflows/unplanned.rs"]
        .split("Key::new(\"")
        .skip(1)
    {
        let name: String = part.chars().take_while(|c| *c != '"').collect();
        out.insert(format!("unplanned.{name}"));
    }
    // Families whose last part is a code named as a literal in the files that form them:
    // the report's tables, columns and rows ("report.table.{code}" and the like, in
    // domain/report_table.rs, report_sections.rs and retention.rs), the agenda command's groups
    // ("agenda_cmd.{group}", commands/agenda.rs, group_code).
    let families: [(&[&str], &str); 6] = [
        (
            &[
                "domain/report_table.rs",
                "domain/report_sections.rs",
                "domain/retention.rs",
            ],
            "report.table.",
        ),
        (
            &[
                "domain/report_table.rs",
                "domain/report_sections.rs",
                "domain/retention.rs",
            ],
            "report.col.",
        ),
        (&["domain/report_sections.rs"], "report.aftercare_group."),
        (&["domain/report_sections.rs"], "report.ladder."),
        (&["domain/report_sections.rs"], "report.aftercare."),
        (&["commands/agenda.rs"], "agenda_cmd."),
    ];
    for (files, prefix) in families {
        for file in files {
            for code in word_literals(&src[*file])
                .iter()
                .filter(|l| !l.contains('.'))
            {
                out.insert(format!("{prefix}{code}"));
            }
        }
    }
    // Families over the database schema: a changed column's name in the history
    // (domain/history.rs, "history.field.{column}") and a table's name in caseload check
    // (commands/check.rs, "robust.table.{table}").
    let schema = schema_words();
    for word in &schema {
        out.insert(format!("history.field.{word}"));
        out.insert(format!("robust.table.{word}"));
    }
    out
}

/// Every word of the schema's SQL (table and column names among them).
fn schema_words() -> BTreeSet<String> {
    let dir = root().join("src/store/sql");
    let mut out = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for w in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            if !w.is_empty() {
                out.insert(w.to_owned());
            }
        }
    }
    out
}

#[test]
fn both_catalogues_have_exactly_the_same_keys() {
    let nl = keys(Lang::Nl);
    let en = keys(Lang::En);
    let only_nl: Vec<_> = nl.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&nl).collect();
    assert!(
        only_nl.is_empty() && only_en.is_empty(),
        "only nl: {only_nl:?}\nonly en: {only_en:?}"
    );
}

#[test]
fn both_languages_show_the_same_placeholders() {
    let en = catalogue(Lang::En);
    let mut differ = Vec::new();
    for (key, nl) in catalogue(Lang::Nl) {
        let Some(en) = en.get(&key) else { continue };
        let a: BTreeSet<&str> = placeholders(&nl).into_iter().collect();
        let b: BTreeSet<&str> = placeholders(en).into_iter().collect();
        if a != b {
            differ.push(format!("{key}: nl {a:?}, en {b:?}"));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[test]
fn every_key_the_code_names_is_in_both_catalogues() {
    let nl = keys(Lang::Nl);
    let en = keys(Lang::En);
    let sections: BTreeSet<String> = nl
        .iter()
        .map(|k| k.split('.').next().unwrap().to_owned())
        .collect();
    let mut missing = Vec::new();
    for (file, text) in sources() {
        for lit in word_literals(&text).into_iter().filter(|l| key_shaped(l)) {
            let section = lit.split('.').next().unwrap();
            if sections.contains(section) && !(nl.contains(&lit) && en.contains(&lit)) {
                missing.push(format!("{file}: {lit}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not in the catalogues:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_catalogue_key_is_used() {
    let src = sources();
    let mut used: BTreeSet<String> = src
        .values()
        .flat_map(|t| word_literals(t))
        .filter(|l| key_shaped(l))
        .collect();
    used.extend(built(&src));
    let unused: Vec<String> = keys(Lang::Nl)
        .into_iter()
        // `tn` takes "{key}_one" for a count of one.
        .filter(|k| !used.contains(k.strip_suffix("_one").unwrap_or(k)))
        .collect();
    assert!(
        unused.is_empty(),
        "used nowhere in src/:\n{}",
        unused.join("\n")
    );
}

/// A call `tf(lang, "key", &[("a", …), ("b", …)])` or `tn(lang, "key", n, &[…])` of the
/// source whose key is a literal: the function, the key and the names of its arguments.
struct Call {
    file: String,
    func: &'static str,
    key: String,
    names: BTreeSet<String>,
}

/// The text from just after an opening `(` to its matching `)` (strings skipped).
fn balanced(chars: &[char], start: usize) -> Option<usize> {
    let mut depth = 1;
    let mut i = start;
    while i < chars.len() {
        match chars[i] {
            '"' => {
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The first string literal of a text, when the text starts (after blanks) with one.
fn leading_literal(s: &str) -> Option<String> {
    let s = s.trim_start().strip_prefix('"')?;
    Some(s[..s.find('"')?].to_owned())
}

/// The tf and tn calls of a file whose key is a literal.
fn calls(file: &str, text: &str) -> Vec<Call> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len() {
        let func = match (chars.get(i..i + 3), i.checked_sub(1).map(|j| chars[j])) {
            (Some(['t', 'f', '(']), prev) | (Some(['t', 'n', '(']), prev)
                if !prev.is_some_and(|c| c.is_alphanumeric() || c == '_') =>
            {
                if chars[i + 1] == 'f' { "tf" } else { "tn" }
            }
            _ => continue,
        };
        let Some(end) = balanced(&chars, i + 3) else {
            continue;
        };
        // The top-level arguments: split at commas outside brackets and strings.
        let inner: String = chars[i + 3..end].iter().collect();
        let args = top_level(&inner, ',');
        let Some(key) = args.get(1).and_then(|a| leading_literal(a)) else {
            continue;
        };
        let list = args.get(if func == "tf" { 2 } else { 3 }).map(|a| a.trim());
        let Some(list) = list
            .and_then(|l| l.strip_prefix("&["))
            .and_then(|l| l.strip_suffix(']'))
        else {
            continue;
        };
        let names = top_level(list, ',')
            .iter()
            .filter_map(|pair| leading_literal(pair.trim().strip_prefix('(')?))
            .collect();
        out.push(Call {
            file: file.to_owned(),
            func,
            key,
            names,
        });
    }
    out
}

/// A text split at `sep` where it is outside brackets and strings.
fn top_level(s: &str, sep: char) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut depth = 0;
    let mut in_str = false;
    let mut escaped = false;
    for c in s.chars() {
        if in_str {
            in_str = c != '"' || escaped;
            escaped = c == '\\' && !escaped;
        } else if c == '"' {
            in_str = true;
        } else if "([{".contains(c) {
            depth += 1;
        } else if ")]}".contains(c) {
            depth -= 1;
        } else if c == sep && depth == 0 {
            out.push(String::new());
            continue;
        }
        out.last_mut().unwrap().push(c);
    }
    out.retain(|a| !a.trim().is_empty());
    out
}

#[test]
fn every_call_fills_exactly_the_placeholders_of_its_text() {
    // The static side of tf/tn's refusal at run time: also the calls no test reaches.
    let cats = [catalogue(Lang::Nl), catalogue(Lang::En)];
    let mut wrong = Vec::new();
    let mut seen = 0;
    for (file, text) in sources() {
        for call in calls(&file, &text) {
            seen += 1;
            let mut texts = vec![call.key.clone()];
            if call.func == "tn" {
                texts.push(format!("{}_one", call.key));
            }
            for cat in &cats {
                for key in &texts {
                    let Some(text) = cat.get(key) else { continue };
                    let shown: BTreeSet<String> =
                        placeholders(text).into_iter().map(str::to_owned).collect();
                    let mut given = call.names.clone();
                    if call.func == "tn" {
                        // n is always given, and may go unsaid.
                        given.insert("n".to_owned());
                    }
                    let unfilled: Vec<_> = shown.difference(&given).collect();
                    let unshown: Vec<_> = given
                        .difference(&shown)
                        .filter(|n| !(call.func == "tn" && *n == "n"))
                        .collect();
                    if !unfilled.is_empty() || !unshown.is_empty() {
                        wrong.push(format!(
                            "{}: {}({key}): not filled {unfilled:?}, not shown {unshown:?}",
                            call.file, call.func
                        ));
                    }
                }
            }
        }
    }
    assert!(seen > 150, "the scan found only {seen} calls");
    wrong.dedup();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_source_scan_sees_what_it_must() {
    // The scan itself: a key in a literal, a test module left out.
    let text = "let a = t(lang, \"list.title\");\n#[cfg(test)]\nmod tests {\n    \"file.notes\"\n}\nfn b() { \"x.y\" }\n";
    let kept = without_tests(text);
    let found = word_literals(&kept);
    assert!(
        found.contains("list.title") && found.contains("x.y"),
        "{found:?}"
    );
    assert!(!found.contains("file.notes"), "{found:?}");
}
