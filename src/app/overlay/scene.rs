//! What an open overlay may read while it handles a key: the document, the keymap, the screen,
//! the time and the recent messages, all read-only. `App::scene` builds it (the one place); an
//! overlay never sees the app itself, and asks for anything more through its
//! [`Effect`](super::Effect).

use super::{Effect, Overlay};
use crate::action::{Action, Context};
use crate::app::clock::Clock;
use crate::app::layers;
use crate::app::layout::Screen;
use crate::app::messages::Messages;
use crate::app::pane::Pane;
use crate::app::status::Level;
use crate::document::Document;
use crate::insight::PartnerSummary;
use crate::keymap::Keymap;
use crate::model::Workspace;
use chrono::{NaiveDate, NaiveDateTime};
use std::sync::Arc;

/// A read-only view of the app for overlays (and the renderer's questions about them).
#[derive(Clone, Copy)]
pub struct Scene<'a> {
    /// The data, its figures and its saving state.
    pub doc: &'a Document,
    pub keymap: &'a Keymap,
    /// The terminal's size and where each pane is drawn.
    pub screen: &'a Screen,
    /// The focused pane of the dashboard.
    pub focus: Pane,
    /// The current time ([`App::now`](super::App::now)).
    pub now: NaiveDateTime,
    /// Where the time comes from (an overlay reads an instant to time its own work).
    pub clock: &'a dyn Clock,
    /// The recent status messages.
    pub messages: &'a Messages,
    /// The overlay the one handling the key was opened over.
    pub under: Option<&'a Overlay>,
}

impl<'a> Scene<'a> {
    /// The data.
    pub fn ws(&self) -> &'a Arc<Workspace> {
        self.doc.ws()
    }

    /// The day the figures are for (the clock's date).
    pub fn today(&self) -> NaiveDate {
        self.doc.today()
    }

    /// The insight summary of the partner at position `i` of `ws.partners`.
    pub fn summary(&self, i: usize) -> Option<&'a PartnerSummary> {
        let id = self.ws().partners.get(i)?.id;
        let summaries = &self.doc.overview().summaries;
        match summaries.get(i) {
            Some(s) if s.partner == id => Some(s),
            _ => summaries.iter().find(|s| s.partner == id),
        }
    }

    /// The fall over 90 days of the partner at position `i` (`None` while unknown).
    pub fn fall(&self, i: usize) -> Option<i16> {
        self.doc.trends().get(i)?.fall
    }

    /// Rows visible in a full-screen list view.
    pub fn view_height(&self) -> usize {
        self.screen.area.height.saturating_sub(6).max(1) as usize
    }

    /// The first key of an action in a context, as hints name it (`—` when unbound).
    pub fn key_text(&self, action: Action, context: Context) -> String {
        self.keymap.key_text(action, layers::only(context))
    }

    /// The key that undoes, for messages after a change (`… (u undoes)`).
    pub fn undo_key(&self) -> String {
        self.key_text(Action::Undo, Context::Dashboard)
    }

    /// `(y/n)`, with the keys that answer a question.
    pub fn yes_no(&self) -> String {
        format!(
            "({}/{})",
            self.key_text(Action::Yes, Context::Confirm),
            self.key_text(Action::No, Context::Confirm)
        )
    }

    /// What is said when a change is refused because the window is read-only.
    pub fn read_only_refusal(&self) -> Effect {
        let reason = self.doc.read_only().unwrap_or_default().to_string();
        let text = crate::document::Refused::ReadOnly(reason).to_string();
        Effect::Status(Level::Warn, text)
    }
}
