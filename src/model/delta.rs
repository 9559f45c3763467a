//! What changed between two versions of a workspace, found from the structure they share.
//!
//! A change copies only the chunks of a list it touches ([`super::List`]); every other chunk is
//! the very same memory in both versions. So the records that may differ are found by pointer
//! in one pass over the chunks (about 4,000 for 250,000 log entries), and only those are
//! compared, record by record, by id (every list is sorted by id). This works whichever way
//! the versions came about: a change, an undo, a redo.
//!
//! The result drives everything that is kept up to date instead of rebuilt: validation of what
//! changed, the index, the partner summaries, the attention queue and the rows.

use super::list::List;
use super::record::{EachKind, ListKind, Record, each_kind};
use super::*;
use rustc_hash::FxHashMap;

/// What changed in one list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListDelta {
    /// Positions in the old list of the records that are gone, ascending.
    pub removed: Vec<usize>,
    /// Positions in the new list of the records that are new, ascending.
    pub added: Vec<usize>,
    /// Records whose content changed: (position in the old list, position in the new), ascending.
    pub changed: Vec<(usize, usize)>,
}

impl ListDelta {
    pub fn is_empty(&self) -> bool {
        self.removed.is_empty() && self.added.is_empty() && self.changed.is_empty()
    }

    /// Whether records that stayed are at other positions now: some before them were removed,
    /// or some were added before them (not only at the end).
    pub fn moves_positions(&self, old_len: usize, new_len: usize) -> bool {
        let tail =
            |at: &[usize], len: usize| at.iter().rev().zip((0..len).rev()).all(|(a, b)| a == &b);
        !tail(&self.removed, old_len) || !tail(&self.added, new_len)
    }

    /// Where the record at `old` position is in the new list; `None` when it was removed.
    pub fn new_position(&self, old: usize) -> Option<usize> {
        if self.removed.binary_search(&old).is_ok() {
            return None;
        }
        // Its rank among the records that stayed, then past the added ones before it.
        let mut at = old - self.removed.partition_point(|&r| r < old);
        for &a in &self.added {
            if a <= at {
                at += 1;
            } else {
                break;
            }
        }
        Some(at)
    }
}

/// [`ListDelta::new_position`] for many positions in turn, with the usual change (one record
/// removed, or one added) answered by a comparison.
#[derive(Debug, Clone, Copy)]
pub struct Renumber<'a> {
    delta: &'a ListDelta,
    one: One,
}

#[derive(Debug, Clone, Copy)]
enum One {
    Removed(usize),
    Added(usize),
    Other,
}

impl ListDelta {
    /// Renumbers positions of the old list ([`Renumber::at`]).
    pub fn renumber(&self) -> Renumber<'_> {
        let one = match (self.removed.as_slice(), self.added.as_slice()) {
            ([r], []) => One::Removed(*r),
            ([], [a]) => One::Added(*a),
            _ => One::Other,
        };
        Renumber { delta: self, one }
    }
}

impl Renumber<'_> {
    /// Where the record at `old` position is in the new list; `None` when it was removed.
    #[inline]
    pub fn at(&self, old: usize) -> Option<usize> {
        match self.one {
            One::Removed(r) if old < r => Some(old),
            One::Removed(r) if old == r => None,
            One::Removed(_) => Some(old - 1),
            One::Added(a) if a <= old => Some(old + 1),
            One::Added(_) => Some(old),
            One::Other => self.delta.new_position(old),
        }
    }
}

/// Everything that changed between two versions of a workspace.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delta {
    /// One per [`ListKind`], in its order.
    pub lists: [ListDelta; ListKind::COUNT],
    pub profile: bool,
    /// Review links, drafts, merge conflicts, snoozes, share settings, received packs, what was
    /// ingested, the team's members, or the version.
    pub rest: bool,
    /// The snoozes (also counted in `rest`): the partners they name have other attention items.
    pub snoozes: bool,
}

impl Delta {
    pub fn list(&self, kind: ListKind) -> &ListDelta {
        &self.lists[kind as usize]
    }

    pub fn is_empty(&self) -> bool {
        !self.profile && !self.rest && !self.snoozes && self.lists.iter().all(ListDelta::is_empty)
    }

    /// How many records were added, removed or changed, in all lists.
    pub fn records(&self) -> usize {
        self.lists
            .iter()
            .map(|l| l.removed.len() + l.added.len() + l.changed.len())
            .sum()
    }

