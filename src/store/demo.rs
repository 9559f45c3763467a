//! The bundled demo sample, embedded in the binary. Its dates are written relative to
//! `DEMO_ANCHOR` and moved to today when loaded, so it never goes stale.

use super::load::load_text;
use crate::model::Workspace;
use chrono::NaiveDate;
use std::path::Path;

/// The sample's text, as shipped in `assets/demo.ron`.
pub const DEMO_TEXT: &str = include_str!("../../assets/demo.ron");

/// The day that counts as "today" inside `assets/demo.ron`.
pub const DEMO_ANCHOR: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 27) {
    Some(d) => d,
    None => panic!("the demo anchor is a real date"),
};

/// The demo workspace with its dates moved so that its anchor falls on `today`.
pub fn demo_workspace(today: NaiveDate) -> Workspace {
    let mut ws = load_text(DEMO_TEXT, Path::new("assets/demo.ron"))
        .expect("the bundled demo sample is valid (checked by tests)")
        .workspace;
    ws.shift_dates((today - DEMO_ANCHOR).num_days());
    ws
}
