//! Text made safe and fitted for cells: control characters shown inert, widths measured in
//! terminal cells, cuts made on character boundaries with an ellipsis. The rule itself lives in
//! `crate::text` (shared with the command line and the exports); this adds padding.

pub use crate::text::{clean, fit, width};

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
    fn wide_text_is_cut_on_glyph_boundaries() {
        assert_eq!(fit("日本語のテキスト", 7), "日本語…");
        assert_eq!(width(&fit("日本語のテキスト", 7)), 7);
        assert_eq!(pad("日本", 5), "日本 ");
        assert_eq!(pad("abcdef", 4), "abc…");
        assert_eq!(pad_left("42", 4), "  42");
        assert_eq!(fit("x", 0), "");
    }
}
