//! A form: labelled fields, one focused, each editing its own value. Text fields use
//! `tui-input` (cursor, word motions, deletions); choice fields cycle with ←/→ or Space. Errors
//! are shown beside their field and everything typed is kept.

use crate::keymap::{Key, KeyCode};
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
    /// A date (typed forms like `+3d` allowed); optional when `optional`.
    Date {
        optional: bool,
    },
    /// A date with an optional time.
    DateTime,
    /// Comma-separated values.
    List,
    /// One of fixed labels.
    Choice(Vec<String>),
    /// A partner, picked by fuzzy name.
    Partner,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub label: &'static str,
    pub kind: FieldKind,
    pub input: Input,
    pub choice: usize,
    pub error: Option<String>,
    /// Shown after the value, e.g. the resolved date.
    pub hint: String,
}

impl Field {
    pub fn text(label: &'static str, kind: FieldKind, value: impl Into<String>) -> Field {
        Field {
            label,
            kind,
            input: Input::new(value.into()),
            choice: 0,
            error: None,
            hint: String::new(),
        }
    }

    pub fn choice<T: Copy + PartialEq>(
        label: &'static str,
        all: &[T],
        name: impl Fn(T) -> &'static str,
        current: T,
    ) -> Field {
        Field {
            label,
            kind: FieldKind::Choice(all.iter().map(|c| name(*c).to_string()).collect()),
            input: Input::default(),
            choice: all.iter().position(|c| *c == current).unwrap_or(0),
            error: None,
            hint: String::new(),
        }
    }

    pub fn value(&self) -> &str {
        match &self.kind {
            FieldKind::Choice(options) => options.get(self.choice).map_or("", String::as_str),
            _ => self.input.value(),
        }
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

    pub fn get(&self, label: &str) -> &Field {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .expect("forms only ask for their own fields")
    }

    pub fn set_error(&mut self, label: &str, error: impl Into<String>) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.label == label) {
            f.error = Some(error.into());
        }
    }

    pub fn has_errors(&self) -> bool {
        self.fields.iter().any(|f| f.error.is_some())
    }

    /// Applies a key to the focused field.
    pub fn type_key(&mut self, key: Key) {
        self.confirm_discard = false;
        let replace = std::mem::take(&mut self.replace_on_type);
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        if replace
            && !matches!(field.kind, FieldKind::Choice(_))
            && matches!(key.code, KeyCode::Char(_))
            && !key.ctrl
            && !key.alt
        {
            field.input = Input::default();
        }
        if let FieldKind::Choice(options) = &field.kind {
            let n = options.len().max(1);
            match key.code {
                KeyCode::Right | KeyCode::Char(' ') => field.choice = (field.choice + 1) % n,
                KeyCode::Left => field.choice = (field.choice + n - 1) % n,
                KeyCode::Char(c) if !key.ctrl && !key.alt => {
                    // Jump to the next option starting with the letter.
                    let c = c.to_ascii_lowercase();
                    if let Some(i) = (1..=n)
                        .map(|k| (field.choice + k) % n)
                        .find(|i| options[*i].starts_with(c))
                    {
                        field.choice = i;
                    }
                }
                _ => return,
            }
            self.dirty = true;
            field.error = None;
            return;
        }
        let Some(request) = input_request(key) else {
            return;
        };
        if field.input.handle(request).is_some_and(|c| c.value) {
            self.dirty = true;
            field.error = None;
        }
    }
}

/// The text-editing request a key stands for, if any.
pub fn input_request(key: Key) -> Option<InputRequest> {
    Some(match (key.code, key.ctrl, key.alt) {
        (KeyCode::Char('a'), true, _) | (KeyCode::Home, _, _) => InputRequest::GoToStart,
        (KeyCode::Char('e'), true, _) | (KeyCode::End, _, _) => InputRequest::GoToEnd,
        (KeyCode::Char('w'), true, _) => InputRequest::DeletePrevWord,
        (KeyCode::Char('k'), true, _) => InputRequest::DeleteTillEnd,
        (KeyCode::Char('u'), true, _) => InputRequest::DeleteLine,
        (KeyCode::Char('b'), false, true) | (KeyCode::Left, true, _) => InputRequest::GoToPrevWord,
        (KeyCode::Char('f'), false, true) | (KeyCode::Right, true, _) => InputRequest::GoToNextWord,
        (KeyCode::Char(c), false, false) => InputRequest::InsertChar(c),
        (KeyCode::Backspace, _, _) => InputRequest::DeletePrevChar,
        (KeyCode::Delete, _, _) => InputRequest::DeleteNextChar,
        (KeyCode::Left, _, _) => InputRequest::GoToPrevChar,
        (KeyCode::Right, _, _) => InputRequest::GoToNextChar,
        _ => return None,
    })
}

impl Form {
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
