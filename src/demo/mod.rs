//! Realistic, deterministic demo data: a caseload spread over every phase of the journey.
//!
//! Everything is written through the store's typed functions in one transaction.

mod exits;
mod on_benefit;
mod words;

use crate::domain::Bsn;
use crate::domain::catalog::Catalog;
use crate::domain::codes::*;
use crate::domain::date::add_days;
use crate::domain::model::*;
use crate::store::{Result, Store, Tx};
use chrono::NaiveDate;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashSet;
use words::*;

/// Which part of the journey a demo client is in.
#[derive(Clone, Copy)]
enum Scenario {
    Intake,
    Plan,
    Trajectory,
    Aftercare,
    Closed,
    ReEntry,
}

struct Gen<'a> {
    rng: ChaCha8Rng,
    today: NaiveDate,
    catalog: &'a Catalog,
    /// The BSNs given so far, as numbers (a million as strings took 60 MB).
    bsns: HashSet<u32>,
}

/// Fills the store with `clients` demo clients, deterministically for `seed` and `today`.
pub fn generate(store: &mut Store, clients: usize, seed: u64, today: NaiveDate) -> Result<()> {
    let catalog = Catalog::builtin();
    let mut g = Gen {
        rng: ChaCha8Rng::seed_from_u64(seed),
        today,
        catalog: &catalog,
        bsns: HashSet::new(),
    };
    store.bulk_load(|tx| {
        for _ in 0..clients {
            g.client(tx)?;
        }
        Ok(())
    })
}

impl Gen<'_> {
    fn days_ago(&mut self, lo: i64, hi: i64) -> NaiveDate {
        let n = self.rng.random_range(lo..=hi);
        add_days(self.today, -n)
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        *items.choose(&mut self.rng).expect("non-empty list")
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    fn bsn(&mut self) -> Bsn {
        loop {
            let mut d = [0u32; 9];
            for x in d.iter_mut().take(8) {
                *x = self.rng.random_range(0..10);
            }
            let sum: u32 = (0..8).map(|i| (9 - i as u32) * d[i]).sum();
            let check = sum % 11;
            if check == 10 {
                continue;
            }
            d[8] = check;
            let s: String = d.iter().map(|x| char::from(b'0' + *x as u8)).collect();
            let number = d.iter().fold(0, |n, x| n * 10 + x);
            if let Ok(b) = Bsn::parse(&s)
                && self.bsns.insert(number)
            {
                return b;
            }
        }
    }

    fn person(&mut self) -> Person {
        let first = self.pick(FIRST);
        let prefix = self.pick(PREFIXES);
        let last = self.pick(LAST);
        let birth = self.days_ago(18 * 365, 64 * 365);
        let phone = format!("06-{:08}", self.rng.random_range(10_000_000..99_999_999u32));
        let email = format!(
            "{}.{}@example.nl",
            first.to_lowercase(),
            last.to_lowercase().replace(['ç', 'ö'], "o")
        );
        let address = if self.chance(0.8) {
            format!(
                "{} {}, {} {}",
                self.pick(STREETS),
                self.rng.random_range(1..200),
                1000 + self.rng.random_range(0..8999),
                "Zaanstad"
            )
        } else {
            String::new()
        };
        Person {
            bsn: self.bsn(),
            first_name: first.into(),
            prefix: prefix.into(),
            last_name: last.into(),
            birth_date: Some(birth),
            phone,
            email,
            address,
        }
    }

    fn client(&mut self, tx: &Tx) -> Result<()> {
        let scenario = match self.rng.random_range(0..100) {
            0..12 => Scenario::Intake,
            12..32 => Scenario::Plan,
            32..62 => Scenario::Trajectory,
            62..76 => Scenario::Aftercare,
            76..92 => Scenario::Closed,
            _ => Scenario::ReEntry,
        };
        let person = self.person();
        let client_id = tx.insert_client(&person)?;
        match scenario {
            Scenario::Intake => {
                let start = self.days_ago(3, 40);
                self.open_episode(tx, client_id, start, None, false, 0)?;
            }
            Scenario::Plan => {
                let start = self.days_ago(40, 700);
                self.open_episode(tx, client_id, start, None, true, 0)?;
            }
            Scenario::Trajectory => {
                let start = self.days_ago(60, 1100);
                let n = if self.chance(0.3) { 2 } else { 1 };
                self.open_episode(tx, client_id, start, None, true, n)?;
            }
            Scenario::Aftercare => {
                let exit = self.days_ago(1, 170);
                self.closed_episode(tx, client_id, exit, true, person.birth_date)?;
            }
            Scenario::Closed => {
                let exit = self.days_ago(200, 1800);
                self.closed_episode(tx, client_id, exit, false, person.birth_date)?;
            }
            Scenario::ReEntry => {
                let exit = self.days_ago(120, 900);
                let prev = self.closed_episode(tx, client_id, exit, false, person.birth_date)?;
                let back = add_days(
                    exit,
                    self.rng
                        .random_range(20..100)
                        .min((self.today - exit).num_days() - 5),
                );
                let planned = self.chance(0.5);
                self.open_episode(tx, client_id, back, Some(prev), planned, 0)?;
            }
        }
        Ok(())
    }

    fn episode(
        &mut self,
        tx: &Tx,
        client_id: Id,
        start: NaiveDate,
        prev: Option<Id>,
    ) -> Result<Id> {
        let benefit_type = match self.rng.random_range(0..20) {
            0 => BenefitType::Ioaw,
            1 => BenefitType::Bbz,
            _ => BenefitType::Participatiewet,
        };
        tx.insert_episode(&Episode::open(client_id, start, benefit_type, prev))
    }
}
