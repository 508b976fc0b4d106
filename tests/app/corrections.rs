//! Corrections from the client file (`Enter` on an item): a trajectory's provider and dates
//! (extending a running one asks for the lock-in decision, kept as a review), an
//! assessment's rung and scores; each refused at the field when it breaks a rule, each one
//! change that `u` undoes.

use crate::common::{app, demo_store, press};
use crate::edges_support::{export, refused_at, retype, save, sound, status};
use caseload::app::App;
use caseload::app::screens::caseload::FileItem;
use caseload::app::workflows::FormKind;
use caseload::domain::codes::Code;
use caseload::domain::date::fmt_date;
use caseload::domain::model::Trajectory;
use caseload::domain::trajectory::is_running;
use caseload::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

/// Moves the file's cursor (the file open first) until `want` says yes; the item.
fn cursor_to(a: &mut App, want: impl Fn(&App, FileItem) -> bool) -> Option<FileItem> {
    for _ in 0..80 {
        press(a, KeyCode::Char(']'));
        if let Some(item) = a.state().caseload.item()
            && want(a, item)
        {
            return Some(item);
        }
    }
    None
}

/// The first client with a started trajectory that has a planned end, its file open with
/// the cursor on it.
fn on_a_running_trajectory(a: &mut App) -> Trajectory {
    for _ in 0..80 {
        let f = a.file().unwrap();
        if f.trajectories
            .iter()
            .any(|t| is_running(t.status) && t.planned_end.is_some() && t.start_date.is_some())
        {
            break;
        }
        press(a, KeyCode::Char('j'));
    }
    press(a, KeyCode::Enter);
    let item = cursor_to(a, |a, item| {
        matches!(item, FileItem::Trajectory(i)
            if a.file().is_some_and(|f| is_running(f.trajectories[i].status)
                && f.trajectories[i].planned_end.is_some()
                && f.trajectories[i].start_date.is_some()))
    });
    let Some(FileItem::Trajectory(i)) = item else {
        panic!("no running trajectory reached");
    };
    a.file().unwrap().trajectories[i].clone()
}

#[test]
fn a_trajectory_is_corrected_and_extending_it_asks_why_which_is_kept_as_a_review() {
    let mut a = app(demo_store(60), Lang::En);
    let t = on_a_running_trajectory(&mut a);
    let before = export(a.store());
    let reviews = a.store().reviews(t.id).unwrap().len();
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.form().map(|f| f.0), Some(FormKind::TrajectoryEdit));
    assert_eq!(a.field("provider"), Some(t.provider.clone()));
    // Why is asked only once the planned end moves later.
    assert_eq!(a.field_shown("why_extend"), Some(false));
    retype(&mut a, "provider", "Werkfit Kennemerland");
    let was = t.planned_end.unwrap();
    let later = was + chrono::Months::new(3);
    retype(&mut a, "planned_end", &fmt_date(later));
    assert_eq!(a.field_shown("why_extend"), Some(true));
    refused_at(
        &mut a,
        "why_extend",
        "Say why the planned end moves later: this is the lock-in decision.",
    );
    assert_eq!(export(a.store()), before, "nothing written");
    a.fill("why_extend", "Concrete job in sight at the bakery");
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    assert_eq!(
        status(&a),
        format!(
            "{} corrected.",
            a.file()
                .unwrap()
                .trajectories
                .iter()
                .find(|x| x.id == t.id)
                .map(|x| caseload::domain::trajectory::instrument_label(
                    x,
                    &caseload::assets::Assets::builtin().catalog,
                    Lang::En
                ))
                .unwrap()
        )
    );
    let now = a.store().trajectory(t.id).unwrap().unwrap();
    assert_eq!(now.provider, "Werkfit Kennemerland");
    assert_eq!(now.planned_end, Some(later));
    assert_eq!(now.status, t.status);
    let list = a.store().reviews(t.id).unwrap();
    assert_eq!(list.len(), reviews + 1);
    let decision = list.iter().find(|r| r.progress.contains("bakery")).unwrap();
    assert_eq!(
        decision.progress,
        format!(
            "Planned end moved from {} to {}: Concrete job in sight at the bakery",
            fmt_date(was),
            fmt_date(later)
        )
    );
    sound(a.store());
    // One change: u takes it all back.
    press(&mut a, KeyCode::Char('u'));
    press(&mut a, KeyCode::Enter);
    assert_eq!(export(a.store()), before);
}

