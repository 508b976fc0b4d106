//! The client file's aftercare section: mode and consent, period, the flag, the planned and
//! held contacts, and the premium instalments.

use super::theme;
use crate::domain::codes::{Code, ContactStatus, PlanStatus, Risk};
use crate::domain::date::fmt_date;
use crate::domain::model::{AftercareContact, AftercarePlan};
use crate::domain::money::fmt_euro;
use crate::domain::premium_pay::InstalmentState;
use crate::i18n::{Lang, t, tf};
use crate::store::aftercare_view::AftercareFile;
use chrono::NaiveDate;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

fn field(lang: Lang, key: &str, value: String, style: Style) -> Line<'static> {
    Line::from(vec![
        Span::styled(crate::domain::display::pad(t(lang, key), 14), theme::dim()),
        Span::styled(value, style),
    ])
}

/// The line marked as under the cursor, or not.
fn marked(here: bool, text: String, style: Style) -> Line<'static> {
    let mark = if here { "▸ " } else { "  " };
    let line = Line::styled(format!("{mark}{text}"), style);
    if here {
        line.patch_style(theme::selected())
    } else {
        line
    }
}

/// The lines of the aftercare section (a blank line and a heading first); `wide` adds the
/// channel and dates of held contacts and the payment dates. The contact or instalment
/// under the cursor (counted among the contacts, then the instalments) is marked; returns
/// the line of each.
pub fn lines(
    a: &AftercareFile,
    lang: Lang,
    today: NaiveDate,
    wide: bool,
    cursor: Option<usize>,
    out: &mut Vec<Line<'static>>,
) -> Vec<usize> {
    let mut items = Vec::new();
    out.push(Line::raw(""));
    out.push(Line::styled(
        t(lang, "checkin.file.title").to_owned(),
        theme::title(),
    ));
    if let Some(p) = &a.plan {
        plan_lines(p, lang, out);
        if !a.contacts.is_empty() {
            out.push(Line::styled(
                t(lang, "checkin.file.contacts").to_owned(),
                theme::label(),
            ));
            for c in &a.contacts {
                let here = cursor == Some(items.len());
                items.push(out.len());
                contact_lines(c, lang, today, wide, here, out);
            }
        }
    }
    if !a.instalments.is_empty() {
        out.push(Line::styled(
            t(lang, "checkin.file.premium").to_owned(),
            theme::label(),
        ));
        for i in &a.instalments {
            let (state, style) = match i.state() {
                InstalmentState::Cancelled(_) => {
                    (t(lang, "checkin.file.cancelled").into(), theme::dim())
                }
                InstalmentState::Paid(d) if wide => (
                    tf(lang, "checkin.file.paid_on", &[("date", &fmt_date(d))]),
                    theme::dim(),
                ),
                InstalmentState::Paid(_) => (t(lang, "checkin.file.paid").to_owned(), theme::dim()),
                InstalmentState::Forfeited(d, reason) if wide => (
                    tf(
                        lang,
                        "premium_pay.file_forfeited_on",
                        &[("date", &fmt_date(d)), ("reason", &reason)],
                    ),
                    theme::dim(),
                ),
                InstalmentState::Forfeited(..) => (
                    t(lang, "premium_pay.file_forfeited").to_owned(),
                    theme::dim(),
                ),
                InstalmentState::Open if i.due_on < today => {
                    (t(lang, "checkin.file.unpaid").into(), theme::error())
                }
                InstalmentState::Open => (t(lang, "checkin.file.unpaid").into(), theme::text()),
            };
            let uplift = if i.uplift.is_some() {
                format!(" ({})", t(lang, "premium_pay.file_uplift"))
            } else {
                String::new()
            };
            let here = cursor == Some(items.len());
            items.push(out.len());
            out.push(marked(
                here,
                format!(
                    "{}. {} {}{uplift} {state}",
                    i.seq,
                    fmt_date(i.due_on),
                    fmt_euro(i.amount_cents, lang)
                ),
                style,
            ));
        }
    }
    items
}

/// Mode, consent, period, how it ended, and the flag.
fn plan_lines(p: &AftercarePlan, lang: Lang, out: &mut Vec<Line<'static>>) {
    let mut mode = p.mode.label(lang).to_owned();
    if p.extended {
        mode.push_str(&format!(" · {}", t(lang, "checkin.file.extended")));
    }
    out.push(field(lang, "checkin.file.mode", mode, theme::text()));
    let (consent, style) = if p.consent {
        (t(lang, "form.yes"), theme::text())
    } else {
        (t(lang, "checkin.file.consent_no"), theme::warn())
    };
    out.push(field(
        lang,
        "checkin.file.consent",
        consent.to_owned(),
        style,
    ));
    let period = format!("{} – {}", fmt_date(p.starts_on), fmt_date(p.ends_on));
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
            format!("⚑ {}", t(lang, "checkin.file.flagged")),
            theme::error(),
        ));
    }
}

/// One contact: date, kind, what became of it; referrals and a raised risk beneath.
fn contact_lines(
    c: &AftercareContact,
    lang: Lang,
    today: NaiveDate,
    wide: bool,
    here: bool,
    out: &mut Vec<Line<'static>>,
) {
    // A contact outside the schedule says what it was, and who held it.
    let mut kind = match (c.occasion, c.held_by) {
        (Some(o), Some(by)) => format!("{} ({})", o.label(lang), by.label(lang).to_lowercase()),
        (Some(o), None) => o.label(lang).to_owned(),
        _ => c.kind.label(lang).to_owned(),
    };
    if c.attempt > 1 {
        kind.push_str(&format!(" ({})", c.attempt));
    }
    let label = |s: ContactStatus| s.label(lang).to_lowercase();
    let (mut state, style) = match c.status {
        ContactStatus::Planned if c.planned_on < today => {
            (t(lang, "checkin.file.overdue").to_owned(), theme::error())
        }
        ContactStatus::Planned => (t(lang, "checkin.file.open").to_owned(), theme::text()),
        ContactStatus::Done => (t(lang, "checkin.file.reached").to_owned(), theme::text()),
        ContactStatus::NotReached => (label(ContactStatus::NotReached), theme::warn()),
        ContactStatus::Cancelled => (label(ContactStatus::Cancelled), theme::dim()),
    };
    if wide && let Some(on) = c.done_on {
        state.push_str(&format!(" {}", fmt_date(on)));
        if let Some(ch) = c.channel {
            state.push_str(&format!(" ({})", ch.label(lang).to_lowercase()));
        }
    }
    out.push(marked(
        here,
        format!("{} {kind} · {state}", fmt_date(c.planned_on)),
        style,
    ));
    let mut facts: Vec<String> = c
        .referrals
        .iter()
        .map(|r| r.label(lang).to_owned())
        .collect();
    if let Some(r @ (Risk::Medium | Risk::High)) = c.risk {
        facts.push(tf(
            lang,
            "checkin.file.risk",
            &[("risk", &r.label(lang).to_lowercase())],
        ));
    }
    if !facts.is_empty() {
        out.push(Line::styled(
            format!("    → {}", facts.join(", ")),
            theme::dim(),
        ));
    }
}
