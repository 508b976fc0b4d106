//! Pasting: the terminal hands over a paste as one text (bracketed paste), inserted at the
//! cursor in one go, cleaned as [`display`] says, and cut at the field's maximum length.
//!
//! The maximum lengths, in characters: a name 100 (set by the intake), any other line of
//! text 200, a date or number 40, a notes field 20,000 (some seven pages; a contact note
//! is a few paragraphs), a filter 200. Typing stops there too; the field says why.

use super::field::{Field, Kind, Value};
use crate::domain::display;
use tui_input::Input;

/// A person's name (first name, prefix, last name).
pub const NAME_MAX: usize = 100;
/// Any other one-line text.
pub const LINE_MAX: usize = 200;
/// A date or a number as typed (`17-05-1990`, `+2w`).
pub const SHORT_MAX: usize = 40;
/// A notes field.
pub const NOTES_MAX: usize = 20_000;
/// The filter of a list or a picker, and the period typed on the Reports screen.
pub const FILTER_MAX: usize = 200;

/// The maximum length of a field of `kind` (choices hold no typed text).
pub fn max_chars(kind: &Kind) -> usize {
    match kind {
        Kind::Text => LINE_MAX,
        Kind::Date | Kind::Number { .. } => SHORT_MAX,
        Kind::Notes => NOTES_MAX,
        _ => usize::MAX,
    }
}

/// What a paste did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pasted {
    /// The value changed.
    pub changed: bool,
    /// Not all of it fitted.
    pub cut: bool,
}

/// The first `n` characters of `s`.
fn take_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// Pastes `text` into a one-line input at its cursor, as one line (see
/// [`display::one_line_input`]), keeping the input within `max` characters.
pub fn into_input(input: &mut Input, text: &str, max: usize) -> Pasted {
    let clean = display::one_line_input(text);
    let value = input.value();
    let len = value.chars().count();
    let room = max.saturating_sub(len);
    let fits = take_chars(&clean, room);
    let cut = fits.len() < clean.len();
    if fits.is_empty() {
        return Pasted {
            changed: false,
            cut,
        };
    }
    let cursor = input.cursor().min(len);
    let at = value
        .char_indices()
        .nth(cursor)
        .map_or(value.len(), |(i, _)| i);
    let mut new = String::with_capacity(value.len() + fits.len());
    new.push_str(&value[..at]);
    new.push_str(fits);
    new.push_str(&value[at..]);
    *input = Input::new(new).with_cursor(cursor + fits.chars().count());
    Pasted { changed: true, cut }
}

impl Field {
    /// How many characters a text value holds (a notes field counts its line breaks).
    pub fn chars(&self) -> usize {
        match &self.value {
            Value::Line(i) => i.value().chars().count(),
            Value::Notes(t) => {
                let lines = t.lines();
                lines.iter().map(|l| l.chars().count()).sum::<usize>() + lines.len() - 1
            }
            _ => 0,
        }
    }

    /// Pastes `text` at the cursor in one go: a notes field keeps its line breaks, any
    /// other text field takes it as one line; what does not fit within [`Field::max`] is
    /// left out and the field marked [`Field::cut`]. A choice or yes/no takes nothing.
    pub fn paste(&mut self, text: &str) -> Pasted {
        let max = self.max;
        let room = max.saturating_sub(self.chars());
        let done = match &mut self.value {
            Value::Line(input) => into_input(input, text, max),
            Value::Notes(area) => {
                let clean = display::notes_input(text);
                let fits = take_chars(&clean, room);
                Pasted {
                    changed: !fits.is_empty() && area.insert_str(fits),
                    cut: fits.len() < clean.len(),
                }
            }
            _ => return Pasted::default(),
        };
        self.cut = done.cut;
        done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(value: &str, cursor: usize) -> Input {
        Input::new(value.into()).with_cursor(cursor)
    }

    #[test]
    fn a_paste_goes_in_at_the_cursor_as_one_line() {
        let mut i = line("Jan Vries", 4);
        let p = into_input(&mut i, "de\r\n\x1b[2J", 200);
        assert_eq!((i.value(), i.cursor()), ("Jan de [2JVries", 10));
        assert_eq!(
            p,
            Pasted {
                changed: true,
                cut: false
            }
        );
    }

    #[test]
    fn a_paste_is_cut_at_the_maximum() {
        let mut i = line("abc", 3);
        assert_eq!(
            into_input(&mut i, "défg", 5),
            Pasted {
                changed: true,
                cut: true
            }
        );
        assert_eq!(i.value(), "abcdé");
        assert_eq!(
            into_input(&mut i, "x", 5),
            Pasted {
                changed: false,
                cut: true
            }
        );
    }

    #[test]
    fn a_notes_field_keeps_lines_and_a_line_field_joins_them() {
        let mut notes = Field::new("n", "N", Kind::Notes, 0);
        notes.paste("Gebeld.\r\nAfspraak:\tcv\x07");
        assert_eq!(notes.value.text(), "Gebeld.\nAfspraak:    cv");
        assert_eq!(notes.chars(), "Gebeld.\nAfspraak:    cv".chars().count());
        let mut name = Field::new("f", "F", Kind::Text, 0).max_chars(5);
        let p = name.paste("Jan\nJansen");
        assert_eq!(
            (name.value.text().as_str(), p.cut, name.cut),
            ("Jan J", true, true)
        );
    }
}
