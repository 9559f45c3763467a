//! Practice 5, trust & respect: how each side (us, them) keeps its commitments — kept on time,
//! kept late, missed (an outcome of Missed, or unresolved past due) — and what is still open.

use super::index::PartnerRecords;
use super::weights::LATE_KEPT_CREDIT;
use crate::model::{CommitmentId, Outcome, Side};
use chrono::NaiveDate;

/// One side's record of commitments.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PromiseRecord {
    /// Kept on or before the due date.
    pub kept_on_time: usize,
    /// Kept after the due date.
    pub kept_late: usize,
    /// Marked missed, plus unresolved past due (`overdue`).
    pub missed: usize,
    /// Unresolved and due before today, oldest first (part of `missed`).
    pub overdue: Vec<CommitmentId>,
    /// Unresolved and due today or later.
    pub upcoming: usize,
}

impl PromiseRecord {
    /// Commitments that have fallen due or been resolved.
    pub fn settled(&self) -> usize {
        self.kept_on_time + self.kept_late + self.missed
    }

    /// (kept on time + half of kept late) / settled, 0–1; `None` with nothing settled.
    pub fn reliability(&self) -> Option<f64> {
        let n = self.settled();
        (n > 0).then(|| {
            (self.kept_on_time as f64 + LATE_KEPT_CREDIT * self.kept_late as f64) / n as f64
        })
    }
}

/// Commitments with one partner, per side.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TrustInsight {
    pub ours: PromiseRecord,
    pub theirs: PromiseRecord,
}

impl TrustInsight {
    pub fn side(&self, side: Side) -> &PromiseRecord {
        match side {
            Side::Us => &self.ours,
            Side::Them => &self.theirs,
        }
    }
}

/// Tallies each side's commitments.
pub fn assess(r: &PartnerRecords<'_>, today: NaiveDate) -> TrustInsight {
    let mut out = TrustInsight::default();
    for c in &r.commitments {
        let rec = match c.side {
            Side::Us => &mut out.ours,
            Side::Them => &mut out.theirs,
        };
        match c.outcome {
            Some(Outcome::Kept(on)) if on <= c.due => rec.kept_on_time += 1,
            Some(Outcome::Kept(_)) => rec.kept_late += 1,
            Some(Outcome::Missed(_)) => rec.missed += 1,
            None if c.due < today => {
                rec.missed += 1;
                rec.overdue.push(c.id);
            }
            None => rec.upcoming += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::testkit::*;

    #[test]
    fn each_side_is_tallied() {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2025-01-01");
        let d = |s: &str| day(s);
        k.promise(
            a,
            Side::Us,
            "2025-03-01",
            Some(Outcome::Kept(d("2025-03-01"))),
        );
        k.promise(
            a,
            Side::Us,
            "2025-03-01",
            Some(Outcome::Kept(d("2025-03-05"))),
        );
        k.promise(
            a,
            Side::Us,
            "2025-03-01",
            Some(Outcome::Missed(d("2025-03-02"))),
        );
        let late = k.promise(a, Side::Us, "2025-05-01", None);
        k.promise(a, Side::Us, "2025-06-10", None); // due today: upcoming
        k.promise(
            a,
            Side::Them,
            "2025-03-01",
            Some(Outcome::Kept(d("2025-02-20"))),
        );
        k.promise(a, Side::Them, "2025-07-01", None);
        let t = k.with(a, |r| assess(r, d("2025-06-10")));
        assert_eq!(
            t.ours,
            PromiseRecord {
                kept_on_time: 1,
                kept_late: 1,
                missed: 2,
                overdue: vec![late],
                upcoming: 1,
            }
        );
        // (1 + 0.5) / 4.
        assert_eq!(t.ours.reliability(), Some(0.375));
        assert_eq!(t.side(Side::Them).kept_on_time, 1);
        assert_eq!(t.theirs.upcoming, 1);
        assert_eq!(t.theirs.reliability(), Some(1.0));
    }

    #[test]
    fn no_commitments() {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2025-01-01");
        let t = k.with(a, |r| assess(r, day("2025-06-10")));
        assert_eq!(t, TrustInsight::default());
        assert_eq!(t.ours.reliability(), None);
    }
}
