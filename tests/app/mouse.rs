//! The mouse through the same dispatch as the terminal (`App::handle_event`, as the
//! terminal loop feeds it): a click on a list row, a tab, a pane, a file item, a form's
//! field or a picker's option, and the wheel; modal layers keep the mouse to themselves,
//! "window too small" and `--no-mouse` leave it alone.

use crate::common::{app, demo_store, draw, press, resize, screen, settle};
use crate::edges_support::focus_on;
use caseload::app::App;
use caseload::app::action::Screen;
use caseload::cli::Cli;
use caseload::i18n::Lang;
use caseload::keymap::Mode;
use caseload::tui::Modes;
use clap::Parser;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

fn mouse(a: &mut App, kind: MouseEventKind, x: u16, y: u16) {
    a.handle_event(Event::Mouse(MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    }));
}

fn click(a: &mut App, (x, y): (u16, u16)) {
    mouse(a, MouseEventKind::Down(MouseButton::Left), x, y);
    // The release that follows does nothing.
    mouse(a, MouseEventKind::Up(MouseButton::Left), x, y);
}

/// Clicks where `needle` is drawn first.
fn click_on(a: &mut App, needle: &str) {
    let at = find(a, needle);
    click(a, at);
}

fn wheel_down(a: &mut App, (x, y): (u16, u16)) {
    mouse(a, MouseEventKind::ScrollDown, x, y);
}

/// The cell where `needle` is drawn first (top to bottom, left to right).
fn find(a: &App, needle: &str) -> (u16, u16) {
    let t = draw(a);
    let buf = t.backend().buffer();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut cells = Vec::new();
        for x in 0..buf.area.width {
            cells.push((line.len(), x));
            line.push_str(buf[(x, y)].symbol());
        }
        if let Some(at) = line.find(needle) {
            let x = cells.iter().rev().find(|(b, _)| *b <= at).unwrap().1;
            return (x, y);
        }
    }
    panic!("{needle:?} is not on the screen:\n{}", screen(a));
}

#[test]
fn clicking_the_third_row_selects_that_client_and_a_second_click_opens_the_file() {
    let mut a = app(demo_store(60), Lang::En);
    let third = a.list()[2].clone();
    assert_ne!(a.selected_row().unwrap().client_id, third.client_id);
    let at = find(&a, &third.name);
    click(&mut a, at);
    assert_eq!(a.selected_row().unwrap().client_id, third.client_id);
    assert_eq!(a.file().unwrap().client.id, third.client_id);
    assert!(!a.file_has_focus());
    insta::assert_snapshot!(draw(&a).backend());
    // Once more on the row under the cursor: opened, as Enter does.
    click(&mut a, at);
    assert!(a.file_has_focus());
    // A click on the list again gives it the focus back.
    click(&mut a, (5, 20));
    assert!(!a.file_has_focus());
}

#[test]
fn clicking_tab_2_shows_the_agenda_and_tab_1_the_caseload() {
    let mut a = app(demo_store(60), Lang::En);
    click_on(&mut a, "2 Agenda");
    settle(&mut a);
    assert_eq!(a.screen(), Screen::Agenda);
    assert!(screen(&a).contains("Agenda ─"), "{}", screen(&a));
    // A click on an agenda row puts the cursor there.
    let second = a.agenda_items()[1].item.clone();
    let name = a.agenda_items()[1].client_name.clone();
    click_on(&mut a, &name);
    assert_eq!(a.selected_agenda_item().unwrap().item, second);
    click_on(&mut a, "1 Caseload");
    assert_eq!(a.screen(), Screen::Caseload);
}

#[test]
fn the_wheel_moves_the_list_or_scrolls_the_file_under_the_pointer() {
    let mut a = app(demo_store(60), Lang::En);
    assert_eq!(a.list_cursor().0, 0);
    wheel_down(&mut a, (5, 10));
    assert_eq!(a.list_cursor().0, 3);
    let client = a.selected_row().unwrap().client_id;
    assert_eq!(a.file().unwrap().client.id, client);
    mouse(&mut a, MouseEventKind::ScrollUp, 5, 10);
    assert_eq!(a.list_cursor().0, 0);
    // Over the file (the right of the screen), the file scrolls and the list stays,
    // though the list has the focus.
    while a.state().drawn.file_overflow == 0 {
        press(&mut a, KeyCode::Char('j'));
    }
    let client = a.selected_row().unwrap().client_id;
    wheel_down(&mut a, (80, 10));
    assert_eq!(a.file_scroll(), 3.min(a.state().drawn.file_overflow as u16));
    assert!(!a.file_has_focus());
    assert_eq!(a.selected_row().unwrap().client_id, client);
}

