//! The Timeline pane: milestones placed on a real date axis (months labelled, today marked),
//! one per row. Done, upcoming and overdue differ by symbol as well as colour: ✓ done,
//! ◆ upcoming, ! overdue; ◀ / ▶ at the edge point to milestones outside the window.

use super::goals::scope_title;
use super::text::clean;
use super::theme::Theme;
use super::widgets::{empty, filtered_out, pane_block, render_lines};
use crate::app::{App, Pane, TimeView};
use crate::model::Milestone;
use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// Marks the cell behind a wide glyph (which shows nothing of its own).
const BEHIND_WIDE: char = '\0';

/// A row of cells, each holding one glyph (or nothing, behind a wide glyph).
struct Cells {
    glyphs: Vec<(char, Style)>,
}

impl Cells {
    fn new(width: usize, style: Style) -> Cells {
        Cells {
            glyphs: vec![(' ', style); width],
        }
    }

    /// One glyph at `col` (a single-cell glyph without control characters).
    fn put_char(&mut self, col: usize, c: char, style: Style) {
        if let Some(cell) = self.glyphs.get_mut(col) {
            *cell = (c, style);
        }
    }

    fn put(&mut self, col: usize, text: &str, style: Style) -> usize {
        let mut at = col;
        for c in clean(text).chars() {
            let w = c.width().unwrap_or(0);
            if w == 0 {
                continue;
            }
            if at + w > self.glyphs.len() {
                break;
            }
            self.glyphs[at] = (c, style);
            if w == 2 {
                self.glyphs[at + 1] = (BEHIND_WIDE, style);
            }
            at += w;
        }
        at - col
    }

    fn into_line(self, reversed: Option<Style>) -> Line<'static> {
        let mut spans: Vec<Span<'static>> = Vec::new();
        let mut text = String::with_capacity(self.glyphs.len());
        let mut current: Option<Style> = None;
        for (g, style) in self.glyphs {
            if current != Some(style) {
                if let Some(s) = current {
                    spans.push(Span::styled(std::mem::take(&mut text), s));
                }
                current = Some(style);
            }
            if g != BEHIND_WIDE {
                text.push(g);
            }
        }
        if let Some(s) = current {
            spans.push(Span::styled(text, s));
        }
        let line = Line::from(spans);
        match reversed {
            Some(s) => line.patch_style(s),
            None => line,
        }
    }
}

fn month_start(view: &TimeView, col: u16, cols: u16) -> Option<NaiveDate> {
    let here = view.date_at(col, cols);
    if col == 0 {
        return Some(here);
    }
    let before = view.date_at(col - 1, cols);
    (here.month() != before.month()).then(|| here.with_day(1).unwrap_or(here))
}

fn axis(app: &App, cols: u16, theme: &Theme) -> [Line<'static>; 2] {
    let view = &app.time;
    let w = cols as usize;
    let mut labels = Cells::new(w, theme.dim);
    let mut rule = Cells::new(w, theme.dim);
    for col in 0..w {
        rule.put_char(col, '─', theme.dim);
    }
    // Month starts are ruled; labels go where they fit, one space apart. The first month of
    // every year (with its year) goes first, then the first column (with its year unless a
    // January follows too closely), then the other months left to right.
    let starts: Vec<(usize, NaiveDate)> = (0..cols)
        .filter_map(|col| month_start(view, col, cols).map(|d| (col as usize, d)))
        .collect();
    for &(col, _) in &starts {
        if col > 0 {
            rule.put_char(col, '┬', theme.dim);
        }
    }
    let mut taken = vec![false; w];
    let mut place = |col: usize, label: String, labels: &mut Cells| -> bool {
        let len = super::text::width(&label);
        if col + len > w || taken[col..(col + len + 1).min(w)].iter().any(|t| *t) {
            return false;
        }
        labels.put(col, &label, theme.column_header);
        for t in &mut taken[col..(col + len + 1).min(w)] {
            *t = true;
        }
        true
    };
    for &(col, d) in starts.iter().filter(|(_, d)| d.month() == 1) {
        if !place(col, d.format("%b %Y").to_string(), &mut labels) {
            place(col, d.format("%Y").to_string(), &mut labels);
        }
    }
    for &(col, d) in &starts {
        if d.month() == 1 {
            continue;
        }
        if col == 0 && place(col, d.format("%b %Y").to_string(), &mut labels) {
            continue;
        }
        place(col, d.format("%b").to_string(), &mut labels);
    }
    if let Some(c) = view.column(app.today(), cols) {
        rule.put_char(c as usize, '▼', theme.today);
    }
    [labels.into_line(None), rule.into_line(None)]
}

