//! The caseload screen: a window of the client rows in list order (filtered by name, BSN
//! or phase; see `caseload_list`), the file of the client under the cursor, and which of
//! the two has the keys.

pub use super::list_sort::ListSort;
use super::window::Window;
use crate::app::effect::{Effect, Read};
use crate::domain::model::Id;
use crate::domain::risk::RiskConfig;
use crate::domain::timeline::TimelineKind;
use crate::keymap::Mode;
use crate::store::caseload::ClientFile;
use crate::store::roster_page::ListQuery;
use crate::store::search::HitKind;

/// An item of the client file the cursor can rest on: an aftercare contact or a premium
/// instalment (by their place in the aftercare section), a goal or an agreement of the plan
/// of action, a trajectory (each by its place in the file's list), a contact note, an
/// assessment or an exit of the timeline (by their place in the timeline).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileItem {
    Contact(usize),
    Instalment(usize),
    Goal(usize),
    Agreement(usize),
    Trajectory(usize),
    Note(usize),
    Assessment(usize),
    Exit(usize),
}

impl FileItem {
    /// Whether it is an entry of the timeline.
    pub fn in_timeline(self) -> bool {
        matches!(
            self,
            FileItem::Note(_) | FileItem::Assessment(_) | FileItem::Exit(_)
        )
    }
}

/// The timeline entry at `i` as an item of the file (`None`: that kind is not one).
pub fn timeline_item(kind: TimelineKind, i: usize) -> Option<FileItem> {
    match kind {
        TimelineKind::Note => Some(FileItem::Note(i)),
        TimelineKind::Assessment => Some(FileItem::Assessment(i)),
        TimelineKind::Exit => Some(FileItem::Exit(i)),
        _ => None,
    }
}

/// The items of a file in the order the file shows them (aftercare contacts and
/// instalments, the plan, trajectories newest first, then the notes, assessments and exits
/// of the timeline as it is shown: all kinds, or one).
pub fn file_items(file: &ClientFile, kind: Option<TimelineKind>) -> Vec<FileItem> {
    let (contacts, instalments) = file.aftercare.as_ref().map_or((0, 0), |a| {
        let contacts = if a.plan.is_some() {
            a.contacts.len()
        } else {
            0
        };
        (contacts, a.instalments.len())
    });
    let events = file
        .timeline
        .iter()
        .enumerate()
        .filter(move |(_, e)| kind.is_none_or(|k| e.kind() == k))
        .filter_map(|(i, e)| timeline_item(e.kind(), i));
    (0..contacts)
        .map(FileItem::Contact)
        .chain((0..instalments).map(FileItem::Instalment))
        .chain((0..file.goals.len()).map(FileItem::Goal))
        .chain((0..file.agreements.len()).map(FileItem::Agreement))
        .chain((0..file.trajectories.len()).rev().map(FileItem::Trajectory))
        .chain(events)
        .collect()
}

/// The record an item of the file stands for: its kind and id, the same in a refreshed
/// file wherever the item then is.
fn item_record(file: &ClientFile, item: FileItem) -> Option<(u8, Id)> {
    let aftercare = file.aftercare.as_ref();
    let timeline = |i: usize| file.timeline.get(i).map(|e| e.record_id());
    Some(match item {
        FileItem::Contact(i) => (0, aftercare?.contacts.get(i)?.id),
        FileItem::Instalment(i) => (1, aftercare?.instalments.get(i)?.id),
        FileItem::Goal(i) => (2, file.goals.get(i)?.id),
        FileItem::Agreement(i) => (3, file.agreements.get(i)?.id),
        FileItem::Trajectory(i) => (4, file.trajectories.get(i)?.id),
        FileItem::Note(i) => (5, timeline(i)?),
        FileItem::Assessment(i) => (6, timeline(i)?),
        FileItem::Exit(i) => (7, timeline(i)?),
    })
}

/// Which pane of the caseload screen has the focus.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    #[default]
    List,
    File,
}

/// The caseload screen's state.
#[derive(Debug, Default)]
pub struct CaseloadScreen {
    pub list: Window,
    /// The list shown: its filter, order and flagged-only view as the database reads them.
    pub query: ListQuery,
    /// How many rows the list has and the caseload has, for the list last counted.
    pub counted: Option<(ListQuery, usize, usize)>,
    /// The rules the risk of re-entry is weighed by (for sorting by it).
    pub risk: Option<RiskConfig>,
    pub focus: Focus,
    /// The file of the client under the cursor (or opened from elsewhere).
    pub file: Option<ClientFile>,
    /// Scroll position of the client file.
    pub file_scroll: u16,
    /// The item of the file under its cursor (an index into [`file_items`]), once moved to.
    pub file_cursor: Option<usize>,
    /// The kind of entries the client's timeline shows (`None`: all).
    pub timeline_kind: Option<TimelineKind>,
    /// Only the flagged clients are shown.
    pub flagged_only: bool,
    /// The order of the list.
    pub sort: ListSort,
    /// The record the file's cursor goes to when the file arrives (a search result).
    pub wanted: Option<(u8, Id)>,
    /// The file's cursor was put on an item the pane may not show: scroll to it once the
    /// next frame says where it is.
    pub reveal: bool,
}

impl CaseloadScreen {
    /// The keymap mode of the screen.
    pub fn mode(&self) -> Mode {
        match self.focus {
            Focus::File => Mode::File,
            Focus::List => Mode::List,
        }
    }

