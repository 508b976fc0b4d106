//! After the exit: paying premium instalments, re-entry into a new episode, the exit
//! letter of the worked example, and the message keys of the rules.

use crate::exit_support;

use caseload::assets::Assets;
use caseload::domain::Phase;
use caseload::domain::codes::*;
use caseload::i18n::Lang;
use caseload::store::{Store, StoreError};
use exit_support::*;

fn invalid(e: StoreError) -> &'static str {
    match e {
        StoreError::Invalid(k) => k,
        other => panic!("expected a refused rule, got {other}"),
    }
}

#[test]
fn instalments_can_be_paid_and_leave_the_agenda() {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, _, input) = worked_example(&mut store);
    let saved = store.record_exit(&input, &Assets::builtin()).unwrap();
    let first = saved.instalment_ids[0];
    let premium_items = |store: &Store| {
        store
            .agenda(date(2027, 12, 31))
            .unwrap()
            .iter()
            .filter(|e| e.item.kind == caseload::domain::agenda::ItemKind::Premium)
            .count()
    };
    assert_eq!(premium_items(&store), 2);
    store
        .mark_instalment_paid(first, date(2026, 12, 4))
        .unwrap();
    assert_eq!(
        store.instalment(first).unwrap().unwrap().paid_on,
        Some(date(2026, 12, 4))
    );
    assert_eq!(premium_items(&store), 1);
    let err = store
        .mark_instalment_paid(first, date(2026, 12, 5))
        .unwrap_err();
    assert_eq!(invalid(err), "exit_rule.instalment_paid");
    assert_eq!(
        invalid(
            store
                .mark_instalment_paid(999, date(2026, 12, 5))
                .unwrap_err()
        ),
        "exit_rule.instalment_unknown"
    );
    assert_eq!(store.phase(cid).unwrap(), Phase::Aftercare);
}

#[test]
fn re_entry_starts_a_new_episode_linked_to_the_exit() {
    let mut store = Store::open_in_memory().unwrap();
    let assets = Assets::builtin();
    let (cid, _, input) = worked_example(&mut store);
    let first = store.latest_episode(cid).unwrap().unwrap().id;
    assert_eq!(
        invalid(store.re_enter(cid, date(2027, 2, 1)).unwrap_err()),
        "exit_rule.reentry_on_benefit"
    );
    let saved = store.record_exit(&input, &assets).unwrap();
    let plan = saved.plan_id.unwrap();
    assert_eq!(
        invalid(store.re_enter(cid, date(2026, 11, 1)).unwrap_err()),
        "exit_rule.reentry_before_exit"
    );
    let back = store.re_enter(cid, date(2027, 3, 15)).unwrap();
    assert_eq!(back.previous_episode_id, first);
    assert_eq!(back.previous_exit, date(2026, 11, 30));
    assert_eq!(back.months_off_benefit, 3);
    assert_eq!(back.aftercare_ended, Some(plan));
    let intake = back.previous_intake.unwrap();
    assert_eq!(intake.motivation, "Wil graag in de zorg werken.");
    let e = store.episode(back.episode_id).unwrap().unwrap();
    assert_eq!(e.previous_episode_id, Some(first));
    assert_eq!(e.benefit_start, date(2027, 3, 15));
    assert!(e.exit_date.is_none());
    assert_eq!(store.episodes_of(cid).unwrap().len(), 2);
    assert_eq!(store.phase(cid).unwrap(), Phase::Intake);
    let p = store.aftercare_plan_by_id(plan).unwrap().unwrap();
    assert_eq!(p.status, PlanStatus::Ended);
    assert_eq!(p.end_reason, Some(AftercareEndReason::Reentry));
    assert_eq!(p.ended_on, Some(date(2027, 3, 15)));
    let contacts = store.contacts(plan).unwrap();
    assert!(
        contacts
            .iter()
            .all(|c| c.status == ContactStatus::Cancelled)
    );
    // The unpaid premium instalments of the old exit were cancelled with it: nothing of
    // the old period is open for this client any more.
    assert_eq!(saved.instalment_ids.len(), 2);
    assert_eq!(back.premium_cancelled, saved.instalment_ids);
    assert!(
        store
            .instalments(first)
            .unwrap()
            .iter()
            .all(|i| i.cancelled_on == Some(date(2027, 3, 15)) && i.paid_on.is_none())
    );
    assert_eq!(store.open_items_of(cid).unwrap(), Vec::new());
    // Granted before but never paid (both instalments cancelled with the re-entry): only
    // money paid counts, so the two-instalment scheme is open again at the next exit.
    let ctx = store.exit_context(cid).unwrap().unwrap();
    assert_eq!(
        ctx.prior_premium,
        caseload::domain::premium::PriorPremium::GrantedUnpaid
    );
    assert!(!store.had_premium(cid).unwrap());
    let mut again = plain_exit(cid, ExitReason::WorkEmployment, date(2029, 6, 1));
    again.work = Some(permanent_job());
    again.premium = Some("two_instalments".into());
    let saved = store.record_exit(&again, &assets).unwrap();
    assert_eq!(saved.instalment_ids.len(), 2);
}

