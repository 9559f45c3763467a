//! Counted nouns, the one plural helper: `count(1, "win")` is "1 win", `count(2, "win")` "2 wins";
//! `plural(n, "entry", "entries")` for the irregular ones.

use std::fmt::Display;

/// `n` and the noun, with an `s` unless `n` is one.
pub fn count<N: Display + PartialEq + From<u8>>(n: N, one: &str) -> String {
    if n == N::from(1) {
        format!("{n} {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// `n` and `one` or `many`.
pub fn plural<N: Display + PartialEq + From<u8>>(n: N, one: &str, many: &str) -> String {
    format!("{n} {}", if n == N::from(1) { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_everything_else_plural() {
        assert_eq!(count(1usize, "win"), "1 win");
        assert_eq!(count(0usize, "win"), "0 wins");
        assert_eq!(count(2i64, "day"), "2 days");
        assert_eq!(plural(1u32, "entry", "entries"), "1 entry");
        assert_eq!(plural(7u32, "entry", "entries"), "7 entries");
    }
}
