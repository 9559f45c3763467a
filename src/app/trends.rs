//! The overview's 12-month trend column, computed lazily: nothing until the overview opens,
//! then a slice at a time in the event loop's idle turns (as filters match; `…` until then), partner by partner in workspace
//! order, so the overview opens at once whatever the size. A change to the workspace or the
//! day starts the trends again. When the overview is sorted by the fall over 90 days, the order
//! is refreshed once every trend is known.

use super::filter::SLICE_BUDGET;
use super::{App, Overlay, OverviewSort, OverviewView};
use crate::insight::{Trend, trend_of};
use std::time::{Duration, Instant};

/// Every partner's trend, as far as computed (aligned with `ws.partners`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Trends {
    pub by_partner: Vec<Option<Trend>>,
    /// The next partner position to compute.
    next: usize,
}

impl Trends {
    /// Forgets every trend (the workspace or the day changed).
    pub fn reset(&mut self, partners: usize) {
        self.by_partner = vec![None; partners];
        self.next = 0;
    }

    /// Forgets the trends of the partners at `positions` (their records changed), after
    /// making room for the partners `added` (positions in the new list, ascending).
    pub fn follow(&mut self, added: &[usize], positions: impl Iterator<Item = usize>) {
        for &q in added {
            if q <= self.by_partner.len() {
                self.by_partner.insert(q, None);
                if q < self.next {
                    self.next += 1;
                }
            }
        }
        for i in positions {
            if let Some(slot) = self.by_partner.get_mut(i) {
                *slot = None;
                self.next = self.next.min(i);
            }
        }
    }

    pub fn done(&self) -> bool {
        self.next >= self.by_partner.len()
    }

    pub fn get(&self, i: usize) -> Option<&Trend> {
        self.by_partner.get(i)?.as_ref()
    }

    /// Percent computed, while some is left.
    pub fn progress(&self) -> Option<u8> {
        (!self.done()).then(|| (self.next * 100 / self.by_partner.len().max(1)).min(99) as u8)
    }
}

impl App {
    fn overview_open(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Overview(_)))
    }

    /// Whether trends are left to compute for an open overview.
    pub fn trends_pending(&self) -> bool {
        self.overview_open()
            && (self.trends.by_partner.len() != self.ws.partners.len() || !self.trends.done())
    }

    /// Computes trends for about `budget` (at least one partner); re-sorts an overview sorted
    /// by the fall when the last one is in. Returns whether some are left.
    pub fn trend_slice(&mut self, budget: Duration) -> bool {
        if self.trends.by_partner.len() != self.ws.partners.len() {
            self.trends.reset(self.ws.partners.len());
        }
        if self.trends.done() {
            return false;
        }
        let start = Instant::now();
        while !self.trends.done() {
            let i = self.trends.next;
            self.trends.next += 1;
            if self.trends.by_partner[i].is_some() {
                // Known, and its records have not changed since (`Trends::follow`).
                continue;
            }
            let id = self.ws.partners[i].id;
            self.trends.by_partner[i] = self
                .index
                .records(&self.ws, id)
                .map(|r| trend_of(&r, self.today));
            if start.elapsed() >= budget {
                break;
            }
        }
        if self.trends.done() {
            self.resort_by_fall();
        }
        !self.trends.done()
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
        self.trends.get(i)?.fall
    }
}
