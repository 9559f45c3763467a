//! Small drawing helpers shared by the panes: the bordered pane block, fixed-width cells, and a
//! windowed list of rows with the selection shown by reverse video.

use super::text::{pad, width};
use super::theme::Theme;
use crate::action::{Action, Context};
use crate::app::{App, Pane};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

/// The bordered block of a pane, highlighted when focused, with a title and a right-hand note.
pub fn pane_block<'a>(
    app: &App,
    pane: Pane,
    title: String,
    note: String,
    theme: &Theme,
    width: u16,
) -> Block<'a> {
    let focused = app.focus == pane && app.dashboard_in_front();
    let number = pane as usize + 1;
    // An active filter shows in the title with its match count (and a cursor while typing).
    let title = match app.filter_text(pane) {
        Some(text) => {
            let typing = app.filter_editing() == Some(pane);
            let problems = app.filter_problems(pane);
            let problems = if problems.is_empty() {
                String::new()
            } else {
                format!(" ?{}", problems.join(" ?"))
            };
            let progress = match app.filter_progress(pane) {
                Some(percent) => format!(", matching {percent}%…"),
                None => String::new(),
            };
            format!(
                "{title} /{text}{} ({} of {}{progress}){problems}",
                if typing { "▏" } else { "" },
                app.pane_len(pane),
                app.base_rows(pane).len()
            )
        }
        None => title,
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        });
    titled(
        block,
        &format!("{number} {title}"),
        if focused {
            theme.border_focused
        } else {
            theme.title
        },
        &note,
        theme.dim,
        width,
    )
}

/// Puts a title (left) and a note (right) on a block `width` cells wide, neither running into
/// the other: the title is cut with `…` to leave a gap of border before the note; when even a
/// short title would not fit, the note gives way.
pub fn titled<'a>(
    block: Block<'a>,
    title: &str,
    title_style: Style,
    note: &str,
    note_style: Style,
    width: u16,
) -> Block<'a> {
    let (title, note) = fit_titles(title, note, width as usize);
    let mut block = block.title(Line::styled(title, title_style));
    if !note.is_empty() {
        block = block.title(Line::styled(note, note_style).right_aligned());
    }
    block
}

/// The title and note of a block `width` cells wide as drawn (each with a blank either side),
/// fitted so that at least one cell of border stays between them.
pub fn fit_titles(title: &str, note: &str, width: usize) -> (String, String) {
    use super::text::fit;
    // Two corners, a gap of border, and a blank either side of each text.
    let room = width.saturating_sub(2 + 1 + 4);
    let title_w = width_of(title);
    let note_w = if note.is_empty() { 0 } else { width_of(note) };
    let shown = |t: String| format!(" {t} ");
    if note_w == 0 {
        return (shown(fit(title, room + 2)), String::new());
    }
    if title_w + note_w <= room {
        return (shown(fit(title, title_w)), shown(fit(note, note_w)));
    }
    // The title keeps at least 16 cells (or all of it), the note what is left.
    let keep = title_w.min(16);
    if room >= keep + note_w {
        return (shown(fit(title, room - note_w)), shown(fit(note, note_w)));
    }
    let note_room = room.saturating_sub(keep);
    if note_room >= 6.min(note_w) && note_room > 0 {
        (shown(fit(title, keep)), shown(fit(note, note_room)))
    } else {
        (shown(fit(title, room + 2)), String::new())
    }
}

fn width_of(text: &str) -> usize {
    width(&super::text::clean(text))
}

/// A column cell of exactly `cells` cells: the text fitted into all but the last, which stays
/// blank to separate it from the next column.
pub fn cell(text: &str, cells: usize, style: Style) -> Span<'static> {
    let mut content = pad(text, cells.saturating_sub(1));
    if cells > 0 {
        content.push(' ');
    }
    Span::styled(content, style)
}

/// A row padded to the full width, reversed when selected.
pub fn row(
    mut spans: Vec<Span<'static>>,
    total: usize,
    selected: bool,
    theme: &Theme,
) -> Line<'static> {
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    if used < total {
        spans.push(Span::raw(" ".repeat(total - used)));
    }
    let line = Line::from(spans);
    if selected {
        line.patch_style(theme.selected)
    } else {
        line
    }
}

/// A row of a dashboard pane: the selection reversed in the focused pane only; in the others
/// bold and underlined, so the focus shows without colour too.
pub fn pane_row(
    app: &App,
    pane: Pane,
    spans: Vec<Span<'static>>,
    total: usize,
    selected: bool,
    theme: &Theme,
) -> Line<'static> {
    let focused = app.focus == pane && app.dashboard_in_front();
    if selected && !focused {
        row(spans, total, false, theme).patch_style(theme.selected_unfocused)
    } else {
        row(spans, total, selected, theme)
    }
}

/// The style of a pane's selected row (see `pane_row`).
pub fn selection_style(app: &App, pane: Pane, theme: &Theme) -> Style {
    if app.focus == pane && app.dashboard_in_front() {
        theme.selected
    } else {
        theme.selected_unfocused
    }
}

/// Renders lines inside a block (clamped to the frame), each cut at the block's inner width.
pub fn render_lines(frame: &mut Frame, area: Rect, block: Block<'_>, lines: Vec<Line<'static>>) {
    super::cells::block_with_lines(frame.buffer_mut(), area, &block, &lines);
}

