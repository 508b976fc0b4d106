//! What `update` asks the program to do ([`Effect`]: read, write, start work in the
//! background, quit), and what comes back ([`Got`]), which `update` takes as a message.
//! `update` never touches the store; [`super::App`] performs the effects.

use super::form_layer::FormLayer;
use super::screens::reports::Period;
use super::workflows::{Committed, FormKind, Query, Start};
use crate::domain::model::{Id, PremiumInstalment};
use crate::domain::report::Report;
use crate::domain::retention::RetentionDue;

/// The report for a period, and what is due for destruction under the retention terms.
pub type Reported = (Report, RetentionDue);

/// Rows of the agenda, and the risk of re-entry (medium or high) of their clients.
pub type AgendaPage = (Page<AgendaEntry>, Vec<(Id, crate::domain::codes::Risk)>);
use super::screens::agenda::AgendaRead;
use super::screens::window::{Page, PageRead};
use crate::store::ErrorKind;
use crate::store::agenda::AgendaEntry;
use crate::store::agenda_page::AgendaQuery;
use crate::store::caseload::ClientFile;
use crate::store::drafts::Draft;
use crate::store::roster_page::ListQuery;

/// One thing for the program to do; its answer comes back as a [`Got`].
#[derive(Debug)]
pub enum Effect {
    /// Read from the database now.
    Read(Read),
    /// Count or load in the background (on a file), so the screen never waits.
    Background(Job),
    /// Open a form: the workflow reads what it prefills, and a waiting draft is looked up.
    OpenForm(Start),
    /// Save the form on top in one transaction (its draft goes in the same one).
    Commit,
    /// Write the draft of a form (its values as JSON).
    WriteDraft {
        kind: FormKind,
        subject: Id,
        data: String,
    },
    /// Throw a draft away.
    DiscardDraft { kind: FormKind, subject: Id },
    /// Restore the waiting draft into the form on top.
    ResumeDraft,
    /// Ask the store a fact the form on top needs.
    Query(Query),
    /// A write without a form.
    Op(Op),
    /// Write the exit letter of a client into the letters folder.
    Letter(Id),
}

/// A read on the main connection.
#[derive(Clone, Debug, PartialEq)]
pub enum Read {
    /// Rows of the list, for its window on screen.
    Page(PageRead),
    /// Rows of the agenda, for its window on screen.
    AgendaPage(AgendaRead),
    /// A client's file.
    File(Id),
    /// How many items are overdue.
    Overdue,
    /// The waiting drafts (to reopen the newest).
    Drafts,
    /// A client's premium instalments paid or forfeited, the one recorded last first (to
    /// ask which to take back).
    Settled(Id),
    /// A client's history: every logged change, newest first.
    History(Id),
    /// What the search index finds for a typed text.
    Search(String),
}

/// Work in the background, on a second connection (on a file).
#[derive(Clone, Debug, PartialEq)]
pub enum Job {
    /// How many rows a list has, and the caseload.
    Count(ListQuery),
    /// Every row of a list (for an order the database does not keep).
    Whole(PageRead),
    /// How many items are overdue.
    Overdue,
    /// The report for a period.
    Report(Period),
    /// How many rows an agenda has.
    AgendaCount(AgendaQuery),
}

/// A write without a form, with its own transaction.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// Extend an aftercare plan of a client.
    Extend { plan: Id, client: Id },
    /// Take back the payment or forfeit of a premium instalment.
    TakeBack(Id),
    /// Assign a jobhunter (referred today) in a benefit period.
    AssignJobhunter(Id),
    /// Mark a goal or an agreement of a client's plan done on a date, or open again.
    SetDone { item: Done, client: Id },
    /// Undo a change set (the last of the session).
    Undo(Id),
    /// Redo: undo the undo (a change set).
    Redo(Id),
}

/// An undo or redo that failed: why, and whether it never can be done (its rows were
/// changed since), so that it leaves its stack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UndoFailed {
    pub msg: String,
    pub set: Id,
    pub redo: bool,
    pub never: bool,
}

/// An undo or redo that was done: the set it undid, the set that did it, and the client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undone {
    pub undid: Id,
    pub by: Id,
    pub redo: bool,
    pub client: Option<Id>,
}

/// A goal or an agreement, with the date it is done on (`None`: open again).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Done {
    Goal(Id, Option<chrono::NaiveDate>),
    Agreement(Id, Option<chrono::NaiveDate>),
}

/// What came back. Each answer is made once and moved into `update` (boxed in
/// [`super::action::Msg`]), so the sizes of its variants do not matter.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Got {
    /// Rows of the list, for the read that asked (a sentence when they could not be read).
    Page(PageRead, Result<Page, String>),
    /// How many rows a list has, and the caseload.
    Counted(ListQuery, Result<(usize, usize), String>),
    /// A client's file.
    File(Id, Result<Option<ClientFile>, String>),
    /// Rows of the agenda, for the read that asked.
    AgendaPage(AgendaRead, Result<AgendaPage, String>),
    /// How many rows an agenda has.
    AgendaCounted(AgendaQuery, Result<usize, String>),
    /// The overdue count.
    Overdue(Result<usize, String>),
    /// The report for a period, with what is due for destruction today.
    Report(Period, Result<Reported, String>),
    /// The waiting drafts, newest first.
    Drafts(Result<Vec<Draft>, String>),
    /// A client's settled instalments, the one recorded last first.
    Settled(Id, Result<Vec<PremiumInstalment>, String>),
    /// A form opened (with the time of its waiting draft, if one waits), or why not.
    FormOpened(Result<Box<FormLayer>, String>),
    /// The waiting draft's values, to restore into the form on top.
    DraftValues(Option<serde_json::Value>),
    /// The form on top was saved, or why not (the form stays).
    Committed(Result<Committed, String>),
    /// The draft was written, or why not.
    DraftWritten(Result<(), ErrorKind>),
    /// A draft was thrown away, or why not.
    DraftDiscarded(Result<(), String>),
    /// A fact the form on top asked for.
    Fact(Query, super::workflows::Answer),
    /// A write without a form is done: what to say, and the client to refresh.
    Done(Result<(String, Option<Id>), String>),
    /// Something to tell the caseworker (a letter written, a failed daily backup).
    Notice(Result<String, String>),
    /// A save made a change that can be undone.
    Changed(super::undo::Change),
    /// A client's history (their name, and the change log's rows).
    History(
        String,
        Result<Vec<crate::domain::history::ChangeRow>, String>,
    ),
    /// An undo or redo is done, or why not.
    Undone(Result<Undone, UndoFailed>),
    /// What the search index found for a typed text.
    Found(String, Result<Vec<crate::store::search::Hit>, String>),
}
