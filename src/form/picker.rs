//! The picker: a popup list of options you can type in to filter, for choice fields. What
//! is typed ranks the options: the label typed whole first, then a label starting with it,
//! a word of the label starting with it, the label matching it fuzzily, and last a match in
//! the explanation or code (`taal` is the language course, not a scheme whose explanation
//! says "betaald"; `a1` is A1, not "Onder A1").

use super::field::Opt;
use crate::domain::search::fold;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::cmp::Reverse;
use tui_input::Input;

/// How well an option matches what was typed: the tier (lower is better), then the fuzzy
/// score (higher is better).
type Rank = (u8, Reverse<u32>);

/// Ranks options against one typed filter.
struct Ranker {
    folded: String,
    words: Vec<String>,
    pattern: Pattern,
    matcher: Matcher,
    buf: Vec<char>,
}

impl Ranker {
    fn new(typed: &str) -> Ranker {
        let folded = fold(typed);
        Ranker {
            words: folded.split_whitespace().map(str::to_owned).collect(),
            pattern: Pattern::parse(&folded, CaseMatching::Ignore, Normalization::Smart),
            matcher: Matcher::new(Config::DEFAULT),
            buf: Vec::new(),
            folded,
        }
    }

    /// The fuzzy score of `text` (folded), if it matches at all.
    fn fuzzy(&mut self, text: &str) -> Option<u32> {
        self.pattern
            .score(Utf32Str::new(text, &mut self.buf), &mut self.matcher)
    }

    /// The rank of an option, `None` when it does not match.
    fn rank(&mut self, o: &Opt) -> Option<Rank> {
        let label = fold(&o.label);
        let best = Reverse(u32::MAX);
        if label == self.folded {
            return Some((0, best));
        }
        if label.starts_with(&self.folded) {
            return Some((1, best));
        }
        let label_words: Vec<&str> = label
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if self
            .words
            .iter()
            .all(|w| label_words.iter().any(|l| l.starts_with(w.as_str())))
        {
            return Some((2, best));
        }
        if let Some(score) = self.fuzzy(&label) {
            return Some((3, Reverse(score)));
        }
        let rest = fold(&format!("{} {}", o.hint, o.code));
        self.fuzzy(&format!("{label} {rest}"))
            .map(|score| (4, Reverse(score)))
    }
}

/// An open picker over a field's options.
#[derive(Clone, Debug)]
pub struct Picker {
    pub filter: Input,
    /// Indices into the field's options that match the filter.
    pub visible: Vec<usize>,
    /// Index into `visible`.
    pub selected: usize,
    /// Several can be chosen (Space toggles).
    pub multi: bool,
}

impl Picker {
    /// A picker over `options`, the cursor on `current` when given.
    pub fn new(options: &[Opt], multi: bool, current: Option<&str>) -> Picker {
        let mut p = Picker {
            filter: Input::default(),
            visible: Vec::new(),
            selected: 0,
            multi,
        };
        p.refilter(options);
        if let Some(cur) = current {
            p.selected = p
                .visible
                .iter()
                .position(|&i| options[i].code == cur)
                .unwrap_or(0);
        }
        p
    }

    /// Recomputes the matching options, best first (see [`rank`]); with a filter typed,
    /// the cursor is on the best, which Enter takes. Nothing typed: every option, in order.
    pub fn refilter(&mut self, options: &[Opt]) {
        let typed = self.filter.value().trim().to_owned();
        if typed.is_empty() {
            self.visible = (0..options.len()).collect();
            self.selected = self.selected.min(self.visible.len().saturating_sub(1));
            return;
        }
        let mut ranker = Ranker::new(&typed);
        let mut ranked: Vec<(Rank, usize)> = options
            .iter()
            .enumerate()
            .filter_map(|(i, o)| ranker.rank(o).map(|r| (r, i)))
            .collect();
        ranked.sort();
        self.visible = ranked.into_iter().map(|(_, i)| i).collect();
        self.selected = 0;
    }

    /// Moves the cursor.
    pub fn move_by(&mut self, delta: isize) {
        if self.visible.is_empty() {
            return;
        }
        let last = self.visible.len() - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// The option under the cursor.
    pub fn current<'a>(&self, options: &'a [Opt]) -> Option<&'a Opt> {
        self.visible.get(self.selected).map(|&i| &options[i])
    }
}
