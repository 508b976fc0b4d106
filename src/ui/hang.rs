//! A pane's lines wrapped at words to its width with a hanging indent: a line's later rows
//! start under its text (after its leading spaces or cursor mark, or under a value that
//! follows a label and two spaces), so a wrapped note or value never runs back to the
//! pane's edge. The styles of the spans go with their text.

use crate::domain::wrap::{cells, paragraph};
use ratatui::text::{Line, Span};

/// The cell where a line's later rows start: after its leading spaces (a cursor mark `▸`
/// counts as one), or after the first run of two spaces within its first half (a label's
/// value, a date's text); at most half the width.
fn indent(text: &str, width: usize) -> usize {
    let lead = text.chars().take_while(|c| *c == ' ' || *c == '▸').count();
    let rest = &text[text.char_indices().nth(lead).map_or(text.len(), |(i, _)| i)..];
    let under_value = rest
        .find("  ")
        .map(|at| {
            let after = rest[at..].len() - rest[at..].trim_start().len();
            lead + cells(&rest[..at + after])
        })
        .filter(|&i| i <= width / 2);
    under_value.unwrap_or(lead).min(width / 2)
}

/// `line` as rows of at most `width` cells (a single grapheme wider than that stands
/// alone), its later rows indented.
pub fn hang(line: &Line<'static>, width: usize) -> Vec<Line<'static>> {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    if cells(&text) <= width || width < 4 {
        return vec![line.clone()];
    }
    let pad = indent(&text, width);
    // The first row at the full width, the rest at the width beside the indent.
    let first = paragraph(&text, width)
        .into_iter()
        .next()
        .unwrap_or(0..text.len());
    let mut ranges = vec![first.clone()];
    let rest = &text[first.end..];
    if !rest.is_empty() {
        let at = first.end;
        ranges.extend(
            paragraph(rest, width - pad)
                .into_iter()
                .map(|r| r.start + at..r.end + at),
        );
    }
    // Each span's byte range in `text`.
    let mut bounds = Vec::with_capacity(line.spans.len());
    let mut at = 0;
    for s in &line.spans {
        bounds.push(at..at + s.content.len());
        at += s.content.len();
    }
    ranges
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let end = r.start + text[r.clone()].trim_end().len();
            let mut spans = Vec::new();
            if n > 0 {
                spans.push(Span::raw(" ".repeat(pad)));
            }
            for (s, b) in line.spans.iter().zip(&bounds) {
                let (from, to) = (b.start.max(r.start), b.end.min(end));
                if from < to {
                    spans.push(Span::styled(text[from..to].to_owned(), s.style));
                }
            }
            Line::from(spans).style(line.style)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    fn rows(line: Line<'static>, w: usize) -> Vec<String> {
        hang(&line, w).iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn a_wrapped_note_stays_under_its_text() {
        let l = Line::raw("      Huisbezoek afgelegd. Woning op orde, klant zorgt voor moeder.");
        assert_eq!(
            rows(l, 40),
            [
                "      Huisbezoek afgelegd. Woning op",
                "      orde, klant zorgt voor moeder.",
            ]
        );
    }

    #[test]
    fn a_value_continues_under_the_value() {
        let l = Line::from(vec![
            Span::styled("Ladder rung   ", Style::new().dim()),
            Span::raw("5 Paid work with support ↑ (12-10-2026)"),
        ]);
        assert_eq!(
            rows(l, 40),
            [
                "Ladder rung   5 Paid work with support ↑",
                "              (12-10-2026)",
            ]
        );
        // The label's style stays on the label.
        let l = Line::from(vec![
            Span::styled("Ladder rung   ", Style::new().dim()),
            Span::raw("5 Paid work with support ↑ (12-10-2026)"),
        ]);
        let hung = hang(&l, 40);
        assert_eq!(hung[0].spans[0].style, Style::new().dim());
        assert_eq!(hung[1].spans[1].style, Style::default());
    }

    #[test]
    fn the_cursor_mark_counts_as_a_space() {
        let l = Line::raw("▸ 13-02-2026 Telefoon gesprek met de werkgever over de plaatsing");
        let r = rows(l, 30);
        assert!(r[1].starts_with("  ") && !r[1].starts_with("   "), "{r:?}");
    }

    #[test]
    fn no_row_is_wider_than_the_pane_and_nothing_is_lost() {
        let text = "  12-03-2026 Gesprek 中文字 met 👩‍👩‍👧 over Yılmaz' werk, \
                    langwoordzonderspatiesdatnietpast en verder";
        for w in 4..80 {
            let hung = hang(&Line::raw(text), w);
            for l in &hung {
                assert!(l.width() <= w.max(2), "{w}: {l}");
            }
            let joined: String = hung
                .iter()
                .map(|l| l.to_string().trim().to_owned())
                .collect::<Vec<_>>()
                .join(" ");
            let words = |s: &str| s.split_whitespace().collect::<String>();
            assert_eq!(words(&joined), words(text), "{w}");
        }
    }
}
