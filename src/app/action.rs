//! Everything that can happen in the app: what the caseworker asks for ([`Action`], one
//! flat enum that keys map to), and what comes back from the store and from work in the
//! background ([`Msg::Got`] and friends), which `update` takes in the same way.

use super::effect::Got;
use super::workflows::FormKind;
use crate::domain::model::Id;
use ratatui::crossterm::event::KeyEvent;
use strum::{EnumDiscriminants, EnumIter};

/// A screen (tab) of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter)]
pub enum Screen {
    Caseload,
    Agenda,
    Reports,
}

/// The answers a question can offer; each is a row of the keymap (mode `Confirm`), so
/// help and tests see them. A question offers some of them and says what each means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter)]
pub enum Answer {
    /// Yes: go on (Enter).
    Yes,
    /// Leave without keeping what was typed (`d`).
    Discard,
    /// Start afresh (`n`).
    Fresh,
    /// Open the client (`o`).
    Open,
    /// Start a new benefit period (`e`).
    Episode,
    /// Assign a jobhunter (`j`).
    Jobhunter,
    /// One of several things, by its number (`1` to `9`).
    Number(u8),
    /// Close the question (Esc).
    Cancel,
}

/// Everything the caseworker can ask for; keys map to these through the keymap.
#[derive(Clone, Debug, PartialEq, EnumDiscriminants)]
#[strum_discriminants(name(ActionKind), derive(EnumIter, Hash))]
pub enum Action {
    /// Leave caseload.
    Quit,
    /// Open the command palette (or close it).
    Palette,
    /// Open the search over everything (or close it).
    Search,
    /// Show the selected client's summary (their story in one screen).
    Summary,
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
    /// Open a form (a workflow) for the selection.
    Form(FormKind),
    /// A client back on benefit: start a new benefit period (re-entry).
    ReEnter,
    /// Reopen the form whose draft is waiting (the newest).
    OpenDraft,
    /// Show the next kind of timeline entries (all, notes, status changes, ...).
    TimelineFilter,
    /// Move the client file's cursor to its next item (a goal, an agreement).
    NextItem,
    /// Move the client file's cursor to its previous item.
    PrevItem,
    /// Mark the goal or agreement under the file's cursor done, or open again.
    ToggleDone,
    /// Void the trajectory under the file's cursor as entered in error (a form asks why).
    Void,
    /// Show the history of the client in the file (every change, newest first).
    History,
    /// Show the session's messages.
    Messages,
    /// Show only the flagged clients in the list, or all again.
    FlaggedOnly,
    /// Sort the list by the next way: due date, name, phase.
    SortList,
    /// Undo the last change of this session (asks first).
    Undo,
    /// Redo the change undone last.
    Redo,
    /// Write the exit letter (Markdown, in the letters folder).
    Letter,
    /// Extend the client's aftercare to twelve months (asks first).
    ExtendAftercare,
    /// Take back a premium payment or forfeit recorded in error (asks first).
    TakeBackPremium,
    /// Show the report for the next period: last 12 months, this year, last year, all.
    ReportPeriod,
    /// Show the report for the same period a year earlier.
    ReportEarlier,
    /// Show the report for the same period a year later.
    ReportLater,
    /// Go to the next field.
    NextField,
    /// Go to the previous field.
    PrevField,
    /// Go to the next step of the form.
    NextStep,
    /// Go to the previous step of the form.
    PrevStep,
    /// Confirm: next field, open the picker, choose.
    Enter,
    /// Choose or un-choose the option under the cursor.
    Toggle,
    /// Save the form.
    Save,
    /// Leave the form or popup (asks first when something changed).
    Leave,
    /// Answer the question on screen.
    Answer(Answer),
    /// A key typed into the text field that has the focus (internal).
    Input(KeyEvent),
    /// Text pasted into the field that has the focus (internal).
    Paste(String),
    /// The terminal changed size (internal).
    Resize(u16, u16),
    /// Time passed: autosave drafts, take background results (internal).
    Tick,
    /// A click on the `n`th row of the list on top (the screen's list, the picker's, the
    /// palette's; counted from the list's first row, not the screen's): the cursor goes
    /// there, and a click on the row under the cursor takes it as `Enter` does (mouse).
    ClickRow(usize),
    /// A click on the `n`th item of the client file (see `file_items`): the file gets the
    /// focus and its cursor goes there; a click on the item under the cursor opens it
    /// (mouse).
    ClickItem(usize),
    /// A click elsewhere in a pane of the caseload screen: it gets the focus (mouse).
    FocusPane(Pane),
    /// A click on the form's `n`th field: it gets the focus; a click on the focused
    /// choice opens its picker (mouse).
    FocusField(usize),
    /// The wheel over a pane: its cursor (a list) or its text (the file, the report)
    /// moves by this many rows, whether or not the pane has the focus; over a popup, the
    /// popup's (mouse).
    Scroll(Pane, isize),
}

/// What the mouse points at on a screen: its list (the caseload's, the agenda, the
/// report), or the client file beside the caseload list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    List,
    File,
}

impl ActionKind {
    /// Actions the app raises itself (or the mouse does); they need no key.
    pub fn is_internal(self) -> bool {
        matches!(
            self,
            ActionKind::Input
                | ActionKind::Paste
                | ActionKind::Resize
                | ActionKind::Tick
                | ActionKind::ClickRow
                | ActionKind::ClickItem
                | ActionKind::FocusPane
                | ActionKind::FocusField
                | ActionKind::Scroll
        )
    }
}

/// What a question's answer does (held by the question until it is answered).
#[derive(Clone, Debug, PartialEq)]
pub enum Then {
    /// Nothing more than closing the question.
    Nothing,
    /// Leave the form; its draft is kept.
    LeaveKeepDraft,
    /// Leave the form and throw its draft away.
    LeaveDiscard,
    /// Continue the waiting draft of this form.
    ResumeDraft,
    /// Start this form afresh, throwing the waiting draft away.
    FreshForm,
    /// Quit now; an open form's draft is kept.
    QuitNow,
    /// Quit now, losing what the open form holds (no draft can be written).
    QuitDiscard,
    /// Open a client's file.
    OpenClient(Id),
    /// Continue the intake as a new benefit period of a known client.
    NewEpisodeFor(Id),
    /// Extend this aftercare plan.
    Extend(Id),
    /// Assign a jobhunter in this benefit period.
    AssignJobhunter(Id),
    /// Take back the payment or forfeit of this premium instalment.
    TakeBack(Id),
    /// Undo this change set.
    Undo(Id),
}

/// What `update` takes: an action, or an answer from the store or the background.
#[derive(Debug)]
pub enum Msg {
    Act(Action),
    Got(Box<Got>),
}

impl From<Action> for Msg {
    fn from(a: Action) -> Msg {
        Msg::Act(a)
    }
}

impl From<Got> for Msg {
    fn from(g: Got) -> Msg {
        Msg::Got(Box::new(g))
    }
}
