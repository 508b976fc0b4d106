//! The agenda screen's state: every open dated item of the caseload, and what Enter does.

use super::action::Screen;
use super::listing::Listing;
use super::{App, Focus};
use crate::domain::agenda::ItemKind;
use crate::domain::codes::Code;
use crate::domain::date::add_days;
use crate::store::agenda::AgendaEntry;

/// How far ahead the agenda looks ("later" ends here).
pub const HORIZON_DAYS: i64 = 60;

/// The agenda list.
pub type AgendaState = Listing<AgendaEntry>;

impl App {
    /// Reloads the agenda and the overdue count (on showing the screen and after saves).
    pub fn reload_agenda(&mut self) {
        // Counted now: a count still coming from the start is older.
        self.counting = None;
        match self.store.overdue_count(self.today) {
            Ok(n) => self.overdue = n,
            Err(e) => self.read_failed(&e),
        }
        if self.screen != Screen::Agenda {
            return;
        }
        let keep = self
            .agenda
            .selected_row()
            .map(|r| (r.item.kind, r.item.ref_id));
        match self.store.agenda(add_days(self.today, HORIZON_DAYS)) {
            Ok(rows) => self.agenda.rows = rows,
            Err(e) => self.read_failed(&e),
        }
        self.filter_agenda();
        if let Some((kind, id)) = keep {
            self.agenda
                .select_where(|r| r.item.kind == kind && r.item.ref_id == id);
        }
        let height = self.list_height();
        self.agenda.scroll_into_view(height);
    }

    /// Applies the agenda's filter: every typed word in the client's name, the kind, or
    /// what to do (accents and case ignored, any order).
    pub(super) fn filter_agenda(&mut self) {
        let needle = crate::domain::search::Needle::new(self.agenda.filter.value());
        let lang = self.lang;
        let catalog = &self.assets.catalog;
        self.agenda.filter_by(|r| {
            needle.is_empty()
                || needle.in_any(&[
                    &r.client_name,
                    r.item.kind.label(lang),
                    &r.item.describe(lang, catalog),
                ])
        });
    }

    /// Enter on an agenda item: the client, at the form the item asks for.
    pub(super) fn open_agenda_item(&mut self) {
        let Some(row) = self.agenda.selected_row().cloned() else {
            return;
        };
        self.screen = Screen::Caseload;
        self.open_client(row.item.client_id);
        self.return_to = Some(Screen::Agenda);
        match row.item.kind {
            ItemKind::Agreement => self.edit_plan(Some(row.item.ref_id)),
            ItemKind::Review => self.review_trajectory(Some(row.item.ref_id)),
            ItemKind::TrajectoryEnd => self.trajectory_status(Some(row.item.ref_id)),
            ItemKind::CheckIn | ItemKind::ContractEnd => self.check_in(Some(row.item.ref_id)),
            ItemKind::Premium => self.pay_premium(Some(row.item.ref_id)),
        }
        if self.form.is_none() {
            // Nothing to fill in (yet): the file is shown; Esc goes back to the agenda.
            self.focus = Focus::File;
            self.return_to = Some(Screen::Agenda);
        }
    }
}
