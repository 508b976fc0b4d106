//! `S` in the client file: the client's story in one screen, the BSN masked; Esc closes.

use crate::common::*;
use caseload::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

#[test]
fn s_shows_the_clients_summary_in_one_screen_and_esc_closes_it() {
    for lang in [Lang::En, Lang::Nl] {
        let mut app = app(demo_store(5), lang);
        press(&mut app, KeyCode::Enter);
        let bsn = app
            .state()
            .caseload
            .file
            .as_ref()
            .unwrap()
            .client
            .person
            .bsn
            .clone();
        press(&mut app, KeyCode::Char('S'));
        let s = screen(&app);
        let (who, agreements) = match lang {
            Lang::En => ("Who", "Open agreements"),
            Lang::Nl => ("Wie", "Open afspraken"),
        };
        assert!(s.contains(who) && s.contains(agreements), "{s}");
        assert!(
            s.contains(&bsn.masked()) && !s.contains(bsn.as_str()),
            "{s}"
        );
        insta::assert_snapshot!(format!("summary_{lang:?}"), s);
        press(&mut app, KeyCode::Esc);
        assert!(!screen(&app).contains(agreements));
    }
}
