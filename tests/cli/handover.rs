//! `caseload handover` through the real binary: three clients move from one caseworker's
//! database to another's in two commands, sealed (a passphrase shown once, or a colleague's
//! age key), never plaintext; the giving side's list and agenda drop them while the report
//! still counts their history; the receiving side prints a receipt, the giver confirms it
//! (or takes the handover back before that); a wrong passphrase or key writes nothing.
#![cfg(unix)]

use crate::support::{caseload, mode};
use caseload::store::Store;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn refused(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// A demo caseload of 25, and a file with the BSNs of three of its clients (one of them
/// in aftercare, so not every client has an open benefit period).
fn giver(dir: &Path) -> (PathBuf, PathBuf, Vec<String>) {
    let db = dir.join("giver.db");
    ok(&caseload(&db, &["demo", "--clients", "25", "--seed", "4"]));
    let store = Store::open(&db).unwrap();
    let ids = store.client_ids().unwrap();
    let mut bsns: Vec<String> = Vec::new();
    for id in ids.iter().take(3) {
        let c = store.client(*id).unwrap().unwrap();
        bsns.push(c.person.bsn.as_str().to_owned());
    }
    let file = dir.join("clients.txt");
    std::fs::write(&file, bsns.join("\n") + "\n").unwrap();
    (db, file, bsns)
}

/// The records of the clients with these BSNs in a database's export (without history),
/// as JSON values, with the handover's own agreement left out.
fn records(db: &Path, bsns: &[String]) -> Vec<serde_json::Value> {
    let out = ok(&caseload(db, &["export"]));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut found: Vec<serde_json::Value> = doc["clients"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| bsns.contains(&c["bsn"].as_str().unwrap().to_owned()))
        .cloned()
        .collect();
    for c in &mut found {
        for ep in c["episodes"].as_array_mut().unwrap() {
            if let Some(list) = ep.get_mut("agreements").and_then(|a| a.as_array_mut()) {
                list.retain(|a| {
                    !a["text"]
                        .as_str()
                        .unwrap_or_default()
                        .starts_with("Introduce yourself")
                });
            }
        }
    }
    found.sort_by_key(|c| c["bsn"].as_str().unwrap().to_owned());
    found
}

/// The report as JSON: the caseload now, and every other table.
fn report_json(db: &Path) -> (serde_json::Value, serde_json::Value) {
    let mut v: serde_json::Value =
        serde_json::from_str(&ok(&caseload(db, &["report", "--json"]))).unwrap();
    let now = v["tables"]["caseload"].take();
    (now, v)
}

#[test]
fn three_clients_move_in_two_commands_sealed_with_a_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let (db, clients, bsns) = giver(dir.path());
    let before = records(&db, &bsns);
    let report = report_json(&db);
    let bundle = dir.path().join("bundle.age");
    let said = ok(&caseload(
        &db,
        &[
            "handover",
            "--client-file",
            clients.to_str().unwrap(),
            "--to",
            "Sanne Bos",
            "--from",
            "Pieter Jansen",
            "--out",
            bundle.to_str().unwrap(),
        ],
    ));
    assert!(
        said.contains("Handed over 3 clients to Sanne Bos"),
        "{said}"
    );
    let (receipt, passphrase) = codes(&said);
    // Sealed, private, and no BSN in it as plain text.
    let bytes = std::fs::read(&bundle).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"));
    assert_eq!(mode(&bundle), 0o600);
    for b in &bsns {
        assert!(!bytes.windows(9).any(|w| w == b.as_bytes()));
    }
    // The giving side: out of the list and the agenda, still counted in the report.
    let store = Store::open(&db).unwrap();
    let ids: Vec<i64> = bsns
        .iter()
        .map(|b| {
            store
                .client_id_by_bsn(&caseload::domain::Bsn::parse(b).unwrap())
                .unwrap()
                .unwrap()
        })
        .collect();
    let list = store.caseload(today()).unwrap();
    assert_eq!(list.len(), 22);
    assert!(!list.iter().any(|r| ids.contains(&r.client_id)));
    let agenda = store
        .agenda(NaiveDate::from_ymd_opt(2030, 1, 1).unwrap())
        .unwrap();
    assert!(!agenda.iter().any(|e| ids.contains(&e.item.client_id)));
    drop(store);
    // The report still counts their history; the caseload now is without them.
    let (now, history) = report_json(&db);
    assert_eq!(history, report.1, "the report still counts their history");
    assert_ne!(now, report.0, "the caseload now leaves them out");
    // A wrong passphrase: refused, and no database made.
    let other = dir.path().join("receiver.db");
    let wrong = dir.path().join("wrong.txt");
    std::fs::write(&wrong, "not the passphrase\n").unwrap();
    let err = refused(&caseload(
        &other,
        &[
            "import",
            bundle.to_str().unwrap(),
            "--export-passphrase-file",
            wrong.to_str().unwrap(),
        ],
    ));
    assert!(err.contains("does not open"), "{err}");
    assert!(!other.exists());
    // The right one: imported, with the receipt to give back.
    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, format!("{passphrase}\n")).unwrap();
    let said = ok(&caseload(
        &other,
        &[
            "import",
            bundle.to_str().unwrap(),
            "--export-passphrase-file",
            pass.to_str().unwrap(),
        ],
    ));
    assert!(said.contains("new clients: 3"), "{said}");
    assert!(
        said.contains(&format!("Receipt code for your colleague: {receipt}")),
        "{said}"
    );
    // Nothing lost: the records are the same on both sides, but the introduction.
    assert_eq!(records(&other, &bsns), before);
    // The receiving side: received in the timeline, an introduction in the agenda.
    let recv = Store::open(&other).unwrap();
    let mut introduced = 0;
    for id in recv.client_ids().unwrap() {
        let hs = recv.handovers_of(id).unwrap();
        assert_eq!(hs.len(), 1);
        assert!(!hs[0].out);
        assert_eq!(hs[0].person, "Pieter Jansen");
        let tl = recv.timeline(id, Default::default()).unwrap();
        assert!(tl.iter().any(|e| matches!(
            &e.event,
            caseload::domain::timeline::Event::Handover { out: false, .. }
        )));
        introduced += recv
            .open_items_of(id)
            .unwrap()
            .iter()
            .filter(|i| i.detail.starts_with("Introduce yourself"))
            .count();
    }
    let on_benefit = recv
        .client_ids()
        .unwrap()
        .iter()
        .filter(|id| {
            recv.latest_episode(**id)
                .unwrap()
                .is_some_and(|e| e.exit_date.is_none())
        })
        .count();
    assert!(on_benefit >= 1);
    assert_eq!(
        introduced, on_benefit,
        "each client on benefit gets an introduction"
    );
    drop(recv);
    // The giver confirms; a confirmed handover cannot be taken back.
    let said = ok(&caseload(
        &db,
        &["handover", "--confirm", &receipt.to_lowercase()],
    ));
    assert!(said.contains("3 clients"), "{said}");
    let err = refused(&caseload(&db, &["handover", "--undo", &receipt]));
    assert!(err.contains("confirmed"), "{err}");
    assert_eq!(
        Store::open(&db).unwrap().caseload(today()).unwrap().len(),
        22
    );
}

