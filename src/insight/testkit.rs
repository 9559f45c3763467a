//! Test helpers (compiled for tests only): terse builders for workspaces with hand-picked dates.

use crate::model::*;
use chrono::{NaiveDate, NaiveDateTime};

use super::index::{Index, PartnerRecords};

pub use crate::model::{Outcome, PartnerId, Side};

pub fn day(s: &str) -> NaiveDate {
    s.parse().expect("a YYYY-MM-DD date")
}

pub fn at(s: &str) -> NaiveDateTime {
    day(s).and_hms_opt(10, 0, 0).unwrap()
}

/// A workspace under construction.
pub struct Kit {
    pub ws: Workspace,
}

impl Kit {
    pub fn new() -> Self {
        Kit {
            ws: Workspace::named("Us"),
        }
    }

    /// Counter ids (1, 2, 3…: tests name records by them), as version 1 files hold.
    fn id(&mut self) -> u64 {
        self.ws.max_id() + 1
    }

    pub fn partner(&mut self, name: &str, since: &str) -> PartnerId {
        let id = PartnerId(self.id());
        self.ws.partners.push(Partner::new(id, name, day(since)));
        id
    }

    pub fn partner_mut(&mut self, id: PartnerId) -> &mut Partner {
        self.ws.partner_mut(id).unwrap()
    }

    pub fn talk(&mut self, partner: PartnerId, date: &str, by: Side) -> InteractionId {
        let id = InteractionId(self.id());
        self.ws.interactions.push(Interaction {
            authors: Default::default(),
            id,
            partner,
            at: at(date),
            channel: Channel::Call,
            initiated_by: by,
            summary: format!("talk {}", id.0),
            sentiment: None,
            follow_up: None,
        });
        id
    }

    pub fn follow_up(
        &mut self,
        partner: PartnerId,
        date: &str,
        due: &str,
        done: Option<&str>,
    ) -> InteractionId {
        let id = self.talk(partner, date, Side::Us);
        let last = self.ws.interactions.last_mut().unwrap();
        last.follow_up = Some(FollowUp {
            owner: None,
            what: format!("follow up {}", id.0),
            due: day(due),
            done: done.map(day),
        });
        id
    }

    #[allow(clippy::too_many_arguments)]
    pub fn goal(
        &mut self,
        partner: PartnerId,
        baseline: f64,
        target: Option<f64>,
        current: f64,
        start: &str,
        due: Option<&str>,
    ) -> GoalId {
        let id = GoalId(self.id());
        self.ws.goals.push(Goal {
            authors: Default::default(),
            id,
            partner,
            title: format!("goal {}", id.0),
            metric: "things".into(),
            unit: String::new(),
            baseline,
            target,
            current,
            owner: Owner::Joint,
            start: day(start),
            due: due.map(day),
            status: GoalStatus::Active,
        });
        id
    }

    pub fn milestone(&mut self, partner: PartnerId, due: &str, done: Option<&str>) -> MilestoneId {
        let id = MilestoneId(self.id());
        self.ws.milestones.push(Milestone {
            authors: Default::default(),
            id,
            partner,
            goal: None,
            title: format!("milestone {}", id.0),
            due: day(due),
            done: done.map(day),
        });
        id
    }

    pub fn promise(
        &mut self,
        partner: PartnerId,
        side: Side,
        due: &str,
        outcome: Option<Outcome>,
    ) -> CommitmentId {
        let id = CommitmentId(self.id());
        self.ws.commitments.push(Commitment {
            authors: Default::default(),
            owner: None,
            id,
            partner,
            side,
            what: format!("promise {}", id.0),
            due: day(due),
            outcome,
        });
        id
    }

    pub fn review(
        &mut self,
        partner: PartnerId,
        date: &str,
        ratings: Ratings,
        next: Option<&str>,
    ) -> ReviewId {
        let id = ReviewId(self.id());
        self.ws.reviews.push(Review {
            authors: Default::default(),
            id,
            partner,
            date: day(date),
            ratings,
            feedback: String::new(),
            next_review: next.map(day),
        });
        id
    }

    pub fn celebrate(
        &mut self,
        partner: PartnerId,
        date: &str,
        milestone: Option<MilestoneId>,
    ) -> CelebrationId {
        let id = CelebrationId(self.id());
        self.ws.celebrations.push(Celebration {
            authors: Default::default(),
            id,
            partner,
            milestone,
            date: day(date),
            how: "cake".into(),
            with: String::new(),
        });
        id
    }

    /// Runs `f` on the partner's records from a fresh index.
    pub fn with<T>(&self, partner: PartnerId, f: impl FnOnce(&PartnerRecords<'_>) -> T) -> T {
        let idx = Index::build(&self.ws);
        let r = idx.records(&self.ws, partner).expect("a known partner");
        f(&r)
    }
}

pub fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}
