//! The `Workspace`: the whole data file. Every list is kept sorted by id (within a clone, ids
//! only grow: see `ids`), which keeps the file's order stable for `git diff` and lets look-ups
//! use binary search.

use super::ids::*;
use super::list::List;
use super::record::{EachKind, Ids, ListKind, Record, each_kind};
use super::records::*;
use super::shift::{shift_date, shift_opt};
use serde::{Deserialize, Serialize};

/// The schema version this build reads and writes.
pub const CURRENT_VERSION: u32 = 2;

pub use super::ids::MAX_ID;

/// The ids in use reach the end of their range (only a hand-edited file can do that).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdsExhausted;

impl std::fmt::Display for IdsExhausted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "no ids are left: the file holds an id at the end of their range ({MAX_ID})"
        )
    }
}

impl std::error::Error for IdsExhausted {}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workspace {
    pub version: u32,
    pub profile: Profile,
    #[serde(default)]
    pub partners: List<Partner>,
    #[serde(default)]
    pub goals: List<Goal>,
    #[serde(default)]
    pub milestones: List<Milestone>,
    #[serde(default)]
    pub interactions: List<Interaction>,
    #[serde(default)]
    pub commitments: List<Commitment>,
    #[serde(default)]
    pub reviews: List<Review>,
    #[serde(default)]
    pub celebrations: List<Celebration>,
    /// Which records reviews created as follow-up actions.
    #[serde(default)]
    pub review_actions: List<ReviewLink>,
    /// Reviews stopped part-way and kept, one per partner at most.
    #[serde(default)]
    pub drafts: List<ReviewDraft>,
    /// What a three-way merge (`partnerdeck merge`, the git driver) could not decide: both
    /// values are kept here until the user chooses. Absent from files without conflicts.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub conflicts: List<MergeConflict>,
    /// Attention items put off until a day (`z` in the attention queue), one per item, sorted
    /// by item. Absent from files without snoozes.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub snoozes: List<super::snooze::Snooze>,
    /// Per-partner share settings (`partnerdeck share`): optional fields to share, trusted key.
    /// Absent from files that never shared.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub share_settings: List<super::share::ShareSettings>,
    /// Packs received from partners (`partnerdeck receive`), oldest first per partner.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub received: List<super::share::ReceivedPack>,
    /// What `ingest` proposed and the user accepted or skipped, by source id (`ingested`),
    /// sorted by source. Absent from files that never took in mail, calendars or contacts.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub ingested: List<super::ingested::Ingested>,
    /// The team's members, by key: added the first time someone changes the file from a new
    /// identity (`authors`). Absent from files no one has changed since authors were kept.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub members: List<super::authors::Member>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            version: CURRENT_VERSION,
            profile: Profile::default(),
            partners: List::new(),
            goals: List::new(),
            milestones: List::new(),
            interactions: List::new(),
            commitments: List::new(),
            reviews: List::new(),
            celebrations: List::new(),
            review_actions: List::new(),
            drafts: List::new(),
            conflicts: List::new(),
            snoozes: List::new(),
            share_settings: List::new(),
            received: List::new(),
            ingested: List::new(),
            members: List::new(),
        }
    }
}

impl Workspace {
    /// An empty workspace for the given organisation name.
    pub fn named(name: impl Into<String>) -> Self {
        let mut ws = Workspace::default();
        ws.profile.name = name.into();
        ws
    }

    /// The member with `key`.
    pub fn member(&self, key: &str) -> Option<&super::authors::Member> {
        self.members.iter().find(|m| m.key == key)
    }

    /// How a member is shown: their name, else the key itself (a member the file does not list).
    pub fn member_name<'a>(&'a self, key: &'a str) -> &'a str {
        self.member(key).map_or(key, |m| m.name.as_str())
    }

