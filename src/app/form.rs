//! A form: labelled fields, one focused, each editing its own value. Text fields use
//! `tui-input` (cursor, word motions, deletions: the keymap's text actions); choice fields cycle
//! with the choice actions (←/→ or Space by default). Errors are shown beside their field and
//! everything typed is kept.

use super::layers;
use crate::action::{Action, Context};
use crate::keymap::Key;
use tui_input::{Input, InputRequest};

#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    Text,
    /// Must not be empty.
    Required,
    /// A number; optional when `optional`.
    Number {
        optional: bool,
    },
    /// A date (typed forms like `+3d` allowed); optional when `optional`. A weekday name is the
    /// latest one not after today when `past` (a date something happened), else the next one
    /// (a date something is due).
    Date {
        optional: bool,
        past: bool,
    },
    /// A date with an optional time, when something happened.
    DateTime,
    /// Comma-separated values.
    List,
    /// One of fixed labels.
    Choice(Vec<String>),
    /// A partner, picked by fuzzy name.
    Partner,
}

/// Lists the form fields' keys, each with its label (what the form shows).
macro_rules! field_keys {
    ($($key:ident => $label:literal,)*) => {
        /// A field of a form, by what it holds: forms build, read and mark their fields by
        /// these keys (a key no form knows does not compile); [`FieldKey::label`] is what the
        /// form shows.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum FieldKey {
            $($key,)*
        }

        impl FieldKey {
            /// The field's label, as the form shows it.
            pub fn label(self) -> &'static str {
                match self {
                    $(FieldKey::$key => $label,)*
                }
            }
        }
    };
}

field_keys! {
    Action => "Action",
    Baseline => "Baseline",
    Becomes => "Becomes",
    Channel => "Channel",
    ContactIdealDays => "Contact ideal days",
    ContactMaxDays => "Contact max days",
    Contacts => "Contacts",
    Current => "Current",
    Date => "Date",
    Done => "Done",
    Due => "Due",
    FollowUp => "Follow-up",
    FollowUpDone => "Follow-up done",
    FollowUpOwner => "Follow-up owner",
    MemberOwner => "Owner",
    FollowUpDue => "Follow-up due",
    Goal => "Goal",
    How => "How",
    InitiatedBy => "Initiated by",
    Kind => "Kind",
    LongTermAim => "Long-term aim",
    MailDomains => "Mail domains",
    Metric => "Metric",
    Milestone => "Milestone",
    Name => "Name",
    Needs => "Needs",
    Notes => "Notes",
    Offers => "Offers",
    Outcome => "Outcome",
    OutcomeDate => "Outcome date",
    Owner => "Owner",
    Partner => "Partner",
    Phase => "Phase",
    PromisedBy => "Promised by",
    ReviewEveryDays => "Review every days",
    Sentiment => "Sentiment 1-5",
    Since => "Since",
    Start => "Start",
    Status => "Status",
    Summary => "Summary",
    Tags => "Tags",
    Target => "Target",
    TeamMembers => "Team members",
    TeamMail => "Team mail",
    Title => "Title",
    Unit => "Unit",
    Values => "Values",
    WhatWasPromised => "What was promised",
    When => "When",
    WithWhom => "With whom",
}

#[derive(Debug, Clone)]
pub struct Field {
    pub key: FieldKey,
    pub kind: FieldKind,
    pub input: Input,
    pub choice: usize,
    pub error: Option<String>,
    /// Shown after the value, e.g. the resolved date.
    pub hint: String,
    /// The letter last typed into a choice field (its choices starting with it are shown
    /// first); cleared when the choice is stepped otherwise.
    pub letter: Option<char>,
}

impl Field {
    pub fn text(key: FieldKey, kind: FieldKind, value: impl Into<String>) -> Field {
        Field {
            key,
            kind,
            input: Input::new(value.into()),
            choice: 0,
            error: None,
            hint: String::new(),
            letter: None,
        }
    }

    pub fn choice<T: Copy + PartialEq>(
        key: FieldKey,
        all: &[T],
        name: impl Fn(T) -> &'static str,
        current: T,
    ) -> Field {
        Field {
            key,
            kind: FieldKind::Choice(all.iter().map(|c| name(*c).to_string()).collect()),
            input: Input::default(),
            choice: all.iter().position(|c| *c == current).unwrap_or(0),
            error: None,
            hint: String::new(),
            letter: None,
        }
    }

    /// What the form shows beside the field.
    pub fn label(&self) -> &'static str {
        self.key.label()
    }

    pub fn value(&self) -> &str {
        match &self.kind {
            FieldKind::Choice(options) => options.get(self.choice).map_or("", String::as_str),
            _ => self.input.value(),
        }
    }

    /// A choice field's choices as shown while it is focused: those starting with the letter
    /// last typed, in the order further presses of it pick them (the picked one first), then
    /// the others in their order. Empty for other fields.
    pub fn choices_shown(&self) -> (Vec<usize>, Vec<usize>) {
        let FieldKind::Choice(options) = &self.kind else {
            return (Vec::new(), Vec::new());
        };
        let n = options.len();
        let Some(c) = self.letter else {
            return (Vec::new(), (0..n).collect());
        };
        let starts = |i: &usize| options[*i].to_lowercase().starts_with(c);
        let lettered: Vec<usize> = (0..n)
            .map(|k| (self.choice + k) % n)
            .filter(starts)
            .collect();
        let rest: Vec<usize> = (0..n).filter(|i| !starts(i)).collect();
        (lettered, rest)
    }

    pub fn list(&self) -> Vec<String> {
        self.value()
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    }
}

