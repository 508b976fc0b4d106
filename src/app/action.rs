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
    /// Register a new client: the intake.
    NewIntake,
    /// Edit the intake of the selected client.
    EditIntake,
    /// Record a re-assessment: ladder rung and life domains.
    Reassess,
    /// Edit the plan of action: goals and agreements, add, change, mark done.
    EditPlan,
    /// A client back on benefit: start a new benefit period (re-entry).
    ReEnter,
    /// Reopen the form whose draft is waiting (the newest).
    OpenDraft,
    /// Assign a trajectory: an instrument from the catalogue.
    AssignTrajectory,
    /// Start, complete or stop a trajectory.
    TrajectoryStatus,
    /// Review a running trajectory.
    ReviewTrajectory,
    /// Write a contact note (with agreements and follow-up dates).
    AddNote,
    /// Show the next kind of timeline entries (all, notes, status changes, ...).
    TimelineFilter,
    /// Hold the exit interview: the client leaves the benefit.
    ExitInterview,
    /// Write the exit letter (Markdown, in the letters folder).
    Letter,
    /// Record an aftercare check-in (the client's earliest planned contact).
    CheckIn,
    /// Extend the client's aftercare to twelve months (asks first).
    ExtendAftercare,
    /// End the client's aftercare early, with a reason and a date.
    EndAftercare,
    /// Pay the client's next premium instalment, or record its condition not met.
    PayPremium,
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
    /// Leave the form; its draft is kept (a popup answer).
    LeaveKeepDraft,
    /// Leave the form and throw its draft away (a popup answer).
    LeaveDiscard,
    /// Continue the waiting draft of this form (a popup answer).
    ResumeDraft,
    /// Start this form afresh, throwing the waiting draft away (a popup answer).
    FreshForm,
    /// Quit now; an open form's draft is kept (a popup answer).
    QuitNow,
    /// Quit now, losing what the open form holds: no draft can be written (a popup answer).
    QuitDiscard,
    /// Open a client's file (a popup answer).
    OpenClient(i64),
    /// Continue the intake as a new benefit period of a known client (a popup answer).
    NewEpisodeFor(i64),
    /// Extend this aftercare plan (a popup answer).
    ConfirmExtend(i64),
    /// Take back the payment or forfeit of this premium instalment (a popup answer).
    TakeBack(i64),
    /// Assign a jobhunter in this benefit period, whose aftercare runs (a popup answer).
    AssignJobhunter(i64),
    /// A key typed into the text field that has the focus (internal).
    Input(KeyEvent),
    /// Text pasted into the text field that has the focus, in one go (internal).
    Paste(String),
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
            ActionKind::Input | ActionKind::Paste | ActionKind::Resize | ActionKind::Tick
        )
    }

    /// Answers of a popup: their keys are listed in the popup itself.
    pub fn is_popup_answer(self) -> bool {
        matches!(
            self,
            ActionKind::LeaveKeepDraft
                | ActionKind::LeaveDiscard
                | ActionKind::ResumeDraft
                | ActionKind::FreshForm
                | ActionKind::OpenClient
                | ActionKind::NewEpisodeFor
                | ActionKind::QuitNow
                | ActionKind::QuitDiscard
                | ActionKind::ConfirmExtend
                | ActionKind::TakeBack
                | ActionKind::AssignJobhunter
        )
    }
}
