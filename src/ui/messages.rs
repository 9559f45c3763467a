//! The recent messages overlay: every status message in full, newest first, with its time.

use super::text::fit;
use super::theme::Theme;
use crate::app::{App, Level, help_rect};
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders};

pub fn draw(frame: &mut Frame, app: &App, scroll: usize, theme: &Theme) {
    let area = help_rect(frame.area()).intersection(frame.area());
    let close = app.keymap.keys_text(crate::action::Action::Back);
    let block = super::widgets::titled(
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused),
        "Recent messages, newest first",
        theme.title,
        &format!("{close}: close"),
        theme.dim,
        area.width,
    );
    let width = block.inner(area).width as usize;
    let lines: Vec<Line<'static>> = crate::app::messages_view::lines(&app.scene(), width)
        .into_iter()
        .skip(scroll)
        .map(|(level, text)| {
            let style = match level {
                Level::Info => theme.base,
                Level::Warn => theme.status_warn,
                Level::Error => theme.status_error,
            };
            Line::styled(fit(&text, width), style)
        })
        .collect();
    super::widgets::clear(frame, area);
    super::widgets::draw_lines(frame, area, &block, &lines);
}
