//! A caseworker's own keys (`keys.toml` in the config directory): per place, an action's
//! name and the keys that do it instead of the built-in ones. A file that names an
//! unknown place, action or key, or gives a key two actions, is reported with its line and
//! the built-in keys are used.
//!
//! ```toml
//! [client]            # the keys for a client, in the list and in the file
//! exit_interview = "X"
//! [global]
//! quit = ["q", "ctrl-q"]
//! ```
//!
//! An action's name is the last part of its description's key (`key.exit_interview`:
//! `exit_interview`); `caseload keys` lists them all.

use crate::domain::catalog::AssetError;
use crate::keymap::{self, Binding, KEYMAP, Key, Mode};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// No file: the built-in keys.
pub const BUILTIN: &str = "";

/// The keys of a `keys.toml`: the whole table with the caseworker's changes, or `None`
/// (the built-in table).
#[derive(Clone, Debug, Default)]
pub struct UserKeys {
    pub table: Option<Vec<Binding>>,
}

/// One key or several.
#[derive(Deserialize)]
#[serde(untagged)]
enum Keys {
    One(String),
    Many(Vec<String>),
}

type File = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<Keys>>>;

/// The places keys can be set for, by their name in the file.
pub const MODES: &[(&str, Mode)] = &[
    ("global", Mode::Global),
    ("list", Mode::List),
    ("file", Mode::File),
    ("client", Mode::Client),
    ("agenda", Mode::Agenda),
    ("reports", Mode::Reports),
    ("filter", Mode::Filter),
    ("help", Mode::Help),
    ("history", Mode::History),
    ("form", Mode::Form),
    ("picker", Mode::Picker),
    ("confirm", Mode::Confirm),
    ("period", Mode::Period),
    ("palette", Mode::Palette),
    ("summary", Mode::Summary),
    ("search", Mode::Search),
];

/// The name of a binding's action in the file.
pub fn action_name(b: &Binding) -> &'static str {
    b.desc.rsplit('.').next().unwrap_or(b.desc)
}

/// The name of a place in the file.
pub fn mode_name(mode: Mode) -> &'static str {
    MODES
        .iter()
        .find(|(_, m)| *m == mode)
        .map_or("global", |(n, _)| n)
}

/// A key as written in the file: a character (`x`, `X`, `?`), `ctrl-x`, or a name
/// (`enter`, `esc`, `tab`, `shift-tab`, `space`, `up`, `down`, `left`, `right`, `pgup`,
/// `pgdn`, `home`, `end`, `backspace`, `delete`, `f1` … `f12`), any of them after `ctrl-`.
pub fn parse_key(s: &str) -> Option<Key> {
    let (mods, rest) = match s.strip_prefix("ctrl-").or_else(|| s.strip_prefix("Ctrl-")) {
        Some(rest) if !rest.is_empty() => (KeyModifiers::CONTROL, rest),
        _ => (KeyModifiers::NONE, s),
    };
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() => KeyCode::Char(c),
        _ => match rest.to_lowercase().as_str() {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "shift-tab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" => KeyCode::PageUp,
            "pgdn" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "backspace" => KeyCode::Backspace,
            "delete" => KeyCode::Delete,
            f => KeyCode::F(
                f.strip_prefix('f')?
                    .parse()
                    .ok()
                    .filter(|n| (1..=12).contains(n))?,
            ),
        },
    };
    // A control character is typed with Ctrl and a lower-case letter; Ctrl with anything
    // else, and Ctrl-H, -I, -J, -M (the terminal sends Backspace, Tab, Enter), never
    // arrive as such.
    let code = match code {
        KeyCode::Char(c) if mods == KeyModifiers::CONTROL => {
            let c = c.to_ascii_lowercase();
            if !c.is_ascii_lowercase() || matches!(c, 'h' | 'i' | 'j' | 'm') {
                return None;
            }
            KeyCode::Char(c)
        }
        other => other,
    };
    Some(Key { code, mods })
}

/// Whether a key types or edits text (a character, Backspace, Delete, the cursor keys
/// along a line).
fn types(key: Key) -> bool {
    key.mods == KeyModifiers::NONE
        && matches!(
            key.code,
            KeyCode::Char(_)
                | KeyCode::Backspace
                | KeyCode::Delete
                | KeyCode::Left
                | KeyCode::Right
                | KeyCode::Home
                | KeyCode::End
        )
}

/// The ways out of a place: every place that has one keeps one.
fn leaves(action: &crate::app::action::Action) -> bool {
    use crate::app::action::{Action, Answer};
    matches!(
        action,
        Action::Leave
            | Action::Back
            | Action::ToggleHelp
            | Action::ClearFilter
            | Action::Answer(Answer::Cancel)
            | Action::Search
            | Action::Palette
            | Action::Quit
    )
}

/// A key as the file writes it (what [`parse_key`] reads): the help's label in lower
/// case for named keys (`Enter`: `enter`, `Ctrl-X`: `ctrl-x`), arrows by their names.
pub fn key_name(key: Key) -> String {
    file_name(&keymap::key_label(key))
}

/// [`key_name`] of a key's label.
fn file_name(label: &str) -> String {
    match label {
        "↑" => "up".into(),
        "↓" => "down".into(),
        "←" => "left".into(),
        "→" => "right".into(),
        l if l.chars().count() == 1 => l.to_owned(),
        l => match l.strip_prefix("Ctrl-") {
            Some(rest) => format!("ctrl-{}", file_name(rest).to_lowercase()),
            None => l.to_lowercase(),
        },
    }
}

/// The 1-based line of a byte offset.
fn line(text: &str, at: usize) -> Option<usize> {
    Some(text.get(..at.min(text.len()))?.matches('\n').count() + 1)
}

