//! The health chart at the top of a partner's details: the partner's health over the last 12
//! months, weekly when the box is wide enough for 53 samples, else monthly, with the eight
//! practices as a heat strip and the biggest drop named. Computed once when the details open
//! (one partner's records per sample); the lines it adds reserve the rows `ui::health_chart`
//! draws into.

use super::detail::wrap_width;
use super::detail::{DetailLine, LineKind};
use super::layout::detail_rect;
use crate::document::Document;
use crate::insight::weights::practice_max;
use crate::insight::{self, Drop, History};
use crate::model::{PartnerId, Practice};
use chrono::NaiveDate;
use ratatui::layout::Rect;

/// Rows of the heat strip: one per practice.
pub const STRIP_ROWS: u16 = 8;
/// Columns left of the plot and the strip (labels and the axis).
pub const MARGIN: u16 = 5;
/// Weekly samples over a year (53 with today).
pub const WEEKS: u32 = 52;
pub const MONTHS: u32 = 12;

/// One partner's health history as the details show it.
#[derive(Debug, Clone, PartialEq)]
pub struct HealthChart {
    pub partner: PartnerId,
    /// Every day sampled, oldest first (days before the partnership began included, so a young
    /// partnership's line starts part-way).
    pub days: Vec<NaiveDate>,
    /// The samples from the start of the partnership on.
    pub history: History,
    pub weekly: bool,
    /// Rows of the plot (the x-axis labels, the strip and the legend come below).
    pub plot_rows: u16,
    pub drop: Option<Drop>,
}

impl HealthChart {
    /// The chart for a partner on the app's screen; `None` for an unknown partner.
    pub fn build(doc: &Document, area: Rect, partner: PartnerId) -> Option<HealthChart> {
        let today = doc.today();
        let plot_width = (wrap_width(area) as u16).saturating_sub(MARGIN);
        let weekly = plot_width > WEEKS as u16;
        let days = if weekly {
            insight::weekly_days(today, WEEKS)
        } else {
            insight::monthly_days(today, MONTHS)
        };
        let history = insight::history(doc.ws(), doc.index(), partner, &days, today)?;
        let tall = detail_rect(area).height >= 30;
        Some(HealthChart {
            partner,
            drop: history.biggest_drop(),
            days,
            history,
            weekly,
            plot_rows: if tall { 10 } else { 5 },
        })
    }

    /// Rows the drawing takes: the plot, the date labels, the strip and its legend.
    pub fn rows(&self) -> u16 {
        self.plot_rows + 1 + STRIP_ROWS + 1
    }

    /// A practice's share of its points in a sample, 0.0–1.0.
    pub fn share(&self, sample: usize, practice: Practice) -> Option<f64> {
        let p = self.history.points.get(sample)?;
        let max = practice_max(practice);
        (max > 0.0).then(|| (p.practices[practice.index()] / max).clamp(0.0, 1.0))
    }

    /// The section's lines: a heading, the figures in words, and the rows the chart covers.
    pub fn lines(&self) -> Vec<DetailLine> {
        let line = |kind, label: &str, value: String| DetailLine {
            kind,
            label: label.into(),
            value,
        };
        let every = if self.weekly { "weekly" } else { "monthly" };
        let mut out = vec![line(
            LineKind::Heading,
            "",
            format!("Health over the last 12 months ({every})"),
        )];
        let points = &self.history.points;
        let summary = match (points.first(), points.last()) {
            (Some(first), Some(last)) if points.len() > 1 => format!(
                "{} now, {} since {}; lowest {}, highest {}",
                last.score(),
                signed(i32::from(last.score()) - i32::from(first.score())),
                first.day,
                points.iter().map(|p| p.score()).min().unwrap_or(0),
                points.iter().map(|p| p.score()).max().unwrap_or(0),
            ),
            (Some(last), _) => format!("{} now; no history before {}", last.score(), last.day),
            _ => "no history yet".into(),
        };
        out.push(line(LineKind::Field, "Trend", summary));
        let drop = match &self.drop {
            Some(d) => format!(
                "▼ {} points by {} (from {}), most in {}: {} points",
                fmt_points(-d.fall),
                d.to,
                d.from,
                d.factor.label(),
                fmt_points(-d.factor_fall),
            ),
            None => "none: the score never fell".into(),
        };
        out.push(line(LineKind::Field, "Biggest drop", drop));
        for _ in 0..self.rows() {
            out.push(line(LineKind::Chart, "", String::new()));
        }
        out
    }
}

fn signed(n: i32) -> String {
    match n {
        0 => "±0".into(),
        n if n > 0 => format!("+{n}"),
        n => format!("−{}", -n),
    }
}

/// Points with a sign and at most one decimal ("−7.5", "+2").
fn fmt_points(p: f64) -> String {
    let text = format!("{:.1}", p.abs());
    let text = text.trim_end_matches(".0");
    if p < -0.05 {
        format!("−{text}")
    } else {
        format!("+{text}")
    }
}