#[test]
fn a_trajectory_correction_that_breaks_the_order_of_its_dates_is_refused_at_the_field() {
    let mut a = app(demo_store(60), Lang::En);
    let t = on_a_running_trajectory(&mut a);
    let before = export(a.store());
    press(&mut a, KeyCode::Enter);
    let began = t.start_date.unwrap_or(t.referred_on);
    retype(
        &mut a,
        "planned_end",
        &fmt_date(began - chrono::Days::new(1)),
    );
    refused_at(
        &mut a,
        "planned_end",
        "The planned end cannot be before the start.",
    );
    let start = t
        .start_date
        .expect("the first running trajectory has started");
    retype(&mut a, "planned_end", &fmt_date(t.planned_end.unwrap()));
    retype(
        &mut a,
        "referred_on",
        &fmt_date(start + chrono::Days::new(1)),
    );
    refused_at(
        &mut a,
        "start_date",
        "The start cannot be before the referral.",
    );
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Enter);
    assert_eq!(export(a.store()), before);
}

#[test]
fn moving_a_started_trajectorys_dates_moves_its_status_events_and_check_stays_clean() {
    let mut a = app(demo_store(60), Lang::Nl);
    let t = on_a_running_trajectory(&mut a);
    let start = t
        .start_date
        .expect("the first running trajectory has started");
    press(&mut a, KeyCode::Enter);
    let (referred, started) = (
        t.referred_on - chrono::Days::new(7),
        start - chrono::Days::new(3),
    );
    retype(&mut a, "referred_on", &fmt_date(referred));
    retype(&mut a, "start_date", &fmt_date(started));
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    let events = a.store().trajectory_events(t.id).unwrap();
    let on = |s: &str| {
        events
            .iter()
            .find(|e| e.status.code() == s)
            .map(|e| e.on_date)
    };
    assert_eq!(on("referred"), Some(referred));
    assert_eq!(on("started"), Some(started));
    sound(a.store());
}

#[test]
fn an_assessment_of_the_timeline_is_corrected_and_undone() {
    let mut a = app(demo_store(20), Lang::En);
    press(&mut a, KeyCode::Enter);
    let item = cursor_to(&mut a, |_, item| matches!(item, FileItem::Assessment(_)));
    let Some(FileItem::Assessment(i)) = item else {
        panic!("no assessment in the timeline");
    };
    let id = a.file().unwrap().timeline[i].record_id();
    let saved = a.store().assessment(id).unwrap().unwrap();
    let before = export(a.store());
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.form().map(|f| f.0), Some(FormKind::AssessmentEdit));
    assert_eq!(
        a.field("rung"),
        Some(
            saved
                .rung
                .map(|r| r.number().to_string())
                .unwrap_or_default()
        )
    );
    let rung = if saved.rung.map(|r| r.number()) == Some(3) {
        "4"
    } else {
        "3"
    };
    crate::edges_support::choose(&mut a, "rung", rung);
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    assert_eq!(
        status(&a),
        "Assessment corrected; the history keeps what it was."
    );
    let now = a.store().assessment(id).unwrap().unwrap();
    assert_eq!(
        now.rung.map(|r| r.number().to_string()).as_deref(),
        Some(rung)
    );
    assert_eq!(now.scores, saved.scores);
    assert_eq!(now.assessed_on, saved.assessed_on);
    sound(a.store());
    press(&mut a, KeyCode::Char('u'));
    press(&mut a, KeyCode::Enter);
    assert_eq!(export(a.store()), before);
}