fn error(text: &str, at: usize, message: String) -> AssetError {
    AssetError {
        line: line(text, at),
        message,
    }
}

/// Reads a `keys.toml`: the built-in table with its changes, or what is wrong and where.
pub fn parse(text: &str) -> Result<UserKeys, AssetError> {
    let file: File = toml::from_str(text).map_err(|e| AssetError::from_toml(text, &e))?;
    if file.values().all(BTreeMap::is_empty) {
        return Ok(UserKeys::default());
    }
    let mut table: Vec<Binding> = KEYMAP.to_vec();
    // The rows the file made, with the place in the file that made them.
    let mut made: Vec<(Binding, usize)> = Vec::new();
    for (place, entries) in &file {
        let Some(&(_, mode)) = MODES.iter().find(|(n, _)| n == place.get_ref()) else {
            let known: Vec<&str> = MODES.iter().map(|(n, _)| *n).collect();
            let msg = format!(
                "no place [{}]: one of {}",
                place.get_ref(),
                known.join(", ")
            );
            return Err(error(text, place.span().start, msg));
        };
        for (name, keys) in entries {
            let at = name.span().start;
            let Some(first) = table
                .iter()
                .find(|b| b.mode == mode && action_name(b) == name.get_ref())
                .cloned()
            else {
                let msg = format!(
                    "no action {} in [{}] (caseload keys lists them)",
                    name.get_ref(),
                    place.get_ref()
                );
                return Err(error(text, at, msg));
            };
            let written = match keys.get_ref() {
                Keys::One(k) => vec![k.clone()],
                Keys::Many(ks) => ks.clone(),
            };
            if written.is_empty() {
                return Err(error(
                    text,
                    at,
                    format!("{}: give at least one key", name.get_ref()),
                ));
            }
            // The n-th key takes the n-th row's action (Esc and Ctrl-P both close the
            // palette, one by leaving it), a key beyond them the first's.
            let olds: Vec<Binding> = table
                .iter()
                .filter(|b| b.mode == mode && b.desc == first.desc)
                .cloned()
                .collect();
            // A name that stands for several actions here takes one key for each.
            let actions = olds.iter().fold(Vec::new(), |mut seen, b| {
                if !seen.contains(&b.action) {
                    seen.push(b.action.clone());
                }
                seen
            });
            if actions.len() > 1 && written.len() != olds.len() {
                let msg = format!(
                    "{} stands for {} keys that do different things in [{}]: give {} keys, \
                     in the order caseload keys lists them",
                    name.get_ref(),
                    olds.len(),
                    place.get_ref(),
                    olds.len()
                );
                return Err(error(text, at, msg));
            }
            let mut rows = Vec::new();
            for (i, k) in written.iter().enumerate() {
                let Some(key) = parse_key(k) else {
                    return Err(error(text, at, format!("not a key: {k:?}")));
                };
                // Where text is typed, a key that types is refused, but for one the built-in
                // table binds there already (Space ticks in a picker).
                let built_in = KEYMAP.iter().any(|b| b.mode == mode && b.key == key);
                if mode.takes_text() && types(key) && !built_in {
                    let msg = format!(
                        "{k:?} is typed in [{}]: give a key with Ctrl, a function key or an \
                         arrow up or down",
                        place.get_ref()
                    );
                    return Err(error(text, at, msg));
                }
                rows.push(Binding {
                    key,
                    ..olds.get(i).unwrap_or(&first).clone()
                });
            }
            // The action's rows in that place give way to the new ones, where the first was.
            let pos = table
                .iter()
                .position(|b| b.mode == mode && b.desc == first.desc)
                .unwrap_or(table.len());
            table.retain(|b| !(b.mode == mode && b.desc == first.desc));
            made.extend(rows.iter().map(|r| (r.clone(), at)));
            table.splice(pos..pos, rows);
        }
    }
    // Every place that could be left still can, by a key of its own.
    for &(place, mode) in MODES {
        let way_out = |t: &[Binding]| {
            t.iter().any(|b| {
                b.mode == mode && leaves(&b.action) && b.action != crate::app::action::Action::Quit
            })
        };
        if way_out(KEYMAP) && !way_out(&table) {
            let at = file
                .keys()
                .find(|p| p.get_ref() == place)
                .map_or(0, |p| p.span().start);
            let msg = format!("[{place}] would have no key left to leave it");
            return Err(error(text, at, msg));
        }
    }
    if let Some((mine, other, mode, at)) = conflict(&table, &made) {
        let msg = format!(
            "{} in [{}] is already the key for {} there; give {} another key",
            keymap::key_label(mine.key),
            mode_name(mode),
            action_name(&other),
            action_name(&mine),
        );
        return Err(error(text, at, msg));
    }
    Ok(UserKeys { table: Some(table) })
}

/// A key the file made that another action has where it applies too: that row, the
/// other, the place where both apply, and where in the file it was made.
fn conflict(
    table: &[Binding],
    made: &[(Binding, usize)],
) -> Option<(Binding, Binding, Mode, usize)> {
    // The row made last is the one in the way; its own place is named first.
    for (mine, at) in made.iter().rev() {
        let own = std::iter::once(mine.mode);
        for mode in own.chain(MODES.iter().map(|(_, m)| *m)) {
            let applies = |b: &Binding| keymap::applies_in(b.mode, mode);
            if !applies(mine) {
                continue;
            }
            let other = table
                .iter()
                .find(|b| applies(b) && b.key == mine.key && b.action != mine.action);
            if let Some(other) = other {
                return Some((mine.clone(), other.clone(), mode, *at));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests;
