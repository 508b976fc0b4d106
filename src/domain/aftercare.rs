//! Aftercare rules: the schedule of contacts per mode (from `aftercare.toml`), event
//! contacts, the retry date in working days, and the extension to twelve months.

use super::catalog::AssetError;
use super::codes::{AftercareMode, ContactKind, ContractType, ExitCategory};
use super::offset::Offset;
use chrono::NaiveDate;
use serde::Deserialize;

/// The built-in `aftercare.toml`.
pub const BUILTIN: &str = include_str!("../../assets/aftercare.toml");

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModeFile {
    contacts: Vec<Offset>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventsFile {
    contract_end_before: Offset,
    contract_types: Vec<String>,
    study_end: bool,
    premium_instalments: bool,
    #[serde(default = "default_within_months")]
    within_months: u32,
}

fn default_within_months() -> u32 {
    24
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct RetryFile {
    after_working_days: u32,
    flag_after_failed: u32,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtensionFile {
    months: u32,
    every: Offset,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    months: u32,
    active: ModeFile,
    passive: ModeFile,
    events: EventsFile,
    retry: RetryFile,
    extension: ExtensionFile,
}

/// The aftercare schedule of a municipality.
#[derive(Clone, Debug, PartialEq)]
pub struct AftercareConfig {
    /// How long a plan runs; the closing contact falls at its end.
    pub months: u32,
    /// Scheduled contacts of active aftercare (before the closing contact).
    pub active: Vec<Offset>,
    /// Scheduled contacts of passive aftercare (usually none).
    pub passive: Vec<Offset>,
    /// How long before a contract end its contact falls.
    pub contract_end_before: Offset,
    /// The contract types whose end gets a contact.
    pub contract_types: Vec<ContractType>,
    /// A contact at the end of the study, for study exits.
    pub study_end: bool,
    /// A contact at each premium instalment after the first.
    pub premium_instalments: bool,
    /// Events are planned up to this many months after the plan's start (also after the
    /// plan's end, which keeps the plan open for them), not beyond.
    pub events_within_months: u32,
    /// A client not reached is tried again this many working days later.
    pub retry_working_days: u32,
    /// After this many failed tries in a row the plan is flagged.
    pub flag_after_failed: u32,
    /// The length of an extended plan.
    pub extension_months: u32,
    /// The rhythm of contacts in the extension.
    pub extension_every: Offset,
}

impl AftercareConfig {
    /// Parses and checks `aftercare.toml`.
    pub fn parse(text: &str) -> Result<AftercareConfig, AssetError> {
        let f: File = toml::from_str(text).map_err(|e| AssetError::from_toml(text, &e))?;
        let err = |needle: &str, m: &str| Err(AssetError::at(text, needle, m.to_owned()));
        if !(1..=24).contains(&f.months) {
            return err("months", "months must be 1 to 24");
        }
        if f.extension.months < f.months || f.extension.months > 36 {
            return err(
                "[extension]",
                "extension months must be between months and 36",
            );
        }
        if f.extension.every == Offset::Days(0)
            || f.extension.every == Offset::Weeks(0)
            || f.extension.every == Offset::Months(0)
        {
            return err("every", "every must be more than 0");
        }
        if !(1..=30).contains(&f.retry.after_working_days) {
            return err("after_working_days", "after_working_days must be 1 to 30");
        }
        if !(f.months..=60).contains(&f.events.within_months) {
            return err(
                "within_months",
                "within_months must be between months and 60",
            );
        }
        if !(1..=10).contains(&f.retry.flag_after_failed) {
            return err("flag_after_failed", "flag_after_failed must be 1 to 10");
        }
        let mut contract_types = Vec::new();
        for c in &f.events.contract_types {
            match <ContractType as super::codes::Code>::from_code(c) {
                Some(t) => contract_types.push(t),
                None => {
                    return err(
                        "contract_types",
                        &format!(
                            "unknown contract type \"{c}\" (permanent, temporary, agency, on_call, self_employed)"
                        ),
                    );
                }
            }
        }
        Ok(AftercareConfig {
            months: f.months,
            active: f.active.contacts,
            passive: f.passive.contacts,
            contract_end_before: f.events.contract_end_before,
            contract_types,
            study_end: f.events.study_end,
            premium_instalments: f.events.premium_instalments,
            events_within_months: f.events.within_months,
            retry_working_days: f.retry.after_working_days,
            flag_after_failed: f.retry.flag_after_failed,
            extension_months: f.extension.months,
            extension_every: f.extension.every,
        })
    }

    /// The scheduled contacts of a mode (none for declined).
    pub fn contacts(&self, mode: AftercareMode) -> &[Offset] {
        match mode {
            AftercareMode::Active => &self.active,
            AftercareMode::Passive => &self.passive,
            AftercareMode::Declined => &[],
        }
    }

    /// The date a client not reached on `on` is tried again.
    pub fn retry_on(&self, on: NaiveDate) -> NaiveDate {
        super::workdays::current().add_working_days(on, self.retry_working_days)
    }
}

/// What the schedule of a plan depends on: the exit as recorded.
#[derive(Clone, Debug, PartialEq)]
pub struct ScheduleFacts {
    pub exit_date: NaiveDate,
    /// When known, the schedule counts from here instead of the exit date.
    pub first_work_day: Option<NaiveDate>,
    pub mode: AftercareMode,
    pub category: ExitCategory,
    pub contract_type: Option<ContractType>,
    pub contract_end: Option<NaiveDate>,
    pub study_end: Option<NaiveDate>,
    /// Due dates of the premium instalments, first one first.
    pub instalments: Vec<NaiveDate>,
}

impl ScheduleFacts {
    /// The date the schedule counts from: the first working day if known, else the exit.
    pub fn anchor(&self) -> NaiveDate {
        self.first_work_day.unwrap_or(self.exit_date)
    }

    /// The contacts of events (contract end, study end, premium instalments after the
    /// first), whatever the mode, in date order; declined aftercare has none.
    pub fn events(&self, cfg: &AftercareConfig) -> Vec<PlannedContact> {
        if self.mode == AftercareMode::Declined {
            return Vec::new();
        }
        let mut out = Vec::new();
        if let (Some(t), Some(end)) = (self.contract_type, self.contract_end)
            && cfg.contract_types.contains(&t)
        {
            let on = before(end, cfg.contract_end_before).max(self.exit_date);
            out.push(PlannedContact::new(on, ContactKind::ContractEnd));
        }
        if cfg.study_end
            && self.category == ExitCategory::Study
            && let Some(end) = self.study_end
        {
            out.push(PlannedContact::new(end, ContactKind::StudyEnd));
        }
        if cfg.premium_instalments {
            for due in self.instalments.iter().skip(1) {
                out.push(PlannedContact::new(*due, ContactKind::Premium));
            }
        }
        let horizon = Offset::Months(cfg.events_within_months).after(self.anchor());
        out.retain(|c| c.on <= horizon);
        out.sort_by_key(|c| c.on);
        out
    }
}

/// The date `o` before `d` (months follow the calendar).
fn before(d: NaiveDate, o: Offset) -> NaiveDate {
    match o {
        Offset::Days(n) => super::date::add_days(d, -i64::from(n)),
        Offset::Weeks(n) => super::date::add_days(d, -7 * i64::from(n)),
        Offset::Months(n) => d
            .checked_sub_months(chrono::Months::new(n))
            .unwrap_or(NaiveDate::MIN),
    }
}

/// A contact to plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlannedContact {
    pub on: NaiveDate,
    pub kind: ContactKind,
}

impl PlannedContact {
    fn new(on: NaiveDate, kind: ContactKind) -> Self {
        PlannedContact { on, kind }
    }
}

/// A plan's period and contacts, as generated at the exit.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    /// The exit date.
    pub starts_on: NaiveDate,
    /// The closing contact's date (never before the start).
    pub ends_on: NaiveDate,
    /// In date order: the closing contact after every other one of its day, and only
    /// event contacts after it.
    pub contacts: Vec<PlannedContact>,
}

/// Puts event contacts that fall within `from..until` (exclusive) among `contacts`; an event
/// on the day of a scheduled contact replaces it (one call, asking the event's question).
fn merge(
    contacts: &mut Vec<PlannedContact>,
    events: &[PlannedContact],
    from: NaiveDate,
    until: NaiveDate,
) {
    for e in events.iter().filter(|e| e.on >= from && e.on < until) {
        contacts.retain(|c| !(c.on == e.on && c.kind == ContactKind::Scheduled));
        if !contacts.contains(e) {
            contacts.push(*e);
        }
    }
    contacts.sort_by_key(|c| (c.on, c.kind == ContactKind::Closing));
}

/// The plan of an exit: `None` for declined aftercare (no plan, no contacts). The schedule
/// counts from the first working day when known, else from the exit date; contacts that
/// would fall before the exit date are left out; event contacts are planned whenever they
/// fall, also after the closing contact (the plan stays open for them), but an event on
/// the closing day is covered by that contact.
pub fn schedule(cfg: &AftercareConfig, f: &ScheduleFacts) -> Option<Schedule> {
    if f.mode == AftercareMode::Declined {
        return None;
    }
    let anchor = f.anchor();
    let ends_on = Offset::Months(cfg.months).after(anchor).max(f.exit_date);
    let mut contacts: Vec<PlannedContact> = cfg
        .contacts(f.mode)
        .iter()
        .map(|o| PlannedContact::new(o.after(anchor), ContactKind::Scheduled))
        .filter(|c| c.on >= f.exit_date && c.on < ends_on)
        .collect();
    contacts.push(PlannedContact::new(ends_on, ContactKind::Closing));
    let events = f.events(cfg);
    merge(&mut contacts, &events, f.exit_date, ends_on);
    contacts.extend(events.iter().filter(|e| e.on > ends_on));
    on_working_days(&mut contacts);
    Some(Schedule {
        starts_on: f.exit_date,
        ends_on,
        contacts,
    })
}

/// What extending a plan does.
#[derive(Clone, Debug, PartialEq)]
pub struct Extension {
    /// The new end, where the closing contact moves.
    pub ends_on: NaiveDate,
    /// New contacts between the old and the new end: the extension's rhythm, and events
    /// that now fall within the plan (the closing contact is moved, not included).
    pub contacts: Vec<PlannedContact>,
}

/// Extends a plan that ends on `old_end` to the configured length. Active aftercare
/// continues on the extension's rhythm: a regular contact at the old end (where the closing
/// contact was) and every `extension_every` after it; passive aftercare only moves its
/// closing contact. Events that now fall within the plan are added in both modes.
pub fn extension(cfg: &AftercareConfig, f: &ScheduleFacts, old_end: NaiveDate) -> Extension {
    let anchor = f.anchor();
    let ends_on = Offset::Months(cfg.extension_months)
        .after(anchor)
        .max(old_end);
    let mut contacts = Vec::new();
    if f.mode == AftercareMode::Active && ends_on > old_end {
        contacts.push(PlannedContact::new(old_end, ContactKind::Scheduled));
        let mut step = 1;
        let mut on = next_step(cfg.extension_every, anchor, cfg.months, step);
        while on < ends_on {
            if on > old_end {
                contacts.push(PlannedContact::new(on, ContactKind::Scheduled));
            }
            step += 1;
            on = next_step(cfg.extension_every, anchor, cfg.months, step);
        }
    }
    merge(&mut contacts, &f.events(cfg), old_end, ends_on);
    on_working_days(&mut contacts);
    Extension { ends_on, contacts }
}

/// Moves each planned contact off a weekend, holiday or closing day to the next working
/// day (the plan's period stays as counted); one contact of a kind a day.
fn on_working_days(contacts: &mut Vec<PlannedContact>) {
    for c in contacts.iter_mut() {
        c.on = super::workdays::working_day(c.on);
    }
    contacts.sort_by_key(|c| (c.on, c.kind == ContactKind::Closing));
    contacts.dedup();
}

/// The `step`-th extension contact: `months + step * every` from the anchor, counted from
/// the anchor each time so month ends do not drift (31 Jan + 7 months = 31 Aug).
fn next_step(every: Offset, anchor: NaiveDate, months: u32, step: u32) -> NaiveDate {
    match every {
        Offset::Months(n) => Offset::Months(months + n * step).after(anchor),
        Offset::Weeks(n) => Offset::Weeks(n * step).after(Offset::Months(months).after(anchor)),
        Offset::Days(n) => Offset::Days(n * step).after(Offset::Months(months).after(anchor)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_file_parses() {
        let c = AftercareConfig::parse(BUILTIN).expect("built-in aftercare.toml parses");
        assert_eq!(c.months, 6);
        assert_eq!(c.active.len(), 5);
        assert!(c.passive.is_empty());
        assert_eq!(c.retry_working_days, 3);
        assert_eq!(c.flag_after_failed, 3);
        assert_eq!(c.extension_months, 12);
        assert_eq!(c.contract_types.len(), 3);
    }

    #[test]
    fn a_broken_file_says_where() {
        let e = AftercareConfig::parse(&BUILTIN.replace("\"4w\"", "\"4 weeks\"")).unwrap_err();
        assert_eq!(e.line, Some(11), "{e}");
        let e = AftercareConfig::parse(&BUILTIN.replace("\"on_call\"", "\"zzp\"")).unwrap_err();
        assert!(e.message.contains("zzp") && e.line.is_some(), "{e}");
        let e = AftercareConfig::parse(
            &BUILTIN.replace("after_working_days = 3", "after_working_days = 0"),
        )
        .unwrap_err();
        assert!(e.message.contains("after_working_days"), "{e}");
    }
}
