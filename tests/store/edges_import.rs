//! The same rules at their edges in a file (issue 12): import takes what the app may make
//! and refuses, by JSON path, what contradicts itself; and `caseload check` agrees.

use crate::edges_support;

use caseload::domain::model::AftercareContact;
use caseload::store::Store;
use caseload::store::rules::Rule;
use edges_support::*;
use serde_json::{Value, json};

/// One client, born 17 May 1990, on benefit from 1 January 2024 to 31 March 2026, left for
/// a permanent job of 32 hours found by own effort, active aftercare with `consent` and one
/// check-in held on 2 April 2026 (`contact`, to which the test adds).
fn doc(consent: bool, contact: Value) -> Value {
    let mut c = json!({
        "planned_on": "2026-04-02", "kind": "scheduled", "status": "done",
        "done_on": "2026-04-02", "channel": "phone"
    });
    for (k, v) in contact.as_object().unwrap() {
        c[k] = v.clone();
    }
    json!({
        "format": "caseload", "version": 1,
        "clients": [{
            "bsn": "111222333", "first_name": "Anna", "last_name": "Berg",
            "birth_date": "1990-05-17", "phone": "06-12345678", "email": "anna@example.nl",
            "episodes": [{
                "benefit_start": "2024-01-01", "exit_date": "2026-03-31",
                "exit_reason": "work.employment",
                "trajectories": [{
                    "instrument": "jobhunter", "status": "started",
                    "referred_on": "2026-03-20", "start_date": "2026-03-20"
                }],
                "exit_interview": {
                    "held_on": "2026-03-31", "contract_type": "permanent",
                    "hours_per_week": 32, "independence": "full", "found_via": "own_effort",
                    "aftercare_offer": "active", "aftercare_consent": consent,
                    "aftercare": {
                        "mode": "active", "consent": consent,
                        "starts_on": "2026-03-31", "ends_on": "2026-09-30",
                        "contacts": [c]
                    }
                }
            }]
        }]
    })
}

const C: &str = "$.clients[0]";
const X: &str = "$.clients[0].episodes[0].exit_interview";

/// `doc` with the value at a JSON pointer replaced.
fn with(mut d: Value, pointer: &str, v: Value) -> Value {
    *d.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer}")) = v;
    d
}

fn imports(d: &Value) -> Store {
    let said = import_lines(d);
    assert!(said.is_empty(), "refused:\n{said}");
    let mut store = Store::open_in_memory().unwrap();
    caseload::commands::import::import_into(&mut store, d.to_string().as_bytes(), false).unwrap();
    sound(&store);
    store
}

fn refused(d: &Value, path: &str, key: &str) {
    let said = import_lines(d);
    let want = format!(
        "{path}: {}",
        caseload::i18n::t(caseload::i18n::Lang::En, key)
    );
    assert!(
        said.lines().any(|l| l == want),
        "expected {want:?} in\n{said}"
    );
}

#[test]
fn without_consent_a_held_contact_imports_but_its_answers_do_not() {
    let contacts = format!("{X}.aftercare.contacts[0]");
    imports(&doc(false, json!({})));
    imports(&doc(false, json!({"status": "not_reached"})));
    imports(&doc(
        true,
        json!({"how_is_work": "Goed.", "risk": "low", "referrals": ["debt_help"]}),
    ));
    for (answer, value) in [
        ("how_is_work", json!("Goed.")),
        ("risk", json!("low")),
        ("referrals", json!(["debt_help"])),
        ("contract_renewed", json!(true)),
    ] {
        let d = doc(false, json!({ answer: value }));
        refused(
            &d,
            &format!("{contacts}.{answer}"),
            "edge.answers_without_consent",
        );
    }
    let d = doc(
        true,
        json!({"status": "not_reached", "risk": "high", "risk_reason": "x"}),
    );
    refused(&d, &format!("{contacts}.risk"), "edge.answers_not_reached");
    let d = with(
        doc(true, json!({})),
        "/clients/0/episodes/0/exit_interview/aftercare/mode",
        json!("declined"),
    );
    refused(&d, &format!("{contacts}.status"), "edge.contact_declined");
}

#[test]
fn check_finds_answers_without_consent_but_not_a_bare_held_contact() {
    let mut store = imports(&doc(false, json!({})));
    assert!(store.rule_findings().unwrap().is_empty());
    let c = store.contacts(1).unwrap()[0].clone();
    store
        .write(|tx| {
            tx.update_contact(&AftercareContact {
                can_i_help: "Bellen".into(),
                ..c
            })
        })
        .unwrap();
    let found: Vec<Rule> = store
        .rule_findings()
        .unwrap()
        .iter()
        .map(|f| f.rule)
        .collect();
    assert_eq!(found, vec![Rule::CheckInWithoutConsent]);
}

