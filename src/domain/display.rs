//! Text from data made safe for a terminal, and measured as a terminal shows it.
//!
//! A name, a note or a provider comes from the caseworker, an import or a municipality's
//! data file, and is written to a terminal by the TUI and the CLI. Some characters would
//! act on the terminal instead of being shown, or would be drawn in other places and
//! widths than the layout counted. They are never shown; the set is exactly:
//!
//! - **control characters** (Unicode category Cc: U+0000–U+001F, U+007F–U+009F): ESC
//!   starts escape sequences (set the window title, clear the screen, write the
//!   clipboard with OSC 52), BEL rings, CR moves the cursor, U+009B is a one-byte CSI;
//! - **format characters** (category Cf): the bidirectional overrides, embeddings,
//!   isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), which
//!   reorder what follows them on the line; the zero-width space, joiners and word
//!   joiner (U+200B–U+200D, U+2060), the byte-order mark U+FEFF, the soft hyphen U+00AD,
//!   the invisible operators and tags, which terminals draw with a width of their own
//!   and so push the border of a pane out of place;
//! - **line and paragraph separators** (categories Zl, Zp: U+2028, U+2029).
//!
//! On one line ([`line`]) the white-space controls (tab, line feed, vertical tab, form
//! feed, carriage return, U+0085) and the separators stand as one space, so that words do
//! not run together; everything else of the set is left out.
//!
//! Widths are display widths (the `unicode-width` crate, as ratatui counts them): a CJK
//! character or most emoji take two cells, a combining accent none. [`pad`] and [`fit`]
//! pad and cut by them, at grapheme boundaries. Measure display text (after [`line`]):
//! `unicode-width` counts a control character as one cell, a terminal as none.
//!
//! The TUI leaves these characters out of every cell as the last step of drawing
//! (`ui::render`); the CLI's text output shows data through [`line`]. JSON and CSV output
//! and exports are data and keep every character (JSON escapes the controls itself).
//!
//! What the caseworker pastes into a form goes through [`one_line_input`] or
//! [`notes_input`]: the same characters are left out, and line breaks survive only in a
//! notes field. Data itself (the database, `--json`, export) keeps every character.

use std::borrow::Cow;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Whether `c` is never shown on a terminal (see the module).
pub fn is_hidden(c: char) -> bool {
    // ASCII is checked first: nearly every character is printable ASCII.
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    matches!(
        c.general_category(),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
    )
}

/// Whether `c` stands for a break between words: shown on one line as a space.
fn is_break(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\x0b' | '\x0c' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// `s` as one line of display text: white-space controls and separators as one space (a
/// run of them after a space adds none), every other hidden character left out. Borrowed
/// when there is nothing to change.
pub fn line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_break(c) {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else if !is_hidden(c) {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` with every hidden character left out (for a piece of text that is already one
/// grapheme or one line, such as a cell of the screen).
pub fn strip(s: &str) -> Cow<'_, str> {
    if s.chars().any(is_hidden) {
        Cow::Owned(s.chars().filter(|&c| !is_hidden(c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// The cells `s` takes on a terminal.
pub fn width(s: &str) -> usize {
    s.width()
}

/// `s` padded with spaces to `w` cells (a wider `s` is left as it is).
pub fn pad(s: &str, w: usize) -> String {
    let n = width(s);
    let mut out = String::with_capacity(s.len() + w.saturating_sub(n));
    out.push_str(s);
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(n)));
    out
}

/// `s` after as many spaces as make it `w` cells wide (aligned right).
pub fn pad_left(s: &str, w: usize) -> String {
    let mut out = " ".repeat(w.saturating_sub(width(s)));
    out.push_str(s);
    out
}

/// `s` cut to at most `w` cells, ending in `…` where something was cut.
pub fn fit(s: &str, w: usize) -> Cow<'_, str> {
    if width(s) <= w {
        return Cow::Borrowed(s);
    }
    if w == 0 {
        return Cow::Borrowed("");
    }
    Cow::Owned(format!("{}…", fit_cells(s, w - 1)))
}

/// The longest start of `s` of whole graphemes that takes at most `w` cells.
pub fn fit_cells(s: &str, w: usize) -> &str {
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true) {
        used += g.width();
        if used > w {
            return &s[..i];
        }
    }
    s
}

/// The part of `s` after its first `cells` cells (a wide character cut in two is
/// skipped whole): what is left in view when a line is scrolled.
pub fn skip_width(s: &str, cells: usize) -> &str {
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true) {
        if used >= cells {
            return &s[i..];
        }
        used += g.width();
    }
    ""
}

/// Text pasted into a one-line field: as [`line`] shows it (line breaks and tabs as one
/// space, the other hidden characters left out).
pub fn one_line_input(s: &str) -> String {
    line(s).into_owned()
}

/// Text pasted into a notes field: line breaks kept (`\r\n` and a lone `\r` become
/// `\n`), a tab as four spaces, every other hidden character left out.
pub fn notes_input(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
            '\t' => out.push_str("    "),
            c if is_hidden(c) => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_set_is_controls_formats_and_separators() {
        for c in [
            '\0',
            '\x07',
            '\x1b',
            '\x7f',
            '\u{9b}',
            '\u{ad}',
            '\u{61c}',
            '\u{200b}',
            '\u{200c}',
            '\u{200d}',
            '\u{200e}',
            '\u{200f}',
            '\u{202a}',
            '\u{202e}',
            '\u{2028}',
            '\u{2029}',
            '\u{2060}',
            '\u{2066}',
            '\u{2069}',
            '\u{feff}',
            '\u{e0041}',
        ] {
            assert!(is_hidden(c), "{c:?} is hidden");
        }
        for c in [
            'a',
            ' ',
            'é',
            '\u{301}',
            'ש',
            'م',
            '中',
            '\u{1f600}',
            '\u{fe0f}',
            '…',
        ] {
            assert!(!is_hidden(c), "{c:?} is shown");
        }
    }

    #[test]
    fn one_line_keeps_words_apart_and_drops_the_rest() {
        assert_eq!(line("Jan"), "Jan");
        assert!(matches!(line("Jan de Vries"), Cow::Borrowed(_)));
        assert_eq!(line("\x1b]0;pwned\x07Jan"), "]0;pwnedJan");
        assert_eq!(line("a\u{202e}b\u{2066}c\u{200b}d\u{feff}"), "abcd");
        assert_eq!(line("one\r\ntwo\tthree\u{2028}four"), "one two three four");
    }

    #[test]
    fn widths_are_display_widths() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("中文"), 4);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(pad("中", 4), "中  ");
        assert_eq!(pad("e\u{301}", 3), "e\u{301}  ");
        assert_eq!(pad("toolong", 3), "toolong");
    }

    #[test]
    fn fit_cuts_at_graphemes_with_an_ellipsis() {
        assert_eq!(fit("abc", 3), "abc");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("中文字", 4), "中…");
        assert_eq!(fit("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn skip_width_scrolls_by_cells() {
        assert_eq!(skip_width("abc", 1), "bc");
        assert_eq!(skip_width("中文x", 2), "文x");
        assert_eq!(skip_width("中文x", 1), "文x");
        assert_eq!(skip_width("ab", 5), "");
    }

    #[test]
    fn pasted_text_keeps_lines_only_in_notes() {
        assert_eq!(one_line_input("Jan\r\nde Vries\x1b[2J"), "Jan de Vries[2J");
        assert_eq!(
            notes_input("a\r\nb\rc\nd\te\x07\u{202e}"),
            "a\nb\nc\nd    e"
        );
    }
}
