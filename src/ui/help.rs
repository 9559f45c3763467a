//! The help overlay: every binding of the context under it, generated from the live keymap.

use super::text::{fit, pad};
use super::theme::Theme;
use crate::app::{App, help_rect};
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn draw(frame: &mut Frame, app: &App, scroll: usize, theme: &Theme) {
    let area = help_rect(frame.area()).intersection(frame.area());
    let bindings = app.keymap.bindings(app.help_context());
    let close = app.keymap.keys_text(crate::action::Action::Back);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Line::styled(" Keys ", theme.title))
        .title(Line::styled(format!(" {close}: close "), theme.dim).right_aligned());
    let inner = block.inner(area);
    let key_w = 18usize;
    let text_w = (inner.width as usize).saturating_sub(key_w + 1);
    let lines: Vec<Line<'static>> = bindings
        .iter()
        .skip(scroll)
        .take(inner.height as usize)
        .map(|(action, keys)| {
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            Line::from(vec![
                Span::styled(pad(&keys.join(" "), key_w), theme.key),
                Span::raw(" "),
                Span::raw(fit(action.help(), text_w)),
            ])
        })
        .collect();
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
