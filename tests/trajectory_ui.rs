//! Issue 4 as a caseworker does it, by keys: assign a jobhunter, start it, write a phone
//! note from a template with a follow-up in two weeks, complete it with a result, read the
//! timeline.

mod common;

use caseload::app::App;
use caseload::domain::Phase;
use caseload::domain::agenda::ItemKind;
use caseload::domain::codes::*;
use caseload::i18n::Lang;
use common::{app, date, demo_store, draw, press, press_mod, screen, type_str};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn save(a: &mut App) {
    press_mod(a, KeyCode::Char('s'), KeyModifiers::CONTROL);
}

fn focused(a: &App) -> String {
    a.form.as_ref().unwrap().form.focused().key.clone()
}

/// Opens the first client in phase plan, filtering the list as a caseworker would.
fn plan_client(a: &mut App) -> i64 {
    press(a, KeyCode::Char('/'));
    type_str(a, "plan");
    press(a, KeyCode::Enter);
    press(a, KeyCode::Enter);
    a.file.as_ref().unwrap().client.id
}

#[test]
fn the_whole_trajectory_story_by_keys() {
    let mut a = app(demo_store(60), Lang::En);
    let id = plan_client(&mut a);
    let ep = a.store.latest_episode(id).unwrap().unwrap().id;

    // Assign a jobhunter, provider completed from earlier ones.
    press(&mut a, KeyCode::Char('t'));
    type_str(&mut a, "jobhunter");
    press(&mut a, KeyCode::Enter);
    assert_eq!(focused(&a), "provider");
    type_str(&mut a, "Jobh");
    press(&mut a, KeyCode::Right);
    assert_eq!(
        a.form.as_ref().unwrap().form.text("provider"),
        "Jobhunters Noord"
    );
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    assert_eq!(
        a.form.as_ref().unwrap().form.text("planned_end"),
        "23-02-2027",
        "typical 3 months"
    );
    insta::assert_snapshot!("assign", draw(&a).backend());
    save(&mut a);
    assert!(a.form.is_none(), "{:?}", a.status);
    // The client left the "plan" filter, but the file stays theirs.
    assert_eq!(a.file.as_ref().unwrap().client.id, id);
    assert_eq!(a.file.as_ref().unwrap().phase, Phase::Trajectory);
    let t = a
        .store
        .trajectories(ep)
        .unwrap()
        .into_iter()
        .find(|t| t.instrument == "jobhunter")
        .unwrap();
    assert_eq!(
        (t.status, t.provider.as_str()),
        (TrajectoryStatus::Referred, "Jobhunters Noord")
    );

    // Start it.
    press(&mut a, KeyCode::Char('T'));
    assert_eq!(focused(&a), "to", "the only running trajectory is chosen");
    type_str(&mut a, "start");
    press(&mut a, KeyCode::Enter);
    save(&mut a);
    assert!(a.form.is_none(), "{:?}", a.status);
    assert_eq!(
        a.store.trajectory(t.id).unwrap().unwrap().status,
        TrajectoryStatus::Started
    );

    // A phone note from the template: the follow-up in two weeks comes with it.
    press(&mut a, KeyCode::Char('c'));
    type_str(&mut a, "phone");
    press(&mut a, KeyCode::Enter);
    let form = &a.form.as_ref().unwrap().form;
    assert_eq!(form.choice("channel").as_deref(), Some("phone"));
    assert_eq!(form.text("agreement1_follow_up"), "07-12-2026");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    type_str(&mut a, "Twee vacatures besproken.");
    insta::assert_snapshot!("note", draw(&a).backend());
    save(&mut a);
    assert!(a.form.is_none(), "{:?}", a.status);
    let notes = a.store.notes(ep).unwrap();
    assert_eq!(notes[0].template.as_deref(), Some("phone"));
    assert!(notes[0].summary.contains("Twee vacatures besproken."));
    let agreement = a
        .store
        .agreements(ep)
        .unwrap()
        .into_iter()
        .find(|x| x.note_id == Some(notes[0].id))
        .unwrap();
    assert_eq!(agreement.follow_up, Some(date(2026, 12, 7)));
    assert!(
        a.file
            .as_ref()
            .unwrap()
            .open_items
            .iter()
            .any(|i| i.kind == ItemKind::Agreement && i.ref_id == agreement.id)
    );

    // Complete the trajectory with a result.
    press(&mut a, KeyCode::Char('T'));
    type_str(&mut a, "complet");
    press(&mut a, KeyCode::Enter);
    assert_eq!(focused(&a), "on");
    save(&mut a);
    assert!(a.form.is_some(), "a result is required");
    assert_eq!(focused(&a), "result");
    type_str(&mut a, "work");
    press(&mut a, KeyCode::Enter);
    save(&mut a);
    assert!(a.form.is_none(), "{:?}", a.status);
    let done = a.store.trajectory(t.id).unwrap().unwrap();
    assert_eq!(
        (done.status, done.result),
        (TrajectoryStatus::Completed, Some(TrajectoryResult::Work))
    );

    // The whole story in the timeline, newest first.
    let mut s = screen(&a);
    for _ in 0..80 {
        if s.contains("Jobhunter: Started") {
            break;
        }
        press(&mut a, KeyCode::Char('j'));
        s = screen(&a);
    }
    assert!(s.contains("Jobhunter: Completed"), "{s}");
    assert!(s.contains("Jobhunter: Started"), "{s}");
    press(&mut a, KeyCode::Char('f'));
    press(&mut a, KeyCode::Char('f'));
    let s = screen(&a);
    assert!(
        !s.contains("Phone contact"),
        "only status changes now:\n{s}"
    );
}