fn milestone_line(
    app: &App,
    m: &Milestone,
    cols: u16,
    selected: bool,
    theme: &Theme,
) -> Line<'static> {
    let view = &app.time;
    let w = cols as usize;
    let mut cells = Cells::new(w, theme.base);
    if let Some(c) = view.column(app.today(), cols) {
        cells.put_char(c as usize, '│', theme.today);
    }
    let (symbol, style) = match m.done {
        Some(_) => ("✓", theme.good),
        None if m.due < app.today() => ("!", theme.bad),
        None => ("◆", theme.warn),
    };
    // A date of another year says its year: the axis alone cannot tell Oct 2025 from Oct 2026.
    let date = if m.due.year() == app.today().year() {
        m.due.format("%b %d").to_string()
    } else {
        m.due.format("%b %d %Y").to_string()
    };
    let mut label = format!("{date} {}", m.title);
    if app.all_partners
        && let Some(name) = app.ws().partner_name(m.partner)
    {
        label = format!("{label} · {name}");
    }
    let label_w = super::text::width(&clean(&label));
    match view.column(m.due, cols) {
        Some(col) => {
            let col = col as usize;
            cells.put(col, symbol, style);
            if col + 2 + label_w <= w || col < w / 2 {
                cells.put(col + 2, &label, theme.base);
            } else {
                let start = col.saturating_sub(label_w + 1);
                cells.put(start, &label, theme.base);
            }
        }
        None if m.due < view.start(cols) => {
            cells.put(0, "◀", theme.dim);
            cells.put(2, &format!("{symbol} {label}"), style);
        }
        None => {
            let start = w.saturating_sub(label_w + 4);
            cells.put(start, &format!("{label} {symbol}"), style);
            cells.put(w.saturating_sub(1), "▶", theme.dim);
        }
    }
    cells.into_line(selected.then(|| super::widgets::selection_style(app, Pane::Timeline, theme)))
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let rows = app.pane_rows(Pane::Timeline);
    let cursor = app.cursors[Pane::Timeline as usize];
    let note = format!("{}/col", crate::words::count(app.time.days_per_col, "day"));
    let block = pane_block(
        app,
        Pane::Timeline,
        scope_title(app, Pane::Timeline),
        note,
        theme,
        area.width,
    );
    let inner = block.inner(area);
    let cols = inner.width;
    if cols == 0 || inner.height == 0 {
        render_lines(frame, area, block, Vec::new());
        return;
    }
    let [labels, rule] = axis(app, cols, theme);
    let mut lines = vec![labels, rule];
    if rows.is_empty() {
        let filtered = filtered_out(app, Pane::Timeline);
        let text = if let Some(text) = filtered.as_deref() {
            text
        } else if app.selected_partner().is_none() && !app.all_partners {
            "Select a partner to see its milestones."
        } else {
            "No milestones yet."
        };
        lines.extend(empty(text, theme));
        render_lines(frame, area, block, lines);
        return;
    }
    let height = inner.height.saturating_sub(2) as usize;
    let (start, end) = cursor.window(rows.len(), height);
    for (offset, &i) in rows[start..end].iter().enumerate() {
        let m = &app.ws().milestones[i as usize];
        lines.push(milestone_line(
            app,
            m,
            cols,
            start + offset == cursor.selected,
            theme,
        ));
    }
    render_lines(frame, area, block, lines);
}
