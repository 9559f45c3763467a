//! Where everything goes on a screen of a given size: header, panes (side by side when wide, one
//! at a time with tabs when narrow), status line and footer. Pure geometry, shared by the app
//! (to page by a pane's height) and the renderer.

use super::pane::Pane;
use ratatui::layout::{Constraint, Layout, Rect};

/// Below this the dashboard asks for a larger terminal.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this size on, all four panes are shown at once.
pub const WIDE_WIDTH: u16 = 100;
pub const WIDE_HEIGHT: u16 = 22;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Screen {
    pub area: Rect,
    pub too_small: bool,
    pub header: Rect,
    /// The tab bar, when panes are shown one at a time.
    pub tabs: Option<Rect>,
    /// Each pane's area, or `None` when it is not shown (indexed by `Pane as usize`).
    pub panes: [Option<Rect>; 4],
    pub status: Rect,
    pub footer: Rect,
}

impl Screen {
    pub fn compute(area: Rect, focus: Pane) -> Screen {
        let mut s = Screen {
            area,
            ..Screen::default()
        };
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            s.too_small = true;
            return s;
        }
        let [header, body, status, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        s.header = header;
        s.status = status;
        s.footer = footer;
        if area.width >= WIDE_WIDTH && area.height >= WIDE_HEIGHT {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(38), Constraint::Percentage(62)])
                    .areas(body);
            let [goals, timeline, log] = Layout::vertical([
                Constraint::Percentage(30),
                Constraint::Percentage(35),
                Constraint::Percentage(35),
            ])
            .areas(right);
            s.panes = [Some(left), Some(goals), Some(timeline), Some(log)];
        } else {
            let [tabs, pane] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
            s.tabs = Some(tabs);
            s.panes[focus as usize] = Some(pane);
        }
        s
    }

    /// Rows available for list items in a pane (inside its border, below its column header).
    pub fn list_height(&self, pane: Pane) -> usize {
        let header_rows = match pane {
            Pane::Timeline => 2,
            _ => 1,
        };
        self.panes[pane as usize]
            .map_or(0, |r| r.height.saturating_sub(2 + header_rows) as usize)
            .max(1)
    }
}

/// The box of an overlay: centred, `percent` of the screen, at least 20×6 where possible.
pub fn overlay_rect(area: Rect, percent_w: u16, percent_h: u16) -> Rect {
    let w = (area.width * percent_w / 100).max(20).min(area.width);
    let h = (area.height * percent_h / 100).max(6).min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The detail overlay's box.
pub fn detail_rect(area: Rect) -> Rect {
    overlay_rect(area, 80, 85)
}

/// The help overlay's box.
pub fn help_rect(area: Rect) -> Rect {
    overlay_rect(area, 80, 80)
}

/// How many columns the help overlay uses at this screen size.
pub fn help_columns(area: Rect) -> usize {
    if help_rect(area).width >= 110 { 2 } else { 1 }
}
