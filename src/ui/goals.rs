//! The Goals pane: the selected partner's goals (or everyone's) with a progress gauge from the
//! baseline towards the target, owner, due date and status; overdue goals stand out.

use super::text::pad_left;
use super::theme::Theme;
use super::widgets::{
    cell, empty, filtered_out, highlighted, pane_block, pane_row, render_lines, render_wrapped, row,
};
use crate::app::{App, Pane};
use crate::model::{Goal, GoalStatus};
use crate::words::{Fraction, number_as};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

/// A text gauge of `cells` cells for progress 0.0–1.0.
pub fn gauge(progress: Option<f64>, cells: usize) -> String {
    match progress {
        None => "·".repeat(cells),
        Some(p) => {
            let filled = ((p * cells as f64).round() as usize).min(cells);
            format!("{}{}", "█".repeat(filled), "░".repeat(cells - filled))
        }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let rows = app.pane_rows(Pane::Goals);
    let cursor = app.cursors[Pane::Goals as usize];
    let title = scope_title(app, Pane::Goals);
    let note = if rows.is_empty() {
        String::new()
    } else {
        format!("{}/{}", cursor.selected + 1, rows.len())
    };
    let block = pane_block(app, Pane::Goals, title, note, theme, area.width);
    let inner = block.inner(area);
    let total = inner.width as usize;
    if rows.is_empty() {
        let filtered = filtered_out(app, Pane::Goals);
        let text = if let Some(text) = filtered.as_deref() {
            text
        } else if app.selected_partner().is_none() && !app.all_partners {
            "Select a partner to see its goals."
        } else {
            "No goals yet."
        };
        render_wrapped(frame, area, block, empty(text, theme));
        return;
    }
    let Columns {
        show_partner,
        show_value,
        show_owner,
        gauge_w,
        title_w,
    } = Columns::choose(total, app.all_partners);
    let (pct_w, value_w, owner_w, due_w, partner_w) = (PCT_W, VALUE_W, OWNER_W, DUE_W, PARTNER_W);

    let h = theme.column_header;
    let mut header = vec![cell("", 2, h)];
    if show_partner {
        header.push(cell("Partner", partner_w + 1, h));
    }
    header.extend([cell("Goal", title_w + 1, h)]);
    if gauge_w > 0 {
        header.push(cell("Progress", gauge_w + 1, h));
    }
    header.push(cell(&pad_left("%", pct_w), pct_w + 1, h));
    if show_value {
        header.push(cell("Now / target", value_w + 1, h));
    }
    if show_owner {
        header.push(cell("Owner", owner_w + 1, h));
    }
    header.push(cell("Due", due_w + 1, h));
    let mut lines = vec![row(header, total, false, theme)];

    let height = inner.height.saturating_sub(1) as usize;
    let (start, end) = cursor.window(rows.len(), height);
    for (offset, &i) in rows[start..end].iter().enumerate() {
        let g = &app.ws().goals[i as usize];
        let overdue = g.status == GoalStatus::Active && g.due.is_some_and(|d| d < app.today());
        let (symbol, style) = match g.status {
            GoalStatus::Achieved => ("✓", theme.good),
            GoalStatus::Dropped => ("✗", theme.dim),
            GoalStatus::Active if overdue => ("!", theme.bad),
            GoalStatus::Active => ("○", theme.base),
        };
        let progress = g.progress();
        let mut spans: Vec<Span<'static>> = vec![cell(symbol, 2, style)];
        if show_partner {
            let name = app.ws().partner_name(g.partner).unwrap_or("?");
            spans.push(cell(name, partner_w + 1, theme.dim));
        }
        let title_style = if g.status == GoalStatus::Dropped {
            theme.dim
        } else {
            theme.base
        };
        let query = app.filter_fuzzy_text(Pane::Goals);
        spans.extend(highlighted(
            &g.title,
            title_w + 1,
            query.as_deref(),
            title_style,
            theme,
        ));
        if gauge_w > 0 {
            spans.push(cell(
                &gauge(progress, gauge_w),
                gauge_w + 1,
                if overdue { theme.bad } else { theme.good },
            ));
        }
        let pct = progress.map_or("—".into(), |p| format!("{:.0}%", p * 100.0));
        spans.push(cell(&pad_left(&pct, pct_w), pct_w + 1, theme.base));
        if show_value {
            spans.push(cell(&value_text(g), value_w + 1, theme.dim));
        }
        if show_owner {
            spans.push(cell(g.owner.label(), owner_w + 1, theme.base));
        }
        let due = g.due.map_or("no date".into(), |d| d.to_string());
        spans.push(cell(
            &due,
            due_w + 1,
            if overdue { theme.bad } else { theme.base },
        ));
        lines.push(pane_row(
            app,
            Pane::Goals,
            spans,
            total,
            start + offset == cursor.selected,
            theme,
        ));
    }
    render_lines(frame, area, block, lines);
}

const PCT_W: usize = 5;
const VALUE_W: usize = 16;
const OWNER_W: usize = 6;
const DUE_W: usize = 10;
const PARTNER_W: usize = 14;
/// The goal title's share, below which no optional column is added.
const TITLE_MIN: usize = 16;

/// The goal pane's columns for an inner width: the marker, title, percentage and due date
/// always; then, while the title keeps `TITLE_MIN` cells, by priority: the partner (when all
/// partners are shown), the gauge, the current / target value, the owner. The title gets the rest.
struct Columns {
    show_partner: bool,
    show_value: bool,
    show_owner: bool,
    gauge_w: usize,
    title_w: usize,
}

impl Columns {
    fn choose(total: usize, all_partners: bool) -> Columns {
        // Every column is its width plus one blank, the title too.
        let mut used = 2 + (PCT_W + 1) + (DUE_W + 1) + (TITLE_MIN + 1);
        let mut fits = |w: usize| {
            let ok = used + w < total;
            if ok {
                used += w + 1;
            }
            ok
        };
        let show_partner = all_partners && fits(PARTNER_W);
        let gauge_w = if fits(10) {
            10
        } else if fits(5) {
            5
        } else {
            0
        };
        let show_value = fits(VALUE_W);
        let show_owner = fits(OWNER_W);
        Columns {
            show_partner,
            show_value,
            show_owner,
            gauge_w,
            title_w: TITLE_MIN + total.saturating_sub(used),
        }
    }
}

fn value_text(g: &Goal) -> String {
    let narrow = |n: f64| number_as(n, Fraction::Narrow);
    let target = g.target.map_or("?".into(), narrow);
    let unit = if g.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", g.unit)
    };
    format!("{} / {target}{unit}", narrow(g.current))
}

/// A pane title naming its scope: the selected partner or everyone.
pub fn scope_title(app: &App, pane: Pane) -> String {
    if app.all_partners {
        format!("{} · all partners", pane.title())
    } else if let Some(p) = app.selected_partner() {
        format!("{} · {}", pane.title(), p.name)
    } else {
        pane.title().to_string()
    }
}
