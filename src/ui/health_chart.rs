//! Draws the partner detail's health chart (`app::health_chart`) over the rows its lines
//! reserve: the score as a line (ratatui's `Chart`, braille dots) with the biggest drop marked
//! `•` and `▲`, the dates below, and the eight practices as a heat strip whose shades are
//! glyphs (`· ░ ▒ ▓ █`), so it reads the same without colour. The whole chart is drawn once
//! off-screen and the rows the scroll position shows are copied in, so it scrolls with the text.

use super::theme::Theme;
use crate::app::health_chart::{HealthChart, MARGIN, STRIP_ROWS};
use crate::app::{DetailLine, LineKind, Wrapped, detail_rect};
use crate::model::Practice;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Widget};

/// The shade of a practice's share of its points: a glyph per fifth.
pub fn shade(share: f64) -> char {
    const SHADES: [char; 5] = ['·', '░', '▒', '▓', '█'];
    SHADES[((share.clamp(0.0, 1.0) * 5.0) as usize).min(4)]
}

/// Draws the chart where the detail box shows its rows (nothing when none is in view).
pub fn draw(
    frame: &mut Frame,
    chart: Option<&HealthChart>,
    lines: &[DetailLine],
    wrapped: &Wrapped,
    scroll: usize,
    theme: &Theme,
) {
    let Some(chart) = chart else {
        return;
    };
    let area = detail_rect(frame.area()).intersection(frame.area());
    let inner = Block::default().borders(Borders::ALL).inner(area);
    let width = inner.width.saturating_sub(2);
    let wrapped = wrapped.at(lines, width as usize);
    let Some(first) = wrapped.iter().position(|l| l.kind == LineKind::Chart) else {
        return;
    };
    let rows = wrapped[first..]
        .iter()
        .take_while(|l| l.kind == LineKind::Chart)
        .count() as u16;
    let scroll = scroll.min(wrapped.len().saturating_sub(inner.height as usize));
    let mut off = Buffer::empty(Rect::new(0, 0, width, rows));
    render(chart, &mut off, theme);
    let buf = frame.buffer_mut();
    for k in 0..rows {
        let Some(y) = (first + k as usize).checked_sub(scroll) else {
            continue;
        };
        if y >= inner.height as usize {
            break;
        }
        for x in 0..width {
            let to = Position::new(inner.x + 1 + x, inner.y + y as u16);
            if let (Some(cell), true) = (off.cell((x, k)), buf.area.contains(to)) {
                buf[to] = cell.clone();
            }
        }
    }
}

fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, style: Style) {
    if y < buf.area.height && x < buf.area.width {
        buf.set_stringn(x, y, text, (buf.area.width - x) as usize, style);
    }
}

/// Renders the whole chart into `buf` (its area is the chart's size).
pub fn render(chart: &HealthChart, buf: &mut Buffer, theme: &Theme) {
    let area = buf.area;
    let plot = chart.plot_rows.min(area.height);
    let graph_w = area.width.saturating_sub(MARGIN);
    let n = chart.days.len();
    if n == 0 || graph_w < 4 || plot < 3 {
        return;
    }
    let x_of = |day| chart.days.iter().position(|d| *d == day).unwrap_or(0) as f64;
    // The y axis: 100, 50 and 0.
    for y in 0..plot {
        let label = match y {
            0 => "100",
            y if y == plot - 1 => "0",
            y if y == (plot - 1) / 2 => "50",
            _ => "",
        };
        let axis = if label.is_empty() { "│" } else { "┤" };
        put(buf, 0, y, &format!("{label:>3} {axis}"), theme.dim);
    }
    let points: Vec<(f64, f64)> = chart
        .history
        .points
        .iter()
        .map(|p| (x_of(p.day), p.total))
        .collect();
    let dropped: Vec<(f64, f64)> = chart
        .drop
        .iter()
        .filter_map(|d| chart.history.points.iter().find(|p| p.day == d.to))
        .map(|p| (x_of(p.day), p.total))
        .collect();
    let last = (n - 1).max(1) as f64;
    let graph = Rect::new(area.x + MARGIN, area.y, graph_w, plot);
    Chart::new(vec![
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.accent)
            .data(&points),
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(theme.bad)
            .data(&dropped),
    ])
    .x_axis(Axis::default().bounds([0.0, last]))
    .y_axis(Axis::default().bounds([0.0, 100.0]))
    .render(graph, buf);
    // The dates under the plot, and the drop's column.
    let column = |x: f64| MARGIN + ((x / last) * f64::from(graph_w - 1)).round() as u16;
    let y = plot;
    put(buf, 0, y, "    └", theme.dim);
    let first_day = chart.days[0].format("%b %Y").to_string();
    put(buf, MARGIN, y, &first_day, theme.dim);
    let today = "today";
    put(
        buf,
        area.width.saturating_sub(today.len() as u16),
        y,
        today,
        theme.dim,
    );
    // The drop's mark under the plot, unless it would land on a date label (the `•` on the
    // line still marks it).
    let labels_end = MARGIN + first_day.chars().count() as u16;
    let today_start = area.width.saturating_sub(today.len() as u16);
    if let Some((x, _)) = dropped.first() {
        let col = column(*x);
        if col >= labels_end && col < today_start {
            put(buf, col, y, "▲", theme.bad);
        }
    }
    // The heat strip: a row per practice, a shade per column (blank before the start).
    for (row, practice) in Practice::ALL.iter().enumerate() {
        let y = plot + 1 + row as u16;
        put(buf, 0, y, &format!("{:<4}│", practice.short()), theme.dim);
        for c in 0..graph_w {
            let x = (f64::from(c) / f64::from((graph_w - 1).max(1)) * last).round();
            let sample = chart.history.points.iter().position(|p| x_of(p.day) == x);
            let Some(share) = sample.and_then(|i| chart.share(i, *practice)) else {
                continue;
            };
            let style = match share {
                s if s < 0.4 => theme.bad,
                s if s < 0.7 => theme.warn,
                _ => theme.good,
            };
            put(buf, MARGIN + c, y, &shade(share).to_string(), style);
        }
    }
    let legend = "· <20%  ░ <40%  ▒ <60%  ▓ <80%  █ ≥80% of a practice's points   •▲ biggest drop";
    put(buf, MARGIN, plot + 1 + STRIP_ROWS, legend, theme.dim);
}

/// A health sparkline: a glyph per score (0–100), from `▁` to `█`.
pub fn sparkline(scores: &[u8]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    scores
        .iter()
        .map(|s| BARS[(usize::from((*s).min(100)) * 8 / 101).min(7)])
        .collect()
}

/// The overview's 12-month cell: the monthly sparkline and the change ("▅▅▆▆▇ +12"), or `…`
/// while it is being computed.
pub fn trend_cell(trend: Option<&crate::insight::Trend>) -> String {
    let Some(t) = trend else {
        return "…".into();
    };
    let change = match t.change {
        Some(0) => "±0".to_string(),
        Some(c) if c > 0 => format!("+{c}"),
        Some(c) => format!("−{}", -c),
        None => String::new(),
    };
    format!("{:>13} {change:>3}", sparkline(&t.monthly))
}
