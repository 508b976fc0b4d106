//! The agenda as pages of the kept agenda: walked forward or back page by page, filtered in
//! the database, it is the agenda computed from the records, filtered in memory; its count
//! agrees.

use crate::common::{date, demo_store, today};
use caseload::domain::agenda::ItemKind;
use caseload::domain::search::fold;
use caseload::store::Store;
use caseload::store::agenda::AgendaEntry;
use caseload::store::agenda_page::{AgendaKey, AgendaQuery, AgendaWord};

/// Whether a row matches a word (the rule the agenda's filter states).
fn matches(e: &AgendaEntry, w: &AgendaWord) -> bool {
    let i = &e.item;
    fold(&e.client_name).contains(&w.folded)
        || i.detail.to_ascii_lowercase().contains(&w.folded)
        || w.kinds.contains(&i.kind)
        || (matches!(i.kind, ItemKind::Review | ItemKind::TrajectoryEnd)
            && i.instrument
                .as_ref()
                .is_some_and(|x| w.instruments.contains(x)))
        || (i.kind == ItemKind::CheckIn && w.contacts.contains(&i.detail))
}

/// The agenda `q` as the computed agenda filtered in memory.
fn expected(store: &Store, q: &AgendaQuery) -> Vec<AgendaEntry> {
    store
        .agenda_computed(q.until)
        .unwrap()
        .into_iter()
        .filter(|e| q.words.iter().all(|w| matches(e, w)))
        .filter(|e| {
            q.late_on
                .is_none_or(|day| e.item.kind == ItemKind::Idle || e.item.due < day)
        })
        .collect()
}

/// The agenda `q` read page by page of `n`, forward from the start and back from the end.
fn walked(store: &Store, q: &AgendaQuery, n: usize) -> (Vec<AgendaEntry>, Vec<AgendaEntry>) {
    let mut forward: Vec<AgendaEntry> = Vec::new();
    loop {
        let from = forward.last().map(AgendaKey::of);
        let page = store.agenda_page(q, from.as_ref(), true, n).unwrap();
        let done = page.len() < n;
        forward.extend(page);
        if done {
            break;
        }
    }
    let mut back: Vec<AgendaEntry> = Vec::new();
    loop {
        let from = back.first().map(AgendaKey::of);
        let page = store.agenda_page(q, from.as_ref(), false, n).unwrap();
        let done = page.len() < n;
        back.splice(0..0, page);
        if done {
            break;
        }
    }
    (forward, back)
}

fn word(text: &str) -> AgendaWord {
    AgendaWord {
        folded: fold(text),
        ..AgendaWord::default()
    }
}

#[test]
fn every_page_of_every_agenda_is_the_computed_agenda_filtered_in_memory() {
    let store = demo_store(400);
    let until = today() + chrono::Duration::days(60);
    let everything = AgendaQuery {
        words: Vec::new(),
        until,
        late_on: None,
    };
    let all = expected(&store, &everything);
    assert!(all.len() > 300, "{} items", all.len());
    assert!(all.iter().any(|e| e.item.kind == ItemKind::Idle));
    let instrument = all
        .iter()
        .find_map(|e| e.item.instrument.clone())
        .expect("a review or end of a trajectory");
    // Words the agenda's trigram index looks up: part of what an item says, the last
    // letters of a name and of what an item says (which begin a trigram only with what
    // follows them in the index), and a pair no row holds.
    let said = all
        .iter()
        .map(|e| e.item.detail.to_ascii_lowercase())
        .find(|d| d.chars().count() > 8)
        .expect("an item that says something");
    let said: Vec<char> = said.chars().collect();
    let part: String = said[2..6].iter().collect();
    let said_last: String = said[said.len() - 1..].iter().collect();
    let name: Vec<char> = fold(&all[3].client_name).chars().collect();
    let name_last_two: String = name[name.len() - 2..].iter().collect();
    let only = |words: Vec<AgendaWord>| AgendaQuery {
        words,
        ..everything.clone()
    };
    let queries = [
        only(vec![word(&part)]),
        only(vec![word(&said_last)]),
        only(vec![word(&name_last_two)]),
        only(vec![word(&name_last_two), word(&part)]),
        only(vec![word("xq")]),
        only(vec![word("\"")]),
        everything.clone(),
        AgendaQuery {
            late_on: Some(today()),
            ..everything.clone()
        },
        AgendaQuery {
            until: date(2100, 1, 1),
            ..everything.clone()
        },
        AgendaQuery {
            words: vec![word("an")],
            ..everything.clone()
        },
        AgendaQuery {
            words: vec![word("e"), word("r")],
            late_on: Some(today()),
            ..everything.clone()
        },
        AgendaQuery {
            words: vec![AgendaWord {
                kinds: vec![ItemKind::CheckIn],
                ..word("zzz")
            }],
            ..everything.clone()
        },
        AgendaQuery {
            words: vec![AgendaWord {
                instruments: vec![instrument],
                contacts: vec!["phone".into()],
                ..word("zzz")
            }],
            ..everything.clone()
        },
        AgendaQuery {
            words: vec![word("zzzz")],
            ..everything.clone()
        },
    ];
    // The order's index walked, and the rows of the clients the trigram index finds.
    for (q, rare) in queries.iter().flat_map(|q| [(q, 0), (q, usize::MAX)]) {
        store.set_list_rare(rare);
        let want = expected(&store, q);
        assert_eq!(store.agenda_count(q).unwrap(), want.len(), "{q:?}");
        for n in [1, 7, 100] {
            let (forward, back) = walked(&store, q, n);
            assert_eq!(forward, want, "forward by {n}: {q:?}");
            assert_eq!(back, want, "back by {n}: {q:?}");
        }
        if let Some(mid) = want.get(want.len() / 2) {
            let (rows, before) = store.agenda_around(q, &AgendaKey::of(mid), (5, 5)).unwrap();
            let at = want.len() / 2;
            assert_eq!(before, at.min(5));
            assert_eq!(rows[..], want[at - before..(at + 5).min(want.len())]);
        }
    }
    // A filter by kind alone finds exactly that kind.
    let kinds = &queries[11];
    assert!(
        expected(&store, kinds)
            .iter()
            .all(|e| e.item.kind == ItemKind::CheckIn)
    );
}

