//! The overview's 12-month trend column in the event loop: nothing until the overview opens,
//! then a slice at a time in the idle turns (as filters match; `…` until then), so the overview
//! opens at once whatever the size (the trends themselves are the document's,
//! [`crate::document::Trends`]). When the overview is sorted by the fall over 90 days, the
//! order is refreshed once every trend is known.

use super::App;
use super::filter::SLICE_BUDGET;
use super::overlay::Overlay;
use super::views::{OverviewSort, OverviewView};
use std::time::Duration;

impl App {
    fn overview_open(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Overview(_)))
    }

    /// Whether trends are left to compute for an open overview.
    pub fn trends_pending(&self) -> bool {
        let trends = self.doc.trends();
        self.overview_open()
            && (trends.by_partner.len() != self.ws().partners.len() || !trends.done())
    }

    /// Computes trends for about `budget` (at least one partner); re-sorts an overview sorted
    /// by the fall when the last one is in. Returns whether some are left.
    pub fn trend_slice(&mut self, budget: Duration) -> bool {
        let trends = self.doc.trends();
        let was_left = trends.by_partner.len() != self.ws().partners.len() || !trends.done();
        let left = self.doc.trend_slice(budget);
        if was_left && !left {
            self.resort_by_fall();
        }
        left
    }

    /// One slice of trend work (the event loop's quiet time).
    pub(super) fn trend_work(&mut self) {
        if self.trends_pending() {
            self.trend_slice(SLICE_BUDGET);
        }
    }

    /// Computes every trend left (tests, benchmarks, one-off frames).
    pub fn finish_trends(&mut self) {
        while self.trend_slice(Duration::MAX) {}
    }

    fn resort_by_fall(&mut self) {
        let Some(Overlay::Overview(OverviewView {
            sort: OverviewSort::Fall,
            cursor,
            order,
        })) = &self.overlay
        else {
            return;
        };
        let selected = order.get(cursor.selected).copied();
        let (mut cursor, new) = (*cursor, self.overview_order(OverviewSort::Fall));
        if let Some(at) = selected.and_then(|s| new.iter().position(|i| *i == s)) {
            cursor.select(at, new.len(), self.view_height());
        }
        self.replace(Overlay::Overview(OverviewView {
            cursor,
            sort: OverviewSort::Fall,
            order: new,
        }));
    }

    /// The fall over 90 days of the partner at position `i` (`None` while unknown).
    pub fn fall(&self, i: usize) -> Option<i16> {
        self.doc.trends().get(i)?.fall
    }
}
