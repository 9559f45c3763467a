//! `List<T>`: how the workspace holds each kind of record. A persistent vector (`imbl`'s RRB
//! tree over chunks of 64 records, each record behind its own `Arc`): cloning a list is a
//! handful of pointer copies, and changing one record copies that record and the chunk of
//! pointers that holds it, and the path above it; a removal re-cuts some thousands of pointers
//! near it, never the records. So a change
//! builds a new workspace in microseconds whatever its size, and the undo history keeps 200
//! versions that share everything they did not change.
//!
//! The interface is a `Vec`'s where it can be (index, `iter`, `push`, `retain`…). Two things
//! differ: there are no slices (the records are not contiguous), and `retain` removes one by
//! one when it removes few, so that the chunks it does not touch stay shared.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::ops::{Index, IndexMut};
use std::sync::Arc;

/// A list of records, shared structurally between versions of the workspace.
#[derive(Clone, PartialEq)]
pub struct List<T: Clone>(imbl::Vector<Arc<T>>);

type Ptr = imbl::shared_ptr::DefaultSharedPtr;
/// The records in order.
pub type Iter<'a, T> = std::iter::Map<imbl::vector::Iter<'a, Arc<T>, Ptr>, fn(&Arc<T>) -> &T>;
/// The records in order, to change.
pub type IterMut<'a, T> =
    std::iter::Map<imbl::vector::IterMut<'a, Arc<T>, Ptr>, fn(&mut Arc<T>) -> &mut T>;

/// Below this many removals, `retain` removes in place (sharing the rest); above, it rebuilds.
const REMOVE_ONE_BY_ONE: usize = 64;

impl<T: Clone> List<T> {
    pub fn new() -> Self {
        List(imbl::Vector::new())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        self.0.get(i).map(|r| &**r)
    }

    /// The record at `i`, to change: copies only the chunk that holds it (when shared).
    pub fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        self.0.get_mut(i).map(Arc::make_mut)
    }

    pub fn first(&self) -> Option<&T> {
        self.0.front().map(|r| &**r)
    }

    pub fn last(&self) -> Option<&T> {
        self.0.back().map(|r| &**r)
    }

    pub fn last_mut(&mut self) -> Option<&mut T> {
        self.0.back_mut().map(Arc::make_mut)
    }

    pub fn iter(&self) -> Iter<'_, T> {
        self.0.iter().map(|r| &**r)
    }

    /// The records at positions `range`, in order.
    pub fn range(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = &T> {
        self.0.focus().narrow(range).into_iter().map(|r| &**r)
    }

    /// The records at positions `range`, in order, each with its position and the address it is
    /// kept at: two versions hold the same record in memory when the addresses are equal.
    pub fn range_kept(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (usize, &T, usize)> {
        let start = range.start;
        self.0
            .focus()
            .narrow(range)
            .into_iter()
            .enumerate()
            .map(move |(n, r)| (start + n, &**r, Arc::as_ptr(r) as usize))
    }

    /// Every record, to change: copies every shared chunk, so use it only when changing most.
    pub fn iter_mut(&mut self) -> IterMut<'_, T> {
        self.0.iter_mut().map(Arc::make_mut)
    }

    /// The records in runs of consecutive ones (the chunks they are kept in), for splitting work
    /// between threads and for finding what two versions share.
    pub fn chunks(&self) -> impl Iterator<Item = &[Arc<T>]> {
        self.0.leaves()
    }

    pub fn push(&mut self, value: T) {
        self.0.push_back(Arc::new(value));
    }

    pub fn pop(&mut self) -> Option<T> {
        self.0.pop_back().map(unshare)
    }

    pub fn insert(&mut self, i: usize, value: T) {
        self.0.insert(i, Arc::new(value));
    }

    pub fn remove(&mut self, i: usize) -> T {
        unshare(self.0.remove(i))
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn truncate(&mut self, len: usize) {
        self.0.truncate(len);
    }

    /// Keeps the records `keep` accepts. Untouched when it accepts all; when it drops a few,
    /// they are removed in place and the rest stays shared with earlier versions.
    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        let gone: Vec<usize> = self
            .0
            .iter()
            .enumerate()
            .filter(|(_, r)| !keep(r))
            .map(|(i, _)| i)
            .collect();
        if gone.is_empty() {
            return;
        }
        if gone.len() <= REMOVE_ONE_BY_ONE {
            for i in gone.into_iter().rev() {
                self.0.remove(i);
            }
            return;
        }
        let mut gone = gone.into_iter().peekable();
        self.0 = std::mem::take(&mut self.0)
            .into_iter()
            .enumerate()
            .filter(|(i, _)| {
                if gone.peek() == Some(i) {
                    gone.next();
                    false
                } else {
                    true
                }
            })
            .map(|(_, r)| r)
            .collect();
    }

    /// Changes the records `pick` selects, copying only the chunks that hold them.
    pub fn change_where(
        &mut self,
        mut pick: impl FnMut(&T) -> bool,
        mut change: impl FnMut(&mut T),
    ) {
        let picked: Vec<usize> = self
            .0
            .iter()
            .enumerate()
            .filter(|(_, r)| pick(r))
            .map(|(i, _)| i)
            .collect();
        for i in picked {
            change(Arc::make_mut(&mut self.0[i]));
        }
    }

    pub fn binary_search_by(
        &self,
        mut f: impl FnMut(&T) -> std::cmp::Ordering,
    ) -> Result<usize, usize> {
        self.0.binary_search_by(|r| f(r))
    }

    pub fn binary_search_by_key<K: Ord>(
        &self,
        key: &K,
        mut f: impl FnMut(&T) -> K,
    ) -> Result<usize, usize> {
        self.0.binary_search_by_key(key, |r| f(r))
    }

    /// Sorts by a key; stable. Leaves a sorted list untouched (and shared).
    pub fn sort_by_key<K: Ord>(&mut self, mut key: impl FnMut(&T) -> K) {
        let sorted = self
            .0
            .iter()
            .zip(self.0.iter().skip(1))
            .all(|(a, b)| key(a) <= key(b));
        if !sorted {
            let mut all: Vec<Arc<T>> = std::mem::take(&mut self.0).into_iter().collect();
            all.sort_by_key(|r| key(r));
            self.0 = all.into_iter().collect();
        }
    }

    /// Adds every record of `other` at the end.
    pub fn append(&mut self, other: List<T>) {
        self.0.append(other.0);
    }

    /// The records, copied into a `Vec`.
    pub fn to_vec(&self) -> Vec<T> {
        self.iter().cloned().collect()
    }

    pub fn contains(&self, value: &T) -> bool
    where
        T: PartialEq,
    {
        self.iter().any(|r| r == value)
    }

    /// True when both are the same version of the list (nothing changed in between).
    pub fn same(&self, other: &List<T>) -> bool {
        self.0.ptr_eq(&other.0)
    }
}

