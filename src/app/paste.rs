//! A bracketed paste is text, never keys: it goes into the focused text field of what is open (a
//! form's text field, a review's note or planned action, the palette's, the search's or a
//! filter's query) as one insertion at the cursor, its line breaks and tabs turned into spaces
//! and other control characters left out. Outside a text field (the dashboard, a list, a
//! question, a choice field) it is refused with a message, and so is a paste longer than
//! [`MAX_PASTE_CHARS`]: nothing of it is typed. Here: the cleaning and the edit; which field
//! takes it is the overlay's (`Overlay::paste`).

use tui_input::{Input, InputRequest};

/// The longest paste a field takes, in characters (longer text belongs in `$EDITOR`).
pub const MAX_PASTE_CHARS: usize = 64 * 1024;

/// An edit of a text field: one of the keymap's text requests, or pasted text.
#[derive(Debug, Clone)]
pub enum TextEdit {
    Request(InputRequest),
    Paste(String),
}

impl From<InputRequest> for TextEdit {
    fn from(request: InputRequest) -> TextEdit {
        TextEdit::Request(request)
    }
}

impl TextEdit {
    /// Applies the edit; true when the value changed.
    pub fn apply(&self, input: &mut Input) -> bool {
        match self {
            TextEdit::Request(request) => input.handle(*request).is_some_and(|c| c.value),
            TextEdit::Paste(text) => insert(input, text),
        }
    }
}

/// Pasted text as a one-line field takes it: line breaks (CRLF too) and tabs become one space
/// each, other control characters are left out.
pub fn clean(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Inserts `text` at the cursor in one step (typing it a character at a time would cost time
/// growing with the square of its length); the cursor ends after it. True when anything was
/// inserted.
pub fn insert(input: &mut Input, text: &str) -> bool {
    if text.is_empty() {
        return false;
    }
    let value = input.value();
    let cursor = input.cursor();
    let at = value
        .char_indices()
        .nth(cursor)
        .map_or(value.len(), |(i, _)| i);
    let mut joined = String::with_capacity(value.len() + text.len());
    joined.push_str(&value[..at]);
    joined.push_str(text);
    joined.push_str(&value[at..]);
    *input = Input::new(joined).with_cursor(cursor + text.chars().count());
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_text_is_one_line_without_controls_and_lands_at_the_cursor() {
        assert_eq!(clean("a\r\nb\nc\td\x1b[2Je\u{7}"), "a b c d[2Je");
        let mut input = Input::new("héllo".into()).with_cursor(2);
        assert!(insert(&mut input, "→ü"));
        assert_eq!(input.value(), "hé→üllo");
        assert_eq!(input.cursor(), 4);
        assert!(!insert(&mut input, ""));
        let mut end = Input::new("ab".into());
        insert(&mut end, "cd");
        assert_eq!((end.value(), end.cursor()), ("abcd", 4));
    }
}
