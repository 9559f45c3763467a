//! Lines written straight into buffer cells: exactly what an unwrapped `Paragraph` writes for
//! left-aligned lines (same glyphs, widths, styles and cut), without its per-frame reflow
//! machinery. Text made only of glyphs that never join their neighbours is written char by
//! char; anything else goes through grapheme segmentation as ratatui does.

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

/// Renders `block` over `area`, then `lines` from the top of its inner area, one per row, each
/// cut at the inner width. The same cells as `Paragraph::new(lines).block(block)`.
pub fn block_with_lines(buf: &mut Buffer, area: Rect, block: &Block<'_>, lines: &[Line<'_>]) {
    let area = area.intersection(buf.area);
    block.render(area, buf);
    let inner = block.inner(area);
    put_lines(buf, inner, lines);
}

/// Writes `lines` from the top of `area`, one per row, each cut at the area's width.
pub fn put_lines(buf: &mut Buffer, area: Rect, lines: &[Line<'_>]) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    for (y, line) in (area.y..area.bottom()).zip(lines) {
        put_line(buf, Rect::new(area.x, y, area.width, 1), line);
    }
}

/// Writes one line into a one-row `area` as `Paragraph` would: graphemes with control
/// characters dropped, glyphs wider than the whole area skipped, the line ending at the first
/// glyph that does not fit, the cells behind a wide glyph left as they were.
fn put_line(buf: &mut Buffer, area: Rect, line: &Line<'_>) {
    if line.alignment.is_some_and(|a| a != Alignment::Left) {
        Paragraph::new(line.clone()).render(area, buf);
        return;
    }
    let max = area.width;
    let mut x = 0u16;
    for span in &line.spans {
        if !put_span(buf, area, &mut x, max, span, line.style) {
            return;
        }
    }
}

/// Writes one span from column `x`; false once the line is full (a glyph did not fit).
fn put_span(buf: &mut Buffer, area: Rect, x: &mut u16, max: u16, span: &Span, base: Style) -> bool {
    let text: &str = &span.content;
    let style = base.patch(span.style);
    let mut put = |glyph: &str, width: u16| -> bool {
        if width > max {
            return true;
        }
        if *x + width > max {
            return false;
        }
        if width > 0 {
            buf[(area.x + *x, area.y)]
                .set_symbol(glyph)
                .set_style(style);
            *x += width;
        }
        true
    };
    if text.is_ascii() {
        for (i, b) in text.bytes().enumerate() {
            if !b.is_ascii_control() && !put(&text[i..=i], 1) {
                return false;
            }
        }
    } else if text.chars().all(stands_alone) {
        for (i, c) in text.char_indices() {
            let glyph = &text[i..i + c.len_utf8()];
            let width = if c.is_ascii() { 1 } else { glyph.cell_width() };
            if !put(glyph, width) {
                return false;
            }
        }
    } else {
        for glyph in span.styled_graphemes(base) {
            if !put(glyph.symbol, glyph.symbol.cell_width()) {
                return false;
            }
        }
    }
    true
}

/// Printable characters that always make a grapheme of their own next to each other: no
/// combining marks, joiners, variation selectors, prepended marks, regional indicators or
/// Hangul jamo (Latin, general punctuation, arrows, box drawing, blocks, shapes, symbols).
fn stands_alone(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{a0}'..='\u{ac}'
        | '\u{ae}'..='\u{2ff}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205e}'
        | '\u{2190}'..='\u{2bff}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};
    use ratatui::widgets::Borders;

    fn standalone_chars() -> impl Iterator<Item = char> {
        (0..=0x2bff_u32)
            .filter_map(char::from_u32)
            .filter(|c| stands_alone(*c))
    }

    #[test]
    fn standalone_characters_never_join_a_neighbour() {
        for c in standalone_chars() {
            for s in [format!("a{c}"), format!("{c}a"), format!("{c}{c}")] {
                let glyphs = Span::raw(s.as_str()).styled_graphemes(Style::new()).count();
                assert_eq!(glyphs, 2, "{c:?} joins in {s:?}");
            }
            assert!(!c.is_control());
        }
    }

    /// Both ways of drawing `lines` in a bordered block of `width`×`height`.
    fn both(lines: Vec<Line<'static>>, width: u16, height: u16) -> (Buffer, Buffer) {
        let area = Rect::new(0, 0, width, height);
        let block = Block::default().borders(Borders::ALL).title("t");
        let mut want = Buffer::empty(area);
        Paragraph::new(lines.clone())
            .block(block.clone())
            .render(area, &mut want);
        let mut got = Buffer::empty(area);
        block_with_lines(&mut got, area, &block, &lines);
        (want, got)
    }

    #[test]
    fn writes_the_cells_a_paragraph_writes() {
        let red = Style::new().fg(Color::Red);
        let texts = [
            "plain ascii row that is longer than the box is wide",
            "tab\there\x1b[31m and bell\x07",
            "日本語のテキストが長い",
            "Cafe\u{301} e\u{301}\u{302} combining",
            "👩\u{200d}💻 team 🎉 ⚑\u{fe0f} 🇩🇪",
            "ｶﾞﾝﾀﾞﾑ halfwidth marks",
            "✓ ─│┬▼ ◆ ● ⚑ → ← … ·█░▁▂",
            "\u{feff}bom \u{ad}shy \u{2028}ls",
            "",
        ];
        for width in [1, 3, 4, 5, 12, 30, 80] {
            for height in [1, 3, 6, 12] {
                let mut lines: Vec<Line<'static>> = texts
                    .iter()
                    .map(|t| {
                        Line::from(vec![
                            Span::styled(t.to_string(), red),
                            Span::raw("|"),
                            Span::styled(t.to_string(), Style::new().bg(Color::Blue)),
                        ])
                    })
                    .collect();
                lines.push(
                    Line::from(texts[6].to_string())
                        .patch_style(Style::new().add_modifier(Modifier::REVERSED)),
                );
                lines.push(Line::from("right").right_aligned());
                lines.push(Line::from("centre").centered());
                let (want, got) = both(lines, width, height);
                assert_eq!(want, got, "{width}×{height}");
            }
        }
    }
}
