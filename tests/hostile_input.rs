//! Hostile input never panics the loader: random bytes, mutated valid files, deep nesting and
//! huge strings. Whatever loads must also save and load again to the same text. (The same
//! properties are fuzzed for longer by `fuzz/`, target `load`; this runs in every `cargo test`.)

mod common;

use partnerdeck::store::{self, LoadError};
use proptest::prelude::*;
use std::path::Path;

fn check(text: &str) {
    let path = Path::new("hostile.ron");
    if let Ok(loaded) = store::load_text(text, path) {
        let saved = store::to_text(&loaded.workspace).expect("a loaded workspace can be saved");
        let again = store::load_text(&saved, path).expect("a saved workspace loads");
        assert_eq!(
            store::to_text(&again.workspace).unwrap(),
            saved,
            "save, load, save is not a fixed point"
        );
    }
}

fn valid_text() -> String {
    store::to_text(&common::small_workspace()).unwrap()
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, String),
    Duplicate(usize, usize),
    Replace(usize, char),
    Truncate(usize),
}

/// Characters that matter to RON, and some that matter to terminals and Unicode.
const ALPHABET: &[char] = &[
    '(', ')', '[', ']', '{', '}', ',', ':', '"', '\\', '\'', '/', '*', '#', '!', 'r', 'b', '0',
    '9', '-', '+', '.', 'e', 'E', 'x', 'S', 'o', 'm', 'e', 'N', 'a', 'n', 'i', 'f', ' ', '\n',
    '\t', '\r', '\0', '\u{1b}', '\u{feff}', '\u{2028}', '\u{202e}', 'é', '🎉', '\u{200d}',
];

fn mutation() -> impl Strategy<Value = Mutation> {
    let pos = any::<usize>();
    let ch = proptest::sample::select(ALPHABET);
    prop_oneof![
        (pos, 0usize..40).prop_map(|(p, n)| Mutation::Delete(p, n)),
        (pos, proptest::collection::vec(ch.clone(), 1..8))
            .prop_map(|(p, cs)| Mutation::Insert(p, cs.into_iter().collect())),
        (pos, 1usize..200).prop_map(|(p, n)| Mutation::Duplicate(p, n)),
        (pos, ch).prop_map(|(p, c)| Mutation::Replace(p, c)),
        pos.prop_map(Mutation::Truncate),
    ]
}

fn mutate(text: &str, m: &Mutation) -> String {
    let chars: Vec<char> = text.chars().collect();
    let len = chars.len();
    let at = |p: usize| if len == 0 { 0 } else { p % (len + 1) };
    let mut out = chars.clone();
    match m {
        Mutation::Delete(p, n) => {
            let s = at(*p);
            let e = (s + n).min(len);
            out.drain(s..e);
        }
        Mutation::Insert(p, s) => {
            let i = at(*p);
            out.splice(i..i, s.chars());
        }
        Mutation::Duplicate(p, n) => {
            let s = at(*p);
            let e = (s + n).min(len);
            let piece: Vec<char> = chars[s..e].to_vec();
            out.splice(e..e, piece);
        }
        Mutation::Replace(p, c) => {
            if len > 0 {
                out[p % len] = *c;
            }
        }
        Mutation::Truncate(p) => out.truncate(at(*p)),
    }
    out.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic_the_loader(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn mutated_valid_files_never_panic_the_loader(
        mutations in proptest::collection::vec(mutation(), 1..6)
    ) {
        let mut text = valid_text();
        for m in &mutations {
            text = mutate(&text, m);
        }
        check(&text);
    }
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    let valid = valid_text();
    for (open, close) in [("(", ")"), ("[", "]"), ("{", "}"), ("Some(", ")")] {
        for depth in [200, 100_000] {
            let nested = format!("{}1{}", open.repeat(depth), close.repeat(depth));
            // At the top, and in place of a value inside a valid file.
            assert!(store::load_text(&nested, Path::new("deep.ron")).is_err());
            let inside = valid.replacen("name: \"Test Org\"", &format!("name: {nested}"), 1);
            assert!(matches!(
                store::load_text(&inside, Path::new("deep.ron")),
                Err(LoadError::Parse { .. })
            ));
        }
    }
}

#[test]
fn huge_strings_and_odd_characters_load_and_round_trip() {
    let mut ws = common::small_workspace();
    ws.partners[0].notes = "\u{1b}[31mred\u{7}\r\n\u{202e}rtl 👩‍👩‍👧 ".repeat(10_000);
    ws.profile.name = "x".repeat(100_000);
    let text = store::to_text(&ws).unwrap();
    assert!(text.len() > 300_000);
    let loaded = store::load_text(&text, Path::new("big.ron"))
        .unwrap()
        .workspace;
    assert_eq!(loaded, ws);
    check(&text);
}

#[test]
fn every_prefix_of_a_valid_file_fails_cleanly() {
    let text = valid_text();
    // Everything short of the closing parenthesis: the final newline alone may be missing.
    let whole = text.trim_end().len();
    for (i, _) in text
        .char_indices()
        .take_while(|(i, _)| *i < whole)
        .step_by(3)
    {
        let err = store::load_text(&text[..i], Path::new("cut.ron")).unwrap_err();
        assert!(matches!(err, LoadError::Parse { .. }), "{i}: {err}");
    }
}

/// Found by `cargo fuzz run dates` within seconds (today = the first day chrono has, text
/// `yesterday`): the date parser panics at the ends of the calendar instead of returning an
/// error. Fixed with checked arithmetic; this keeps it fixed.
#[test]
fn dates_at_the_ends_of_the_calendar_are_errors_not_panics() {
    use chrono::NaiveDate;
    use partnerdeck::model::dates::{parse_date, parse_date_time};
    let mut panics = Vec::new();
    for today in [NaiveDate::MIN, NaiveDate::MAX] {
        for text in [
            "yesterday",
            "tomorrow",
            "today",
            "mon",
            "friday",
            "sun",
            "+1d",
            "-1d",
            "+1w",
            "-1w",
            "+1m",
            "-1m",
            "+1y",
            "-1y",
            "+4294967295y",
            "-4294967295d",
        ] {
            let now = today.and_hms_opt(12, 0, 0).unwrap();
            for (what, f) in [
                (
                    "parse_date",
                    Box::new(|| drop(parse_date(text, today))) as Box<dyn Fn()>,
                ),
                (
                    "parse_date_time",
                    Box::new(move || drop(parse_date_time(&format!("{text} 10:00"), now))),
                ),
            ] {
                if std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).is_err() {
                    panics.push(format!("{what}({text:?}, {today})"));
                }
            }
        }
    }
    assert!(panics.is_empty(), "panicked: {panics:#?}");
}