#[test]
fn clicking_a_file_item_puts_the_cursor_on_it_and_focuses_the_file() {
    let mut a = app(demo_store(60), Lang::En);
    // A client whose file shows a second item.
    let shown = |a: &App| {
        let d = &a.state().drawn;
        d.file_item_rows
            .get(1)
            .filter(|&&r| r < d.file_rows)
            .copied()
    };
    while shown(&a).is_none() {
        press(&mut a, KeyCode::Char('j'));
    }
    let row = shown(&a).unwrap() as u16;
    // The file pane starts at 58 of 100 columns; its text under its border.
    click(&mut a, (75, 2 + row));
    assert!(a.file_has_focus());
    assert_eq!(a.state().caseload.file_cursor, Some(1));
    // Elsewhere in the file (its title): focused, the cursor where it was.
    press(&mut a, KeyCode::Esc);
    assert!(!a.file_has_focus());
    click(&mut a, (75, 1));
    assert!(a.file_has_focus());
    assert_eq!(a.state().caseload.file_cursor, Some(1));
}

/// The assign-trajectory form of the first client on benefit.
fn assign_form(a: &mut App) {
    for _ in 0..20 {
        if a.file()
            .is_some_and(|f| f.episodes.last().is_some_and(|e| e.exit_date.is_none()))
        {
            break;
        }
        press(a, KeyCode::Char('j'));
    }
    press(a, KeyCode::Enter);
    press(a, KeyCode::Char('t'));
    assert!(a.form().is_some(), "{:?}", a.status());
}

/// The label of a field of the open form, as drawn.
fn label(a: &App, name: &str) -> String {
    let form = &a.state().form().unwrap().form;
    let f = form.named(name).unwrap();
    f.label.trim().to_owned()
}

#[test]
fn clicking_a_field_focuses_it_and_the_focused_choice_opens_its_picker() {
    let mut a = app(demo_store(20), Lang::En);
    assign_form(&mut a);
    assert_eq!(a.focused_field(), Some("instrument"));
    let goal = label(&a, "goal");
    click_on(&mut a, &goal);
    assert_eq!(a.focused_field(), Some("goal"));
    let at = find(&a, &label(&a, "instrument"));
    click(&mut a, at);
    assert_eq!(a.focused_field(), Some("instrument"));
    assert_eq!(a.mode(), Mode::Form);
    click(&mut a, at);
    assert_eq!(a.mode(), Mode::Picker);
}

#[test]
fn clicking_a_picker_row_selects_it_and_a_second_click_takes_it() {
    let mut a = app(demo_store(20), Lang::En);
    assign_form(&mut a);
    focus_on(&mut a, "instrument");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Picker);
    let option = a.field_options("instrument").unwrap()[2].clone();
    let at = find(&a, &option.label);
    click(&mut a, at);
    // Selected, not taken yet.
    assert_eq!(a.mode(), Mode::Picker);
    assert_eq!(a.field("instrument").as_deref(), Some(""));
    insta::assert_snapshot!(draw(&a).backend());
    // The picker is modal: a click on a tab does nothing.
    click_on(&mut a, "2 Agenda");
    assert_eq!(a.screen(), Screen::Caseload);
    assert_eq!(a.mode(), Mode::Picker);
    click(&mut a, at);
    assert_eq!(a.mode(), Mode::Form);
    assert_eq!(a.field("instrument").as_deref(), Some(option.code.as_str()));
}

#[test]
fn behind_window_too_small_and_without_the_mouse_a_click_does_nothing() {
    let mut a = app(demo_store(20), Lang::En);
    let tab = find(&a, "2 Agenda");
    resize(&mut a, 30, 8);
    click(&mut a, (tab.0.min(29), 0));
    wheel_down(&mut a, (5, 4));
    assert_eq!(a.screen(), Screen::Caseload);
    assert_eq!(a.list_cursor().0, 0);
    resize(&mut a, 100, 30);
    a.set_mouse(false);
    click(&mut a, tab);
    assert_eq!(a.screen(), Screen::Caseload);
    a.set_mouse(true);
    click(&mut a, tab);
    assert_eq!(a.screen(), Screen::Agenda);
}

