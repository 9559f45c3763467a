//! Health history exports: the monthly table of one partner's Markdown report (month, health,
//! the eight practices) and the `health` CSV table (one row per partner per month) for a
//! spreadsheet chart. A month's figures are those of its last day (today for this month), from
//! `insight::history`, so they match the dashboard's chart and overview.

use crate::insight::health::format_points;
use crate::insight::{HealthPoint, Index, PartnerRecords, history, monthly_days};
use crate::model::{Practice, Workspace};
use chrono::NaiveDate;
use std::fmt::Write as _;

/// Months in the history (this one and the 12 before).
pub const MONTHS: u32 = 12;

/// The `health` table's header.
pub const COLUMNS: &[&str] = &[
    "partner_id",
    "partner",
    "month",
    "as_of",
    "health",
    "values",
    "communication",
    "clarity",
    "strengths",
    "trust",
    "long_term",
    "improvement",
    "celebration",
];

/// The practices' points of a sample, in `Practice::ALL` order.
fn practices(p: &HealthPoint) -> impl Iterator<Item = String> + '_ {
    Practice::ALL
        .iter()
        .map(|x| format_points(p.practices[x.index()]))
}

/// The "Health history" section of a partner's report.
pub fn markdown(r: &PartnerRecords<'_>, today: NaiveDate) -> String {
    let h = history::history_of(r, &monthly_days(today, MONTHS), today);
    let mut out = String::new();
    let _ = writeln!(out, "## Health history\n");
    if h.points.is_empty() {
        let _ = writeln!(out, "No history yet.\n");
        return out;
    }
    let shorts: Vec<&str> = Practice::ALL.iter().map(|p| p.short()).collect();
    let _ = writeln!(out, "| Month | Health | {} |", shorts.join(" | "));
    let _ = writeln!(out, "|---|--:|{}", "--:|".repeat(Practice::ALL.len()));
    for p in &h.points {
        let cells: Vec<String> = practices(p).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            p.day.format("%Y-%m"),
            p.score(),
            cells.join(" | ")
        );
    }
    let _ = writeln!(
        out,
        "\nEach month as of its last day (this month: today); practices out of 12.5 points."
    );
    if let Some(d) = h.biggest_drop() {
        let _ = writeln!(
            out,
            "Biggest drop: {} points from {} to {}, most in {} ({} points).",
            format_points(-d.fall),
            d.from,
            d.to,
            d.factor.label(),
            format_points(-d.factor_fall)
        );
    }
    out.push('\n');
    out
}

/// The `health` CSV table: every partner's monthly history, oldest month first per partner,
/// partners in workspace order (months before a partnership began are left out).
pub fn csv(ws: &Workspace, today: NaiveDate) -> Result<String, ::csv::Error> {
    let idx = Index::build(ws);
    let days = monthly_days(today, MONTHS);
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(COLUMNS)?;
    for partner in &ws.partners {
        let Some(h) = history(ws, &idx, partner.id, &days, today) else {
            continue;
        };
        for p in &h.points {
            let mut row = vec![
                partner.id.0.to_string(),
                partner.name.clone(),
                p.day.format("%Y-%m").to_string(),
                p.day.to_string(),
                p.score().to_string(),
            ];
            row.extend(practices(p));
            w.write_record(&row)?;
        }
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8(bytes).expect("every cell is a Rust string, so UTF-8"))
}
