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
    let queries = [
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
    for q in &queries {
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
    let kinds = &queries[5];
    assert!(
        expected(&store, kinds)
            .iter()
            .all(|e| e.item.kind == ItemKind::CheckIn)
    );
}
