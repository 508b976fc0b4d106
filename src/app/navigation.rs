//! Moving about: the cursor by rows and pages, showing a screen, opening a form from its
//! key (on the item under the file's cursor), an agenda item, a client's file.

use super::action::Screen;
use super::effect::{Effect, Read};
use super::layer::Layer;
use super::screens::agenda::AgendaScreen;
use super::screens::caseload::Focus;
use super::state::State;
use super::workflows::{FormKind, Start};
use crate::domain::agenda::ItemKind;
use crate::domain::model::Id;

impl State {
    /// A page of the list, the file or the report: as many rows as are shown.
    pub(super) fn page(&self) -> isize {
        let rows = match (self.screen, self.caseload.focus) {
            (Screen::Caseload, Focus::File) if self.drawn.file_rows > 0 => self.drawn.file_rows,
            (Screen::Reports, _) => crate::layout::report_rows(self.size),
            _ => self.list_height(),
        };
        rows as isize
    }

    /// Moves the cursor (or scrolls) of what the screen shows by `delta` rows.
    pub(super) fn move_cursor(&mut self, delta: isize) -> Vec<Effect> {
        let height = self.list_height();
        match self.screen {
            Screen::Reports => {
                let rows = crate::layout::report_rows(self.size);
                self.reports.scroll_by(delta, rows);
                Vec::new()
            }
            Screen::Agenda => self.agenda.move_cursor(delta, height),
            Screen::Caseload if self.caseload.focus == Focus::File => {
                self.caseload.scroll_file(delta, self.drawn.file_overflow);
                Vec::new()
            }
            Screen::Caseload => self.caseload.move_cursor(delta, height),
        }
    }

    /// Shows a screen: the agenda and the report are read afresh.
    pub(super) fn show(&mut self, screen: Screen) -> Vec<Effect> {
        self.screen = screen;
        self.return_to = None;
        self.layers.retain(|l| !matches!(l, Layer::Help { .. }));
        match screen {
            Screen::Agenda => self.refresh_all(),
            Screen::Reports => self.reports.reload(self.today),
            Screen::Caseload => Vec::new(),
        }
    }

    /// Opens a form for the client in the file (the new intake for nobody); in the agenda,
    /// `a` opens the check-in under the cursor.
    pub(super) fn open_form(&mut self, kind: FormKind) -> Vec<Effect> {
        if self.screen == Screen::Agenda && kind != FormKind::Intake {
            return self.open_agenda_item();
        }
        let client = match kind {
            FormKind::Intake => None,
            _ => self.caseload.file_client(),
        };
        let kind = kind.for_file(self.caseload.file.as_ref());
        let on = self.item_for(kind);
        vec![Effect::OpenForm(Start::new(kind, client).on(on))]
    }

    /// Enter on an agenda item: the client, at the form the item asks for; a premium
    /// instalment asks whether it was paid.
    pub(super) fn open_agenda_item(&mut self) -> Vec<Effect> {
        let Some(row) = self.agenda.list.selected_row().cloned() else {
            return Vec::new();
        };
        self.screen = Screen::Caseload;
        let mut effects = self.open_client(row.item.client_id);
        match AgendaScreen::form_of(row.item.kind) {
            Some(kind) => {
                // The plan of action still to agree is about the period, not one record.
                let on = (row.item.kind != ItemKind::Plan).then_some(row.item.ref_id);
                let mut start = Start::new(kind, Some(row.item.client_id)).on(on);
                start.from = Some(Screen::Agenda);
                effects.push(Effect::OpenForm(start));
            }
            None => self.caseload.focus = Focus::File,
        }
        self.return_to = Some(Screen::Agenda);
        effects
    }

    /// Shows a client's file with the filter cleared.
    pub(super) fn open_client(&mut self, client_id: Id) -> Vec<Effect> {
        let height = self.list_height();
        self.caseload.list.filter.reset();
        let mut effects = self.caseload.requery(
            self.caseload.list.around(client_id),
            self.lang,
            self.today,
            height,
        );
        self.caseload.focus_file();
        effects.push(Effect::Read(Read::File(client_id)));
        effects
    }
}
