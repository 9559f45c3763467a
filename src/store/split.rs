//! Finding where a workspace file's big record lists are, without parsing them: a byte scanner
//! that follows brackets, strings and comments, and cuts each top-level list into pieces that end
//! after an element's comma. The pieces are parsed on every core (`parallel.rs`).
//!
//! The scanner is an optimisation, never the judge of the text: anything it does not follow
//! exactly (block comments, attributes, raw identifiers, char literals, unbalanced brackets)
//! makes it give up, and the file is parsed in one piece as before.

use std::ops::Range;

/// A top-level list found in the text: its field name and its content (between the brackets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List<'a> {
    pub name: &'a str,
    pub content: Range<usize>,
}

/// Bytes the scanner has to look at at a list's own level (where commas separate its elements);
/// everything else (letters, digits, blanks, colons) is skipped.
const AT_LIST_LEVEL: [bool; 256] = table(b"\"'/()[]{},#");
/// Bytes to look at anywhere else: commas there separate nothing the scanner cuts at.
const ELSEWHERE: [bool; 256] = table(b"\"'/()[]{}#");

const fn table(bytes: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The name before a `[` at `open`, when it reads `name: [` (blanks allowed around the colon).
fn field_name(text: &str, open: usize) -> Option<&str> {
    let b = text.as_bytes();
    let mut i = open;
    while i > 0 && b[i - 1].is_ascii_whitespace() {
        i -= 1;
    }
    if i == 0 || b[i - 1] != b':' {
        return None;
    }
    i -= 1;
    while i > 0 && b[i - 1].is_ascii_whitespace() {
        i -= 1;
    }
    let end = i;
    while i > 0 && is_ident(b[i - 1]) {
        i -= 1;
    }
    (i < end).then(|| &text[i..end])
}

/// The end (one past the closing quote) of the string whose opening quote is at `open`, or
/// `None` when it never closes or is a raw string with hashes.
fn string_end(b: &[u8], open: usize) -> Option<usize> {
    // `r"…"` and `br"…"` take backslashes literally.
    let raw = open >= 1
        && b[open - 1] == b'r'
        && (open < 2
            || !is_ident(b[open - 2])
            || (b[open - 2] == b'b' && (open < 3 || !is_ident(b[open - 3]))));
    if raw {
        return memchr::memchr(b'"', &b[open + 1..]).map(|i| open + 1 + i + 1);
    }
    // Most strings are short: a plain loop beats setting up a vector search.
    let mut i = open + 1;
    loop {
        match b.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
}

/// Finds the top-level lists whose names `wanted` accepts, cutting each into consecutive pieces
/// of about `piece_len` bytes, each ending just after a separating comma (the last one at the
/// `]`), handed to `found` as soon as they are found (so that they can be parsed while the scan
/// goes on). `None` when the text has anything the scanner does not follow; the pieces found
/// before are then of no use.
pub fn scan<'a>(
    text: &'a str,
    wanted: impl Fn(&str) -> bool,
    piece_len: usize,
    mut found: impl FnMut(&'a str, Range<usize>),
) -> Option<Vec<List<'a>>> {
    let b = text.as_bytes();
    let mut lists = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<List<'a>> = None;
    let mut piece_start = 0;
    let mut i = 0;
    while i < b.len() {
        let interesting = if depth == 2 {
            &AT_LIST_LEVEL
        } else {
            &ELSEWHERE
        };
        while i < b.len() && !interesting[b[i] as usize] {
            i += 1;
        }
        let Some(&c) = b.get(i) else { break };
        match c {
            b'"' => {
                i = string_end(b, i)?;
                continue;
            }
            b'/' => match b.get(i + 1) {
                Some(b'/') => {
                    i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n + 1);
                    continue;
                }
                _ => return None,
            },
            b'(' | b'[' | b'{' => {
                depth += 1;
                if c == b'['
                    && depth == 2
                    && let Some(name) = field_name(text, i).filter(|n| wanted(n))
                {
                    current = Some(List {
                        name,
                        content: i + 1..i + 1,
                    });
                    piece_start = i + 1;
                }
            }
            b')' | b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 1 && c == b']' {
                    if let Some(mut list) = current.take() {
                        list.content.end = i;
                        if piece_start < i {
                            found(list.name, piece_start..i);
                        }
                        lists.push(list);
                    }
                } else if depth == 1 && current.is_some() {
                    // `[ … )`: brackets that do not match.
                    return None;
                }
            }
            b',' => {
                if depth == 2
                    && i + 1 - piece_start >= piece_len
                    && let Some(list) = current.as_ref()
                {
                    found(list.name, piece_start..i + 1);
                    piece_start = i + 1;
                }
            }
            // Char literals, attributes, raw identifiers: not followed.
            _ => return None,
        }
        i += 1;
    }
    (depth == 0 && current.is_none()).then_some(lists)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any(_: &str) -> bool {
        true
    }

    /// A list found by the scan, with its pieces.
    #[derive(Debug, PartialEq)]
    struct Found<'a> {
        name: &'a str,
        content: Range<usize>,
        pieces: Vec<Range<usize>>,
    }

    fn top_level_lists<'a>(
        text: &'a str,
        wanted: impl Fn(&str) -> bool,
        piece_len: usize,
    ) -> Option<Vec<Found<'a>>> {
        let mut found = Vec::new();
        let lists = scan(text, wanted, piece_len, |name, range| {
            found.push((name, range))
        })?;
        let pieces_of = |name: &str| -> Vec<Range<usize>> {
            found
                .iter()
                .filter(|(n, _)| *n == name)
                .map(|(_, r)| r.clone())
                .collect()
        };
        Some(
            lists
                .into_iter()
                .map(|l| Found {
                    name: l.name,
                    pieces: pieces_of(l.name),
                    content: l.content,
                })
                .collect(),
        )
    }

    fn pieces<'a>(text: &'a str, list: &Found<'_>) -> Vec<&'a str> {
        list.pieces.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn finds_top_level_lists_and_cuts_after_commas() {
        let text = "// head [ ( \n(\n  version: 1,\n  profile: (values: [\"a\", \"b\"]),\n  partners: [\n    (id: 1, name: \"x,]\"),\n    (id: 2, tags: [\"y\"]),\n  ],\n  goals: [],\n)\n";
        let lists = top_level_lists(text, any, 1).expect("followed");
        assert_eq!(lists.len(), 2);
        assert_eq!(lists[0].name, "partners");
        assert_eq!(
            pieces(text, &lists[0]),
            [
                "\n    (id: 1, name: \"x,]\"),",
                "\n    (id: 2, tags: [\"y\"]),",
                "\n  "
            ]
        );
        assert_eq!(lists[1].name, "goals");
        assert!(lists[1].pieces.is_empty());
    }

    #[test]
    fn pieces_cover_the_content_exactly() {
        let text = "(partners: [(a: 1), (a: 2), (a: 3), (a: 4)])";
        let lists = top_level_lists(text, any, 12).expect("followed");
        let joined: String = pieces(text, &lists[0]).concat();
        assert_eq!(joined, &text[lists[0].content.clone()]);
        assert!(lists[0].pieces.len() > 1);
    }

    #[test]
    fn escapes_and_raw_strings_are_followed() {
        let text = r#"(partners: [(n: "a\"]"), (n: r"b\"), (n: br"c\")])"#;
        let lists = top_level_lists(text, any, 1).expect("followed");
        assert_eq!(lists[0].pieces.len(), 3);
    }

    #[test]
    fn gives_up_on_what_it_does_not_follow() {
        for text in [
            "(partners: [(c: 'x')])",
            "#![enable(implicit_some)]\n(partners: [])",
            "(partners: [/* ] */])",
            "(partners: [(r#type: 1)])",
            "(partners: [(n: r#\"x\"#)])",
            "(partners: [(n: \"open)])",
            "(partners: [(a: 1)))",
            "(partners: [(a: 1)]",
            "partners: [)]",
        ] {
            assert_eq!(top_level_lists(text, any, 1), None, "{text}");
        }
    }

    #[test]
    fn only_wanted_top_level_lists() {
        let text = "(profile: (values: [1, 2]), partners: [1, 2], other: [3])";
        let lists = top_level_lists(text, |n| n == "partners", 1).expect("followed");
        assert_eq!(lists.len(), 1);
        assert_eq!(lists[0].name, "partners");
    }
}
