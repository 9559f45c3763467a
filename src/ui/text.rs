//! Text made safe and fitted for cells: control characters shown inert, widths measured in
//! terminal cells, cuts made on character boundaries with an ellipsis.

use std::borrow::Cow;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Replaces control characters (ESC, BEL, CR, tabs, newlines…) with visible stand-ins, so data
/// can never drive the terminal. Newlines and tabs become spaces.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_cleaning) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' | '\t' | '\r' => ' ',
                '\x1b' => '␛',
                c if needs_cleaning(c) => '�',
                c => c,
            })
            .collect(),
    )
}

fn needs_cleaning(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The width of text in cells.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cleans `text` and cuts it to at most `max` cells, ending with `…` when cut.
pub fn fit(text: &str, max: usize) -> String {
    let text = clean(text);
    if width(&text) <= max {
        return text.into_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Like `fit`, then padded with spaces to exactly `cells` cells (in one allocation, with room
/// for one more character).
pub fn pad(text: &str, cells: usize) -> String {
    let text = clean(text);
    let w = width(&text);
    if w > cells {
        let mut out = fit(&text, cells);
        let w = width(&out);
        out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
        return out;
    }
    let mut out = String::with_capacity(text.len() + cells - w + 1);
    out.push_str(&text);
    out.extend(std::iter::repeat_n(' ', cells - w));
    out
}

/// Right-aligned in exactly `cells` cells.
pub fn pad_left(text: &str, cells: usize) -> String {
    let fitted = fit(text, cells);
    let w = width(&fitted);
    let mut out: String = std::iter::repeat_n(' ', cells.saturating_sub(w)).collect();
    out.push_str(&fitted);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_made_inert() {
        assert_eq!(clean("a\x1b[31mb\x07c\nd"), "a␛[31mb�c d");
        assert_eq!(clean("plain"), "plain");
    }

    #[test]
    fn wide_text_is_cut_on_glyph_boundaries() {
        assert_eq!(fit("日本語のテキスト", 7), "日本語…");
        assert_eq!(width(&fit("日本語のテキスト", 7)), 7);
        assert_eq!(pad("日本", 5), "日本 ");
        assert_eq!(pad("abcdef", 4), "abc…");
        assert_eq!(pad_left("42", 4), "  42");
        assert_eq!(fit("x", 0), "");
    }
}
