//! The intake, typed key by key through the app's dispatch, against the database.

use crate::common;

use caseload::app::App;
use caseload::app::action::Answer;
use caseload::app::workflows::FormKind;
use caseload::domain::Phase;
use caseload::domain::codes::*;
use caseload::i18n::Lang;
use caseload::store::Store;
use common::{app, date, draw, press, press_mod, screen, type_str};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn empty_app() -> App {
    app(Store::open_in_memory().unwrap(), Lang::En)
}

/// Types into the focused field and moves on with Tab.
fn field(a: &mut App, text: &str) {
    type_str(a, text);
    press(a, KeyCode::Tab);
}

/// Picks the option matching `filter` in the focused choice field (moves on by itself).
fn pick(a: &mut App, filter: &str) {
    type_str(a, filter);
    press(a, KeyCode::Enter);
}

fn focused(a: &App) -> String {
    a.focused_field().unwrap().to_owned()
}

fn save(a: &mut App) {
    press_mod(a, KeyCode::Char('s'), KeyModifiers::CONTROL);
}

/// Step 1 of a valid intake for Anna van der Berg.
fn person_step(a: &mut App, bsn: &str) {
    press(a, KeyCode::Char('n'));
    assert_eq!(focused(a), "bsn");
    field(a, bsn);
    field(a, "Anna");
    field(a, "van der");
    field(a, "Berg");
    field(a, "17-5-1990");
    field(a, "06-12345678");
    field(a, "anna@example.nl");
    field(a, "Kerkstraat 1, Zaandam");
    pick(a, "single with");
    assert_eq!(
        focused(a),
        "youngest_child_age",
        "the child's age appears for a parent"
    );
    field(a, "4");
    field(a, "n");
    assert_eq!(focused(a), "driving_licence");
    field(a, "y");
    pick(a, "a2");
    pick(a, "mbo level 2");
    field(a, "Schoonmaak, 3 jaar");
    field(a, "1-3-2026");
}

