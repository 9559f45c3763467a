//! The detail overlay: every field of one record, wrapped to the box and scrollable.

use super::text::{clean, pad};
use super::theme::Theme;
use crate::action::{Action, Context};
use crate::app::{DetailLine, LABEL_WIDTH, LineKind, Wrapped, detail_rect};
use crate::keymap::Keymap;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

/// Draws the detail box; `wrapped` are `lines` as the app wrapped them (wrapped anew only when
/// the frame's width differs from the screen the app knows). The keys in the title come from
/// the keymap.
pub fn draw(
    frame: &mut Frame,
    keymap: &Keymap,
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
        &hint(keymap),
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

/// `Esc: close  j/k: scroll`, with the keys of the details.
fn hint(keymap: &Keymap) -> String {
    let key = |a| keymap.key_text(a, &[Context::Detail]);
    format!(
        "{}: close  {}/{}: scroll",
        key(Action::Back),
        key(Action::Down),
        key(Action::Up)
    )
}