#[test]
fn a_period_may_start_on_the_day_the_previous_one_ended_but_not_before() {
    let second = |start: &str| {
        let mut d = doc(true, json!({}));
        d["clients"][0]["episodes"]
            .as_array_mut()
            .unwrap()
            .push(json!({"benefit_start": start}));
        d
    };
    let store = imports(&second("2026-03-31"));
    let eps = store.episodes_of(1).unwrap();
    assert_eq!(eps[1].previous_episode_id, Some(eps[0].id));
    let said = import_lines(&second("2026-03-30"));
    let want = "$.clients[0].episodes[1].benefit_start: starts before episodes[0] has ended";
    assert!(said.lines().any(|l| l == want), "{said}");
}

#[test]
fn contact_details_that_contradict_themselves_are_refused_by_path() {
    let d = doc(true, json!({}));
    refused(
        &with(d.clone(), "/clients/0/phone", json!("06-1234567a")),
        &format!("{C}.phone"),
        "edge.phone",
    );
    refused(
        &with(d.clone(), "/clients/0/email", json!("anna@example")),
        &format!("{C}.email"),
        "edge.email",
    );
    refused(
        &with(d.clone(), "/clients/0/email", json!("anna")),
        &format!("{C}.email"),
        "edge.email",
    );
    imports(&with(d, "/clients/0/phone", json!("+31 (0)6 1234 5678")));
}

#[test]
fn an_exit_that_contradicts_itself_is_refused_by_path() {
    let d = doc(true, json!({}));
    let x = "/clients/0/episodes/0/exit_interview";
    let partly = with(d.clone(), &format!("{x}/independence"), json!("partial"));
    refused(
        &partly,
        &format!("{X}.independence"),
        "edge.employment_partly",
    );
    // A wage-subsidy job may well leave the client partly on benefit.
    let subsidy = with(
        partly,
        "/clients/0/episodes/0/exit_reason",
        json!("work.wage_subsidy"),
    );
    imports(&subsidy);
    // Found through the jobhunter: it started on 20 March, before the exit; one started
    // on 1 April, after it, cannot be where the job came from.
    let mut found = with(d.clone(), &format!("{x}/found_via"), json!("trajectory"));
    found["clients"][0]["episodes"][0]["exit_interview"]["found_via_trajectory"] =
        json!("episodes[0].trajectories[0]");
    imports(&found);
    let t = "/clients/0/episodes/0/trajectories/0";
    let late = with(
        with(found, &format!("{t}/start_date"), json!("2026-04-01")),
        &format!("{t}/referred_on"),
        json!("2026-04-01"),
    );
    refused(
        &late,
        &format!("{X}.found_via_trajectory"),
        "edge.found_via_after_exit",
    );
}

#[test]
fn a_study_exit_is_refused_from_the_27th_birthday_on() {
    // A period as the back office delivers it: start, exit and reason only.
    let study = |birth: &str| {
        let d = with(doc(true, json!({})), "/clients/0/birth_date", json!(birth));
        let period = json!({"benefit_start": "2024-01-01", "exit_date": "2026-03-31",
                            "exit_reason": "study"});
        with(d, "/clients/0/episodes/0", period)
    };
    // 27 on 31 March 2026: refused; a day younger: a study exit.
    refused(
        &study("1999-03-31"),
        "$.clients[0].episodes[0].exit_reason",
        "edge.study_age",
    );
    imports(&study("1999-04-01"));
}

#[test]
fn a_premium_granted_for_fewer_hours_than_the_scheme_asks_is_refused() {
    let granted = |hours: u8| {
        let mut d = doc(true, json!({}));
        let x = &mut d["clients"][0]["episodes"][0]["exit_interview"];
        x["hours_per_week"] = json!(hours);
        x["premium_scheme"] = json!("two_instalments");
        x["premium_granted"] = json!(true);
        x["premium_instalments"] = json!([
            {"scheme": "two_instalments", "seq": 1, "due_on": "2026-03-31", "amount_cents": 50000},
            {"scheme": "two_instalments", "seq": 2, "due_on": "2026-09-30", "amount_cents": 50000}
        ]);
        d
    };
    refused(
        &granted(15),
        &format!("{X}.premium_granted"),
        "exit_rule.premium_not_eligible",
    );
    imports(&granted(16));
}
