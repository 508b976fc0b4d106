//! The exit letter: a Markdown template (`assets/letters/exit_<lang>.md`, overridable) with
//! `{{name}}` placeholders and `{{#name}}…{{/name}}` / `{{^name}}…{{/name}}` sections,
//! filled from the exit as recorded.

use super::catalog::AssetError;
use super::codes::{AftercareMode, ExitCategory, ExitReason};
use super::date::fmt_date;
use super::money::fmt_euro;
use super::premium::Rule;
use crate::i18n::{Lang, tf};
use chrono::NaiveDate;
use std::collections::HashMap;

/// The built-in Dutch template.
pub const BUILTIN_NL: &str = include_str!("../../assets/letters/exit_nl.md");
/// The built-in English template.
pub const BUILTIN_EN: &str = include_str!("../../assets/letters/exit_en.md");

/// The names a template may use: values (`{{name}}`) and, when non-empty or true, sections.
pub const NAMES: &[&str] = &[
    "date",
    "client_name",
    "client_number",
    "exit_date",
    "last_payment",
    "employer",
    "job_title",
    "caseworker",
    "contact",
    "aftercare_until",
    "first_contact",
    "premium_total",
    "premium_instalments",
    "premium_condition",
    // flags, for sections only
    "congratulate",
    "offered",
    "active",
    "passive",
    "declined",
    "premium",
];

/// Everything the exit letter says; the store fills it (see
/// [`crate::store::Store::letter_facts`]), the caller adds who to contact.
#[derive(Clone, Debug, PartialEq)]
pub struct LetterFacts {
    /// The letter's date.
    pub date: NaiveDate,
    /// "Jan van der Berg".
    pub client_name: String,
    /// "K000123": never the BSN.
    pub client_number: String,
    pub reason: ExitReason,
    pub exit_date: NaiveDate,
    pub last_payment_date: Option<NaiveDate>,
    pub employer: String,
    pub job_title: String,
    /// The caseworker who stays the contact person (empty: "your caseworker").
    pub caseworker: String,
    /// How to reach them: phone, e-mail (may be empty).
    pub contact: String,
    pub aftercare: AftercareMode,
    /// The end of the aftercare plan.
    pub aftercare_until: Option<NaiveDate>,
    /// The first planned aftercare contact.
    pub first_contact: Option<NaiveDate>,
    /// The premium instalments granted: due date and amount in cents.
    pub instalments: Vec<(NaiveDate, i64)>,
    /// The rules of the premium's scheme: one checked only when paying makes the letter
    /// promise the premium on that condition, not unconditionally.
    pub premium_conditions: Vec<Rule>,
}

/// Whether an exit gets a letter: excluded reasons (death, state pension, ...) never count
/// as an exit and get none.
pub fn applies(reason: ExitReason) -> bool {
    reason.counts_as_exit()
}

