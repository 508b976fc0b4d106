//! The caseload screen's list: what the typed filter, the flagged-only view and the order
//! ask of the database, and the reads that keep the window of rows around the cursor.

use super::caseload::{CaseloadScreen, Focus, ListSort};
use super::window::{Page, PageRead, Seek};
use crate::app::effect::{Effect, Job, Read};
use crate::domain::Phase;
use crate::domain::codes::Code;
use crate::domain::model::Id;
use crate::domain::search::{Needle, Numeral, fold};
use crate::i18n::Lang;
use crate::store::roster_page::{ListOrder, ListQuery, ListWord};
use chrono::NaiveDate;

/// The list as it is counted: its rows in any order.
fn counted(q: &ListQuery) -> ListQuery {
    ListQuery {
        order: ListOrder::Due,
        ..q.clone()
    }
}

/// The typed filter as the database matches it: every word matches the name (accents and
/// case ignored) or the start of the phase's name or code; digits match part of the BSN
/// (dots ignored); `k` and digits is the client of that number.
pub fn words(typed: &str, lang: Lang) -> Vec<ListWord> {
    let needle = Needle::new(typed);
    needle
        .words
        .iter()
        .map(|w| {
            match Numeral::of(w) {
                Some(Numeral::Digits(digits)) => return ListWord::Digits(digits),
                Some(Numeral::Client(id)) => return ListWord::Number(id),
                None => {}
            }
            let phases = Phase::all()
                .iter()
                .filter(|p| {
                    fold(p.label(lang)).starts_with(w.as_str()) || p.code().starts_with(w.as_str())
                })
                .copied()
                .collect();
            ListWord::Text {
                folded: w.clone(),
                phases,
            }
        })
        .collect()
}

impl CaseloadScreen {
    /// The list the filter, the view and the order ask for now.
    fn wanted(&self, lang: Lang, today: NaiveDate) -> ListQuery {
        ListQuery {
            words: words(self.list.filter.value(), lang),
            flagged_on: self.flagged_only.then_some(today),
            order: match self.sort {
                ListSort::Name => ListOrder::Name,
                ListSort::Phase => ListOrder::Phase,
                ListSort::Due | ListSort::Risk => ListOrder::Due,
            },
        }
    }

    /// The read of the list shown at `seek`.
    /// (The whole list, for the risk order, is read in the background: at a hundred
    /// thousand clients it takes a second.)
    fn read(&self, seek: Seek, height: usize) -> Effect {
        let read = PageRead {
            query: self.query.clone(),
            seek,
            rows: super::window::page(height),
            whole: self.sort == ListSort::Risk,
        };
        if read.whole {
            Effect::Background(Job::Whole(read))
        } else {
            Effect::Read(Read::Page(read))
        }
    }

    /// Reads the list again as the filter, view and order now ask (at `seek`), and counts
    /// it when it is another list than the one counted.
    pub fn requery(
        &mut self,
        seek: Seek,
        lang: Lang,
        today: NaiveDate,
        height: usize,
    ) -> Vec<Effect> {
        self.query = self.wanted(lang, today);
        if self.sort == ListSort::Risk {
            // Until the whole list is in, the rows held stay as they are: no reads at
            // their edges (each would start reading the whole list again).
            (self.list.at_start, self.list.at_end) = (true, true);
        }
        let mut effects = vec![self.read(seek, height)];
        if self.count().is_none() {
            effects.push(Effect::Background(Job::Count(counted(&self.query))));
        }
        effects
    }

    /// The list read again around `client` (or the client under the cursor) after a save
    /// changed their row: the cursor goes to them, or where they would be.
    pub fn reread(
        &mut self,
        client: Option<Id>,
        lang: Lang,
        today: NaiveDate,
        height: usize,
    ) -> Vec<Effect> {
        let seek = client
            .or(self.selected())
            .map_or(Seek::First, |id| self.list.around(id));
        self.counted = None;
        self.requery(seek, lang, today, height)
    }

