//! The client file's cursor: `]` and `[` move it over goals, agreements and trajectories, the
//! file scrolls with it, `Space` marks a goal or agreement done (today) or open again, and
//! `Enter` opens the item's form (the plan on an agreement, a running trajectory's next step).

use crate::common::{app, demo_store, draw, press, screen, today};
use caseload::app::App;
use caseload::app::screens::caseload::FileItem;
use caseload::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

/// Moves the list down to the first client whose plan has a goal and an open agreement,
/// and gives the file the keys.
fn client_with_a_plan(a: &mut App) {
    for _ in 0..60 {
        let f = a.file().unwrap();
        if !f.goals.is_empty() && f.agreements.iter().any(|x| x.done_on.is_none()) {
            press(a, KeyCode::Enter);
            assert!(a.file_has_focus());
            return;
        }
        press(a, KeyCode::Char('j'));
    }
    panic!("no client with a plan in the demo caseload");
}

fn item(a: &App) -> Option<FileItem> {
    a.state().caseload.item()
}

#[test]
fn one_agreement_is_marked_done_with_the_cursor_and_space_and_open_again() {
    let mut a = app(demo_store(60), Lang::En);
    client_with_a_plan(&mut a);
    let file = a.file().unwrap().clone();
    let open = file
        .agreements
        .iter()
        .position(|x| x.done_on.is_none())
        .unwrap();
    // The first `]` lands on the first goal; each next one moves an item on.
    press(&mut a, KeyCode::Char(']'));
    assert_eq!(item(&a), Some(FileItem::Goal(0)));
    while item(&a) != Some(FileItem::Agreement(open)) {
        press(&mut a, KeyCode::Char(']'));
    }
    press(&mut a, KeyCode::Char(' '));
    let id = file.agreements[open].id;
    let stored = |a: &App| {
        let f = a.store().client_file(file.client.id).unwrap().unwrap();
        f.agreements.iter().find(|x| x.id == id).unwrap().done_on
    };
    assert_eq!(stored(&a), Some(today()));
    assert_eq!(a.status(), Some("Agreement marked done today."));
    // The file shows it ticked, and the cursor stayed on it.
    assert_eq!(item(&a), Some(FileItem::Agreement(open)));
    let text = &file.agreements[open].text;
    let s = screen(&a);
    let line = s.lines().find(|l| l.contains('▸')).unwrap();
    assert!(line.contains(&format!("▸ [x] {text}")), "{s}");
    press(&mut a, KeyCode::Char(' '));
    assert_eq!(stored(&a), None);
    assert_eq!(a.status(), Some("Agreement open again."));
    // `[` goes back to the goals, and stops at the first.
    for _ in 0..20 {
        press(&mut a, KeyCode::Char('['));
    }
    assert_eq!(item(&a), Some(FileItem::Goal(0)));
}

#[test]
fn a_goal_is_marked_achieved_and_open_again() {
    let mut a = app(demo_store(60), Lang::Nl);
    client_with_a_plan(&mut a);
    let goal = a.file().unwrap().goals[0].clone();
    press(&mut a, KeyCode::Char(']'));
    press(&mut a, KeyCode::Char(' '));
    let done = |a: &App| a.file().unwrap().goals[0].done_on;
    let want = if goal.done_on.is_some() {
        None
    } else {
        Some(today())
    };
    assert_eq!(done(&a), want);
    press(&mut a, KeyCode::Char(' '));
    assert_eq!(done(&a), want.map_or(Some(today()), |_| None));
}

#[test]
fn space_without_a_cursor_says_how_and_changes_nothing() {
    let mut a = app(demo_store(60), Lang::En);
    client_with_a_plan(&mut a);
    let before = a.store().dump().unwrap();
    press(&mut a, KeyCode::Char(' '));
    assert_eq!(
        a.status(),
        Some("Move to a goal or agreement with ] first.")
    );
    assert_eq!(a.store().dump().unwrap(), before);
}

#[test]
fn the_file_scrolls_with_the_cursor() {
    let mut a = app(demo_store(60), Lang::En);
    client_with_a_plan(&mut a);
    // A pane so low that the plan lies below it.
    caseload::app::App::dispatch(&mut a, caseload::app::action::Action::Resize(100, 14));
    assert_eq!(a.file_scroll(), 0);
    let n = a.file().unwrap().goals.len() + a.file().unwrap().agreements.len();
    for _ in 0..n {
        press(&mut a, KeyCode::Char(']'));
    }
    assert!(a.file_scroll() > 0);
    let s = screen(&a);
    assert!(
        s.contains('▸'),
        "the item under the cursor is on screen:\n{s}"
    );
    // And back up to the first goal.
    for _ in 0..n {
        press(&mut a, KeyCode::Char('['));
    }
    assert!(screen(&a).contains('▸'));
}

#[test]
fn enter_on_an_agreement_opens_the_plan_on_it() {
    let mut a = app(demo_store(60), Lang::En);
    client_with_a_plan(&mut a);
    let goals = a.file().unwrap().goals.len();
    for _ in 0..=goals {
        press(&mut a, KeyCode::Char(']'));
    }
    assert_eq!(item(&a), Some(FileItem::Agreement(0)));
    let text = a.file().unwrap().agreements[0].text.clone();
    press(&mut a, KeyCode::Enter);
    let focused = a.focused_field().unwrap().to_owned();
    assert_eq!(a.field(&focused).unwrap(), text);
}

#[test]
fn the_cursor_in_the_file_snapshot() {
    let mut a = app(demo_store(60), Lang::En);
    client_with_a_plan(&mut a);
    press(&mut a, KeyCode::Char(']'));
    press(&mut a, KeyCode::Char(']'));
    insta::assert_snapshot!(draw(&a).backend());
}

#[test]
fn on_a_running_trajectory_enter_corrects_it_t_moves_it_on_and_space_says_what_it_does() {
    let mut a = app(demo_store(60), Lang::En);
    // A client with a running trajectory.
    for _ in 0..60 {
        let f = a.file().unwrap();
        if f.trajectories
            .iter()
            .any(|t| caseload::domain::trajectory::is_running(t.status))
        {
            break;
        }
        press(&mut a, KeyCode::Char('j'));
    }
    press(&mut a, KeyCode::Enter);
    let file = a.file().unwrap().clone();
    let running = |i: usize| caseload::domain::trajectory::is_running(file.trajectories[i].status);
    for _ in 0..40 {
        press(&mut a, KeyCode::Char(']'));
        if matches!(item(&a), Some(FileItem::Trajectory(i)) if running(i)) {
            break;
        }
    }
    let Some(FileItem::Trajectory(i)) = item(&a) else {
        panic!("no running trajectory reached: {:?}", item(&a));
    };
    let before = a.store().dump().unwrap();
    press(&mut a, KeyCode::Char(' '));
    assert!(
        a.status()
            .unwrap()
            .starts_with("Only a goal or an agreement")
    );
    assert_eq!(a.store().dump().unwrap(), before);
    // Enter corrects it; T moves it on.
    press(&mut a, KeyCode::Enter);
    assert_eq!(
        a.form().map(|f| f.0),
        Some(caseload::app::workflows::FormKind::TrajectoryEdit)
    );
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('T'));
    assert_eq!(
        a.form().map(|f| f.0),
        Some(caseload::app::workflows::FormKind::TrajectoryStatus)
    );
    // The choice holds the trajectory's id: the one under the cursor.
    assert_eq!(
        a.field("trajectory"),
        Some(file.trajectories[i].id.to_string())
    );
}
