//! Fuzzy matching of what the user types against names and texts (nucleo's matcher: smart
//! case, unicode normalisation), for filters, search and the palette. Picking one partner by
//! name (`pick`) follows the stricter rules of `model::find` instead.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::cell::RefCell;

/// A reusable matcher for one query.
pub struct Query {
    pattern: Pattern,
    buf: Vec<char>,
}

thread_local! {
    /// nucleo's matcher holds a scratch matrix that is costly to set up: one per thread serves
    /// every query (a frame highlights dozens of rows, each with a query of its own).
    static MATCHER: RefCell<Matcher> = RefCell::new(Matcher::new(Config::DEFAULT));
}

impl Query {
    pub fn new(text: &str) -> Query {
        Query {
            pattern: Pattern::parse(text, CaseMatching::Smart, Normalization::Smart),
            buf: Vec::new(),
        }
    }

    /// The score of `text` (higher is better), or `None` when it does not match.
    pub fn score(&mut self, text: &str) -> Option<u32> {
        let (pattern, buf) = (&self.pattern, &mut self.buf);
        MATCHER.with_borrow_mut(|matcher| pattern.score(Utf32Str::new(text, buf), matcher))
    }

    /// The matched character positions of `text`, for highlighting.
    pub fn indices(&mut self, text: &str) -> Option<Vec<u32>> {
        let mut out = Vec::new();
        let (pattern, buf) = (&self.pattern, &mut self.buf);
        MATCHER.with_borrow_mut(|matcher| {
            pattern.indices(Utf32Str::new(text, buf), matcher, &mut out)
        })?;
        out.sort_unstable();
        out.dedup();
        Some(out)
    }
}

/// The items matching `query`, best first (ties keep their order).
pub fn rank<'a, T>(query: &str, items: impl IntoIterator<Item = (T, &'a str)>) -> Vec<(T, u32)> {
    let mut q = Query::new(query);
    let mut out: Vec<(T, u32)> = items
        .into_iter()
        .filter_map(|(item, text)| q.score(text).map(|s| (item, s)))
        .collect();
    out.sort_by_key(|item| std::cmp::Reverse(item.1));
    out
}

/// Picks one name by the partner-name rules of [`crate::model::find::among`] (whole name, then
/// a part, then letters in order; a tie is never guessed), with the error in one line
/// ([`FindError::one_line`](crate::model::find::FindError::one_line)) for a form field's hint
/// or `render --partner`.
pub fn pick<'a, T: Copy>(query: &str, items: &[(T, &'a str)]) -> Result<(T, &'a str), String> {
    crate::model::find::among(query, items).map_err(|e| e.one_line())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_best_name_and_explains_failures() {
        let items = [
            (1, "Harbour Trust"),
            (2, "Harbour Youth League"),
            (3, "Café Lumière"),
        ];
        assert_eq!(pick("cafe", &items).map(|x| x.0), Ok(3));
        assert_eq!(pick("harbour trust", &items).map(|x| x.0), Ok(1));
        assert_eq!(pick("hyl", &items).map(|x| x.0), Ok(2));
        assert!(pick("zzz", &items).unwrap_err().contains("no name matches"));
        assert!(
            pick("harbour", &items)
                .unwrap_err()
                .contains("matches several")
        );
        let mut q = Query::new("lum");
        assert_eq!(q.indices("Café Lumière"), Some(vec![5, 6, 7]));
    }
}