/// The first client with a reached aftercare contact whose plan records answers, its file
/// open with the cursor on that contact; the contact.
fn on_a_held_contact(a: &mut App) -> caseload::domain::model::AftercareContact {
    use caseload::domain::codes::ContactStatus;
    let held = |f: &caseload::store::caseload::ClientFile| {
        let ac = f.aftercare.as_ref()?;
        let plan = ac.plan.as_ref()?;
        if !plan.consent {
            return None;
        }
        ac.contacts
            .iter()
            .position(|c| c.status == ContactStatus::Done)
    };
    for _ in 0..200 {
        if held(a.file().unwrap()).is_some() {
            break;
        }
        press(a, KeyCode::Char('j'));
    }
    let i = held(a.file().unwrap()).expect("a client with a reached contact");
    press(a, KeyCode::Enter);
    let item = cursor_to(a, |_, item| item == FileItem::Contact(i));
    assert_eq!(item, Some(FileItem::Contact(i)));
    a.file().unwrap().aftercare.as_ref().unwrap().contacts[i].clone()
}

#[test]
fn a_held_check_in_has_its_answers_corrected_and_its_outcome_only_where_the_log_knows_it() {
    let mut a = app(demo_store(120), Lang::En);
    let c = on_a_held_contact(&mut a);
    let before = export(a.store());
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.form().map(|f| f.0), Some(FormKind::CheckInEdit));
    assert_eq!(a.field("how_is_work"), Some(c.how_is_work.clone()));
    assert_eq!(a.field_shown("next_contact"), Some(false));
    // Recorded outside the app (the demo): its outcome cannot be recorded anew.
    crate::edges_support::focus_on(&mut a, "reached");
    press(&mut a, KeyCode::Char('n'));
    assert!(
        a.field_note("reached")
            .unwrap()
            .starts_with("Recorded anew")
    );
    save(&mut a);
    assert!(a.form().is_some());
    assert!(
        status(&a).contains("this check-in was recorded before changes were kept"),
        "{}",
        status(&a)
    );
    assert_eq!(export(a.store()), before);
    press(&mut a, KeyCode::Char('y'));
    a.fill("how_is_work", " More hours from January.");
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    assert_eq!(
        status(&a),
        "Check-in corrected; the history keeps what it was."
    );
    let now = a.store().contact(c.id).unwrap().unwrap();
    assert_eq!(
        now.how_is_work,
        format!("{} More hours from January.", c.how_is_work)
    );
    assert_eq!((now.status, now.done_on), (c.status, c.done_on));
    sound(a.store());
    press(&mut a, KeyCode::Char('u'));
    press(&mut a, KeyCode::Enter);
    assert_eq!(export(a.store()), before);
}

#[test]
fn enter_on_an_exit_in_the_timeline_corrects_it_and_d_withdraws_it() {
    let mut a = app(demo_store(60), Lang::En);
    // A client whose latest period ended, without a paid instalment or a held contact.
    for _ in 0..60 {
        let f = a.file().unwrap();
        if f.episodes.last().is_some_and(|e| e.exit_date.is_some()) {
            break;
        }
        press(&mut a, KeyCode::Char('j'));
    }
    let episode = a.file().unwrap().episodes.last().unwrap().id;
    press(&mut a, KeyCode::Enter);
    let item = cursor_to(&mut a, |a, item| {
        matches!(item, FileItem::Exit(i)
            if a.file().unwrap().timeline[i].episode_id == episode)
    });
    assert!(matches!(item, Some(FileItem::Exit(_))), "{item:?}");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.form().map(|f| f.0), Some(FormKind::ExitEdit));
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('d'));
    // The demo's exits have held check-ins: withdrawing is refused with how to correct.
    assert!(a.form().is_none());
    assert_eq!(
        a.status(),
        Some(
            "Check-ins were held after this exit: it was not recorded in error. Correct it with x instead."
        )
    );
}

