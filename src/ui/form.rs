//! The form overlay: one row per field (label, value, resolved date or error), the focused
//! field marked and its cursor placed; choices shown as ‹ value ›. Long forms scroll with the
//! focus.

use super::text::{clean, fit, pad, width};
use super::theme::Theme;
use crate::action::{Action, Context};
use crate::app::{App, Cursor, FieldKind, Form, overlay_rect};
use ratatui::Frame;
use ratatui::layout::Position;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

const LABEL: usize = 20;

pub fn draw(frame: &mut Frame, app: &App, form: &Form, theme: &Theme) {
    let area = overlay_rect(frame.area(), 80, 80).intersection(frame.area());
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
        area.width,
    );
    let inner = block.inner(area);
    super::widgets::clear(frame, area);
    frame.render_widget(block, area);
    let height = inner.height as usize;
    let mut cursor = Cursor::default();
    cursor.select(form.focus, form.fields.len(), height.max(1));
    let (start, end) = cursor.window(form.fields.len(), height.max(1));
    let value_w = (inner.width as usize).saturating_sub(LABEL + 3);
    let mut lines = Vec::new();
    let mut caret = None;
    for (row, (i, field)) in form
        .fields
        .iter()
        .enumerate()
        .skip(start)
        .take(end - start)
        .enumerate()
    {
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
            Span::styled(pad(field.label, LABEL), label_style),
            Span::raw("  "),
        ];
        let value = match &field.kind {
            FieldKind::Choice(_) => format!("‹ {} ›", field.value()),
            _ => field.value().to_string(),
        };
        // Keep the cursor visible in long values by showing the tail.
        let shown = if width(&value) > value_w && focused {
            let skip = value
                .chars()
                .count()
                .saturating_sub(value_w.saturating_sub(1));
            value.chars().skip(skip).collect::<String>()
        } else {
            value.clone()
        };
        let value_style = if focused { theme.selected } else { theme.base };
        let fitted = fit(&shown, value_w);
        spans.push(Span::styled(fitted.clone(), value_style));
        let after = match (&field.error, field.hint.is_empty()) {
            (Some(e), _) => Span::styled(format!("  ✗ {e}"), theme.bad),
            (None, false) => Span::styled(format!("  {}", field.hint), theme.dim),
            _ => Span::raw(""),
        };
        spans.push(after);
        if focused && !matches!(field.kind, FieldKind::Choice(_)) {
            let before: String = value.chars().take(field.input.cursor()).collect();
            let offset = if width(&value) > value_w {
                width(&fitted).min(value_w)
            } else {
                width(&clean(&before))
            };
            let x = inner.x + 1 + LABEL as u16 + 2 + offset as u16;
            let y = inner.y + row as u16;
            caret = Some(Position::new(x.min(inner.right().saturating_sub(1)), y));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(p) = caret
        && frame.area().contains(p)
    {
        frame.set_cursor_position(p);
    }
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
