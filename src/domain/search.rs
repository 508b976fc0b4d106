//! Matching what a caseworker types against names and labels: case and accents ignored
//! ("celik" finds "Çelik"), every typed word somewhere, in any order.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Text folded for matching: lower case, without accents; letters without a decomposition
/// read as their base letter (Turkish dotless ı, ø, ł, đ), so "yil" finds "Yılmaz".
pub fn fold(s: &str) -> String {
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

/// The words of a typed filter, folded.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Needle {
    pub words: Vec<String>,
}

impl Needle {
    /// The words of `typed`.
    pub fn new(typed: &str) -> Needle {
        Needle {
            words: fold(typed).split_whitespace().map(str::to_owned).collect(),
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

    /// Whether every word occurs in one of the (folded) texts.
    pub fn in_any(&self, texts: &[&str]) -> bool {
        let folded: Vec<String> = texts.iter().map(|t| fold(t)).collect();
        self.all(|w| folded.iter().any(|t| t.contains(w)))
    }
}

#[cfg(test)]
mod tests {
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
}
