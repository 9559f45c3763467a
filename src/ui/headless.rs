//! Rendering without a terminal: one frame as plain text (for `partnerdeck render`, tests and
//! benchmarks), and a reusable headless terminal that redraws like the event loop does. Only
//! draws: bringing the app to a view is `App::show`.

use super::{Theme, draw};
use crate::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

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
