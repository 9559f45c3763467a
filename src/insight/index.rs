//! The per-partner `Index`: built once from a workspace in one pass over its lists, it maps
//! every partner to the positions of its records, each list sorted by time, so that figures for
//! one partner touch only that partner's records. `PartnerRecords` is one partner's records
//! resolved from an index, the input of every practice module.
//!
//! The index holds positions into the workspace's lists, so it must be rebuilt after every
//! change to the workspace (building is cheap: one pass plus sorting each partner's lists,
//! which are usually already in time order). A stale index never panics: positions that no
//! longer exist or now hold another partner's record are skipped.

use super::dates::window_start;
use crate::model::*;
use chrono::NaiveDate;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Positions of one partner's records in the workspace lists.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Slots {
    /// Position of the partner in `ws.partners`.
    pub partner: usize,
    /// Goals, by start date then id.
    pub goals: Vec<usize>,
    /// Milestones, by due date then id.
    pub milestones: Vec<usize>,
    /// Interactions, by time then id.
    pub interactions: Vec<usize>,
    /// Commitments, by due date then id.
    pub commitments: Vec<usize>,
    /// Reviews, by date then id.
    pub reviews: Vec<usize>,
    /// Celebrations, by date then id.
    pub celebrations: Vec<usize>,
}

impl Slots {
    /// The positions of one kind of record (for partners, the partner's own).
    pub fn of(&self, kind: ListKind) -> &[usize] {
        match kind {
            ListKind::Partners => std::slice::from_ref(&self.partner),
            ListKind::Goals => &self.goals,
            ListKind::Milestones => &self.milestones,
            ListKind::Interactions => &self.interactions,
            ListKind::Commitments => &self.commitments,
            ListKind::Reviews => &self.reviews,
            ListKind::Celebrations => &self.celebrations,
        }
    }

    /// The positions of one kind of record, to change (`None` for partners: see `partner`).
    fn list_mut(&mut self, kind: ListKind) -> Option<&mut Vec<usize>> {
        Some(match kind {
            ListKind::Partners => return None,
            ListKind::Goals => &mut self.goals,
            ListKind::Milestones => &mut self.milestones,
            ListKind::Interactions => &mut self.interactions,
            ListKind::Commitments => &mut self.commitments,
            ListKind::Reviews => &mut self.reviews,
            ListKind::Celebrations => &mut self.celebrations,
        })
    }
}

/// Every partner's record positions. Records naming an unknown partner are left out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Index {
    slots: HashMap<PartnerId, Slots>,
}

fn sort_by<T: Clone, K: Ord>(positions: &mut [usize], list: &List<T>, key: impl Fn(&T) -> K) {
    // Stable and adaptive: already-ordered input (the usual case) sorts in linear time.
    positions.sort_by_key(|&i| key(&list[i]));
}

/// The index knows where each partner's records are, which lets a change be checked by reading
/// only the records of the partners it touched.
impl Holdings for Index {
    fn positions(&self, partner: PartnerId, list: ListKind) -> Option<&[usize]> {
        Some(self.slots.get(&partner)?.of(list))
    }
}

