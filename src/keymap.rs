//! The keymap as data: per mode, key → action, with a description and a help group.
//! The footer hints and the `?` help overlay are generated from this table.
//!
//! Reserved for the journey (bound by their screens): `n` intake, `t` trajectory,
//! `c` contact note, `x` exit interview, `a` aftercare check-in, `L` letter.

use crate::app::action::{Action, Answer, Screen};
use crate::app::workflows::FormKind;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the keyboard is: which table applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Keys that work on every screen without an overlay.
    Global,
    /// The caseload list has the focus.
    List,
    /// The client file has the focus.
    File,
    /// Keys that act on the selected client, alike in the list and in the file.
    Client,
    /// Typing a filter.
    Filter,
    /// The help overlay is open.
    Help,
    /// A client's history is open.
    History,
    /// A form has the focus.
    Form,
    /// The picker of a choice field is open.
    Picker,
    /// A question waits for an answer (its keys are in the popup).
    Confirm,
    /// The agenda screen.
    Agenda,
    /// The Reports screen.
    Reports,
    /// Typing the period of the report.
    Period,
    /// The command palette is open.
    Palette,
    /// A client's summary is open.
    Summary,
    /// The search over everything is open.
    Search,
}

impl Mode {
    /// Whether keys that are not bound go into a text (a field, a filter).
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Filter | Mode::Form | Mode::Picker | Mode::Period | Mode::Palette | Mode::Search
        )
    }
}

/// A key with its modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn ch(c: char) -> Key {
    k(KeyCode::Char(c))
}

const fn ctrl_key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::CONTROL,
    }
}

/// One line of the keymap.
#[derive(Clone, Debug)]
pub struct Binding {
    pub mode: Mode,
    pub key: Key,
    pub action: Action,
    /// i18n key of the description.
    pub desc: &'static str,
    /// i18n key of the help group.
    pub group: &'static str,
    /// Shown in the footer.
    pub hint: bool,
}

const fn b(
    mode: Mode,
    key: Key,
    action: Action,
    desc: &'static str,
    group: &'static str,
    hint: bool,
) -> Binding {
    Binding {
        mode,
        key,
        action,
        desc,
        group,
        hint,
    }
}

use Mode::*;