    /// What changed from `old` to `new`; `None` when more than `limit` records differ, or more
    /// than 64 × `limit` have to be compared (then rebuilding everything is as quick as
    /// following the changes).
    pub fn between(old: &Workspace, new: &Workspace, limit: usize) -> Option<Delta> {
        let mut d = Delta {
            profile: old.profile != new.profile,
            rest: old.version != new.version
                || !same_or_equal(&old.review_actions, &new.review_actions)
                || !same_or_equal(&old.drafts, &new.drafts)
                || !same_or_equal(&old.conflicts, &new.conflicts)
                || !same_or_equal(&old.share_settings, &new.share_settings)
                || !same_or_equal(&old.received, &new.received)
                || !same_or_equal(&old.ingested, &new.ingested)
                || !same_or_equal(&old.members, &new.members),
            snoozes: !same_or_equal(&old.snoozes, &new.snoozes),
            ..Delta::default()
        };
        d.rest |= d.snoozes;
        struct Lists<'a> {
            old: &'a Workspace,
            new: &'a Workspace,
            budget: Budget,
            delta: &'a mut Delta,
            too_big: bool,
        }
        impl EachKind for Lists<'_> {
            fn kind<R: Record>(&mut self) {
                match list_delta::<R>(self.old, self.new, &mut self.budget) {
                    Some(l) if !self.too_big => self.delta.lists[R::LIST as usize] = l,
                    _ => self.too_big = true,
                }
            }
        }
        let mut lists = Lists {
            old,
            new,
            budget: Budget {
                compare: limit.saturating_mul(64),
                differ: limit,
            },
            delta: &mut d,
            too_big: false,
        };
        each_kind(&mut lists);
        if lists.too_big {
            return None;
        }
        Some(d)
    }
}

fn same_or_equal<T: Clone + PartialEq>(a: &List<T>, b: &List<T>) -> bool {
    a.same(b) || a == b
}

/// How much is left to compare, and how many differences may still be found.
struct Budget {
    compare: usize,
    differ: usize,
}

/// Runs of positions `[start, end)`.
type Runs = Vec<(usize, usize)>;

/// The chunks of `list` as (address, length, first position).
fn chunks_of<T: Clone>(list: &List<T>) -> Vec<(usize, usize, usize)> {
    let mut at = 0;
    list.chunks()
        .map(|c| {
            let entry = (c.as_ptr() as usize, c.len(), at);
            at += c.len();
            entry
        })
        .collect()
}

/// The positions not covered by `covered` (sorted, disjoint) in `0..len`.
fn gaps(mut covered: Runs, len: usize) -> Runs {
    covered.sort_unstable();
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e) in covered {
        if s > at {
            out.push((at, s));
        }
        at = at.max(e);
    }
    if at < len {
        out.push((at, len));
    }
    out
}

/// The records at `runs` of `list`, with their positions and addresses, read in one pass.
fn kept<'a, R: Record>(list: &'a List<R>, runs: &Runs) -> Vec<(usize, &'a R, usize)> {
    let mut out = Vec::with_capacity(runs.iter().map(|(s, e)| e - s).sum());
    for &(s, e) in runs {
        out.extend(list.range_kept(s..e));
    }
    out
}

