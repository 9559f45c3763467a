//! Keys in, actions out: the layers of contexts a key is looked up in for what is open (a form,
//! then its focused field; a review, then its step) and where a key no binding claims goes
//! (typed into the field being edited). Every key goes through the keymap; nothing here looks
//! at a key's code.

use super::form::form_layers;
use super::layers;
use super::review::review_layers;
use super::{Action, App, Context, Level, Overlay};
use crate::keymap::Key;

impl App {
    /// The contexts a key is looked up in now, the open view's first.
    pub fn key_layers(&self) -> &'static [Context] {
        match &self.overlay {
            Some(Overlay::Form(view)) => form_layers(&view.form),
            Some(Overlay::Review(state)) => review_layers(state),
            Some(Overlay::Palette(_)) => layers::PALETTE,
            Some(Overlay::Search(_)) => layers::SEARCH,
            Some(Overlay::Filter(_)) => layers::FILTER,
            _ => layers::only(self.context()),
        }
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

    /// A key press: the action it is bound to through the layers of what is open, else (in a
    /// text field) the character it types.
    pub fn handle_key(&mut self, key: Key) {
        self.tick();
        self.expire_status();
        match self.keymap.resolve_in(key, self.key_layers()) {
            Some(action) => self.update(action),
            None => self.unbound_key(key),
        }
    }

    /// A key no binding claimed, for the field being typed in (the top overlay's).
    fn unbound_key(&mut self, key: Key) {
        if let Some(effect) = self.with_top(|top, app| top.type_key(key, app)) {
            self.apply(effect);
        }
    }

    /// A message lasts until the next key; a warning or an error until the next key that
    /// changes what is open (it may need reading twice).
    pub(super) fn expire_status(&mut self) {
        match &self.status {
            Some(s) if s.level == Level::Info => self.status = None,
            Some(_) => {
                let context = self.context();
                if self.status_context.is_some_and(|c| c != context) {
                    self.status = None;
                    self.status_context = None;
                } else {
                    self.status_context = Some(context);
                }
            }
            None => {}
        }
    }
}
