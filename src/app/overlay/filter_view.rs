//! The filter being typed ([`FilterView`], `/`): an overlay that draws nothing of its own (the
//! pane's title shows the query, the pane its matches) but has the keys while it is open.
//! `Enter` keeps the filter, `Esc` clears it; either closes it. The filter itself, and the
//! rows it matches, belong to the pane (`filter.rs`).

use super::Effect;
use super::scene::Scene;
use crate::action::Action;
use crate::app::pane::Pane;

/// Typing a pane's filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FilterView {
    /// The pane whose filter is typed.
    pub pane: Pane,
}

impl FilterView {
    /// The filter's keys: keep it, clear it, or edit it (a character, a cursor motion, a
    /// deletion).
    pub(in crate::app) fn update(&mut self, action: Action, scene: &Scene) -> Effect {
        match action {
            Action::Submit => Effect::KeepFilter,
            Action::Cancel => Effect::ClearFilter(scene.focus),
            _ => match crate::app::form::text_request(action) {
                Some(request) => Effect::FilterInput(request.into()),
                None => Effect::None,
            },
        }
    }
}
