//! Correcting a saved exit interview (`x` on a client who left) and withdrawing an exit
//! recorded in error (`W`), by keys through the real dispatch and the database: the
//! premium and the aftercare computed again with what was paid or held kept, refusals at
//! the field, the report before and after a withdrawal, and undo and redo of each.

use crate::common;
use crate::premium_support;
use crate::transfer_support;

use caseload::app::App;
use caseload::app::workflows::FormKind;
use caseload::assets::Assets;
use caseload::domain::agenda::ItemKind;
use caseload::domain::codes::*;
use caseload::domain::model::Id;
use caseload::i18n::Lang;
use caseload::store::Store;
use common::{app, press, press_mod, screen, today};
use premium_support::{assert_sound, pick, text};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use transfer_support::exit_support::{date, started_events, worked_example};
use transfer_support::export;

/// The export as text (a failing comparison shows the lines).
fn exported(store: &Store) -> String {
    String::from_utf8(export(store)).unwrap()
}

fn save(a: &mut App) {
    press_mod(a, KeyCode::Char('s'), KeyModifiers::CONTROL);
}

fn undo(a: &mut App) {
    press(a, KeyCode::Char('u'));
    press(a, KeyCode::Enter);
}

fn redo(a: &mut App) {
    press_mod(a, KeyCode::Char('r'), KeyModifiers::CONTROL);
    press(a, KeyCode::Enter);
}

/// The exits the report counts (2026).
fn exits_counted(store: &Store) -> u64 {
    common::exits_counted(store, date(2026, 1, 1), today(), today())
}

/// Anna's exit of the worked example, moved to 1 October 2026 (first working day the
/// same), saved; with `paid`, the first instalment is paid on 5 October and the first
/// check-in held on its day. Returns (client, episode, jobhunter).
fn anna_left(paid: bool) -> (Store, Id, Id, Id) {
    let mut store = Store::open_in_memory().unwrap();
    let (cid, jobhunter, mut input) = worked_example(&mut store);
    started_events(&mut store, jobhunter, date(2026, 6, 1));
    input.held_on = date(2026, 10, 1);
    input.exit_date = date(2026, 10, 1);
    input.last_payment_date = Some(date(2026, 10, 20));
    input.work.as_mut().unwrap().first_work_day = Some(date(2026, 10, 1));
    let saved = store.record_exit(&input, &Assets::builtin()).unwrap();
    if paid {
        let mut c = store.contact(saved.contact_ids[0]).unwrap().unwrap();
        c.status = ContactStatus::Done;
        c.done_on = Some(c.planned_on);
        c.channel = Some(Channel::Phone);
        c.how_is_work = "Goed, fijne collega's.".into();
        store
            .write(|tx| {
                tx.pay_instalment(saved.instalment_ids[0], date(2026, 10, 5))?;
                tx.update_contact(&c)
            })
            .unwrap();
    }
    (store, cid, saved.episode_id, jobhunter)
}

