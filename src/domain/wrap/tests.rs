//! Tests of the wrapper: labels as before, and for notes at every width from 20 to 200
//! with ASCII, Dutch, emoji and CJK text: no row wider than the field, the rows are the
//! whole text, and every place of the cursor has a cell inside the field.

use super::*;
use proptest::prelude::*;

#[test]
fn words_wrap_at_words_and_split_long_words() {
    assert_eq!(
        words("Congratulate the client first", 16),
        ["Congratulate the", "client first"]
    );
    assert_eq!(words("Allowances", 4), ["Allo", "wanc", "es"]);
    assert_eq!(words("", 8), [""]);
    assert_eq!(words("a b", 20), ["a b"]);
    assert_eq!(words("  a \n  b  ", 20), ["a b"]);
    // By display width: a CJK character takes two cells.
    assert_eq!(words("中文字 ab", 4), ["中文", "字", "ab"]);
    assert_eq!(words("中", 1), ["中"]);
}

/// The rows as text, for reading the examples.
fn shown(text: &str, width: usize) -> Vec<&str> {
    rows(text, width).into_iter().map(|r| &text[r]).collect()
}

#[test]
fn notes_keep_a_cell_for_the_cursor_and_hang_the_space_they_break_at() {
    // Ten cells: nine for text, the space at a break hangs in the tenth.
    assert_eq!(
        shown("Het gesprek ging goed", 10),
        ["Het ", "gesprek ", "ging goed"]
    );
    assert_eq!(shown("eén twee", 5), ["eén ", "twee"]);
    assert_eq!(shown("a\n\nb", 10), ["a", "", "b"]);
    assert_eq!(shown("", 10), [""]);
    // A line that fills its rows to the last cell gets a row for the cursor after it.
    assert_eq!(shown("123456789 \nx", 10), ["123456789 ", "", "x"]);
    assert_eq!(shown("aaaaaaaaaaaa", 10), ["aaaaaaaaa", "aaa"]);
    assert_eq!(shown("中文中文中文", 10), ["中文中文", "中文"]);
}

#[test]
fn the_cursor_stands_at_its_display_cell() {
    let text = "Het gesprek ging goed";
    assert_eq!(cursor(text, 0, 10), (0, 0));
    assert_eq!(cursor(text, 3, 10), (0, 3));
    // Where a row breaks: before the first letter of the next row.
    assert_eq!(cursor(text, 4, 10), (1, 0));
    assert_eq!(cursor(text, text.len(), 10), (2, 9));
    // Two cells a CJK character, one for é however it is written, two for an emoji.
    assert_eq!(cursor("中文x", "中文".len(), 20), (0, 4));
    assert_eq!(cursor("cafe\u{301} x", "cafe\u{301}".len(), 20), (0, 4));
    assert_eq!(cursor("👍🏽 ok", "👍🏽 ".len(), 20), (0, 3));
    // After the last line: its row; after a line that filled the field: the row under it.
    assert_eq!(cursor("ab\ncd", 2, 10), (0, 2));
    assert_eq!(cursor("ab\ncd", 3, 10), (1, 0));
    assert_eq!(cursor("123456789 ", 10, 10), (1, 0));
}

#[test]
fn moving_a_row_keeps_the_cell_or_the_end_of_a_shorter_row() {
    let text = "Het gesprek ging goed";
    let r = rows(text, 10);
    assert_eq!(byte_at(text, &r, 1, 2), 6);
    // The end of a row that does not end its line: before its last letter (the space).
    assert_eq!(byte_at(text, &r, 0, 8), 3);
    assert_eq!(byte_at(text, &r, 2, 40), text.len());
    assert_eq!(byte_at(text, &r, 9, 0), text.len());
    // In the middle of a wide character: before it.
    let cjk = "中文字";
    assert_eq!(byte_at(cjk, &rows(cjk, 20), 0, 3), "中".len());
}

