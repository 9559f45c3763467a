//! User text made safe for every output: control characters shown inert (the dashboard, the
//! command line's messages and reports, exported Markdown and CSV), widths measured in terminal
//! cells, cuts made on character boundaries with an ellipsis.
//!
//! One rule for all of it, [`clean`]; the other functions apply it: [`clean_lines`] to a whole
//! document (its line breaks kept), [`fit`] to a cell, [`excerpt`] to a value quoted in a
//! message. It depends on nothing else in the crate, so every layer can use it.

use std::borrow::Cow;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Replaces control characters (ESC, BEL, CR, tabs, newlines…) and bidirectional overrides with
/// visible stand-ins, so data can never drive the terminal. Newlines and tabs become spaces.
pub fn clean(text: &str) -> Cow<'_, str> {
    inert(text, false)
}

/// [`clean`] for a document of several lines: each line made inert, the line breaks (`\n`)
/// kept. A carriage return becomes a space like any other control character.
pub fn clean_lines(text: &str) -> Cow<'_, str> {
    inert(text, true)
}

fn inert(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let needs = |c: char| needs_cleaning(c) && !(keep_newlines && c == '\n');
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| stand_in(c, keep_newlines)).collect())
}

/// What a character is shown as.
fn stand_in(c: char, keep_newlines: bool) -> char {
    match c {
        '\n' if keep_newlines => '\n',
        '\n' | '\t' | '\r' => ' ',
        '\x1b' => '␛',
        c if needs_cleaning(c) => '�',
        c => c,
    }
}

fn needs_cleaning(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether [`clean`] would change `c` (control characters and bidirectional overrides).
pub fn is_unsafe(c: char) -> bool {
    needs_cleaning(c)
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

/// How many cells of a user's value a message shows (a name, a key, a summary).
pub const MESSAGE_VALUE: usize = 80;

/// User text to quote in a message: inert, on one line, at most `max` cells, ending with `…`
/// when cut. Looks at no more of `text` than it shows, so a 100 MB value costs what a short one
/// does.
pub fn excerpt(text: &str, max: usize) -> String {
    // The end of the part that can be shown: one character past `max` cells is enough for
    // `fit` to see that it must cut.
    let mut used = 0;
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        used += stand_in(c, false).width().unwrap_or(0);
        if used > max {
            end = i + c.len_utf8();
            break;
        }
    }
    fit(&text[..end], max)
}

/// Lower case with common Latin accents folded, everything else kept ("Café Lumière" →
/// "cafe lumiere"): for comparing what was typed with names.
pub fn fold_lower(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match fold(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    out
}

/// A lower-case Latin letter with an accent, as its plain letters.
pub fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
        'ł' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' => "s",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_made_inert() {
        assert_eq!(clean("a\x1b[31mb\x07c\nd"), "a␛[31mb�c d");
        assert_eq!(clean("plain"), "plain");
        assert_eq!(clean("\u{202e}abc"), "�abc");
    }

    #[test]
    fn documents_keep_their_lines() {
        assert_eq!(clean_lines("a\x1b]0;x\x07\nb\r\n"), "a␛]0;x�\nb \n");
        assert!(matches!(clean_lines("# Title\n\nText\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn wide_text_is_cut_on_glyph_boundaries() {
        assert_eq!(fit("日本語のテキスト", 7), "日本語…");
        assert_eq!(width(&fit("日本語のテキスト", 7)), 7);
        assert_eq!(fit("x", 0), "");
    }

    #[test]
    fn excerpts_are_short_whatever_the_value() {
        let huge = "k".repeat(10_000_000);
        let e = excerpt(&huge, 20);
        assert_eq!(e, format!("{}…", "k".repeat(19)));
        assert_eq!(excerpt("short", 20), "short");
        assert_eq!(excerpt("exactly-ten", 11), "exactly-ten");
        assert_eq!(excerpt("a\x1b[2Jb\nc", 20), "a␛[2Jb c");
        assert_eq!(excerpt("日本語のテキスト", 7), "日本語…");
    }
}
