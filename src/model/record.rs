//! The `Record` trait: what every kind of record the workspace keeps in a list by id has in
//! common (its id, its partner, its name in messages, the list it lives in). Code that works on
//! "a record" — adding or replacing one, finding one, removing one, telling what changed
//! between two versions ([`super::delta`]) — is written once against it.

use super::list::List;
use super::*;

/// A record kept in one of the workspace's id-sorted lists.
pub trait Record:
    Clone + PartialEq + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static
{
    /// The kind, as messages and merge conflicts name it ("goal", "log entry").
    const KIND: &'static str;
    /// Which list it is, for [`super::delta::Delta`].
    const LIST: ListKind;
    /// The date or time a partner's records of this kind are ordered by (a goal's start, a
    /// milestone's or commitment's due date, a log entry's time…).
    type When: Ord + Copy;
    fn when(&self) -> Self::When;
    fn id(&self) -> u64;
    fn set_id(&mut self, id: u64);
    /// The partner it belongs to (a partner belongs to itself).
    fn partner(&self) -> PartnerId;
    fn list(ws: &Workspace) -> &List<Self>;
    fn list_mut(ws: &mut Workspace) -> &mut List<Self>;
    /// Hands the record to the visitor's method for its kind (for what differs by kind, such
    /// as validation).
    fn visit(&self, v: &mut impl Visit);
}

/// What is done to a record, one method per kind ([`Record::visit`]).
pub trait Visit {
    fn partner(&mut self, r: &Partner);
    fn goal(&mut self, r: &Goal);
    fn milestone(&mut self, r: &Milestone);
    fn interaction(&mut self, r: &Interaction);
    fn commitment(&mut self, r: &Commitment);
    fn review(&mut self, r: &Review);
    fn celebration(&mut self, r: &Celebration);
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
    ($ty:ty, $id:ident, $kind:literal, $list:ident, $which:ident, |$r:ident| $partner:expr,
     $when:ident: $when_ty:ty, $visit:ident) => {
        impl Record for $ty {
            const KIND: &'static str = $kind;
            const LIST: ListKind = ListKind::$which;
            type When = $when_ty;
            fn when(&self) -> $when_ty {
                self.$when
            }
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
            fn visit(&self, v: &mut impl Visit) {
                v.$visit(self)
            }
        }
    };
}

type Date = chrono::NaiveDate;
record!(Partner, PartnerId, "partner", partners, Partners, |r| r.id, since: Date, partner);
record!(Goal, GoalId, "goal", goals, Goals, |r| r.partner, start: Date, goal);
record!(Milestone, MilestoneId, "milestone", milestones, Milestones, |r| r.partner, due: Date,
    milestone);
record!(Interaction, InteractionId, "log entry", interactions, Interactions, |r| r.partner,
    at: chrono::NaiveDateTime, interaction);
record!(Commitment, CommitmentId, "commitment", commitments, Commitments, |r| r.partner,
    due: Date, commitment);
record!(Review, ReviewId, "review", reviews, Reviews, |r| r.partner, date: Date, review);
record!(Celebration, CelebrationId, "celebration", celebrations, Celebrations, |r| r.partner,
    date: Date, celebration);

/// Something done once for each kind of record ([`each_kind`]): the one list of the kinds, so
/// that code over "every kind" is written once, generically.
pub trait EachKind {
    fn kind<R: Record>(&mut self);
}

/// Calls `v` for every kind of record, in file order: partners, goals, milestones, log
/// entries, commitments, reviews, celebrations. A new kind is added here (and to
/// [`ListKind`]) and every caller covers it.
pub fn each_kind(v: &mut impl EachKind) {
    v.kind::<Partner>();
    v.kind::<Goal>();
    v.kind::<Milestone>();
    v.kind::<Interaction>();
    v.kind::<Commitment>();
    v.kind::<Review>();
    v.kind::<Celebration>();
}

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
