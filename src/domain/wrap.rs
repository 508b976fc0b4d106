//! Text wrapped at words to a width in terminal cells: a form's labels ([`words`]), and the
//! rows of a notes field ([`rows`]) with where its cursor stands among them ([`cursor`],
//! [`cursor_in`]) and the place in the text at a cell of a row ([`byte_at`]).
//!
//! One greedy wrapper does both. A row takes words while they fit; the whitespace after the
//! last word of a row hangs at its end (one cell past the width at most), so that no row
//! starts with the space it broke at; a word longer than a row is split between graphemes.
//! Widths are display widths as the screen lays text out ([`cells`]): a CJK character or
//! most emoji take two cells, a combining mark none.
//!
//! The rows of a notes field are byte ranges of its text that together are the whole text
//! (line breaks between them): nothing is left out, and every place of the cursor has a
//! cell of its own inside the field.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The cells one grapheme takes as ratatui lays it out: one with a control character none.
fn grapheme_cells(g: &str) -> usize {
    if g.contains(char::is_control) {
        0
    } else {
        g.width()
    }
}

/// The cells `s` takes on screen, grapheme by grapheme.
pub fn cells(s: &str) -> usize {
    s.graphemes(true).map(grapheme_cells).sum()
}

/// Whether a grapheme is a space a row may break at (a no-break space is not).
fn is_space(g: &str) -> bool {
    g.chars()
        .next()
        .is_some_and(|c| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}'))
}

/// Greedy rows of one paragraph `p` (no line break) at `w` cells: byte ranges that are
/// together all of `p`, in order. What a row shows before its trailing whitespace takes at
/// most `w` cells (a grapheme wider than `w` stands alone); with the whitespace hanging at
/// its end, at most `w + 1`.
pub fn paragraph(p: &str, w: usize) -> Vec<Range<usize>> {
    let w = w.max(1);
    let gs: Vec<(usize, &str)> = p.grapheme_indices(true).collect();
    let mut rows = Vec::new();
    let mut start = 0;
    let mut used = 0;
    let mut k = 0;
    while k < gs.len() {
        let (i, g) = gs[k];
        if is_space(g) {
            let gw = grapheme_cells(g);
            if used + gw > w + 1 && i > start {
                rows.push(start..i);
                start = i;
                used = 0;
            }
            used += gw;
            k += 1;
            continue;
        }
        let end = (k..gs.len())
            .find(|&e| is_space(gs[e].1))
            .unwrap_or(gs.len());
        let word_end = gs.get(end).map_or(p.len(), |x| x.0);
        let ww = cells(&p[i..word_end]);
        if used + ww <= w {
            used += ww;
            k = end;
            continue;
        }
        if i > start {
            // The word starts the next row.
            rows.push(start..i);
            start = i;
            used = 0;
            continue;
        }
        // Longer than a row: as much as fits, at least one grapheme.
        let mut n = k;
        while n < end && used + grapheme_cells(gs[n].1) <= w {
            used += grapheme_cells(gs[n].1);
            n += 1;
        }
        if n == k {
            used += grapheme_cells(gs[k].1);
            n = k + 1;
        }
        if n < end {
            rows.push(start..gs[n].0);
            start = gs[n].0;
            used = 0;
        }
        k = n;
    }
    rows.push(start..p.len());
    rows
}

/// `text` wrapped for reading at `w` cells a row: runs of whitespace and line breaks read
/// as one space, each row without trailing space; no row wider than `w`, but for a single
/// grapheme wider than that.
pub fn words(text: &str, w: usize) -> Vec<String> {
    let one = text.split_whitespace().collect::<Vec<_>>().join(" ");
    paragraph(&one, w)
        .into_iter()
        .map(|r| one[r].trim_end().to_owned())
        .collect()
}

/// The rows of a notes field `width` cells wide holding `text` (lines split at `\n`): byte
/// ranges of `text`, each line wrapped at words. Text takes at most `width - 1` cells of a
/// row, so that the cursor after it has a cell, and whitespace hanging at a row's end at
/// most the last; a line whose last row leaves no cell for the cursor gets an empty row
/// after it. So no row is wider than `width` (at widths of 3 and up), and [`cursor_in`]
/// gives every place in the text a cell inside the field.
pub fn rows(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut at = 0;
    for p in text.split('\n') {
        let wrapped = paragraph(p, width.saturating_sub(1));
        let last = wrapped.last().map_or(0, |r| cells(&p[r.clone()]));
        out.extend(wrapped.into_iter().map(|r| r.start + at..r.end + at));
        if last >= width {
            out.push(at + p.len()..at + p.len());
        }
        at += p.len() + 1;
    }
    out
}

/// Whether row `n` ends its line (the next row, if any, starts after a line break).
fn ends_line(rows: &[Range<usize>], n: usize) -> bool {
    rows.get(n + 1).is_none_or(|next| next.start != rows[n].end)
}

/// Where the cursor at byte `at` of `text` stands in the rows of a notes field `width`
/// cells wide: (row, cell), the cell counted in display width from the row's start.
pub fn cursor(text: &str, at: usize, width: usize) -> (usize, usize) {
    cursor_in(text, &rows(text, width), at)
}

/// [`cursor`] in rows already wrapped. A place where a row breaks belongs to the row after
/// it (the cursor before the first letter there), the end of a line to its last row.
pub fn cursor_in(text: &str, rows: &[Range<usize>], at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    // The last row starting at or before the place: a place where rows meet starts the
    // later one, and a line's end is past no other row's start.
    let n = rows.partition_point(|r| r.start <= at).saturating_sub(1);
    match rows.get(n) {
        Some(r) if r.start <= at && at <= r.end => (n, cells(&text[r.start..at])),
        _ => (n, 0),
    }
}

/// The place in `text` on row `row` nearest before cell `col`: where moving up or down a
/// row puts the cursor. A row that does not end its line gives at most the place before
/// its last grapheme (its end is the next row's start); a row past the last gives the end.
pub fn byte_at(text: &str, rows: &[Range<usize>], row: usize, col: usize) -> usize {
    let Some(r) = rows.get(row) else {
        return text.len();
    };
    let mut used = 0;
    let mut best = r.start;
    for (i, g) in text[r.clone()].grapheme_indices(true) {
        if used > col {
            return best;
        }
        best = r.start + i;
        used += grapheme_cells(g);
    }
    if ends_line(rows, row) && used <= col {
        r.end
    } else {
        best
    }
}

#[cfg(test)]
mod tests;