#[test]
fn a_handover_is_taken_back_before_it_is_confirmed_and_never_given_twice() {
    let dir = tempfile::tempdir().unwrap();
    let (db, clients, _) = giver(dir.path());
    let give = |out: &Path| give(&db, &clients, "Sanne Bos", out);
    let (receipt, _) = codes(&ok(&give(&dir.path().join("one.age"))));
    // Given already: refused, and no second bundle.
    let err = refused(&give(&dir.path().join("two.age")));
    assert!(err.contains("handed over already"), "{err}");
    assert!(!dir.path().join("two.age").exists());
    // The pending handover is listed with its code (no client named).
    let listed = ok(&caseload(&db, &["handover", "--pending"]));
    assert!(
        listed.contains(&receipt) && listed.contains("3 clients"),
        "{listed}"
    );
    // An unknown code, then the right one (typed as heard: lower case, O for 0).
    let err = refused(&caseload(&db, &["handover", "--undo", "AAAA-BBBB"]));
    assert!(err.contains("No handover has this receipt code"), "{err}");
    let typed = receipt.to_lowercase().replace('0', "o");
    let said = ok(&caseload(&db, &["handover", "--undo", &typed]));
    assert!(said.contains("3 clients are in your list"), "{said}");
    assert_eq!(
        Store::open(&db).unwrap().caseload(today()).unwrap().len(),
        25
    );
    // A BSN the caseload does not know: refused by its line in the file (blank lines and
    // a BSN given twice count as lines), nothing written.
    let known = std::fs::read_to_string(&clients).unwrap();
    let first = known.lines().next().unwrap().to_owned();
    std::fs::write(&clients, format!("{first}\n\n{first}\n111222333\n")).unwrap();
    let err = refused(&give(&dir.path().join("three.age")));
    assert!(err.contains("Line 4"), "{err}");
    assert!(!err.contains("111222333"), "{err}");
    assert!(!dir.path().join("three.age").exists());
}