/// The default keys (caseworkers' muscle memory; end-to-end tests depend on them).
#[rustfmt::skip]
pub static KEYMAP: &[Binding] = &[
    b(Global, ch('1'), Action::Show(Screen::Caseload), "key.show_caseload", "group.screens", false),
    b(Global, ch('2'), Action::Show(Screen::Agenda), "key.show_agenda", "group.screens", false),
    b(Global, ch('3'), Action::Show(Screen::Reports), "key.show_reports", "group.screens", false),
    b(Global, ch('?'), Action::ToggleHelp, "key.help", "group.general", true),
    b(Global, ch('q'), Action::Quit, "key.quit", "group.general", true),
    b(Global, ctrl('c'), Action::Quit, "key.quit", "group.general", false),
    b(Global, ch('u'), Action::Undo, "key.undo", "group.general", false),
    b(Global, ctrl('r'), Action::Redo, "key.redo", "group.general", false),
    b(Global, ch('M'), Action::Messages, "key.messages", "group.general", false),
    b(Global, ch(':'), Action::Palette, "key.palette", "group.general", true),
    b(Global, ch('n'), Action::Form(FormKind::Intake), "key.new_intake", "group.journey", true),
    b(Global, ch('D'), Action::OpenDraft, "key.open_draft", "group.journey", false),
    b(Global, ctrl('p'), Action::Palette, "key.palette", "group.general", false),
    b(Global, ctrl('f'), Action::Search, "key.search", "group.general", false),
    b(List, ch('j'), Action::Down, "key.down", "group.move", false),
    b(List, k(KeyCode::Down), Action::Down, "key.down", "group.move", false),
    b(List, ch('k'), Action::Up, "key.up", "group.move", false),
    b(List, k(KeyCode::Up), Action::Up, "key.up", "group.move", false),
    b(List, k(KeyCode::PageDown), Action::PageDown, "key.page_down", "group.move", false),
    b(List, k(KeyCode::PageUp), Action::PageUp, "key.page_up", "group.move", false),
    b(List, ch('g'), Action::Top, "key.top", "group.move", false),
    b(List, k(KeyCode::Home), Action::Top, "key.top", "group.move", false),
    b(List, ch('G'), Action::Bottom, "key.bottom", "group.move", false),
    b(List, k(KeyCode::End), Action::Bottom, "key.bottom", "group.move", false),
    b(List, k(KeyCode::Enter), Action::Open, "key.open", "group.list", true),
    b(List, k(KeyCode::Tab), Action::NextPane, "key.next_pane", "group.move", true),
    b(List, k(KeyCode::BackTab), Action::PrevPane, "key.prev_pane", "group.move", false),
    b(List, ch('/'), Action::StartFilter, "key.filter", "group.list", true),
    b(List, k(KeyCode::Esc), Action::ClearFilter, "key.clear_filter", "group.list", false),
    b(List, ch('!'), Action::FlaggedOnly, "key.flagged_only", "group.list", false),
    b(List, ch('o'), Action::SortList, "key.sort_list", "group.list", false),
    b(File, ch('j'), Action::Down, "key.scroll_down", "group.file", false),
    b(File, k(KeyCode::Down), Action::Down, "key.scroll_down", "group.file", false),
    b(File, ch('k'), Action::Up, "key.scroll_up", "group.file", false),
    b(File, k(KeyCode::Up), Action::Up, "key.scroll_up", "group.file", false),
    b(File, k(KeyCode::PageDown), Action::PageDown, "key.page_down", "group.file", false),
    b(File, k(KeyCode::PageUp), Action::PageUp, "key.page_up", "group.file", false),
    b(File, ch('g'), Action::Top, "key.top", "group.file", false),
    b(File, ch('G'), Action::Bottom, "key.bottom", "group.file", false),
    b(File, k(KeyCode::Home), Action::Top, "key.top", "group.file", false),
    b(File, k(KeyCode::End), Action::Bottom, "key.bottom", "group.file", false),
    b(File, k(KeyCode::Tab), Action::NextPane, "key.next_pane", "group.move", false),
    b(File, k(KeyCode::BackTab), Action::PrevPane, "key.prev_pane", "group.move", false),
    b(File, k(KeyCode::Esc), Action::Back, "key.back", "group.file", true),
    b(File, ch('/'), Action::StartFilter, "key.filter", "group.list", false),
    b(Client, ch('a'), Action::Form(FormKind::CheckIn), "checkin.key.check_in", "group.journey", true),
    b(Client, ch('A'), Action::Form(FormKind::Unplanned), "unplanned.key.add", "group.journey", true),
    b(Client, ch('E'), Action::ExtendAftercare, "checkin.key.extend", "group.journey", false),
    b(Client, ch('X'), Action::Form(FormKind::AftercareEnd), "checkin.key.end", "group.journey", false),
    b(Client, ch('v'), Action::Form(FormKind::Review), "key.review", "group.journey", true),
    b(Client, ch('T'), Action::Form(FormKind::TrajectoryStatus), "key.trajectory_status", "group.journey", true),
    b(Client, ch('x'), Action::Form(FormKind::Exit), "key.exit_interview", "group.journey", true),
    b(Client, ch('c'), Action::Form(FormKind::Note), "key.add_note", "group.journey", true),
    b(Client, ch('p'), Action::Form(FormKind::Plan), "key.edit_plan", "group.journey", true),
    b(Client, ch('t'), Action::Form(FormKind::Trajectory), "key.assign_trajectory", "group.journey", true),
    b(Client, ch('R'), Action::ReEnter, "key.re_enter", "group.journey", true),
    b(Client, ch('L'), Action::Letter, "key.letter", "group.journey", true),
    b(Client, ch('W'), Action::Form(FormKind::ExitWithdraw), "key.withdraw_exit", "group.journey", false),
    b(Client, ch('e'), Action::Form(FormKind::IntakeEdit), "key.edit_intake", "group.journey", false),
    b(Client, ch('s'), Action::Form(FormKind::Reassess), "key.reassess", "group.journey", false),
    b(Client, ch('P'), Action::Form(FormKind::PremiumPay), "premium_pay.key.pay", "group.journey", false),
    b(Client, ch('U'), Action::TakeBackPremium, "premium_pay.key.take_back", "group.journey", false),
    b(Client, ch('h'), Action::History, "key.history", "group.file", false),
    b(Client, ch('S'), Action::Summary, "key.summary", "group.file", false),
    b(File, ch('f'), Action::TimelineFilter, "key.timeline_filter", "group.file", false),
    b(File, ch(']'), Action::NextItem, "key.next_item", "group.file", false),
    b(File, ch('['), Action::PrevItem, "key.prev_item", "group.file", false),
    b(File, ch('d'), Action::Void, "key.void", "group.file", false),
    b(File, ch(' '), Action::ToggleDone, "key.toggle_done", "group.file", true),
    b(File, k(KeyCode::Enter), Action::Open, "key.open_file_item", "group.file", false),
    b(Agenda, ch('j'), Action::Down, "key.down", "group.move", false),
    b(Agenda, k(KeyCode::Down), Action::Down, "key.down", "group.move", false),
    b(Agenda, ch('k'), Action::Up, "key.up", "group.move", false),
    b(Agenda, k(KeyCode::Up), Action::Up, "key.up", "group.move", false),
    b(Agenda, k(KeyCode::PageDown), Action::PageDown, "key.page_down", "group.move", false),
    b(Agenda, k(KeyCode::PageUp), Action::PageUp, "key.page_up", "group.move", false),
    b(Agenda, ch('g'), Action::Top, "key.top", "group.move", false),
    b(Agenda, ch('G'), Action::Bottom, "key.bottom", "group.move", false),
    b(Agenda, k(KeyCode::Enter), Action::Open, "key.open_item", "group.agenda", true),
    b(Agenda, ch('/'), Action::StartFilter, "key.filter", "group.agenda", true),
    b(Agenda, ch('a'), Action::Form(FormKind::CheckIn), "checkin.key.check_in_item", "group.agenda", false),
    b(Agenda, k(KeyCode::Esc), Action::ClearFilter, "key.clear_filter", "group.agenda", false),
    b(Agenda, ch('!'), Action::FlaggedOnly, "key.overdue_only", "group.agenda", false),
    b(Reports, ch('j'), Action::Down, "key.scroll_down", "group.reports", false),
    b(Reports, k(KeyCode::Down), Action::Down, "key.scroll_down", "group.reports", false),
    b(Reports, ch('k'), Action::Up, "key.scroll_up", "group.reports", false),
    b(Reports, k(KeyCode::Up), Action::Up, "key.scroll_up", "group.reports", false),
    b(Reports, k(KeyCode::PageDown), Action::PageDown, "key.page_down", "group.reports", false),
    b(Reports, k(KeyCode::PageUp), Action::PageUp, "key.page_up", "group.reports", false),
    b(Reports, ch('g'), Action::Top, "key.top", "group.reports", false),
    b(Reports, ch('G'), Action::Bottom, "key.bottom", "group.reports", false),
    b(Reports, ch('p'), Action::ReportPeriod, "report.key.period", "group.reports", true),
    b(Reports, ch('['), Action::ReportEarlier, "report.key.earlier", "group.reports", true),
    b(Reports, ch(']'), Action::ReportLater, "report.key.later", "group.reports", true),
    b(Reports, ch('/'), Action::StartFilter, "report.key.type", "group.reports", true),
    b(Period, k(KeyCode::Enter), Action::AcceptFilter, "report.key.apply", "group.reports", true),
    b(Period, k(KeyCode::Esc), Action::ClearFilter, "key.cancel", "group.reports", true),
    b(Period, ctrl('c'), Action::Quit, "key.quit", "group.general", false),
    b(Palette, k(KeyCode::Enter), Action::Enter, "key.run_command", "group.palette", true),
    b(Palette, k(KeyCode::Esc), Action::Leave, "key.close_palette", "group.palette", true),
    b(Palette, ctrl('p'), Action::Palette, "key.close_palette", "group.palette", false),
    b(Palette, k(KeyCode::Down), Action::Down, "key.down", "group.palette", false),
    b(Palette, k(KeyCode::Up), Action::Up, "key.up", "group.palette", false),
    b(Palette, k(KeyCode::PageDown), Action::PageDown, "key.page_down", "group.palette", false),
    b(Palette, k(KeyCode::PageUp), Action::PageUp, "key.page_up", "group.palette", false),
    b(Palette, ctrl('c'), Action::Quit, "key.quit", "group.general", false),
    b(Search, k(KeyCode::Enter), Action::Enter, "key.open_found", "group.search", true),
    b(Search, k(KeyCode::Esc), Action::Leave, "key.close_search", "group.search", true),
    b(Search, ctrl('f'), Action::Search, "key.close_search", "group.search", false),
    b(Search, k(KeyCode::Down), Action::Down, "key.down", "group.search", false),
    b(Search, k(KeyCode::Up), Action::Up, "key.up", "group.search", false),
    b(Search, k(KeyCode::PageDown), Action::PageDown, "key.page_down", "group.search", false),
    b(Search, k(KeyCode::PageUp), Action::PageUp, "key.page_up", "group.search", false),
    b(Search, ctrl('c'), Action::Quit, "key.quit", "group.general", false),
    b(Filter, k(KeyCode::Enter), Action::AcceptFilter, "key.accept_filter", "group.list", true),
    b(Filter, k(KeyCode::Esc), Action::ClearFilter, "key.clear_filter", "group.list", true),
    b(Filter, k(KeyCode::Down), Action::Down, "key.down", "group.move", false),
    b(Filter, k(KeyCode::Up), Action::Up, "key.up", "group.move", false),
    b(Filter, ctrl('c'), Action::Quit, "key.quit", "group.general", false),
    b(History, k(KeyCode::Esc), Action::Back, "key.close_history", "group.general", true),
    b(History, ch('h'), Action::Back, "key.close_history", "group.general", false),
    b(History, ch('q'), Action::Back, "key.close_history", "group.general", false),
    b(History, ctrl('c'), Action::Quit, "key.quit", "group.general", false),
    b(History, ch('j'), Action::Down, "key.scroll_down", "group.general", false),
    b(History, k(KeyCode::Down), Action::Down, "key.scroll_down", "group.general", false),
    b(History, ch('k'), Action::Up, "key.scroll_up", "group.general", false),
    b(History, k(KeyCode::Up), Action::Up, "key.scroll_up", "group.general", false),
    b(History, k(KeyCode::PageDown), Action::PageDown, "key.page_down", "group.general", false),
    b(History, k(KeyCode::PageUp), Action::PageUp, "key.page_up", "group.general", false),
    b(Summary, k(KeyCode::Esc), Action::Back, "key.close_summary", "group.general", true),
    b(Summary, ch('S'), Action::Back, "key.close_summary", "group.general", false),
    b(Summary, ch('q'), Action::Back, "key.close_summary", "group.general", false),
    b(Summary, ctrl('c'), Action::Quit, "key.quit", "group.general", false),
    b(Summary, ch('j'), Action::Down, "key.scroll_down", "group.general", false),
    b(Summary, k(KeyCode::Down), Action::Down, "key.scroll_down", "group.general", false),
    b(Summary, ch('k'), Action::Up, "key.scroll_up", "group.general", false),
    b(Summary, k(KeyCode::Up), Action::Up, "key.scroll_up", "group.general", false),
    b(Summary, k(KeyCode::PageDown), Action::PageDown, "key.page_down", "group.general", false),
    b(Summary, k(KeyCode::PageUp), Action::PageUp, "key.page_up", "group.general", false),
    b(Help, k(KeyCode::Esc), Action::ToggleHelp, "key.close_help", "group.general", true),
    b(Help, ch('?'), Action::ToggleHelp, "key.close_help", "group.general", false),
    b(Help, ch('q'), Action::ToggleHelp, "key.close_help", "group.general", false),
    b(Help, ctrl('c'), Action::Quit, "key.quit", "group.general", false),
    b(Help, ch('j'), Action::Down, "key.scroll_down", "group.general", false),
    b(Help, k(KeyCode::Down), Action::Down, "key.scroll_down", "group.general", false),
    b(Help, ch('k'), Action::Up, "key.scroll_up", "group.general", false),
    b(Help, k(KeyCode::Up), Action::Up, "key.scroll_up", "group.general", false),
    b(Help, k(KeyCode::PageDown), Action::PageDown, "key.page_down", "group.general", false),
    b(Help, k(KeyCode::PageUp), Action::PageUp, "key.page_up", "group.general", false),
    b(Form, k(KeyCode::Tab), Action::NextField, "key.next_field", "group.form", true),
    b(Form, k(KeyCode::BackTab), Action::PrevField, "key.prev_field", "group.form", false),
    b(Form, k(KeyCode::Down), Action::Down, "key.next_field", "group.form", false),
    b(Form, k(KeyCode::Up), Action::Up, "key.prev_field", "group.form", false),
    b(Form, k(KeyCode::Enter), Action::Enter, "key.form_enter", "group.form", true),
    b(Form, ctrl_key(KeyCode::Right), Action::NextStep, "key.next_step", "group.form", true),
    b(Form, ctrl_key(KeyCode::Left), Action::PrevStep, "key.prev_step", "group.form", false),
    b(Form, k(KeyCode::PageDown), Action::NextStep, "key.next_step", "group.form", false),
    b(Form, k(KeyCode::PageUp), Action::PrevStep, "key.prev_step", "group.form", false),
    b(Form, ctrl('s'), Action::Save, "key.save", "group.form", true),
    b(Form, k(KeyCode::Esc), Action::Leave, "key.leave_form", "group.form", true),
    b(Form, ctrl('c'), Action::Quit, "key.quit", "group.general", false),
    b(Form, ctrl('p'), Action::Palette, "key.palette", "group.general", false),
    b(Picker, k(KeyCode::Down), Action::Down, "key.down", "group.picker", false),
    b(Picker, k(KeyCode::Up), Action::Up, "key.up", "group.picker", false),
    b(Picker, k(KeyCode::PageDown), Action::PageDown, "key.page_down", "group.picker", false),
    b(Picker, k(KeyCode::PageUp), Action::PageUp, "key.page_up", "group.picker", false),
    b(Picker, k(KeyCode::Enter), Action::Enter, "key.choose", "group.picker", true),
    b(Picker, ch(' '), Action::Toggle, "key.toggle", "group.picker", true),
    b(Picker, k(KeyCode::Esc), Action::Leave, "key.close_picker", "group.picker", true),
    b(Picker, ctrl('c'), Action::Quit, "key.quit", "group.general", false),
    b(Confirm, k(KeyCode::Enter), Action::Answer(Answer::Yes), "key.answer_yes", "group.answers", false),
    b(Confirm, ch('d'), Action::Answer(Answer::Discard), "key.answer_discard", "group.answers", false),
    b(Confirm, ch('D'), Action::Answer(Answer::Discard), "key.answer_discard", "group.answers", false),
    b(Confirm, ch('n'), Action::Answer(Answer::Fresh), "key.answer_fresh", "group.answers", false),
    b(Confirm, ch('N'), Action::Answer(Answer::Fresh), "key.answer_fresh", "group.answers", false),
    b(Confirm, ch('o'), Action::Answer(Answer::Open), "key.answer_open", "group.answers", false),
    b(Confirm, ch('O'), Action::Answer(Answer::Open), "key.answer_open", "group.answers", false),
    b(Confirm, ch('e'), Action::Answer(Answer::Episode), "key.answer_episode", "group.answers", false),
    b(Confirm, ch('E'), Action::Answer(Answer::Episode), "key.answer_episode", "group.answers", false),
    b(Confirm, ch('j'), Action::Answer(Answer::Jobhunter), "key.answer_jobhunter", "group.answers", false),
    b(Confirm, ch('J'), Action::Answer(Answer::Jobhunter), "key.answer_jobhunter", "group.answers", false),
    b(Confirm, ch('1'), Action::Answer(Answer::Number(1)), "key.answer_number", "group.answers", false),
    b(Confirm, ch('2'), Action::Answer(Answer::Number(2)), "key.answer_number", "group.answers", false),
    b(Confirm, ch('3'), Action::Answer(Answer::Number(3)), "key.answer_number", "group.answers", false),
    b(Confirm, ch('4'), Action::Answer(Answer::Number(4)), "key.answer_number", "group.answers", false),
    b(Confirm, ch('5'), Action::Answer(Answer::Number(5)), "key.answer_number", "group.answers", false),
    b(Confirm, ch('6'), Action::Answer(Answer::Number(6)), "key.answer_number", "group.answers", false),
    b(Confirm, ch('7'), Action::Answer(Answer::Number(7)), "key.answer_number", "group.answers", false),
    b(Confirm, ch('8'), Action::Answer(Answer::Number(8)), "key.answer_number", "group.answers", false),
    b(Confirm, ch('9'), Action::Answer(Answer::Number(9)), "key.answer_number", "group.answers", false),
    b(Confirm, k(KeyCode::Esc), Action::Answer(Answer::Cancel), "key.cancel", "group.general", true),
    b(Confirm, ctrl('c'), Action::Quit, "key.quit", "group.general", false),
];

