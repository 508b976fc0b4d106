//! The letter template engine: `{{name}}` placeholders and `{{#name}}…{{/name}}` /
//! `{{^name}}…{{/name}}` sections, parsed and checked once, rendered from named values.

use super::{LetterKind, NAMES};
use crate::domain::catalog::AssetError;
use std::collections::HashMap;

/// A value a template can show (`{{name}}`) or test (`{{#name}}`).
pub(super) enum Value {
    Text(String),
    Flag(bool),
}

impl Value {
    fn truthy(&self) -> bool {
        match self {
            Value::Text(s) => !s.is_empty(),
            Value::Flag(b) => *b,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Text(String),
    Var(String),
    Section {
        name: String,
        inverted: bool,
        body: Vec<Token>,
    },
}

/// A parsed, checked letter template.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    tokens: Vec<Token>,
    /// Whether the template has a section per kind of exit (`{{#work}}`, `{{#moved}}`, …).
    by_kind: bool,
}

/// A tag alone on its line (`{{#x}}`, `{{^x}}`, `{{/x}}`): the line disappears.
fn standalone(line: &str) -> Option<&str> {
    let t = line.trim();
    let inner = t.strip_prefix("{{")?.strip_suffix("}}")?;
    (inner.starts_with(['#', '^', '/']) && !inner.contains("}}")).then_some(inner)
}

/// The names of the sections in `tokens`, nested ones too.
fn section_names<'a>(tokens: &'a [Token], out: &mut Vec<&'a str>) {
    for t in tokens {
        if let Token::Section { name, body, .. } = t {
            out.push(name);
            section_names(body, out);
        }
    }
}

impl Template {
    /// Parses a template; unknown names and unbalanced sections are errors with their line.
    /// A template with a section for one kind of exit needs one for every kind (else a
    /// client would get a letter with nothing in it); one with none is from before the
    /// kinds (see [`Template::for_work_only`]).
    pub fn parse(text: &str) -> Result<Template, AssetError> {
        // A stack of open sections: (name, inverted, tokens so far, line).
        let mut stack: Vec<(String, bool, Vec<Token>, usize)> =
            vec![(String::new(), false, Vec::new(), 0)];
        let err = |line: usize, m: String| AssetError {
            line: Some(line),
            message: m,
        };
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        for (i, raw) in lines.iter().enumerate() {
            let n = i + 1;
            let mut tags: Vec<(bool, String)> = Vec::new(); // (is_tag, content)
            if let Some(inner) = standalone(raw) {
                tags.push((true, inner.to_owned()));
            } else {
                let mut rest: &str = raw;
                while let Some(at) = rest.find("{{") {
                    tags.push((false, rest[..at].to_owned()));
                    let after = &rest[at + 2..];
                    let end = after
                        .find("}}")
                        .ok_or_else(|| err(n, "\"{{\" without \"}}\"".into()))?;
                    tags.push((true, after[..end].trim().to_owned()));
                    rest = &after[end + 2..];
                }
                tags.push((false, rest.to_owned()));
            }
            for (is_tag, content) in tags {
                if !is_tag {
                    if !content.is_empty()
                        && let Some(top) = stack.last_mut()
                    {
                        top.2.push(Token::Text(content));
                    }
                    continue;
                }
                let (sigil, name) = match content.chars().next() {
                    Some(c @ ('#' | '^' | '/')) => (Some(c), content[1..].trim().to_owned()),
                    _ => (None, content.clone()),
                };
                if !NAMES.contains(&name.as_str()) {
                    return Err(err(n, format!("unknown placeholder \"{{{{{content}}}}}\"")));
                }
                match sigil {
                    Some('#') | Some('^') => stack.push((name, sigil == Some('^'), Vec::new(), n)),
                    Some(_) => {
                        let open = stack.len() > 1 && stack.last().is_some_and(|s| s.0 == name);
                        if !open {
                            return Err(err(
                                n,
                                format!("\"{{{{/{name}}}}}\" closes no open section"),
                            ));
                        }
                        if let Some((name, inverted, body, _)) = stack.pop()
                            && let Some(top) = stack.last_mut()
                        {
                            top.2.push(Token::Section {
                                name,
                                inverted,
                                body,
                            });
                        }
                    }
                    None => {
                        if let Some(top) = stack.last_mut() {
                            top.2.push(Token::Var(name));
                        }
                    }
                }
            }
        }
        if stack.len() > 1 {
            let (name, _, _, line) = &stack[stack.len() - 1];
            return Err(err(*line, format!("section \"{name}\" is not closed")));
        }
        let tokens = stack.pop().map(|s| s.2).unwrap_or_default();
        let mut names = Vec::new();
        section_names(&tokens, &mut names);
        let by_kind = LetterKind::ALL.iter().any(|k| names.contains(&k.name()));
        let missing: Vec<&str> = LetterKind::ALL
            .iter()
            .map(|k| k.name())
            .filter(|k| !names.contains(k))
            .collect();
        if by_kind && !missing.is_empty() {
            let missing: Vec<String> = missing.iter().map(|k| format!("{{{{#{k}}}}}")).collect();
            return Err(AssetError {
                line: None,
                message: format!(
                    "it has sections per kind of exit, but none for {}",
                    missing.join(", ")
                ),
            });
        }
        Ok(Template { tokens, by_kind })
    }

