//! Matching what a caseworker types against names and labels: case and accents ignored
//! ("celik" finds "Çelik"), every typed word somewhere, in any order.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Text folded for matching: lower case, without accents; letters without a decomposition
/// read as their base letter (Turkish dotless ı, ø, ł, đ), so "yil" finds "Yılmaz".
pub fn fold(s: &str) -> String {
    // Plain ASCII only needs its capitals lowered (most names: a million of them folded
    // for the roster spent a tenth of its time decomposing letters that have no accent).
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    fold_letters(s)
}

/// [`fold`] letter by letter, whatever the text.
fn fold_letters(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'ı' => 'i',
            'ø' => 'o',
            'ł' => 'l',
            'đ' => 'd',
            _ => c,
        })
        .collect()
}

/// Whether `word` starts a word of `folded` (both folded): at its start, or after a
/// character that is not a letter or digit ("brien" in "o'brien", "pierre" in
/// "jean-pierre"), as the search index's tokenizer splits words.
pub fn starts_a_word(folded: &str, word: &str) -> bool {
    folded.match_indices(word).any(|(i, _)| {
        folded[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// A typed word that is a number, not a word of a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Numeral {
    /// `k` and digits: the client of that number (`K000003`, `k3`); -1 when it has too many
    /// digits to be one.
    Client(i64),
    /// Digits (dots between them ignored): part of a BSN.
    Digits(String),
}

impl Numeral {
    /// What a (folded) word is as a number, if it is one.
    pub fn of(folded: &str) -> Option<Numeral> {
        let digits: String = folded.chars().filter(|c| *c != '.').collect();
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            return Some(Numeral::Digits(digits));
        }
        let number = folded.strip_prefix('k')?;
        (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()))
            .then(|| Numeral::Client(number.parse().unwrap_or(-1)))
    }
}

/// The words of a typed filter, folded (and as typed, for the search index, whose
/// tokenizer folds them its own way).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Needle {
    pub words: Vec<String>,
    /// The words as typed, without control characters.
    pub typed: Vec<String>,
}

impl Needle {
    /// The words of `typed`.
    pub fn new(typed: &str) -> Needle {
        Needle {
            words: fold(typed).split_whitespace().map(str::to_owned).collect(),
            typed: typed
                .split_whitespace()
                .map(|w| w.chars().filter(|c| !c.is_control()).collect::<String>())
                .filter(|w| !w.is_empty())
                .collect(),
        }
    }

    /// Nothing typed.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every word is matched by `word_matches`.
    pub fn all(&self, word_matches: impl Fn(&str) -> bool) -> bool {
        self.words.iter().all(|w| word_matches(w))
    }

    /// The words as an FTS5 query: each a phrase that may go on (`"Çeli"*`), all of them
    /// wanted, as typed: the index's tokenizer folds them as it folds what it holds (case,
    /// Latin accents; Cyrillic, Greek and Hangul as they are). `None` when fewer than two
    /// letters or digits are typed (a single letter would match half the file).
    pub fn fts_query(&self) -> Option<String> {
        let alnum = self
            .typed
            .iter()
            .flat_map(|w| w.chars())
            .filter(|c| c.is_alphanumeric())
            .count();
        let phrases: Vec<String> = self
            .typed
            .iter()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
            .collect();
        (alnum >= 2 && !phrases.is_empty()).then(|| phrases.join(" "))
    }

    /// The words that are numbers ([`Numeral`]), and the others that hold a letter or
    /// digit (folded): a client's numbers are not words of their name.
    pub fn numerals(&self) -> (Vec<Numeral>, Vec<&str>) {
        let mut numerals = Vec::new();
        let mut words = Vec::new();
        for w in &self.words {
            match Numeral::of(w) {
                Some(n) => numerals.push(n),
                None if w.chars().any(char::is_alphanumeric) => words.push(w.as_str()),
                None => {}
            }
        }
        (numerals, words)
    }

