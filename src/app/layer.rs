//! The layer stack: what lies over the screen (a form, the picker of its field, a
//! question, the help, a text being typed into a filter). The top layer has the keys and
//! decides the keymap mode; with none, the screen does.

use super::confirm::Confirm;
use super::form_layer::FormLayer;
use crate::form::Picker;
use crate::keymap::Mode;

/// What typing goes into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The caseload list's filter.
    CaseloadFilter,
    /// The agenda's filter.
    AgendaFilter,
    /// The period of the report.
    Period,
}

/// A list of entries over the screen (a client's history, the session's messages): its
/// title, what it says when empty, the entries, and how far scrolled.
#[derive(Debug)]
pub struct HistoryView {
    pub title: String,
    pub empty: String,
    pub entries: Vec<crate::domain::history::Entry>,
    pub scroll: u16,
}

/// One layer over the screen.
pub enum Layer {
    /// A form being filled in.
    Form(Box<FormLayer>),
    /// The picker of the form's focused choice field (over the form).
    Picker(Picker),
    /// A question waiting for an answer.
    Confirm(Confirm),
    /// The help overlay, scrolled to a line.
    Help { scroll: u16 },
    /// A client's history (the change log in words), or the session's messages, scrolled
    /// to a line.
    History(Box<HistoryView>),
    /// Keys go to a text: a filter, the report's period.
    Typing(Target),
    /// The command palette.
    Palette(Box<super::palette::Palette>),
    /// A client's summary, scrolled to a line.
    Summary(Box<SummaryView>),
    /// The search over everything.
    Search(Box<super::search::SearchView>),
}

/// A client's summary over the screen: their name (the title), the sections, how far
/// scrolled.
#[derive(Debug)]
pub struct SummaryView {
    pub title: String,
    pub sections: Vec<crate::summary::Section>,
    pub scroll: u16,
}

impl std::fmt::Debug for Layer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match self {
            Layer::Form(l) => return write!(f, "Form({:?})", l.flow.kind()),
            Layer::Picker(_) => "Picker",
            Layer::Confirm(_) => "Confirm",
            Layer::Help { .. } => "Help",
            Layer::History(_) => "History",
            Layer::Typing(t) => return write!(f, "Typing({t:?})"),
            Layer::Palette(_) => "Palette",
            Layer::Summary(_) => "Summary",
            Layer::Search(_) => "Search",
        };
        f.write_str(name)
    }
}

impl Layer {
    /// The keymap mode while this layer is on top.
    pub fn mode(&self) -> Mode {
        match self {
            Layer::Form(_) => Mode::Form,
            Layer::Picker(_) => Mode::Picker,
            Layer::Confirm(_) => Mode::Confirm,
            Layer::Help { .. } => Mode::Help,
            Layer::History(_) => Mode::History,
            Layer::Typing(Target::Period) => Mode::Period,
            Layer::Typing(_) => Mode::Filter,
            Layer::Palette(_) => Mode::Palette,
            Layer::Summary(_) => Mode::Summary,
            Layer::Search(_) => Mode::Search,
        }
    }
}
