//! Pure rendering of `&App` into a frame: one file per pane or overlay, styles from `Theme`.
//! Nothing here changes state; every area is computed from the frame itself, so a resize
//! between an update and a draw can never index outside the buffer.

mod attention;
mod cells;
mod chrome;
mod conflicts;
mod detail;
mod form;
mod goals;
pub mod headless;
mod health_chart;
mod help;
mod log;
mod overview;
mod palette;
mod partners;
mod records;
mod review;
pub mod text;
pub mod theme;
mod timeline;
mod widgets;

pub use theme::Theme;

use crate::app::{App, Overlay, Pane, Screen};
use ratatui::Frame;
use ratatui::layout::Rect;

/// The area an overlay clears and draws over whole, when it is a full-screen view.
fn full_screen_view(app: &App, area: Rect) -> Option<Rect> {
    match app.overlay.as_ref()? {
        Overlay::Attention { .. }
        | Overlay::Overview { .. }
        | Overlay::Palette { .. }
        | Overlay::Search { .. }
        | Overlay::Review(_)
        | Overlay::Records { .. }
        | Overlay::Conflicts { .. } => Some(widgets::view_rect(area)),
        Overlay::Help { .. }
        | Overlay::Detail { .. }
        | Overlay::Form { .. }
        | Overlay::Confirm { .. } => None,
    }
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let screen = Screen::compute(area, app.focus);
    if screen.too_small {
        chrome::too_small(frame, area, theme);
        return;
    }
    chrome::header(frame, screen.header, app, theme);
    // What a full-screen view clears and covers whole is not drawn under it.
    let cover = full_screen_view(app, area);
    let hidden = |r: Rect| cover.is_some_and(|c| c.intersection(r) == r);
    if let Some(tabs) = screen.tabs.filter(|t| !hidden(*t)) {
        chrome::tabs(frame, tabs, app, theme);
    }
    for pane in Pane::ALL {
        if let Some(r) = screen.panes[pane as usize] {
            let r = r.intersection(area);
            if hidden(r) {
                continue;
            }
            match pane {
                Pane::Partners => partners::draw(frame, r, app, theme),
                Pane::Goals => goals::draw(frame, r, app, theme),
                Pane::Timeline => timeline::draw(frame, r, app, theme),
                Pane::Log => log::draw(frame, r, app, theme),
            }
        }
    }
    chrome::status(frame, screen.status, app, theme);
    chrome::footer(frame, screen.footer, app, theme);
    // Help draws over the view it was opened from (the overlay under it, if any).
    if let (Some(Overlay::Help { .. }), Some(under)) = (&app.overlay, app.under()) {
        overlay(frame, app, Some(under), theme);
    }
    overlay(frame, app, app.overlay.as_ref(), theme);
}

/// Draws one overlay (help over the view it was opened from draws that view first).
fn overlay(frame: &mut Frame, app: &App, overlay: Option<&Overlay>, theme: &Theme) {
    match overlay {
        Some(Overlay::Help { scroll, .. }) => help::draw(frame, app, *scroll, theme),
        Some(Overlay::Detail {
            lines,
            wrapped,
            scroll,
            ..
        }) => {
            detail::draw(frame, &app.keymap, lines, wrapped, *scroll, theme);
            health_chart::draw(frame, app, lines, wrapped, *scroll, theme);
        }
        Some(Overlay::Attention { cursor }) => attention::draw(frame, app, *cursor, theme),
        Some(Overlay::Overview {
            cursor,
            sort,
            order,
        }) => overview::draw(frame, app, *cursor, *sort, order, theme),
        Some(Overlay::Form { form, .. }) => form::draw(frame, app, form, theme),
        Some(Overlay::Confirm { question, .. }) => form::draw_confirm(frame, question, theme),
        Some(Overlay::Review(state)) => review::draw(frame, app, state, theme),
        Some(Overlay::Palette {
            input,
            matches,
            cursor,
        }) => palette::draw_palette(frame, app, input, matches, *cursor, theme),
        Some(Overlay::Search {
            input,
            hits,
            cursor,
            ..
        }) => palette::draw_search(frame, app, input, hits, *cursor, theme),
        Some(Overlay::Records {
            kind,
            partner,
            cursor,
        }) => records::draw(frame, app, *kind, *partner, *cursor, theme),
        Some(Overlay::Conflicts { cursor }) => conflicts::draw(frame, app, *cursor, theme),
        None => {}
    }
}
