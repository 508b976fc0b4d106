//! Text that would act on a terminal: one client whose names, note and overdue agreement
//! hold escape sequences, bidirectional overrides and invisible characters, and what of a
//! text is hidden (never drawn or printed).
#![allow(dead_code)]

use crate::exit_support::{client_on_benefit, date};
use caseload::domain::codes::*;
use caseload::domain::display::is_hidden;
use caseload::domain::model::*;
use caseload::store::Store;

/// Sets the window title, clears the screen and rings the bell.
pub const FIRST: &str = "\x1b]0;pwned\x07Jan\x1b[2J\x07";
/// Writes the clipboard (OSC 52), and a one-byte CSI.
pub const PREFIX: &str = "\x1b]52;c;ZWNobyBwd25lZA==\x07de\u{9b}31m";
/// Reversed by an override, with an isolate, a zero-width space and a byte-order mark.
pub const LAST: &str = "\u{202e}seirV\u{2066}x\u{2069}\u{200b}\u{feff}\u{ad}";
/// An agreement text with everything at once.
pub const AGREEMENT: &str = "Cv\u{200b} sturen\x1b[31m\u{202e}rood\u{2028}en meer";

/// An agreement of the client's, its follow-up date past.
pub fn overdue(episode_id: Id, text: &str) -> Agreement {
    Agreement {
        id: 0,
        episode_id,
        note_id: None,
        text: text.into(),
        who: Who::Client,
        follow_up: Some(date(2026, 11, 1)),
        done_on: None,
    }
}

/// One client on benefit whose names, note and overdue agreement are hostile.
pub fn fill_hostile(store: &mut Store) {
    let (_, ep) = client_on_benefit(store, 20, FIRST, PREFIX, LAST, date(2025, 6, 2));
    store
        .write(|tx| {
            tx.insert_agreement(&overdue(ep, AGREEMENT))?;
            tx.insert_note(&Note {
                id: 0,
                episode_id: ep,
                noted_on: date(2026, 11, 2),
                channel: Channel::Phone,
                summary: format!("{AGREEMENT}\n{FIRST}\n\u{202e}tweede regel"),
                template: None,
            })
        })
        .unwrap();
}

pub fn hostile_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    fill_hostile(&mut store);
    store
}

/// The hidden characters in `s`, other than line feeds.
pub fn hidden(s: &str) -> Vec<char> {
    s.chars().filter(|&c| c != '\n' && is_hidden(c)).collect()
}