#[test]
fn a_bundle_sealed_to_a_colleagues_key_opens_with_their_identity_only() {
    let dir = tempfile::tempdir().unwrap();
    let (db, clients, bsns) = giver(dir.path());
    // The colleague makes their key (in their own data directory).
    let home = dir.path().join("colleague");
    let identity = || {
        Command::new(env!("CARGO_BIN_EXE_caseload"))
            .env("XDG_DATA_HOME", &home)
            .env("HOME", &home)
            .args(["--lang", "en", "identity"])
            .output()
            .unwrap()
    };
    let said = ok(&identity());
    let key = said
        .split_whitespace()
        .find(|w| w.starts_with("age1"))
        .unwrap()
        .to_owned();
    assert!(said.contains("readable by you only"), "{said}");
    assert_eq!(mode(&home.join("caseload/age-identity.txt")), 0o600);
    // Asked again: the same key, the file not replaced.
    assert!(ok(&identity()).contains(&key));
    let bundle = dir.path().join("bundle.age");
    let said = ok(&caseload(
        &db,
        &[
            "handover",
            "--client-file",
            clients.to_str().unwrap(),
            "--to",
            "Sanne Bos",
            "--out",
            bundle.to_str().unwrap(),
            "--recipient",
            &key,
        ],
    ));
    assert!(said.contains("public key"), "{said}");
    let other = dir.path().join("receiver.db");
    let import = |home: &Path| {
        Command::new(env!("CARGO_BIN_EXE_caseload"))
            .env("XDG_DATA_HOME", home)
            .env("HOME", home)
            .arg("--db")
            .arg(&other)
            .args([
                "--lang",
                "en",
                "--today",
                "2026-11-23",
                "--plaintext",
                "import",
            ])
            .arg(&bundle)
            .output()
            .unwrap()
    };
    // Someone else's data directory, without the identity: refused, nothing written.
    let stranger = dir.path().join("stranger");
    let err = refused(&import(&stranger));
    assert!(err.contains("--identity"), "{err}");
    assert!(!other.exists());
    // Someone else's identity: the key does not open it, nothing written.
    let made = Command::new(env!("CARGO_BIN_EXE_caseload"))
        .env("XDG_DATA_HOME", &stranger)
        .env("HOME", &stranger)
        .args(["--lang", "en", "identity"])
        .output()
        .unwrap();
    ok(&made);
    let wrong = Command::new(env!("CARGO_BIN_EXE_caseload"))
        .arg("--db")
        .arg(&other)
        .args([
            "--lang",
            "en",
            "--today",
            "2026-11-23",
            "--plaintext",
            "import",
        ])
        .arg(&bundle)
        .arg("--identity")
        .arg(stranger.join("caseload/age-identity.txt"))
        .output()
        .unwrap();
    let err = refused(&wrong);
    assert!(
        err.contains("your identity does not open this bundle"),
        "{err}"
    );
    assert!(!other.exists());
    let said = ok(&import(&home));
    assert!(said.contains("new clients: 3"), "{said}");
    assert_eq!(records_count(&other), bsns.len());
}

fn records_count(db: &Path) -> usize {
    Store::open(db).unwrap().client_ids().unwrap().len()
}

#[test]
fn a_client_who_moved_travels_with_consent_and_only_what_may_travel() {
    use crate::exit_support::{client_on_benefit, date, plain_exit};
    use caseload::assets::Assets;
    use caseload::domain::codes::ExitReason;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("giver.db");
    ok(&caseload(&db, &["demo", "--clients", "5", "--seed", "4"]));
    let mut store = Store::open(&db).unwrap();
    let (cid, _) = client_on_benefit(&mut store, 77, "Mira", "", "Verhuisd", date(2025, 1, 1));
    let bsn = store
        .client(cid)
        .unwrap()
        .unwrap()
        .person
        .bsn
        .as_str()
        .to_owned();
    let mut input = plain_exit(cid, ExitReason::OtherMoved, date(2026, 10, 1));
    input.move_consent = Some(false);
    store.record_exit(&input, &Assets::builtin()).unwrap();
    drop(store);
    let clients = dir.path().join("clients.txt");
    std::fs::write(&clients, format!("{bsn}\n")).unwrap();
    let give = |out: &Path| give(&db, &clients, "Gemeente Haarlem", out);
    // Without the client's consent: refused, no bundle, the client still in the list.
    let err = refused(&give(&dir.path().join("no.age")));
    assert!(err.contains("without consenting"), "{err}");
    assert!(!dir.path().join("no.age").exists());
    // The exit interview corrected with consent: the bundle holds only what may travel.
    let mut store = Store::open(&db).unwrap();
    let ep = store.latest_episode(cid).unwrap().unwrap().id;
    input.move_consent = Some(true);
    store
        .write(|tx| tx.correct_exit(ep, &input, &Assets::builtin()).map(|_| ()))
        .unwrap();
    drop(store);
    let bundle = dir.path().join("moved.age");
    let (_, passphrase) = codes(&ok(&give(&bundle)));
    let other = dir.path().join("haarlem.db");
    import(&other, &bundle, &passphrase);
    let recv = Store::open(&other).unwrap();
    let id = recv.client_ids().unwrap()[0];
    let record = recv.client_record(id).unwrap().unwrap();
    assert_eq!(record.client.person.last_name, "Verhuisd");
    let ep = &record.episodes[0];
    assert_eq!(ep.episode.exit_reason, Some(ExitReason::OtherMoved));
    assert!(ep.intake.is_none(), "the intake's answers stay behind");
    assert!(ep.exit.is_none(), "the exit interview stays behind");
    assert!(ep.notes.is_empty() && ep.goals.is_empty() && ep.agreements.is_empty());
    assert!(ep.assessments.len() <= 1);
}