impl<T: Clone> Default for List<T> {
    fn default() -> Self {
        List::new()
    }
}

impl<T: Clone + std::fmt::Debug> std::fmt::Debug for List<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: Clone> Index<usize> for List<T> {
    type Output = T;
    fn index(&self, i: usize) -> &T {
        &self.0[i]
    }
}

impl<T: Clone> IndexMut<usize> for List<T> {
    fn index_mut(&mut self, i: usize) -> &mut T {
        Arc::make_mut(&mut self.0[i])
    }
}

impl<T: Clone> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        List(iter.into_iter().map(Arc::new).collect())
    }
}

impl<T: Clone> From<Vec<T>> for List<T> {
    fn from(v: Vec<T>) -> Self {
        v.into_iter().collect()
    }
}

impl<T: Clone> Extend<T> for List<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        self.0.extend(iter.into_iter().map(Arc::new));
    }
}

/// A record out of a list: taken when no other version holds it, else copied.
fn unshare<T: Clone>(r: Arc<T>) -> T {
    Arc::try_unwrap(r).unwrap_or_else(|r| (*r).clone())
}

impl<T: Clone> IntoIterator for List<T> {
    type Item = T;
    type IntoIter = std::iter::Map<imbl::vector::ConsumingIter<Arc<T>, Ptr>, fn(Arc<T>) -> T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter().map(unshare)
    }
}

impl<'a, T: Clone> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a, T: Clone> IntoIterator for &'a mut List<T> {
    type Item = &'a mut T;
    type IntoIter = IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

/// Written and read as a plain sequence: the file format is unchanged.
impl<T: Clone + Serialize> Serialize for List<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de, T: Clone + Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<T>::deserialize(d).map(List::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retain_removing_few_keeps_the_rest_shared() {
        let a: List<u32> = (0..10_000).collect();
        let mut b = a.clone();
        b.retain(|x| *x != 5_000);
        assert_eq!(b.len(), 9_999);
        assert!(b.iter().copied().eq((0..10_000).filter(|x| *x != 5_000)));
        let shared = a
            .chunks()
            .filter(|c| b.chunks().any(|d| std::ptr::eq(*c, d)))
            .count();
        assert!(shared > a.chunks().count() / 2, "{shared} chunks shared");
    }

    #[test]
    fn retain_removing_many_rebuilds() {
        let mut a: List<u32> = (0..1_000).collect();
        a.retain(|x| x % 2 == 0);
        assert!(a.iter().copied().eq((0..1_000).filter(|x| x % 2 == 0)));
    }

    #[test]
    fn a_sorted_list_stays_shared_when_sorted_again() {
        let a: List<u32> = (0..1_000).collect();
        let mut b = a.clone();
        b.sort_by_key(|x| *x);
        assert!(a.same(&b));
        let mut c: List<u32> = (0..1_000).rev().collect();
        c.sort_by_key(|x| *x);
        assert_eq!(c, a);
    }

    #[test]
    fn it_reads_and_writes_as_a_sequence() {
        let a: List<u32> = vec![3, 1, 2].into();
        let text = ron::to_string(&a).unwrap();
        assert_eq!(text, "[3,1,2]");
        let back: List<u32> = ron::from_str(&text).unwrap();
        assert_eq!(back, a);
    }
}