fn assessment_step(a: &mut App) {
    press_mod(a, KeyCode::Right, KeyModifiers::CONTROL);
    assert_eq!(focused(a), "intake_date");
    press(a, KeyCode::Tab);
    pick(a, "short");
    pick(a, "3");
    for s in [
        "2", "3", "4", "3", "3", "2", "4", "5", "5", "4", "3", "3", "5",
    ] {
        pick(a, s);
    }
    assert_eq!(focused(a), "barriers");
    press(a, KeyCode::Char(' '));
    type_str(a, "debt");
    press(a, KeyCode::Char(' '));
    press_mod(a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_str(a, "language");
    press(a, KeyCode::Char(' '));
    press(a, KeyCode::Enter);
    press(a, KeyCode::Tab);
    type_str(a, "Wil graag in de zorg werken.");
    press(a, KeyCode::Enter);
    type_str(a, "Liefst parttime.");
    press(a, KeyCode::Tab);
}

fn plan_step(a: &mut App) {
    press_mod(a, KeyCode::Right, KeyModifiers::CONTROL);
    assert_eq!(focused(a), "goal1_text");
    field(a, "Werk in de zorg");
    pick(a, "long");
    field(a, "+12m");
    // Goals 2 and 3 stay empty.
    for _ in 0..6 {
        press(a, KeyCode::Tab);
    }
    assert_eq!(focused(a), "agreement1_text");
    field(a, "Cv bijwerken en mailen");
    pick(a, "client");
    field(a, "+2w");
    field(a, "Aanmelden kinderopvang");
    pick(a, "caseworker");
    field(a, "+1w");
    while focused(a) != "plan_agreed_on" {
        press(a, KeyCode::Tab);
    }
    type_str(a, "vandaag");
}

#[test]
fn a_full_intake_typed_field_by_field_creates_exactly_the_expected_rows() {
    let mut a = empty_app();
    person_step(&mut a, "123456782");
    insta::assert_snapshot!("step_person", draw(&a).backend());
    assessment_step(&mut a);
    insta::assert_snapshot!("step_assessment", draw(&a).backend());
    plan_step(&mut a);
    insta::assert_snapshot!("step_plan", draw(&a).backend());
    save(&mut a);
    assert!(a.form().is_none(), "saved and closed: {:?}", a.status());
    // The file of the new client shows the intake, the driving licence among it.
    common::resize(&mut a, 180, 80);
    let shown = screen(&a);
    assert!(shown.contains("Driving licence: Yes"), "{shown}");
    common::resize(&mut a, 100, 30);

    let store = a.store();
    let id = store
        .client_id_by_bsn(&caseload::domain::Bsn::parse("123456782").unwrap())
        .unwrap()
        .unwrap();
    let c = store.client(id).unwrap().unwrap().person;
    assert_eq!(
        (
            c.first_name.as_str(),
            c.prefix.as_str(),
            c.last_name.as_str()
        ),
        ("Anna", "van der", "Berg")
    );
    assert_eq!(c.birth_date, Some(date(1990, 5, 17)));
    assert_eq!(c.email, "anna@example.nl");
    let eps = store.episodes_of(id).unwrap();
    assert_eq!(eps.len(), 1);
    assert_eq!(eps[0].benefit_start, date(2026, 3, 1));
    assert_eq!(eps[0].benefit_type, BenefitType::Participatiewet);
    let i = store.intake(eps[0].id).unwrap().unwrap();
    assert_eq!(i.household, Some(Household::SingleWithChildren));
    assert_eq!(i.youngest_child_age, Some(4));
    assert!(!i.statushouder);
    assert_eq!(i.driving_licence, Some(true));
    assert_eq!(i.language_level, Some(LanguageLevel::A2));
    assert_eq!(i.education, Some(Education::Mbo));
    assert_eq!(i.distance, Some(Distance::Short));
    assert_eq!(i.barriers, vec![Barrier::Language, Barrier::Debts]);
    assert_eq!(
        i.motivation,
        "Wil graag in de zorg werken.\nLiefst parttime."
    );
    assert_eq!(i.plan_agreed_on, Some(common::today()));
    let assessments = store.assessments(eps[0].id).unwrap();
    assert_eq!(assessments.len(), 1);
    assert_eq!(assessments[0].rung, Some(Rung::OrganisedActivities));
    assert_eq!(assessments[0].scores.len(), 13);
    assert!(assessments[0].scores.contains(&(LifeDomain::Finances, 2)));
    assert!(assessments[0].scores.contains(&(LifeDomain::Justice, 5)));
    let goals = store.goals(eps[0].id).unwrap();
    assert_eq!(goals.len(), 1);
    assert_eq!(
        (goals[0].term, goals[0].target_date),
        (Term::Long, Some(date(2027, 11, 23)))
    );
    let agreements = store.agreements(eps[0].id).unwrap();
    assert_eq!(agreements.len(), 2);
    assert_eq!(agreements[1].who, Who::Caseworker);
    assert_eq!(agreements[1].follow_up, Some(date(2026, 11, 30)));
    assert!(
        store.draft("intake", 0).unwrap().is_none(),
        "the draft goes with the save"
    );

    // The list shows the client in phase plan, next action the earliest follow-up.
    let row = a.list().into_iter().find(|r| r.client_id == id).unwrap();
    assert_eq!(row.phase, Phase::Plan);
    let next = row.next.as_ref().unwrap();
    assert_eq!(
        (next.due, next.detail.as_str()),
        (date(2026, 11, 30), "Aanmelden kinderopvang")
    );
    assert_eq!(a.file().unwrap().client.id, id);
}

#[test]
fn an_invalid_bsn_is_refused_at_the_field_and_nothing_is_written() {
    let mut a = empty_app();
    person_step(&mut a, "123456789");
    assessment_step(&mut a);
    press_mod(&mut a, KeyCode::Left, KeyModifiers::CONTROL);
    let s = screen(&a);
    assert!(s.contains("This is not a valid BSN (elfproef)."), "{s}");
    save(&mut a);
    assert_eq!(
        focused(&a),
        "bsn",
        "the cursor goes to the first invalid field"
    );
    let status = a.status().unwrap().to_owned();
    assert!(status.contains("1 field"), "{status}");
    insta::assert_snapshot!("invalid_bsn", draw(&a).backend());
    assert_eq!(a.store().client_count().unwrap(), 0);
}

#[test]
fn an_impossible_date_is_refused_with_a_reason() {
    let mut a = empty_app();
    press(&mut a, KeyCode::Char('n'));
    a.focus("birth_date");
    field(&mut a, "31-02-1990");
    assert!(screen(&a).contains("This day does not exist."));
    let mut a = empty_app();
    press(&mut a, KeyCode::Char('n'));
    a.focus("birth_date");
    field(&mut a, "+1y");
    let s = screen(&a);
    assert!(
        s.contains("A date of birth cannot be in the future."),
        "{s}"
    );
    assert!(!s.contains("0 years"), "no age for a refused date:\n{s}");
    save(&mut a);
    assert_eq!(a.store().client_count().unwrap(), 0);
}

#[test]
fn an_eight_digit_bsn_gets_its_leading_zero_once_left() {
    let mut a = empty_app();
    press(&mut a, KeyCode::Char('n'));
    type_str(&mut a, "10000008");
    assert_eq!(a.field("bsn").unwrap(), "10000008");
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.field("bsn").unwrap(), "010000008");
    assert!(screen(&a).contains("010000008"));
}