fn list_delta<R: Record>(
    old: &Workspace,
    new: &Workspace,
    budget: &mut Budget,
) -> Option<ListDelta> {
    let (a, b) = (R::list(old), R::list(new));
    if a.same(b) {
        return Some(ListDelta::default());
    }
    // Chunks both versions share are the same memory: nothing in them changed. The shared
    // chunks at the start and at the end are walked in step (a change usually touches one
    // place, and an append only the end); those in between are matched by address.
    let (a_chunks, b_chunks) = (chunks_of(a), chunks_of(b));
    let same = |x: &(usize, usize, usize), y: &(usize, usize, usize)| x.0 == y.0 && x.1 == y.1;
    let front = a_chunks
        .iter()
        .zip(&b_chunks)
        .take_while(|(x, y)| same(x, y))
        .count();
    let back = a_chunks[front..]
        .iter()
        .rev()
        .zip(b_chunks[front..].iter().rev())
        .take_while(|(x, y)| same(x, y))
        .count();
    let (mut a_shared, mut b_shared) = (Runs::new(), Runs::new());
    let mut share = |x: &(usize, usize, usize), y: &(usize, usize, usize)| {
        a_shared.push((x.2, x.2 + x.1));
        b_shared.push((y.2, y.2 + y.1));
    };
    for (x, y) in a_chunks[..front].iter().zip(&b_chunks[..front]) {
        share(x, y);
    }
    for (x, y) in a_chunks[a_chunks.len() - back..]
        .iter()
        .zip(&b_chunks[b_chunks.len() - back..])
    {
        share(x, y);
    }
    let by_address: FxHashMap<(usize, usize), usize> = a_chunks[front..a_chunks.len() - back]
        .iter()
        .filter(|c| c.1 > 0)
        .map(|&(ptr, len, start)| ((ptr, len), start))
        .collect();
    for &(ptr, len, start) in &b_chunks[front..b_chunks.len() - back] {
        if let Some(&a_start) = by_address.get(&(ptr, len)) {
            share(&(ptr, len, a_start), &(ptr, len, start));
        }
    }
    let (a_rest, b_rest) = (gaps(a_shared, a.len()), gaps(b_shared, b.len()));
    let unshared: usize = a_rest.iter().chain(&b_rest).map(|(s, e)| e - s).sum();
    budget.compare = budget.compare.checked_sub(unshared)?;
    // What is left on each side is in id order: walk both by id, in one pass over each (a
    // look-up by position walks the tree; thousands of them cost more than the rest).
    let (xs, ys) = (kept(a, &a_rest), kept(b, &b_rest));
    let mut d = ListDelta::default();
    let (mut i, mut j) = (0, 0);
    while i < xs.len() || j < ys.len() {
        match (xs.get(i), ys.get(j)) {
            (Some(&(p, r, x)), Some(&(q, s, y))) if r.id() == s.id() => {
                // Chunks re-cut near a removal still point at the same records.
                if x != y && r != s {
                    d.changed.push((p, q));
                }
                i += 1;
                j += 1;
            }
            (Some(&(p, r, _)), Some(&(_, s, _))) if r.id() < s.id() => {
                d.removed.push(p);
                i += 1;
            }
            (Some(&(p, _, _)), None) => {
                d.removed.push(p);
                i += 1;
            }
            (_, Some(&(q, _, _))) => {
                d.added.push(q);
                j += 1;
            }
            (None, None) => break,
        }
    }
    let found = d.removed.len() + d.added.len() + d.changed.len();
    budget.differ = budget.differ.checked_sub(found)?;
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// The same change seen the other way round (from `new` back to `old`).
    fn reversed(d: &Delta) -> Delta {
        let mut d = d.clone();
        for l in &mut d.lists {
            std::mem::swap(&mut l.removed, &mut l.added);
            for c in &mut l.changed {
                *c = (c.1, c.0);
            }
        }
        d
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
    }

    fn big() -> Workspace {
        let mut ws = Workspace::named("Us");
        for n in 0..50 {
            let id = PartnerId(ws.allocate_id());
            ws.partners.push(Partner::new(id, format!("P{n}"), day()));
        }
        for n in 0..10_000u64 {
            let id = InteractionId(ws.allocate_id());
            ws.interactions.push(Interaction {
                authors: Default::default(),
                id,
                partner: PartnerId(1 + n % 50),
                at: day().and_hms_opt(9, 0, 0).unwrap(),
                channel: Channel::Call,
                initiated_by: Side::Us,
                summary: format!("call {n}"),
                sentiment: None,
                follow_up: None,
            });
        }
        ws
    }

    #[test]
    fn an_unchanged_copy_has_no_delta() {
        let a = big();
        let b = a.clone();
        assert!(Delta::between(&a, &b, 10).unwrap().is_empty());
    }

    #[test]
    fn one_changed_record_is_found_among_thousands() {
        let a = big();
        let mut b = a.clone();
        b.interactions[5_000].summary = "changed".into();
        let d = Delta::between(&a, &b, 1_000).unwrap();
        assert_eq!(d.list(ListKind::Interactions).changed, vec![(5_000, 5_000)]);
        assert_eq!(d.records(), 1);
    }

    #[test]
    fn removed_and_added_records_are_found_with_their_positions() {
        let a = big();
        let mut b = a.clone();
        b.interactions.remove(100);
        let mut e = b.interactions[0].clone();
        e.id = InteractionId(b.allocate_id());
        b.interactions.push(e);
        b.partners[3].name = "Renamed".into();
        let d = Delta::between(&a, &b, 1_000).unwrap();
        let log = d.list(ListKind::Interactions);
        assert_eq!(log.removed, vec![100]);
        assert_eq!(log.added, vec![9_999]);
        assert!(log.changed.is_empty());
        assert_eq!(d.list(ListKind::Partners).changed, vec![(3, 3)]);
        assert_eq!(log.new_position(99), Some(99));
        assert_eq!(log.new_position(100), None);
        assert_eq!(log.new_position(101), Some(100));
        // Undoing is the same change the other way round.
        assert_eq!(Delta::between(&b, &a, 1_000).unwrap(), reversed(&d));
    }

    #[test]
    fn a_record_put_back_in_the_middle_moves_the_ones_after_it() {
        let d = ListDelta {
            removed: vec![],
            added: vec![3],
            changed: vec![],
        };
        assert_eq!(d.new_position(2), Some(2));
        assert_eq!(d.new_position(3), Some(4));
        assert!(d.moves_positions(10, 11));
    }

    #[test]
    fn renumbering_answers_as_new_position_does() {
        let cases = [
            (vec![5], vec![]),
            (vec![], vec![5]),
            (vec![0], vec![]),
            (vec![], vec![0]),
            (vec![2, 7], vec![]),
            (vec![3], vec![3]),
            (vec![1, 4], vec![0, 6]),
        ];
        for (removed, added) in cases {
            let d = ListDelta {
                removed,
                added,
                changed: vec![],
            };
            let r = d.renumber();
            for old in 0..12 {
                assert_eq!(r.at(old), d.new_position(old), "{d:?} at {old}");
            }
        }
    }

    #[test]
    fn too_many_differences_give_up() {
        let a = big();
        let b: Workspace = ron::from_str(&ron::to_string(&a).unwrap()).unwrap();
        assert_eq!(Delta::between(&a, &b, 100), None);
    }
}
