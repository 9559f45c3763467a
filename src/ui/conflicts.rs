//! The merge conflicts as a list: record, field, and the base's, our and their values.

use super::theme::Theme;
use super::widgets::{cell, draw_lines, row, view_block, view_rect};
use crate::action::Action;
use crate::app::{App, Cursor};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, app: &App, cursor: Cursor, theme: &Theme) {
    let area = view_rect(frame.area());
    let keys = |a| app.keymap.keys_text(a);
    let note = format!(
        "{} keep ours · {} take theirs · {} edit · {} close",
        keys(Action::TakeOurs),
        keys(Action::TakeTheirs),
        keys(Action::Edit),
        keys(Action::Back)
    );
    let conflicts = &app.ws().conflicts;
    let block = view_block(
        format!("Merge conflicts · {} to decide", conflicts.len()),
        note,
        theme,
        area.width,
    );
    let inner = block.inner(area);
    super::widgets::clear(frame, area);
    let total = inner.width as usize;
    let h = theme.column_header;
    let value_w = total.saturating_sub(26 + 18 + 2) / 3;
    let record_w = 26;
    let field_w = 18;
    let mut lines = vec![row(
        vec![
            cell("Record", record_w, h),
            cell("Field", field_w, h),
            cell("Ours (kept until decided)", value_w, h),
            cell("Theirs", value_w, h),
            cell("Was", value_w, h),
        ],
        total,
        false,
        theme,
    )];
    let height = inner.height.saturating_sub(1) as usize;
    // The list may have shrunk under the selection (a conflict decided by a form): the last
    // row is selected then.
    let mut cursor = cursor;
    cursor.reveal(conflicts.len(), height);
    let (start, end) = cursor.window(conflicts.len(), height);
    for (offset, c) in conflicts.range(start..end).enumerate() {
        let name = match c.kind.as_str() {
            "partner" => app
                .ws()
                .partner_name(crate::model::PartnerId(c.id))
                .map(str::to_string),
            _ => None,
        };
        let record = match (c.id, name) {
            (0, _) => c.kind.clone(),
            (id, Some(name)) => format!("{} #{id} {name}", c.kind),
            (id, None) => format!("{} #{id}", c.kind),
        };
        let spans = vec![
            cell(&record, record_w, theme.accent),
            cell(&c.field, field_w, theme.dim),
            cell(&c.ours, value_w, theme.base),
            cell(&c.theirs, value_w, theme.warn),
            cell(&c.base, value_w, theme.dim),
        ];
        lines.push(row(spans, total, start + offset == cursor.selected, theme));
    }
    draw_lines(frame, area, &block, &lines);
}
