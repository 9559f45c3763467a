//! "What's new": teammates' changes since this member last looked, a heading per member, a line
//! per partner, an indented line per change (kind, what happened, the record's words, the day).

use super::text::pad_left;
use super::theme::Theme;
use super::widgets::{cell, draw_lines, empty, row, view_block, view_rect};
use crate::action::Action;
use crate::app::App;
use crate::app::whats_new::{NOTHING_NEW, NewsRow, WhatsNewView};
use ratatui::Frame;
use ratatui::text::Line;

pub fn draw(frame: &mut Frame, app: &App, view: &WhatsNewView, theme: &Theme) {
    let area = view_rect(frame.area());
    let authors = view.authors();
    let title = if view.changes == 0 {
        "What's new from the team".to_string()
    } else {
        format!(
            "What's new from the team · {} by {}",
            crate::words::count(view.changes, "change"),
            crate::words::count(authors, "member")
        )
    };
    let note = format!("{}: close", app.keymap.keys_text(Action::Back));
    let block = view_block(title, note, theme, area.width);
    let inner = block.inner(area);
    super::widgets::clear(frame, area);
    if view.rows.is_empty() {
        draw_lines(frame, area, &block, &empty(NOTHING_NEW, theme));
        return;
    }
    let total = inner.width as usize;
    let open = app.keymap.keys_text(Action::Open);
    let mut lines: Vec<Line<'static>> = vec![Line::styled(
        super::text::fit(
            &format!("Since you last looked · {open}: go to the record"),
            total,
        ),
        theme.dim,
    )];
    let height = inner.height.saturating_sub(1) as usize;
    let (start, end) = view.cursor.window(view.rows.len(), height);
    for (offset, r) in view.rows[start..end].iter().enumerate() {
        let selected = start + offset == view.cursor.selected;
        lines.push(row(
            spans(r, total, app.today(), theme),
            total,
            selected,
            theme,
        ));
    }
    draw_lines(frame, area, &block, &lines);
}

/// One line's cells at `total` cells wide.
fn spans(
    r: &NewsRow,
    total: usize,
    today: chrono::NaiveDate,
    theme: &Theme,
) -> Vec<ratatui::text::Span<'static>> {
    match r {
        NewsRow::Author { name, count } => vec![cell(
            &format!("{name} — {}", crate::words::count(*count, "change")),
            total,
            theme.title,
        )],
        NewsRow::Partner { name, .. } => {
            vec![
                cell("", 2, theme.base),
                cell(name, total.saturating_sub(2), theme.accent),
            ]
        }
        NewsRow::Change {
            kind,
            words,
            text,
            on,
            deleted,
            ..
        } => {
            let kind_w = 12;
            let day_w = 10;
            let rest = total.saturating_sub(4 + kind_w + day_w).max(8);
            let day = on
                .map(|d| crate::words::day_words(d, today))
                .unwrap_or_default();
            let style = if *deleted { theme.dim } else { theme.base };
            let what = if text.is_empty() {
                words.clone()
            } else {
                format!("{words}: {text}")
            };
            vec![
                cell("", 4, theme.base),
                cell(kind, kind_w, theme.dim),
                cell(&what, rest, style),
                cell(&pad_left(&day, day_w - 1), day_w, theme.dim),
            ]
        }
    }
}
