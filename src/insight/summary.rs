//! Cheap per-partner figures for lists (`PartnerSummary`), and the whole-workspace overview
//! (summaries plus the attention queue, computed in one pass).

use super::attention::{self, AttentionItem};
use super::communication::ContactStatus;
use super::health::health;
use super::index::Index;
use super::practices::practices;
use crate::model::{PartnerId, Phase, Workspace};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// The figures a partner list shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerSummary {
    pub partner: PartnerId,
    pub name: String,
    pub phase: Phase,
    pub last_contact: Option<NaiveDate>,
    /// Days since the last contact (since the start without one); never negative.
    pub days_since_contact: i64,
    pub contact: ContactStatus,
    /// Health score 0–100.
    pub health: u8,
    /// Number of attention items.
    pub attention: usize,
    /// A review is due today or earlier.
    pub review_due: bool,
    /// Each practice's share of its maximum points (0.0–1.0), in `Practice::ALL` order.
    pub practice_share: [f32; 8],
    /// Change of the mean review rating since the previous review.
    pub trend: Option<f64>,
}

/// Summaries and the attention queue of the whole workspace.
#[derive(Debug, Clone, Default)]
pub struct Overview {
    /// One per partner, in workspace order.
    pub summaries: Vec<PartnerSummary>,
    /// Every partner's items, most urgent first. Each behind an `Arc`, so that a change puts
    /// a partner's new items in place by moving pointers, not the items.
    pub attention: Vec<Arc<AttentionItem>>,
    /// Each partner's items (the same `Arc`s as in the queue), so that a change finds the ones
    /// it replaces without going through the whole queue.
    items_of: FxHashMap<PartnerId, Vec<Arc<AttentionItem>>>,
    /// The queue's previous buffer, kept for the next change to fill: a queue of tens of
    /// thousands is a buffer that would otherwise be mapped and unmapped on every change.
    spare: Vec<Arc<AttentionItem>>,
    /// How many items have each width of kind, partner name and "how long" text, so that the
    /// queue's columns are known without measuring every item on every frame.
    widths: [std::collections::BTreeMap<usize, usize>; 3],
}

/// The widest kind label, partner name and "how long" text in the attention queue, in cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueWidths {
    pub kind: usize,
    pub partner: usize,
    pub when: usize,
}

/// Two overviews are equal when they show the same: summaries and queue.
impl PartialEq for Overview {
    fn eq(&self, other: &Self) -> bool {
        self.summaries == other.summaries && self.attention == other.attention
    }
}

