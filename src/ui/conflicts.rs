//! The merge conflicts as a list: each names the record and field, ours, theirs and what it was
//! in words, and who made each side and when, one row each under the record's row, the values
//! taking the width the names and days leave. `Enter` shows the selected one in full.

use super::text::{fit, width};
use super::theme::Theme;
use super::widgets::{cell, draw_lines, row, view_block, view_rect};
use crate::action::Action;
use crate::app::conflicts_view::words::{Tone, by_words, full_lines, heading_in};
use crate::app::conflicts_view::{ConflictsView, ROWS_PER_CONFLICT};
use crate::app::{App, Cursor};
use crate::model::MergeConflict;
use crate::model::conflict_words::{Which, value_words};
use ratatui::Frame;
use ratatui::text::{Line, Span};

pub fn draw(frame: &mut Frame, app: &App, view: ConflictsView, theme: &Theme) {
    let conflicts = &app.ws().conflicts;
    let mut cursor = view.cursor;
    // The list may have shrunk under the selection (a conflict decided by a form): the last
    // row is selected then.
    cursor.reveal(conflicts.len(), usize::MAX);
    match (view.full, conflicts.get(cursor.selected)) {
        (Some(scroll), Some(c)) => draw_full(frame, app, c, cursor.selected, scroll, theme),
        _ => draw_list(frame, app, view.cursor, theme),
    }
}

fn draw_list(frame: &mut Frame, app: &App, cursor: Cursor, theme: &Theme) {
    let area = view_rect(frame.area());
    let keys = |a| app.keymap.keys_text(a);
    let conflicts = &app.ws().conflicts;
    let title = format!("Merge conflicts · {} to decide", conflicts.len());
    let mut note = format!(
        "{} keep ours · {} take theirs · {} in full · {} edit · {} close",
        keys(Action::TakeOurs),
        keys(Action::TakeTheirs),
        keys(Action::ConflictInFull),
        keys(Action::Edit),
        keys(Action::Back)
    );
    // Where the title and the keys do not both fit, the keys say less (the footer has them).
    if width(&title) + width(&note) + 7 > area.width as usize {
        note = format!(
            "{} ours · {} theirs · {} in full · {} edit",
            keys(Action::TakeOurs),
            keys(Action::TakeTheirs),
            keys(Action::ConflictInFull),
            keys(Action::Edit),
        );
    }
    let block = view_block(title, note, theme, area.width);
    let inner = block.inner(area);
    super::widgets::clear(frame, area);
    let total = inner.width as usize;
    let [label, value_w, by_w] = columns(total);
    let h = theme.column_header;
    let mut lines = vec![row(
        vec![
            cell("Record · field", label + value_w, h),
            cell("Who made it, when", by_w, h),
        ],
        total,
        false,
        theme,
    )];
    let height = (inner.height.saturating_sub(1) as usize / ROWS_PER_CONFLICT).max(1);
    let mut cursor = cursor;
    cursor.reveal(conflicts.len(), height);
    let (start, end) = cursor.window(conflicts.len(), height);
    let today = app.today();
    for (offset, c) in conflicts.range(start..end).enumerate() {
        let selected = start + offset == cursor.selected;
        let rows = conflict_rows(app, c, total, today, theme);
        lines.extend(rows.into_iter().map(|r| row(r, total, selected, theme)));
    }
    draw_lines(frame, area, &block, &lines);
}

/// The widths of a side's name, its value, and who made it and when: the value takes what the
/// other two leave (the whole width serves the values, which are what people read).
fn columns(total: usize) -> [usize; 3] {
    let label = 9;
    let by = (total / 3).min(30);
    [label, total.saturating_sub(label + by), by]
}

/// A conflict on four rows: the record and field; ours, theirs and what it was, each with who
/// made it and when at the right.
fn conflict_rows(
    app: &App,
    c: &MergeConflict,
    total: usize,
    today: chrono::NaiveDate,
    theme: &Theme,
) -> Vec<Vec<Span<'static>>> {
    let ws = app.ws();
    let [label, value_w, by_w] = columns(total);
    let mut rows = vec![vec![cell(
        &heading_in(ws, c, total.saturating_sub(1)),
        total,
        theme.accent,
    )]];
    for (which, name, style) in [
        (Which::Ours, "ours", theme.base),
        (Which::Theirs, "theirs", theme.warn),
        (Which::Base, "was", theme.dim),
    ] {
        rows.push(vec![
            cell(&format!("  {name}"), label, theme.dim),
            cell(&value_words(c, which), value_w, style),
            cell(&by_words(ws, c, which, today), by_w, theme.dim),
        ]);
    }
    rows
}

/// The selected conflict in full: both values (and what it was) wrapped, scrolled.
fn draw_full(
    frame: &mut Frame,
    app: &App,
    c: &MergeConflict,
    index: usize,
    scroll: usize,
    theme: &Theme,
) {
    let area = view_rect(frame.area());
    let keys = |a| app.keymap.keys_text(a);
    let count = app.ws().conflicts.len();
    let title = format!("Merge conflict {} of {count} in full", index + 1);
    let mut note = format!(
        "{} keep ours · {} take theirs · {} edit · {} back to the list",
        keys(Action::TakeOurs),
        keys(Action::TakeTheirs),
        keys(Action::Edit),
        keys(Action::Back)
    );
    if width(&title) + width(&note) + 7 > area.width as usize {
        note = format!("{} back to the list", keys(Action::Back));
    }
    let block = view_block(title, note, theme, area.width);
    let inner = block.inner(area);
    super::widgets::clear(frame, area);
    let width = inner.width as usize;
    let all = full_lines(app.ws(), c, app.today(), width);
    let page = inner.height as usize;
    let scroll = scroll.min(all.len().saturating_sub(page));
    let more = all.len() > scroll + page;
    let mut lines: Vec<Line> = all
        .into_iter()
        .skip(scroll)
        .take(page)
        .map(|(tone, text)| {
            let style = match tone {
                Tone::Heading => theme.accent,
                Tone::Label => theme.column_header,
                Tone::Ours => theme.base,
                Tone::Theirs => theme.warn,
                Tone::Base | Tone::Dim => theme.dim,
            };
            Line::styled(fit(&text, width), style)
        })
        .collect();
    if more && let Some(last) = lines.last_mut() {
        *last = Line::styled(
            fit(
                &format!("… more below ({} scrolls)", keys(Action::Down)),
                width,
            ),
            theme.dim,
        );
    }
    draw_lines(frame, area, &block, &lines);
}