impl Index {
    /// Builds the index in one pass over each workspace list.
    pub fn build(ws: &Workspace) -> Self {
        let mut slots: HashMap<PartnerId, Slots> =
            HashMap::with_capacity_and_hasher(ws.partners.len(), Default::default());
        for (i, p) in ws.partners.iter().enumerate() {
            slots.insert(
                p.id,
                Slots {
                    partner: i,
                    ..Slots::default()
                },
            );
        }
        // Each record is read once: its partner and sort key in one pass over the list, then
        // every partner's positions are sorted by those keys (usually in order already).
        struct Fill<'a> {
            ws: &'a Workspace,
            slots: &'a mut HashMap<PartnerId, Slots>,
        }
        impl EachKind for Fill<'_> {
            fn kind<R: Record>(&mut self) {
                if R::LIST == ListKind::Partners {
                    return;
                }
                let mut keyed: HashMap<PartnerId, Vec<(R::When, u64, usize)>> = HashMap::default();
                for (i, r) in R::list(self.ws).iter().enumerate() {
                    if self.slots.contains_key(&r.partner()) {
                        keyed
                            .entry(r.partner())
                            .or_default()
                            .push((r.when(), r.id(), i));
                    }
                }
                for (partner, mut list) in keyed {
                    list.sort_unstable();
                    if let Some(at) = self
                        .slots
                        .get_mut(&partner)
                        .and_then(|s| s.list_mut(R::LIST))
                    {
                        *at = list.into_iter().map(|(_, _, i)| i).collect();
                    }
                }
            }
        }
        each_kind(&mut Fill {
            ws,
            slots: &mut slots,
        });
        Index { slots }
    }

    /// Brings the index from `old` to `new`, which differ by `delta`, touching only what the
    /// change touched: positions that moved are renumbered, and each partner whose records
    /// changed gets its lists put together again. The same as [`Index::build`] on `new`
    /// (`tests/incremental.rs` holds it to that). Returns the partners whose records changed.
    /// A partner removed is not followed: rebuild instead.
    pub fn update(
        &mut self,
        old: &Workspace,
        new: &Workspace,
        delta: &Delta,
    ) -> HashSet<PartnerId> {
        let mut touched = HashSet::default();
        let pd = delta.list(ListKind::Partners);
        debug_assert!(pd.removed.is_empty(), "a partner removed: rebuild instead");
        if pd.moves_positions(old.partners.len(), new.partners.len()) {
            for s in self.slots.values_mut() {
                s.partner = pd.new_position(s.partner).unwrap_or(s.partner);
            }
        }
        for &q in &pd.added {
            let p = &new.partners[q];
            self.slots.insert(
                p.id,
                Slots {
                    partner: q,
                    ..Slots::default()
                },
            );
            touched.insert(p.id);
        }
        for &(_, q) in &pd.changed {
            touched.insert(new.partners[q].id);
        }
        struct Follow<'a> {
            index: &'a mut Index,
            old: &'a Workspace,
            new: &'a Workspace,
            delta: &'a Delta,
            touched: &'a mut HashSet<PartnerId>,
        }
        impl EachKind for Follow<'_> {
            fn kind<R: Record>(&mut self) {
                if R::LIST != ListKind::Partners {
                    self.index
                        .follow::<R>(self.old, self.new, self.delta, self.touched);
                }
            }
        }
        each_kind(&mut Follow {
            index: self,
            old,
            new,
            delta,
            touched: &mut touched,
        });
        touched
    }

    /// One list of [`Index::update`].
    fn follow<R: Record>(
        &mut self,
        old: &Workspace,
        new: &Workspace,
        delta: &Delta,
        touched: &mut HashSet<PartnerId>,
    ) {
        fn slot<R: Record>(s: &mut Slots) -> &mut Vec<usize> {
            s.list_mut(R::LIST).expect("a partner's records")
        }
        let slot = slot::<R>;
        let key = |r: &R| (r.when(), r.id());
        let d = delta.list(R::LIST);
        if d.is_empty() {
            return;
        }
        let (a, b) = (R::list(old), R::list(new));
        let mut owners: HashSet<PartnerId> = HashSet::default();
        owners.extend(d.removed.iter().map(|&p| a[p].partner()));
        owners.extend(d.added.iter().map(|&q| b[q].partner()));
        for &(p, q) in &d.changed {
            owners.insert(a[p].partner());
            owners.insert(b[q].partner());
        }
        if d.moves_positions(a.len(), b.len()) {
            // Records before which others were removed or put back: every list renumbered.
            let renumber = d.renumber();
            for s in self.slots.values_mut() {
                slot(s).retain_mut(|i| match renumber.at(*i) {
                    Some(n) => {
                        *i = n;
                        true
                    }
                    None => false,
                });
            }
        } else if !d.removed.is_empty() {
            // Removed from the end: nothing else moved.
            for owner in &owners {
                if let Some(s) = self.slots.get_mut(owner) {
                    slot(s).retain(|i| *i < b.len());
                }
            }
        }
        let changed: HashSet<usize> = d.changed.iter().map(|c| c.1).collect();
        for owner in owners {
            touched.insert(owner);
            let Some(s) = self.slots.get_mut(&owner) else {
                continue;
            };
            let list = slot(s);
            list.retain(|i| !changed.contains(i));
            for q in d.added.iter().chain(&changed) {
                if b[*q].partner() == owner {
                    list.push(*q);
                }
            }
            sort_by(list, b, key);
        }
    }

    /// Number of partners indexed.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The record positions of a partner.
    pub fn slots(&self, partner: PartnerId) -> Option<&Slots> {
        self.slots.get(&partner)
    }

    /// One partner's records, resolved; `None` for an unknown partner.
    pub fn records<'a>(&self, ws: &'a Workspace, partner: PartnerId) -> Option<PartnerRecords<'a>> {
        let s = self.slots.get(&partner)?;
        let p = ws
            .partners
            .get(s.partner)
            .filter(|p| p.id == partner)
            .or_else(|| ws.partner(partner))?;
        fn pick<'a, T: Clone>(
            list: &'a List<T>,
            at: &[usize],
            ok: impl Fn(&T) -> bool,
        ) -> Vec<&'a T> {
            at.iter()
                .filter_map(|&i| list.get(i))
                .filter(|r| ok(r))
                .collect()
        }
        Some(PartnerRecords {
            profile: &ws.profile,
            partner: p,
            goals: pick(&ws.goals, &s.goals, |r| r.partner == partner),
            milestones: pick(&ws.milestones, &s.milestones, |r| r.partner == partner),
            interactions: pick(&ws.interactions, &s.interactions, |r| r.partner == partner),
            commitments: pick(&ws.commitments, &s.commitments, |r| r.partner == partner),
            reviews: pick(&ws.reviews, &s.reviews, |r| r.partner == partner),
            celebrations: pick(&ws.celebrations, &s.celebrations, |r| r.partner == partner),
        })
    }

    /// The partner's latest interaction on or before today (a binary search, no scan).
    pub fn last_contact<'a>(
        &self,
        ws: &'a Workspace,
        partner: PartnerId,
        today: NaiveDate,
    ) -> Option<&'a Interaction> {
        let s = self.slots.get(&partner)?;
        let upto = s
            .interactions
            .partition_point(|&i| ws.interactions.get(i).is_some_and(|x| x.at.date() <= today));
        let i = *s.interactions.get(upto.checked_sub(1)?)?;
        ws.interactions.get(i).filter(|x| x.partner == partner)
    }
}

