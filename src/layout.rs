//! Screen geometry shared by rendering and by the app (how many rows a list shows).

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this size the app shows "window too small".
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width the caseload list and the client file stand side by side; below it
/// one of them takes the whole width (the list with every column, or the open file).
pub const SPLIT_WIDTH: u16 = 100;

/// The header (tabs), body, status line and key hints.
pub struct Frame {
    pub header: Rect,
    pub body: Rect,
    pub status: Rect,
    pub hints: Rect,
}

/// Splits the whole terminal area.
pub fn frame(area: Rect) -> Frame {
    let [header, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    Frame {
        header,
        body,
        status,
        hints,
    }
}

/// The list and file panes of the caseload screen (the file is empty when narrow);
/// the pane with the focus gets the larger share.
pub fn panes(body: Rect, file_focused: bool) -> (Rect, Rect) {
    if body.width >= SPLIT_WIDTH {
        let list_share = if file_focused { 40 } else { 58 };
        let [list, file] = Layout::horizontal([
            Constraint::Percentage(list_share),
            Constraint::Percentage(100 - list_share),
        ])
        .areas(body);
        (list, file)
    } else {
        (body, Rect::new(body.x, body.y, 0, 0))
    }
}

/// How many list rows fit in a terminal of `size` (borders and column header excluded).
pub fn list_rows(size: (u16, u16)) -> usize {
    let f = frame(Rect::new(0, 0, size.0, size.1));
    usize::from(table_rows(f.body).height)
}

/// Where the rows of a bordered table with a one-line column header stand in `area` (the
/// caseload list, the agenda): the first row on the area's third line.
pub fn table_rows(area: Rect) -> Rect {
    Rect::new(
        area.x.saturating_add(1),
        area.y.saturating_add(2),
        area.width.saturating_sub(2),
        area.height.saturating_sub(3),
    )
}

/// The widths of the columns of a bordered table in `area` as the table lays them out
/// (spacing 1, from the start), so that a cell can be cut to its column with `…`.
pub fn table_columns(widths: &[ratatui::layout::Constraint], area: Rect) -> Vec<usize> {
    ratatui::layout::Layout::horizontal(widths.to_vec())
        .flex(ratatui::layout::Flex::Start)
        .spacing(1)
        .split(Rect::new(0, 0, area.width.saturating_sub(2), 1))
        .iter()
        .map(|c| usize::from(c.width))
        .collect()
}

/// The row at the cell `(x, y)` of a list of `len` rows drawn in `rows` from its row
/// `offset` on; `None` off its rows.
pub fn row_at(rows: Rect, offset: usize, len: usize, x: u16, y: u16) -> Option<usize> {
    if !rows.contains(ratatui::layout::Position::new(x, y)) {
        return None;
    }
    let n = offset + usize::from(y - rows.y);
    (n < len).then_some(n)
}

/// The label column of a form is at most this wide.
const FORM_LABEL: u16 = 32;

/// The label column of a form whose inside is `width` cells wide.
pub fn form_label_width(width: u16) -> u16 {
    FORM_LABEL.min(width / 2)
}

/// The value column of a form whose inside is `width` cells wide (after the labels and a
/// cell between).
pub fn form_value_width(width: u16) -> u16 {
    width.saturating_sub(form_label_width(width) + 1)
}

/// The value column of a form on a terminal of `size`: a form takes the body, inside its
/// border. A notes field wraps its text at this width, and moving a row up or down in it
/// counts with the same rows.
pub fn form_values_on(size: (u16, u16)) -> u16 {
    let body = frame(Rect::new(0, 0, size.0, size.1)).body;
    form_value_width(body.width.saturating_sub(2))
}

/// A centred rectangle of at most `w`×`h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// From this size of the body the Reports screen draws its charts above the figures.
pub const REPORT_CHARTS_MIN: (u16, u16) = (90, 24);
/// The height of the Reports screen's row of charts.
pub const REPORT_CHARTS_HEIGHT: u16 = 9;

/// The Reports screen's charts row (when it fits) and the figures below it, inside the
/// screen's border.
pub fn report_areas(body: Rect) -> (Option<Rect>, Rect) {
    let inner = Rect::new(
        body.x + 1,
        body.y + 1,
        body.width.saturating_sub(2),
        body.height.saturating_sub(2),
    );
    if inner.width < REPORT_CHARTS_MIN.0 || inner.height < REPORT_CHARTS_MIN.1 {
        return (None, inner);
    }
    let [charts, text] =
        Layout::vertical([Constraint::Length(REPORT_CHARTS_HEIGHT), Constraint::Min(1)])
            .areas(inner);
    (Some(charts), text)
}

/// How many lines of figures the Reports screen shows in a terminal of `size`.
pub fn report_rows(size: (u16, u16)) -> usize {
    let f = frame(Rect::new(0, 0, size.0, size.1));
    usize::from(report_areas(f.body).1.height)
}
