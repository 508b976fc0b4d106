//! Open dated items (the agenda and the list's next action) and how they are grouped.

use super::catalog::Catalog;
use super::codes::{Code, ContactKind, code_enum};
use super::model::Id;
use crate::i18n::{Lang, t, tf};
use chrono::NaiveDate;

code_enum!(
/// What kind of dated item is waiting.
ItemKind, "item", [
    /// The follow-up date of an agreement.
    Agreement,
    /// A trajectory's review date.
    Review,
    /// A trajectory's planned end.
    TrajectoryEnd,
    /// An aftercare check-in.
    CheckIn,
    /// A check-in two weeks before a temporary contract ends.
    ContractEnd,
    /// An exit-premium instalment to pay.
    Premium,
    /// The plan of action to agree, some days after the intake (`casework.toml`).
    Plan,
    /// Nothing dated is open for a client who is not closed: no next step since the day
    /// of the last thing that happened.
    Idle,
]);

/// One open dated item of a client.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenItem {
    pub client_id: Id,
    pub due: NaiveDate,
    pub kind: ItemKind,
    /// The id of the agreement, trajectory, contact or instalment.
    pub ref_id: Id,
    /// A short text: the agreement, the instrument's name stored when it was assigned, the
    /// contact kind, the instalment number.
    pub detail: String,
    /// The instrument's key, for a review or a trajectory's end.
    pub instrument: Option<String>,
}

impl OpenItem {
    /// What to do, in a few words: the agreement, the instrument (the catalogue's name in
    /// `lang` while it has the instrument), the kind of contact.
    pub fn describe(&self, lang: Lang, catalog: &Catalog) -> String {
        match self.kind {
            ItemKind::Review | ItemKind::TrajectoryEnd => catalog
                .name_or(self.instrument.as_deref().unwrap_or(""), &self.detail, lang)
                .to_owned(),
            ItemKind::ContractEnd => t(lang, "item.contract_end_what").to_owned(),
            ItemKind::CheckIn => ContactKind::from_code(&self.detail)
                .map(|k| k.label(lang).to_owned())
                .unwrap_or_default(),
            ItemKind::Premium => tf(lang, "item.premium_n", &[("n", &self.detail)]),
            ItemKind::Plan => t(lang, "item.plan_what").to_owned(),
            ItemKind::Idle => tf(
                lang,
                "item.idle_what",
                &[("date", &super::date::fmt_date(self.due))],
            ),
            _ => self.detail.lines().next().unwrap_or("").to_owned(),
        }
    }
}

/// Where an item falls relative to today (a client without a next step above all).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Urgency {
    Idle,
    Overdue,
    Today,
    ThisWeek,
    Later,
}

impl OpenItem {
    /// Its group: no next step, else by its date.
    pub fn urgency(&self, today: NaiveDate) -> Urgency {
        match self.kind {
            ItemKind::Idle => Urgency::Idle,
            _ => Urgency::of(self.due, today),
        }
    }
}

impl Urgency {
    /// Overdue before today, today, within the next 7 days, or later.
    pub fn of(due: NaiveDate, today: NaiveDate) -> Urgency {
        let days = (due - today).num_days();
        match days {
            d if d < 0 => Urgency::Overdue,
            0 => Urgency::Today,
            1..=7 => Urgency::ThisWeek,
            _ => Urgency::Later,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urgency_bands() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let d = |n: i64| today + chrono::Duration::days(n);
        assert_eq!(Urgency::of(d(-1), today), Urgency::Overdue);
        assert_eq!(Urgency::of(d(0), today), Urgency::Today);
        assert_eq!(Urgency::of(d(1), today), Urgency::ThisWeek);
        assert_eq!(Urgency::of(d(7), today), Urgency::ThisWeek);
        assert_eq!(Urgency::of(d(8), today), Urgency::Later);
    }

    #[test]
    fn a_contract_end_says_what_to_ask_not_its_kind_again() {
        let item = OpenItem {
            client_id: 1,
            due: NaiveDate::from_ymd_opt(2027, 5, 17).unwrap(),
            kind: ItemKind::ContractEnd,
            ref_id: 1,
            detail: "contract_end".into(),
            instrument: None,
        };
        let catalog = Catalog::builtin();
        assert_eq!(
            item.describe(Lang::En, &catalog),
            "is the contract renewed?"
        );
        assert_ne!(item.describe(Lang::Nl, &catalog), item.kind.label(Lang::Nl));
    }
}
