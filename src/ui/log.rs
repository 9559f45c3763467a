//! The Communication log pane: interactions newest first with date, channel, who initiated,
//! summary, sentiment, and open follow-ups with their due dates.

use super::goals::scope_title;
use super::theme::Theme;
use super::widgets::{
    cell, empty, filtered_out, highlighted, pane_block, pane_row, render_lines, render_wrapped, row,
};
use crate::app::{App, Pane};
use crate::model::Side;
use ratatui::Frame;
use ratatui::layout::Rect;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let rows = app.pane_rows(Pane::Log);
    let cursor = app.cursors[Pane::Log as usize];
    let note = if rows.is_empty() {
        String::new()
    } else {
        format!("{}/{}", cursor.selected + 1, rows.len())
    };
    let block = pane_block(
        app,
        Pane::Log,
        scope_title(app, Pane::Log),
        note,
        theme,
        area.width,
    );
    let inner = block.inner(area);
    let total = inner.width as usize;
    if rows.is_empty() {
        let filtered = filtered_out(app, Pane::Log);
        let text = if let Some(text) = filtered.as_deref() {
            text
        } else if app.selected_partner().is_none() && !app.all_partners {
            "Select a partner to see its log."
        } else {
            "No contact logged yet."
        };
        render_wrapped(frame, area, block, empty(text, theme));
        return;
    }
    let (date_w, chan_w, dir_w, sent_w, follow_w, partner_w) = (10, 8, 2, 6, 14, 14);
    let show_channel = total >= 50;
    let show_follow = total >= 60;
    let show_sent = total >= 44;
    let show_partner = app.all_partners && total >= 76;
    // Who logged each entry, once the file knows its team, where there is room.
    let by_w = 10;
    let show_by = !app.ws().members.is_empty() && total >= if show_partner { 100 } else { 76 };
    let fixed = date_w
        + if show_by { by_w + 1 } else { 0 }
        + 1
        + dir_w
        + if show_channel { chan_w + 1 } else { 0 }
        + if show_sent { sent_w + 1 } else { 0 }
        + if show_follow { follow_w + 1 } else { 0 }
        + if show_partner { partner_w + 1 } else { 0 };
    let summary_w = total.saturating_sub(fixed).max(4);

    let h = theme.column_header;
    let mut header = vec![cell("When", date_w + 1, h)];
    if show_partner {
        header.push(cell("Partner", partner_w + 1, h));
    }
    if show_channel {
        header.push(cell("Channel", chan_w + 1, h));
    }
    if show_by {
        header.push(cell("By", by_w + 1, h));
    }
    header.push(cell("", dir_w, h));
    header.push(cell("Summary", summary_w, h));
    if show_sent {
        header.push(cell(" Feel", sent_w + 1, h));
    }
    if show_follow {
        header.push(cell(" Follow-up", follow_w + 1, h));
    }
    let mut lines = vec![row(header, total, false, theme)];

    let height = inner.height.saturating_sub(1) as usize;
    let (start, end) = cursor.window(rows.len(), height);
    for (offset, &i) in rows[start..end].iter().enumerate() {
        let e = &app.ws().interactions[i as usize];
        let mut spans = vec![cell(
            &e.at.format("%Y-%m-%d").to_string(),
            date_w + 1,
            theme.dim,
        )];
        if show_partner {
            let name = app.ws().partner_name(e.partner).unwrap_or("?");
            spans.push(cell(name, partner_w + 1, theme.dim));
        }
        if show_channel {
            spans.push(cell(e.channel.label(), chan_w + 1, theme.base));
        }
        if show_by {
            let ws = app.ws();
            let name = e.authors.by.as_deref().map_or("", |b| {
                let n = ws.member_name(b);
                n.split_whitespace().next().unwrap_or(n)
            });
            spans.push(cell(name, by_w + 1, theme.dim));
        }
        // → we reached out; ← they did.
        let dir = match e.initiated_by {
            Side::Us => "→",
            Side::Them => "←",
        };
        spans.push(cell(dir, dir_w, theme.accent));
        let query = app.filter_fuzzy_text(Pane::Log);
        spans.extend(highlighted(
            &e.summary,
            summary_w,
            query.as_deref(),
            theme.base,
            theme,
        ));
        if show_sent {
            let s = e.sentiment.map_or(String::new(), |s| {
                format!(" {}", "●".repeat(s.min(5) as usize))
            });
            let style = match e.sentiment {
                Some(1 | 2) => theme.bad,
                Some(3) => theme.warn,
                _ => theme.good,
            };
            spans.push(cell(&s, sent_w + 1, style));
        }
        if show_follow {
            let (text, style) = match &e.follow_up {
                None => (String::new(), theme.base),
                Some(f) if f.done.is_some() => (format!(" ✓ {}", f.due.format("%m-%d")), theme.dim),
                Some(f) if f.due < app.today() => {
                    (format!(" ! {} late", f.due.format("%m-%d")), theme.bad)
                }
                Some(f) => (format!(" ↪ {}", f.due.format("%m-%d")), theme.warn),
            };
            spans.push(cell(&text, follow_w + 1, style));
        }
        lines.push(pane_row(
            app,
            Pane::Log,
            spans,
            total,
            start + offset == cursor.selected,
            theme,
        ));
    }
    render_lines(frame, area, block, lines);
}