#[test]
fn a_check_in_recorded_not_reached_in_error_is_recorded_anew_as_reached_and_its_retry_goes() {
    use caseload::domain::codes::ContactStatus;
    let mut a = app(demo_store(120), Lang::En);
    // A client in aftercare with consent and a planned contact.
    let planned = |f: &caseload::store::caseload::ClientFile| {
        let ac = f.aftercare.as_ref()?;
        ac.plan.as_ref().filter(|p| p.consent)?;
        ac.contacts
            .iter()
            .position(|c| c.status == ContactStatus::Planned)
    };
    for _ in 0..200 {
        if planned(a.file().unwrap()).is_some() {
            break;
        }
        press(&mut a, KeyCode::Char('j'));
    }
    let i = planned(a.file().unwrap()).expect("a client with a planned contact");
    press(&mut a, KeyCode::Enter);
    assert_eq!(
        cursor_to(&mut a, |_, item| item == FileItem::Contact(i)),
        Some(FileItem::Contact(i))
    );
    let contact = a.file().unwrap().aftercare.as_ref().unwrap().contacts[i].clone();
    let before = export(a.store());
    // Recorded as not reached: a new try is planned.
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.form().map(|f| f.0), Some(FormKind::CheckIn));
    crate::edges_support::focus_on(&mut a, "reached");
    press(&mut a, KeyCode::Char('n'));
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    let tries = |a: &App| {
        let plan = a.store().contact(contact.id).unwrap().unwrap().plan_id;
        a.store()
            .contacts(plan)
            .unwrap()
            .into_iter()
            .filter(|c| c.attempt > contact.attempt && c.status == ContactStatus::Planned)
            .count()
    };
    assert_eq!(tries(&a), 1);
    let not_reached = export(a.store());
    // Corrected: it was reached after all.
    let j = a
        .file()
        .unwrap()
        .aftercare
        .as_ref()
        .unwrap()
        .contacts
        .iter()
        .position(|c| c.id == contact.id)
        .unwrap();
    press(&mut a, KeyCode::Char('['));
    assert_eq!(
        cursor_to(&mut a, |_, item| item == FileItem::Contact(j)),
        Some(FileItem::Contact(j))
    );
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.form().map(|f| f.0), Some(FormKind::CheckInEdit));
    crate::edges_support::focus_on(&mut a, "reached");
    press(&mut a, KeyCode::Char('y'));
    a.fill("how_is_work", "Goed, vast contract in zicht.");
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    let now = a.store().contact(contact.id).unwrap().unwrap();
    assert_eq!(now.status, ContactStatus::Done);
    assert_eq!(now.how_is_work, "Goed, vast contract in zicht.");
    assert_eq!(tries(&a), 0, "the new try is gone");
    sound(a.store());
    // One change each: undone, not reached again; undone again, as it was.
    press(&mut a, KeyCode::Char('u'));
    press(&mut a, KeyCode::Enter);
    assert_eq!(export(a.store()), not_reached);
    press(&mut a, KeyCode::Char('u'));
    press(&mut a, KeyCode::Enter);
    assert_eq!(export(a.store()), before);
}

#[test]
fn the_cursor_stays_on_its_record_when_a_save_adds_items_before_it() {
    use caseload::domain::codes::{ContactStatus, PlanStatus};
    let mut a = app(demo_store(120), Lang::En);
    let ok = |f: &caseload::store::caseload::ClientFile| {
        f.aftercare.as_ref().is_some_and(|ac| {
            ac.plan
                .as_ref()
                .is_some_and(|p| p.status == PlanStatus::Active)
                && ac
                    .contacts
                    .iter()
                    .any(|c| c.status == ContactStatus::Planned)
        }) && !f.timeline.is_empty()
    };
    for _ in 0..200 {
        if ok(a.file().unwrap()) {
            break;
        }
        press(&mut a, KeyCode::Char('j'));
    }
    assert!(ok(a.file().unwrap()));
    press(&mut a, KeyCode::Enter);
    let target = cursor_to(&mut a, |_, item| item.in_timeline()).expect("a timeline item");
    let record = |a: &App, item: FileItem| match item {
        FileItem::Note(i) | FileItem::Assessment(i) | FileItem::Exit(i) => {
            Some(a.file().unwrap().timeline[i].record_id())
        }
        _ => None,
    };
    let before = record(&a, target);
    // A check-in not reached adds a new try to the aftercare section, above the timeline.
    press(&mut a, KeyCode::Char('a'));
    assert_eq!(a.form().map(|f| f.0), Some(FormKind::CheckIn));
    crate::edges_support::focus_on(&mut a, "reached");
    press(&mut a, KeyCode::Char('n'));
    save(&mut a);
    assert!(a.form().is_none(), "{}", status(&a));
    let now = a.state().caseload.item().unwrap();
    assert_eq!(record(&a, now), before, "the cursor moved to {now:?}");
}
