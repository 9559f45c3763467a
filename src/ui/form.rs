//! The form overlay: one row per field (label, value, resolved date or error), the focused
//! field marked and its cursor placed; choices shown as ‹ value ›, and while a choice field is
//! focused, its choices under it (the picked one in brackets, those of the letter typed first).
//! Long forms scroll with the focus.

use super::text::{clean, fit, pad, width};
use super::theme::Theme;
use crate::action::{Action, Context};
use crate::app::{App, FieldKind, Form, overlay_rect};
use ratatui::Frame;
use ratatui::layout::Position;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

const LABEL: usize = 20;

pub fn draw(frame: &mut Frame, app: &App, form: &Form, theme: &Theme) {
    // At most 80% of the screen; as tall as the fields need (a short form stays small).
    let full = overlay_rect(frame.area(), 80, 80).intersection(frame.area());
    let keys = |a: Action| {
        app.keymap
            .keys_in(a, Context::Form)
            .first()
            .map_or(String::new(), ToString::to_string)
    };
    let note = format!(
        "{} save · {} next · {} cancel · {} $EDITOR",
        keys(Action::Submit),
        keys(Action::FieldNext),
        keys(Action::Cancel),
        keys(Action::OpenEditor)
    );
    let block = super::widgets::titled(
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused),
        &form.title,
        theme.title,
        &note,
        theme.dim,
        full.width,
    );
    let inner = block.inner(full);
    let value_w = (inner.width as usize).saturating_sub(LABEL + 3);
    // Each field's lines: its row, then its problem or hint on lines of their own when they do
    // not fit beside the value (wrapped, never cut). The caret's column, for the focused field.
    let mut groups: Vec<Vec<Line<'static>>> = Vec::with_capacity(form.fields.len());
    let mut caret_x = None;
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let marker = if focused { "▶" } else { " " };
        let label_style = if field.error.is_some() {
            theme.bad
        } else if focused {
            theme.key
        } else {
            theme.dim
        };
        let mut spans = vec![
            Span::styled(marker.to_string(), theme.key),
            Span::styled(pad(field.label(), LABEL), label_style),
            Span::raw("  "),
        ];
        let value = match &field.kind {
            FieldKind::Choice(_) => format!("‹ {} ›", field.value()),
            _ => field.value().to_string(),
        };
        // Keep the cursor visible in long values by showing the tail.
        let shown = if width(&value) > value_w && focused {
            // The longest tail that fits by width (wide characters take two cells).
            let room = value_w.saturating_sub(1);
            let mut used = 0;
            let mut tail: Vec<char> = Vec::new();
            for c in value.chars().rev() {
                let w = width(c.encode_utf8(&mut [0; 4]));
                if used + w > room {
                    break;
                }
                used += w;
                tail.push(c);
            }
            tail.into_iter().rev().collect::<String>()
        } else {
            value.clone()
        };
        let value_style = if focused { theme.selected } else { theme.base };
        let fitted = fit(&shown, value_w);
        spans.push(Span::styled(fitted.clone(), value_style));
        let after = match (&field.error, field.hint.is_empty()) {
            (Some(e), _) => Some((format!("✗ {}", clean(e)), theme.bad)),
            (None, false) => Some((clean(&field.hint).into_owned(), theme.dim)),
            _ => None,
        };
        let mut group = Vec::new();
        let room = value_w.saturating_sub(width(&fitted) + 2);
        match after {
            Some((text, style)) if width(&text) <= room => {
                spans.push(Span::styled(format!("  {text}"), style));
                group.push(Line::from(spans));
            }
            Some((text, style)) => {
                group.push(Line::from(spans));
                let indent = " ".repeat(1 + LABEL + 2);
                for chunk in crate::app::wrap_text(&text, value_w.saturating_sub(1).max(8)) {
                    group.push(Line::styled(format!("{indent}{chunk}"), style));
                }
            }
            None => group.push(Line::from(spans)),
        }
        if focused && let Some(text) = choices_line(field) {
            let indent = " ".repeat(1 + LABEL + 2);
            for chunk in crate::app::wrap_text(&text, value_w.saturating_sub(1).max(8)) {
                group.push(Line::styled(format!("{indent}{chunk}"), theme.dim));
            }
        }
        if focused && !matches!(field.kind, FieldKind::Choice(_)) {
            let before: String = value.chars().take(field.input.cursor()).collect();
            let offset = if width(&value) > value_w {
                width(&fitted).min(value_w)
            } else {
                width(&clean(&before))
            };
            let x = inner.x + 1 + LABEL as u16 + 2 + offset as u16;
            caret_x = Some(x.min(inner.right().saturating_sub(1)));
        }
        groups.push(group);
    }
    let needed = groups.iter().map(Vec::len).sum::<usize>() as u16 + 2;
    let area = if needed < full.height {
        let top = full.y + (full.height - needed) / 2;
        ratatui::layout::Rect::new(full.x, top, full.width, needed)
    } else {
        full
    };
    let inner = block.inner(area);
    super::widgets::clear(frame, area);
    frame.render_widget(block, area);
    let height = inner.height as usize;
    // The first field shown: the earliest that still shows the focused field whole.
    let focus = form.focus.min(groups.len().saturating_sub(1));
    let mut start = 0;
    while start < focus && groups[start..=focus].iter().map(Vec::len).sum::<usize>() > height {
        start += 1;
    }
    let caret_row: usize = groups[start..focus].iter().map(Vec::len).sum();
    let caret = caret_x
        .filter(|_| caret_row < height)
        .map(|x| Position::new(x, inner.y + caret_row as u16));
    let lines: Vec<Line<'static>> = groups[start..]
        .iter()
        .flatten()
        .take(height)
        .cloned()
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(p) = caret
        && frame.area().contains(p)
    {
        frame.set_cursor_position(p);
    }
}

/// The choices of a focused choice field, the picked one in brackets: those of the letter last
/// typed first (in the order further presses pick them), then the others.
fn choices_line(field: &crate::app::Field) -> Option<String> {
    let FieldKind::Choice(options) = &field.kind else {
        return None;
    };
    let name = |i: &usize| {
        let o = clean(&options[*i]).into_owned();
        if *i == field.choice {
            format!("[{o}]")
        } else {
            o
        }
    };
    let join = |is: &[usize]| is.iter().map(name).collect::<Vec<_>>().join(" · ");
    let (lettered, rest) = field.choices_shown();
    Some(match field.letter {
        Some(c) if lettered.is_empty() => format!("none starts with {c}: {}", join(&rest)),
        Some(c) if !rest.is_empty() => {
            format!("{c}: {}   others: {}", join(&lettered), join(&rest))
        }
        Some(c) => format!("{c}: {}", join(&lettered)),
        None => join(&rest),
    })
}

pub fn draw_confirm(frame: &mut Frame, question: &str, theme: &Theme) {
    let area = overlay_rect(frame.area(), 60, 20).intersection(frame.area());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.status_warn)
        .title(Line::styled(" Confirm ", theme.status_warn));
    super::widgets::clear(frame, area);
    let width = block.inner(area).width as usize;
    let lines: Vec<Line<'static>> = question
        .lines()
        .flat_map(|l| crate::app::wrap_text(clean(l.trim()).as_ref(), width))
        .map(Line::raw)
        .collect();
    super::widgets::draw_lines(frame, area, &block, &lines);
}
