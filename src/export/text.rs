//! Small formatting helpers shared by the Markdown report and the brief.

use chrono::NaiveDate;

/// "1 day", "3 days".
pub fn days(n: i64) -> String {
    if n.abs() == 1 {
        format!("{n} day")
    } else {
        format!("{n} days")
    }
}

/// `date` relative to `today`: "today", "tomorrow", "yesterday", "in 3 days", "5 days ago".
pub fn relative(date: NaiveDate, today: NaiveDate) -> String {
    match (date - today).num_days() {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "yesterday".into(),
        n if n > 0 => format!("in {}", days(n)),
        n => format!("{} ago", days(-n)),
    }
}

/// Text for one cell of a Markdown table: pipes escaped, line breaks as spaces.
pub fn cell(text: &str) -> String {
    one_line(text).replace('|', "\\|")
}

/// Text on one line: line breaks and runs of whitespace as single spaces.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A number without a needless ".0" ("12", "2.5"): the crate's one formatter.
pub use crate::words::number;

/// "Aligned values" from "aligned values".
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A ten-cell bar for a share 0–1: "▓▓▓▓░░░░░░".
pub fn bar(share: f64) -> String {
    let filled = (share.clamp(0.0, 1.0) * 10.0).round() as usize;
    format!("{}{}", "▓".repeat(filled), "░".repeat(10 - filled))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(relative(d("2026-11-30"), d("2026-11-27")), "in 3 days");
        assert_eq!(relative(d("2026-11-26"), d("2026-11-27")), "yesterday");
        assert_eq!(relative(d("2026-11-01"), d("2026-11-27")), "26 days ago");
        assert_eq!(cell("a | b\nc"), "a \\| b c");
        assert_eq!(number(12.0), "12");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(bar(0.42), "▓▓▓▓░░░░░░");
        assert_eq!(capitalized("trust & respect"), "Trust & respect");
    }
}