/// Normalises a key event: Shift on a printable character is in the character itself.
fn normalise(ev: KeyEvent) -> Key {
    let mut mods = ev.modifiers - KeyModifiers::SHIFT;
    if ev.code == KeyCode::BackTab {
        mods -= KeyModifiers::SHIFT;
    }
    if let KeyCode::Char(_) = ev.code {
        mods -= KeyModifiers::SHIFT;
    }
    Key {
        code: ev.code,
        mods,
    }
}

/// The caseworker's own table (from `keys.toml`), once installed at start.
static USER: std::sync::OnceLock<Vec<Binding>> = std::sync::OnceLock::new();

/// Uses `table` instead of the built-in keys from now on (once, at start).
pub fn install(table: Vec<Binding>) {
    let _ = USER.set(table);
}

/// The keys in use: the caseworker's own table, else the built-in one.
pub fn table() -> &'static [Binding] {
    USER.get().map_or(KEYMAP, Vec::as_slice)
}

/// Whether a row of `row` applies while the keyboard is in `mode`: its own rows, the
/// client's under the list and the file, the global ones under every screen.
pub fn applies_in(row: Mode, mode: Mode) -> bool {
    row == mode
        || (row == Client && matches!(mode, List | File))
        || (row == Global && matches!(mode, List | File | Agenda | Reports))
}

