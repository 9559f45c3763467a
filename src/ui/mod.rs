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
mod inbox;
mod log;
mod messages;
mod overview;
mod palette;
mod partners;
mod reconcile;
mod records;
mod review;
pub mod text;
pub mod theme;
mod timeline;
mod whats_new;
mod widgets;

pub use theme::Theme;

use crate::app::{App, Overlay, Pane, Screen};
use ratatui::Frame;
use ratatui::layout::Rect;

/// The area an overlay clears and draws over whole, when it is a full-screen view.
fn full_screen_view(app: &App, area: Rect) -> Option<Rect> {
    match app.overlay.as_ref()? {
        Overlay::Attention(_)
        | Overlay::Overview(_)
        | Overlay::Palette(_)
        | Overlay::Search(_)
        | Overlay::Review(_)
        | Overlay::Records(_)
        | Overlay::Conflicts(_)
        | Overlay::Reconcile(_)
        | Overlay::Ingest(_)
        | Overlay::WhatsNew(_) => Some(widgets::view_rect(area)),
        Overlay::Help(_)
        | Overlay::Detail(_)
        | Overlay::Form(_)
        | Overlay::Confirm(_)
        | Overlay::Filter(_)
        | Overlay::Messages(_) => None,
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
    if let (Some(Overlay::Help(_)), Some(under)) = (&app.overlay, app.under()) {
        overlay(frame, app, Some(under), theme);
    }
    overlay(frame, app, app.overlay.as_ref(), theme);
}

/// Draws one overlay (help over the view it was opened from draws that view first).
fn overlay(frame: &mut Frame, app: &App, overlay: Option<&Overlay>, theme: &Theme) {
    match overlay {
        Some(Overlay::Help(v)) => help::draw(frame, app, v.scroll, theme),
        Some(Overlay::Detail(v)) => {
            detail::draw(frame, &app.keymap, &v.lines, &v.wrapped, v.scroll, theme);
            let chart = v.chart.as_ref();
            health_chart::draw(frame, chart, &v.lines, &v.wrapped, v.scroll, theme);
        }
        Some(Overlay::Attention(v)) => attention::draw(frame, app, v, theme),
        Some(Overlay::Overview(v)) => overview::draw(frame, app, v, theme),
        Some(Overlay::Form(v)) => form::draw(frame, app, &v.form, theme),
        Some(Overlay::Confirm(v)) => form::draw_confirm(frame, &v.question, theme),
        Some(Overlay::Review(state)) => review::draw(frame, app, state, theme),
        Some(Overlay::Palette(v)) => {
            palette::draw_palette(frame, app, &v.input, &v.matches, v.cursor, theme)
        }
        Some(Overlay::Search(v)) => {
            palette::draw_search(frame, app, &v.input, &v.hits, v.cursor, theme)
        }
        Some(Overlay::Records(v)) => records::draw(frame, app, v.kind, v.partner, v.cursor, theme),
        Some(Overlay::Conflicts(v)) => conflicts::draw(frame, app, *v, theme),
        Some(Overlay::Reconcile(v)) => reconcile::draw(frame, app, v, theme),
        Some(Overlay::Messages(v)) => messages::draw(frame, app, v.scroll, theme),
        Some(Overlay::Ingest(v)) => inbox::draw(frame, app, v, theme),
        Some(Overlay::WhatsNew(v)) => whats_new::draw(frame, app, v, theme),
        // The filter being typed shows in its pane's title.
        Some(Overlay::Filter(_)) | None => {}
    }
}
