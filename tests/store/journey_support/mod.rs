//! Random journeys through the app's own operations: the store operations the TUI's forms
//! commit (intake, plan, trajectory, review, note, exit, check-in, premium, re-entry,
//! aftercare), driven by a list of steps with a day counter that only moves forward. A step
//! the app refuses (as its form or store would) is left out, as a caseworker would correct it.
#![allow(dead_code)]

mod exit;
mod steps;

use caseload::assets::Assets;
use caseload::domain::Bsn;
use caseload::domain::model::{Episode, Id};
use caseload::store::{Store, StoreError};
use chrono::NaiveDate;
use std::collections::BTreeMap;

pub use steps::Op;

/// One step of a journey: which operation, three dice for its choices, and how many days
/// pass before it.
#[derive(Clone, Debug)]
pub struct Step {
    pub op: Op,
    pub a: u32,
    pub b: u32,
    pub c: u32,
    pub gap: u16,
}

/// A caseload being made, with today moving forward.
pub struct World {
    pub store: Store,
    pub assets: Assets,
    pub today: NaiveDate,
    pub clients: Vec<Id>,
    next_bsn: u32,
    /// What was done, by operation and kind (for the coverage of the whole run).
    pub done: BTreeMap<String, usize>,
}

/// Why a step did not happen: refused by the app's rules (fine), or a failure (a bug).
pub enum Skip {
    /// Nothing to do it on, or the app refused it.
    Refused,
}

impl World {
    pub fn new(start: NaiveDate) -> World {
        World {
            store: Store::open_in_memory().expect("a store in memory"),
            assets: Assets::builtin(),
            today: start,
            clients: Vec::new(),
            next_bsn: 0,
            done: BTreeMap::new(),
        }
    }

    /// Runs every step, then returns self.
    pub fn run(mut self, steps: &[Step]) -> World {
        for s in steps {
            self.step(s);
        }
        self
    }

    /// Runs one step (its day comes after the gap).
    pub fn step(&mut self, s: &Step) {
        self.today = caseload::domain::date::add_days(self.today, i64::from(s.gap));
        if let Ok(name) = steps::apply(self, s) {
            self.saw(name);
        }
    }

    /// Counts something that happened.
    pub fn saw(&mut self, what: &str) {
        *self.done.entry(what.to_owned()).or_default() += 1;
    }

    /// The next valid BSN of this caseload.
    pub fn bsn(&mut self) -> Bsn {
        self.next_bsn += 1;
        let mut k = 10_000_000 + self.next_bsn * 13;
        loop {
            let digits: Vec<u32> = format!("{k:08}")
                .chars()
                .map(|c| c.to_digit(10).expect("digit"))
                .collect();
            let sum: u32 = (0..8).map(|i| (9 - i as u32) * digits[i]).sum();
            if sum % 11 < 10 {
                return Bsn::parse(&format!("{k:08}{}", sum % 11)).expect("elfproef");
            }
            k += 1;
        }
    }

    /// A client chosen by a die, with their latest benefit period.
    pub fn client(&self, die: u32) -> Option<(Id, Episode)> {
        if self.clients.is_empty() {
            return None;
        }
        let id = self.clients[die as usize % self.clients.len()];
        let ep = self
            .store
            .latest_episode(id)
            .expect("read")
            .expect("a period");
        Some((id, ep))
    }
}

/// The outcome of a store operation for the journey: refused by a rule is a skipped step;
/// anything else (SQLite, constraint) is a bug and fails the test.
pub fn ok<T>(r: Result<T, StoreError>) -> Result<T, Skip> {
    match r {
        Ok(v) => Ok(v),
        Err(StoreError::Invalid(_) | StoreError::Trajectory(_) | StoreError::Plan(_)) => {
            Err(Skip::Refused)
        }
        Err(e) => panic!("the store failed: {e:?}"),
    }
}

/// `n`-th element of a list by a die.
pub fn pick<T: Copy>(list: &[T], die: u32) -> T {
    list[die as usize % list.len()]
}
