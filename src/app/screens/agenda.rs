//! The agenda screen: the open items of the caseload as a window over the kept agenda
//! (read a page at a time), filtered in the database by name, kind or what to do, and the
//! form each item asks for.

use super::window::{Page, Seek, Window, page};
use crate::app::effect::{Effect, Job, Read};
use crate::app::workflows::FormKind;
use crate::domain::agenda::ItemKind;
use crate::domain::catalog::Catalog;
use crate::domain::codes::{Code, ContactKind, Risk};
use crate::domain::model::Id;
use crate::domain::search::{Needle, fold};
use crate::i18n::{Lang, t};
use crate::store::agenda::AgendaEntry;
use crate::store::agenda_page::{AgendaKey, AgendaQuery, AgendaWord};
use chrono::NaiveDate;
use std::collections::HashMap;

/// How far ahead the agenda looks ("later" ends here).
pub const HORIZON_DAYS: i64 = 60;

/// A read of rows of the agenda: which agenda, where, and how many.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgendaRead {
    pub query: AgendaQuery,
    pub seek: Seek<AgendaKey>,
    pub rows: usize,
}

/// The agenda screen's state.
#[derive(Debug, Default)]
pub struct AgendaScreen {
    pub list: Window<AgendaEntry>,
    /// The agenda shown, as the database reads it (none before it was first shown).
    pub query: Option<AgendaQuery>,
    /// The rows were read.
    pub loaded: bool,
    /// Only what is late is shown: the clients without a next step and the overdue items
    /// (`!`).
    pub overdue_only: bool,
    /// How many rows the agenda last counted has.
    pub counted: Option<(AgendaQuery, usize)>,
    /// The clients in the window whose risk of re-entry is medium or high, with it
    /// (marked by name).
    pub risk: HashMap<Id, Risk>,
}

/// The typed filter as the database matches it: every word in the client's name, in what
/// the item says, in the name of its kind, instrument or kind of contact (accents and case
/// ignored, any order).
pub fn words(typed: &str, lang: Lang, catalog: &Catalog) -> Vec<AgendaWord> {
    Needle::new(typed)
        .words
        .iter()
        .map(|w| {
            let holds = |text: &str| fold(text).contains(w.as_str());
            let fixed = |k: ItemKind| match k {
                ItemKind::ContractEnd => holds(t(lang, "item.contract_end_what")),
                ItemKind::Plan => holds(t(lang, "item.plan_what")),
                _ => false,
            };
            AgendaWord {
                folded: w.clone(),
                kinds: ItemKind::all()
                    .iter()
                    .filter(|k| holds(k.label(lang)) || fixed(**k))
                    .copied()
                    .collect(),
                instruments: catalog
                    .instruments
                    .iter()
                    .filter(|i| holds(i.name(lang)))
                    .map(|i| i.key.clone())
                    .collect(),
                contacts: ContactKind::all()
                    .iter()
                    .filter(|c| holds(c.label(lang)))
                    .map(|c| c.code().to_owned())
                    .collect(),
            }
        })
        .collect()
}

impl AgendaScreen {
    /// The agenda the filter and the view ask for now.
    fn wanted(&self, lang: Lang, catalog: &Catalog, today: NaiveDate) -> AgendaQuery {
        AgendaQuery {
            words: words(self.list.filter.value(), lang, catalog),
            until: crate::domain::date::add_days(today, HORIZON_DAYS),
            late_on: self.overdue_only.then_some(today),
        }
    }

    /// The read of the agenda shown at `seek`.
    fn read(&self, seek: Seek<AgendaKey>, height: usize) -> Vec<Effect> {
        let Some(query) = self.query.clone() else {
            return Vec::new();
        };
        vec![Effect::Read(Read::AgendaPage(AgendaRead {
            query,
            seek,
            rows: page(height),
        }))]
    }

    /// Reads the agenda again as the filter and the view now ask (at `seek`), and counts
    /// it when it is another agenda than the one counted.
    fn requery(
        &mut self,
        seek: Seek<AgendaKey>,
        (lang, catalog, today): (Lang, &Catalog, NaiveDate),
        height: usize,
    ) -> Vec<Effect> {
        let query = self.wanted(lang, catalog, today);
        self.query = Some(query.clone());
        let mut effects = self.read(seek, height);
        if self.count().is_none() {
            effects.push(Effect::Background(Job::AgendaCount(query)));
        }
        effects
    }

