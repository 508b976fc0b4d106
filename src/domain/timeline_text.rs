//! The one- or two-line text of a timeline entry, in the caseworker's language.

use super::catalog::Catalog;
use super::codes::{Code, ContactKind};
use super::date::fmt_date;
pub use super::money::fmt_euro;
use super::templates::Templates;
use super::timeline::{Event, Scored, TimelineEntry, Trend};
use crate::i18n::{Lang, t, tf, tn};

/// What the texts need besides the entry: the language and the data files (instrument
/// and template names in the current language).
#[derive(Clone, Copy, Debug)]
pub struct TextContext<'a> {
    pub lang: Lang,
    pub catalog: &'a Catalog,
    pub templates: &'a Templates,
}

/// "4 Unpaid work ↑ (was 3)".
fn rung_text(r: &Scored<super::codes::Rung>, lang: Lang) -> String {
    let mut s = format!(
        "{} {} {}",
        r.now.number(),
        r.now.label(lang),
        r.trend().symbol()
    );
    if let (Some(b), Trend::Up | Trend::Down) = (r.before, r.trend()) {
        s.push(' ');
        s.push_str(&tf(lang, "timeline.was", &[("was", &b.number())]));
    }
    s
}

/// A label inside a sentence: its first letter in lower case ("Closing contact" →
/// "closing contact").
fn lower_first(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The instrument's name in the current catalogue, else the name stored with the record.
fn name_of<'a>(cx: &TextContext<'a>, key: &str, stored: &'a str) -> &'a str {
    cx.catalog.name_or(key, stored, cx.lang)
}

/// The text of a note without the template's untouched lines, folded onto one line.
fn condensed(summary: &str, template_lines: &[&str]) -> String {
    let lines: Vec<&str> = summary
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let own: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !template_lines.contains(l))
        .collect();
    if own.is_empty() {
        lines.first().copied().unwrap_or("").to_owned()
    } else {
        own.join(" · ")
    }
}

impl TimelineEntry {
    /// The first line: what happened, in a few words.
    pub fn headline(&self, cx: &TextContext) -> String {
        let lang = cx.lang;
        match &self.event {
            Event::Note {
                channel,
                template,
                agreements,
                ..
            } => {
                // A template names the conversation ("Home visit"); its channel is said
                // only when the note's differs from the template's own.
                let mut parts = Vec::new();
                match template.as_deref().and_then(|k| cx.templates.get(k)) {
                    Some(tpl) => {
                        parts.push(tpl.name(lang).to_owned());
                        if tpl.channel != *channel {
                            parts.push(channel.label(lang).to_owned());
                        }
                    }
                    None => parts.push(channel.label(lang).to_owned()),
                }
                if let Some(f) = agreements
                    .iter()
                    .filter(|a| a.done_on.is_none())
                    .filter_map(|a| a.follow_up)
                    .min()
                {
                    parts.push(tf(lang, "timeline.follow_up", &[("date", &fmt_date(f))]));
                }
                parts.join(" · ")
            }
            Event::Status {
                instrument,
                instrument_name,
                status,
                ..
            } => tf(
                lang,
                "timeline.status",
                &[
                    ("instrument", &name_of(cx, instrument, instrument_name)),
                    ("status", &status.label(lang)),
                ],
            ),
            Event::Review {
                instrument,
                instrument_name,
                ..
            } => tf(
                lang,
                "timeline.review",
                &[("instrument", &name_of(cx, instrument, instrument_name))],
            ),
            Event::Assessment { rung, domains, .. } => match rung {
                Some(r) => tf(lang, "timeline.rung", &[("rung", &rung_text(r, lang))]),
                None => tf(lang, "timeline.domains", &[("n", &domains.len())]),
            },
            Event::Exit { reason, .. } => {
                tf(lang, "timeline.exit", &[("reason", &reason.label(lang))])
            }
            Event::CheckIn {
                occasion: Some(what),
                held_by,
                ..
            } => tf(
                lang,
                "timeline.unplanned",
                &[
                    ("what", &what.label(lang)),
                    (
                        "who",
                        &held_by.map_or(String::new(), |b| b.label(lang).to_lowercase()),
                    ),
                ],
            ),
            Event::CheckIn {
                kind,
                reached,
                attempt,
                ..
            } => {
                // The ordinary contact says only that it was a check-in; another kind
                // (closing, contract end, ...) says which. A retry says its attempt.
                let kind = match kind {
                    ContactKind::Scheduled | ContactKind::Retry => None,
                    other => Some(lower_first(other.label(lang))),
                };
                match (reached, kind) {
                    (true, None) => t(lang, "timeline.check_in_held").to_owned(),
                    (true, Some(k)) => tf(lang, "timeline.check_in_held_kind", &[("kind", &k)]),
                    (false, None) => tf(lang, "timeline.check_in_missed", &[("n", attempt)]),
                    (false, Some(k)) => tf(
                        lang,
                        "timeline.check_in_missed_kind",
                        &[("kind", &k), ("n", attempt)],
                    ),
                }
            }
            Event::ReEntry { months, .. } => tn(lang, "timeline.reentry", *months, &[]),
            Event::Handover {
                out,
                person,
                confirmed,
                ..
            } => tf(
                lang,
                match (out, confirmed) {
                    (true, true) => "timeline.handed_over_confirmed",
                    (true, false) => "timeline.handed_over",
                    (false, _) => "timeline.received",
                },
                &[("person", &crate::domain::display::line(person))],
            ),
            Event::Premium {
                seq,
                amount_cents,
                cancelled,
                forfeited,
                ..
            } => tf(
                lang,
                if *cancelled {
                    "timeline.premium_cancelled"
                } else if *forfeited {
                    "premium_pay.timeline_forfeited"
                } else {
                    "timeline.premium"
                },
                &[("n", seq), ("amount", &fmt_euro(*amount_cents, lang))],
            ),
        }
    }