/// `caseload handover` from `db` of the clients in `clients` to `to`, into `out`.
fn give(db: &Path, clients: &Path, to: &str, out: &Path) -> Output {
    caseload(
        db,
        &[
            "handover",
            "--client-file",
            clients.to_str().unwrap(),
            "--to",
            to,
            "--out",
            out.to_str().unwrap(),
        ],
    )
}

/// The receipt code and the passphrase a handover printed.
fn codes(said: &str) -> (String, String) {
    let receipt = said.split("Receipt code: ").nth(1).unwrap()[..9].to_owned();
    let passphrase = said
        .lines()
        .skip_while(|l| !l.contains("shown only now"))
        .nth(1)
        .unwrap()
        .trim()
        .to_owned();
    (receipt, passphrase)
}

/// [`give`], which must succeed: the receipt code and the passphrase.
fn hand(db: &Path, clients: &Path, to: &str, out: &Path) -> (String, String) {
    codes(&ok(&give(db, clients, to, out)))
}

fn import(db: &Path, bundle: &Path, passphrase: &str) -> String {
    let pass = bundle.with_extension("pass");
    std::fs::write(&pass, format!("{passphrase}\n")).unwrap();
    ok(&caseload(
        db,
        &[
            "import",
            bundle.to_str().unwrap(),
            "--export-passphrase-file",
            pass.to_str().unwrap(),
        ],
    ))
}

#[test]
fn clients_handed_back_come_back_with_what_the_colleague_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let (a, clients, bsns) = giver(dir.path());
    let b = dir.path().join("colleague.db");
    let (receipt, pass) = hand(&a, &clients, "Sanne Bos", &dir.path().join("out.age"));
    import(&b, &dir.path().join("out.age"), &pass);
    ok(&caseload(&a, &["handover", "--confirm", &receipt]));
    // The colleague writes a note on one of them, then hands all three back.
    let mut store = Store::open(&b).unwrap();
    let id = store
        .client_id_by_bsn(&caseload::domain::Bsn::parse(&bsns[0]).unwrap())
        .unwrap()
        .unwrap();
    let ep = store.latest_episode(id).unwrap().unwrap().id;
    let note = caseload::domain::notes::NoteInput {
        noted_on: today(),
        channel: caseload::domain::codes::Channel::Phone,
        summary: "Teruggekomen na ziekte van de klantmanager.".into(),
        template: None,
        agreements: Vec::new(),
    };
    store.add_note(ep, &note).unwrap();
    drop(store);
    let (_, pass) = hand(&b, &clients, "Pieter Jansen", &dir.path().join("back.age"));
    let said = import(&a, &dir.path().join("back.age"), &pass);
    assert!(
        said.contains("Back from your colleague: 3 clients"),
        "{said}"
    );
    // Back in the list under their own client numbers, with the colleague's note.
    let store = Store::open(&a).unwrap();
    assert_eq!(store.caseload(today()).unwrap().len(), 25);
    let again = store
        .client_id_by_bsn(&caseload::domain::Bsn::parse(&bsns[0]).unwrap())
        .unwrap()
        .unwrap();
    let record = store.client_record(again).unwrap().unwrap();
    let notes: Vec<&str> = record
        .episodes
        .iter()
        .flat_map(|e| e.notes.iter().map(|(n, _)| n.summary.as_str()))
        .collect();
    assert!(
        notes.contains(&"Teruggekomen na ziekte van de klantmanager."),
        "{notes:?}"
    );
    assert_eq!(store.client_ids().unwrap().len(), 25, "no client twice");
    let hs = store.handovers_of(again).unwrap();
    assert_eq!(
        hs.iter().map(|h| h.out).collect::<Vec<_>>(),
        vec![true, false]
    );
}