    /// Shows the agenda afresh (the file may have changed since): around the item under
    /// the cursor, recounted.
    pub fn reread(&mut self, cx: (Lang, &Catalog, NaiveDate), height: usize) -> Vec<Effect> {
        self.counted = None;
        self.around_cursor(cx, height)
    }

    /// Takes rows read for the agenda, with the risk of re-entry of their clients; rows of
    /// an agenda no longer shown are dropped. The window reads on while a page is missing
    /// beyond the cursor.
    pub fn take_page(
        &mut self,
        read: &AgendaRead,
        page: Page<AgendaEntry>,
        risk: Vec<(Id, Risk)>,
        height: usize,
    ) -> Vec<Effect> {
        if self.query.as_ref() != Some(&read.query) {
            return Vec::new();
        }
        if !self.list.take((&read.seek, read.rows, false), page, height) {
            return Vec::new();
        }
        self.loaded = true;
        self.risk.extend(risk);
        let shown: std::collections::HashSet<Id> =
            self.list.rows.iter().map(|r| r.item.client_id).collect();
        self.risk.retain(|id, _| shown.contains(id));
        self.refill(height)
    }

    /// Takes how many rows an agenda has, when it is the agenda shown.
    pub fn take_count(&mut self, query: AgendaQuery, n: usize) {
        if self.query.as_ref() == Some(&query) {
            self.counted = Some((query, n));
        }
    }

    /// How many rows the agenda shown has, once counted.
    pub fn count(&self) -> Option<usize> {
        self.counted
            .as_ref()
            .filter(|(q, _)| Some(q) == self.query.as_ref())
            .map(|(_, n)| *n)
    }

    /// The read that keeps a page beyond the cursor, if one is missing.
    fn refill(&self, height: usize) -> Vec<Effect> {
        match self.list.refill(height) {
            Some(seek) => self.read(seek, height),
            None => Vec::new(),
        }
    }

    /// Moves the cursor by `delta` rows; the window reads what it needs.
    pub fn move_cursor(&mut self, delta: isize, height: usize) -> Vec<Effect> {
        match self.list.move_by(delta, height) {
            Some(seek) => self.read(seek, height),
            None => self.refill(height),
        }
    }

    /// Shows only what is late, or everything again; the cursor stays on its item (or
    /// where it would be).
    pub fn toggle_overdue(
        &mut self,
        cx: (Lang, &Catalog, NaiveDate),
        height: usize,
    ) -> Vec<Effect> {
        self.overdue_only = !self.overdue_only;
        self.around_cursor(cx, height)
    }

    /// Clears the typed filter; the cursor stays on its item.
    pub fn clear_filter(&mut self, cx: (Lang, &Catalog, NaiveDate), height: usize) -> Vec<Effect> {
        self.list.filter.reset();
        self.around_cursor(cx, height)
    }

    /// The filter was typed into: the agenda shows its first match.
    pub fn filtered(&mut self, cx: (Lang, &Catalog, NaiveDate), height: usize) -> Vec<Effect> {
        self.list.to_top();
        self.requery(Seek::First, cx, height)
    }

    /// The agenda read again as now asked, around the item under the cursor.
    fn around_cursor(&mut self, cx: (Lang, &Catalog, NaiveDate), height: usize) -> Vec<Effect> {
        let seek = match self.list.selected_row() {
            Some(r) => self.list.around(r.item.client_id),
            None => Seek::First,
        };
        self.requery(seek, cx, height)
    }

    /// The form an item asks for (none: the client's file is shown).
    pub fn form_of(kind: ItemKind) -> Option<FormKind> {
        match kind {
            ItemKind::Agreement => Some(FormKind::Plan),
            ItemKind::Review => Some(FormKind::Review),
            ItemKind::TrajectoryEnd => Some(FormKind::TrajectoryStatus),
            ItemKind::CheckIn | ItemKind::ContractEnd => Some(FormKind::CheckIn),
            ItemKind::Premium => Some(FormKind::PremiumPay),
            ItemKind::Plan => Some(FormKind::Plan),
            ItemKind::Idle => None,
        }
    }
}