#[test]
fn enter_in_a_notes_field_says_it_starts_a_new_line() {
    let mut a = empty_app();
    press(&mut a, KeyCode::Char('n'));
    assert!(screen(&a).contains("Enter Next / pick"));
    // Motivation is the intake's first notes field.
    a.focus("motivation");
    let s = screen(&a);
    assert!(
        s.contains("Enter New line") && !s.contains("Next / pick"),
        "{s}"
    );
}

#[test]
fn a_known_bsn_is_never_a_second_person() {
    let mut a = empty_app();
    person_step(&mut a, "123456782");
    assessment_step(&mut a);
    save(&mut a);
    assert_eq!(a.store().client_count().unwrap(), 1);
    // A second intake with the same BSN.
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('n'));
    field(&mut a, "123456782");
    let c = a
        .question()
        .cloned()
        .expect("the app says the client is known");
    assert!(c.message.contains("Anna van der Berg"), "{}", c.message);
    insta::assert_snapshot!("known_bsn", draw(&a).backend());
    // She is on benefit: only opening her is offered.
    assert!(c.answer(Answer::Open).is_some());
    assert!(c.answer(Answer::Episode).is_none());
    press(&mut a, KeyCode::Esc);
    save(&mut a);
    assert_eq!(a.store().client_count().unwrap(), 1);
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('d'));
    assert!(a.form().is_none());
}

#[test]
fn esc_with_changes_asks_and_the_draft_can_be_kept_or_thrown_away() {
    let mut a = empty_app();
    press(&mut a, KeyCode::Char('n'));
    press(&mut a, KeyCode::Esc);
    assert!(a.form().is_none(), "an untouched form closes at once");
    press(&mut a, KeyCode::Char('n'));
    field(&mut a, "12345");
    press(&mut a, KeyCode::Esc);
    assert!(a.question().is_some());
    insta::assert_snapshot!("leave_asks", draw(&a).backend());
    press(&mut a, KeyCode::Esc);
    assert!(
        a.form().is_some() && a.question().is_none(),
        "Esc on the question stays in the form"
    );
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Enter);
    assert!(a.form().is_none());
    assert!(a.store().draft("intake", 0).unwrap().is_some());
    press(&mut a, KeyCode::Char('n'));
    press(&mut a, KeyCode::Char('n'));
    assert!(
        a.store().draft("intake", 0).unwrap().is_none(),
        "starting afresh drops the draft"
    );
}

#[test]
fn a_draft_survives_dropping_the_app_and_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    {
        let mut a = App::new(
            Store::open(&path).unwrap(),
            Lang::En,
            common::today(),
            (100, 30),
        );
        press(&mut a, KeyCode::Char('n'));
        field(&mut a, "123456782");
        field(&mut a, "Anna");
        type_str(&mut a, "van d");
        // No save, no tick: the app is dropped as on a crash of the terminal loop.
    }
    let mut a = App::new(
        Store::open(&path).unwrap(),
        Lang::En,
        common::today(),
        (100, 30),
    );
    press(&mut a, KeyCode::Char('n'));
    let c = a.question().cloned().expect("a draft is offered");
    assert!(
        c.message.contains("continue") || c.title.contains("draft"),
        "{c:?}"
    );
    // When it was last typed, shown the one way: dd-mm-jjjj hh:mm.
    let stamp = a.store().draft("intake", 0).unwrap().unwrap().updated_at;
    let when = caseload::domain::date::fmt_stamp(&stamp);
    assert_eq!(when.len(), "02-12-2026 12:33".len(), "{when}");
    assert!(
        c.message.contains(&when) && !c.message.contains(&stamp),
        "{c:?}"
    );
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.field("bsn").unwrap(), "123456782");
    assert_eq!(a.field("first_name").unwrap(), "Anna");
    assert_eq!(a.field("prefix").unwrap(), "van d");
    assert_eq!(focused(&a), "prefix");
}