#[test]
fn the_letter_of_the_worked_example() {
    let mut store = Store::open_in_memory().unwrap();
    let assets = Assets::builtin();
    let (cid, _, input) = worked_example(&mut store);
    assert_eq!(
        invalid(
            store
                .letter_facts(cid, date(2026, 11, 23), &assets.premium)
                .unwrap_err()
        ),
        "exit_letter.no_exit"
    );
    store.record_exit(&input, &assets).unwrap();
    let mut facts = store
        .letter_facts(cid, date(2026, 11, 23), &assets.premium)
        .unwrap();
    assert_eq!(facts.client_number, "K000001");
    facts.caseworker = "Mirjam de Vries".into();
    facts.contact = "06-12345678".into();
    let nl = assets.exit_letter(Lang::Nl).render(&facts, Lang::Nl);
    assert!(nl.contains("Gefeliciteerd met het behalen van deze bijzondere prestatie!"));
    // Congratulations come first, before anything administrative.
    assert!(nl.find("Gefeliciteerd").unwrap() < nl.find("Wat er verandert").unwrap());
    insta::assert_snapshot!("exit_letter_nl", nl);
    let en = assets.exit_letter(Lang::En).render(&facts, Lang::En);
    insta::assert_snapshot!("exit_letter_en", en);
    // Without premium, with passive aftercare and no caseworker named.
    facts.instalments.clear();
    facts.aftercare = AftercareMode::Passive;
    facts.caseworker.clear();
    let en = assets.exit_letter(Lang::En).render(&facts, Lang::En);
    assert!(!en.contains("Exit premium") && en.contains("aftercare on request"));
    assert!(en.contains("Your caseworker remains your contact person."));
    // Written beside the database, named by date, database and client number, never the BSN.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caseload.db");
    let path = caseload::letters::write_exit_letter(&db, date(2026, 11, 23), cid, &nl).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(name, "2026-11-23_caseload_K000001_exit.md");
    let bsn = store.client(cid).unwrap().unwrap().person.bsn;
    assert!(!name.contains(bsn.as_str()) && !nl.contains(bsn.as_str()));
    assert_eq!(std::fs::read_to_string(path).unwrap(), nl);
}

#[test]
fn the_letter_promises_a_premium_checked_when_paying_on_its_condition() {
    let mut store = Store::open_in_memory().unwrap();
    let assets = Assets::builtin();
    let (cid, _, mut input) = worked_example(&mut store);
    input.premium = Some("one_payment".into());
    store.record_exit(&input, &assets).unwrap();
    let facts = store
        .letter_facts(cid, date(2026, 11, 23), &assets.premium)
        .unwrap();
    let nl = assets.exit_letter(Lang::Nl).render(&facts, Lang::Nl);
    assert!(!nl.contains("U krijgt een uitstroompremie"), "{nl}");
    assert!(
        nl.contains(
            "U kunt een uitstroompremie van € 1.000,00 krijgen. Die betalen wij alleen uit als \
             u op dat moment aan deze voorwaarde voldoet: 6 maanden bij één werkgever."
        ),
        "{nl}"
    );
    assert!(nl.contains("- € 1.000,00 op 01-06-2027"), "{nl}");
    let en = assets.exit_letter(Lang::En).render(&facts, Lang::En);
    assert!(!en.contains("You will receive an exit premium"), "{en}");
    assert!(
        en.contains(
            "We pay it only if at that time you meet this condition: 6 months with one employer."
        ),
        "{en}"
    );
}

#[test]
fn every_message_key_of_the_exit_and_aftercare_rules_exists_in_both_languages() {
    let sections = [
        "exit_rule.",
        "premium_rule.",
        "premium_pay.",
        "hours.",
        "aftercare_rule.",
        "exit_letter.",
        "agenda_cmd.",
    ];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![root.join("letters.rs")];
    for dir in ["domain", "store", "commands"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            files.push(e.unwrap().path());
        }
    }
    let mut keys = std::collections::BTreeSet::new();
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "rs"))
    {
        let text = std::fs::read_to_string(f).unwrap();
        for part in text.split('"').skip(1).step_by(2) {
            let word = part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
            if word && sections.iter().any(|s| part.starts_with(s)) && !part.ends_with('.') {
                keys.insert(part.to_owned());
            }
        }
    }
    for g in ["overdue", "today", "next_days", "later"] {
        keys.insert(format!("agenda_cmd.{g}"));
    }
    assert!(keys.len() > 50, "{}", keys.len());
    for k in &keys {
        for lang in [Lang::Nl, Lang::En] {
            assert!(caseload::i18n::has(lang, k), "{k} missing in {lang:?}");
        }
    }
}