    /// The client under the list's cursor.
    pub fn selected(&self) -> Option<Id> {
        self.list.selected_row().map(|r| r.client_id)
    }

    /// The client whose file is shown.
    pub fn file_client(&self) -> Option<Id> {
        self.file.as_ref().map(|f| f.client.id)
    }

    /// Reads the file of the client under the cursor, unless it is shown already.
    pub fn follow_cursor(&mut self) -> Vec<Effect> {
        match self.selected() {
            None => {
                self.file = None;
                Vec::new()
            }
            Some(id) if self.file_client() == Some(id) => Vec::new(),
            Some(id) => {
                self.file_scroll = 0;
                self.file_cursor = None;
                // A search result's record is of the client it opened, not this one.
                self.wanted = None;
                vec![Effect::Read(Read::File(id))]
            }
        }
    }

    /// Takes a client's file that was read; a file of a client no longer wanted is dropped.
    pub fn got_file(&mut self, id: Id, file: Option<ClientFile>, wanted: bool) {
        if wanted || self.selected() == Some(id) || self.file_client() == Some(id) {
            if self.file_client() != Some(id) {
                self.file_cursor = None;
            }
            // The record under the cursor, found again in the refreshed file (a save may
            // have added items before it).
            let was = match (&self.file, self.item()) {
                (Some(f), Some(item)) => item_record(f, item),
                _ => None,
            };
            self.file = file;
            let items = self
                .file
                .as_ref()
                .map(|f| file_items(f, self.timeline_kind))
                .unwrap_or_default();
            let again = self.file.as_ref().and_then(|f| {
                let was = was?;
                items.iter().position(|i| item_record(f, *i) == Some(was))
            });
            // Else it stays at its place (a refreshed file may hold fewer items).
            let n = items.len();
            self.file_cursor = again.or(self.file_cursor.filter(|_| n > 0).map(|c| c.min(n - 1)));
            // The record a search result asked for.
            if let Some(f) = self.file.as_ref().filter(|f| f.client.id == id)
                && let Some(want) = self.wanted.take()
                && let Some(at) = items.iter().position(|i| item_record(f, *i) == Some(want))
            {
                self.file_cursor = Some(at);
                self.reveal = true;
            }
        }
    }

    /// The file, when it arrives, opens at the note or agreement of a search result (shown
    /// among all kinds of the timeline).
    pub fn want(&mut self, kind: HitKind) {
        self.wanted = match kind {
            HitKind::Client => None,
            HitKind::Agreement(id) => Some((3, id)),
            HitKind::Note(id) => Some((5, id)),
        };
        if self.wanted.is_some() {
            self.timeline_kind = None;
        }
    }

    /// Scrolls the file to the item under its cursor when it was put there from elsewhere;
    /// whether anything changed (the frame is then drawn again).
    pub fn reveal_item(&mut self, rows: &[usize], fits: usize, max: usize) -> bool {
        if !std::mem::take(&mut self.reveal) {
            return false;
        }
        // The item a third down the pane, so what follows it shows too.
        let Some(&row) = self.file_cursor.and_then(|c| rows.get(c)) else {
            return false;
        };
        let scroll = self.file_scroll;
        let top = row.saturating_sub(fits / 3).min(max);
        self.file_scroll = u16::try_from(top).unwrap_or(u16::MAX);
        self.file_scroll != scroll
    }

    /// Scrolls the file by `delta` lines; its last line stays on screen (`max`).
    pub fn scroll_file(&mut self, delta: isize, max: usize) {
        let at = (self.file_scroll as isize)
            .saturating_add(delta)
            .clamp(0, max as isize);
        self.file_scroll = at as u16;
    }

    /// The item under the file's cursor.
    pub fn item(&self) -> Option<FileItem> {
        let file = self.file.as_ref()?;
        file_items(file, self.timeline_kind)
            .get(self.file_cursor?)
            .copied()
    }

    /// Moves the file's cursor by `delta` items (the first move lands on the first item)
    /// and scrolls the file so the item shows: `rows` are the items' rows in the last
    /// frame, `fits` the rows the pane shows, `max` the furthest it scrolls.
    pub fn move_item(&mut self, delta: isize, rows: &[usize], fits: usize, max: usize) {
        let n = self
            .file
            .as_ref()
            .map_or(0, |f| file_items(f, self.timeline_kind).len());
        if n == 0 {
            return;
        }
        let at = match self.file_cursor {
            None => 0,
            Some(c) => c.saturating_add_signed(delta).min(n - 1),
        };
        self.file_cursor = Some(at);
        let Some(&row) = rows.get(at) else {
            return;
        };
        let top = usize::from(self.file_scroll);
        let shown = if row < top {
            row
        } else if fits > 0 && row >= top + fits {
            row + 1 - fits
        } else {
            top
        };
        self.file_scroll = u16::try_from(shown.min(max)).unwrap_or(u16::MAX);
    }

    /// Shows the next kind of timeline entries: all, then each kind in turn.
    pub fn next_timeline_kind(&mut self) {
        use crate::domain::codes::Code;
        let kinds = TimelineKind::all();
        self.timeline_kind = match self.timeline_kind {
            None => kinds.first().copied(),
            Some(k) => kinds
                .iter()
                .position(|x| *x == k)
                .and_then(|i| kinds.get(i + 1))
                .copied(),
        };
    }
}
