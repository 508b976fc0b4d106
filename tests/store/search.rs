//! Search over everything (Ctrl-F): by client number, full BSN, name (Turkish and other
//! letters folded), and a word of a note or an agreement; kept in step with every write,
//! whoever writes, and gone when the record goes.

use crate::common::demo_store;
use crate::fixtures::*;
use caseload::domain::codes::Who;
use caseload::domain::model::{Agreement, Id};
use caseload::domain::search::Needle;
use caseload::store::Store;
use caseload::store::search::{Hit, HitKind};

fn find(store: &Store, typed: &str) -> Vec<Hit> {
    store.search(&Needle::new(typed)).unwrap()
}

fn clients(hits: &[Hit]) -> Vec<Id> {
    hits.iter()
        .filter(|h| h.kind == HitKind::Client)
        .map(|h| h.client_id)
        .collect()
}

/// A store with one client "Aylin Yılmaz" with a note and an agreement.
fn one_client() -> (Store, Id, Id, Id, Id) {
    let mut store = Store::open_in_memory().unwrap();
    let (client, ep, note, agreement) = store
        .write(|tx| {
            let mut p = person(1);
            p.first_name = "Aylin".into();
            p.last_name = "Yılmaz".into();
            let client = tx.insert_client(&p)?;
            let ep = tx.insert_episode(&episode(client, date(2026, 3, 1)))?;
            let note = tx.insert_note(&note(
                ep,
                "Werkgever Bakkerij Søndergaard belde over de proefplaats.",
            ))?;
            let agreement = tx.insert_agreement(&Agreement {
                id: 0,
                episode_id: ep,
                note_id: None,
                text: "Inschrijven bij het uitzendbureau".into(),
                who: Who::Client,
                follow_up: Some(date(2026, 12, 1)),
                done_on: None,
            })?;
            Ok((client, ep, note, agreement))
        })
        .unwrap();
    (store, client, ep, note, agreement)
}

#[test]
fn finds_a_client_by_number_bsn_and_folded_name() {
    let (store, client, _, _, _) = one_client();
    let number = format!("K{client:06}");
    let bsn = bsn(1).as_str().to_owned();
    let (short, start) = (format!("k{client}"), bsn[..4].to_owned());
    let (with_name, dotted) = (
        format!("aylin {number} {start}"),
        format!("{}.{}", &bsn[..3], &bsn[3..6]),
    );
    for typed in [
        number.as_str(),
        &number.to_lowercase(),
        &short,
        bsn.as_str(),
        &start,
        &dotted,
        &with_name,
        "yil",
        "YILMAZ",
        "Yılmaz",
        "aylin yil",
        "yil aylin",
    ] {
        assert_eq!(clients(&find(&store, typed)), vec![client], "{typed}");
    }
    let (other_name, not_start) = (format!("ayla {number}"), bsn[1..5].to_owned());
    for typed in [
        "yilmaz x",
        "ayla",
        "K999999",
        "a",
        "",
        "k",
        &other_name,
        &not_start,
    ] {
        assert!(clients(&find(&store, typed)).is_empty(), "{typed}");
    }
}

/// A client's number and BSN are looked up in the client table: a BSN put right is found
/// by its new digits at once, and never by the old.
#[test]
fn a_client_is_found_by_the_bsn_they_have_now() {
    let (mut store, client, _, _, _) = one_client();
    let mut p = person(1);
    p.first_name = "Aylin".into();
    p.last_name = "Yılmaz".into();
    let old = p.bsn.as_str().to_owned();
    assert_eq!(clients(&find(&store, &old)), vec![client]);
    p.bsn = bsn(7);
    store.write(|tx| tx.update_client(client, &p)).unwrap();
    assert_eq!(clients(&find(&store, bsn(7).as_str())), vec![client]);
    assert!(clients(&find(&store, &old)).is_empty());
}

#[test]
fn finds_a_note_and_an_agreement_by_a_word_in_them() {
    let (store, client, _, note, agreement) = one_client();
    let hits = find(&store, "proefpl");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].kind, HitKind::Note(note));
    assert_eq!(hits[0].client_id, client);
    assert_eq!(hits[0].name, "Yılmaz, Aylin");
    assert_eq!(hits[0].on, Some(date(2026, 11, 2)));
    assert!(hits[0].text.contains("proefplaats"));
    // ø has no decomposition: it is indexed as o too.
    assert_eq!(find(&store, "sonderg")[0].kind, HitKind::Note(note));
    assert_eq!(find(&store, "søndergaard")[0].kind, HitKind::Note(note));
    let hits = find(&store, "uitzend");
    assert_eq!(hits[0].kind, HitKind::Agreement(agreement));
    assert_eq!(hits[0].on, Some(date(2026, 12, 1)));
    // A word inside a word is not a match: words are found by their start.
    assert!(find(&store, "zendbureau").is_empty());
}

