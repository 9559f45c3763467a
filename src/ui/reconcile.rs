//! Their side: the differences between a partner's last pack and our records, one a row
//! (record, field, ours, theirs, `✎` once noted in the log), the selected one in full below.

use super::theme::Theme;
use super::widgets::{cell, draw_lines, row, view_block, view_rect};
use crate::action::Action;
use crate::app::{App, ReconcileView};
use crate::share::reconcile::latest;
use ratatui::Frame;
use ratatui::text::{Line, Span};

pub fn draw(frame: &mut Frame, app: &App, view: &ReconcileView, theme: &Theme) {
    let area = view_rect(frame.area());
    let keys = |a| app.keymap.keys_text(a);
    let note = format!(
        "{} accept · {} note · {} leave",
        keys(Action::Accept),
        keys(Action::NoteDiscussed),
        keys(Action::Leave),
    );
    let name = app.ws().partner_name(view.partner).unwrap_or_default();
    let rows = app.scene().reconcile_rows(view.partner);
    let received = latest(app.ws(), view.partner);
    let title = match received {
        Some(_) => format!(
            "Their side · {name} · {}",
            crate::words::count(rows.len(), "difference")
        ),
        None => format!("Their side · {name}: no pack received"),
    };
    let block = view_block(title, note, theme, area.width);
    let inner = block.inner(area);
    super::widgets::clear(frame, area);
    let total = inner.width as usize;
    let h = theme.column_header;
    let record_w = (total / 3).clamp(12, 40);
    let field_w = 13;
    let mark_w = 2;
    let value_w = total.saturating_sub(record_w + field_w + mark_w) / 2;
    let header = row(
        vec![
            cell("Record", record_w, h),
            cell("Field", field_w, h),
            cell("Ours", value_w, h),
            cell("Theirs", value_w, h),
            cell("✎", mark_w, h),
        ],
        total,
        false,
        theme,
    );
    let from = received.map_or(String::new(), |r| {
        format!(
            " Their pack of {}, received {}, signed by {}",
            r.pack.made, r.received, r.fingerprint
        )
    });
    let mut lines = vec![Line::styled(from, theme.dim), header];
    if rows.is_empty() {
        lines.push(Line::styled("  Their side agrees with ours.", theme.dim));
        draw_lines(frame, area, &block, &lines);
        return;
    }
    // Two lines above the list say whose pack; three below tell the selected difference in
    // full.
    let height = (inner.height as usize).saturating_sub(5);
    let mut cursor = view.cursor;
    cursor.reveal(rows.len(), height);
    let (start, end) = cursor.window(rows.len(), height);
    for (i, (d, noted)) in rows.iter().enumerate().take(end).skip(start) {
        let record = format!("{} {}", d.kind, d.what);
        let spans = vec![
            cell(&record, record_w, theme.accent),
            cell(d.field, field_w, theme.dim),
            cell(&d.ours, value_w, theme.base),
            cell(&d.theirs, value_w, theme.warn),
            cell(if *noted { "✎" } else { "" }, mark_w, theme.dim),
        ];
        lines.push(row(spans, total, i == cursor.selected, theme));
    }
    while lines.len() < height + 2 {
        lines.push(Line::raw(""));
    }
    if let Some((d, noted)) = rows.get(cursor.selected) {
        lines.push(Line::raw(""));
        // Their words come from a file: made inert before they reach the terminal.
        let clean = crate::text::clean;
        let what = format!(" {} “{}”, {}: ", d.kind, clean(&d.what), d.field);
        lines.push(Line::from(vec![
            Span::styled(what, theme.accent),
            Span::styled(format!("ours {}", clean(&d.ours)), theme.base),
            Span::styled(format!(" · theirs {}", clean(&d.theirs)), theme.warn),
        ]));
        let after = match (&d.fix, noted) {
            (_, true) => " Noted in the log as discussed with them.",
            (None, false) => " Their view: nothing to take into our records.",
            (Some(_), false) => " Accepting gives our record their value (undo takes it back).",
        };
        lines.push(Line::styled(after, theme.dim));
    }
    draw_lines(frame, area, &block, &lines);
}
