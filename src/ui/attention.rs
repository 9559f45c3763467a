//! The attention queue view: everything that needs the user now, most urgent first.

use super::text::pad_left;
use super::theme::Theme;
use super::widgets::{cell, draw_lines, empty, row, view_block, view_rect};
use crate::app::{App, AttentionView};
use crate::insight::AttentionKind;
use ratatui::Frame;

fn symbol(kind: AttentionKind) -> &'static str {
    match kind {
        AttentionKind::ContactLapsed => "☎",
        AttentionKind::FollowUpOverdue => "↪",
        AttentionKind::MilestoneOverdue => "◆",
        AttentionKind::OurCommitmentOverdue | AttentionKind::TheirCommitmentOverdue => "✎",
        AttentionKind::ReviewDue => "↻",
        AttentionKind::UncelebratedWin => "★",
        AttentionKind::GoalBehind => "▼",
    }
}

pub fn draw(frame: &mut Frame, app: &App, view: &AttentionView, theme: &Theme) {
    let cursor = view.cursor;
    let area = view_rect(frame.area());
    let all = &app.doc.overview().attention;
    // The items shown: all, or the member's (by their positions in the queue).
    let len = view.mine.as_ref().map_or(all.len(), |m| m.rows.len());
    let item = |k: usize| match &view.mine {
        Some(m) => m.rows.get(k).and_then(|i| all.get(*i as usize)),
        None => all.get(k),
    };
    let whose = view
        .mine
        .as_ref()
        .map_or(String::new(), |m| format!(" · {}'s", m.name));
    let title = format!(
        "Today{whose} · {} attention",
        crate::words::plural(len, "thing needs", "things need")
    );
    let block = view_block(
        title,
        format!(
            "{} · {}",
            app.today(),
            app.keymap.keys_text(crate::action::Action::Back) + ": close"
        ),
        theme,
        area.width,
    );
    let inner = block.inner(area);
    super::widgets::clear(frame, area);
    if len == 0 {
        let text = if view.mine.is_some() {
            "Nothing of yours needs you today."
        } else {
            "Nothing needs you today. Well kept!"
        };
        let lines = empty(text, theme);
        draw_lines(frame, area, &block, &lines);
        return;
    }
    // The kind column is as wide as the longest kind shown; the partner and the subject share
    // the rest, the partner up to its longest name.
    let total = inner.width as usize;
    // The widest of each column, kept by the overview (not measured item by item per frame).
    let widths = app.doc.overview().queue_widths();
    let kind_w = widths.map_or(4, |w| w.kind) + 1;
    let when_w = widths.map_or(4, |w| w.when) + 1;
    let longest_name = widths.map_or(7, |w| w.partner) + 1;
    let rest = total.saturating_sub(2 + kind_w + when_w);
    let partner_w = (rest * 2 / 5).clamp(12.min(rest), longest_name.max(8));
    let text_w = rest.saturating_sub(partner_w).max(8);
    let h = theme.column_header;
    let mut lines = vec![row(
        vec![
            cell("", 2, h),
            cell("Kind", kind_w, h),
            cell("Partner", partner_w, h),
            cell("What", text_w, h),
            cell(&pad_left("How long", when_w - 1), when_w, h),
        ],
        total,
        false,
        theme,
    )];
    let height = inner.height.saturating_sub(1) as usize;
    let (start, end) = cursor.window(len, height);
    for (offset, item) in (start..end).filter_map(item).enumerate() {
        let style = match item.urgency {
            0..=2 => theme.bad,
            3..=5 => theme.warn,
            _ => theme.accent,
        };
        let spans = vec![
            cell(symbol(item.kind), 2, style),
            cell(item.kind.label(), kind_w, style),
            cell(&item.partner_name, partner_w, theme.base),
            cell(&item.subject, text_w, theme.base),
            cell(&pad_left(&item.when, when_w - 1), when_w, theme.dim),
        ];
        lines.push(row(spans, total, start + offset == cursor.selected, theme));
    }
    draw_lines(frame, area, &block, &lines);
}
