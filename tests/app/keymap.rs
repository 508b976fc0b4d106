//! The keymap and the catalogues: every action has a key and a description; every code
//! has a label (the catalogues themselves: catalogue.rs).

use caseload::app::action::ActionKind;
use caseload::domain::Phase;
use caseload::domain::agenda::ItemKind;
use caseload::domain::codes::*;
use caseload::i18n::{Lang, has};
use caseload::keymap::KEYMAP;
use strum::IntoEnumIterator;

#[test]
fn every_reachable_action_has_a_key_and_a_description() {
    for kind in ActionKind::iter().filter(|k| !k.is_internal()) {
        let bound: Vec<_> = KEYMAP
            .iter()
            .filter(|b| ActionKind::from(&b.action) == kind)
            .collect();
        assert!(!bound.is_empty(), "{kind:?} has no key");
        for b in bound {
            for lang in [Lang::Nl, Lang::En] {
                assert!(
                    has(lang, b.desc),
                    "{kind:?}: {} missing in {lang:?}",
                    b.desc
                );
                assert!(
                    has(lang, b.group),
                    "{kind:?}: {} missing in {lang:?}",
                    b.group
                );
            }
        }
    }
}

#[test]
fn no_key_is_bound_twice_in_one_mode() {
    for (i, a) in KEYMAP.iter().enumerate() {
        for b in &KEYMAP[i + 1..] {
            assert!(
                !(a.mode == b.mode && a.key == b.key),
                "{:?} {:?} bound twice",
                a.mode,
                a.key
            );
        }
    }
}

fn labels<T: Code + std::fmt::Debug>() {
    for v in T::all() {
        for lang in [Lang::Nl, Lang::En] {
            let key = format!("{}.{}", T::KIND, v.code());
            assert!(has(lang, &key), "{key} missing in {lang:?}");
        }
    }
}

#[test]
fn every_code_has_a_label_in_both_languages() {
    labels::<BenefitType>();
    labels::<Household>();
    labels::<LanguageLevel>();
    labels::<Education>();
    labels::<Distance>();
    labels::<Barrier>();
    labels::<LifeDomain>();
    labels::<AssessmentKind>();
    labels::<Term>();
    labels::<Who>();
    labels::<Channel>();
    labels::<TrajectoryStatus>();
    labels::<TrajectoryResult>();
    labels::<InstrumentCategory>();
    labels::<ExitCategory>();
    labels::<ExitReason>();
    labels::<ContractType>();
    labels::<Independence>();
    labels::<FoundVia>();
    labels::<AftercareMode>();
    labels::<PlanStatus>();
    labels::<AftercareEndReason>();
    labels::<ContactKind>();
    labels::<ContactStatus>();
    labels::<StillWorking>();
    labels::<Risk>();
    labels::<ReferralKind>();
    labels::<Rung>();
    labels::<Phase>();
    labels::<ItemKind>();
    for s in 1..=5u8 {
        assert_ne!(score_label(s, Lang::Nl), "[?]");
        assert_ne!(score_label(s, Lang::En), "[?]");
    }
}

/// The keys for a client do the same in the list as in the file (on the client under the
/// list's cursor), and a new intake or a waiting draft opens from every screen.
#[test]
fn client_keys_work_from_the_list_and_n_from_every_screen() {
    use crate::common::*;
    use caseload::app::screens::caseload::Focus;
    use caseload::app::workflows::FormKind;
    use ratatui::crossterm::event::KeyCode;
    let mut app = app(demo_store(10), Lang::En);
    press(&mut app, KeyCode::Char('j'));
    let selected = app.state().caseload.selected().unwrap();
    assert_eq!(app.state().caseload.focus, Focus::List);
    press(&mut app, KeyCode::Char('c'));
    let form = app
        .state()
        .form()
        .expect("the note form opens from the list");
    assert_eq!((form.kind(), form.subject()), (FormKind::Note, selected));
    press(&mut app, KeyCode::Esc);
    assert!(app.state().form().is_none());
    for screen in ['1', '2', '3'] {
        press(&mut app, KeyCode::Char(screen));
        press(&mut app, KeyCode::Char('n'));
        let form = app
            .state()
            .form()
            .expect("the intake opens on every screen");
        assert_eq!(form.kind(), FormKind::Intake, "screen {screen}");
        press(&mut app, KeyCode::Esc);
        assert!(app.state().form().is_none());
    }
    // In the file, D asks for the waiting draft as in the list: there is none.
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.state().caseload.focus, Focus::File);
    press(&mut app, KeyCode::Char('D'));
    let (status, _) = app
        .state()
        .status
        .clone()
        .expect("D says why nothing opens");
    assert!(!status.is_empty());
}

/// A key that does nothing where the keyboard is, but works on another screen or pane,
/// says where instead of doing nothing.
#[test]
fn a_key_of_another_screen_says_where_it_works() {
    use crate::common::*;
    use ratatui::crossterm::event::KeyCode;
    let mut app = app(demo_store(5), Lang::En);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('c'));
    let (status, _) = app.state().status.clone().expect("c says where it works");
    assert_eq!(
        status,
        "c (Contact note) works in the caseload (1), on the client under the cursor."
    );
    assert!(app.state().form().is_none());
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char(']'));
    let (status, _) = app.state().status.clone().expect("] says where it works");
    assert!(status.contains("works in the client file"), "{status}");
    // A key bound nowhere stays silent.
    press(&mut app, KeyCode::Char('%'));
    assert!(app.state().status.is_none());
}
