//! One line of a details view (its kind, label and value), as every part of the details is
//! built from: the records' own lines, their side's (`their_view`), the health chart's rows.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Title,
    Heading,
    Field,
    Text,
    /// A row the health chart is drawn over (`health_chart`).
    Chart,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailLine {
    pub kind: LineKind,
    pub label: String,
    pub value: String,
}

/// A sparkline of 1–5 ratings, one glyph each.
pub fn sparkline(series: &[u8]) -> String {
    const BARS: [char; 5] = ['▁', '▃', '▄', '▆', '█'];
    series
        .iter()
        .map(|s| BARS[usize::from(s.clamp(&1, &5) - 1)])
        .collect()
}