/// One partner's records, each list sorted as in `Slots`, with our profile.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerRecords<'a> {
    pub profile: &'a Profile,
    pub partner: &'a Partner,
    pub goals: Vec<&'a Goal>,
    pub milestones: Vec<&'a Milestone>,
    pub interactions: Vec<&'a Interaction>,
    pub commitments: Vec<&'a Commitment>,
    pub reviews: Vec<&'a Review>,
    pub celebrations: Vec<&'a Celebration>,
}

impl<'a> PartnerRecords<'a> {
    /// Interactions on or before today, oldest first (future-dated ones are left out).
    pub fn interactions_until(&self, today: NaiveDate) -> &[&'a Interaction] {
        let upto = self.interactions.partition_point(|x| x.at.date() <= today);
        &self.interactions[..upto]
    }

    /// Interactions in the last `window` days (today included), oldest first.
    pub fn interactions_within(&self, today: NaiveDate, window: i64) -> &[&'a Interaction] {
        let past = self.interactions_until(today);
        let start = window_start(today, window);
        let from = past.partition_point(|x| x.at.date() < start);
        &past[from..]
    }

    /// The latest interaction on or before today.
    pub fn last_contact(&self, today: NaiveDate) -> Option<&'a Interaction> {
        self.interactions_until(today).last().copied()
    }

    /// The latest review on or before today.
    pub fn last_review(&self, today: NaiveDate) -> Option<&'a Review> {
        let upto = self.reviews.partition_point(|r| r.date <= today);
        self.reviews[..upto].last().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::testkit::*;

    #[test]
    fn records_are_grouped_per_partner_and_sorted_by_time() {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2025-01-01");
        let b = k.partner("Bee", "2025-01-01");
        let late = k.talk(a, "2025-03-01", Side::Us);
        let other = k.talk(b, "2025-02-01", Side::Them);
        let early = k.talk(a, "2025-02-01", Side::Them);
        let future = k.talk(a, "2025-09-01", Side::Them);
        let idx = Index::build(&k.ws);
        assert_eq!(idx.len(), 2);
        let r = idx.records(&k.ws, a).unwrap();
        let ids: Vec<InteractionId> = r.interactions.iter().map(|x| x.id).collect();
        assert_eq!(ids, vec![early, late, future]);
        let today = day("2025-06-01");
        assert_eq!(r.last_contact(today).map(|x| x.id), Some(late));
        assert_eq!(idx.last_contact(&k.ws, a, today).map(|x| x.id), Some(late));
        assert_eq!(idx.last_contact(&k.ws, b, today).map(|x| x.id), Some(other));
        assert_eq!(r.interactions_within(today, 100).len(), 1); // 2025-03-01 is 92 days back
        assert!(idx.records(&k.ws, PartnerId(999)).is_none());
    }

    #[test]
    fn a_stale_index_skips_what_moved_instead_of_panicking() {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2025-01-01");
        k.talk(a, "2025-02-01", Side::Us);
        let idx = Index::build(&k.ws);
        k.ws.interactions.clear();
        let r = idx.records(&k.ws, a).unwrap();
        assert!(r.interactions.is_empty());
        assert!(idx.last_contact(&k.ws, a, day("2025-06-01")).is_none());
    }
}
