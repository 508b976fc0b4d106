//! A hand-made caseload for the retention tests (today 23-11-2026): benefit periods that
//! ended 9, 10 and 11 years ago, a client back on benefit, and debt help at the 5-year edge.
//! (Its test binary has `fixtures` as a module of its own.)
#![allow(dead_code)]

use crate::fixtures;
use caseload::domain::codes::*;
use caseload::domain::model::*;
use caseload::store::Store;
use chrono::NaiveDate;
pub use fixtures::date;

/// The day the tests run on (as `tests/cli/support.rs` passes it).
pub fn today() -> NaiveDate {
    date(2026, 11, 23)
}

/// A client of the hand-made caseload: their id and the strings that identify them.
#[derive(Clone, Debug)]
pub struct Made {
    pub id: Id,
    pub bsn: String,
    pub first_name: String,
    pub last_name: String,
    pub note: String,
}

impl Made {
    /// Every string that must be gone once the client is erased.
    pub fn secrets(&self) -> Vec<String> {
        vec![
            self.bsn.clone(),
            self.first_name.clone(),
            self.last_name.clone(),
            self.note.clone(),
        ]
    }
}

/// The caseload: who is due on [`today`] and who is not.
pub struct Caseload {
    /// Ended 9 years ago: kept.
    pub nine: Made,
    /// Ended 10 years ago to the day: due.
    pub ten: Made,
    /// Ended 11 years ago, with debt help and aftercare: due.
    pub eleven: Made,
    /// Ended 11 years ago, back on benefit since: kept.
    pub returned: Made,
    /// On benefit, with debt help ended 5 years ago to the day (due) and a day later (kept).
    pub debtor: Made,
    /// Left for work this year: kept, and counted in the report.
    pub recent: Made,
    /// The debt-help trajectories of `debtor`: ended 5 years ago, and a day less.
    pub debt_due: Id,
    pub debt_kept: Id,
}

fn person(n: u64, first: &str, last: &str) -> Person {
    Person {
        first_name: first.into(),
        last_name: last.into(),
        phone: format!("06-{n}{n}{n}{n}"),
        ..fixtures::person(n)
    }
}

fn debt_help(episode_id: Id, referred: NaiveDate, ended: NaiveDate) -> Trajectory {
    Trajectory {
        instrument: "debt_help".into(),
        instrument_name: "Schuldhulpverlening".into(),
        provider: "Kredietbank Zuid".into(),
        ended_on: Some(ended),
        ..fixtures::trajectory(episode_id, TrajectoryStatus::Completed, referred)
    }
}

/// Writes the caseload into `store` (saves logged when the store logs them).
pub fn build(store: &mut Store) -> Caseload {
    let mut n = 0;
    let mut client =
        |store: &mut Store, first: &str, last: &str, periods: &[(NaiveDate, Option<NaiveDate>)]| {
            n += 1;
            let p = person(700 + n, first, last);
            let note = format!("Notitie over {first} {last}");
            let id = store
                .write(|tx| {
                    let id = tx.insert_client(&p)?;
                    let mut previous = None;
                    for (start, end) in periods {
                        let e = match end {
                            Some(end) => fixtures::closed(id, *start, *end),
                            None => fixtures::episode(id, *start),
                        };
                        let ep = tx.insert_episode(&Episode {
                            previous_episode_id: previous,
                            ..e
                        })?;
                        tx.insert_note(&fixtures::note(ep, &note))?;
                        previous = Some(ep);
                    }
                    Ok(id)
                })
                .unwrap();
            Made {
                id,
                bsn: p.bsn.as_str().to_owned(),
                first_name: first.into(),
                last_name: last.into(),
                note,
            }
        };
    let nine = client(
        store,
        "Anouk",
        "Negenjarig",
        &[(date(2012, 1, 1), Some(date(2017, 11, 23)))],
    );
    let ten = client(
        store,
        "Bram",
        "Tienjarig",
        &[(date(2011, 1, 1), Some(date(2016, 11, 23)))],
    );
    let eleven = client(
        store,
        "Cornelis",
        "Elfjarig",
        &[(date(2010, 1, 1), Some(date(2015, 11, 23)))],
    );
    let returned = client(
        store,
        "Dirk",
        "Teruggekeerd",
        &[
            (date(2010, 1, 1), Some(date(2015, 11, 23))),
            (date(2020, 1, 1), None),
        ],
    );
    let debtor = client(store, "Eva", "Schuldhulp", &[(date(2012, 1, 1), None)]);
    let recent = client(
        store,
        "Femke",
        "Recentelijk",
        &[(date(2024, 1, 1), Some(date(2026, 5, 1)))],
    );
    // A name corrected once: the old one lives on in the change log (when logged).
    let ten_renamed = Person {
        first_name: "Bram".into(),
        ..person(702, "Bram", "Tienjarig")
    };
    store
        .write(|tx| {
            tx.update_client(
                ten.id,
                &Person {
                    last_name: "Tienjarigen".into(),
                    ..ten_renamed.clone()
                },
            )
        })
        .unwrap();
    store
        .write(|tx| tx.update_client(ten.id, &ten_renamed))
        .unwrap();
    let eleven_ep = store.latest_episode(eleven.id).unwrap().unwrap().id;
    let debtor_ep = store.latest_episode(debtor.id).unwrap().unwrap().id;
    let (debt_due, debt_kept) = store
        .write(|tx| {
            // The client file of `eleven` is due: their debt help goes with it.
            tx.insert_trajectory(&debt_help(eleven_ep, date(2015, 1, 1), date(2015, 6, 1)))?;
            tx.insert_exit_interview(&fixtures::interview(eleven_ep, date(2015, 11, 23)))?;
            let plan =
                tx.insert_aftercare_plan(&fixtures::plan(eleven_ep, date(2015, 11, 23), true))?;
            tx.insert_contact(&AftercareContact {
                referrals: vec![ReferralKind::DebtHelp],
                how_is_work: format!("{} werkt graag", eleven.first_name),
                ..fixtures::held_contact(plan, date(2015, 12, 1))
            })?;
            let due =
                tx.insert_trajectory(&debt_help(debtor_ep, date(2021, 1, 4), date(2021, 11, 23)))?;
            let kept =
                tx.insert_trajectory(&debt_help(debtor_ep, date(2021, 1, 4), date(2021, 11, 24)))?;
            Ok((due, kept))
        })
        .unwrap();
    Caseload {
        nine,
        ten,
        eleven,
        returned,
        debtor,
        recent,
        debt_due,
        debt_kept,
    }
}

/// Where any of `needles` stands in `bytes` (as UTF-8), by needle.
pub fn found_in(bytes: &[u8], needles: &[String]) -> Vec<String> {
    needles
        .iter()
        .filter(|n| bytes.windows(n.len()).any(|w| w == n.as_bytes()))
        .cloned()
        .collect()
}
