//! What `ingest` already proposed and the user decided: the source ids of accepted and skipped
//! proposals, saved in the file (`Workspace::ingested`), so reading the same mail, calendar or
//! address book again proposes nothing new, in every clone.
//!
//! A source id names what a proposal came from, prefixed by its kind: `mail:<thread>/<day>`
//! (one log entry per conversation per day; the thread is the first Message-ID of its
//! `References`, else its `In-Reply-To`, else its own), `event:<UID>/<day>` (a meeting, one per
//! occurrence of a recurring event), `upcoming:<UID>/<day>` (a coming meeting as a milestone),
//! `card:<UID>/<email>` (a contact from a vCard).

use serde::{Deserialize, Serialize};

/// One decided proposal.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ingested {
    /// The proposal's source id (see the module's notes).
    pub source: String,
    /// The user skipped it (nothing was added); otherwise it was accepted.
    #[serde(default, skip_serializing_if = "super::skip::not")]
    pub skipped: bool,
}

impl Ingested {
    pub fn accepted(source: impl Into<String>) -> Ingested {
        Ingested {
            source: source.into(),
            skipped: false,
        }
    }

    pub fn skipped(source: impl Into<String>) -> Ingested {
        Ingested {
            source: source.into(),
            skipped: true,
        }
    }
}

/// Merges the decisions of two sides of a three-way merge: as a set (what either side added,
/// less what either side removed, e.g. by undo), then one entry per source, an acceptance
/// before a skip (something was added for it), sorted by source. Linear but for the sort.
pub fn merge_ingested(base: &[Ingested], ours: &[Ingested], theirs: &[Ingested]) -> Vec<Ingested> {
    use std::collections::HashSet;
    let (b, o, t): (HashSet<&Ingested>, HashSet<&Ingested>, HashSet<&Ingested>) = (
        base.iter().collect(),
        ours.iter().collect(),
        theirs.iter().collect(),
    );
    let mut out: Vec<Ingested> = ours
        .iter()
        .chain(theirs)
        .filter(|x| !(b.contains(x) && (!o.contains(x) || !t.contains(x))))
        .cloned()
        .collect();
    normalize(&mut out);
    out
}

/// One entry per source (an acceptance first), sorted by source.
pub fn normalize(all: &mut Vec<Ingested>) {
    all.sort();
    all.dedup_by(|later, first| later.source == first.source);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_keeps_both_sides_decisions_and_drops_what_one_side_undid() {
        let base = vec![Ingested::accepted("mail:a/2026-12-01")];
        let ours = vec![
            Ingested::accepted("mail:a/2026-12-01"),
            Ingested::skipped("event:x/2026-12-02"),
        ];
        // Theirs undid the first and accepted what ours skipped.
        let theirs = vec![Ingested::accepted("event:x/2026-12-02")];
        let merged = merge_ingested(&base, &ours, &theirs);
        assert_eq!(merged, vec![Ingested::accepted("event:x/2026-12-02")]);
        assert_eq!(merge_ingested(&base, &theirs, &ours), merged);
    }

    /// The three-way merge of whole files (git's driver) keeps what each clone decided, so
    /// neither is proposed again in either.
    #[test]
    fn the_file_merge_keeps_each_clones_decisions() {
        let base = crate::model::Workspace::named("Us");
        let mut ours = base.clone();
        ours.ingested.push(Ingested::accepted("mail:a/2026-12-01"));
        let mut theirs = base.clone();
        theirs.ingested.push(Ingested::skipped("card:x"));
        let merged = crate::model::merge3::merge3(&base, &ours, &theirs).workspace;
        assert_eq!(
            merged.ingested.to_vec(),
            vec![
                Ingested::skipped("card:x"),
                Ingested::accepted("mail:a/2026-12-01")
            ]
        );
        assert!(merged.conflicts.is_empty());
    }
}
