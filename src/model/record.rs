//! The `Record` trait: what every kind of record the workspace keeps in a list by id has in
//! common (its id, its partner, its name in messages, the list it lives in). Code that works on
//! "a record" — adding or replacing one, finding one, removing one, telling what changed
//! between two versions ([`super::delta`]) — is written once against it.

use super::list::List;
use super::*;

/// A record kept in one of the workspace's id-sorted lists.
pub trait Record: Clone + PartialEq + Send + Sync + 'static {
    /// The kind, as messages and merge conflicts name it ("goal", "log entry").
    const KIND: &'static str;
    /// Which list it is, for [`super::delta::Delta`].
    const LIST: ListKind;
    fn id(&self) -> u64;
    fn set_id(&mut self, id: u64);
    /// The partner it belongs to (a partner belongs to itself).
    fn partner(&self) -> PartnerId;
    fn list(ws: &Workspace) -> &List<Self>;
    fn list_mut(ws: &mut Workspace) -> &mut List<Self>;
}

/// The seven lists of records, in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ListKind {
    Partners,
    Goals,
    Milestones,
    Interactions,
    Commitments,
    Reviews,
    Celebrations,
}

impl ListKind {
    pub const ALL: [ListKind; 7] = [
        ListKind::Partners,
        ListKind::Goals,
        ListKind::Milestones,
        ListKind::Interactions,
        ListKind::Commitments,
        ListKind::Reviews,
        ListKind::Celebrations,
    ];
}

macro_rules! record {
    ($ty:ty, $id:ident, $kind:literal, $list:ident, $which:ident, |$r:ident| $partner:expr) => {
        impl Record for $ty {
            const KIND: &'static str = $kind;
            const LIST: ListKind = ListKind::$which;
            fn id(&self) -> u64 {
                self.id.0
            }
            fn set_id(&mut self, id: u64) {
                self.id = $id(id);
            }
            fn partner(&self) -> PartnerId {
                let $r = self;
                $partner
            }
            fn list(ws: &Workspace) -> &List<Self> {
                &ws.$list
            }
            fn list_mut(ws: &mut Workspace) -> &mut List<Self> {
                &mut ws.$list
            }
        }
    };
}

record!(Partner, PartnerId, "partner", partners, Partners, |r| r.id);
record!(Goal, GoalId, "goal", goals, Goals, |r| r.partner);
record!(
    Milestone,
    MilestoneId,
    "milestone",
    milestones,
    Milestones,
    |r| r.partner
);
record!(
    Interaction,
    InteractionId,
    "log entry",
    interactions,
    Interactions,
    |r| r.partner
);
record!(
    Commitment,
    CommitmentId,
    "commitment",
    commitments,
    Commitments,
    |r| r.partner
);
record!(Review, ReviewId, "review", reviews, Reviews, |r| r.partner);
record!(
    Celebration,
    CelebrationId,
    "celebration",
    celebrations,
    Celebrations,
    |r| r.partner
);

/// Whether [`Workspace::upsert`] added a record or replaced one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upserted {
    Added(u64),
    Replaced(u64),
}

impl Workspace {
    /// The position of the record with this id in its list.
    pub fn position<R: Record>(&self, id: u64) -> Option<usize> {
        R::list(self).binary_search_by_key(&id, R::id).ok()
    }

    /// The record with this id.
    pub fn find<R: Record>(&self, id: u64) -> Option<&R> {
        let list = R::list(self);
        self.position::<R>(id).map(|i| &list[i])
    }

    /// The record with this id, to change (copies only the chunk that holds it).
    pub fn find_mut<R: Record>(&mut self, id: u64) -> Option<&mut R> {
        let i = self.position::<R>(id)?;
        R::list_mut(self).get_mut(i)
    }

    /// Adds a record (id 0: it gets a fresh id, and goes at the end, ids only growing) or
    /// replaces the record with its id. `None` when it names an id that is not there, or no
    /// ids are left.
    pub fn upsert<R: Record>(&mut self, mut record: R) -> Option<Upserted> {
        if record.id() == 0 {
            let id = self.try_allocate_id().ok()?;
            record.set_id(id);
            R::list_mut(self).push(record);
            return Some(Upserted::Added(id));
        }
        let id = record.id();
        let slot = self.find_mut::<R>(id)?;
        *slot = record;
        Some(Upserted::Replaced(id))
    }

    /// Removes the record with this id (only it: see the callers for what goes with it).
    pub fn remove<R: Record>(&mut self, id: u64) -> Option<R> {
        let i = self.position::<R>(id)?;
        Some(R::list_mut(self).remove(i))
    }
}