/// Summaries and attention queue in one pass over the partners, split between the cores when
/// there are enough partners to gain from it (the result is the same either way).
pub fn overview(ws: &Workspace, idx: &Index, today: NaiveDate) -> Overview {
    const PER_THREAD: usize = 64;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(ws.partners.len() / PER_THREAD)
        .max(1);
    let chunk = ws.partners.len().div_ceil(threads).max(1);
    let parts: Vec<Overview> = if threads == 1 {
        vec![summarize(ws, idx, 0..ws.partners.len(), today)]
    } else {
        std::thread::scope(|scope| {
            let n = ws.partners.len();
            let handles: Vec<_> = (0..n)
                .step_by(chunk)
                .map(|start| {
                    let partners = start..(start + chunk).min(n);
                    scope.spawn(move || summarize(ws, idx, partners, today))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    };
    let mut all = Overview {
        summaries: Vec::with_capacity(ws.partners.len()),
        ..Overview::default()
    };
    for part in parts {
        all.summaries.extend(part.summaries);
        all.attention.extend(part.attention);
    }
    attention::sort(&mut all.attention);
    let items = all.attention.clone();
    for item in &items {
        all.items_of
            .entry(item.partner)
            .or_default()
            .push(item.clone());
        all.count(item, true);
    }
    all
}

impl Overview {
    /// The widest kind, partner name and "how long" in the queue (`None` when it is empty).
    pub fn queue_widths(&self) -> Option<QueueWidths> {
        let max = |i: usize| self.widths[i].last_key_value().map(|(w, _)| *w);
        Some(QueueWidths {
            kind: max(0)?,
            partner: max(1)?,
            when: max(2)?,
        })
    }

    /// Counts a partner's old items out of the widths, and adds their places in the queue to
    /// `gone`: found by their order, never by a scan.
    fn forget(&mut self, old: &[Arc<AttentionItem>], gone: &mut Vec<usize>) {
        for item in old {
            self.count(item, false);
            let mut at = self
                .attention
                .partition_point(|x| attention::order(x, item).is_lt());
            while at < self.attention.len() && !Arc::ptr_eq(&self.attention[at], item) {
                at += 1;
            }
            if at < self.attention.len() {
                gone.push(at);
            }
        }
    }

    /// Counts an item's widths in (`add`) or out.
    fn count(&mut self, item: &AttentionItem, add: bool) {
        let widths = [
            crate::text::width(item.kind.label()),
            crate::text::width(&item.partner_name),
            crate::text::width(&item.when),
        ];
        for (counter, w) in self.widths.iter_mut().zip(widths) {
            if add {
                *counter.entry(w).or_default() += 1;
            } else if let Some(n) = counter.get_mut(&w) {
                *n -= 1;
                if *n == 0 {
                    counter.remove(&w);
                }
            }
        }
    }

    /// Brings the overview up to date after a change ([`Index::update`] gave `touched`, the
    /// partners whose records changed; `partners` is what changed in the partner list): their
    /// summaries are made again and their attention items replaced, each put in its place in
    /// the queue. The same as [`overview`] on the new workspace, for the same day.
    pub fn update(
        &mut self,
        ws: &Workspace,
        idx: &Index,
        today: NaiveDate,
        partners: &crate::model::ListDelta,
        touched: &rustc_hash::FxHashSet<PartnerId>,
    ) {
        for &q in &partners.added {
            let placeholder = summarize(ws, idx, q..q + 1, today).summaries;
            self.summaries.splice(q..q, placeholder);
        }
        if touched.is_empty() {
            return;
        }
        let mut fresh: Vec<Arc<AttentionItem>> = Vec::new();
        let mut gone: Vec<usize> = Vec::new();
        for partner in touched {
            let old = self.items_of.remove(partner).unwrap_or_default();
            let Some(at) = idx.slots(*partner).map(|s| s.partner) else {
                self.forget(&old, &mut gone);
                continue;
            };
            let Overview {
                summaries,
                mut attention,
                ..
            } = summarize(ws, idx, at..at + 1, today);
            if let (Some(slot), Some(s)) =
                (self.summaries.get_mut(at), summaries.into_iter().next())
            {
                *slot = s;
            }
            // In queue order, as a full build keeps them. A partner's items never tie unless
            // they are the same (one item per kind and record, and the kind and the record are
            // part of the order), so the order alone decides where each goes.
            attention.sort_by(|a, b| attention::order(a, b));
            debug_assert!(
                attention
                    .windows(2)
                    .all(|w| attention::order(&w[0], &w[1]).is_ne() || w[0] == w[1]),
                "a partner's attention items tie"
            );
            // Items the change left as they were stay in place; only the others go and come.
            let (items, out, new) = diff(old, attention);
            self.forget(&out, &mut gone);
            for item in &new {
                self.count(item, true);
            }
            if !items.is_empty() {
                self.items_of.insert(*partner, items);
            }
            fresh.extend(new);
        }
        if gone.is_empty() && fresh.is_empty() {
            return;
        }
        gone.sort_unstable();
        // Items of two partners never tie either (the partner is part of the order).
        fresh.sort_by(|a, b| attention::order(a, b));
        if gone.len() + fresh.len() <= FEW {
            // A few: each moved in place (one copy of the queue's pointers each), quicker
            // than making the queue again.
            for &at in gone.iter().rev() {
                self.attention.remove(at);
            }
            for item in fresh {
                let at = self
                    .attention
                    .partition_point(|x| attention::order(x, &item).is_le());
                self.attention.insert(at, item);
            }
            return;
        }
        let mut out = std::mem::take(&mut self.spare);
        replace_sorted(&mut self.attention, &gone, fresh, &mut out);
        self.spare = std::mem::replace(&mut self.attention, out);
    }
}

/// Up to this many items gone and come are moved in place in the queue ([`Overview::update`]).
const FEW: usize = 6;

/// A partner's items before and after a change, both in queue order: the items after it (the
/// ones that stayed as they were keep their old pointers, which the queue holds), the ones
/// gone, and the ones new.
type Diff = (
    Vec<Arc<AttentionItem>>,
    Vec<Arc<AttentionItem>>,
    Vec<Arc<AttentionItem>>,
);

fn diff(old: Vec<Arc<AttentionItem>>, now: Vec<Arc<AttentionItem>>) -> Diff {
    let (mut items, mut out, mut new) = (Vec::with_capacity(now.len()), Vec::new(), Vec::new());
    let mut old = old.into_iter().peekable();
    let mut now = now.into_iter().peekable();
    loop {
        match (old.peek(), now.peek()) {
            (Some(a), Some(b)) if **a == **b => {
                items.extend(old.next());
                now.next();
            }
            (Some(a), Some(b)) if attention::order(a, b).is_le() => out.extend(old.next()),
            (Some(_), None) => out.extend(old.next()),
            (_, Some(_)) => {
                let b = now.next().expect("peeked");
                new.push(b.clone());
                items.push(b);
            }
            (None, None) => break,
        }
    }
    (items, out, new)
}

/// The queue without the items at `gone` (ascending), with `fresh` (sorted) in their places,
/// into `out`; `queue` is left empty (its buffer kept). Places are found by binary search, then
/// one pass moves the pointers (no count touched).
fn replace_sorted(
    queue: &mut Vec<Arc<AttentionItem>>,
    gone: &[usize],
    fresh: Vec<Arc<AttentionItem>>,
    out: &mut Vec<Arc<AttentionItem>>,
) {
    let places: Vec<usize> = fresh
        .iter()
        .map(|f| queue.partition_point(|x| attention::order(x, f).is_le()))
        .collect();
    out.clear();
    out.reserve(queue.len() + fresh.len());
    let mut fresh = fresh.into_iter().zip(places).peekable();
    let mut gone = gone.iter().peekable();
    for (i, item) in queue.drain(..).enumerate() {
        while let Some((f, _)) = fresh.next_if(|(_, place)| *place <= i) {
            out.push(f);
        }
        if gone.next_if(|g| **g == i).is_none() {
            out.push(item);
        }
    }
    out.extend(fresh.map(|(f, _)| f));
}

/// Summaries and (unsorted) attention items of some of the partners.
fn summarize(
    ws: &Workspace,
    idx: &Index,
    partners: std::ops::Range<usize>,
    today: NaiveDate,
) -> Overview {
    let mut summaries = Vec::with_capacity(partners.len());
    let mut items = Vec::new();
    let snoozed = attention::Snoozed::new(ws, today);
    for p in ws.partners.range(partners) {
        let Some(r) = idx.records(ws, p.id) else {
            continue;
        };
        let pr = practices(&r, today);
        let before = items.len();
        attention::collect(&r, pr.attention_inputs(), today, &mut items);
        snoozed.drop_from(&mut items, before);
        let c = &pr.communication;
        let h = health(&pr);
        let mut practice_share = [0.0f32; 8];
        for (slot, practice) in practice_share.iter_mut().zip(crate::model::Practice::ALL) {
            let (points, max) = h.practice(*practice);
            *slot = if max > 0.0 {
                (points / max) as f32
            } else {
                0.0
            };
        }
        summaries.push(PartnerSummary {
            partner: p.id,
            name: p.name.clone(),
            phase: p.phase,
            last_contact: c.last_contact,
            days_since_contact: c.days_since,
            contact: c.status,
            health: h.score(),
            attention: items.len() - before,
            review_due: pr.improvement.due,
            practice_share,
            trend: pr.improvement.trend,
        });
    }
    Overview {
        summaries,
        attention: items.into_iter().map(Arc::new).collect(),
        ..Overview::default()
    }
}

/// One summary per partner, in workspace order.
pub fn summaries(ws: &Workspace, idx: &Index, today: NaiveDate) -> Vec<PartnerSummary> {
    overview(ws, idx, today).summaries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::testkit::Kit;
    use crate::model::Side;

    #[test]
    fn the_overview_split_between_cores_is_the_one_pass_overview() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        // Enough partners to be split, in varied states: some never contacted, some lapsed,
        // some with milestones overdue.
        let mut kit = Kit::new();
        for n in 0..300 {
            let p = kit.partner(&format!("Partner {n}"), "2024-01-15");
            for month in 1..=(n % 12) {
                kit.talk(p, &format!("2026-{month:02}-10"), Side::Us);
            }
            if n % 3 == 0 {
                kit.milestone(p, "2026-10-01", None);
            }
            if n % 5 == 0 {
                kit.milestone(p, "2026-06-01", Some("2026-05-30"));
            }
        }
        let ws = kit.ws;
        let idx = Index::build(&ws);
        let split = overview(&ws, &idx, today);
        let mut one_pass = summarize(&ws, &idx, 0..ws.partners.len(), today);
        attention::sort(&mut one_pass.attention);
        assert_eq!(split, one_pass);
        assert_eq!(split.summaries.len(), 300);
        assert!(!split.attention.is_empty());
    }
}
