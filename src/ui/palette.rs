//! The command palette and the global search: a prompt line and the ranked list below it.

use super::text::{clean, fit, pad};
use super::theme::Theme;
use super::widgets::{view_block, view_rect};
use crate::action::{Action, Context};
use crate::app::layers;
use crate::app::palette::Hit;
use crate::app::{App, Cursor};
use ratatui::Frame;
use ratatui::layout::Position;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_input::Input;

fn prompt(
    frame: &mut Frame,
    inner: ratatui::layout::Rect,
    sigil: &str,
    input: &Input,
    theme: &Theme,
) -> Line<'static> {
    let x = inner.x + 1 + sigil.chars().count() as u16 + input.visual_cursor() as u16;
    let p = Position::new(x.min(inner.right().saturating_sub(1)), inner.y);
    if frame.area().contains(p) {
        frame.set_cursor_position(p);
    }
    Line::from(vec![
        Span::styled(format!(" {sigil}"), theme.key),
        Span::raw(clean(input.value()).into_owned()),
    ])
}

pub fn draw_palette(
    frame: &mut Frame,
    app: &App,
    input: &Input,
    matches: &[Action],
    cursor: Cursor,
    theme: &Theme,
) {
    let area = view_rect(frame.area());
    let block = view_block(
        format!(
            "Commands · {} of {}",
            matches.len(),
            crate::app::palette::palette_actions().len()
        ),
        run_hint(app, layers::PALETTE, "runs"),
        theme,
        area.width,
    );
    let inner = block.inner(area);
    super::widgets::clear(frame, area);
    frame.render_widget(block, area);
    let mut lines = vec![prompt(frame, inner, ":", input, theme), Line::raw("")];
    let height = inner.height.saturating_sub(2) as usize;
    let (start, end) = cursor.window(matches.len(), height);
    let w = inner.width as usize;
    for (offset, action) in matches[start..end].iter().enumerate() {
        let keys = app.keymap.keys_text(*action);
        let line = Line::from(vec![
            Span::styled(format!(" {}", pad(action.name(), 22)), theme.base),
            Span::styled(pad(&keys, 16), theme.key),
            Span::styled(fit(action.help(), w.saturating_sub(40)), theme.dim),
        ]);
        lines.push(if start + offset == cursor.selected {
            line.patch_style(theme.selected)
        } else {
            line
        });
    }
    if matches.is_empty() {
        lines.push(Line::styled("  No action matches.", theme.dim));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn draw_search(
    frame: &mut Frame,
    app: &App,
    input: &Input,
    hits: &[Hit],
    cursor: Cursor,
    theme: &Theme,
) {
    let area = view_rect(frame.area());
    let searching = match app.search_progress() {
        Some(percent) => format!(" · searching {percent}%…"),
        None => String::new(),
    };
    let title = if input.value().trim().is_empty() {
        "Find anything".to_string()
    } else if hits.len() >= crate::app::palette::MAX_HITS {
        format!("Find · best {} matches{searching}", hits.len())
    } else {
        format!("Find · {} matches{searching}", hits.len())
    };
    let block = view_block(
        title,
        run_hint(app, layers::SEARCH, "goes to it"),
        theme,
        area.width,
    );
    let inner = block.inner(area);
    super::widgets::clear(frame, area);
    frame.render_widget(block, area);
    let mut lines = vec![prompt(frame, inner, "find: ", input, theme), Line::raw("")];
    let height = inner.height.saturating_sub(2) as usize;
    let (start, end) = cursor.window(hits.len(), height);
    let w = inner.width as usize;
    let query = input.value().trim().to_string();
    for (offset, hit) in hits[start..end].iter().enumerate() {
        let partner = app.ws().partner_name(hit.partner).unwrap_or("?");
        let mut spans = vec![
            Span::styled(format!(" {}", pad(hit.kind, 12)), theme.accent),
            Span::styled(format!("{} ", pad(partner, 23)), theme.dim),
        ];
        spans.extend(super::widgets::highlighted(
            &hit.text,
            w.saturating_sub(38),
            Some(&query),
            theme.base,
            theme,
        ));
        let line = Line::from(spans);
        lines.push(if start + offset == cursor.selected {
            line.patch_style(theme.selected)
        } else {
            line
        });
    }
    if hits.is_empty() && !query.is_empty() {
        let text = if app.search_progress().is_some() {
            "  Searching…"
        } else {
            "  Nothing matches."
        };
        lines.push(Line::styled(text, theme.dim));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `Enter runs · Esc closes`, with the keys of the palette or find.
fn run_hint(app: &App, layers: &[Context], what: &str) -> String {
    format!(
        "{} {what} · {} closes",
        app.keymap.key_text(Action::Submit, layers),
        app.keymap.key_text(Action::Cancel, layers)
    )
}