    /// Who added a record and who changed it last, in words, each day as `day` says it: "added
    /// by Ana Ruiz on 3 Dec · changed by Bo Chen yesterday"; `None` when the record does not say.
    pub fn authors_words(
        &self,
        authors: &super::authors::Authors,
        id: u64,
        day: impl Fn(chrono::NaiveDate) -> String,
    ) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(by) = &authors.by {
            let on = super::ids::made_on(id)
                .map(|d| format!(" {}", day(d)))
                .unwrap_or_default();
            parts.push(format!("added by {}{on}", self.member_name(by)));
        }
        if let Some(t) = &authors.changed {
            parts.push(format!(
                "changed by {} {}",
                self.member_name(&t.by),
                day(t.on)
            ));
        }
        (!parts.is_empty()).then(|| parts.join(" · "))
    }

    /// Hands out a new id (shared by every record kind), unique across clones (see `ids`) and
    /// above every id in use, so a new record goes at the end of its list. Panics only for a
    /// file holding an id at the very end of the range: see [`Workspace::try_allocate_id`].
    pub fn allocate_id(&mut self) -> u64 {
        self.try_allocate_id()
            .expect("only a hand-edited file holds ids at the end of their range")
    }

    /// Hands out a new id, or refuses when the ids in use reach the end of their range.
    pub fn try_allocate_id(&mut self) -> Result<u64, IdsExhausted> {
        let id = super::ids::next(self.max_id().saturating_add(1));
        if id > MAX_ID {
            return Err(IdsExhausted);
        }
        Ok(id)
    }

    /// Restores the invariant after loading, merging or hand edits: lists sorted by id.
    pub fn normalize(&mut self) {
        struct Sort<'a>(&'a mut Workspace);
        impl EachKind for Sort<'_> {
            fn kind<R: Record>(&mut self) {
                R::list_mut(self.0).sort_by_key(R::id);
            }
        }
        each_kind(&mut Sort(self));
    }

    /// Gives records new ids (`to(old)`), and every reference follows: each record's ids
    /// ([`Record::remap_ids`]), then the review links and drafts, which are not records.
    pub fn remap_ids(&mut self, to: impl Fn(u64) -> u64) {
        struct Remap<'a, F>(&'a mut Workspace, F);
        impl<F: Fn(u64) -> u64> EachKind for Remap<'_, F> {
            fn kind<R: Record>(&mut self) {
                for r in R::list_mut(self.0).iter_mut() {
                    r.remap_ids(&self.1);
                }
            }
        }
        let mut remap = Remap(self, to);
        each_kind(&mut remap);
        let Remap(ws, to) = remap;
        for l in &mut ws.review_actions {
            l.review.0 = to(l.review.0);
            match &mut l.action {
                ActionRecord::Goal(id) => id.0 = to(id.0),
                ActionRecord::Milestone(id) => id.0 = to(id.0),
                ActionRecord::Commitment(id) => id.0 = to(id.0),
            }
        }
        for d in &mut ws.drafts {
            d.partner.0 = to(d.partner.0);
        }
        for s in &mut ws.share_settings {
            s.partner.0 = to(s.partner.0);
        }
        for r in &mut ws.received {
            r.partner.0 = to(r.partner.0);
        }
        // A snooze's item key ends in its record's id (`followup-42`).
        for s in &mut ws.snoozes {
            s.partner.0 = to(s.partner.0);
            if let Some((kind, id)) = s.item.rsplit_once('-')
                && let Ok(id) = id.parse::<u64>()
            {
                s.item = format!("{kind}-{}", to(id));
            }
        }
    }

    /// Deletes a partner and everything that belongs to it (its records, its reviews' links, a
    /// draft), as the dashboard's delete does.
    pub fn remove_partner(&mut self, id: PartnerId) {
        let reviews: Vec<ReviewId> = self
            .reviews
            .iter()
            .filter(|r| r.partner == id)
            .map(|r| r.id)
            .collect();
        // The partner (a partner belongs to itself) and every record of it.
        self.keep_partners(|p| p != id);
        self.drafts.retain(|r| r.partner != id);
        self.share_settings.retain(|s| s.partner != id);
        self.received.retain(|r| r.partner != id);
        self.review_actions.retain(|l| !reviews.contains(&l.review));
    }

    /// Keeps only the records (of every kind, partners too) whose partner `keep` accepts.
    pub fn keep_partners(&mut self, keep: impl Fn(PartnerId) -> bool) {
        struct Keep<'a, F>(&'a mut Workspace, F);
        impl<F: Fn(PartnerId) -> bool> EachKind for Keep<'_, F> {
            fn kind<R: Record>(&mut self) {
                let keep = &self.1;
                R::list_mut(self.0).retain(|r| keep(r.partner()));
            }
        }
        each_kind(&mut Keep(self, keep));
    }

    /// Removes what points at records that are gone, as the dashboard's delete does: the
    /// records of a missing partner, a missing record as an optional link
    /// ([`Record::unlink`]), and review links to missing records.
    pub fn drop_dangling(&mut self) {
        let partners: rustc_hash::FxHashSet<PartnerId> =
            self.partners.iter().map(|r| r.id).collect();
        self.keep_partners(|p| partners.contains(&p));
        self.drafts.retain(|r| partners.contains(&r.partner));
        self.share_settings
            .retain(|s| partners.contains(&s.partner));
        self.received.retain(|r| partners.contains(&r.partner));
        // The ids of every list something links to: the records' links and the review links.
        let alive = Ids::linked(
            self,
            &[
                ListKind::Reviews,
                ListKind::Goals,
                ListKind::Milestones,
                ListKind::Commitments,
            ],
        );
        struct Unlink<'a>(&'a mut Workspace, &'a Ids);
        impl EachKind for Unlink<'_> {
            fn kind<R: Record>(&mut self) {
                if R::LINKS.is_empty() {
                    return;
                }
                let gone = |list, id| !self.1.has(list, id);
                R::list_mut(self.0).change_where(|r| r.links_to(gone), |r| r.unlink(gone));
            }
        }
        each_kind(&mut Unlink(self, &alive));
        self.review_actions.retain(|l| {
            alive.has(ListKind::Reviews, l.review.0) && {
                let (list, id) = l.action.target();
                alive.has(list, id)
            }
        });
    }

    /// The largest id in use (0 in an empty workspace).
    pub fn max_id(&self) -> u64 {
        struct Max<'a>(&'a Workspace, u64);
        impl EachKind for Max<'_> {
            fn kind<R: Record>(&mut self) {
                // Lists are sorted by id: the last is the largest.
                if let Some(r) = R::list(self.0).last() {
                    self.1 = self.1.max(r.id());
                }
            }
        }
        let mut max = Max(self, 0);
        each_kind(&mut max);
        max.1
    }

    pub fn partner(&self, id: PartnerId) -> Option<&Partner> {
        self.find(id.0)
    }
    pub fn partner_mut(&mut self, id: PartnerId) -> Option<&mut Partner> {
        self.find_mut(id.0)
    }
    pub fn goal(&self, id: GoalId) -> Option<&Goal> {
        self.find(id.0)
    }
    pub fn milestone(&self, id: MilestoneId) -> Option<&Milestone> {
        self.find(id.0)
    }
    pub fn interaction(&self, id: InteractionId) -> Option<&Interaction> {
        self.find(id.0)
    }
    pub fn commitment(&self, id: CommitmentId) -> Option<&Commitment> {
        self.find(id.0)
    }
    pub fn review(&self, id: ReviewId) -> Option<&Review> {
        self.find(id.0)
    }
    pub fn celebration(&self, id: CelebrationId) -> Option<&Celebration> {
        self.find(id.0)
    }

    /// Number of records of every kind together.
    pub fn record_count(&self) -> usize {
        self.list_lengths().iter().sum()
    }

    /// How many records each list holds, in file order: partners, goals, milestones, log
    /// entries, commitments, reviews, celebrations.
    pub fn list_lengths(&self) -> [usize; ListKind::COUNT] {
        struct Lengths<'a>(&'a Workspace, [usize; ListKind::COUNT]);
        impl EachKind for Lengths<'_> {
            fn kind<R: Record>(&mut self) {
                self.1[R::LIST as usize] = R::list(self.0).len();
            }
        }
        let mut lengths = Lengths(self, [0; ListKind::COUNT]);
        each_kind(&mut lengths);
        lengths.1
    }
}

impl Workspace {
    /// Moves every date and time in the workspace by `days` (negative moves back): every
    /// record's ([`Record::shift_dates`]) and the review drafts'.
    pub fn shift_dates(&mut self, days: i64) {
        struct Shift<'a>(&'a mut Workspace, i64);
        impl EachKind for Shift<'_> {
            fn kind<R: Record>(&mut self) {
                for r in R::list_mut(self.0).iter_mut() {
                    r.shift_dates(self.1);
                }
            }
        }
        each_kind(&mut Shift(self, days));
        for s in &mut self.snoozes {
            shift_date(&mut s.until, days);
        }
        for r in &mut self.received {
            shift_date(&mut r.received, days);
        }
        for d in &mut self.drafts {
            shift_date(&mut d.started, days);
            for a in &mut d.actions {
                shift_opt(&mut a.due, days);
            }
        }
    }
}