/// The action bound to a key in `mode`; Client applies under List and File, Global under
/// every screen.
pub fn lookup(mode: Mode, ev: KeyEvent) -> Option<Action> {
    let key = normalise(ev);
    let find = |m: Mode| {
        table()
            .iter()
            .find(|b| b.mode == m && b.key == key)
            .map(|b| b.action.clone())
    };
    find(mode)
        .or_else(|| match mode {
            List | File => find(Client),
            _ => None,
        })
        .or_else(|| match mode {
            List | File | Agenda | Reports => find(Global),
            _ => None,
        })
}

/// The binding of a key on another screen or pane than `mode` (the list, the file, the
/// agenda, the reports), for saying where a key works.
pub fn elsewhere(mode: Mode, ev: KeyEvent) -> Option<&'static Binding> {
    let key = normalise(ev);
    [List, File, Agenda, Reports]
        .into_iter()
        .filter(|m| *m != mode)
        .find_map(|m| bindings(m).find(|b| b.key == key && b.mode != Global))
}

/// The bindings of a mode (with Client under List and File, Global under every screen), in
/// table order.
pub fn bindings(mode: Mode) -> impl Iterator<Item = &'static Binding> {
    table().iter().filter(move |b| applies_in(b.mode, mode))
}

/// The first key bound to `action` in `mode` (the header's tab keys, popups).
pub fn key_for(mode: Mode, action: &Action) -> Option<Key> {
    bindings(mode).find(|b| b.action == *action).map(|b| b.key)
}

/// How a key is written in hints and help: `j`, `↓`, `Ctrl-C`, `Shift-Tab`.
pub fn key_label(key: Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if key.mods.contains(KeyModifiers::CONTROL) {
        let base = if base.len() == 1 {
            base.to_uppercase()
        } else {
            base
        };
        format!("Ctrl-{base}")
    } else if key.mods.contains(KeyModifiers::ALT) {
        format!("Alt-{base}")
    } else {
        base
    }
}
