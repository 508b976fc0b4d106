//! Issue 4 as a caseworker does it, by keys: assign a jobhunter, start it, write a phone
//! note from a template with a follow-up in two weeks, complete it with a result, read the
//! timeline.

use crate::common;

use caseload::app::App;
use caseload::app::workflows::FormKind;
use caseload::assets::Assets;
use caseload::domain::Phase;
use caseload::domain::agenda::ItemKind;
use caseload::domain::codes::*;
use caseload::i18n::Lang;
use caseload::store::Store;
use common::{agenda_to, app, date, demo_store, draw, press, press_mod, screen, type_str};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn save(a: &mut App) {
    press_mod(a, KeyCode::Char('s'), KeyModifiers::CONTROL);
}

fn focused(a: &App) -> String {
    a.focused_field().unwrap().to_owned()
}

/// Opens the first client in phase plan, filtering the list as a caseworker would.
fn plan_client(a: &mut App) -> i64 {
    press(a, KeyCode::Char('/'));
    type_str(a, "plan");
    press(a, KeyCode::Enter);
    press(a, KeyCode::Enter);
    a.file().unwrap().client.id
}

/// Opens a client's file, filtering the list by their name.
fn open_client(a: &mut App, id: i64) {
    let row = a.list().into_iter().find(|r| r.client_id == id).cloned();
    press(a, KeyCode::Char('/'));
    type_str(a, &row.unwrap().name);
    press(a, KeyCode::Enter);
    press(a, KeyCode::Enter);
    assert_eq!(a.file().unwrap().client.id, id);
}

