//! The orders of the caseload list (`o`): by due date, name, phase, or the risk of
//! re-entry.

use crate::domain::risk::RiskConfig;
use crate::store::caseload::{CaseloadRow, sort_key};

/// The order of the list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ListSort {
    /// By the next action's date (none last), then name: what needs doing first on top.
    #[default]
    Due,
    /// By name.
    Name,
    /// By phase, in the order of the journey, then by due date.
    Phase,
    /// By the risk of re-entry, highest first (its total weight), then by due date.
    Risk,
}

impl ListSort {
    /// The next order.
    pub fn next(self) -> ListSort {
        match self {
            ListSort::Due => ListSort::Name,
            ListSort::Name => ListSort::Phase,
            ListSort::Phase => ListSort::Risk,
            ListSort::Risk => ListSort::Due,
        }
    }

    /// How two rows compare in this order (the risk weighed by `risk`).
    pub fn cmp(
        self,
        a: &CaseloadRow,
        b: &CaseloadRow,
        risk: Option<&RiskConfig>,
    ) -> std::cmp::Ordering {
        let name = |r: &CaseloadRow| (r.name.to_lowercase(), r.client_id);
        let weight = |r| weight(r, risk);
        match self {
            ListSort::Risk => (std::cmp::Reverse(weight(a)), sort_key(a))
                .cmp(&(std::cmp::Reverse(weight(b)), sort_key(b))),
            ListSort::Due => sort_key(a).cmp(&sort_key(b)),
            ListSort::Name => name(a).cmp(&name(b)),
            ListSort::Phase => (a.phase, sort_key(a)).cmp(&(b.phase, sort_key(b))),
        }
    }

    /// Sorts rows in this order, each row's key computed once (its risk weighed once).
    pub fn sort(self, rows: &mut [CaseloadRow], risk: Option<&RiskConfig>) {
        match self {
            ListSort::Risk => {
                rows.sort_by_cached_key(|r| (std::cmp::Reverse(weight(r, risk)), sort_key(r)));
            }
            order => rows.sort_by(|a, b| order.cmp(a, b, risk)),
        }
    }

    /// The i18n key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            ListSort::Due => "list.sort_due",
            ListSort::Name => "list.sort_name",
            ListSort::Phase => "list.sort_phase",
            ListSort::Risk => "list.sort_risk",
        }
    }
}

/// A row's risk of re-entry as its total weight (0: not weighed).
fn weight(r: &CaseloadRow, risk: Option<&RiskConfig>) -> u32 {
    match (r.risk.as_ref(), risk) {
        (Some(f), Some(cfg)) => crate::domain::risk::assess(f, cfg).score,
        _ => 0,
    }
}