#[test]
fn what_a_save_writes_the_agenda_s_filter_finds_at_once_through_its_index() {
    use caseload::domain::Phase;
    use caseload::domain::codes::Who;
    use caseload::domain::notes::AgreementInput;
    let mut store = demo_store(60);
    // Always the rows of the clients the trigram index finds.
    store.set_list_rare(usize::MAX);
    let client = store
        .caseload(today())
        .unwrap()
        .into_iter()
        .find(|r| r.phase == Phase::Plan)
        .expect("a client making a plan")
        .client_id;
    let ep = store.latest_episode(client).unwrap().unwrap().id;
    let q = |text: &str| AgendaQuery {
        words: vec![word(text)],
        until: today() + chrono::Duration::days(60),
        late_on: None,
    };
    let found = |store: &Store, text: &str| -> Vec<(i64, String)> {
        store
            .agenda_page(&q(text), None, true, 50)
            .unwrap()
            .into_iter()
            .map(|e| (e.item.client_id, e.item.detail))
            .collect()
    };
    assert!(found(&store, "kwispel").is_empty());
    // Two saves for the same client: each writes the client's text again.
    for (text, day) in [("Kwispelstaart halen", 3), ("Vacature xq bellen", 5)] {
        store
            .add_agreement(
                ep,
                &AgreementInput::new(
                    text,
                    Who::Client,
                    Some(today() + chrono::Duration::days(day)),
                ),
            )
            .unwrap();
    }
    assert_eq!(
        found(&store, "kwispel"),
        [(client, "Kwispelstaart halen".to_owned())]
    );
    assert_eq!(
        found(&store, "xq"),
        [(client, "Vacature xq bellen".to_owned())]
    );
    // The same as the order's index walked.
    store.set_list_rare(0);
    assert_eq!(
        found(&store, "xq"),
        [(client, "Vacature xq bellen".to_owned())]
    );
}

#[test]
fn the_agenda_by_pages_is_the_agenda_and_stops_when_told() {
    let store = demo_store(60);
    let until = today() + chrono::Duration::days(60);
    let whole = store.agenda(until).unwrap();
    assert!(whole.len() > 20, "{}", whole.len());
    assert_eq!(whole, store.agenda_computed(until).unwrap());
    let (mut pages, mut read) = (0, Vec::new());
    store
        .agenda_by_page(until, 7, &mut |page| {
            assert!(page.len() <= 7);
            pages += 1;
            read.extend(page);
            true
        })
        .unwrap();
    assert_eq!(read, whole);
    assert_eq!(pages, whole.len() / 7 + 1);
    // Told to stop after the first page, it reads no other.
    let mut taken = 0;
    store
        .agenda_by_page(until, 7, &mut |page| {
            taken += page.len();
            false
        })
        .unwrap();
    assert_eq!(taken, 7);
}
