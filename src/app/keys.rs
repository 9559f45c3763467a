//! Keys in, actions out: the layers of contexts a key is looked up in for what is open (a form,
//! then its focused field; a review, then its step) and where a key no binding claims goes
//! (typed into the field being edited). Every key goes through the keymap; nothing here looks
//! at a key's code. A bracketed paste goes to the top overlay's text field (the rules of
//! cleaning it are `paste.rs`'s).

use super::App;
use super::form::form_layers;
use super::layers;
use super::overlay::Effect;
use super::overlay::Overlay;
use super::overlay::confirm::QUESTION_GUARD;
use super::overlay::no_field;
use super::overlay::review::review_layers;
use super::paste::{MAX_PASTE_CHARS, clean};
use super::status::Level;
use crate::action::Context;
use crate::keymap::Key;

impl App {
    /// The contexts a key is looked up in now, the open view's first.
    pub fn key_layers(&self) -> &'static [Context] {
        match &self.overlay {
            Some(Overlay::Form(view)) => form_layers(&view.form),
            Some(Overlay::Review(state)) => review_layers(state),
            Some(Overlay::Palette(_)) => layers::PALETTE,
            Some(Overlay::Ingest(view)) if view.pick.is_some() => layers::PALETTE,
            Some(Overlay::Search(_)) => layers::SEARCH,
            Some(Overlay::Filter(_)) => layers::FILTER,
            _ => layers::only(self.context()),
        }
    }

    /// A key press: the action it is bound to through the layers of what is open, else (in a
    /// text field) the character it types.
    pub fn handle_key(&mut self, key: Key) {
        // Always a way out, whatever the keymap and whatever is open: saving what can be saved
        // and keeping the rest (the event loop does both on the way out).
        if key == Key::ctrl('c') {
            self.ending.interrupted = true;
            self.quit = true;
            return;
        }
        if self.guarding_question() {
            return;
        }
        self.tick();
        self.expire_status();
        match self.keymap.resolve_in(key, self.key_layers()) {
            Some(action) => self.update(action),
            None => self.unbound_key(key),
        }
    }

    /// Opens the guard of a question that appeared on its own: keys are ignored for
    /// [`QUESTION_GUARD`] from now and from every key ignored since.
    pub(super) fn guard_question(&mut self) {
        self.question_guard = Some(self.clock.instant() + QUESTION_GUARD);
    }

    /// Whether a key now is one to ignore: a question that appeared on its own is open and
    /// keys keep coming (the user was typing something else). Each one ignored moves the end of
    /// the guard; the first key after a quiet moment answers.
    fn guarding_question(&mut self) -> bool {
        let Some(until) = self.question_guard else {
            return false;
        };
        if !matches!(self.overlay, Some(Overlay::Confirm(_))) {
            self.question_guard = None;
            return false;
        }
        let now = self.clock.instant();
        if now >= until {
            self.question_guard = None;
            return false;
        }
        self.question_guard = Some(now + QUESTION_GUARD);
        self.set_status(
            Level::Info,
            "A question appeared: keys are ignored until you stop typing for a moment; then answer it",
        );
        true
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
                if self.messages.context.is_some_and(|c| c != context) {
                    self.status = None;
                    self.messages.context = None;
                } else {
                    self.messages.context = Some(context);
                }
            }
            None => {}
        }
    }
}

// Pasted text.
impl App {
    /// A bracketed paste from the terminal.
    pub fn paste(&mut self, text: &str) {
        self.tick();
        self.expire_status();
        let chars = text.chars().count();
        if chars > MAX_PASTE_CHARS {
            self.set_status(
                Level::Warn,
                format!(
                    "Nothing was pasted: {chars} characters is too long for a field (at most \
                     {MAX_PASTE_CHARS}; a form's field takes long text in $EDITOR, {})",
                    self.scene().key_text(
                        crate::action::Action::OpenEditor,
                        crate::action::Context::Form
                    )
                ),
            );
            return;
        }
        let text = clean(text);
        let effect = match self.overlay {
            None => no_field(),
            Some(_) => self
                .with_top(|top, scene| top.paste(&text, scene))
                .unwrap_or(Effect::None),
        };
        self.apply(effect);
    }
}
