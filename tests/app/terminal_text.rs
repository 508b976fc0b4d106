//! Text from data never acts on the terminal (issue 11, findings 4 and 11), in the TUI:
//! control characters, bidirectional overrides and invisible format characters in names,
//! notes and agreements reach no pane, form or popup; lines keep their width by display
//! width. (The agenda command: the cli's `terminal_text`; import and the report's text: the
//! store's.)

use crate::common::{self, press};
use crate::terminal_support::{hidden, hostile_store};
use caseload::i18n::Lang;
use caseload::store::Store;
use ratatui::crossterm::event::KeyCode;

/// Every cell of the screen: none may hold a hidden character.
fn assert_clean(app: &caseload::app::App, what: &str) {
    let t = common::draw(app);
    let screen = common::screen(app);
    for cell in t.backend().buffer().content() {
        assert_eq!(
            hidden(cell.symbol()),
            Vec::<char>::new(),
            "{what}: hidden character drawn:\n{screen}"
        );
    }
}

#[test]
fn no_pane_of_the_app_draws_a_hidden_character() {
    let mut app = common::app(hostile_store(), Lang::En);
    assert_clean(&app, "list");
    assert!(common::screen(&app).contains("]0;pwnedJan[2J"));
    press(&mut app, KeyCode::Enter);
    assert_clean(&app, "file");
    let file = common::screen(&app);
    assert!(file.contains("Cv sturen[31mrood"), "{file}");
    press(&mut app, KeyCode::Char('e'));
    assert_clean(&app, "intake form");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('c'));
    assert_clean(&app, "note form");
    common::type_str(&mut app, "x");
    press(&mut app, KeyCode::Esc);
    assert_clean(&app, "leave question over the note form");
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('2'));
    assert_clean(&app, "agenda");
    press(&mut app, KeyCode::Char('/'));
    common::type_str(&mut app, "Jan");
    assert_clean(&app, "agenda filter");
}

#[test]
fn a_name_with_zero_width_characters_keeps_the_file_pane_border_in_its_column() {
    let mut app = common::app(hostile_store(), Lang::En);
    common::resize(&mut app, 120, 30);
    press(&mut app, KeyCode::Enter);
    let screen = common::screen(&app);
    // Each line is as wide as the terminal when counted as a terminal counts.
    for l in screen.lines() {
        assert_eq!(caseload::domain::display::width(l), 120, "{l:?}");
        assert_eq!(hidden(l), Vec::<char>::new(), "{l:?}");
    }
}

#[test]
fn a_long_line_of_wide_characters_scrolls_by_cells_and_keeps_the_cursor_in_view() {
    let mut app = common::app(Store::open_in_memory().unwrap(), Lang::En);
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focused_field(), Some("first_name"));
    let typed = format!("{}end", "中".repeat(80));
    common::type_str(&mut app, &typed);
    let screen = common::screen(&app);
    let row = screen
        .lines()
        .find(|l| l.contains("›First name"))
        .expect("the focused field");
    // The end of what was typed is in view (the screen holds a wide character in its
    // first cell and a blank in the one it covers), and the row keeps its 100 cells.
    assert!(row.contains("中 end"), "{row}");
    assert_eq!(row.chars().count(), 100, "{row}");
}