    /// Where in `text` the first of the words occurs, as a byte range of `text`
    /// (matched as folded: "celik" is found in "Çelik"); a word that starts a word of the
    /// text is preferred over one inside a word.
    pub fn find_in(&self, text: &str) -> Option<(usize, usize)> {
        // The folded text, and for each of its bytes the byte of `text` it came from.
        let mut folded = String::new();
        let mut from = Vec::new();
        for (at, c) in text.char_indices() {
            let f = fold(c.encode_utf8(&mut [0; 4]));
            from.extend(std::iter::repeat_n(at, f.len()));
            folded.push_str(&f);
        }
        from.push(text.len());
        let at_word_start = |i: usize| {
            folded[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        };
        let mut best: Option<(bool, usize, usize)> = None;
        for w in self.words.iter().filter(|w| !w.is_empty()) {
            let mut found = folded.match_indices(w.as_str()).map(|(i, _)| i);
            let first = found.clone().next();
            let Some(i) = found.find(|&i| at_word_start(i)).or(first) else {
                continue;
            };
            let start = at_word_start(i);
            let better = best
                .is_none_or(|(s, b, _)| (start, std::cmp::Reverse(i)) > (s, std::cmp::Reverse(b)));
            if better {
                best = Some((start, i, i + w.len()));
            }
        }
        best.map(|(_, i, j)| {
            // The end is the first byte after the last folded char's source char.
            let end = if j < from.len() - 1 {
                from[j].max(from[i] + 1)
            } else {
                text.len()
            };
            let end = (end..=text.len())
                .find(|&e| text.is_char_boundary(e))
                .unwrap_or(text.len());
            (from[i], end)
        })
    }

    /// Whether every word occurs in one of the (folded) texts.
    pub fn in_any(&self, texts: &[&str]) -> bool {
        let folded: Vec<String> = texts.iter().map(|t| fold(t)).collect();
        self.all(|w| folded.iter().any(|t| t.contains(w)))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn plain_ascii_is_folded_as_every_other_text_is() {
        let every: String = (0u8..128).map(char::from).collect();
        for text in [every.as_str(), "Jan van der BERG", "O'Neill-Smit 12", ""] {
            assert_eq!(super::fold(text), super::fold_letters(text), "{text:?}");
        }
        assert_eq!(super::fold("Yılmaz Ødegård"), "yilmaz odegard");
    }

    use super::*;

    #[test]
    fn turkish_and_other_letters_fold_to_their_base() {
        assert_eq!(fold("Yılmaz"), "yilmaz");
        assert_eq!(fold("İsmail"), "ismail");
        assert_eq!(fold("Çelik"), "celik");
        assert_eq!(fold("Søren Łukasz"), "soren lukasz");
    }

    #[test]
    fn accents_case_and_order_do_not_matter() {
        assert_eq!(fold("Çelik, Zeynep van den"), "celik, zeynep van den");
        assert_eq!(fold("Ümit İnal"), "umit inal");
        let n = Needle::new("  zeynep CELIK ");
        assert_eq!(n.words, vec!["zeynep", "celik"]);
        assert!(n.in_any(&["Çelik, Zeynep van den"]));
        assert!(!n.in_any(&["Çelik, Sander"]));
        assert!(Needle::new("jansen check").in_any(&["Jansen, Mirjam", "Check-in"]));
        assert!(Needle::new("").is_empty());
    }

    #[test]
    fn the_fts_query_wants_every_word_as_a_start_and_two_characters() {
        assert_eq!(
            Needle::new("Yıl ÇELIK").fts_query().as_deref(),
            Some("\"Yıl\"* \"ÇELIK\"*")
        );
        assert_eq!(Needle::new("a").fts_query(), None);
        assert_eq!(Needle::new(" - ").fts_query(), None);
        assert_eq!(Needle::new("a -").fts_query(), None);
        assert_eq!(
            Needle::new("k0 \"x").fts_query().as_deref(),
            Some("\"k0\"* \"\"\"x\"*")
        );
    }

    #[test]
    fn a_client_number_and_bsn_digits_are_numerals_and_the_other_words_a_name() {
        let needle = Needle::new("K000003 Yıl 123.456 k jan12");
        let (numerals, rest) = needle.numerals();
        assert_eq!(
            numerals,
            [Numeral::Client(3), Numeral::Digits("123456".into())]
        );
        assert_eq!(rest, ["yil", "k", "jan12"]);
        let needle = Needle::new("k99999999999999999999 .");
        let (numerals, rest) = needle.numerals();
        assert_eq!(numerals, [Numeral::Client(-1)]);
        assert!(rest.is_empty());
        assert_eq!(Numeral::of("k"), None);
        assert_eq!(Numeral::of("."), None);
    }

    #[test]
    fn a_word_starts_a_word_at_the_start_or_after_what_is_no_letter() {
        for (text, word) in [
            ("berg, jan van der", "jan"),
            ("berg, jan van der", "berg"),
            ("brien, sean o'", "brien"),
            ("o'brien, sean", "brien"),
            ("dubois, jean-pierre", "pierre"),
            ("yilmaz, aylin", "aylin yil"),
        ] {
            let all = word.split(' ').all(|w| starts_a_word(text, w));
            assert!(all, "{word} in {text}");
        }
        for (text, word) in [
            ("berg, marjan", "jan"),
            ("rosenberg, piet", "berg"),
            ("", "a"),
        ] {
            assert!(!starts_a_word(text, word), "{word} in {text}");
        }
        // A later place where it starts a word counts.
        assert!(starts_a_word("marjan, jan", "jan"));
    }

    #[test]
    fn a_word_is_found_where_it_starts_a_word_of_the_text() {
        let n = Needle::new("celik");
        let text = "Gesprek met Çelik over werk";
        let (i, j) = n.find_in(text).unwrap();
        assert_eq!(&text[i..j], "Çelik");
        let n = Needle::new("werk");
        let text = "Werkgever belde; werk gevonden";
        let (i, j) = n.find_in(text).unwrap();
        assert_eq!(&text[i..j], "Werk");
        let text = "Yılmaz, Aylin";
        let (i, j) = Needle::new("yil").find_in(text).unwrap();
        assert_eq!(&text[i..j], "Yıl");
        assert_eq!(Needle::new("xyz").find_in(text), None);
        let text = "bewerking";
        let (i, j) = Needle::new("werk").find_in(text).unwrap();
        assert_eq!(&text[i..j], "werk");
        let text = "İsmail";
        let (i, j) = Needle::new("ism").find_in(text).unwrap();
        assert_eq!(&text[i..j], "İsm");
    }
}