#[test]
fn the_index_follows_every_write_and_forgets_what_goes() {
    let (mut store, client, ep, note, agreement) = one_client();
    store
        .write(|tx| {
            let mut p = person(1);
            p.first_name = "Aylin".into();
            p.last_name = "Kaya".into();
            tx.update_client(client, &p)?;
            tx.update_agreement(&Agreement {
                id: agreement,
                episode_id: ep,
                note_id: None,
                text: "Sollicitatiebrief naar de bakker".into(),
                who: Who::Client,
                follow_up: None,
                done_on: None,
            })?;
            tx.void_note(note, "entered in error")
        })
        .unwrap();
    assert!(find(&store, "yil").is_empty());
    assert_eq!(clients(&find(&store, "kaya")), vec![client]);
    assert!(find(&store, "uitzend").is_empty());
    assert_eq!(
        find(&store, "sollic")[0].kind,
        HitKind::Agreement(agreement)
    );
    assert!(find(&store, "proefpl").is_empty());
}

#[test]
fn another_program_writing_the_file_keeps_the_index_in_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.db");
    let mut store = Store::open(&path).unwrap();
    let ep = store
        .write(|tx| {
            let client = tx.insert_client(&person(2))?;
            tx.insert_episode(&episode(client, date(2026, 3, 1)))
        })
        .unwrap();
    store.close().unwrap();
    // A plain SQLite connection, without anything of ours registered.
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute(
            "INSERT INTO note (episode_id, noted_on, channel, summary, created_at) \
             VALUES (?1, '2026-11-20', 'phone', 'Huisbezoek gepland', '2026-11-20T10:00:00')",
            [ep],
        )
        .unwrap();
    drop(other);
    let store = Store::open(&path).unwrap();
    assert_eq!(find(&store, "huisbez").len(), 1);
}

#[test]
fn demo_clients_are_found_by_a_word_of_their_notes() {
    let store = demo_store(40);
    let hits = find(&store, "gesprek");
    assert!(!hits.is_empty());
    let hits = find(&store, "K000003");
    assert_eq!(clients(&hits), vec![3]);
}

#[test]
fn names_in_other_scripts_are_found_as_typed() {
    let mut store = Store::open_in_memory().unwrap();
    let names = [
        ("Андрій", "Йорданов"),
        ("Ελένη", "Άννα"),
        ("민준", "김"),
        ("Ёлкина", "Ольга"),
    ];
    let ids: Vec<Id> = store
        .write(|tx| {
            let mut ids = Vec::new();
            for (i, (first, last)) in names.iter().enumerate() {
                let mut p = person(10 + i as u64);
                p.first_name = (*first).into();
                p.last_name = (*last).into();
                ids.push(tx.insert_client(&p)?);
            }
            Ok(ids)
        })
        .unwrap();
    for (typed, id) in [
        ("андрій", ids[0]),
        ("Йорданов", ids[0]),
        ("ελένη", ids[1]),
        ("김", ids[2]),
        ("민준", ids[2]),
        ("ёлкина", ids[3]),
    ] {
        // A single Hangul syllable is one letter: two are needed.
        if typed.chars().count() < 2 {
            assert!(find(&store, typed).is_empty(), "{typed}");
            continue;
        }
        assert_eq!(clients(&find(&store, typed)), vec![id], "{typed}");
    }
}

#[test]
fn clients_handed_over_never_crowd_out_ones_own() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.db");
    let mut store = Store::open(&path).unwrap();
    let own = store
        .write(|tx| {
            let mut p = person(1);
            p.last_name = "Jansen".into();
            let own = tx.insert_client(&p)?;
            for n in 0..60 {
                let mut p = person(100 + n);
                p.last_name = "Jansen".into();
                tx.insert_client(&p)?;
            }
            Ok(own)
        })
        .unwrap();
    store.close().unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute(
            "INSERT INTO handover (client_id, direction, person, on_date, receipt, created_at) \
             SELECT id, 'out', 'Sanne', '2026-11-20', 'R' || id, '2026-11-20T10:00:00' \
               FROM client WHERE id <> ?1",
            [own],
        )
        .unwrap();
    drop(other);
    let store = Store::open(&path).unwrap();
    assert_eq!(clients(&find(&store, "jansen")), vec![own]);
}

