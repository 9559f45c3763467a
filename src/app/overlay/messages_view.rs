//! The recent messages in full, over whatever is open (keys as in help).

use super::Effect;
use super::help::scroll_by;
use super::scene::Scene;
use crate::action::Action;
use crate::app::detail::wrap_text;
use crate::app::layout::help_rect;
use crate::app::status::Level;

/// The messages overlay: how far it is scrolled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MessagesView {
    pub scroll: usize,
}

impl MessagesView {
    pub(in crate::app) fn update(&mut self, action: Action, scene: &Scene) -> Effect {
        match action {
            Action::Back | Action::Help | Action::Messages => Effect::Close,
            _ => {
                let area = help_rect(scene.screen.area);
                let width = area.width.saturating_sub(2) as usize;
                let len = lines(scene, width).len();
                scroll_by(
                    &mut self.scroll,
                    action,
                    len,
                    area.height.saturating_sub(2) as usize,
                );
                Effect::None
            }
        }
    }
}

/// The overlay's lines at `width`: each message, newest first, its time and level before it,
/// wrapped (never cut).
pub fn lines(scene: &Scene, width: usize) -> Vec<(Level, String)> {
    let mut out = Vec::new();
    if scene.messages.is_empty() {
        out.push((Level::Info, "No messages yet".to_string()));
    }
    for m in scene.messages.newest_first() {
        let when = if m.at.date() == scene.today() {
            m.at.format("%H:%M:%S").to_string()
        } else {
            m.at.format("%Y-%m-%d %H:%M:%S").to_string()
        };
        let mark = match m.level {
            Level::Info => " ",
            Level::Warn => "!",
            Level::Error => "✗",
        };
        let head = format!("{when} {mark} ");
        let indent = " ".repeat(crate::text::width(&head));
        let room = width.saturating_sub(indent.len()).max(8);
        for (i, part) in m.text.lines().flat_map(|l| wrap_text(l, room)).enumerate() {
            let lead = if i == 0 { &head } else { &indent };
            out.push((m.level, format!("{lead}{part}")));
        }
    }
    out
}