    /// The second line, when there is more to say.
    pub fn detail(&self, cx: &TextContext) -> Option<String> {
        let lang = cx.lang;
        let text = match &self.event {
            Event::Note {
                summary, template, ..
            } => {
                let tpl = template.as_deref().and_then(|k| cx.templates.get(k));
                let lines: Vec<&str> = tpl
                    .map(|t| t.text_nl.lines().chain(t.text_en.lines()).map(str::trim))
                    .into_iter()
                    .flatten()
                    .collect();
                condensed(summary, &lines)
            }
            Event::Status {
                result,
                reason,
                provider,
                ..
            } => match (result, reason) {
                (Some(r), _) => tf(lang, "timeline.result", &[("result", &r.label(lang))]),
                (None, Some(r)) => tf(lang, "timeline.reason", &[("reason", r)]),
                (None, None) if !provider.is_empty() => {
                    tf(lang, "timeline.provider", &[("provider", provider)])
                }
                _ => String::new(),
            },
            Event::Review {
                progress,
                next_review,
                ..
            } => {
                let mut parts: Vec<String> = vec![condensed(progress, &[])];
                if let Some(n) = next_review {
                    parts.push(tf(lang, "timeline.next_review", &[("date", &fmt_date(*n))]));
                }
                parts.retain(|p| !p.is_empty());
                parts.join(" · ")
            }
            Event::Assessment { domains, .. } => {
                let changed: Vec<String> = domains
                    .iter()
                    .filter(|(_, s)| s.trend() != Trend::Same)
                    .map(|(d, s)| format!("{} {} {}", d.label(lang), s.now, s.trend().symbol()))
                    .collect();
                if changed.is_empty() && !domains.is_empty() {
                    t(lang, "timeline.no_change").to_owned()
                } else {
                    changed.join(" · ")
                }
            }
            Event::Exit {
                job, last_payment, ..
            } => {
                let mut parts: Vec<String> = Vec::new();
                if let Some(j) = job {
                    parts.extend(
                        [&j.employer, &j.job_title]
                            .into_iter()
                            .filter(|s| !s.is_empty())
                            .cloned(),
                    );
                    if let Some(c) = j.contract_type {
                        let mut s = c.label(lang).to_owned();
                        if let Some(end) = j.contract_end {
                            s.push(' ');
                            s.push_str(&tf(lang, "timeline.until", &[("date", &fmt_date(end))]));
                        }
                        parts.push(s);
                    }
                }
                if let Some(p) = last_payment {
                    parts.push(tf(
                        lang,
                        "timeline.last_payment",
                        &[("date", &fmt_date(*p))],
                    ));
                }
                parts.join(" · ")
            }
            Event::CheckIn {
                still_working,
                risk,
                how_is_work,
                ..
            } => {
                let mut parts: Vec<String> = Vec::new();
                parts.extend(still_working.map(|w| w.label(lang).to_owned()));
                parts.extend(risk.map(|r| {
                    tf(
                        lang,
                        "timeline.risk",
                        &[("risk", &r.label(lang).to_lowercase())],
                    )
                }));
                parts.push(condensed(how_is_work, &[]));
                parts.retain(|p| !p.is_empty());
                parts.join(" · ")
            }
            Event::ReEntry {
                previous_exit,
                benefit_type,
                ..
            } => tf(
                lang,
                "timeline.reentry_detail",
                &[
                    ("exit", &fmt_date(*previous_exit)),
                    ("start", &fmt_date(self.on)),
                    ("benefit", &benefit_type.label(lang)),
                ],
            ),
            Event::Premium { .. } | Event::Handover { .. } => String::new(),
        };
        (!text.is_empty()).then_some(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euros_in_both_languages() {
        assert_eq!(fmt_euro(50_000, Lang::Nl), "€ 500,00");
        assert_eq!(fmt_euro(123_456_789, Lang::Nl), "€ 1.234.567,89");
        assert_eq!(fmt_euro(123_450, Lang::En), "€1,234.50");
        assert_eq!(fmt_euro(5, Lang::En), "€0.05");
    }

    #[test]
    fn a_note_shows_what_the_caseworker_wrote_not_the_template() {
        let tpl = [
            "Aanleiding",
            "Telefonisch contact met de klant.",
            "Besproken",
        ];
        let s = "Aanleiding\nTelefonisch contact met de klant.\n\nBesproken\nCv is af.\n";
        assert_eq!(condensed(s, &tpl), "Cv is af.");
        assert_eq!(condensed("Aanleiding\n", &tpl), "Aanleiding");
        assert_eq!(condensed("Eén.\nTwee.", &[]), "Eén. · Twee.");
    }
}