    /// Whether the template has a section per kind of exit. One without (an override from
    /// before the kinds, written for work exits) is used through [`Template::for_work_only`].
    pub fn by_kind(&self) -> bool {
        self.by_kind
    }

    /// This template for work exits, `other` (with a section per kind) for every other
    /// kind: an override from before the kinds keeps working for what it was written for,
    /// and never tells a client who moved that their job may end.
    pub fn for_work_only(self, other: &Template) -> Template {
        let section = |inverted, body| Token::Section {
            name: LetterKind::Work.name().to_owned(),
            inverted,
            body,
        };
        Template {
            tokens: vec![
                section(false, self.tokens),
                section(true, other.tokens.clone()),
            ],
            by_kind: true,
        }
    }

    /// The text for these values, tidied.
    pub(super) fn render_values(&self, values: &HashMap<&'static str, Value>) -> String {
        let mut out = String::new();
        render(&self.tokens, values, &mut out);
        tidy(&out)
    }
}

fn render(tokens: &[Token], values: &HashMap<&'static str, Value>, out: &mut String) {
    for t in tokens {
        match t {
            Token::Text(s) => out.push_str(s),
            Token::Var(name) => {
                if let Some(Value::Text(s)) = values.get(name.as_str()) {
                    out.push_str(s);
                }
            }
            Token::Section {
                name,
                inverted,
                body,
            } => {
                let on = values.get(name.as_str()).is_some_and(Value::truthy);
                if on != *inverted {
                    render(body, values, out);
                }
            }
        }
    }
}

/// At most one blank line in a row, trailing spaces off, one newline at the end.
fn tidy(s: &str) -> String {
    let mut out = String::new();
    let mut blank = 0;
    for line in s.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_template_says_where() {
        let e = Template::parse("Hello\n{{#premium}}\nx\n").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        let e = Template::parse("Hello\n\nDear {{bsn}}\n").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("bsn"), "{e}");
        let e = Template::parse("{{/premium}}\n").unwrap_err();
        assert_eq!(e.line, Some(1));
        let e = Template::parse("a {{date\n").unwrap_err();
        assert_eq!(e.line, Some(1));
    }

    #[test]
    fn sections_per_kind_cover_every_kind_or_none() {
        let old = Template::parse("Dear {{client_name}}\n").unwrap();
        assert!(!old.by_kind());
        let e = Template::parse("{{#work}}w{{/work}}\n{{#study}}s{{/study}}\n").unwrap_err();
        assert!(
            e.message.contains("{{#moved}}") && e.message.contains("{{#unknown}}"),
            "{e}"
        );
        assert!(!e.message.contains("{{#study}}"), "{e}");
        let all: String = LetterKind::ALL
            .iter()
            .map(|k| format!("{{{{#{0}}}}}{0}{{{{/{0}}}}}\n", k.name()))
            .collect();
        assert!(Template::parse(&all).unwrap().by_kind());
    }
}