/// Renders borrowed lines inside a block (clamped to the frame), each cut at the block's inner
/// width: for overlays.
pub fn draw_lines(frame: &mut Frame, area: Rect, block: &Block<'_>, lines: &[Line<'_>]) {
    super::cells::block_with_lines(frame.buffer_mut(), area, block, lines);
}

/// Writes lines from the top of `area` (clamped to the frame), each cut at its width.
pub fn draw_text(frame: &mut Frame, area: Rect, lines: &[Line<'_>]) {
    super::cells::put_lines(frame.buffer_mut(), area, lines);
}

/// Renders lines inside a block, wrapping long ones (for messages, not rows): a wrapped line
/// keeps its indent on every line it takes, in the style of its first span.
pub fn render_wrapped(frame: &mut Frame, area: Rect, block: Block<'_>, lines: Vec<Line<'static>>) {
    let area = area.intersection(frame.area());
    let room = block.inner(area).width as usize;
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        if width(&text) <= room {
            out.push(line);
            continue;
        }
        let style = line
            .spans
            .first()
            .map_or(line.style, |s| line.style.patch(s.style));
        let body = text.trim_start();
        let indent = &text[..text.len() - body.len()];
        let indent = if width(indent) * 2 > room { "" } else { indent };
        for chunk in crate::app::wrap_text(body, room.saturating_sub(width(indent)).max(1)) {
            out.push(Line::styled(format!("{indent}{chunk}"), style));
        }
    }
    draw_lines(frame, area, &block, &out);
}

/// A centred, dimmed message for an empty pane.
pub fn empty(text: &str, theme: &Theme) -> Vec<Line<'static>> {
    vec![Line::raw(""), Line::styled(format!("  {text}"), theme.dim)]
}

/// What a pane says when its filter left no rows (rather than that it has none): `None` when no
/// filter is hiding rows.
pub fn filtered_out(app: &App, pane: Pane) -> Option<String> {
    app.filter_text(pane)?;
    if app.base_rows(pane).is_empty() {
        return None;
    }
    Some(if app.filter_progress(pane).is_some() {
        "Matching…".to_string()
    } else {
        // While typing, the filter's cancel clears it; afterwards, back on the dashboard.
        let clear = if app.filter_editing() == Some(pane) {
            app.scene().key_text(Action::Cancel, Context::Filter)
        } else {
            app.scene().key_text(Action::Back, Context::Dashboard)
        };
        format!("Nothing matches the filter ({clear} clears it).")
    })
}

/// The area of a full-screen view: everything between the header and the status line.
pub fn view_rect(area: Rect) -> Rect {
    Rect::new(
        area.x,
        area.y + 1.min(area.height),
        area.width,
        area.height.saturating_sub(3),
    )
    .intersection(area)
}

/// The block of a full-screen view `width` cells wide.
pub fn view_block<'a>(title: String, note: String, theme: &Theme, width: u16) -> Block<'a> {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused);
    titled(block, &title, theme.border_focused, &note, theme.dim, width)
}

/// Text fitted to `cells` cells (plus a separating blank), with the characters matching a fuzzy
/// query underlined and bold, so matches show without colour too.
pub fn highlighted(
    text: &str,
    cells: usize,
    query: Option<&str>,
    style: Style,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let fitted = pad(text, cells.saturating_sub(1));
    let Some(indices) = query
        .filter(|q| !q.is_empty())
        .and_then(|q| crate::fuzzy::Query::new(q).indices(&fitted))
    else {
        let mut fitted = fitted;
        fitted.push(' ');
        return vec![Span::styled(fitted, style)];
    };
    let mark = style
        .patch(theme.accent)
        .add_modifier(ratatui::style::Modifier::UNDERLINED | ratatui::style::Modifier::BOLD);
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    for (i, c) in fitted.chars().enumerate() {
        let marked = indices.binary_search(&(i as u32)).is_ok();
        if marked != run_marked && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_marked { mark } else { style },
            ));
        }
        run_marked = marked;
        run.push(c);
    }
    run.push(' ');
    spans.push(Span::styled(run, if run_marked { mark } else { style }));
    spans
}

/// Clears a popup's area, and the cells of any wide glyph cut by its left or right edge: a
/// glyph whose first half lies outside the popup would otherwise hide the popup's border (a
/// terminal draws a wide glyph over the cell after it).
pub fn clear(frame: &mut Frame, area: Rect) {
    use ratatui::buffer::CellWidth;
    let area = area.intersection(frame.area());
    if area.is_empty() {
        return;
    }
    let buf = frame.buffer_mut();
    let bounds = buf.area;
    for y in area.top()..area.bottom() {
        // A glyph starting left of the popup reaching into it: blank it whole.
        for back in 1..=3u16 {
            let Some(x) = area.x.checked_sub(back).filter(|x| *x >= bounds.x) else {
                break;
            };
            let w = buf[(x, y)].symbol().cell_width();
            if w > back {
                buf[(x, y)].reset();
            }
        }
        // A glyph starting inside the popup reaching past its right edge: blank what it covers.
        for x in area.x..area.right() {
            let w = buf[(x, y)].symbol().cell_width();
            if w > 1 && x + w > area.right() {
                for covered in area.right()..(x + w).min(bounds.right()) {
                    buf[(covered, y)].reset();
                }
            }
        }
    }
    frame.render_widget(ratatui::widgets::Clear, area);
}
