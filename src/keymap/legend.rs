//! The symbols of the screens and what each means, listed in help (`?`) after the keys. Each
//! symbol means one thing; a new symbol on a screen gets its line here.

use crate::model::Practice;

/// Symbol (or symbols) and meaning, in help order.
pub fn symbols() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = [
        (
            "⚑ n",
            "things that need attention (header, partners; t lists them)",
        ),
        ("♥", "health score, 0–100"),
        ("✓ ~ ! ?", "partners: contact fine, due, lapsed, never"),
        ("○ ✓ ✗ !", "goals: active, achieved, dropped, overdue"),
        ("→ ←", "log: we reached out, they did"),
        ("●", "log: how it felt, 1–5"),
        ("↪ mm-dd", "a follow-up, due that day (! late, ✓ done)"),
        ("◆ ✓ !", "timeline: upcoming, done, overdue milestone"),
        ("▼ │", "timeline: today"),
        ("◀ ▶", "timeline: milestones before or after the window"),
        ("☎ ✎ ↻ ★", "today: contact lapsed, commitment, review, win"),
        ("◆ ▼", "today: milestone overdue, goal behind"),
        (
            "· ▁…█",
            "overview bars: · none, up to █ all of a practice's points",
        ),
    ]
    .iter()
    .map(|(s, m)| (s.to_string(), m.to_string()))
    .collect();
    for p in Practice::ALL {
        out.push((
            format!("{}", p.index() + 1),
            format!("{} (overview column, details)", p.label()),
        ));
    }
    out
}
