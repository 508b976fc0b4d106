//! Voiding a trajectory or a note entered in error (`d` on it in the client file, with a
//! reason): it counts nowhere in the report, leaves the file and the export, the history
//! keeps it with the reason, and `u` brings it back.

use crate::common::{app, demo_store, press, press_mod, screen, today};
use crate::edges_support::retype;
use caseload::app::App;
use caseload::app::screens::caseload::FileItem;
use caseload::app::workflows::FormKind;
use caseload::assets::Assets;
use caseload::commands::report::{Format, run};
use caseload::domain::report_period::Period;
use caseload::i18n::Lang;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// How many trajectories of an instrument the report counts as assigned (all time).
fn assigned(a: &App, instrument: &str) -> u64 {
    let period = Period {
        from: chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
        to: today(),
    };
    let json = run(
        a.store(),
        &Assets::builtin(),
        Lang::En,
        period,
        today(),
        Format::Json,
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["tables"]["trajectories"]["rows"][instrument]["assigned"]
        .as_u64()
        .unwrap_or(0)
}

/// The first client in the list with a trajectory, its file open with the cursor on it.
fn on_a_trajectory(a: &mut App) -> caseload::domain::model::Trajectory {
    for _ in 0..60 {
        let f = a.file().unwrap();
        if !f.trajectories.is_empty() && f.episodes.last().is_some_and(|e| e.exit_date.is_none()) {
            break;
        }
        press(a, KeyCode::Char('j'));
    }
    press(a, KeyCode::Enter);
    for _ in 0..40 {
        press(a, KeyCode::Char(']'));
        if let Some(FileItem::Trajectory(i)) = a.state().caseload.item() {
            return a.file().unwrap().trajectories[i].clone();
        }
    }
    panic!("no trajectory reached");
}

#[test]
fn a_trajectory_entered_in_error_is_voided_with_a_reason_counts_nowhere_and_comes_back_with_u() {
    let mut a = app(demo_store(60), Lang::En);
    let t = on_a_trajectory(&mut a);
    let before = assigned(&a, &t.instrument);
    assert!(before > 0);
    press(&mut a, KeyCode::Char('d'));
    assert_eq!(a.form().map(|f| f.0), Some(FormKind::VoidTrajectory));
    // A reason is required.
    press_mod(&mut a, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(a.form().is_some());
    a.fill("reason", "Verkeerd instrument gekozen");
    press_mod(&mut a, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(a.form().is_none(), "{:?}", a.status());
    assert!(a.store().trajectory(t.id).unwrap().is_none());
    assert_eq!(assigned(&a, &t.instrument), before - 1);
    assert!(a.file().unwrap().trajectories.iter().all(|x| x.id != t.id));
    // The history keeps it, with the reason.
    press(&mut a, KeyCode::Char('h'));
    let s = screen(&a);
    assert!(s.contains("trajectory removed"), "{s}");
    assert!(s.contains("reason: Verkeerd instrument gekozen"), "{s}");
    press(&mut a, KeyCode::Esc);
    // Undone, it is back as it was, and counts again.
    press(&mut a, KeyCode::Char('u'));
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.store().trajectory(t.id).unwrap(), Some(t.clone()));
    assert_eq!(assigned(&a, &t.instrument), before);
}

#[test]
fn d_elsewhere_than_on_a_trajectory_or_a_note_says_how() {
    let mut a = app(demo_store(20), Lang::En);
    press(&mut a, KeyCode::Enter);
    let before = a.store().dump().unwrap();
    press(&mut a, KeyCode::Char('d'));
    assert!(a.form().is_none());
    assert_eq!(
        a.status(),
        Some(
            "Move to a trajectory, a contact note or an exit with ] first: d voids or withdraws one entered in error."
        )
    );
    assert_eq!(a.store().dump().unwrap(), before);
}

#[test]
fn a_contact_note_entered_in_error_is_voided_with_a_reason_and_comes_back_with_u() {
    let mut a = app(demo_store(20), Lang::En);
    press(&mut a, KeyCode::Enter);
    for _ in 0..80 {
        press(&mut a, KeyCode::Char(']'));
        if matches!(a.state().caseload.item(), Some(FileItem::Note(_))) {
            break;
        }
    }
    let Some(FileItem::Note(i)) = a.state().caseload.item() else {
        panic!("no note reached");
    };
    let id = a.file().unwrap().timeline[i].record_id();
    let before = a.store().note_with_agreements(id).unwrap();
    assert!(before.is_some());
    press(&mut a, KeyCode::Char('d'));
    assert_eq!(a.form().map(|f| f.0), Some(FormKind::VoidNote));
    a.fill("reason", "Bij de verkeerde klant genoteerd");
    press_mod(&mut a, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(a.form().is_none(), "{:?}", a.status());
    assert_eq!(a.store().note_with_agreements(id).unwrap(), None);
    assert!(a.file().unwrap().timeline.iter().all(|e| !(e.kind()
        == caseload::domain::timeline::TimelineKind::Note
        && e.record_id() == id)));
    press(&mut a, KeyCode::Char('h'));
    let s = screen(&a);
    assert!(s.contains("contact note removed"), "{s}");
    assert!(
        s.contains("reason: Bij de verkeerde klant genoteerd"),
        "{s}"
    );
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('u'));
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.store().note_with_agreements(id).unwrap(), before);
}

#[test]
fn enter_on_a_note_corrects_it_in_its_own_form_prefilled_and_u_puts_it_back() {
    let mut a = app(demo_store(20), Lang::En);
    press(&mut a, KeyCode::Enter);
    for _ in 0..80 {
        press(&mut a, KeyCode::Char(']'));
        if matches!(a.state().caseload.item(), Some(FileItem::Note(_))) {
            break;
        }
    }
    let Some(FileItem::Note(i)) = a.state().caseload.item() else {
        panic!("no note reached");
    };
    let id = a.file().unwrap().timeline[i].record_id();
    let (note, agreements) = a.store().note_with_agreements(id).unwrap().unwrap();
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.form().map(|f| f.0), Some(FormKind::NoteEdit));
    assert_eq!(a.field("summary").as_deref(), Some(note.summary.as_str()));
    assert_eq!(a.focused_field(), Some("summary"));
    // Typed at the end of the text it holds.
    a.fill("summary", " (telefonisch, niet op bezoek)");
    // The same checks as a new note: a date in the future is refused.
    retype(&mut a, "noted_on", "+3d");
    press_mod(&mut a, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(a.form().is_some());
    retype(
        &mut a,
        "noted_on",
        &note.noted_on.format("%d-%m-%Y").to_string(),
    );
    press_mod(&mut a, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        a.form().is_none(),
        "{:?} {:?}",
        a.status(),
        a.field_errors()
    );
    assert_eq!(a.status(), Some("Contact note corrected."));
    let (after, kept) = a.store().note_with_agreements(id).unwrap().unwrap();
    assert_eq!(
        after.summary,
        format!("{} (telefonisch, niet op bezoek)", note.summary)
    );
    assert_eq!(after.noted_on, note.noted_on);
    // Its agreements are the same records, done dates and all.
    assert_eq!(kept, agreements);
    press(&mut a, KeyCode::Char('u'));
    press(&mut a, KeyCode::Enter);
    assert_eq!(
        a.store().note_with_agreements(id).unwrap(),
        Some((note, agreements))
    );
}

#[test]
fn a_half_typed_correction_is_kept_as_the_notes_draft_and_reopened_on_it() {
    let mut a = app(demo_store(20), Lang::En);
    press(&mut a, KeyCode::Enter);
    for _ in 0..80 {
        press(&mut a, KeyCode::Char(']'));
        if matches!(a.state().caseload.item(), Some(FileItem::Note(_))) {
            break;
        }
    }
    press(&mut a, KeyCode::Enter);
    let (kind, subject) = a.form().unwrap();
    assert_eq!(kind, FormKind::NoteEdit);
    a.fill("summary", " (half typed)");
    let typed = a.field("summary").unwrap();
    // Leave, keeping the draft; back in the list, D reopens it on the same note.
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Enter);
    assert!(a.form().is_none());
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('D'));
    assert_eq!(a.form(), Some((FormKind::NoteEdit, subject)));
    // The waiting draft is offered; Enter continues it.
    assert!(a.question().is_some());
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.field("summary"), Some(typed));
}
