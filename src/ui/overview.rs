//! The portfolio overview: every partner with its health score, a bar per practice, last
//! contact, phase and review trend; counts by phase in the title.

use super::text::pad_left;
use super::theme::Theme;
use super::widgets::{cell, draw_lines, row, view_block, view_rect};
use crate::app::{App, OverviewView};
use crate::model::{Phase, Practice};
use ratatui::Frame;
use ratatui::text::Span;

/// One glyph per practice: its share of the practice's points.
pub fn practice_bars(shares: &[f32; 8]) -> String {
    // Zero is a dot, not a blank that reads as missing data.
    const BARS: [char; 9] = ['·', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    shares
        .iter()
        .map(|s| BARS[((s.clamp(0.0, 1.0) * 8.0).round() as usize).min(8)])
        .collect()
}

/// Partners by phase: every partner, or those shown when the view is one member's.
fn phase_counts(app: &App, view: &OverviewView) -> String {
    let ws = app.ws();
    let phase_of = |i: &u32| ws.partners[*i as usize].phase;
    let mut parts = Vec::new();
    for phase in Phase::ALL {
        let n = match view.mine {
            Some(_) => view.order.iter().filter(|i| phase_of(i) == *phase).count(),
            None => ws.partners.iter().filter(|p| p.phase == *phase).count(),
        };
        if n > 0 {
            parts.push(format!("{} {n}", phase.label()));
        }
    }
    parts.join(" · ")
}

pub fn draw(frame: &mut Frame, app: &App, view: &OverviewView, theme: &Theme) {
    let (cursor, sort, order) = (view.cursor, view.sort, &view.order[..]);
    let area = view_rect(frame.area());
    let whose = view
        .mine
        .as_ref()
        .map_or(String::new(), |(_, name)| format!(" · {name}'s"));
    let phases = phase_counts(app, view);
    let title = format!(
        "Overview{whose} · {}{}{phases}",
        crate::words::count(order.len(), "partner"),
        if phases.is_empty() { "" } else { " · " },
    );
    let sort_key = app.keymap.keys_text(crate::action::Action::Sort);
    let block = view_block(
        title,
        format!("sorted by {} ({sort_key})", sort.label()),
        theme,
        area.width,
    );
    let inner = block.inner(area);
    super::widgets::clear(frame, area);
    if let (Some((_, name)), true) = (&view.mine, order.is_empty()) {
        let text = format!(
            "None of the partners is {name}'s: a partner's owner is set in its form ({} on the dashboard).",
            app.keymap.keys_text(crate::action::Action::Edit)
        );
        draw_lines(frame, area, &block, &super::widgets::empty(&text, theme));
        return;
    }
    let total = inner.width as usize;
    let (health_w, bars_w, last_w, phase_w, trend_w) = (7, 10, 8, 13, 7);
    let year_w = 19;
    let name_w = total
        .saturating_sub(health_w + bars_w + last_w + phase_w + trend_w + year_w)
        .max(6);
    let h = theme.column_header;
    // The practices by number, as the details and help (`?`, Symbols) number them.
    let practice_initials: String = Practice::ALL
        .iter()
        .map(|p| char::from_digit(p.index() as u32 + 1, 10).unwrap_or(' '))
        .collect();
    let mut lines = vec![row(
        vec![
            cell("Partner", name_w, h),
            cell(&pad_left("Health", health_w - 1), health_w, h),
            cell(&practice_initials, bars_w, h),
            cell(&pad_left("Last", last_w - 1), last_w, h),
            cell("Phase", phase_w, h),
            cell(&pad_left("Trend", trend_w - 1), trend_w, h),
            cell(&pad_left("12 months", year_w - 1), year_w, h),
        ],
        total,
        false,
        theme,
    )];
    let height = inner.height.saturating_sub(1) as usize;
    let (start, end) = cursor.window(order.len(), height);
    for (offset, &i) in order[start..end].iter().enumerate() {
        let p = &app.ws().partners[i as usize];
        let Some(s) = app.scene().summary(i as usize) else {
            continue;
        };
        let health_style = match s.health {
            0..=49 => theme.bad,
            50..=69 => theme.warn,
            _ => theme.good,
        };
        let last = s
            .last_contact
            .map_or("never".into(), |_| format!("{}d", s.days_since_contact));
        let trend = s.trend.map_or(String::new(), |t| format!("{t:+.1}"));
        let trend_style = match s.trend {
            Some(t) if t < 0.0 => theme.bad,
            Some(t) if t > 0.0 => theme.good,
            _ => theme.dim,
        };
        let spans: Vec<Span<'static>> = vec![
            cell(&p.name, name_w, theme.base),
            cell(
                &pad_left(&s.health.to_string(), health_w - 1),
                health_w,
                health_style,
            ),
            cell(&practice_bars(&s.practice_share), bars_w, theme.accent),
            cell(&pad_left(&last, last_w - 1), last_w, theme.base),
            cell(p.phase.label(), phase_w, theme.dim),
            cell(&pad_left(&trend, trend_w - 1), trend_w, trend_style),
            cell(
                &pad_left(
                    &super::health_chart::trend_cell(app.doc.trends().get(i as usize)),
                    year_w - 1,
                ),
                year_w,
                theme.accent,
            ),
        ];
        lines.push(row(spans, total, start + offset == cursor.selected, theme));
    }
    draw_lines(frame, area, &block, &lines);
}
