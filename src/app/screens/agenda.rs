//! The agenda screen: every open dated item of the caseload, filtered by name, kind or
//! what to do, and the form each item asks for.

use super::listing::Listing;
use crate::app::workflows::FormKind;
use crate::domain::agenda::ItemKind;
use crate::domain::catalog::Catalog;
use crate::domain::codes::Code;
use crate::domain::search::{Needle, fold};
use crate::i18n::Lang;
use crate::store::agenda::AgendaEntry;

/// How far ahead the agenda looks ("later" ends here).
pub const HORIZON_DAYS: i64 = 60;

/// The agenda screen's state.
#[derive(Debug, Default)]
pub struct AgendaScreen {
    pub list: Listing<AgendaEntry>,
    /// The items were read.
    pub loaded: bool,
    /// Only what is late is shown: the clients without a next step and the overdue items
    /// (`!`).
    pub overdue_only: bool,
    /// The day items are late before (set with the rows).
    pub today: Option<chrono::NaiveDate>,
    /// What the filter searches in each row (name, kind, what to do), folded once when
    /// the rows arrive rather than once per key typed.
    haystacks: Vec<String>,
    /// The clients whose risk of re-entry is medium or high, with it (marked by name).
    pub risk: std::collections::HashMap<crate::domain::model::Id, crate::domain::codes::Risk>,
}

impl AgendaScreen {
    /// Replaces the items (the clients without a next step, then the dated items), keeping
    /// the cursor on the same item when it is still there.
    pub fn set_rows(
        &mut self,
        rows: Vec<AgendaEntry>,
        lang: Lang,
        catalog: &Catalog,
        height: usize,
    ) {
        let keep = self
            .list
            .selected_row()
            .map(|r| (r.item.kind, r.item.client_id, r.item.ref_id));
        self.list.rows = rows;
        self.haystacks.clear();
        self.loaded = true;
        self.apply_filter(lang, catalog);
        if let Some((kind, client, id)) = keep {
            self.list.select_where(|r| {
                (r.item.kind, r.item.client_id, r.item.ref_id) == (kind, client, id)
            });
        }
        self.list.scroll_into_view(height);
    }

    /// Applies the filter: every typed word in the client's name, the kind, or what to do
    /// (accents and case ignored, any order).
    pub fn apply_filter(&mut self, lang: Lang, catalog: &Catalog) {
        let needle = Needle::new(self.list.filter.value());
        let late = |e: &AgendaEntry| match self.today {
            Some(today) if self.overdue_only => matches!(
                e.item.urgency(today),
                crate::domain::agenda::Urgency::Idle | crate::domain::agenda::Urgency::Overdue
            ),
            _ => true,
        };
        if needle.is_empty() {
            let rows = &self.list.rows;
            let keep: Vec<bool> = rows.iter().map(late).collect();
            return self.list.filter_by_index(|i| keep[i]);
        }
        if self.haystacks.len() != self.list.rows.len() {
            self.haystacks = self
                .list
                .rows
                .iter()
                .map(|r| {
                    fold(&format!(
                        "{}\n{}\n{}",
                        r.client_name,
                        r.item.kind.label(lang),
                        r.item.describe(lang, catalog)
                    ))
                })
                .collect();
        }
        let keep: Vec<bool> = self.list.rows.iter().map(late).collect();
        let hay = &self.haystacks;
        self.list
            .filter_by_index(|i| keep[i] && needle.all(|w| hay[i].contains(w)));
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