#[test]
fn a_text_is_indexed_a_second_time_exactly_when_it_holds_a_letter_the_tokenizer_keeps() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("search.db");
    let mut store = Store::open(&db).unwrap();
    let texts = [
        "Alleen gewone letters.",
        "Café en reünie: accenten die de tokenizer zelf afhaalt.",
        "Gesprek met Łukasz, Øystein, Đorđe en Yıldız.",
        "İstanbul",
        "Een emoji 🙂 en een teken €, verder niets.",
        "Op het eind: ø",
    ];
    store
        .write(|tx| {
            let client = tx.insert_client(&person(1))?;
            let ep = tx.insert_episode(&episode(client, date(2026, 3, 1)))?;
            for t in texts {
                tx.insert_note(&note(ep, t))?;
            }
            Ok(())
        })
        .unwrap();
    let c = rusqlite::Connection::open(&db).unwrap();
    let indexed: Vec<String> = c
        .prepare("SELECT body FROM search_text WHERE kind = 1 ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let base = |ch: char| match ch {
        'ı' | 'İ' => Some('i'),
        'ø' | 'Ø' => Some('o'),
        'ł' | 'Ł' => Some('l'),
        'đ' | 'Đ' => Some('d'),
        _ => None,
    };
    let expected: Vec<String> = texts
        .iter()
        .map(|t| match t.chars().any(|ch| base(ch).is_some()) {
            true => format!(
                "{t} {}",
                t.chars()
                    .map(|ch| base(ch).unwrap_or(ch))
                    .collect::<String>()
            ),
            false => t.to_string(),
        })
        .collect();
    assert_eq!(indexed, expected);
}

/// A client is found by words that start words of their name, newest first, through the
/// list's index; one whose name another program changed is found by the name they have
/// now, before the app computes their row again.
#[test]
fn a_client_is_found_by_the_start_of_each_word_of_their_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caseload.db");
    let mut store = Store::open(&path).unwrap();
    let names = [
        ("Jan", "Berg"),
        ("Marjan", "Rosenberg"),
        ("Jean-Pierre", "O'Brien"),
        ("Anna", "Jansen"),
    ];
    let ids: Vec<Id> = store
        .write(|tx| {
            let mut ids = Vec::new();
            for (i, (first, last)) in names.iter().enumerate() {
                let mut p = person(20 + i as u64);
                p.first_name = (*first).into();
                p.last_name = (*last).into();
                ids.push(tx.insert_client(&p)?);
            }
            Ok(ids)
        })
        .unwrap();
    for (typed, found) in [
        ("jan", vec![ids[3], ids[0]]),
        ("berg", vec![ids[0]]),
        ("pierre", vec![ids[2]]),
        ("brien jean", vec![ids[2]]),
        ("ro", vec![ids[1]]),
        ("arjan", vec![]),
        ("enberg", vec![]),
    ] {
        assert_eq!(clients(&find(&store, typed)), found, "{typed}");
    }
    // Whichever finds fewer clients leads, the words of the name or (when those are
    // common) the numbers; the others are held to them all the same.
    let start = bsn(20).as_str()[..1].to_owned();
    let both: Vec<Id> = [(ids[3], 23), (ids[0], 20)]
        .into_iter()
        .filter(|(_, n)| bsn(*n).as_str().starts_with(start.as_str()))
        .map(|(id, _)| id)
        .collect();
    assert!(!both.is_empty());
    for rare in [usize::MAX, 0] {
        store.set_list_rare(rare);
        assert_eq!(clients(&find(&store, &format!("jan {start}"))), both);
        assert_eq!(
            clients(&find(&store, &format!("berg {start}"))),
            vec![ids[0]]
        );
    }
    store.close().unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute(
            "UPDATE client SET last_name = 'Bakker' WHERE id = ?1",
            [ids[0]],
        )
        .unwrap();
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(clients(&find(&store, "bakker")), vec![ids[0]]);
    assert!(clients(&find(&store, "berg jan")).is_empty());
}
