//! The recent status messages, kept in full with their times ([`Messages`]); the overlay that
//! shows them is `overlay/messages_view.rs`. The status line has one row and cuts what does not fit,
//! so what it said can always be read again whole.

use super::status::Level;
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
