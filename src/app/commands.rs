//! Commands know when they apply: whether an action can be done for what is selected now,
//! or why not (an i18n key). The footer and the help show a command that does not apply
//! greyed, with its reason; pressing it says the reason instead of opening and refusing.

use super::action::{Action, Screen};
use super::state::State;
use super::workflows::{FormKind, aftercare_runs};
use crate::domain::agenda::ItemKind;

/// Whether `action` applies now: `Ok`, or the i18n key of why not.
pub fn availability(state: &State, action: &Action) -> Result<(), &'static str> {
    let file = state.caseload.file.as_ref();
    let exited = file
        .and_then(|f| f.episodes.last())
        .map(|e| e.exit_date.is_some());
    match action {
        Action::Form(FormKind::CheckIn) if state.screen == Screen::Agenda => {
            match state.agenda.list.selected_row().map(|r| r.item.kind) {
                Some(ItemKind::CheckIn | ItemKind::ContractEnd) => Ok(()),
                Some(_) => Err("checkin.not_a_check_in"),
                None => Err("agenda.nothing_selected"),
            }
        }
        Action::Open if state.screen == Screen::Agenda => match state.agenda.list.selected_row() {
            Some(_) => Ok(()),
            None => Err("agenda.nothing_selected"),
        },
        Action::Open if state.caseload.focus == super::screens::caseload::Focus::File => {
            match state.caseload.item() {
                Some(_) => Ok(()),
                None => Err("file.no_item_any"),
            }
        }
        Action::Form(kind) => kind.applies(file),
        Action::ReEnter => match exited {
            Some(true) => Ok(()),
            Some(false) => Err("intake.err.still_on_benefit"),
            None => Err("form.no_client"),
        },
        Action::Letter => match exited {
            Some(true) => Ok(()),
            Some(false) => Err("exit_letter.no_exit"),
            None => Err("form.no_client"),
        },
        Action::TakeBackPremium if file.is_none() => Err("form.no_client"),
        Action::Void => match (file, state.caseload.item()) {
            (None, _) => Err("form.no_client"),
            (Some(_), Some(item)) if State::can_void(item) => Ok(()),
            (Some(_), _) => Err("void.not_a_trajectory"),
        },
        Action::NextItem | Action::PrevItem | Action::ToggleDone => match file {
            None => Err("form.no_client"),
            Some(f)
                if super::screens::caseload::file_items(f, state.caseload.timeline_kind)
                    .is_empty() =>
            {
                Err("file.no_items")
            }
            Some(_) if *action == Action::ToggleDone => match state.caseload.item() {
                None => Err("file.no_item"),
                Some(item) if State::can_mark_done(item) => Ok(()),
                Some(_) => Err("file.not_done_item"),
            },
            Some(_) => Ok(()),
        },
        Action::ExtendAftercare => match file {
            None => Err("form.no_client"),
            Some(f) if !aftercare_runs(f) => Err("checkin.no_plan"),
            Some(f)
                if f.aftercare
                    .as_ref()
                    .and_then(|a| a.plan.as_ref())
                    .is_some_and(|p| p.extended) =>
            {
                Err("aftercare_rule.already_extended")
            }
            Some(_) => Ok(()),
        },
        _ => Ok(()),
    }
}

/// What to say for a key that does nothing where the keyboard is (`mode`) but works on
/// another screen or pane: "c (Contact note) works in the caseload (1)".
pub fn elsewhere(
    mode: crate::keymap::Mode,
    key: ratatui::crossterm::event::KeyEvent,
    lang: crate::i18n::Lang,
) -> Option<String> {
    use crate::keymap::Mode;
    // Only on a screen: a popup or a question has keys of its own.
    if !matches!(mode, Mode::List | Mode::File | Mode::Agenda | Mode::Reports) {
        return None;
    }
    let b = crate::keymap::elsewhere(mode, key)?;
    let place = match b.mode {
        Mode::File => "key.place.file",
        Mode::Agenda => "key.place.agenda",
        Mode::Reports => "key.place.reports",
        _ => "key.place.caseload",
    };
    Some(crate::i18n::tf(
        lang,
        "key.elsewhere",
        &[
            ("key", &crate::keymap::key_label(b.key)),
            ("what", &crate::i18n::t(lang, b.desc)),
            ("place", &crate::i18n::t(lang, place)),
        ],
    ))
}