#[test]
fn a_review_records_progress_and_a_new_rung() {
    let mut a = app(demo_store(60), Lang::En);
    press(&mut a, KeyCode::Char('2'));
    let pos = a
        .agenda
        .visible
        .iter()
        .position(|&i| a.agenda.rows[i].item.kind == ItemKind::Review)
        .unwrap();
    for _ in 0..pos {
        press(&mut a, KeyCode::Char('j'));
    }
    let item = a.agenda.selected_row().unwrap().item.clone();
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.form.as_ref().unwrap().form.id.kind, "review");
    assert_eq!(
        focused(&a),
        "on",
        "the trajectory of the agenda item is chosen"
    );
    press(&mut a, KeyCode::Tab);
    type_str(&mut a, "Goede inzet, eerste gesprekken gevoerd.");
    press(&mut a, KeyCode::Tab);
    type_str(&mut a, "5");
    press(&mut a, KeyCode::Enter);
    save(&mut a);
    assert!(a.form.is_none(), "{:?}", a.status);
    let reviews = a.store.reviews(item.ref_id).unwrap();
    assert_eq!(
        reviews.last().unwrap().progress,
        "Goede inzet, eerste gesprekken gevoerd."
    );
    assert_eq!(
        a.store.latest_rung(item.client_id).unwrap().unwrap().0,
        Rung::PaidWorkWithSupport
    );
    let t = a.store.trajectory(item.ref_id).unwrap().unwrap();
    assert!(t.next_review.unwrap() > common::today());
    assert_eq!(
        a.screen,
        caseload::app::action::Screen::Agenda,
        "back to the agenda"
    );
    assert!(
        !a.agenda.rows.iter().any(|r| r.item.kind == ItemKind::Review
            && r.item.ref_id == item.ref_id
            && r.item.due == item.due)
    );
}

#[test]
fn a_wrong_cost_and_an_end_before_the_start_are_refused() {
    let mut a = app(demo_store(60), Lang::En);
    plan_client(&mut a);
    press(&mut a, KeyCode::Char('t'));
    type_str(&mut a, "work first");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    type_str(&mut a, "+1w");
    press(&mut a, KeyCode::Tab);
    press_mod(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_str(&mut a, "1-1-2026");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    type_str(&mut a, "veel geld");
    press(&mut a, KeyCode::Tab);
    let s = screen(&a);
    assert!(
        s.contains("The planned end cannot be before the start."),
        "{s}"
    );
    assert!(s.contains("Not an amount"), "{s}");
    let before = a.store.table_counts().unwrap();
    save(&mut a);
    assert!(a.form.is_some());
    assert_eq!(a.store.table_counts().unwrap(), before);
}