#[test]
fn the_draft_is_written_while_typing_on_each_tick() {
    let mut a = empty_app();
    press(&mut a, KeyCode::Char('n'));
    type_str(&mut a, "1234");
    assert!(a.store().draft("intake", 0).unwrap().is_none());
    a.tick();
    let d = a.store().draft("intake", 0).unwrap().unwrap();
    assert!(d.data.contains("1234"));
}

#[test]
fn a_reassessment_records_history() {
    let mut a = app(common::demo_store(30), Lang::En);
    let row = a
        .list()
        .iter()
        .position(|r| matches!(r.phase, Phase::Plan | Phase::Trajectory))
        .unwrap();
    for _ in 0..row {
        press(&mut a, KeyCode::Char('j'));
    }
    press(&mut a, KeyCode::Enter);
    let id = a.file().unwrap().client.id;
    let ep = a.store().latest_episode(id).unwrap().unwrap();
    let before = a.store().assessments(ep.id).unwrap();
    press(&mut a, KeyCode::Char('s'));
    assert_eq!(focused(&a), "assessed_on");
    press(&mut a, KeyCode::Tab);
    pick(&mut a, "6");
    pick(&mut a, "5");
    save(&mut a);
    assert!(a.form().is_none(), "{:?}", a.status());
    let after = a.store().assessments(ep.id).unwrap();
    assert_eq!(after.len(), before.len() + 1);
    let last = after.last().unwrap();
    assert_eq!(last.kind, AssessmentKind::Reassessment);
    assert_eq!(last.rung, Some(Rung::PaidWork));
    assert!(last.scores.contains(&(LifeDomain::Finances, 5)));
    assert_eq!(
        a.store().latest_rung(id).unwrap().unwrap().0,
        Rung::PaidWork
    );
}

