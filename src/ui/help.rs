//! The help overlay: every binding of the context under it, generated from the live keymap, in
//! two columns when there is room.

use super::text::{fit, pad};
use super::theme::Theme;
use crate::app::{App, help_columns, help_rect};
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

pub fn draw(frame: &mut Frame, app: &App, scroll: usize, theme: &Theme) {
    let area = help_rect(frame.area()).intersection(frame.area());
    let bindings = app.keymap.bindings(app.help_context());
    let close = app.keymap.keys_text(crate::action::Action::Back);
    let block = super::widgets::titled(
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused),
        &match app.help_context() {
            // A name of two words.
            crate::action::Context::WhatsNew => "Keys · What's new".to_string(),
            other => format!("Keys · {other:?}"),
        },
        theme.title,
        &format!("{close}: close"),
        theme.dim,
        area.width,
    );
    let inner = block.inner(area);
    let columns = help_columns(frame.area());
    let rows = bindings.len().div_ceil(columns);
    let col_w = inner.width as usize / columns;
    let key_w = 16usize.min(col_w / 2);
    let text_w = col_w.saturating_sub(key_w + 2);
    let symbols = crate::keymap::legend::symbols();
    let symbol_rows = symbols.len().div_ceil(columns);
    let symbol = |i: usize| -> Vec<Span<'static>> {
        match symbols.get(i) {
            Some((glyphs, meaning)) => vec![
                Span::styled(pad(glyphs, key_w), theme.key),
                Span::raw(" "),
                Span::raw(pad(&fit(meaning, text_w), text_w + 1)),
            ],
            None => Vec::new(),
        }
    };
    let entry = |i: usize| -> Vec<Span<'static>> {
        match bindings.get(i) {
            Some((action, keys)) => {
                let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
                vec![
                    Span::styled(pad(&keys.join(" "), key_w), theme.key),
                    Span::raw(" "),
                    Span::raw(pad(&fit(action.help(), text_w), text_w + 1)),
                ]
            }
            None => Vec::new(),
        }
    };
    // The keys, then (after a blank line and a heading) the symbols, each in the same columns.
    let keys = (0..rows).map(|r| {
        let mut spans = entry(r);
        for c in 1..columns {
            spans.extend(entry(r + c * rows));
        }
        Line::from(spans)
    });
    let legend = (0..symbol_rows).map(|r| {
        let mut spans = symbol(r);
        for c in 1..columns {
            spans.extend(symbol(r + c * symbol_rows));
        }
        Line::from(spans)
    });
    let lines: Vec<Line<'static>> = keys
        .chain([Line::raw(""), Line::styled("Symbols", theme.title)])
        .chain(legend)
        .skip(scroll)
        .take(inner.height as usize)
        .collect();
    super::widgets::clear(frame, area);
    super::widgets::draw_lines(frame, area, &block, &lines);
}
