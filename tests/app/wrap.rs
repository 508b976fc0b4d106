//! Notes that wrap (issue 17): a long note typed key by key into a note's summary wraps at
//! words inside the field, every line of it in view while the field may grow, then scrolled
//! so that the cursor's row shows; the cursor stands at its cell (CJK and emoji two cells
//! wide); Up and Down move a row as the text wraps; the field shows whole again at another
//! size. Snapshots at 80×24 and 120×35.

use crate::common::{self, press, resize, type_str};
use caseload::app::App;
use caseload::i18n::Lang;
use ratatui::crossterm::event::KeyCode;
use unicode_width::UnicodeWidthStr;

/// In the first client's file at `w`×`h`: a new note without a template, the cursor in its
/// empty summary.
fn empty_note(w: u16, h: u16) -> App {
    let mut app = common::app(common::demo_store(3), Lang::En);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('c'));
    resize(&mut app, w, h);
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    assert_eq!(
        app.focused_field(),
        Some("summary"),
        "{}",
        common::screen(&app)
    );
    assert_eq!(app.field("summary").as_deref(), Some(""));
    app
}

const NOTE: &str = "Gesprek met de cliënt over de proefplaatsing bij de groothandel in \
Zaandam. Hij is gemotiveerd, maar maakt zich zorgen over de reistijd en de vroege diensten; \
we hebben samen het busschema bekeken. Coördinatie met het wijkteam loopt 👍. \
Afspraak: volgende week bellen. 中文客户说明也可以。";

/// Types the note: its paragraphs with Enter between them.
fn type_note(app: &mut App) {
    for (n, part) in NOTE.split(" Afspraak").enumerate() {
        if n > 0 {
            press(app, KeyCode::Enter);
            type_str(app, "Afspraak");
        }
        type_str(app, part);
    }
}

/// The drawn screen as rows of text (a wide character once, not with the cell it covers),
/// where the terminal cursor stands, and the text of its row before it.
fn screen_and_cursor(app: &App) -> (Vec<String>, (u16, u16), String) {
    let mut t = common::draw(app);
    let pos = t.get_cursor_position().unwrap();
    let buf = t.backend().buffer().clone();
    let row = |y: u16, end: u16| {
        let mut out = String::new();
        let mut x = 0;
        while x < end {
            let symbol = buf[(x, y)].symbol();
            out.push_str(symbol);
            x += (symbol.width() as u16).max(1);
        }
        out
    };
    let rows = (0..buf.area.height)
        .map(|y| row(y, buf.area.width))
        .collect();
    (rows, (pos.x, pos.y), row(pos.y, pos.x))
}

/// Every word of the note is on the screen.
fn all_words_shown(screen: &[String]) {
    let all = screen.join("\n");
    for word in NOTE.split_whitespace() {
        assert!(all.contains(word), "{word} is not shown:\n{all}");
    }
}

#[test]
fn a_long_note_wraps_in_the_field_at_80x24_and_120x35() {
    let mut app = empty_note(80, 24);
    type_note(&mut app);
    let want = NOTE.replacen(" Afspraak", "\nAfspraak", 1);
    assert_eq!(app.field("summary").as_deref(), Some(want.as_str()));
    let (screen, at, before) = screen_and_cursor(&app);
    all_words_shown(&screen);
    // The cursor right after the last character typed (CJK: two cells each).
    assert!(before.ends_with("也可以。"), "{at:?}: {before:?}");
    insta::assert_snapshot!("note_wrapped_80x24", common::draw(&app).backend());

    resize(&mut app, 120, 35);
    let (screen, _, before) = screen_and_cursor(&app);
    all_words_shown(&screen);
    assert!(before.ends_with("也可以。"), "{before:?}");
    insta::assert_snapshot!("note_wrapped_120x35", common::draw(&app).backend());
}

#[test]
fn up_and_down_move_a_row_as_the_note_wraps_and_tab_moves_on() {
    let mut app = empty_note(80, 24);
    type_note(&mut app);
    let (_, end, _) = screen_and_cursor(&app);
    press(&mut app, KeyCode::Up);
    let (_, up, _) = screen_and_cursor(&app);
    assert_eq!(up.1 + 1, end.1, "one row up: {end:?} -> {up:?}");
    assert_eq!(app.focused_field(), Some("summary"));
    // Typing there goes into the row above the last.
    type_str(&mut app, "X");
    let (screen, _, before) = screen_and_cursor(&app);
    assert!(screen[usize::from(up.1)].contains('X') && before.ends_with('X'));
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Down);
    let (_, down, _) = screen_and_cursor(&app);
    assert_eq!(down.1, end.1);
    // Down from the last row: the next field.
    press(&mut app, KeyCode::Down);
    assert_ne!(app.focused_field(), Some("summary"));
    press(&mut app, KeyCode::Up);
    assert_eq!(app.focused_field(), Some("summary"));
    press(&mut app, KeyCode::Tab);
    assert_ne!(app.focused_field(), Some("summary"));
}

#[test]
fn a_note_longer_than_the_field_scrolls_to_the_cursor_and_ends_in_an_ellipsis_when_left() {
    let mut app = empty_note(80, 24);
    for n in 1..=12 {
        type_str(&mut app, &format!("Regel {n} van een lange notitie"));
        press(&mut app, KeyCode::Enter);
    }
    type_str(&mut app, "Laatste regel");
    let (screen, _, before) = screen_and_cursor(&app);
    assert!(before.ends_with("Laatste regel"), "{before:?}");
    assert!(
        !screen.join("\n").contains("Regel 1 van"),
        "scrolled past the top"
    );
    press(&mut app, KeyCode::Tab);
    let (screen, _, _) = screen_and_cursor(&app);
    let all = screen.join("\n");
    assert!(all.contains("Regel 1 van") && all.contains('…'), "{all}");
}