#[test]
fn the_whole_trajectory_story_by_keys() {
    let mut a = app(demo_store(60), Lang::En);
    let id = plan_client(&mut a);
    let ep = a.store().latest_episode(id).unwrap().unwrap().id;

    // Assign a jobhunter, provider completed from earlier ones.
    press(&mut a, KeyCode::Char('t'));
    type_str(&mut a, "jobhunter");
    press(&mut a, KeyCode::Enter);
    assert_eq!(focused(&a), "provider");
    type_str(&mut a, "Jobh");
    press(&mut a, KeyCode::Right);
    assert_eq!(a.field("provider").unwrap(), "Jobhunters Noord");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    assert_eq!(
        a.field("planned_end").unwrap(),
        "23-02-2027",
        "typical 3 months"
    );
    insta::assert_snapshot!("assign", draw(&a).backend());
    save(&mut a);
    assert!(a.form().is_none(), "{:?}", a.status());
    // The client left the "plan" filter, but the file stays theirs.
    assert_eq!(a.file().unwrap().client.id, id);
    assert_eq!(a.file().unwrap().phase, Phase::Trajectory);
    let t = a
        .store()
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
    assert!(a.form().is_none(), "{:?}", a.status());
    assert_eq!(
        a.store().trajectory(t.id).unwrap().unwrap().status,
        TrajectoryStatus::Started
    );

    // A phone note from the template: the follow-up in two weeks comes with it.
    press(&mut a, KeyCode::Char('c'));
    type_str(&mut a, "phone");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.field("channel").as_deref(), Some("phone"));
    assert_eq!(a.field("agreement1_follow_up").unwrap(), "07-12-2026");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    assert_eq!(focused(&a), "summary");
    type_str(&mut a, "Twee vacatures besproken.");
    insta::assert_snapshot!("note", draw(&a).backend());
    save(&mut a);
    assert!(a.form().is_none(), "{:?}", a.status());
    let notes = a.store().notes(ep).unwrap();
    assert_eq!(notes[0].template.as_deref(), Some("phone"));
    assert!(notes[0].summary.contains("Twee vacatures besproken."));
    let agreement = a
        .store()
        .agreements(ep)
        .unwrap()
        .into_iter()
        .find(|x| x.note_id == Some(notes[0].id))
        .unwrap();
    assert_eq!(agreement.follow_up, Some(date(2026, 12, 7)));
    assert!(
        a.file()
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
    assert!(a.form().is_some(), "a result is required");
    assert_eq!(focused(&a), "result");
    type_str(&mut a, "work");
    press(&mut a, KeyCode::Enter);
    save(&mut a);
    assert!(a.form().is_none(), "{:?}", a.status());
    let done = a.store().trajectory(t.id).unwrap().unwrap();
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
    let item = agenda_to(&mut a, |i| i.kind == ItemKind::Review);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.form().unwrap().0, FormKind::Review);
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
    assert!(a.form().is_none(), "{:?}", a.status());
    let reviews = a.store().reviews(item.ref_id).unwrap();
    assert_eq!(
        reviews.last().unwrap().progress,
        "Goede inzet, eerste gesprekken gevoerd."
    );
    assert_eq!(
        a.store().latest_rung(item.client_id).unwrap().unwrap().0,
        Rung::PaidWorkWithSupport
    );
    let t = a.store().trajectory(item.ref_id).unwrap().unwrap();
    assert!(t.next_review.unwrap() > common::today());
    assert_eq!(
        a.screen(),
        caseload::app::action::Screen::Agenda,
        "back to the agenda"
    );
    assert!(
        !a.agenda_items()
            .iter()
            .any(|r| r.item.kind == ItemKind::Review
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
    let before = a.store().table_counts().unwrap();
    save(&mut a);
    assert!(a.form().is_some());
    assert_eq!(a.store().table_counts().unwrap(), before);
}

#[test]
fn a_cost_above_the_maximum_is_refused_at_its_field() {
    let mut a = app(demo_store(60), Lang::En);
    plan_client(&mut a);
    press(&mut a, KeyCode::Char('t'));
    type_str(&mut a, "work first");
    press(&mut a, KeyCode::Enter);
    for _ in 0..5 {
        press(&mut a, KeyCode::Tab);
    }
    assert_eq!(focused(&a), "cost");
    type_str(&mut a, "500.000,01");
    press(&mut a, KeyCode::Tab);
    assert!(
        shown_errors(&a).contains(&"cost: The cost is at most €500,000.00.".to_owned()),
        "{:?}",
        shown_errors(&a)
    );
    let before = a.store().table_counts().unwrap();
    save(&mut a);
    assert!(a.form().is_some());
    assert_eq!(a.store().table_counts().unwrap(), before);
    // The maximum itself is a cost (the refused save put the cursor on the field).
    assert_eq!(focused(&a), "cost");
    press_mod(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_str(&mut a, "500.000");
    press(&mut a, KeyCode::Tab);
    assert!(shown_errors(&a).is_empty(), "{:?}", shown_errors(&a));
}

/// The screen of an app as text, wide enough that no line of the file pane wraps.
fn wide_screen(a: &mut App) -> String {
    common::resize(a, 180, 50);
    let s = screen(a);
    common::resize(a, 100, 30);
    s
}

/// A file with 60 demo clients, for apps that come and go on it.
fn demo_file(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("caseload.db");
    let mut store = Store::open(&path).unwrap();
    caseload::demo::generate(&mut store, 60, 7, common::today()).unwrap();
    path
}

#[test]
fn instrument_names_follow_the_interface_language() {
    let mut a = app(demo_store(60), Lang::En);
    let catalog = Assets::builtin().catalog;
    // A review of an instrument whose names differ; the demo assigned it in Dutch.
    let item = agenda_to(&mut a, |item| {
        item.kind == ItemKind::Review
            && item
                .instrument
                .as_deref()
                .and_then(|k| catalog.get(k))
                .is_some_and(|i| i.name_nl != i.name_en)
    });
    let inst = catalog.get(item.instrument.as_deref().unwrap()).unwrap();
    assert_eq!(item.detail, inst.name_nl, "stored as assigned");
    let s = wide_screen(&mut a);
    assert!(
        s.contains(&inst.name_en) && !s.contains(&inst.name_nl),
        "{s}"
    );
    // The review form's choice and the client file: the list's next action, the file's
    // open items and its trajectories.
    press(&mut a, KeyCode::Enter);
    let s = wide_screen(&mut a);
    assert!(
        s.contains(&inst.name_en) && !s.contains(&inst.name_nl),
        "{s}"
    );
    press(&mut a, KeyCode::Esc);
    assert!(a.form().is_none());
    press(&mut a, KeyCode::Char('1'));
    let s = wide_screen(&mut a);
    assert!(s.contains(&format!("Review: {}", inst.name_en)), "{s}");
    assert!(!s.contains(&inst.name_nl), "{s}");

    // Assigned under English, read in Dutch (by the next app on the file).
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut a = app(Store::open(&path).unwrap(), Lang::En);
    let id = plan_client(&mut a);
    press(&mut a, KeyCode::Char('t'));
    type_str(&mut a, "vocational");
    press(&mut a, KeyCode::Enter);
    save(&mut a);
    assert!(a.form().is_none(), "{:?}", a.status());
    let ep = a.store().latest_episode(id).unwrap().unwrap().id;
    let t = a.store().trajectories(ep).unwrap();
    let t = t.iter().find(|t| t.instrument == "education").unwrap();
    assert_eq!(t.instrument_name, "Vocational course");
    drop(a);
    let mut a = app(Store::open(&path).unwrap(), Lang::Nl);
    open_client(&mut a, id);
    let s = wide_screen(&mut a);
    assert!(s.contains("Evaluatie: Scholing / opleiding"), "{s}");
    assert!(s.contains("Scholing / opleiding · Aangemeld"), "{s}");
    assert!(!s.contains("Vocational course"), "{s}");
    // A catalogue without the instrument: the name stored with the trajectory.
    drop(a);
    let mut assets = Assets::builtin();
    assets.catalog.instruments.retain(|i| i.key != "education");
    let mut a = App::with_assets(
        Store::open(&path).unwrap(),
        assets,
        Lang::Nl,
        common::today(),
        (100, 30),
    );
    open_client(&mut a, id);
    let s = wide_screen(&mut a);
    assert!(s.contains("Evaluatie: Vocational course"), "{s}");
}

/// The messages under the fields of the open form.
fn shown_errors(a: &App) -> Vec<String> {
    assert!(a.form().is_some());
    a.field_errors()
        .into_iter()
        .map(|(key, e)| format!("{key}: {e}"))
        .collect()
}

#[test]
fn the_review_form_opens_without_a_false_error() {
    // From the agenda.
    let mut a = app(demo_store(60), Lang::En);
    agenda_to(&mut a, |i| i.kind == ItemKind::Review);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.form().unwrap().0, FormKind::Review);
    assert!(!a.field("next_review").unwrap().is_empty());
    assert_eq!(shown_errors(&a), Vec::<String>::new());
    assert!(!screen(&a).contains("Required"), "{}", screen(&a));
    press(&mut a, KeyCode::Esc);

    // From the client file with `v`, on a trajectory reviewed every month: the hint says so
    // in the singular, in both languages.
    for (lang, every) in [(Lang::En, "every month"), (Lang::Nl, "elke maand")] {
        let mut a = app(demo_store(60), lang);
        let client = a
            .store()
            .caseload(common::today())
            .unwrap()
            .into_iter()
            .find(|r| {
                let ep = a.store().latest_episode(r.client_id).unwrap().unwrap();
                let running: Vec<_> = a
                    .store()
                    .trajectories(ep.id)
                    .unwrap()
                    .into_iter()
                    .filter(|t| t.ended_on.is_none() && ep.exit_date.is_none())
                    .collect();
                running.len() == 1 && running[0].review_interval_months == 1
            })
            .unwrap();
        press(&mut a, KeyCode::Char('/'));
        type_str(&mut a, &client.name);
        press(&mut a, KeyCode::Enter);
        press(&mut a, KeyCode::Enter);
        assert_eq!(a.file().unwrap().client.id, client.client_id);
        press(&mut a, KeyCode::Char('v'));
        assert_eq!(a.form().unwrap().0, FormKind::Review);
        assert_eq!(shown_errors(&a), Vec::<String>::new());
        let s = screen(&a);
        assert!(s.contains(every), "{s}");
        insta::assert_snapshot!(format!("review_opened_{lang:?}"), draw(&a).backend());
    }
}