#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Something was typed since the form opened.
    pub dirty: bool,
    /// Esc was pressed on a changed form: a second Esc discards.
    pub confirm_discard: bool,
    /// The first character typed replaces the focused value (a prompt preset with the value
    /// it changes: type the new one, or `Enter` to keep it).
    pub replace_on_type: bool,
    /// The text of the "When" field last warned to lie in the future: saving it again as it
    /// is logs it so.
    pub future_warned: Option<String>,
}

impl Form {
    pub fn new(title: impl Into<String>, fields: Vec<Field>) -> Form {
        Form {
            title: title.into(),
            fields,
            focus: 0,
            dirty: false,
            confirm_discard: false,
            replace_on_type: false,
            future_warned: None,
        }
    }

    pub fn next(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len().max(1);
        self.confirm_discard = false;
        self.replace_on_type = false;
    }

    pub fn prev(&mut self) {
        let n = self.fields.len().max(1);
        self.focus = (self.focus + n - 1) % n;
        self.confirm_discard = false;
        self.replace_on_type = false;
    }

    /// The field of `key`. Forms ask for their own fields only: one they do not hold is a
    /// programming error.
    pub fn get(&self, key: FieldKey) -> &Field {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .expect("forms only ask for their own fields")
    }

    /// Whether the form holds the field of `key` (forms that show it only sometimes).
    pub fn has(&self, key: FieldKey) -> bool {
        self.fields.iter().any(|f| f.key == key)
    }

    /// Shows `error` under the field: a sentence, or an error in its own words (a date that
    /// does not read).
    pub fn set_error(&mut self, key: FieldKey, error: impl std::fmt::Display) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.key == key) {
            f.error = Some(error.to_string());
        }
    }

    pub fn has_errors(&self) -> bool {
        self.fields.iter().any(|f| f.error.is_some())
    }

    /// A key no binding claimed, on the focused field: the character it types (into a text
    /// field; a choice jumps to the next option starting with it).
    pub fn type_key(&mut self, key: Key) {
        self.confirm_discard = false;
        let replace = std::mem::take(&mut self.replace_on_type);
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        let Some(c) = key.typed() else {
            return;
        };
        if let FieldKind::Choice(options) = &field.kind {
            // Jump to the next option starting with the letter.
            let n = options.len().max(1);
            let c = c.to_ascii_lowercase();
            if let Some(i) = (1..=n)
                .map(|k| (field.choice + k) % n)
                .find(|i| options[*i].to_lowercase().starts_with(c))
            {
                field.choice = i;
            }
            field.letter = Some(c);
            self.dirty = true;
            field.error = None;
            return;
        }
        if replace {
            field.input = Input::default();
        }
        if field
            .input
            .handle(InputRequest::InsertChar(c))
            .is_some_and(|c| c.value)
        {
            self.dirty = true;
            field.error = None;
        }
    }

    /// An editing action on the focused field: a cursor motion or deletion in a text field,
    /// the next or previous option of a choice. False when the action is not one of those.
    pub fn edit(&mut self, action: Action) -> bool {
        let choice_step = match action {
            Action::ChoiceNext => Some(1),
            Action::ChoicePrev => Some(-1),
            _ => None,
        };
        let request = text_request(action);
        if choice_step.is_none() && request.is_none() {
            return false;
        }
        self.confirm_discard = false;
        self.replace_on_type = false;
        let Some(field) = self.fields.get_mut(self.focus) else {
            return true;
        };
        match (&field.kind, choice_step, request) {
            (FieldKind::Choice(options), Some(step), _) => {
                let n = options.len().max(1);
                field.choice = if step > 0 {
                    (field.choice + 1) % n
                } else {
                    (field.choice + n - 1) % n
                };
                field.letter = None;
                self.dirty = true;
                field.error = None;
            }
            (FieldKind::Choice(_), ..) | (_, Some(_), _) => {}
            (_, None, Some(request)) => {
                if field.input.handle(request).is_some_and(|c| c.value) {
                    self.dirty = true;
                    field.error = None;
                }
            }
            (_, None, None) => {}
        }
        true
    }
}

impl Form {
    /// Pasted text, inserted at the cursor of the focused text field; false when the focused
    /// field is a choice (nothing is pasted).
    pub fn paste(&mut self, text: &str) -> bool {
        self.confirm_discard = false;
        let replace = std::mem::take(&mut self.replace_on_type);
        let Some(field) = self.fields.get_mut(self.focus) else {
            return false;
        };
        if matches!(field.kind, FieldKind::Choice(_)) {
            return false;
        }
        if replace {
            field.input = Input::default();
        }
        if super::paste::insert(&mut field.input, text) {
            self.dirty = true;
            field.error = None;
        }
        true
    }

    /// Replaces the focused field's text (e.g. after `$EDITOR`).
    pub fn set_focused_text(&mut self, text: String) {
        if let Some(field) = self.fields.get_mut(self.focus)
            && !matches!(field.kind, FieldKind::Choice(_))
        {
            field.input = Input::new(text);
            field.error = None;
            self.dirty = true;
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