#[test]
fn x_on_a_client_who_left_corrects_the_exit_prefilled_keeping_what_was_paid_and_held() {
    let (store, cid, ep, jobhunter) = anna_left(true);
    let mut a = app(store, Lang::En);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.file().unwrap().client.id, cid);
    press(&mut a, KeyCode::Char('x'));
    assert_eq!(a.form().map(|f| f.0), Some(FormKind::ExitEdit));
    // Every saved field is there.
    assert_eq!(a.field("exit_date").as_deref(), Some("01-10-2026"));
    assert_eq!(
        a.field("employer").as_deref(),
        Some("Zorggroep Kennemerland")
    );
    assert_eq!(a.field("hours_per_week").as_deref(), Some("24"));
    assert_eq!(a.field("contract_end").as_deref(), Some("31-05-2027"));
    assert_eq!(a.field("premium").as_deref(), Some("two_instalments"));
    assert_eq!(
        a.field("found_via").as_deref(),
        Some(&*jobhunter.to_string())
    );
    let kept = a.field_note("kept").unwrap();
    assert!(
        kept.contains("Instalment 1 (€ 500,00) paid on 05-10-2026")
            || kept.contains("paid on 05-10-2026"),
        "{kept}"
    );
    let before = exported(a.store());
    // A later exit date would put the payment and the check-in before the exit: refused
    // at the field, nothing written.
    text(&mut a, "exit_date", "10-10-2026");
    save(&mut a);
    assert!(a.form().is_some());
    let err = a.field_error("exit_date").unwrap();
    assert!(err.contains("before this exit date"), "{err}");
    // So is an exit date before the benefit start, as for a new exit.
    text(&mut a, "exit_date", "01-01-2024");
    save(&mut a);
    assert!(a.form().is_some());
    assert!(a.field_error("exit_date").is_some());
    // Taking the paid premium away is refused with the reason.
    text(&mut a, "exit_date", "20-09-2026");
    pick(&mut a, "premium", "no premium");
    save(&mut a);
    assert!(a.form().is_some());
    assert!(
        a.field_error("premium")
            .unwrap()
            .contains("Take the payment back first (U)"),
        "{:?}",
        a.field_errors()
    );
    assert_eq!(exported(a.store()), before);
    // An earlier exit, a new employer name: saved.
    pick(&mut a, "premium", "two instalments");
    text(&mut a, "first_work_day", "21-09-2026");
    text(&mut a, "employer", "Zorggroep Haarlem");
    save(&mut a);
    assert!(
        a.form().is_none(),
        "{:?} {:?}",
        a.status(),
        a.field_errors()
    );
    let s = a.store();
    let e = s.episode(ep).unwrap().unwrap();
    assert_eq!(e.exit_date, Some(date(2026, 9, 20)));
    assert_eq!(
        s.exit_interview(ep).unwrap().unwrap().employer,
        "Zorggroep Haarlem"
    );
    // The paid instalment is kept; the open one is computed again from the corrected exit.
    let inst = s.instalments(ep).unwrap();
    assert_eq!(inst.len(), 2);
    assert_eq!(inst[0].paid_on, Some(date(2026, 10, 5)));
    let scheme = Assets::builtin()
        .premium
        .scheme("two_instalments")
        .unwrap()
        .clone();
    let dues = caseload::domain::premium::instalments(
        &scheme,
        date(2026, 9, 20),
        Some(date(2026, 9, 21)),
        &[],
    );
    assert_eq!(inst[1].due_on, dues[1].due_on);
    assert_eq!(inst[1].paid_on, None);
    // The held check-in is kept; the rest is planned again after it.
    let plan = s.aftercare_plan(ep).unwrap().unwrap();
    assert_eq!(plan.starts_on, date(2026, 9, 20));
    let contacts = s.contacts(plan.id).unwrap();
    let held: Vec<_> = contacts
        .iter()
        .filter(|c| c.status == ContactStatus::Done)
        .collect();
    assert_eq!(held.len(), 1);
    assert!(
        contacts
            .iter()
            .filter(|c| c.status == ContactStatus::Planned)
            .all(|c| c.planned_on > held[0].planned_on)
    );
    // The trajectory the job came through is closed on the new exit date.
    let t = s.trajectory(jobhunter).unwrap().unwrap();
    assert_eq!(
        (t.status, t.ended_on),
        (TrajectoryStatus::Completed, Some(date(2026, 9, 20)))
    );
    assert_sound(a.store());
    let after = exported(a.store());
    undo(&mut a);
    assert_eq!(exported(a.store()), before, "undone, the exit is as it was");
    redo(&mut a);
    assert_eq!(exported(a.store()), after, "redone, the correction is back");
}

#[test]
fn w_withdraws_an_exit_recorded_in_error_the_report_no_longer_counts_it_and_u_brings_it_back() {
    let (store, cid, ep, jobhunter) = anna_left(false);
    let counted = exits_counted(&store);
    assert!(counted >= 1);
    let mut a = app(store, Lang::En);
    press(&mut a, KeyCode::Char('2'));
    assert!(
        a.agenda_items()
            .iter()
            .any(|e| e.item.client_id == cid && e.item.kind == ItemKind::CheckIn)
    );
    press(&mut a, KeyCode::Char('1'));
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.file().unwrap().client.id, cid);
    let before = exported(a.store());
    press(&mut a, KeyCode::Char('W'));
    assert_eq!(a.form().map(|f| f.0), Some(FormKind::ExitWithdraw));
    // A reason is required.
    save(&mut a);
    assert!(a.form().is_some());
    a.fill("reason", "Uitstroom bij de verkeerde klant vastgelegd");
    save(&mut a);
    assert!(
        a.form().is_none(),
        "{:?} {:?}",
        a.status(),
        a.field_errors()
    );
    let s = a.store();
    let e = s.episode(ep).unwrap().unwrap();
    assert_eq!(
        (e.exit_date, e.exit_reason, e.last_payment_date),
        (None, None, None)
    );
    assert_eq!(s.exit_interview(ep).unwrap(), None);
    assert_eq!(s.aftercare_plan(ep).unwrap(), None);
    assert!(s.instalments(ep).unwrap().is_empty());
    // The jobhunter runs again, as before the exit.
    let t = s.trajectory(jobhunter).unwrap().unwrap();
    assert_eq!((t.status, t.ended_on), (TrajectoryStatus::Started, None));
    assert_eq!(exits_counted(s), counted - 1);
    assert_sound(a.store());
    // The agenda holds nothing of the withdrawn exit (check-ins, instalments), and the
    // running jobhunter's dates again.
    press(&mut a, KeyCode::Char('2'));
    let kinds: Vec<ItemKind> = a
        .agenda_items()
        .iter()
        .filter(|e| e.item.client_id == cid)
        .map(|e| e.item.kind)
        .collect();
    assert!(kinds.contains(&ItemKind::Review), "{kinds:?}");
    assert!(
        kinds.iter().all(|k| !matches!(
            k,
            ItemKind::CheckIn | ItemKind::ContractEnd | ItemKind::Premium
        )),
        "{kinds:?}"
    );
    press(&mut a, KeyCode::Char('1'));
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.file().unwrap().client.id, cid);
    // The history keeps it, with the reason.
    press(&mut a, KeyCode::Char('h'));
    let sc = screen(&a);
    assert!(
        sc.contains("reason: Uitstroom bij de verkeerde klant vastgelegd"),
        "{sc}"
    );
    press(&mut a, KeyCode::Esc);
    let after = exported(a.store());
    undo(&mut a);
    assert_eq!(
        exported(a.store()),
        before,
        "undone, the exit is back as it was"
    );
    assert_eq!(exits_counted(a.store()), counted);
    redo(&mut a);
    assert_eq!(exported(a.store()), after);
    assert_eq!(exits_counted(a.store()), counted - 1);
    // On an open period, x is a new exit interview again.
    press(&mut a, KeyCode::Char('x'));
    assert_eq!(a.form().map(|f| f.0), Some(FormKind::Exit));
}

