//! `RecordRef`: which record something is about, of any kind, by id — the one reference the
//! attention queue, the palette, jumps and the detail view share.

use crate::model::*;

/// One record of any kind: what an attention item, a palette hit or the detail view is about,
/// and where a jump lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordRef {
    Partner(PartnerId),
    Goal(GoalId),
    Milestone(MilestoneId),
    Interaction(InteractionId),
    Commitment(CommitmentId),
    Review(ReviewId),
    Celebration(CelebrationId),
}

impl RecordRef {
    /// The bare id (unique across kinds, as all ids share one counter).
    pub fn raw(self) -> u64 {
        match self {
            RecordRef::Partner(i) => i.0,
            RecordRef::Goal(i) => i.0,
            RecordRef::Milestone(i) => i.0,
            RecordRef::Interaction(i) => i.0,
            RecordRef::Commitment(i) => i.0,
            RecordRef::Review(i) => i.0,
            RecordRef::Celebration(i) => i.0,
        }
    }
}

impl RecordRef {
    /// The partner the record belongs to: a partner's own id, else looked up (`None` when the
    /// record is gone).
    pub fn partner(self, ws: &Workspace) -> Option<PartnerId> {
        match self {
            RecordRef::Partner(id) => Some(id),
            RecordRef::Goal(id) => ws.goal(id).map(|r| r.partner),
            RecordRef::Milestone(id) => ws.milestone(id).map(|r| r.partner),
            RecordRef::Interaction(id) => ws.interaction(id).map(|r| r.partner),
            RecordRef::Commitment(id) => ws.commitment(id).map(|r| r.partner),
            RecordRef::Review(id) => ws.review(id).map(|r| r.partner),
            RecordRef::Celebration(id) => ws.celebration(id).map(|r| r.partner),
        }
    }
}

impl RecordRef {
    /// The team member whose item about this record (of `partner`) is: the one a follow-up or
    /// one of our commitments is assigned to (else whoever added it), else the partner's owner.
    pub fn owner(self, ws: &Workspace, partner: PartnerId) -> Option<&str> {
        let assigned = match self {
            RecordRef::Interaction(id) => ws.interaction(id).and_then(|x| x.follow_up_owner()),
            RecordRef::Commitment(id) => ws.commitment(id).and_then(|c| c.keeper()),
            _ => None,
        };
        assigned.or_else(|| ws.partner(partner).and_then(|p| p.owner.as_deref()))
    }
}