#[test]
fn no_mouse_on_the_command_line_leaves_mouse_capture_off() {
    let on = Modes::from_cli(&Cli::parse_from(["caseload", "--demo"]));
    let off = Modes::from_cli(&Cli::parse_from(["caseload", "--demo", "--no-mouse"]));
    assert!(on.mouse);
    assert!(!off.mouse);
    // What the terminal is sent (a Windows console may be told otherwise).
    if !cfg!(unix) {
        return;
    }
    let written = |m: Modes| {
        let mut out = Vec::new();
        m.start(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    // Mouse capture is the terminal's mode 1000 (button presses); bracketed paste 2004.
    assert!(written(on).contains("\x1b[?1000h"));
    assert!(!written(off).contains("\x1b[?1000h"));
    assert!(written(off).contains("\x1b[?2004h"));
    let mut end = Vec::new();
    on.end(&mut end);
    assert!(String::from_utf8(end).unwrap().contains("\x1b[?1000l"));
}

#[test]
fn a_palette_row_is_selected_by_a_click_and_done_by_a_second() {
    let mut a = app(demo_store(5), Lang::En);
    press(&mut a, KeyCode::Char(':'));
    assert_eq!(a.mode(), Mode::Palette);
    let at = find(&a, "New intake");
    click(&mut a, at);
    assert_eq!(a.mode(), Mode::Palette);
    // The list under the palette took no click.
    assert_eq!(a.list_cursor().0, 0);
    click(&mut a, at);
    assert!(screen(&a).contains("BSN"), "{}", screen(&a));
    assert_eq!(a.mode(), Mode::Form);
}

#[test]
fn a_click_while_typing_a_filter_keeps_the_filter_and_acts() {
    let mut a = app(demo_store(60), Lang::En);
    press(&mut a, KeyCode::Char('/'));
    crate::common::type_str(&mut a, "van");
    assert_eq!(a.mode(), Mode::Filter);
    let second = a.list()[1].clone();
    click_on(&mut a, &second.name);
    assert_eq!(a.mode(), Mode::List);
    assert_eq!(a.list_filter(), "van");
    assert_eq!(a.selected_row().unwrap().client_id, second.client_id);
}

#[test]
fn the_wheel_scrolls_the_help_wherever_the_pointer_is() {
    let mut a = app(demo_store(5), Lang::En);
    press(&mut a, KeyCode::Char('?'));
    assert!(a.state().drawn.help_overflow > 0);
    wheel_down(&mut a, (1, 1));
    assert_eq!(a.state().help(), Some(3));
    // A click does nothing there.
    click_on(&mut a, "2 Agenda");
    assert_eq!(a.screen(), Screen::Caseload);
    assert_eq!(a.mode(), Mode::Help);
}

#[test]
fn the_help_says_what_the_mouse_does_unless_it_is_off() {
    let wheel_line = "move the list or text under the pointer";
    for on in [true, false] {
        let mut a = app(demo_store(5), Lang::En);
        a.set_mouse(on);
        press(&mut a, KeyCode::Char('?'));
        for _ in 0..20 {
            press(&mut a, KeyCode::PageDown);
        }
        assert_eq!(screen(&a).contains(wheel_line), on, "{}", screen(&a));
    }
}

/// In the search (Ctrl-F) a click puts the cursor on a result, a second click opens the
/// client at it; the wheel moves through the results.
#[test]
fn clicking_a_search_result_selects_it_and_a_second_click_opens_it() {
    use caseload::app::layer::Layer;
    let mut a = app(demo_store(40), Lang::En);
    a.handle_event(Event::Key(ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('f'),
        KeyModifiers::CONTROL,
    )));
    for c in "proefplaatsing".chars() {
        press(&mut a, KeyCode::Char(c));
    }
    let hits = match a.state().layers.last() {
        Some(Layer::Search(s)) => s.hits.clone(),
        _ => panic!("the search is not open"),
    };
    let (i, other) = hits
        .iter()
        .enumerate()
        .find(|(_, h)| h.number != hits[0].number)
        .expect("results of two clients");
    click_on(&mut a, &other.number);
    match a.state().layers.last() {
        Some(Layer::Search(s)) => assert_eq!(s.selected, i),
        _ => panic!("the first click opened it"),
    }
    click_on(&mut a, &other.number);
    settle(&mut a);
    assert!(!matches!(a.state().layers.last(), Some(Layer::Search(_))));
    assert_eq!(a.state().caseload.file_client(), Some(other.client_id));
}