#[test]
fn an_exit_with_a_payment_is_not_withdrawn_and_says_why() {
    let (store, _, ep, _) = anna_left(true);
    let mut a = app(store, Lang::En);
    press(&mut a, KeyCode::Enter);
    let before = exported(a.store());
    press(&mut a, KeyCode::Char('W'));
    assert!(a.form().is_none());
    assert!(
        a.status().unwrap().contains("take it back first (U)"),
        "{:?}",
        a.status()
    );
    assert_eq!(exported(a.store()), before);
    assert!(a.store().episode(ep).unwrap().unwrap().exit_date.is_some());
}

#[test]
fn a_later_benefit_period_keeps_the_exit_before_it() {
    let (mut store, cid, ep, _) = anna_left(false);
    store.re_enter(cid, date(2026, 11, 2)).unwrap();
    let err = store
        .write(|tx| tx.withdraw_exit(ep, "vergissing"))
        .unwrap_err();
    assert_eq!(
        err.user_message(Lang::En),
        "A later benefit period follows this exit: only the exit of the latest period can be corrected or withdrawn."
    );
    let mut a = app(store, Lang::En);
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('W'));
    assert!(a.form().is_none());
    assert_eq!(
        a.status(),
        Some("This client's latest benefit period has no exit to withdraw.")
    );
    // Opened on the earlier period itself (as Enter or d on it will), each says why not.
    use caseload::app::workflows::{Cx, Start};
    let assets = Assets::builtin();
    let cx = Cx {
        lang: Lang::En,
        today: today(),
        assets: &assets,
    };
    for kind in [FormKind::ExitEdit, FormKind::ExitWithdraw] {
        let start = Start::new(kind, Some(cid)).on(Some(ep));
        let Err(why) = kind.open(&start, a.store(), &cx) else {
            panic!("{kind:?} opened on an exit with a later period");
        };
        assert!(
            why.starts_with("A later benefit period follows this exit"),
            "{why}"
        );
    }
}

#[test]
fn a_half_typed_correction_is_kept_as_the_periods_draft_and_d_reopens_it() {
    let (store, _, ep, _) = anna_left(false);
    let mut a = app(store, Lang::En);
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('x'));
    assert_eq!(a.form(), Some((FormKind::ExitEdit, ep)));
    text(&mut a, "employer", "Zorggroep Haarlem");
    // Leave, keeping the draft; back in the list, D reopens it on the same period.
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Enter);
    assert!(a.form().is_none());
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('D'));
    assert_eq!(a.form(), Some((FormKind::ExitEdit, ep)));
    assert!(a.question().is_some());
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.field("employer").as_deref(), Some("Zorggroep Haarlem"));
}

#[test]
fn the_forms_open_on_the_period_as_an_item_of_the_file() {
    use caseload::app::workflows::{Cx, Start};
    let (store, cid, ep, _) = anna_left(false);
    let assets = Assets::builtin();
    let cx = Cx {
        lang: Lang::Nl,
        today: today(),
        assets: &assets,
    };
    for kind in [FormKind::ExitEdit, FormKind::ExitWithdraw] {
        let on_item = kind.open(&Start::new(kind, Some(cid)).on(Some(ep)), &store, &cx);
        assert!(on_item.is_ok(), "{kind:?}");
        let latest = kind.open(&Start::new(kind, Some(cid)), &store, &cx);
        assert!(latest.is_ok(), "{kind:?}");
    }
    let opened = FormKind::ExitWithdraw
        .open(&Start::new(FormKind::ExitWithdraw, Some(cid)), &store, &cx)
        .ok()
        .unwrap();
    assert_eq!(
        opened.form.title,
        "Een per vergissing vastgelegde uitstroom intrekken"
    );
}
