//! Counted nouns, the one plural helper: `count(1, "win")` is "1 win", `count(2, "win")` "2 wins";
//! `plural(n, "entry", "entries")` for the irregular ones. And numbers as text, the one
//! formatter: `number(12.0)` is "12", `number(2.5)` "2.5" (`number_as` for a fixed precision).
//! And days relative to today ("yesterday", "3 Dec"): `day_words`.

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

/// How [`number_as`] writes a value. Whole numbers below 10^15 are written without decimals
/// ("12") by `Exact` and `Two`; the rest differ in where they must fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fraction {
    /// As many decimals as the value needs ("2.5", "0.125"): forms and exports, whose text is
    /// read back as the same number.
    Exact,
    /// Two decimals ("2.50"): the detail view's fields.
    Two,
    /// One decimal ("2.5"), whole numbers below 10^9 without ("12"), and from 10^9 on an
    /// exponent ("1.2e9"): the goals pane's narrow progress column.
    Narrow,
}

/// A number as text, exactly (see [`Fraction::Exact`]): "12", "2.5".
pub fn number(n: f64) -> String {
    number_as(n, Fraction::Exact)
}

/// A number as text, written as `fraction` says.
pub fn number_as(n: f64, fraction: Fraction) -> String {
    let whole = n.fract() == 0.0;
    match fraction {
        Fraction::Narrow if whole && n.abs() < 1e9 => format!("{n:.0}"),
        Fraction::Narrow if n.abs() < 1e9 => format!("{n:.1}"),
        Fraction::Narrow => format!("{n:.1e}"),
        _ if whole && n.abs() < 1e15 => format!("{n:.0}"),
        Fraction::Exact => format!("{n}"),
        Fraction::Two => format!("{n:.2}"),
    }
}

/// A day as people say it relative to `today`: "today", "yesterday", "tomorrow", "3 Dec" (with
/// the year when it is not this year's).
pub fn day_words(on: chrono::NaiveDate, today: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match (today - on).num_days() {
        0 => "today".into(),
        1 => "yesterday".into(),
        -1 => "tomorrow".into(),
        _ if on.year() == today.year() => on.format("%-d %b").to_string(),
        _ => on.format("%-d %b %Y").to_string(),
    }
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

    #[test]
    fn numbers_whole_without_decimals_the_rest_as_asked() {
        assert_eq!(number(12.0), "12");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(0.125), "0.125");
        assert_eq!(number(1e15), "1000000000000000");
        assert_eq!(number_as(2.5, Fraction::Two), "2.50");
        assert_eq!(number_as(12.0, Fraction::Two), "12");
        assert_eq!(number_as(1.0 / 3.0, Fraction::Two), "0.33");
        assert_eq!(number_as(12.0, Fraction::Narrow), "12");
        assert_eq!(number_as(2.46, Fraction::Narrow), "2.5");
        assert_eq!(number_as(1.2e9, Fraction::Narrow), "1.2e9");
        assert_eq!(number_as(3e9, Fraction::Narrow), "3.0e9");
        assert_eq!(number_as(f64::NAN, Fraction::Narrow), "NaN");
    }
}