#[test]
fn an_intake_can_be_edited_later() {
    let mut a = empty_app();
    person_step(&mut a, "123456782");
    assessment_step(&mut a);
    save(&mut a);
    press(&mut a, KeyCode::Char('e'));
    assert_eq!(a.field("last_name").unwrap(), "Berg");
    a.focus("last_name");
    press_mod(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_str(&mut a, "Bergen");
    save(&mut a);
    assert!(a.form().is_none(), "{:?}", a.status());
    let id = a.file().unwrap().client.id;
    assert_eq!(
        a.store().client(id).unwrap().unwrap().person.last_name,
        "Bergen"
    );
    assert_eq!(a.store().client_count().unwrap(), 1);
    assert_eq!(
        a.store()
            .assessments(a.store().latest_episode(id).unwrap().unwrap().id)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn the_plan_is_a_living_document() {
    let mut a = empty_app();
    person_step(&mut a, "123456782");
    assessment_step(&mut a);
    plan_step(&mut a);
    save(&mut a);
    let id = a.file().unwrap().client.id;
    let ep = a.store().latest_episode(id).unwrap().unwrap().id;
    press(&mut a, KeyCode::Char('p'));
    // Goal 1 exists: text, term, target, done; then two new goals; then the agreements.
    assert_eq!(focused(&a), "g1_text");
    for _ in 0..3 {
        press(&mut a, KeyCode::Tab);
    }
    assert_eq!(focused(&a), "g1_done");
    field(&mut a, "j");
    field(&mut a, "Taalles volgen");
    pick(&mut a, "short");
    while focused(&a) != "a2_done" {
        press(&mut a, KeyCode::Tab);
    }
    type_str(&mut a, "y");
    while focused(&a) != "a3_text" {
        press(&mut a, KeyCode::Tab);
    }
    field(&mut a, "Bellen met de school");
    pick(&mut a, "caseworker");
    type_str(&mut a, "+3d");
    insta::assert_snapshot!("plan_edit", draw(&a).backend());
    save(&mut a);
    assert!(a.form().is_none(), "{:?}", a.status());
    let goals = a.store().goals(ep).unwrap();
    assert_eq!(goals.len(), 2);
    assert_eq!(goals[0].done_on, Some(common::today()));
    assert_eq!(goals[1].text, "Taalles volgen");
    let agreements = a.store().agreements(ep).unwrap();
    assert_eq!(agreements.len(), 3);
    assert_eq!(
        agreements[1].done_on,
        Some(common::today()),
        "Aanmelden kinderopvang is done"
    );
    assert_eq!(agreements[2].follow_up, Some(date(2026, 11, 26)));
    // The done follow-up leaves the next action; the new one (26-11) is next.
    let row = a.list().into_iter().find(|r| r.client_id == id).unwrap();
    assert_eq!(row.next.as_ref().unwrap().due, date(2026, 11, 26));
    insta::assert_snapshot!("file_with_plan", draw(&a).backend());
}

#[test]
fn a_waiting_draft_is_announced_and_reopened_with_d() {
    let mut a = empty_app();
    press(&mut a, KeyCode::Char('n'));
    field(&mut a, "123456782");
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Enter);
    a.announce_start();
    assert!(a.status().unwrap().to_owned().contains("draft"));
    press(&mut a, KeyCode::Char('D'));
    assert!(a.form().is_some());
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.field("bsn").unwrap(), "123456782");
}

#[test]
fn a_discarded_new_period_leaves_no_draft_behind() {
    let mut a = app(common::demo_store(60), Lang::En);
    let closed = a
        .store()
        .caseload(common::today())
        .unwrap()
        .into_iter()
        .find(|r| r.phase == Phase::Closed)
        .expect("a closed client in the demo");
    press(&mut a, KeyCode::Char('n'));
    // The draft is written while typing (a tick after seven digits).
    type_str(&mut a, &closed.bsn[..7]);
    a.tick();
    type_str(&mut a, &closed.bsn[7..]);
    // Who has the BSN is asked once the field is left (issue 13: never per key).
    assert!(a.question().is_none());
    press(&mut a, KeyCode::Tab);
    assert!(a.question().is_some(), "the BSN is known");
    press(&mut a, KeyCode::Char('e'));
    let (kind, subject) = a.form().expect("the intake of a new period");
    assert_eq!((kind, subject), (FormKind::Intake, closed.client_id));
    assert_eq!(a.field("bsn").unwrap(), closed.bsn);
    a.tick();
    // Esc, discard: no draft under any key.
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('d'));
    assert!(a.form().is_none());
    assert_eq!(a.store().drafts().unwrap(), Vec::new());
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('n'));
    assert!(a.question().is_none(), "no draft is waiting");
    press(&mut a, KeyCode::Esc);

    // Kept instead: one draft, the new period's, with the whole BSN; D reopens it.
    press(&mut a, KeyCode::Char('n'));
    type_str(&mut a, &closed.bsn);
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Char('e'));
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Enter);
    let drafts = a.store().drafts().unwrap();
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    assert_eq!(
        (drafts[0].form.as_str(), drafts[0].subject),
        ("intake", closed.client_id)
    );
    assert!(drafts[0].data.contains(&closed.bsn));
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('D'));
    press(&mut a, KeyCode::Enter);
    assert!(a.form().is_some(), "the draft reopened");
    assert_eq!(a.field("bsn").unwrap(), closed.bsn);
    // Whose draft it is stands in the title.
    let name = a
        .store()
        .client(closed.client_id)
        .unwrap()
        .unwrap()
        .person
        .full_name();
    assert_eq!(
        a.form_title().unwrap(),
        format!("New benefit period: {name}")
    );
}

#[test]
fn a_client_handed_over_to_a_colleague_is_not_opened_again_by_their_bsn() {
    let mut a = empty_app();
    person_step(&mut a, "123456782");
    assessment_step(&mut a);
    save(&mut a);
    let id = a.store().client_ids().unwrap()[0];
    a.store_mut()
        .hand_over(&[id], "Sanne Bos", date(2026, 11, 23), "ABCD-EFGH")
        .unwrap();
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('n'));
    field(&mut a, "123456782");
    let c = a
        .question()
        .cloned()
        .expect("the app says who has the client");
    assert!(
        c.message.contains("handed over to Sanne Bos"),
        "{}",
        c.message
    );
    assert!(c.answer(Answer::Open).is_none(), "not opened here");
    assert!(c.answer(Answer::Episode).is_none(), "no new period here");
    press(&mut a, KeyCode::Esc);
    save(&mut a);
    assert_eq!(
        a.store().client_count().unwrap(),
        1,
        "never a second person"
    );
}
