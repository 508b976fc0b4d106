//! The passphrase screens: unlocking, choosing a new passphrase, the recovery key shown
//! once. Nothing of the caseload is drawn behind them; the passphrase shows as dots.

use super::theme;
use crate::i18n::{Lang, t, tf};
use crate::layout;
use crate::vault::prompt::{Prompt, Step};
use crate::vault::strength::{MIN_CHARS, Strength};
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph, Wrap};
use std::time::Instant;

/// Draws the prompt over the whole frame, which it clears first.
pub fn render(prompt: &Prompt, lang: Lang, now: Instant, frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    let (title, intro) = match prompt.step() {
        Step::Unlock => ("vault.title", t(lang, "vault.unlock_hint").to_owned()),
        Step::NewFirst | Step::NewRepeat => (
            "vault.setup_title",
            tf(lang, "vault.setup_intro", &[("min", &MIN_CHARS)]),
        ),
        Step::ShowRecovery => (
            "vault.recovery_title",
            t(lang, "vault.recovery_intro").into(),
        ),
    };
    let mut lines = vec![Line::raw(intro), Line::raw("")];
    match prompt.step() {
        Step::ShowRecovery => {
            let key = prompt.recovery().unwrap_or_default();
            lines.push(Line::from(Span::styled(format!("  {key}"), theme::title())));
            lines.push(Line::raw(""));
            lines.push(Line::from(Span::styled(
                t(lang, "vault.recovery_warning"),
                theme::warn(),
            )));
            lines.push(Line::raw(""));
            lines.push(Line::raw(t(lang, "vault.recovery_continue")));
            lines.push(Line::from(vec![
                Span::raw("> "),
                Span::styled(
                    prompt.typed_plain().unwrap_or_default().to_owned(),
                    theme::text(),
                ),
                Span::styled("█", theme::dim()),
            ]));
        }
        step => {
            let label = match step {
                Step::Unlock => "vault.prompt",
                Step::NewFirst => "vault.new_passphrase",
                _ => "vault.repeat_passphrase",
            };
            lines.push(Line::from(vec![
                Span::styled(t(lang, label), theme::key()),
                Span::raw("•".repeat(prompt.typed_len().min(64))),
                Span::styled("█", theme::dim()),
            ]));
            if let Some(s) = prompt.strength() {
                let style = if s == Strength::Weak {
                    theme::error()
                } else {
                    theme::dim()
                };
                lines.push(Line::from(Span::styled(
                    tf(
                        lang,
                        "vault.strength_is",
                        &[("strength", &t(lang, s.key()))],
                    ),
                    style,
                )));
            }
        }
    }
    if prompt.pending {
        lines.push(Line::raw(""));
        lines.push(Line::raw(t(lang, "vault.unlocking")));
    } else if let Some(said) = prompt.said {
        let n = match said.key {
            "vault.wrong_wait" => prompt.waiting(now).unwrap_or(said.n),
            _ => said.n,
        };
        let text = match said.key {
            "vault.wrong_wait" => tf(lang, said.key, &[("seconds", &n)]),
            "vault.wrong_tries" => tf(lang, said.key, &[("tries", &n)]),
            key => t(lang, key).to_owned(),
        };
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(text, theme::error())));
    }
    let w = 72u16.min(area.width);
    let h = 16u16.min(area.height);
    let rect = layout::centered(area, w, h);
    let block = Block::default()
        .borders(Borders::ALL)
        .padding(Padding::horizontal(1))
        .border_style(theme::focus_border(true))
        .title(Span::styled(
            format!(" {} ", t(lang, title)),
            theme::title(),
        ));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
}