const SAMPLES: &[&str] = &[
    "The client came on time and was well prepared. We talked about the vacancy at the \
     warehouse, the hours, and how to get there by bus. Next step: a trial day.",
    "Cliënt heeft een financieel overzicht meegenomen; de schuldhulpverlening is gestart. \
     Hij wil graag een re-integratietraject beginnen, maar zijn gezondheid (rugklachten) \
     maakt zwaar werk onmogelijk. Afspraak: één keer per week contact, café-werk is een optie. \
     Ook: coördinatie met de wijkteams, reünie, ideeën, naïef, Curaçao.",
    "Geschreven met losse accenten: cafe\u{301} coo\u{308}rdinatie ide\u{301}e\u{308}n \
     en een heel lang woord: arbeidsongeschiktheidsverzekeringsmaatschappijvertegenwoordiger.",
    "Goed gesprek 👍🏽 😀 vandaag, 👨‍👩‍👧 gezin erbij; 🇳🇱 vlag. 🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉\
     🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉 eind",
    "中文的客户说明：他今天来了，我们谈了工作和培训。日本語のテキストも、ここにあります。\
     한국어 텍스트도 있습니다. 全角スペース　で区切る　テキスト。",
    "Lijst:\n- eerste punt\n- tweede punt dat veel langer is dan de rest van de lijst en dus \
     over meerdere regels loopt\n\n\n    ingesprongen regel\nspaties   tussen      woorden \
     en aan het eind          \n",
    "          ",
    "",
];

/// Checks every promise of the rows of `text` at `width`.
fn check(text: &str, width: usize) {
    let r = rows(text, width);
    assert!(!r.is_empty());
    // The rows are the whole text: contiguous, or a line break between them.
    assert_eq!(r[0].start, 0);
    assert_eq!(r[r.len() - 1].end, text.len());
    for pair in r.windows(2) {
        let gap = &text[pair[0].end..pair[1].start];
        assert!(gap.is_empty() || gap == "\n", "{width}: gap {gap:?}");
    }
    let joined: String = r
        .iter()
        .enumerate()
        .map(|(n, x)| {
            let nl = if n + 1 < r.len() && ends_line(&r, n) {
                "\n"
            } else {
                ""
            };
            format!("{}{nl}", &text[x.clone()])
        })
        .collect();
    assert_eq!(joined, text);
    for x in &r {
        assert!(
            cells(&text[x.clone()]) <= width,
            "{width}: {:?}",
            &text[x.clone()]
        );
        assert!(!text[x.clone()].contains('\n'));
    }
    // Every place of the cursor: on a row that holds it, in a cell of the field.
    for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
        let (row, col) = cursor_in(text, &r, at);
        assert!(row < r.len() && col < width, "{width}: {at} at {row},{col}");
        assert!(r[row].start <= at && at <= r[row].end);
    }
    // Moving to a row and cell lands on that row, at or before the cell.
    for (row, _) in r.iter().enumerate() {
        for col in [0, 1, width / 2, width - 1] {
            let at = byte_at(text, &r, row, col);
            let (got_row, got_col) = cursor_in(text, &r, at);
            assert_eq!(got_row, row, "{width}: row {row} col {col}");
            assert!(got_col <= col);
        }
    }
}

#[test]
fn every_width_from_20_to_200_keeps_every_promise() {
    for width in 20..=200 {
        for text in SAMPLES {
            check(text, width);
        }
    }
    for width in (20..=200).step_by(9) {
        check(&SAMPLES.join("\n"), width);
    }
}

#[test]
fn a_row_holds_as_much_as_fits() {
    // Greedy: the next word would not have fitted on the row before.
    for width in 20..=200 {
        let text = SAMPLES[1];
        let r = rows(text, width);
        for pair in r.windows(2) {
            let next_word = text[pair[1].clone()].split(' ').next().unwrap_or("");
            let line = text[pair[0].clone()].trim_end();
            assert!(
                cells(line) + 1 + cells(next_word) > width - 1,
                "{width}: {line:?}"
            );
        }
    }
}

proptest! {
    #[test]
    fn any_text_at_any_width_keeps_every_promise(
        text in proptest::collection::vec(
            prop::sample::select(vec![
                "a", "word", " ", "  ", "\n", "é", "e\u{301}", "中", "文", "👍🏽", "🎉",
                "👨\u{200d}👩\u{200d}👧", "\u{3000}", "ij", "lange-samenstelling", "\u{a0}",
            ]),
            0..120,
        ),
        width in 20usize..=200,
    ) {
        check(&text.concat(), width);
    }
}
