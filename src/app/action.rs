//! Everything that can happen in the app, as one flat enum.

use ratatui::crossterm::event::KeyEvent;
use strum::{EnumDiscriminants, EnumIter};

/// A screen (tab) of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter)]
pub enum Screen {
    Caseload,
    Agenda,
    Reports,
}

/// Everything that can happen; keys map to these through the keymap.
#[derive(Clone, Debug, PartialEq, EnumDiscriminants)]
#[strum_discriminants(name(ActionKind), derive(EnumIter, Hash))]
pub enum Action {
    /// Leave caseload.
    Quit,
    /// Show a screen (tab).
    Show(Screen),
    /// Move the cursor one row down.
    Down,
    /// Move the cursor one row up.
    Up,
    /// Move the cursor one page down.
    PageDown,
    /// Move the cursor one page up.
    PageUp,
    /// Jump to the first row.
    Top,
    /// Jump to the last row.
    Bottom,
    /// Focus the next pane.
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Open the selected item.
    Open,
    /// Go back (close the pane or overlay).
    Back,
    /// Start filtering the list by typing.
    StartFilter,
    /// Keep the typed filter and return to the list.
    AcceptFilter,
    /// Clear the filter and return to the list.
    ClearFilter,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// A key typed into the text field that has the focus (internal).
    Input(KeyEvent),
    /// The terminal changed size (internal).
    Resize(u16, u16),
    /// Time passed: autosave drafts and the like (internal).
    Tick,
}

impl ActionKind {
    /// Actions the app raises itself; they need no key.
    pub fn is_internal(self) -> bool {
        matches!(
            self,
            ActionKind::Input | ActionKind::Resize | ActionKind::Tick
        )
    }
}
