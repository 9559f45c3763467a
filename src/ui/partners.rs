//! The Partners pane: every partner with kind, phase, days since last contact against its
//! cadence, and a flag for anything needing attention.

use super::text::pad_left;
use super::theme::Theme;
use super::widgets::{
    cell, empty, filtered_out, highlighted, pane_block, pane_row, render_lines, render_wrapped, row,
};
use crate::app::{App, Pane};
use crate::insight::communication::ContactStatus;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

pub fn status_style(status: ContactStatus, theme: &Theme) -> ratatui::style::Style {
    match status {
        ContactStatus::Fine => theme.good,
        ContactStatus::Due => theme.warn,
        ContactStatus::Lapsed => theme.bad,
        ContactStatus::Never => theme.dim,
    }
}

/// The symbol that tells the contact state without colour.
pub fn status_symbol(status: ContactStatus) -> &'static str {
    match status {
        ContactStatus::Fine => "✓",
        ContactStatus::Due => "~",
        ContactStatus::Lapsed => "!",
        ContactStatus::Never => "?",
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let rows = app.pane_rows(Pane::Partners);
    let cursor = app.cursors[Pane::Partners as usize];
    let note = if rows.is_empty() {
        String::new()
    } else {
        format!("{}/{}", cursor.selected + 1, rows.len())
    };
    let block = pane_block(
        app,
        Pane::Partners,
        Pane::Partners.title().into(),
        note,
        theme,
        area.width,
    );
    let inner = block.inner(area);
    let total = inner.width as usize;
    if rows.is_empty() {
        let lines = match filtered_out(app, Pane::Partners) {
            Some(text) => empty(&text, theme),
            None => empty_state(app, theme),
        };
        render_wrapped(frame, area, block, lines);
        return;
    }
    // Columns shrink away on narrow panes: kind first, then the phase to its short form, then
    // the phase.
    let show_kind = total >= 64;
    let short_phase = (34..46).contains(&total);
    let show_phase = total >= 46 || short_phase;
    let phase_w = if short_phase { 4 } else { 12 };
    let (kind_w, last_w, health_w, todo_w) = (10, 6, 4, 3);
    let fixed = 2
        + last_w
        + 1
        + health_w
        + 1
        + todo_w
        + 1
        + if show_kind { kind_w + 1 } else { 0 }
        + if show_phase { phase_w + 1 } else { 0 };
    let name_w = total.saturating_sub(fixed + 1).max(4);

    let mut header = vec![
        cell("", 2, theme.column_header),
        cell("Partner", name_w + 1, theme.column_header),
    ];
    if show_kind {
        header.push(cell("Kind", kind_w + 1, theme.column_header));
    }
    if show_phase {
        let label = if short_phase { "Ph." } else { "Phase" };
        header.push(cell(label, phase_w + 1, theme.column_header));
    }
    header.push(cell(
        &pad_left("♥", health_w),
        health_w + 1,
        theme.column_header,
    ));
    header.push(cell(
        &pad_left("Last", last_w),
        last_w + 1,
        theme.column_header,
    ));
    header.push(cell(
        &pad_left("⚑", todo_w),
        todo_w + 1,
        theme.column_header,
    ));
    let mut lines = vec![row(header, total, false, theme)];

    let height = inner.height.saturating_sub(1) as usize;
    let (start, end) = cursor.window(rows.len(), height);
    for (offset, &i) in rows[start..end].iter().enumerate() {
        let i = i as usize;
        let p = &app.ws().partners[i];
        let summary = app.scene().summary(i);
        let status = summary.map_or(ContactStatus::Never, |s| s.contact);
        let days = summary.and_then(|s| s.last_contact.map(|_| s.days_since_contact));
        let selected = start + offset == cursor.selected;
        let style = status_style(status, theme);
        let mut spans = vec![cell(status_symbol(status), 2, style)];
        let query = app.filter_fuzzy_text(Pane::Partners);
        spans.extend(highlighted(
            &p.name,
            name_w + 1,
            query.as_deref(),
            theme.base,
            theme,
        ));
        if show_kind {
            spans.push(cell(p.kind.label(), kind_w + 1, theme.dim));
        }
        if show_phase {
            let phase = if short_phase {
                phase_short(p.phase)
            } else {
                p.phase.label()
            };
            spans.push(cell(phase, phase_w + 1, theme.base));
        }
        let last = days.map_or("never".to_string(), |d| format!("{d}d"));
        let health = summary.map_or(String::new(), |s| s.health.to_string());
        let health_style = match summary.map(|s| s.health) {
            Some(0..=49) => theme.bad,
            Some(50..=69) => theme.warn,
            _ => theme.good,
        };
        spans.push(cell(
            &pad_left(&health, health_w),
            health_w + 1,
            health_style,
        ));
        spans.push(cell(&pad_left(&last, last_w), last_w + 1, style));
        let todo = summary.map_or(0, |s| s.attention);
        let todo = if todo == 0 {
            String::new()
        } else {
            todo.to_string()
        };
        spans.push(cell(&pad_left(&todo, todo_w), todo_w + 1, theme.bad));
        lines.push(pane_row(app, Pane::Partners, spans, total, selected, theme));
    }
    render_lines(frame, area, block, lines);
}

/// A phase in four letters, for narrow panes.
fn phase_short(phase: crate::model::Phase) -> &'static str {
    use crate::model::Phase;
    match phase {
        Phase::Exploring => "expl",
        Phase::Active => "actv",
        Phase::Renewing => "renw",
        Phase::Paused => "paus",
        Phase::WindingDown => "wind",
        Phase::Ended => "end",
    }
}

fn empty_state(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = empty("No partners yet — welcome to partnerdeck.", theme);
    let key = |a| {
        app.keymap
            .keys_in(a, crate::action::Context::Dashboard)
            .first()
            .map_or(String::new(), ToString::to_string)
    };
    lines.push(Line::styled(
        format!(
            "  Press {} to add your first partner, {} for every key.",
            key(crate::action::Action::Add),
            key(crate::action::Action::Help)
        ),
        theme.dim,
    ));
    let profile = &app.ws().profile;
    if profile.values.is_empty() && profile.offers.is_empty() && profile.needs.is_empty() {
        lines.push(Line::styled(
            format!(
                "  Press {} to write our own profile (values, offers, needs): partners are matched against it.",
                key(crate::action::Action::EditProfile)
            ),
            theme.dim,
        ));
    }
    lines.push(Line::styled(
        "  To look around first: partnerdeck --demo".to_string(),
        theme.dim,
    ));
    lines
}
