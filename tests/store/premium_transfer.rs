//! The premium's new fields in the file formats: the export and import of decimal hours,
//! forfeited instalments and what contradicts itself; and a database of schema 3 brought to
//! schema 4 with its whole hours and instalments kept.

use crate::premium_support;
use crate::transfer_support;

use caseload::domain::agenda::ItemKind;
use caseload::domain::hours::Hours;
use caseload::i18n::Lang;
use caseload::store::Store;
use premium_support::assert_sound;
use transfer_support::exit_support::date;
use transfer_support::imported;

#[test]
fn import_reads_decimal_hours_and_forfeits_and_refuses_what_contradicts_itself() {
    use serde_json::{Value, json};
    let doc = |hours: Value, instalment: Value| {
        json!({
            "format": "caseload", "version": 1,
            "clients": [{
                "bsn": "111222333", "first_name": "Jan", "last_name": "Jansen",
                "episodes": [{
                    "benefit_start": "2024-01-01", "exit_date": "2026-05-01",
                    "exit_reason": "work.employment",
                    "exit_interview": {
                        "held_on": "2026-05-01", "contract_type": "permanent",
                        "hours_per_week": hours, "independence": "full",
                        "premium_scheme": "one_payment", "premium_granted": true,
                        "premium_instalments": [instalment]
                    }
                }]
            }]
        })
        .to_string()
    };
    let inst = |extra: Value| {
        let mut i = json!({"scheme": "one_payment", "seq": 1, "due_on": "2026-11-04",
                           "amount_cents": 100000});
        for (k, v) in extra.as_object().unwrap() {
            i[k] = v.clone();
        }
        i
    };
    let forfeited = inst(json!({"forfeited_on": "2026-11-20", "forfeit_reason": "Baan kwijt"}));
    // Old files write whole hours; new ones decimals. Both read, and come back the same.
    for (hours, want) in [
        (json!(24), "24"),
        (json!(15.5), "15.5"),
        (json!(15.75), "15.75"),
    ] {
        let (store, _) = imported(doc(hours, forfeited.clone()).as_bytes());
        let x = store.exit_interview(1).unwrap().unwrap();
        assert_eq!(x.hours_per_week, Some(Hours::parse(want).unwrap()));
        let i = &store.instalments(1).unwrap()[0];
        assert_eq!(i.forfeited_on, Some(date(2026, 11, 20)));
        assert_eq!(i.forfeit_reason, "Baan kwijt");
        assert_sound(&store);
    }
    let at = "$.clients[0].episodes[0].exit_interview";
    let cases = [
        (
            doc(json!(15.125), inst(json!({}))),
            format!("{at}.hours_per_week: may have at most two decimals"),
        ),
        (
            doc(json!("16"), inst(json!({}))),
            format!("{at}.hours_per_week: must be a number"),
        ),
        (
            doc(json!(80.5), inst(json!({}))),
            format!("{at}.hours_per_week: must be from 0 to 80"),
        ),
        (
            doc(
                json!(24),
                inst(
                    json!({"paid_on": "2026-11-04", "forfeited_on": "2026-11-20",
                            "forfeit_reason": "x"}),
                ),
            ),
            format!(
                "{at}.premium_instalments[0].forfeited_on: An instalment is paid, cancelled \
                 or forfeited: one of them at most."
            ),
        ),
        (
            doc(json!(24), inst(json!({"forfeited_on": "2026-11-20"}))),
            format!(
                "{at}.premium_instalments[0].forfeit_reason: a forfeited instalment has a \
                 forfeit_reason, and only a forfeited one"
            ),
        ),
        (
            doc(json!(24), inst(json!({"forfeit_reason": "x"}))),
            format!(
                "{at}.premium_instalments[0].forfeit_reason: a forfeited instalment has a \
                 forfeit_reason, and only a forfeited one"
            ),
        ),
    ];
    for (text, want) in cases {
        let mut store = Store::open_in_memory().unwrap();
        let err = caseload::commands::import::import_into(&mut store, text.as_bytes(), false)
            .expect_err("refused");
        let got = match err {
            caseload::commands::import::ImportError::Refused(p) => p.lines(Lang::En).join("\n"),
            other => panic!("{other:?}"),
        };
        assert!(got.contains(&want), "want {want}\ngot {got}");
        assert_eq!(store.client_count().unwrap(), 0);
    }
}

#[test]
fn a_schema_3_file_keeps_its_whole_hours_and_instalments() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "application_id", caseload::store::APPLICATION_ID)
            .unwrap();
        for sql in [
            include_str!("../../src/store/sql/0001_schema.sql"),
            include_str!("../../src/store/sql/0002_report_indexes.sql"),
            include_str!("../../src/store/sql/0003_cancelled_premium_audit_lookup.sql"),
        ] {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", 3).unwrap();
        c.execute_batch(
            "INSERT INTO client (id, bsn, first_name, last_name, created_at) \
             VALUES (1, '111222333', 'Jan', 'Jansen', 't');
             INSERT INTO episode (id, client_id, benefit_start, benefit_type, exit_date, \
             exit_reason, created_at) VALUES (1, 1, '2023-01-01', 'participatiewet', \
             '2026-06-01', 'work.employment', 't');
             INSERT INTO exit_interview (episode_id, held_on, contract_type, hours_per_week, \
             independence, premium_scheme, premium_granted, created_at) \
             VALUES (1, '2026-06-01', 'permanent', 24, 'full', 'two_instalments', 1, 't');
             INSERT INTO premium_instalment (episode_id, scheme, seq, due_on, amount_cents, \
             paid_on, created_at) VALUES (1, 'two_instalments', 1, '2026-06-01', 50000, \
             '2026-06-01', 't'), (1, 'two_instalments', 2, '2026-12-01', 50000, NULL, 't');",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        caseload::store::latest_version()
    );
    let x = store.exit_interview(1).unwrap().unwrap();
    assert_eq!(x.hours_per_week, Some(Hours::whole(24)));
    assert_eq!((x.job_agreement, x.sanction_24_months), (None, None));
    let inst = store.instalments(1).unwrap();
    assert!(
        inst.iter()
            .all(|i| i.forfeited_on.is_none() && i.uplift.is_none())
    );
    assert!(store.had_premium(1).unwrap());
    // The open instalment is still in the agenda; forfeiting takes it out.
    let open = |s: &Store| {
        s.agenda(date(2027, 12, 31))
            .unwrap()
            .iter()
            .filter(|e| e.item.kind == ItemKind::Premium)
            .count()
    };
    assert_eq!(open(&store), 1);
    store
        .forfeit_instalment(inst[1].id, date(2026, 12, 1), "Geen werk meer")
        .unwrap();
    assert_eq!(open(&store), 0);
    let report = caseload::commands::check::Report::gather(&store).unwrap();
    assert!(report.is_clean(), "{report:?}");
    // The database refuses an instalment both paid and forfeited, or forfeited without a
    // reason, whatever writes it.
    let c = rusqlite::Connection::open(&path).unwrap();
    let both = c.execute(
        "UPDATE premium_instalment SET paid_on = '2026-12-01' WHERE id = ?1",
        [inst[1].id],
    );
    assert!(both.is_err());
    let bare = c.execute(
        "UPDATE premium_instalment SET forfeited_on = '2026-12-01', forfeit_reason = '' \
         WHERE id = ?1",
        [inst[0].id],
    );
    assert!(bare.is_err());
}
