//! Keys in, actions out: the layers of contexts a key is looked up in for what is open (a form,
//! then its focused field; a review, then its step), the text-editing request a text action
//! stands for, and where a key no binding claims goes (typed into the field being edited).
//! Every key goes through the keymap; nothing here looks at a key's code.

use super::review::{ACTIONS, FEEDBACK, NEXT, ReviewState};
use super::{Action, App, Context, FieldKind, Form, Level, Overlay};
use crate::keymap::Key;
use tui_input::InputRequest;

/// Layers of contexts, the open view's first. Hints name keys through the same layers.
pub mod layers {
    use super::Context::*;
    use crate::action::Context;

    pub const FORM_TEXT: &[Context] = &[Form, Text];
    pub const FORM_CHOICE: &[Context] = &[Form, Choice];
    pub const FILTER: &[Context] = &[Filter, Text];
    pub const PALETTE: &[Context] = &[Palette, Text];
    pub const SEARCH: &[Context] = &[Search, Text];
    /// The question after `Esc` in a review.
    pub const REVIEW_PROMPT: &[Context] = &[ReviewPrompt];
    /// The look back and the summary: nothing to type.
    pub const REVIEW_IDLE: &[Context] = &[Review, ReviewIdle];
    /// A rating step whose note is empty: digits rate, ←/→ move between steps.
    pub const RATING_IDLE: &[Context] = &[Review, Rating, ReviewIdle, Text];
    /// A rating step with a note being written.
    pub const RATING_NOTE: &[Context] = &[Review, Rating, Text];
    /// Feedback and the next review date.
    pub const REVIEW_TEXT: &[Context] = &[Review, Text];
    /// The actions step, a text field of the action focused.
    pub const REVIEW_ACTION_TEXT: &[Context] = &[Review, ReviewActions, Text];
    /// The actions step, the action's choice focused.
    pub const REVIEW_ACTION_CHOICE: &[Context] = &[Review, ReviewActions, Choice];

    /// A context alone.
    pub fn only(context: Context) -> &'static [Context] {
        match context {
            Dashboard => &[Dashboard],
            Help => &[Help],
            Detail => &[Detail],
            Attention => &[Attention],
            Overview => &[Overview],
            Form => &[Form],
            Confirm => &[Confirm],
            Records => &[Records],
            Review => &[Review],
            Filter => &[Filter],
            Palette => &[Palette],
            Search => &[Search],
            Conflicts => &[Conflicts],
            Text => &[Text],
            Choice => &[Choice],
            Rating => &[Rating],
            ReviewIdle => &[ReviewIdle],
            ReviewActions => &[ReviewActions],
            ReviewPrompt => &[ReviewPrompt],
        }
    }
}

/// The layers for a form, by its focused field.
pub fn form_layers(form: &Form) -> &'static [Context] {
    match form.fields.get(form.focus).map(|f| &f.kind) {
        Some(FieldKind::Choice(_)) => layers::FORM_CHOICE,
        _ => layers::FORM_TEXT,
    }
}

/// The layers for a review, by its step and what is typed.
pub fn review_layers(state: &ReviewState) -> &'static [Context] {
    if state.prompt {
        return layers::REVIEW_PROMPT;
    }
    match state.step {
        1..=8 if state.notes[state.step - 1].value().is_empty() => layers::RATING_IDLE,
        1..=8 => layers::RATING_NOTE,
        FEEDBACK | NEXT => layers::REVIEW_TEXT,
        ACTIONS => match state.action.fields.get(state.action.focus).map(|f| &f.kind) {
            Some(FieldKind::Choice(_)) => layers::REVIEW_ACTION_CHOICE,
            _ => layers::REVIEW_ACTION_TEXT,
        },
        _ => layers::REVIEW_IDLE,
    }
}

/// The text-editing request of a text action (`Context::Text`).
pub fn text_request(action: Action) -> Option<InputRequest> {
    Some(match action {
        Action::CursorLeft => InputRequest::GoToPrevChar,
        Action::CursorRight => InputRequest::GoToNextChar,
        Action::WordLeft => InputRequest::GoToPrevWord,
        Action::WordRight => InputRequest::GoToNextWord,
        Action::LineStart => InputRequest::GoToStart,
        Action::LineEnd => InputRequest::GoToEnd,
        Action::DeleteBack => InputRequest::DeletePrevChar,
        Action::DeleteForward => InputRequest::DeleteNextChar,
        Action::DeleteWordBack => InputRequest::DeletePrevWord,
        Action::DeleteToEnd => InputRequest::DeleteTillEnd,
        Action::DeleteLine => InputRequest::DeleteLine,
        _ => return None,
    })
}

/// The request of a key no binding claimed: the character it types, if any.
pub fn typed_request(key: Key) -> Option<InputRequest> {
    key.typed().map(InputRequest::InsertChar)
}

impl App {
    /// The contexts a key is looked up in now, the open view's first.
    pub fn key_layers(&self) -> &'static [Context] {
        match &self.overlay {
            Some(Overlay::Form { form, .. }) => form_layers(form),
            Some(Overlay::Review(state)) => review_layers(state),
            Some(Overlay::Palette { .. }) => layers::PALETTE,
            Some(Overlay::Search { .. }) => layers::SEARCH,
            None if self.filter_editing.is_some() => layers::FILTER,
            _ => layers::only(self.context()),
        }
    }

    /// The first key of an action in a context, as hints name it (`—` when unbound).
    pub fn key_text(&self, action: Action, context: Context) -> String {
        self.keymap.key_text(action, layers::only(context))
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

    /// A key no binding claimed, for the field being typed in.
    fn unbound_key(&mut self, key: Key) {
        match self.context() {
            Context::Form => self.type_key(key),
            Context::Review => self.review_key(key),
            Context::Filter => self.filter_key(key),
            Context::Palette => self.palette_key(key),
            Context::Search => self.search_key(key),
            _ => {}
        }
    }

    /// A message lasts until the next key; a warning or an error until the next key that
    /// changes what is open (it may need reading twice).
    fn expire_status(&mut self) {
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