    /// Takes rows read for the list; rows of a list no longer shown are dropped. The
    /// window reads on while a page is missing beyond the cursor; the file follows it.
    pub fn take_page(&mut self, read: &PageRead, mut page: Page, height: usize) -> Vec<Effect> {
        // Rows of another list, or of the risk order after it was left (or before).
        if read.query != self.query || read.whole != (self.sort == ListSort::Risk) {
            return Vec::new();
        }
        if read.whole {
            let risk = self.risk;
            ListSort::Risk.sort(&mut page.0, risk.as_ref());
        }
        if !self
            .list
            .take((&read.seek, read.rows, read.whole), page, height)
        {
            return Vec::new();
        }
        let mut effects = self.refill(height);
        // The file shown stays while it has the keys (a save, a client opened elsewhere).
        if self.focus == Focus::List {
            effects.extend(self.follow_cursor());
        }
        effects
    }

    /// Takes how many rows a list has (and the caseload), when it is the list shown.
    pub fn take_count(&mut self, query: ListQuery, n: usize, total: usize) {
        if query == counted(&self.query) {
            self.counted = Some((query, n, total));
        }
    }

    /// How many rows the list shown has, and the caseload, once counted.
    pub fn count(&self) -> Option<(usize, usize)> {
        self.counted
            .as_ref()
            .filter(|(q, ..)| *q == counted(&self.query))
            .map(|(_, n, total)| (*n, *total))
    }

    /// The read that keeps a page beyond the cursor, if one is missing.
    fn refill(&self, height: usize) -> Vec<Effect> {
        self.list
            .refill(height)
            .map(|s| self.read(s, height))
            .into_iter()
            .collect()
    }

    /// Moves the list's cursor by `delta` rows; the file follows, and the window reads
    /// what it needs.
    pub fn move_cursor(&mut self, delta: isize, height: usize) -> Vec<Effect> {
        let before = self.list.selected;
        if let Some(seek) = self.list.move_by(delta, height) {
            return vec![self.read(seek, height)];
        }
        let mut effects = self.refill(height);
        if self.list.selected != before {
            effects.extend(self.follow_cursor());
        }
        effects
    }

    /// Gives the file the focus, shown from the top (the list as it is; the caller reads
    /// the client's file).
    pub fn focus_file(&mut self) {
        self.file_scroll = 0;
        self.file_cursor = None;
        self.wanted = None;
        self.focus = Focus::File;
    }

    /// Shows only the flagged clients, or all again; the cursor stays on its client (or
    /// where it would be).
    pub fn toggle_flagged(&mut self, lang: Lang, today: NaiveDate, height: usize) -> Vec<Effect> {
        self.flagged_only = !self.flagged_only;
        self.around_cursor(lang, today, height)
    }

    /// Sorts the list the next way, the cursor staying on its client.
    pub fn next_sort(&mut self, lang: Lang, today: NaiveDate, height: usize) -> Vec<Effect> {
        self.sort = self.sort.next();
        self.around_cursor(lang, today, height)
    }

    /// Clears the typed filter (the flagged-only view stays); the cursor stays on its
    /// client.
    pub fn clear_filter(&mut self, lang: Lang, today: NaiveDate, height: usize) -> Vec<Effect> {
        self.list.filter.reset();
        self.around_cursor(lang, today, height)
    }

    /// The filter was typed into: the list shows its first match.
    pub fn filtered(&mut self, lang: Lang, today: NaiveDate, height: usize) -> Vec<Effect> {
        self.list.to_top();
        self.requery(Seek::First, lang, today, height)
    }

    /// The list read again as now asked, around the client under the cursor.
    fn around_cursor(&mut self, lang: Lang, today: NaiveDate, height: usize) -> Vec<Effect> {
        let seek = self
            .selected()
            .map_or(Seek::First, |id| self.list.around(id));
        self.requery(seek, lang, today, height)
    }
}
