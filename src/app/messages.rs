//! The recent status messages, kept in full with their times ([`Messages`]), and the overlay
//! that shows them ([`MessagesView`]): the status line has one row and cuts what does not fit,
//! so what it said can always be read again whole.

use super::help::scroll_by;
use super::layout::help_rect;
use super::overlay::Effect;
use super::scene::Scene;
use super::status::Level;
use crate::action::Action;
use chrono::NaiveDateTime;
use std::collections::VecDeque;

/// How many messages are kept (the oldest go first).
pub const KEPT: usize = 100;

/// One status message as it was said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub at: NaiveDateTime,
    pub level: Level,
    pub text: String,
}

/// The recent messages, the oldest first, and where the one on the status line was first seen
/// by a key (a warning or an error goes when that changes).
#[derive(Debug, Clone, Default)]
pub struct Messages {
    said: VecDeque<Message>,
    pub context: Option<crate::action::Context>,
}

impl Messages {
    pub fn push(&mut self, at: NaiveDateTime, level: Level, text: &str) {
        if self.said.len() == KEPT {
            self.said.pop_front();
        }
        self.said.push_back(Message {
            at,
            level,
            text: text.to_string(),
        });
    }

    /// The newest first.
    pub fn newest_first(&self) -> impl Iterator<Item = &Message> {
        self.said.iter().rev()
    }

    pub fn len(&self) -> usize {
        self.said.len()
    }

    pub fn is_empty(&self) -> bool {
        self.said.is_empty()
    }
}

/// The messages overlay: how far it is scrolled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MessagesView {
    pub scroll: usize,
}

impl MessagesView {
    pub(super) fn update(&mut self, action: Action, scene: &Scene) -> Effect {
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
        for (i, part) in m
            .text
            .lines()
            .flat_map(|l| super::detail::wrap_text(l, room))
            .enumerate()
        {
            let lead = if i == 0 { &head } else { &indent };
            out.push((m.level, format!("{lead}{part}")));
        }
    }
    out
}
