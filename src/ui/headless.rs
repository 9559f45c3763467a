//! Rendering without a terminal: one frame as plain text (for `partnerdeck render`, tests and
//! benchmarks), and a reusable headless terminal that redraws like the event loop does.

use super::{Theme, draw};
use crate::action::Action;
use crate::app::{App, Pane};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// Rows built (`row()`) plus lines drawn into panes (`render_lines`) since the counter was last
/// reset: a counting test double for "a frame touches only the visible rows" (tests reset it,
/// draw one frame, and compare the count across data sizes and with the screen's height).
#[doc(hidden)]
pub use super::widgets::ROWS_DRAWN;

/// Draws one frame of `width`×`height` into a buffer.
pub fn render_buffer(app: &App, theme: &Theme, width: u16, height: u16) -> Buffer {
    let mut terminal =
        Terminal::new(TestBackend::new(width, height)).expect("the test backend cannot fail");
    terminal
        .draw(|frame| draw(frame, app, theme))
        .expect("the test backend cannot fail");
    terminal.backend().buffer().clone()
}

/// The buffer's text, one line per row, trailing blanks removed.
pub fn buffer_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::with_capacity(area.width as usize * area.height as usize + 8);
    for y in 0..area.height {
        let mut line = String::new();
        let mut hidden = 0;
        for x in 0..area.width {
            let symbol = buffer[(area.x + x, area.y + y)].symbol();
            if hidden > 0 {
                // The cell behind a wide glyph.
                hidden -= 1;
                continue;
            }
            hidden = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// One frame as plain text.
pub fn render_text(app: &App, theme: &Theme, width: u16, height: u16) -> String {
    buffer_text(&render_buffer(app, theme, width, height))
}

/// A headless terminal kept between frames, as the event loop keeps its terminal: each `draw`
/// renders the whole app and hands only the changed cells to the backend. For measuring the
/// cost of one key (update + redraw) without allocating a terminal per frame.
pub struct Headless {
    terminal: Terminal<TestBackend>,
}

impl Headless {
    pub fn new(width: u16, height: u16) -> Headless {
        Headless {
            terminal: Terminal::new(TestBackend::new(width, height))
                .expect("the test backend cannot fail"),
        }
    }

    /// Draws one frame and returns what the screen now shows.
    pub fn draw(&mut self, app: &App, theme: &Theme) -> &Buffer {
        self.terminal
            .draw(|frame| draw(frame, app, theme))
            .expect("the test backend cannot fail");
        self.terminal.backend().buffer()
    }
}

/// What `partnerdeck render` shows: the dashboard with one pane focused, or a full-screen view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum View {
    /// The dashboard as it opens (the partners pane focused).
    Dashboard,
    Partners,
    Goals,
    Timeline,
    Log,
    /// The attention queue (`t`).
    Attention,
    /// The portfolio overview (`o`).
    Overview,
    /// The keys (`?`).
    Help,
}

impl View {
    /// Every view, in the order `--help` lists them.
    pub const ALL: [View; 8] = [
        View::Dashboard,
        View::Partners,
        View::Goals,
        View::Timeline,
        View::Log,
        View::Attention,
        View::Overview,
        View::Help,
    ];

    /// The action that brings the dashboard to this view (none for the dashboard as it opens).
    pub fn action(self) -> Option<Action> {
        match self {
            View::Dashboard => None,
            View::Partners => Some(Action::FocusPartners),
            View::Goals => Some(Action::FocusGoals),
            View::Timeline => Some(Action::FocusTimeline),
            View::Log => Some(Action::FocusLog),
            View::Attention => Some(Action::Attention),
            View::Overview => Some(Action::Overview),
            View::Help => Some(Action::Help),
        }
    }
}

/// Selects the partner whose name best matches `query` (as `fuzzy::pick` chooses), as moving
/// the cursor there in the partners pane would; an error sentence when none or several match.
pub fn select_partner(app: &mut App, query: &str) -> Result<(), String> {
    let row = {
        let items: Vec<(usize, &str)> = app
            .rows
            .partners
            .iter()
            .enumerate()
            .map(|(row, &i)| (row, app.ws.partners[i as usize].name.as_str()))
            .collect();
        if items.is_empty() {
            return Err("there are no partners to select".into());
        }
        crate::fuzzy::pick(query, &items)?.0
    };
    let len = app.rows.partners.len();
    let height = app.screen.list_height(Pane::Partners);
    app.cursors[Pane::Partners as usize].select(row, len, height);
    app.partner_changed();
    Ok(())
}

/// Brings a freshly built app to a `width`×`height` screen, the partner matching `partner` (if
/// given) and `view`, and renders that frame as text: what `partnerdeck render` prints.
pub fn frame(
    app: &mut App,
    theme: &Theme,
    width: u16,
    height: u16,
    view: View,
    partner: Option<&str>,
) -> Result<String, String> {
    if width == 0 || height == 0 {
        return Err(format!("a {width}×{height} frame has no room to draw in"));
    }
    app.resize(width, height);
    if let Some(name) = partner {
        select_partner(app, name)?;
    }
    if let Some(action) = view.action() {
        app.update(action);
    }
    app.finish_work();
    Ok(render_text(app, theme, width, height))
}
