//! A client's story in one screen, for a colleague taking over (`S` in the client file,
//! `caseload summary`): who, where they stand, the plan's open agreements, the running
//! trajectory, exit and aftercare, the last notes, and what is overdue. Built once as
//! sections of plain text; the screen draws them, the command writes them as Markdown.
//! The BSN is masked, as everywhere on screen.

use crate::domain::assessment::domain_scores;
use crate::domain::catalog::Catalog;
use crate::domain::codes::Code;
use crate::domain::codes::TrajectoryStatus;
use crate::domain::date::{age_on, fmt_date};
use crate::domain::risk::{RiskConfig, assess};
use crate::i18n::{Lang, t, tf};
use crate::store::caseload::ClientFile;
use chrono::NaiveDate;

/// A section: its heading and its lines.
pub type Section = (String, Vec<String>);

/// A life domain scored this low or lower is weak (2: "not self-sufficient").
const WEAK: u8 = 2;

/// The first line of a text, for a summary.
fn first_line(s: &str) -> &str {
    s.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

/// The sections of `file`'s summary on `today` (the risk of re-entry weighed by `risk`);
/// empty sections are left out.
pub fn sections(
    file: &ClientFile,
    lang: Lang,
    today: NaiveDate,
    (catalog, risk): (&Catalog, &RiskConfig),
) -> Vec<Section> {
    let p = &file.client.person;
    let mut who = vec![format!(
        "{}  {}  {} {}",
        p.full_name(),
        crate::domain::model::client_number(file.client.id),
        t(lang, "file.bsn"),
        p.bsn.masked()
    )];
    if let Some(b) = p.birth_date {
        let age = tf(
            lang,
            "file.age_value",
            &[("age", &age_on(b, today)), ("born", &fmt_date(b))],
        );
        who.push(format!("{}: {age}", t(lang, "file.age")));
    }
    if let Some(h) = file.intake.as_ref().and_then(|i| i.household) {
        who.push(format!(
            "{}: {}",
            t(lang, "intake.household"),
            h.label(lang)
        ));
    }
    let contact: Vec<&str> = [p.phone.as_str(), p.email.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if !contact.is_empty() {
        who.push(contact.join(" · "));
    }
    let episode = file.episodes.last();
    // Since when in this phase: the exit, the first running trajectory, or the benefit.
    let running = file
        .trajectories
        .iter()
        .filter(|tr| {
            matches!(
                tr.status,
                TrajectoryStatus::Referred | TrajectoryStatus::Started
            )
        })
        .map(|tr| tr.start_date.unwrap_or(tr.referred_on))
        .min();
    let since = episode.map(|e| match (e.exit_date, file.phase) {
        (Some(x), _) => x,
        (None, crate::domain::Phase::Trajectory) => running.unwrap_or(e.benefit_start),
        (None, _) => e.benefit_start,
    });
    let mut now = vec![match since {
        Some(d) => tf(
            lang,
            "summary.phase_since",
            &[("phase", &file.phase.label(lang)), ("since", &fmt_date(d))],
        ),
        None => file.phase.label(lang).to_owned(),
    }];
    if let Some((rung, on)) = file.latest_rung {
        now.push(format!(
            "{}: {} {} ({})",
            t(lang, "file.rung"),
            rung.number(),
            rung.label(lang),
            fmt_date(on)
        ));
    }
    let weak: Vec<String> = domain_scores(&file.assessments)
        .into_iter()
        .filter(|s| s.latest <= WEAK)
        .map(|s| format!("{} ({})", s.domain.label(lang), s.latest))
        .collect();
    if !weak.is_empty() {
        now.push(format!("{}: {}", t(lang, "summary.weak"), weak.join(", ")));
    }
    if let Some(i) = &file.intake
        && !i.barriers.is_empty()
    {
        let b: Vec<&str> = i.barriers.iter().map(|b| b.label(lang)).collect();
        now.push(format!("{}: {}", t(lang, "intake.barriers"), b.join(", ")));
    }
    let agreements: Vec<String> = file
        .agreements
        .iter()
        .filter(|a| a.done_on.is_none())
        .map(|a| {
            let due = a
                .follow_up
                .map(|d| format!(" · {}", fmt_date(d)))
                .unwrap_or_default();
            format!("{} · {}{due}", first_line(&a.text), a.who.label(lang))
        })
        .collect();
    let trajectories: Vec<String> = file
        .trajectories
        .iter()
        .filter(|tr| {
            matches!(
                tr.status,
                TrajectoryStatus::Referred | TrajectoryStatus::Started
            )
        })
        .map(|tr| {
            let mut s = format!("{} ({})", tr.instrument_name, tr.status.label(lang));
            if let Some(d) = tr.start_date {
                s.push_str(&format!(" · {} {}", t(lang, "summary.since"), fmt_date(d)));
            }
            if let Some(r) = tr.next_review {
                s.push_str(&format!(" · {} {}", t(lang, "summary.review"), fmt_date(r)));
            }
            s
        })
        .collect();
    let mut exit = Vec::new();
    if let Some(e) = episode
        && let (Some(on), Some(reason)) = (e.exit_date, e.exit_reason)
    {
        exit.push(format!("{}: {}", fmt_date(on), reason.label(lang)));
    }
    let upcoming = |overdue: bool| -> Vec<String> {
        file.open_items
            .iter()
            .filter(|i| (i.due < today) == overdue)
            .map(|i| {
                format!(
                    "{}  {}: {}",
                    fmt_date(i.due),
                    i.kind.label(lang),
                    i.describe(lang, catalog)
                )
            })
            .collect()
    };
    exit.extend(upcoming(false).into_iter().take(3));
    let notes: Vec<String> = file
        .notes
        .iter()
        .take(3)
        .map(|n| format!("{}  {}", fmt_date(n.noted_on), first_line(&n.summary)))
        .collect();
    [
        ("summary.who", who),
        ("summary.now", now),
        ("summary.agreements", agreements),
        ("summary.trajectory", trajectories),
        ("summary.next", exit),
        (
            "summary.risk",
            file.risk
                .as_ref()
                .map(|f| assess(f, risk).lines(risk, lang))
                .unwrap_or_default(),
        ),
        ("summary.notes", notes),
        ("summary.overdue", upcoming(true)),
    ]
    .into_iter()
    .filter(|(_, lines)| !lines.is_empty())
    .map(|(key, lines)| (t(lang, key).to_owned(), lines))
    .collect()
}

/// The summary as Markdown (for `caseload summary`).
pub fn markdown(sections: &[Section], lang: Lang) -> String {
    let mut out = format!("# {}\n", t(lang, "summary.title"));
    for (heading, lines) in sections {
        out.push_str(&format!("\n## {heading}\n\n"));
        for l in lines {
            out.push_str(&format!("- {}\n", crate::domain::display::line(l)));
        }
    }
    out
}
