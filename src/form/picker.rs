//! The picker: a popup list of options you can type in to filter, for choice fields.

use super::field::Opt;
use tui_input::Input;

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

    /// Recomputes the matching options: every word typed must occur in the label or hint.
    pub fn refilter(&mut self, options: &[Opt]) {
        let words: Vec<String> = self
            .filter
            .value()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        self.visible = options
            .iter()
            .enumerate()
            .filter(|(_, o)| {
                let hay = format!("{} {} {}", o.label, o.hint, o.code).to_lowercase();
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .map(|(i, _)| i)
            .collect();
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
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
