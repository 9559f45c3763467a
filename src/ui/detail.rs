//! The detail overlay: every field of one record, wrapped to the box and scrollable.

use super::text::{clean, pad};
use super::theme::Theme;
use crate::app::{DetailLine, LABEL_WIDTH, LineKind, Wrapped, detail_rect};
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

/// Draws the detail box; `wrapped` are `lines` as the app wrapped them (wrapped anew only when
/// the frame's width differs from the screen the app knows).
pub fn draw(
    frame: &mut Frame,
    lines: &[DetailLine],
    wrapped: &Wrapped,
    scroll: usize,
    theme: &Theme,
) {
    let area = detail_rect(frame.area()).intersection(frame.area());
    let block = super::widgets::titled(
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused),
        "Details",
        theme.title,
        "Esc: close  j/k: scroll",
        theme.dim,
        area.width,
    );
    let inner = block.inner(area);
    let wrapped = wrapped.at(lines, inner.width.saturating_sub(2) as usize);
    let max = wrapped.len().saturating_sub(inner.height as usize);
    let shown: Vec<Line<'static>> = wrapped
        .iter()
        .skip(scroll.min(max))
        .take(inner.height as usize)
        .map(|l| match l.kind {
            LineKind::Title => Line::styled(format!(" {}", clean(&l.value)), theme.title),
            LineKind::Heading => Line::styled(format!(" {}", clean(&l.value)), theme.accent),
            LineKind::Field => Line::from(vec![
                Span::styled(format!(" {}", pad(&l.label, LABEL_WIDTH)), theme.dim),
                Span::raw(" "),
                Span::raw(clean(&l.value).into_owned()),
            ]),
            LineKind::Text => Line::raw(format!(" {}", clean(&l.value))),
            LineKind::Chart => Line::raw(""),
        })
        .collect();
    super::widgets::clear(frame, area);
    super::widgets::draw_lines(frame, area, &block, &shown);
}
