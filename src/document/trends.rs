//! The overview's 12-month trend column, computed lazily: nothing until the overview opens,
//! then a slice at a time in the event loop's idle turns (as filters match; `…` until then), partner by partner in workspace
//! order, so the overview opens at once whatever the size. A change to the workspace or the
//! day starts the trends again. When the overview is sorted by the fall over 90 days, the order
//! is refreshed once every trend is known.

use crate::insight::{Index, Trend, trend_of};
use crate::model::Workspace;
use chrono::NaiveDate;
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

    /// Computes trends for about `budget` (at least one partner), partner by partner in
    /// workspace order. Returns whether some are left.
    pub fn slice(
        &mut self,
        ws: &Workspace,
        index: &Index,
        today: NaiveDate,
        budget: Duration,
    ) -> bool {
        if self.by_partner.len() != ws.partners.len() {
            self.reset(ws.partners.len());
        }
        let start = Instant::now();
        while !self.done() {
            let i = self.next;
            self.next += 1;
            if self.by_partner[i].is_some() {
                // Known, and its records have not changed since (`Trends::follow`).
                continue;
            }
            let id = ws.partners[i].id;
            self.by_partner[i] = index.records(ws, id).map(|r| trend_of(&r, today));
            if start.elapsed() >= budget {
                break;
            }
        }
        !self.done()
    }

    /// Percent computed, while some is left.
    pub fn progress(&self) -> Option<u8> {
        (!self.done()).then(|| (self.next * 100 / self.by_partner.len().max(1)).min(99) as u8)
    }
}
