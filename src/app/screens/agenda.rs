//! The agenda screen: every open dated item of the caseload, filtered by name, kind or
//! what to do, and the form each item asks for.

use super::listing::Listing;
use crate::app::workflows::FormKind;
use crate::domain::agenda::ItemKind;
use crate::domain::catalog::Catalog;
use crate::domain::codes::Code;
use crate::domain::search::Needle;
use crate::i18n::Lang;
use crate::store::agenda::AgendaEntry;

/// How far ahead the agenda looks ("later" ends here).
pub const HORIZON_DAYS: i64 = 60;

/// The agenda screen's state.
#[derive(Debug, Default)]
pub struct AgendaScreen {
    pub list: Listing<AgendaEntry>,
}

impl AgendaScreen {
    /// Replaces the items, keeping the cursor on the same item when it is still there.
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
            .map(|r| (r.item.kind, r.item.ref_id));
        self.list.rows = rows;
        self.apply_filter(lang, catalog);
        if let Some((kind, id)) = keep {
            self.list
                .select_where(|r| r.item.kind == kind && r.item.ref_id == id);
        }
        self.list.scroll_into_view(height);
    }

    /// Applies the filter: every typed word in the client's name, the kind, or what to do
    /// (accents and case ignored, any order).
    pub fn apply_filter(&mut self, lang: Lang, catalog: &Catalog) {
        let needle = Needle::new(self.list.filter.value());
        self.list.filter_by(|r| {
            needle.is_empty()
                || needle.in_any(&[
                    &r.client_name,
                    r.item.kind.label(lang),
                    &r.item.describe(lang, catalog),
                ])
        });
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