enum Value {
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

impl LetterFacts {
    fn values(&self, lang: Lang) -> HashMap<&'static str, Value> {
        let category = self.reason.category();
        let mut v = HashMap::new();
        let text = |s: &str| Value::Text(s.trim().to_owned());
        let date = |d: Option<NaiveDate>| Value::Text(d.map(fmt_date).unwrap_or_default());
        v.insert("date", date(Some(self.date)));
        v.insert("client_name", text(&self.client_name));
        v.insert("client_number", text(&self.client_number));
        v.insert("exit_date", date(Some(self.exit_date)));
        v.insert("last_payment", date(self.last_payment_date));
        v.insert("employer", text(&self.employer));
        v.insert("job_title", text(&self.job_title));
        v.insert("caseworker", text(&self.caseworker));
        v.insert("contact", text(&self.contact));
        v.insert("aftercare_until", date(self.aftercare_until));
        v.insert("first_contact", date(self.first_contact));
        let total: i64 = self.instalments.iter().map(|i| i.1).sum();
        let lines: Vec<String> = self
            .instalments
            .iter()
            .map(|(due, cents)| {
                tf(
                    lang,
                    "exit_letter.instalment",
                    &[
                        ("amount", &fmt_euro(*cents, lang)),
                        ("date", &fmt_date(*due)),
                    ],
                )
            })
            .collect();
        v.insert(
            "premium_total",
            Value::Text(if total > 0 {
                fmt_euro(total, lang)
            } else {
                String::new()
            }),
        );
        v.insert("premium_instalments", Value::Text(lines.join("\n")));
        let conditions: Vec<String> = self
            .premium_conditions
            .iter()
            .filter_map(|r| r.at_payment(lang))
            .collect();
        v.insert("premium_condition", Value::Text(conditions.join("; ")));
        let offered = matches!(category, ExitCategory::Work | ExitCategory::Study);
        v.insert("congratulate", Value::Flag(offered));
        v.insert("offered", Value::Flag(offered));
        v.insert(
            "active",
            Value::Flag(offered && self.aftercare == AftercareMode::Active),
        );
        v.insert(
            "passive",
            Value::Flag(offered && self.aftercare == AftercareMode::Passive),
        );
        v.insert(
            "declined",
            Value::Flag(offered && self.aftercare == AftercareMode::Declined),
        );
        v.insert("premium", Value::Flag(!self.instalments.is_empty()));
        v
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
}

/// A tag alone on its line (`{{#x}}`, `{{^x}}`, `{{/x}}`): the line disappears.
fn standalone(line: &str) -> Option<&str> {
    let t = line.trim();
    let inner = t.strip_prefix("{{")?.strip_suffix("}}")?;
    (inner.starts_with(['#', '^', '/']) && !inner.contains("}}")).then_some(inner)
}

impl Template {
    /// Parses a template; unknown names and unbalanced sections are errors with their line.
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
        Ok(Template {
            tokens: stack.pop().map(|s| s.2).unwrap_or_default(),
        })
    }

    /// The letter for `facts` in `lang` (the language of the template's texts).
    pub fn render(&self, facts: &LetterFacts, lang: Lang) -> String {
        let values = facts.values(lang);
        let mut out = String::new();
        render(&self.tokens, &values, &mut out);
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
    fn the_builtin_templates_parse() {
        Template::parse(BUILTIN_NL).expect("exit_nl.md parses");
        Template::parse(BUILTIN_EN).expect("exit_en.md parses");
    }

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
    fn sections_and_standalone_lines() {
        let t = Template::parse("A\n{{#premium}}\nP {{premium_total}}\n{{/premium}}\n{{^premium}}\nnone\n{{/premium}}\nB {{employer}}.\n").unwrap();
        let mut f = LetterFacts {
            date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            client_name: "x".into(),
            client_number: "K000001".into(),
            reason: ExitReason::WorkEmployment,
            exit_date: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            last_payment_date: None,
            employer: "Acme".into(),
            job_title: String::new(),
            caseworker: String::new(),
            contact: String::new(),
            aftercare: AftercareMode::Declined,
            aftercare_until: None,
            first_contact: None,
            instalments: Vec::new(),
            premium_conditions: vec![Rule::IncomeAboveNorm],
        };
        assert_eq!(t.render(&f, Lang::En), "A\nnone\nB Acme.\n");
        f.instalments = vec![(f.exit_date, 50_000)];
        assert_eq!(t.render(&f, Lang::En), "A\nP €500.00\nB Acme.\n");
        // Only a rule checked when paying is a condition.
        let t = Template::parse("{{^premium_condition}}sure{{/premium_condition}}{{#premium_condition}}if {{premium_condition}}{{/premium_condition}}\n").unwrap();
        assert_eq!(t.render(&f, Lang::En), "sure\n");
        f.premium_conditions
            .push(Rule::MonthsWithOneEmployer { months: 6 });
        assert_eq!(t.render(&f, Lang::En), "if 6 months with one employer\n");
    }
}
