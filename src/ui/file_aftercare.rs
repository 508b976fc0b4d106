//! The client file's aftercare section: mode and consent, period, the flag, the planned and
//! held contacts, and the premium instalments.

use super::theme;
use crate::domain::codes::{Code, ContactStatus, PlanStatus};
use crate::domain::date::fmt_date;
use crate::domain::model::{AftercareContact, AftercarePlan};
use crate::domain::money::fmt_euro;
use crate::i18n::{Lang, t, tf};
use crate::store::aftercare_view::AftercareFile;
use chrono::NaiveDate;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

fn field(lang: Lang, key: &str, value: String, style: Style) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{:<14}", t(lang, key)), theme::dim()),
        Span::styled(value, style),
    ])
}

/// The lines of the aftercare section (a blank line and a heading first).
pub fn lines(a: &AftercareFile, lang: Lang, today: NaiveDate, out: &mut Vec<Line<'static>>) {
    out.push(Line::raw(""));
    out.push(Line::styled(
        t(lang, "checkin.file.title").to_owned(),
        theme::title(),
    ));
    if let Some(p) = &a.plan {
        plan_lines(p, lang, out);
        if !a.contacts.is_empty() {
            out.push(Line::styled(
                format!("  {}", t(lang, "checkin.file.contacts")),
                theme::label(),
            ));
            for c in &a.contacts {
                contact_lines(c, lang, today, out);
            }
        }
    }
    if !a.instalments.is_empty() {
        out.push(Line::styled(
            format!("  {}", t(lang, "checkin.file.premium")),
            theme::label(),
        ));
        for i in &a.instalments {
            let (state, style) = match i.paid_on {
                Some(d) => (
                    tf(lang, "checkin.file.paid_on", &[("date", &fmt_date(d))]),
                    theme::dim(),
                ),
                None if i.due_on < today => (t(lang, "checkin.file.unpaid").into(), theme::error()),
                None => (t(lang, "checkin.file.unpaid").into(), theme::text()),
            };
            out.push(Line::styled(
                format!(
                    "    {}. {}  {}  {state}",
                    i.seq,
                    fmt_date(i.due_on),
                    fmt_euro(i.amount_cents, lang)
                ),
                style,
            ));
        }
    }
}

/// Mode, consent, period, status and the flag.
fn plan_lines(p: &AftercarePlan, lang: Lang, out: &mut Vec<Line<'static>>) {
    let consent = if p.consent {
        t(lang, "checkin.file.consent_yes")
    } else {
        t(lang, "checkin.file.consent_no")
    };
    out.push(field(
        lang,
        "checkin.file.mode",
        format!("{} · {consent}", p.mode.label(lang)),
        theme::text(),
    ));
    let mut period = format!("{} – {}", fmt_date(p.starts_on), fmt_date(p.ends_on));
    if p.extended {
        period.push_str(&format!(" · {}", t(lang, "checkin.file.extended")));
    }
    out.push(field(lang, "checkin.file.period", period, theme::text()));
    if p.status != PlanStatus::Active {
        let mut s = p.status.label(lang).to_owned();
        if let Some(d) = p.ended_on {
            s.push_str(&format!(" {}", fmt_date(d)));
        }
        if let Some(r) = p.end_reason {
            s.push_str(&format!(" · {}", r.label(lang)));
        }
        out.push(field(lang, "checkin.file.status", s, theme::dim()));
    }
    if p.flagged {
        out.push(Line::styled(
            format!("  ⚑ {}", t(lang, "checkin.file.flagged")),
            theme::error(),
        ));
    }
}

/// One contact: date, kind, what became of it; its referrals beneath.
fn contact_lines(c: &AftercareContact, lang: Lang, today: NaiveDate, out: &mut Vec<Line<'static>>) {
    let mut kind = c.kind.label(lang).to_owned();
    if c.attempt > 1 {
        kind.push_str(&format!(" ({})", c.attempt));
    }
    let (state, style) = match c.status {
        ContactStatus::Planned if c.planned_on < today => (
            ContactStatus::Planned.label(lang).to_owned(),
            theme::error(),
        ),
        ContactStatus::Planned => (ContactStatus::Planned.label(lang).to_owned(), theme::text()),
        ContactStatus::Done => (held(c, "checkin.file.reached", lang), theme::text()),
        ContactStatus::NotReached => (held(c, "checkin.file.not_reached", lang), theme::warn()),
        ContactStatus::Cancelled => (
            ContactStatus::Cancelled.label(lang).to_owned(),
            theme::dim(),
        ),
    };
    out.push(Line::from(vec![
        Span::styled(format!("    {} ", fmt_date(c.planned_on)), style),
        Span::styled(format!("{kind} · {state}"), style),
    ]));
    let mut facts: Vec<String> = c
        .referrals
        .iter()
        .map(|r| r.label(lang).to_owned())
        .collect();
    if let Some(r) = c.risk {
        facts.push(tf(
            lang,
            "checkin.file.risk",
            &[("risk", &r.label(lang).to_lowercase())],
        ));
    }
    if !facts.is_empty() {
        out.push(Line::styled(
            format!("      → {}", facts.join(", ")),
            theme::dim(),
        ));
    }
}

/// "reached 02-12-2026 (Phone)".
fn held(c: &AftercareContact, key: &str, lang: Lang) -> String {
    let mut s = tf(
        lang,
        key,
        &[("date", &c.done_on.map(fmt_date).unwrap_or_default())],
    );
    if let Some(ch) = c.channel {
        s.push_str(&format!(" ({})", ch.label(lang).to_lowercase()));
    }
    s
}
