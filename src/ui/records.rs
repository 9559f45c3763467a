//! A partner's commitments or celebrations as a list.

use super::theme::Theme;
use super::widgets::{cell, draw_lines, empty, row, view_block, view_rect};
use crate::app::{App, Cursor, RecordsKind};
use crate::model::{Outcome, PartnerId, Side};
use ratatui::Frame;

pub fn draw(
    frame: &mut Frame,
    app: &App,
    kind: RecordsKind,
    partner: PartnerId,
    cursor: Cursor,
    theme: &Theme,
) {
    let area = view_rect(frame.area());
    let name = app.ws().partner_name(partner).unwrap_or("?");
    let rows = app.scene().record_rows(kind, partner);
    let keys = |a| app.keymap.keys_text(a);
    use crate::action::Action;
    let note = format!(
        "{} add · {} edit · {} delete · {} close",
        keys(Action::Add),
        keys(Action::Edit),
        keys(Action::Delete),
        keys(Action::Back)
    );
    let block = view_block(
        format!("{} · {name} · {}", kind.title(), rows.len()),
        note,
        theme,
        area.width,
    );
    let inner = block.inner(area);
    super::widgets::clear(frame, area);
    if rows.is_empty() {
        let text = match kind {
            RecordsKind::Commitments => "No commitments yet: add what either side promised.",
            RecordsKind::Celebrations => "No celebrations yet: wins are worth marking.",
        };
        draw_lines(frame, area, &block, &empty(text, theme));
        return;
    }
    let total = inner.width as usize;
    let h = theme.column_header;
    let height = inner.height.saturating_sub(1) as usize;
    let (start, end) = cursor.window(rows.len(), height);
    let mut lines = Vec::new();
    match kind {
        RecordsKind::Commitments => {
            // The state column is as wide as its widest visible state (whole: "✓ kept late
            // 2026-12-05"); the promise takes the rest.
            let states: Vec<_> = rows[start..end]
                .iter()
                .map(|&i| commitment_state(app, &app.ws().commitments[i], theme))
                .collect();
            let state_w = states
                .iter()
                .map(|(t, _)| super::text::width(t) + 1)
                .chain([6])
                .max()
                .unwrap_or(6);
            let what_w = total.saturating_sub(6 + 11 + state_w).max(8);
            lines.push(row(
                vec![
                    cell("By", 6, h),
                    cell("Due", 11, h),
                    cell("Promise", what_w, h),
                    cell("State", state_w, h),
                ],
                total,
                false,
                theme,
            ));
            for (offset, (&i, (state, style))) in rows[start..end].iter().zip(states).enumerate() {
                let c = &app.ws().commitments[i];
                let by = if c.side == Side::Us { "us" } else { "them" };
                let spans = vec![
                    cell(by, 6, theme.accent),
                    cell(&c.due.to_string(), 11, theme.dim),
                    cell(&c.what, what_w, theme.base),
                    cell(&state, state_w, style),
                ];
                lines.push(row(spans, total, start + offset == cursor.selected, theme));
            }
        }
        RecordsKind::Celebrations => {
            let how_w = total.saturating_sub(11 + 20 + 28).max(8);
            lines.push(row(
                vec![
                    cell("Date", 11, h),
                    cell("How", how_w, h),
                    cell("With", 20, h),
                    cell("Milestone", 28, h),
                ],
                total,
                false,
                theme,
            ));
            for (offset, &i) in rows[start..end].iter().enumerate() {
                let c = &app.ws().celebrations[i];
                let milestone = c
                    .milestone
                    .and_then(|m| app.ws().milestone(m))
                    .map_or("", |m| m.title.as_str());
                let spans = vec![
                    cell(&c.date.to_string(), 11, theme.dim),
                    cell(&c.how, how_w, theme.base),
                    cell(&c.with, 20, theme.dim),
                    cell(milestone, 28, theme.accent),
                ];
                lines.push(row(spans, total, start + offset == cursor.selected, theme));
            }
        }
    }
    draw_lines(frame, area, &block, &lines);
}

/// A commitment's state as the list shows it, and its style.
fn commitment_state(
    app: &App,
    c: &crate::model::Commitment,
    theme: &Theme,
) -> (String, ratatui::style::Style) {
    match c.outcome {
        Some(Outcome::Kept(d)) if d <= c.due => (format!("✓ kept {d}"), theme.good),
        Some(Outcome::Kept(d)) => (format!("✓ kept late {d}"), theme.warn),
        Some(Outcome::Missed(d)) => (format!("✗ missed {d}"), theme.bad),
        None if c.due < app.today() => ("! overdue".into(), theme.bad),
        None => ("○ open".into(), theme.base),
    }
}
