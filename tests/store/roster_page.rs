//! The list as pages of the roster: walked forward or back page by page, filtered in the
//! database, it is the whole list filtered and sorted in memory; its count and each row's
//! position agree.

use crate::common::{demo_store, today};
use caseload::domain::Phase;
use caseload::domain::codes::Code;
use caseload::store::Store;
use caseload::store::caseload::CaseloadRow;
use caseload::store::roster_page::{ListKey, ListOrder, ListQuery, ListWord};

/// Whether a row matches a word (the rule the list's filter states).
fn matches(r: &CaseloadRow, w: &ListWord) -> bool {
    match w {
        ListWord::Text { folded, phases } => {
            r.folded.contains(folded.as_str()) || phases.contains(&r.phase)
        }
        ListWord::Digits(d) => r.bsn.contains(d.as_str()),
        ListWord::Number(id) => r.client_id == *id,
    }
}

/// The list `q` as the whole list filtered and sorted in memory.
fn expected(all: &[CaseloadRow], q: &ListQuery) -> Vec<CaseloadRow> {
    let mut rows: Vec<CaseloadRow> = all
        .iter()
        .filter(|r| q.words.iter().all(|w| matches(r, w)))
        .filter(|r| q.flagged_on.is_none() || r.flagged)
        .cloned()
        .collect();
    let key = |r: &CaseloadRow| {
        let k = ListKey::of(r);
        match q.order {
            ListOrder::Due => (0, k.due, k.sort_name, k.client_id),
            ListOrder::Name => (0, String::new(), k.sort_name, k.client_id),
            ListOrder::Phase => (k.phase_rank, k.due, k.sort_name, k.client_id),
        }
    };
    rows.sort_by_key(key);
    rows
}

/// The list walked page by page, forward from the start or back from the end.
fn walked(store: &Store, q: &ListQuery, forward: bool) -> Vec<CaseloadRow> {
    let mut out: Vec<CaseloadRow> = Vec::new();
    let mut from: Option<ListKey> = None;
    loop {
        let page = store
            .list_page(q, from.as_ref(), forward, 7, today())
            .unwrap();
        if page.is_empty() {
            break;
        }
        let edge = if forward { page.last() } else { page.first() };
        from = edge.map(ListKey::of);
        if forward {
            out.extend(page);
        } else {
            out.splice(0..0, page);
        }
    }
    out
}

fn text(w: &str, phases: &[Phase]) -> ListWord {
    ListWord::Text {
        folded: w.into(),
        phases: phases.to_vec(),
    }
}

#[test]
fn every_page_of_every_list_is_the_list_filtered_in_memory() {
    let store = demo_store(150);
    // With the risk facts of each client, as the whole list has them.
    let all: Vec<CaseloadRow> = store.caseload(today()).unwrap();
    let some = all[17].client_id;
    let digits = all[3].bsn[2..5].to_owned();
    // The last letter, and the last two, of a name: the trigram index finds a short word
    // by the trigrams it begins, which these begin only with the spaces after the name.
    let end = |r: &CaseloadRow, n: usize| {
        let chars: Vec<char> = r.folded.chars().collect();
        chars[chars.len() - n..].iter().collect::<String>()
    };
    let (last, last_two) = (end(&all[5], 1), end(&all[6], 2));
    let queries = vec![
        vec![],
        vec![text("e", &[])],
        vec![text("an", &[])],
        vec![text("na", &[Phase::Aftercare])],
        vec![text("e", &[]), ListWord::Digits(digits)],
        vec![ListWord::Number(some)],
        vec![text("zzzz", &[])],
        vec![text("xq", &[])],
        vec![text("\"", &[])],
        vec![text(&last, &[])],
        vec![text(&last_two, &[])],
        vec![text(&last_two, &[]), text("jan", &[])],
        vec![text("ova", &[]), text("jan", &[])],
        vec![text(&all[40].folded[..4], &[])],
        vec![ListWord::Digits(all[9].bsn[3..8].to_owned())],
    ];
    let mut shown = 0;
    for words in queries {
        for flagged_on in [None, Some(today())] {
            for order in [ListOrder::Due, ListOrder::Name, ListOrder::Phase] {
                let q = ListQuery {
                    words: words.clone(),
                    flagged_on,
                    order,
                };
                let want = expected(&all, &q);
                // The order's index walked, and the rows the trigram index finds.
                for rare in [0, usize::MAX] {
                    store.set_list_rare(rare);
                    let got = walked(&store, &q, true);
                    assert_eq!(got, want, "forward {q:?} {rare}");
                    assert_eq!(walked(&store, &q, false), want, "back {q:?} {rare}");
                    assert_eq!(store.list_count(&q).unwrap(), want.len(), "{q:?} {rare}");
                    for (i, r) in want.iter().enumerate().step_by(5) {
                        assert_eq!(store.list_position(&q, &ListKey::of(r)).unwrap(), i);
                    }
                }
                shown += want.len();
            }
        }
    }
    assert!(shown > 1000, "the lists were not empty: {shown}");
    // The whole list in its first order is the caseload itself.
    let q = ListQuery::default();
    assert_eq!(walked(&store, &q, true), all);
    assert_eq!(Phase::Aftercare.code(), "aftercare");
}

#[test]
fn a_short_word_of_letters_the_index_folds_otherwise_still_finds_its_names() {
    use crate::fixtures::{date, episode, person};
    let mut store = Store::open_in_memory().unwrap();
    store
        .write(|tx| {
            for (n, last) in [(1, "Παπαδόπουλος"), (2, "Jansen"), (3, "Müller")] {
                let c = tx.insert_client(&caseload::domain::model::Person {
                    last_name: last.into(),
                    ..person(n)
                })?;
                tx.insert_episode(&episode(c, date(2026, 9, 1)))?;
            }
            Ok(())
        })
        .unwrap();
    // The trigram index folds a final sigma to a sigma, the list's filter does not.
    for (word, want) in [("ος", 1), ("ς", 1), ("σ", 0), ("mu", 1), ("xq", 0)] {
        let q = ListQuery {
            words: vec![text(word, &[])],
            ..ListQuery::default()
        };
        for rare in [0, usize::MAX] {
            store.set_list_rare(rare);
            let rows = store.list_page(&q, None, true, 10, today()).unwrap();
            assert_eq!(rows.len(), want, "{word} {rare}");
            assert_eq!(store.list_count(&q).unwrap(), want, "{word} {rare}");
        }
    }
}
